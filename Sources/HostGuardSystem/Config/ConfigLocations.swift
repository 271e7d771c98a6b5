/// Where config lives. `HOSTGUARD_CONFIG` replaces the system file and conf.d (the contract in
/// DESIGN.md); `HOSTGUARD_CONFIG_DIR` relocates /etc/hostguard (its hostguard.toml and conf.d);
/// the user's own file adds looks only.
public struct ConfigLocations: Equatable, Sendable {
    public var systemFile: String
    /// nil when HOSTGUARD_CONFIG names a file: then conf.d is not read.
    public var systemDropInDirectory: String?
    public var userFile: String?
    /// True when HOSTGUARD_CONFIG named `systemFile`: then a missing file is a mistake to report
    /// (issue 12), not a host that is simply not configured yet.
    public var systemFileNamedExplicitly: Bool

    public static let defaultSystemFile = "/etc/hostguard/hostguard.toml"
    public static let defaultDropInDirectory = "/etc/hostguard/conf.d"

    public init(systemFile: String, systemDropInDirectory: String?, userFile: String?, systemFileNamedExplicitly: Bool = false) {
        self.systemFile = systemFile
        self.systemDropInDirectory = systemDropInDirectory
        self.userFile = userFile
        self.systemFileNamedExplicitly = systemFileNamedExplicitly
    }

    /// From the process environment: HOSTGUARD_CONFIG, HOSTGUARD_CONFIG_DIR, XDG_CONFIG_HOME, HOME.
    public static func fromEnvironment(_ getenv: (String) -> String? = system_getenv) -> ConfigLocations {
        let override = getenv("HOSTGUARD_CONFIG").flatMap { $0.isEmpty ? nil : $0 }
        let directory = getenv("HOSTGUARD_CONFIG_DIR").flatMap { $0.hasPrefix("/") ? $0 : nil }
        var userFile: String?
        if let xdg = getenv("XDG_CONFIG_HOME"), xdg.hasPrefix("/") {
            userFile = xdg + "/hostguard/config.toml"
        } else if let home = getenv("HOME"), home.hasPrefix("/") {
            userFile = home + "/.config/hostguard/config.toml"
        }
        return ConfigLocations(
            systemFile: override ?? directory.map { $0 + "/hostguard.toml" } ?? defaultSystemFile,
            systemDropInDirectory: override != nil ? nil : directory.map { $0 + "/conf.d" } ?? defaultDropInDirectory,
            userFile: userFile, systemFileNamedExplicitly: override != nil)
    }

    /// The system files to read, in order: the main file, then conf.d/*.toml sorted by name.
    public func systemFiles() -> [String] {
        var files = [systemFile]
        if let directory = systemDropInDirectory, let names = try? system_listDirectory(directory) {
            files += names.filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") }.sorted().map { directory + "/" + $0 }
        }
        return files
    }
}

import Foundation

/// A private copy of every host location hostguard reads or writes, so no test touches the
/// host's: its own state directory (instead of /run/hostguard: role.state, stale-mounts), config
/// directory (instead of /etc/hostguard; empty unless a test writes hostguard.toml into it),
/// trash registry (instead of /var/lib/hostguard/trash-folders), HOME (no dotfiles; the user's
/// config and cache under it) and XDG_RUNTIME_DIR.
///
/// `runProcess` starts every child with `HermeticEnvironment.shared.variables` underneath the
/// test's own, so a test that says nothing is hermetic; a test that keeps state between runs
/// (a refreshed role, a quarantine) makes its own `HermeticEnvironment()` and passes
/// `variables` — removed when it goes away.
///
/// Quarantine folders sit at the root of the filesystem of what is quarantined, which no
/// variable can move: a test that quarantines does it under a tmpfs in a private mount
/// namespace (see `GuardIntegrationTests.quarantineRoundTrip`), so no `.hostguard-trash` of the
/// host is ever opened. The XDG_CONFIG/CACHE/STATE_HOME variables are left unset (no test
/// inherits the developer's), so the user's files follow HOME, which a test may set itself.
final class HermeticEnvironment: @unchecked Sendable {
    let directory: TemporaryDirectory
    var root: String { directory.path }
    /// HOSTGUARD_STATE_DIR (stands for /run/hostguard).
    var stateDirectory: String { root + "/run" }
    /// HOSTGUARD_CONFIG_DIR (stands for /etc/hostguard): `config` is its hostguard.toml.
    var configDirectory: String { root + "/etc" }
    var config: String { configDirectory + "/hostguard.toml" }
    /// HOSTGUARD_TRASH_REGISTRY (stands for /var/lib/hostguard/trash-folders).
    var trashRegistry: String { root + "/lib/trash-folders" }
    /// HOSTGUARD_SWITCH_ROOT (stands for / when reading /run/nologin, /etc/nologin and
    /// /run/reboot-required): empty, so the host's switches never show in a test's prompt.
    var switchRoot: String { root + "/switches" }
    /// HOME: empty but for a blank .zshrc (zsh offers its new-user wizard in a home without one).
    var home: String { root + "/home" }
    /// HOSTGUARD_MACHINE_INFO (stands for /etc/machine-info, systemd's DEPLOYMENT=): absent
    /// unless a test writes it.
    var machineInfo: String { root + "/machine-info" }
    /// XDG_RUNTIME_DIR (the prompt's config cache lives there when it exists).
    var runtimeDirectory: String { root + "/runtime" }

    /// Every child of the tests starts with these underneath its own variables.
    static let shared: HermeticEnvironment = {
        do {
            let environment = try HermeticEnvironment()
            sharedRoot = strdup(environment.root)
            atexit { if let root = sharedRoot { _ = try? FileManager.default.removeItem(atPath: String(cString: root)) } }
            return environment
        } catch {
            fatalError("cannot make the tests' private state directories under /tmp: \(error)")
        }
    }()

    init() throws {
        directory = try TemporaryDirectory()
        // 0755 so that tests running a shell as another user (postgres) can still read it.
        chmod(root, 0o755)
        for path in [stateDirectory, configDirectory, root + "/lib", home, switchRoot] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }
        try FileManager.default.createDirectory(atPath: runtimeDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try "# empty: no test reads the user's own startup files\n".write(toFile: home + "/.zshrc", atomically: false, encoding: .utf8)
    }

    var variables: [String: String] {
        [
            "HOSTGUARD_STATE_DIR": stateDirectory,
            "HOSTGUARD_CONFIG_DIR": configDirectory,
            "HOSTGUARD_TRASH_REGISTRY": trashRegistry,
            "HOSTGUARD_SWITCH_ROOT": switchRoot,
            "HOSTGUARD_MACHINE_INFO": machineInfo,
            "HOME": home,
            "XDG_RUNTIME_DIR": runtimeDirectory,
        ]
    }

    /// `KEY=value` words for `env` or an envp.
    var assignments: [String] {
        variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }
}

nonisolated(unsafe) private var sharedRoot: UnsafeMutablePointer<CChar>?

import HostGuardCore

/// Gathers what `ConfigFileTrust` decides on: every directory, symbolic link and the final file
/// on the way to a config file, walked one component at a time with lstat(2) and readlink(2),
/// as path resolution does (path_resolution(7)), so every directory the final target is
/// reached through is seen, whatever links lead there.
public enum ConfigTrust {
    /// nil when trusted, or when the file is absent (the reader reports that); else why not.
    public static func problem(with path: String) -> String? {
        guard let steps = steps(to: path) else { return nil }
        return ConfigFileTrust.problem(steps: steps)
    }

    /// The steps to `path`, the file last; nil when a component is missing or unreadable (the
    /// reader then says what is wrong) or the links loop (more than 40, as the kernel's
    /// MAXSYMLINKS: path_resolution(7)).
    static func steps(to path: String) -> [PathStep]? {
        var seen: [String: FileStatus] = [:]
        return steps(to: path, seen: &seen)
    }

    /// As above, remembering each lstat in `seen`: the prompt's cache check walks several files
    /// under the same directories and needs each directory looked at once.
    static func steps(to path: String, seen: inout [String: FileStatus]) -> [PathStep]? {
        func lstat(_ path: String) -> FileStatus? {
            if let known = seen[path] { return known }
            let info = try? system_stat(path, followSymlinks: false)
            seen[path] = info
            return info
        }
        var pending = components(of: absolute(path))[...]
        var resolved = "/"
        guard let root = lstat("/") else { return nil }
        var steps = [PathStep("/", .directory, owner: root.owner, permissions: root.permissions)]
        var links = 0
        while let name = pending.popFirst() {
            if name == "." { continue }
            if name == ".." { resolved = parent(of: resolved); continue }
            let candidate = resolved == "/" ? "/" + name : resolved + "/" + name
            guard let info = lstat(candidate) else { return nil }
            if info.isSymlink {
                links += 1
                guard links <= 40, let target = try? system_readlink(candidate) else { return nil }
                steps.append(PathStep(candidate, .symlink, owner: info.owner, permissions: info.permissions))
                if target.hasPrefix("/") { resolved = "/" }
                pending = (components(of: target) + pending)[...]
                continue
            }
            let last = pending.allSatisfy { $0 == "." }
            steps.append(PathStep(candidate, info.isDirectory && !last ? .directory : .file,
                                  owner: info.owner, permissions: info.permissions))
            resolved = candidate
        }
        return steps
    }

    static func components(of path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }

    /// A relative HOSTGUARD_CONFIG is taken from the current directory, as open(2) would.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let cwd = try? system_currentDirectory() else { return "/" + path }
        return String(decoding: cwd, as: UTF8.self) + "/" + path
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}

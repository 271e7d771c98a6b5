import HostGuardCore

/// Finds the program to exec the way execvp(3) does, except that it skips hostguard itself:
/// when `rm` on PATH is a link to this binary (an install that put `guard` links first), the
/// guard must reach the real rm, not itself again.
public enum CommandLocator {
    public enum Failure: Error, Equatable {
        case notFound
        case notExecutable([UInt8])
    }

    public static func locate(_ name: [UInt8], path: String?) -> Result<[UInt8], Failure> {
        if name.contains(0x2F) {
            return system_isExecutableFile(name) ? .success(name) : .failure(.notExecutable(name))
        }
        let me = system_selfExecutable()
        let directories = (path ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .split(separator: ":", omittingEmptySubsequences: false)
        var sawNonExecutable: [UInt8]?
        for directory in directories {
            // An empty PATH element means the current directory (execvp(3)).
            let base = directory.isEmpty ? [0x2E] : Array(directory.utf8)
            let candidate = base + [0x2F] + name
            guard let status = try? system_stat(bytes: candidate, followSymlinks: true) else { continue }
            if let me, status.device == me.device && status.inode == me.inode { continue }
            if system_isExecutableFile(candidate) { return .success(candidate) }
            sawNonExecutable = sawNonExecutable ?? candidate
        }
        return .failure(sawNonExecutable.map(Failure.notExecutable) ?? .notFound)
    }
}

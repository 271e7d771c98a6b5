/// What lstat(2) and readlink(2) say about one path, as the resolver needs it.
public enum PathEntry: Sendable, Equatable {
    case missing
    case directory
    case symlink(target: [UInt8])
    /// A regular file, device, socket …
    case other
    /// Could not be looked at (permission denied …): the assessment is then incomplete.
    case failed(String)
    /// `/proc/PID/root` or `/proc/PID/cwd`: a magic link the kernel follows into that process's
    /// own view (another mount namespace, a container), not by its text. Resolution goes on
    /// below it as written, and absolute symlinks below it start again at that process's root
    /// (proc(5), /proc/pid/root).
    case processView
}

/// The file system as the resolver sees it; the System target reads the real one.
public protocol FileSystemView {
    func entry(at path: RawPath) -> PathEntry
}

/// A target after resolution: the real absolute path the command will act on.
public struct ResolvedPath: Sendable, Equatable {
    public var spelled: RawPath
    /// Absolute, no `.`/`..`, every symlink the tool follows followed.
    public var real: RawPath
    public var exists: Bool
    /// The command acts on a symlink itself (`rm link`), not on what it points to.
    public var isSymlinkItself: Bool
    /// Symlinks followed on the way, "link → target", for the banner.
    public var followed: [String]
    /// Why the resolution is incomplete, if it is (permission denied, symlink loop).
    public var problem: String?
}

/// Resolves a path the way the kernel does for the tool (path_resolution(7)): from the real cwd,
/// component by component, following symlinks in every directory component, `..` applied to the
/// resolved directory (so `link/..` is the parent of the link's target, not the cwd), and the last
/// component followed only when the tool follows it or a trailing slash asks for a directory.
/// Pure: the file system arrives as a `FileSystemView`, so every case is a table test.
public enum PathResolver {
    /// Linux's MAXSYMLINKS (include/linux/namei.h).
    static let maximumSymlinks = 40

    public static func resolve(
        _ spelled: RawPath, cwd: RawPath, followFinalSymlink: Bool, in view: some FileSystemView
    ) -> ResolvedPath {
        // An empty name names nothing (ENOENT for every tool), not the current directory.
        if spelled.bytes.isEmpty {
            return ResolvedPath(spelled: spelled, real: spelled, exists: false, isSymlinkItself: false, followed: [], problem: nil)
        }
        let followFinal = followFinalSymlink || spelled.namesDirectoryExplicitly
        var current: [[UInt8]] = spelled.isAbsolute ? [] : cwd.components
        var pending = Array(spelled.components.reversed())
        var followed: [String] = []
        var problem: String?
        var exists = true
        var isSymlinkItself = false
        var hops = 0
        // Once a component is missing or unreadable, the rest is taken as written.
        var lexical = false
        // The root absolute symlinks resolve against: `/`, or a process's root seen through
        // /proc/PID/root.
        var root: [[UInt8]] = []

        while let component = pending.popLast() {
            if component == [0x2E] { continue }
            if component == [0x2E, 0x2E] {
                // `..` at a root stays there (path_resolution(7)), a process's root included.
                if current.count > root.count { current.removeLast() }
                continue
            }
            let candidate = current + [component]
            if lexical {
                current = candidate
                continue
            }
            let isLast = pending.allSatisfy { $0 == [0x2E] }
            let entry = view.entry(at: .absolute(candidate))
            switch entry {
            case .missing:
                exists = false
                lexical = true
                current = candidate
            case .failed(let message):
                problem = problem ?? message
                lexical = true
                current = candidate
            case .directory, .other:
                current = candidate
            case .processView:
                current = candidate
                root = candidate.last == Array("cwd".utf8) ? Array(candidate.dropLast()) + [Array("root".utf8)] : candidate
            case .symlink(let target):
                if isLast && !followFinal {
                    isSymlinkItself = true
                    current = candidate
                    continue
                }
                hops += 1
                if hops > maximumSymlinks {
                    problem = "too many levels of symbolic links at \(RawPath.absolute(candidate))"
                    lexical = true
                    current = candidate
                    continue
                }
                followed.append("\(RawPath.absolute(candidate)) → \(RawPath(target))")
                let link = RawPath(target)
                if link.isAbsolute { current = root }
                pending += link.components.reversed()
            }
        }
        return ResolvedPath(
            spelled: spelled, real: .absolute(current), exists: exists, isSymlinkItself: isSymlinkItself,
            followed: followed, problem: problem)
    }
}

import HostGuardCore

/// The real file system as `PathResolver` sees it: lstat(2) and readlink(2), nothing followed.
/// With `mounts`, a path on a network or FUSE mount is looked at only once that mount has
/// answered a look-up within the bound; one that does not answer is reported as such and never
/// touched again.
public struct LiveFileSystem: FileSystemView {
    let mounts: MountLiveness?

    public init() { self.mounts = nil }
    init(mounts: MountLiveness) { self.mounts = mounts }

    public func entry(at path: RawPath) -> PathEntry {
        if let mounts, let silent = mounts.notAnswering(path) {
            return .failed("mount \(silent) not answering")
        }
        // /proc/PID/root and /proc/PID/cwd: the kernel follows these into the process's view.
        let components = path.components
        if components.count == 3, components[0] == Array("proc".utf8), components[1].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
           components[2] == Array("root".utf8) || components[2] == Array("cwd".utf8) {
            return .processView
        }
        do {
            let status = try system_stat(bytes: path.bytes, followSymlinks: false)
            if status.isSymlink {
                return .symlink(target: try system_readlink(bytes: path.bytes))
            }
            return status.isDirectory ? .directory : .other
        } catch {
            if error.isNotFound { return .missing }
            return .failed(error.description)
        }
    }
}

/// Which network and FUSE mounts answer, asked once per mount and within a bound.
final class MountLiveness {
    let table: MountTable?
    let boundMilliseconds: Int
    /// All the asking together stays under this, so a decision comes within 2 s whatever the
    /// mounts do.
    let totalDeadline: UInt64
    private var answers: [Int: Bool] = [:]
    /// Mount points that did not answer, in the order met.
    private(set) var silent: [String] = []

    init(table: MountTable?, boundMilliseconds: Int = 700) {
        self.table = table
        self.boundMilliseconds = boundMilliseconds
        self.totalDeadline = system_monotonicNanoseconds() + 1_400_000_000
    }

    /// The mount point of the mount holding `path` when that mount does not answer; nil when
    /// it answers or cannot hang (a local file system).
    func notAnswering(_ path: RawPath) -> String? {
        guard let table, let mount = table.mountContaining(path.string), TargetViews.mayNotAnswer(mount) else { return nil }
        return answers(mount, probing: path.bytes) ? nil : mount.mountPoint
    }

    /// Asks `mount` (by looking up `path` on it) unless it was asked already.
    func answers(_ mount: MountEntry, probing path: [UInt8]) -> Bool {
        if let known = answers[mount.mountID] { return known }
        let now = system_monotonicNanoseconds()
        let left = now < totalDeadline ? Int((totalDeadline - now) / 1_000_000) : 0
        let answered = left > 0 && system_lstatWithin(path, milliseconds: min(boundMilliseconds, left)) == .answered
        answers[mount.mountID] = answered
        if !answered && !silent.contains(mount.mountPoint) { silent.append(mount.mountPoint) }
        return answered
    }
}

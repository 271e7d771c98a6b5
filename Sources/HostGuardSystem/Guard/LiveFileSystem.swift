import HostGuardCore

/// The real file system as `PathResolver` sees it: lstat(2) and readlink(2), nothing followed.
public struct LiveFileSystem: FileSystemView {
    public init() {}

    public func entry(at path: RawPath) -> PathEntry {
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

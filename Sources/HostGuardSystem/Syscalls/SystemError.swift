import Glibc
import SystemPackage

/// A failed system call, described for an operator: what was attempted, on what, why it failed
/// and (where there is one) what to do about it.
/// "readlink /proc/42/cwd: Permission denied (run as root to see every process)"
public struct SystemError: Error, Equatable, CustomStringConvertible, Sendable {
    public var operation: String
    public var path: String?
    public var errno: Errno
    /// Said instead of strerror's text when the errno alone would mislead ("not a regular file
    /// (FIFO)" is clearer than EINVAL's "Invalid argument").
    public var reason: String?
    public var hint: String?

    public init(_ operation: String, path: String? = nil, errno: Errno, reason: String? = nil, hint: String? = nil) {
        self.operation = operation
        self.path = path
        self.errno = errno
        self.reason = reason
        self.hint = hint
    }

    public var description: String {
        var text = operation
        if let path { text += " " + path }
        text += ": " + (reason ?? String(cString: strerror(errno.rawValue)))
        if let hint { text += " (\(hint))" }
        return text
    }

    public var isNotFound: Bool { errno == .noSuchFileOrDirectory || errno == .notDirectory }
    public var isPermissionDenied: Bool { errno == .permissionDenied || errno == .notPermitted }
    /// The process went away while we looked: expected during /proc scans, not an error.
    public var isProcessGone: Bool { errno == .noSuchProcess || errno == .noSuchFileOrDirectory }
}

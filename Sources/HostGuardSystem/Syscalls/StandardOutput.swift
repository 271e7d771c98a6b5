import Glibc

/// A buffered `TextOutputStream` over a file descriptor: renderers write to it as to a string,
/// and it reaches the fd in one write(2) at `flush()` (print() would pull in more machinery and
/// flush line by line).
public struct StandardOutput: TextOutputStream {
    private var buffer: [UInt8] = []
    private let fd: Int32

    public init(fd: Int32 = 1) {
        self.fd = fd
        buffer.reserveCapacity(512)
    }

    public mutating func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
    }

    public mutating func flush() {
        try? system_writeAll(fd, buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// One line on stderr, for errors and warnings: "hostguard: <message>".
public func system_printError(_ message: String) {
    var output = StandardOutput(fd: 2)
    output.write("hostguard: " + message + "\n")
    output.flush()
}

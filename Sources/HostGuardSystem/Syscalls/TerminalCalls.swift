import CReadline
import Glibc
import SystemPackage

// Terminals: isatty(3), ttyname(3), /dev/tty, and GNU readline for the typed host name.

public func system_isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

/// The terminal on fd 0, 1 or 2, as ttyname(3) names it.
public func system_terminalName() -> String? {
    for fd: Int32 in [0, 1, 2] {
        if let name = ttyname(fd) { return String(cString: name) }
    }
    return nil
}

/// The controlling terminal, opened read-write; fails with ENXIO when there is none.
public func system_openControllingTerminal() throws(SystemError) -> Int32 {
    try valueOrErrno("open", path: "/dev/tty") { open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY) }
}

/// Reads one line on the terminal `fd` with GNU readline: completion off, nothing added to
/// history, Ctrl-C/SIGTERM/SIGHUP reported as interrupted (see CReadline's shim.h).
public func system_readLine(prompt: String, terminal fd: Int32) -> (line: String?, interrupted: Bool) {
    var interrupted: Int32 = 0
    let line = CReadline_askOnTerminal(prompt, fd, &interrupted)
    defer { free(line) }
    return (line.map { String(cString: $0) }, interrupted != 0)
}

import Glibc
import SystemPackage

// Every raw libc call HostGuardSystem makes is a `system_*` function in this folder, one file per
// syscall family (swift-system's Internals/Syscalls.swift habit): FileCalls, FileReadCalls,
// StatCalls, PathCalls, DirectoryCalls, ProcessCalls, SpawnCalls, TerminalCalls, TimeCalls,
// HostCalls, NetworkCalls, SyslogCalls, ThreadCalls, ProcMapQueryCalls, MountEventCalls, Deadline. One wrapper per
// call, one errno path (below), distinct names for distinct meanings. No file outside this folder
// imports Glibc.

/// Runs `call` until it does not fail with EINTR; -1 becomes a `SystemError` naming `operation`
/// and `path` (built only on failure).
@inline(__always)
func valueOrErrno<T: FixedWidthInteger>(
    _ operation: String, path: @autoclosure () -> String? = nil, _ call: () -> T
) throws(SystemError) -> T {
    while true {
        let result = call()
        if result != -1 { return result }
        let code = currentErrno()
        if code == .interrupted { continue }
        throw SystemError(operation, path: path(), errno: code)
    }
}

/// errno of the call that just failed.
@inline(__always)
func currentErrno() -> Errno { Errno(rawValue: Glibc.errno) }

/// A byte path (names need not be UTF-8: the guard acts on exactly the name typed) as a C string.
@inline(__always)
func withCPath<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) throws(SystemError) -> T) throws(SystemError) -> T {
    var terminated = path
    terminated.append(0)
    return try terminated.withUnsafeBufferPointer { buffer in
        Result { () throws(SystemError) in
            try buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer throws(SystemError) in
                try body(pointer)
            }
        }
    }.get()
}

/// A byte path for a message (invalid UTF-8 shows as U+FFFD).
func describePath(_ path: [UInt8]) -> String { String(decoding: path, as: UTF8.self) }

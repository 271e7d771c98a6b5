import Glibc
import SystemPackage

// The calls the /proc readers make. Each is a thin wrapper: errno becomes `SystemError`, EINTR is
// retried (see `valueOrErrno` in Syscalls.swift).

/// readlink(2), whole target, as text (bytes that are not UTF-8 become U+FFFD: targets are for
/// display; placement goes by mount id).
public func system_readlink(_ path: String) throws(SystemError) -> String {
    try system_readlinkAt(AT_FDCWD, path)
}

/// readlinkat(2) relative to a directory fd (a /proc/<pid> handle: one lookup of the pid).
public func system_readlinkAt(_ directory: Int32, _ path: String) throws(SystemError) -> String {
    var size = 256
    while true {
        var buffer = [UInt8](repeating: 0, count: size)
        let count = try buffer.withUnsafeMutableBytes { raw in
            Result { () throws(SystemError) in
                try valueOrErrno("readlink", path: path) {
                    readlinkat(directory, path, raw.baseAddress!.assumingMemoryBound(to: CChar.self), size)
                }
            }
        }.get()
        if count < size { return String(decoding: buffer[0..<count], as: UTF8.self) }
        size *= 4
        if size > 1 << 20 { return String(decoding: buffer, as: UTF8.self) }
    }
}

/// Opens a directory for use with the *At calls (O_DIRECTORY | O_CLOEXEC).
public func system_openDirectory(_ path: String) throws(SystemError) -> Int32 {
    try valueOrErrno("open", path: path) { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
}

/// open(O_PATH) of `path` relative to `directory`, following a final /proc magic link.
///
/// Why this is safe on a dead NFS server: an O_PATH open carries no LOOKUP_OPEN intent, so NFS's
/// close-to-open revalidation is not triggered (fs/nfs/dir.c `nfs_lookup_verify_inode` only goes
/// to the wire for LOOKUP_OPEN or LOOKUP_REVAL), and O_PATH never calls the file system's ->open
/// (fs/open.c `do_dentry_open`, FMODE_PATH). Nothing is stat'ed. Closing it calls no ->release.
/// O_PATH is a GNU extension Glibc's Swift overlay does not export; its value is the same on
/// every architecture Linux Swift runs on (include/uapi/asm-generic/fcntl.h: 010000000).
let system_O_PATH: Int32 = 0o10000000

public func system_openPathAt(_ directory: Int32, _ path: String) throws(SystemError) -> Int32 {
    try valueOrErrno("open", path: path) { openat(directory, path, system_O_PATH | O_CLOEXEC) }
}

public func system_close(_ fd: Int32) {
    _ = close(fd)
}

/// Reads a small file relative to `directory` into `buffer` (reused across calls: the scan reads
/// tens of thousands of fdinfo files). Returns the byte count; stops at the buffer's size.
public func system_readSmallFileAt(_ directory: Int32, _ path: String, into buffer: inout [UInt8]) throws(SystemError) -> Int {
    let fd = try valueOrErrno("open", path: path) { openat(directory, path, O_RDONLY | O_CLOEXEC | O_NOCTTY) }
    defer { close(fd) }
    var total = 0
    while total < buffer.count {
        let got = try buffer.withUnsafeMutableBytes { raw in
            Result { () throws(SystemError) in
                try valueOrErrno("read", path: path) { read(fd, raw.baseAddress! + total, raw.count - total) }
            }
        }.get()
        if got == 0 { break }
        total += got
    }
    return total
}

/// Names in a directory fd's subdirectory `path` (used for /proc/<pid>/fd). Unsorted.
public func system_listDirectoryAt(_ directory: Int32, _ path: String) throws(SystemError) -> [String] {
    let fd = try valueOrErrno("open", path: path) { openat(directory, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
    guard let dir = fdopendir(fd) else {
        let code = Errno(rawValue: Glibc.errno)
        close(fd)
        throw SystemError("opendir", path: path, errno: code)
    }
    defer { closedir(dir) }
    return system_directoryNames(dir)
}

/// Seconds since the epoch (CLOCK_REALTIME), for "last run" timestamps.
public func system_wallClockSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// A monotonic clock in nanoseconds, for durations.
public func system_monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

public func system_processID() -> Int32 { getpid() }

public func system_isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

/// openat(O_RDONLY) of a file relative to a directory fd, for reading to EOF.
public func system_openReadAt(_ directory: Int32, _ path: String) throws(SystemError) -> Int32 {
    try valueOrErrno("open", path: path) { openat(directory, path, O_RDONLY | O_CLOEXEC | O_NOCTTY) }
}

/// read(2) into the start of `buffer`; 0 at end of file.
public func system_read(_ fd: Int32, into buffer: inout [UInt8], path: String? = nil) throws(SystemError) -> Int {
    try buffer.withUnsafeMutableBytes { raw in
        Result { () throws(SystemError) in
            try valueOrErrno("read", path: path) { read(fd, raw.baseAddress!, raw.count) }
        }
    }.get()
}

/// `system_readSmallFileAt` for an absolute path.
public func system_readSmallFile(_ path: String, into buffer: inout [UInt8]) throws(SystemError) -> Int {
    try system_readSmallFileAt(AT_FDCWD, path, into: &buffer)
}

// statx(2) is declared by glibc only under _GNU_SOURCE, which the Glibc module does not set; the
// symbol is there since glibc 2.28. Declared here by name, used only through `system_statxCached`.
@_silgen_name("statx")
private func c_statx(_ directory: Int32, _ path: UnsafePointer<CChar>, _ flags: Int32, _ mask: UInt32, _ buffer: UnsafeMutableRawPointer) -> Int32

/// What `system_statxCached` reports: the file's device and inode, and (Linux ≥ 5.8) its mount id.
public struct CachedFileIdentity: Equatable, Sendable {
    public var deviceMajor: UInt32
    public var deviceMinor: UInt32
    public var inode: UInt64
    public var mountID: Int?
}

/// statx(2) with AT_STATX_DONT_SYNC: the attributes the kernel already has in memory, never a
/// round trip to a network server (fs/nfs/inode.c `nfs_getattr` returns the cached attributes
/// for DONT_SYNC; CIFS, Ceph and FUSE honour it too). Following a /proc magic link does not
/// revalidate either (see `system_openPathAt`). Used only for the rare descriptor whose mount no
/// table lists.
public func system_statxCached(_ directory: Int32, _ path: String, mountIDOnly: Bool = false) throws(SystemError) -> CachedFileIdentity {
    // struct statx (include/uapi/linux/stat.h) is 256 bytes; the fields read below sit at fixed
    // offsets. stx_dev_* are filled whatever the mask. On the stack: the scan makes one call per
    // descriptor.
    let statxDontSync: Int32 = 0x4000
    let statxBasicStats: UInt32 = 0x7FF, statxIno: UInt32 = 0x100, statxMountID: UInt32 = 0x1000
    let mask = (mountIDOnly ? statxIno : statxBasicStats) | statxMountID
    return try withUnsafeTemporaryAllocation(byteCount: 256, alignment: 8) { raw in
        Result { () throws(SystemError) in
            _ = try valueOrErrno("statx", path: path) { c_statx(directory, path, statxDontSync, mask, raw.baseAddress!) }
            let returned = raw.load(fromByteOffset: 0, as: UInt32.self)
            return CachedFileIdentity(
                deviceMajor: raw.load(fromByteOffset: 136, as: UInt32.self),
                deviceMinor: raw.load(fromByteOffset: 140, as: UInt32.self),
                inode: raw.load(fromByteOffset: 32, as: UInt64.self),
                mountID: returned & statxMountID != 0 ? Int(raw.load(fromByteOffset: 144, as: UInt64.self)) : nil)
        }
    }.get()
}

/// open(O_PATH | O_DIRECTORY) of a directory relative to another: a handle for *At calls only.
public func system_openDirectoryHandleAt(_ directory: Int32, _ path: String) throws(SystemError) -> Int32 {
    try valueOrErrno("open", path: path) { openat(directory, path, system_O_PATH | O_DIRECTORY | O_CLOEXEC) }
}

/// read(2) into `buffer` from `offset` to its end; 0 at end of file.
public func system_readAt(_ fd: Int32, into buffer: inout [UInt8], offset: Int) throws(SystemError) -> Int {
    try buffer.withUnsafeMutableBytes { raw in
        Result { () throws(SystemError) in
            try valueOrErrno("read") { read(fd, raw.baseAddress! + offset, raw.count - offset) }
        }
    }.get()
}

// ioctl(2) is variadic in C and so not imported; declared here with the one shape used below
// (fd, request, pointer), which is how the kernel reads it on every Linux ABI Swift supports.
@_silgen_name("ioctl")
private func c_ioctl(_ fd: Int32, _ request: UInt, _ argument: UnsafeMutableRawPointer) -> Int32

/// One file-backed mapping as PROCMAP_QUERY reports it.
public struct ProcMapQueryAnswer: Sendable {
    public var start: UInt64
    public var end: UInt64
    public var deviceMajor: UInt32
    public var deviceMinor: UInt32
    public var inode: UInt64
    public var name: String?
}

/// PROCMAP_QUERY (Linux 6.11, include/uapi/linux/fs.h) on an open /proc/<pid>/maps: the first
/// file-backed mapping at or after `address`, without the kernel formatting a text line (and a
/// path) for every mapping, which is most of what reading maps costs. `withName` also asks for
/// its path. Nil at the end. ENOTTY means the kernel has no PROCMAP_QUERY.
public func system_procmapQuery(_ fd: Int32, from address: UInt64, withName: Bool) throws(SystemError) -> ProcMapQueryAnswer? {
    // struct procmap_query: 104 bytes, all u64 but four u32 at 72…87.
    let request: UInt = 0xC068_6611   // _IOWR('f', 17, struct procmap_query)
    let coveringOrNext: UInt64 = 0x10, fileBacked: UInt64 = 0x20
    return try withUnsafeTemporaryAllocation(byteCount: 104 + (withName ? 4096 : 0), alignment: 8) { raw in
        Result { () throws(SystemError) -> ProcMapQueryAnswer? in
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            raw.storeBytes(of: 104, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: coveringOrNext | fileBacked, toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: address, toByteOffset: 16, as: UInt64.self)
            if withName {
                raw.storeBytes(of: 4096, toByteOffset: 80, as: UInt32.self)
                raw.storeBytes(of: UInt64(UInt(bitPattern: raw.baseAddress! + 104)), toByteOffset: 88, as: UInt64.self)
            }
            while c_ioctl(fd, request, raw.baseAddress!) != 0 {
                let code = Errno(rawValue: Glibc.errno)
                if code == .interrupted { continue }
                if code == .noSuchFileOrDirectory { return nil }
                throw SystemError("ioctl PROCMAP_QUERY", errno: code)
            }
            var name: String?
            if withName {
                let size = Int(raw.load(fromByteOffset: 80, as: UInt32.self))
                let bytes = UnsafeRawBufferPointer(rebasing: raw[104..<(104 + max(0, min(size, 4096)))])
                name = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            return ProcMapQueryAnswer(
                start: raw.load(fromByteOffset: 24, as: UInt64.self),
                end: raw.load(fromByteOffset: 32, as: UInt64.self),
                deviceMajor: raw.load(fromByteOffset: 72, as: UInt32.self),
                deviceMinor: raw.load(fromByteOffset: 76, as: UInt32.self),
                inode: raw.load(fromByteOffset: 64, as: UInt64.self),
                name: name)
        }
    }.get()
}

import Glibc
import SystemPackage

// stat(2), lstat(2), fstat(2) and statx(2).

/// The parts of stat(2) hostguard looks at.
public struct FileStatus: Equatable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var mode: UInt32
    public var owner: UInt32
    /// st_size: the length in bytes, what `ls -l` shows (a 10-byte file is 10; /proc files say 0).
    public var size: Int64
    /// st_blocks × 512 (st_blocks counts 512-byte units whatever the block size, stat(2)): the
    /// space the file takes on disk, what `du` shows (a 10-byte file on ext4 takes 4096; a
    /// sparse file less than its size).
    public var allocatedBytes: Int64
    public var modifiedNanoseconds: Int64
    /// st_nlink: how many names (hard links) the inode has.
    public var linkCount: UInt64
    /// st_rdev: the device a block or character special file names.
    public var specialDevice: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        mode = UInt32(info.st_mode)
        owner = UInt32(info.st_uid)
        size = Int64(info.st_size)
        allocatedBytes = Int64(info.st_blocks) * 512
        modifiedNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        linkCount = UInt64(info.st_nlink)
        specialDevice = UInt64(info.st_rdev)
    }

    public var isDirectory: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFDIR) }
    public var isRegularFile: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }
    public var isSymlink: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFLNK) }
    public var isBlockDevice: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFBLK) }
    public var permissions: UInt32 { mode & 0o7777 }

    /// The file type in words, for messages ("not a regular file (FIFO)"); inode(7) names.
    public var typeName: String {
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFREG): return "regular file"
        case UInt32(S_IFDIR): return "directory"
        case UInt32(S_IFLNK): return "symbolic link"
        case UInt32(S_IFIFO): return "FIFO"
        case UInt32(S_IFCHR): return "character device"
        case UInt32(S_IFBLK): return "block device"
        case UInt32(S_IFSOCK): return "socket"
        default: return "unknown file type"
        }
    }
}

/// stat(2), or lstat(2) when `followSymlinks` is false.
public func system_stat(_ path: String, followSymlinks: Bool = true) throws(SystemError) -> FileStatus {
    try statCall(path, followSymlinks: followSymlinks, describedAs: path)
}

/// stat(2) or lstat(2) of a byte path.
public func system_stat(bytes path: [UInt8], followSymlinks: Bool) throws(SystemError) -> FileStatus {
    try withCPath(path) { pointer throws(SystemError) in
        try statCall(pointer, followSymlinks: followSymlinks, describedAs: describePath(path))
    }
}

@inline(__always)
private func statCall(
    _ path: UnsafePointer<CChar>, followSymlinks: Bool, describedAs name: @autoclosure () -> String
) throws(SystemError) -> FileStatus {
    var info = stat()
    _ = try valueOrErrno(followSymlinks ? "stat" : "lstat", path: name()) {
        followSymlinks ? stat(path, &info) : lstat(path, &info)
    }
    return FileStatus(info)
}

/// Does anything exist at `path` (lstat: a dangling symlink counts)? For flag files whose mere
/// presence is the fact (/run/nologin).
public func system_exists(_ path: String) -> Bool {
    (try? system_stat(path, followSymlinks: false)) != nil
}

/// fstat(2) of an open descriptor.
func system_fstat(_ fd: Int32, path: @autoclosure () -> String? = nil) throws(SystemError) -> FileStatus {
    var info = stat()
    _ = try valueOrErrno("fstat", path: path()) { fstat(fd, &info) }
    return FileStatus(info)
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

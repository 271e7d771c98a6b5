import Glibc
import SystemPackage

// getdents64(2) on a directory kept open: the mount scan lists /proc/<pid>/fd and then statx()es
// each entry relative to the same descriptor, so the directory is opened once per process
// (glibc's fdopendir would add an fstat and two fcntl, and a second open for the *At calls).

@_silgen_name("getdents64")
private func c_getdents64(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int

/// Opens `path` under `directory` (O_RDONLY | O_DIRECTORY), calls `body(fd, name)` for every
/// entry but "." and "..", and closes it. Names are the raw entry names as text (for /proc/<pid>/fd:
/// decimal descriptor numbers).
public func system_forEachEntryAt(_ directory: Int32, _ path: String, _ body: (Int32, UnsafeRawBufferPointer) -> Void) throws(SystemError) {
    let fd = try valueOrErrno("open", path: path) { openat(directory, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
    defer { close(fd) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 8)
    defer { buffer.deallocate() }
    while true {
        let got = try valueOrErrno("getdents64", path: path) { c_getdents64(fd, buffer.baseAddress!, buffer.count) }
        if got == 0 { return }
        var offset = 0
        while offset < got {
            // struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, char name[].
            let length = Int(buffer.load(fromByteOffset: offset + 16, as: UInt16.self))
            let name = UnsafeRawBufferPointer(rebasing: buffer[(offset + 19)..<(offset + length)])
            let trimmed = UnsafeRawBufferPointer(rebasing: name[0..<(name.firstIndex(of: 0) ?? name.count)])
            if !(trimmed.count == 1 && trimmed[0] == 0x2E) && !(trimmed.count == 2 && trimmed[0] == 0x2E && trimmed[1] == 0x2E) {
                body(fd, trimmed)
            }
            offset += length
        }
    }
}

/// statx(2) of `name` (raw bytes) relative to `directory` with AT_STATX_DONT_SYNC, asking only for
/// STATX_MNT_ID: the mount id, or nil (gone, or a kernel before 5.8).
public func system_statxMountID(_ directory: Int32, _ name: UnsafeRawBufferPointer) -> Int? {
    withUnsafeTemporaryAllocation(byteCount: name.count + 1, alignment: 1) { path in
        path.copyMemory(from: name)
        path[name.count] = 0
        return withUnsafeTemporaryAllocation(byteCount: 256, alignment: 8) { raw -> Int? in
            let statxDontSync: Int32 = 0x4000, statxMountID: UInt32 = 0x1000
            guard c_statx_scan(directory, path.baseAddress!.assumingMemoryBound(to: CChar.self), statxDontSync, statxMountID, raw.baseAddress!) == 0,
                  raw.load(fromByteOffset: 0, as: UInt32.self) & statxMountID != 0 else { return nil }
            return Int(raw.load(fromByteOffset: 144, as: UInt64.self))
        }
    }
}

@_silgen_name("statx")
private func c_statx_scan(_ directory: Int32, _ path: UnsafePointer<CChar>, _ flags: Int32, _ mask: UInt32, _ buffer: UnsafeMutableRawPointer) -> Int32

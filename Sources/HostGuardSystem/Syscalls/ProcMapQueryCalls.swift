import Glibc
import SystemPackage

// ioctl(2) PROCMAP_QUERY on /proc/<pid>/maps.

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
                let code = currentErrno()
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

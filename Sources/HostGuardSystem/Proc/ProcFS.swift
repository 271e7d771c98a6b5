import HostGuardCore

/// THE /proc process walker: every reader of per-process facts (the mount scan, the guard's
/// "who uses this path", the PostgreSQL probe's postmaster search) goes through it.
///
/// Takes the root path ("/proc" by default) so tests can point it at a temporary tree (the
/// util-linux libmount habit: never hard-wire /proc).
///
/// What it guarantees:
/// - **Vanished pids are skipped.** A process that exits between the listing and our read
///   (ENOENT/ESRCH) is counted in `ProcessWalk.vanished`, never reported as an error.
/// - **Pid reuse is noticed.** Each process is read through one open /proc/<pid> directory fd;
///   if the pid dies and is reused mid-read, the old fd answers ESRCH instead of the new
///   process's files.
/// - **Bounded reads.** Small files (comm, fdinfo, cmdline) read into a 4 KiB buffer and are cut
///   there; whole files (mountinfo, cgroup, maps) stop at 64 MiB; link targets at 1 MiB.
/// - **Nothing through the links.** Links are only readlink(2)ed or statx(2)ed with
///   AT_STATX_DONT_SYNC (cached attributes); no file is opened or stat'ed *through* a process's
///   cwd/root/fd, so a dead NFS server cannot hang a walk.
///
/// Use: `proc.walk { process throws(SystemError) in … }` (sequential), or `processIDs()` and
/// `walk(pids:)` per thread to share the work.
public struct ProcFS: Sendable {
    public let root: String

    public init(root: String = "/proc") {
        self.root = root
    }

    /// Numeric entries of the root: every process visible to us, ascending.
    public func processIDs() throws(SystemError) -> [Int32] {
        try system_listDirectory(root).compactMap { Int32($0) }.sorted()
    }

    /// A handle on /proc/<pid> (or "self"); the per-process reads below go through it.
    public func process(_ pid: Int32, scratch: ProcScratch? = nil) throws(SystemError) -> ProcessDirectory {
        try ProcessDirectory(path: root + "/\(pid)", pid: pid, scratch: scratch ?? ProcScratch())
    }

    public func selfProcess() throws(SystemError) -> ProcessDirectory {
        try ProcessDirectory(path: root + "/self", pid: system_processID(), scratch: ProcScratch())
    }

    /// Opens each process in `pids` (default: every process but ourselves, ascending) and runs
    /// `body` on it. An error thrown by `body` (or by opening the process) that means the process
    /// is gone counts as vanished; any other error counts as unreadable, the first one kept as an
    /// example. `body` is never called for a pid whose directory could not be opened.
    @discardableResult
    public func walk(
        pids: [Int32]? = nil, scratch: ProcScratch = ProcScratch(),
        _ body: (ProcessDirectory) throws(SystemError) -> Void
    ) throws(SystemError) -> ProcessWalk {
        let me = system_processID()
        let list: [Int32]
        if let pids { list = pids } else { list = try processIDs().filter { $0 != me } }
        var walk = ProcessWalk()
        for pid in list {
            do {
                let process = try self.process(pid, scratch: scratch)
                try body(process)
                walk.visited += 1
            } catch {
                walk.note(error)
            }
        }
        return walk
    }

    // Convenience one-shot readers (each opens and closes the process directory).

    public func mountInfo(pid: Int32) throws(SystemError) -> [MountEntry] {
        try process(pid).mountInfo()
    }

    public func mountTable(pid: Int32) throws(SystemError) -> MountTable {
        MountTable(try process(pid).mountInfo())
    }

    /// Our own view (what /proc/mounts shows): the table to resolve a path the user typed.
    public func ownMountTable() throws(SystemError) -> MountTable {
        MountTable(try selfProcess().mountInfo())
    }

    public func mountNamespace(pid: Int32) throws(SystemError) -> UInt64 {
        try process(pid).mountNamespace()
    }
}

/// How a `ProcFS.walk` went: processes read, gone, unreadable.
public struct ProcessWalk: Sendable, Equatable {
    /// Processes `body` ran on to the end.
    public var visited = 0
    /// Processes that exited while we read them: expected on a busy host.
    public var vanished = 0
    /// Processes we were not allowed to read (not root; a sandbox's processes).
    public var unreadable = 0
    /// One example of why ("readlink /proc/1/cwd: Permission denied").
    public var firstUnreadable: String?

    public init() {}

    public mutating func note(_ error: SystemError) {
        if error.isProcessGone {
            vanished += 1
        } else {
            unreadable += 1
            if firstUnreadable == nil { firstUnreadable = error.description }
        }
    }

    public mutating func add(_ other: ProcessWalk) {
        visited += other.visited
        vanished += other.vanished
        unreadable += other.unreadable
        firstUnreadable = firstUnreadable ?? other.firstUnreadable
    }
}

/// A link of a process (cwd, root, an fd): where it points and through which mount.
public struct ProcessLink: Hashable, Sendable {
    /// The target as the kernel prints it (d_path relative to *our* root; for a lazily
    /// unmounted file, relative to the detached mount's root; "socket:[…]" for non-files).
    public var path: String
    /// The mount the object was reached through, when the kernel says (always for fds, via
    /// fdinfo; for cwd/root via an O_PATH handle's fdinfo).
    public var mountID: Int?

    public init(path: String, mountID: Int?) {
        self.path = path
        self.mountID = mountID
    }
}

/// Read buffers reused across processes: a scan reads thousands of maps files and tens of
/// thousands of descriptors, and allocating (and zeroing) a buffer for each shows in the profile.
public final class ProcScratch {
    var small = [UInt8](repeating: 0, count: 4096)
    var large = [UInt8](repeating: 0, count: 256 * 1024)
    /// Set at the first ENOTTY from PROCMAP_QUERY (a kernel before 6.11, or a maps file that is
    /// not procfs's): the maps text is read from then on.
    var procmapQueryUnsupported = false

    public init() {}
}

/// One open /proc/<pid> directory. Reads are relative to its fd, so a pid reused mid-scan is
/// noticed (the old directory fd reads ESRCH/ENOENT instead of the new process's files).
public final class ProcessDirectory {
    public let pid: Int32
    public let path: String
    private let fd: Int32
    /// The open /proc/<pid> directory, for reads relative to it.
    public var directoryFD: Int32 { fd }
    private let scratch: ProcScratch
    /// Place cwd, root and descriptors with statx(2) (one call, cached attributes). False: only
    /// /proc files (fdinfo `mnt_id`; an O_PATH handle for cwd and root), about twice as slow.
    public var useStatx = true
    /// Reused for every small read (fdinfo files are ~100 bytes; tens of thousands per scan).
    private var buffer: [UInt8] {
        _read { yield scratch.small }
        _modify { yield &scratch.small }
    }

    init(path: String, pid: Int32, scratch: ProcScratch) throws(SystemError) {
        self.path = path
        self.pid = pid
        self.scratch = scratch
        self.fd = try system_openDirectory(path)
    }

    deinit {
        if descriptorDirectory >= 0 { system_close(descriptorDirectory) }
        system_close(fd)
    }

    /// /proc/<pid>/fd as a handle, opened on first use: a statx relative to it walks one
    /// component ("7") instead of two ("fd/7") for each descriptor.
    private var descriptorDirectory: Int32 = -1

    /// Runs a read of `name` under this directory; an error names the whole path
    /// ("readlink /proc/42/ns/mnt: Permission denied"), not just "ns/mnt".
    private func named<T>(_ name: String, _ body: () throws(SystemError) -> T) throws(SystemError) -> T {
        do {
            return try body()
        } catch {
            var error = error
            error.path = path + "/" + name
            throw error
        }
    }

    /// The mount namespace's inode ("mnt:[4026531841]" → 4026531841).
    public func mountNamespace() throws(SystemError) -> UInt64 {
        let link = try named("ns/mnt") { () throws(SystemError) in try system_readlinkAt(fd, "ns/mnt") }
        guard let inode = NamespaceLink.inode(link[...]) else {
            throw SystemError("parse", path: path + "/ns/mnt", errno: .invalidArgument)
        }
        return inode
    }

    /// The process's mount table, paths relative to its root.
    public func mountInfo() throws(SystemError) -> [MountEntry] {
        let bytes = try readWhole("mountinfo")
        return MountInfoParser.parse(String(decoding: bytes, as: UTF8.self)[...])
    }

    /// argv joined by spaces (empty for kernel threads and zombies).
    public func commandLine(limit: Int = 200) throws(SystemError) -> String {
        let count = try named("cmdline") { () throws(SystemError) in try system_readProcFileAt(fd, "cmdline", into: &buffer) }
        return ProcCommandLine.display(buffer[0..<count], limit: limit)
    }

    /// The short name (comm), for kernel threads and processes that cleared their argv.
    public func shortName() throws(SystemError) -> String {
        let count = try system_readProcFileAt(fd, "comm", into: &buffer)
        return String(decoding: buffer[0..<count], as: UTF8.self).trimmingNewline()
    }

    public func cgroup() throws(SystemError) -> String {
        String(decoding: try readWhole("cgroup"), as: UTF8.self)
    }

    public func unit() throws(SystemError) -> ProcessUnit? {
        ProcCgroup.unit(try cgroup()[...])
    }

    public func cwd(withPath: Bool = true) throws(SystemError) -> ProcessLink { try link("cwd", withPath: withPath) }

    public func root(withPath: Bool = true) throws(SystemError) -> ProcessLink { try link("root", withPath: withPath) }

    /// cwd or root: the mount id comes from an O_PATH handle on the magic link, read back
    /// through our own fdinfo (see `system_openPathAt` for why this never touches the file
    /// system). Kernels without fdinfo mnt_id (< 3.15) give nil.
    func link(_ name: String, withPath: Bool) throws(SystemError) -> ProcessLink {
        var mountID: Int?
        if useStatx, let identity = try? system_statxCached(fd, name), identity.mountID != nil {
            mountID = identity.mountID
        } else {
            // Kernels before 5.8 have no STATX_MNT_ID: an O_PATH handle's fdinfo has it.
            let handle = try named(name) { () throws(SystemError) in try system_openPathAt(fd, name) }
            defer { system_close(handle) }
            if let count = try? system_readProcFile("/proc/self/fdinfo/\(handle)", into: &buffer) {
                mountID = FdInfo.mountID(String(decoding: buffer[0..<count], as: UTF8.self)[...])
            }
        }
        let target = withPath ? try named(name) { () throws(SystemError) in try system_readlinkAt(fd, name) } : ""
        return ProcessLink(path: target, mountID: mountID)
    }

    /// Where cwd points (readlink only: no statx, nothing touched through the link).
    public func cwdPath() throws(SystemError) -> String {
        try named("cwd") { () throws(SystemError) in try system_readlinkAt(fd, "cwd") }
    }

    /// Where root points ("/" unless chrooted); readlink only.
    public func rootPath() throws(SystemError) -> String {
        try named("root") { () throws(SystemError) in try system_readlinkAt(fd, "root") }
    }

    /// The program file (/proc/<pid>/exe), readlink only.
    public func executablePath() throws(SystemError) -> String {
        try named("exe") { () throws(SystemError) in try system_readlinkAt(fd, "exe") }
    }

    /// Device and inode of a link under this directory ("exe", "cwd"), from cached attributes.
    public func cachedIdentity(of link: String) throws(SystemError) -> CachedFileIdentity {
        try named(link) { () throws(SystemError) in try system_statxCached(fd, link) }
    }

    /// Targets of every open descriptor, readlink only ("/srv/x", "pipe:[12]", "socket:[9]").
    /// Descriptors closed while we read are left out; an unreadable fd directory throws.
    public func descriptorTargets() throws(SystemError) -> [String] {
        var targets: [String] = []
        for descriptor in try fileDescriptors() {
            if let target = try? system_readlinkAt(fd, "fd/\(descriptor)") { targets.append(target) }
        }
        return targets
    }

    /// argv as raw byte strings (NUL-separated in /proc; at most 4 KiB read: the program and
    /// its first arguments, enough to recognise a server and its -D option).
    public func arguments() throws(SystemError) -> [[UInt8]] {
        let count = try named("cmdline") { () throws(SystemError) in try system_readProcFileAt(fd, "cmdline", into: &buffer) }
        return buffer[0..<count].split(separator: 0, omittingEmptySubsequences: false).dropLast(buffer[0..<count].last == 0 ? 1 : 0).map(Array.init)
    }

    /// Open descriptor numbers, ascending.
    public func fileDescriptors() throws(SystemError) -> [Int32] {
        try named("fd") { () throws(SystemError) in try system_listDirectoryAt(fd, "fd") }.compactMap { Int32($0) }.sorted()
    }

    /// Every open descriptor with the mount it was opened through, in one pass over fd/: the
    /// directory opened once, listed with getdents64 and each entry statx()ed relative to it
    /// (cached attributes, STATX_MNT_ID). Where statx has no mount id (kernels before 5.8,
    /// `useStatx` false) fdinfo's `mnt_id` is read instead. Descriptors closed meanwhile are
    /// left out.
    public func descriptorMountIDs() throws(SystemError) -> [(descriptor: Int32, mountID: Int)] {
        var result: [(Int32, Int)] = []
        var missing: [Int32] = []
        let statx = useStatx
        try named("fd") { () throws(SystemError) in
            try system_forEachEntryAt(fd, "fd") { directory, name in
                var number: Int32 = 0
                for byte in name { number = number &* 10 &+ Int32(byte &- 0x30) }
                if statx, let id = system_statxMountID(directory, name) {
                    result.append((number, id))
                } else {
                    missing.append(number)
                }
            }
        }
        for descriptor in missing {
            if let id = (try? mountID(ofDescriptor: descriptor)) ?? nil { result.append((descriptor, id)) }
        }
        return result
    }

    /// The mount an open descriptor was opened through (fdinfo `mnt_id`).
    /// One statx(2) (cached attributes, see `system_statxCached`) where the kernel reports
    /// STATX_MNT_ID (5.8+), else fdinfo's `mnt_id` (3.15+).
    public func mountID(ofDescriptor descriptor: Int32) throws(SystemError) -> Int? {
        if useStatx && descriptorDirectory < 0 {
            descriptorDirectory = (try? system_openDirectoryHandleAt(fd, "fd")) ?? -2
        }
        if useStatx, descriptorDirectory >= 0,
           let identity = try? system_statxCached(descriptorDirectory, String(descriptor), mountIDOnly: true),
           let id = identity.mountID {
            return id
        }
        let count = try named("fdinfo/\(descriptor)") { () throws(SystemError) in
            try system_readProcFileAt(fd, "fdinfo/\(descriptor)", into: &buffer)
        }
        return buffer.withUnsafeBufferPointer { FdInfo.mountID(bytes: UnsafeBufferPointer(rebasing: $0[0..<count])) }
    }

    /// What an open descriptor points at ("/srv/pages/index.html", "pipe:[123]").
    public func target(ofDescriptor descriptor: Int32) throws(SystemError) -> String {
        try system_readlinkAt(fd, "fd/\(descriptor)")
    }

    /// Every open descriptor with its target and mount. Descriptors closed while we read are
    /// left out.
    public func openFiles() throws(SystemError) -> [(descriptor: Int32, link: ProcessLink)] {
        var result: [(Int32, ProcessLink)] = []
        for descriptor in try fileDescriptors() {
            guard let target = try? target(ofDescriptor: descriptor) else { continue }
            result.append((descriptor, ProcessLink(path: target, mountID: try? mountID(ofDescriptor: descriptor))))
        }
        return result
    }

    /// Device and inode of what a descriptor points at, from the kernel's cached attributes
    /// (`system_statxCached`: no round trip to a network server).
    public func cachedIdentity(ofDescriptor descriptor: Int32) throws(SystemError) -> CachedFileIdentity {
        try named("fd/\(descriptor)") { () throws(SystemError) in try system_statxCached(fd, "fd/\(descriptor)") }
    }

    /// File-backed mappings, one per (device, inode).
    public func mappings() throws(SystemError) -> [ProcessMapping] {
        try mappings { _ in true }
    }

    /// File-backed mappings on the devices `include` accepts (decided before any decoding).
    public func mappings(include: (DeviceNumber) -> Bool) throws(SystemError) -> [ProcessMapping] {
        if useStatx && !scratch.procmapQueryUnsupported {
            if let mappings = try queriedMappings(include: include) { return mappings }
        }
        let count = try readIntoLarge("maps")
        return scratch.large.withUnsafeBufferPointer { ProcMaps.fileMappings(bytes: UnsafeBufferPointer(rebasing: $0[0..<count]), include: include) }
    }

    /// The same from PROCMAP_QUERY ioctls on maps (Linux 6.11+): about half the kernel time of
    /// reading the text. Nil when the kernel has no PROCMAP_QUERY (remembered for the run).
    private func queriedMappings(include: (DeviceNumber) -> Bool) throws(SystemError) -> [ProcessMapping]? {
        let handle = try named("maps") { () throws(SystemError) in try system_openReadAt(fd, "maps") }
        defer { system_close(handle) }
        var result: [ProcessMapping] = []
        var seen = Set<FileKey>()
        var address: UInt64 = 0
        while true {
            let answer: ProcMapQueryAnswer?
            do {
                answer = try system_procmapQuery(handle, from: address, withName: false)
            } catch {
                if error.errno == .inappropriateIOCTLForDevice || error.errno == .invalidArgument {
                    scratch.procmapQueryUnsupported = true
                    return nil
                }
                throw error
            }
            guard let mapping = answer, mapping.end > address else { break }
            address = mapping.end
            guard mapping.inode != 0 else { continue }
            let device = DeviceNumber(major: mapping.deviceMajor, minor: mapping.deviceMinor)
            guard include(device), seen.insert(FileKey(device: device, inode: mapping.inode)).inserted else { continue }
            let named = try? system_procmapQuery(handle, from: mapping.start, withName: true)
            result.append(ProcessMapping(device: device, inode: mapping.inode, path: named?.name ?? "?"))
        }
        return result
    }

    private struct FileKey: Hashable {
        var device: DeviceNumber
        var inode: UInt64
    }

    /// Reads a whole /proc file into the shared large buffer, growing it as needed.
    private func readIntoLarge(_ name: String) throws(SystemError) -> Int {
        try named(name) { () throws(SystemError) in
            try system_readProcFileAt(fd, name, into: &scratch.large, growUpTo: 64 << 20)
        }
    }

    private func readWhole(_ name: String) throws(SystemError) -> [UInt8] {
        var result: [UInt8] = []
        _ = try named(name) { () throws(SystemError) in try system_readProcFileAt(fd, name, into: &result, growUpTo: 64 << 20) }
        return result
    }
}

extension String {
    func trimmingNewline() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

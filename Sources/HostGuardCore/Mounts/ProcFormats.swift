/// Pure parsers for the small /proc files the mount scan and the guard read. Each takes the
/// text, so a captured file is a fixture (the NIO `parseV2CgroupLine` habit).

/// /proc/<pid>/fdinfo/<fd>: "pos:\t0\nflags:\t0100000\nmnt_id:\t24\nino:\t3\n".
/// `mnt_id` is there since Linux 3.15 (commit 49d063cb3); it names the mount the file was opened
/// through without touching the file system.
public enum FdInfo {
    /// The same, straight from the bytes read (the scan reads one per descriptor on old kernels).
    public static func mountID(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let key: [UInt8] = Array("mnt_id:".utf8)
        var index = 0
        while index + key.count <= bytes.count {
            // At a line start: compare the key.
            var matches = true
            for offset in 0..<key.count where bytes[index + offset] != key[offset] { matches = false; break }
            if matches {
                var cursor = index + key.count
                while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
                var value = 0, digits = 0
                while cursor < bytes.count, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39, digits < 18 {
                    value = value * 10 + Int(bytes[cursor] - 0x30)
                    cursor += 1
                    digits += 1
                }
                return digits > 0 ? value : nil
            }
            while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            index += 1
        }
        return nil
    }

    public static func mountID(_ text: Substring) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix("mnt_id:") {
            return Int(line.dropFirst(7).drop { $0 == " " || $0 == "\t" })
        }
        return nil
    }
}

/// One file-backed line of /proc/<pid>/maps.
public struct ProcessMapping: Hashable, Sendable {
    public var device: DeviceNumber
    public var inode: UInt64
    /// As the kernel printed it (d_path; may end in " (deleted)"; newlines shown as "\012").
    public var path: String

    public init(device: DeviceNumber, inode: UInt64, path: String) {
        self.device = device
        self.inode = inode
        self.path = path
    }

    public var isDeleted: Bool { path.hasSuffix(" (deleted)") }
}

/// /proc/<pid>/maps (proc(5)): "address perms offset dev inode pathname". Only mappings of files
/// are kept (inode ≠ 0), each (device, inode) once: a library is mapped four or five times.
public enum ProcMaps {
    /// The byte-level scan the mount scan uses: `include` is asked for each file-backed line's
    /// device before anything else is decoded, so mappings on ordinary devices cost a few
    /// comparisons, not a String.
    public static func fileMappings(bytes: UnsafeBufferPointer<UInt8>, include: (DeviceNumber) -> Bool) -> [ProcessMapping] {
        var result: [ProcessMapping] = []
        var seen = Set<FileKey>()
        var lineStart = 0
        let count = bytes.count
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            // Fields: address perms offset dev inode [path]; skip to the fourth.
            var cursor = lineStart
            func skipField() { while cursor < lineEnd, bytes[cursor] != 0x20 { cursor += 1 } }
            func skipSpaces() { while cursor < lineEnd, bytes[cursor] == 0x20 { cursor += 1 } }
            for _ in 0..<3 { skipField(); skipSpaces() }
            func hex(_ stop: UInt8) -> UInt32? {
                var value: UInt32 = 0, digits = 0
                while cursor < lineEnd, bytes[cursor] != stop {
                    let byte = bytes[cursor]
                    let digit: UInt32
                    switch byte {
                    case 0x30...0x39: digit = UInt32(byte - 0x30)
                    case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                    default: return nil
                    }
                    value = value &* 16 &+ digit
                    digits += 1
                    cursor += 1
                }
                return digits > 0 ? value : nil
            }
            guard let major = hex(0x3A) else { continue }
            cursor += 1
            guard let minor = hex(0x20) else { continue }
            skipSpaces()
            var inode: UInt64 = 0
            while cursor < lineEnd, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39 {
                inode = inode &* 10 &+ UInt64(bytes[cursor] - 0x30)
                cursor += 1
            }
            guard inode != 0 else { continue }
            let device = DeviceNumber(major: major, minor: minor)
            guard include(device), seen.insert(FileKey(device: device, inode: inode)).inserted else { continue }
            skipSpaces()
            var path = String(decoding: UnsafeBufferPointer(rebasing: bytes[cursor..<lineEnd]), as: UTF8.self)
            if path.contains("\\012") { path = path.replacing("\\012", with: "\n") }
            result.append(ProcessMapping(device: device, inode: inode, path: path))
        }
        return result
    }

    public static func fileMappings(_ text: Substring) -> [ProcessMapping] {
        var seen = Set<FileKey>()
        var result: [ProcessMapping] = []
        for line in text.split(separator: "\n") {
            guard let mapping = parseLine(line), mapping.inode != 0 else { continue }
            if seen.insert(FileKey(device: mapping.device, inode: mapping.inode)).inserted {
                result.append(mapping)
            }
        }
        return result
    }

    /// Fields are padded with spaces; the path is everything after the fifth field's padding
    /// and may itself contain spaces.
    public static func parseLine(_ line: Substring) -> ProcessMapping? {
        var rest = line[...]
        var fields: [Substring] = []
        for _ in 0..<5 {
            rest = rest.drop { $0 == " " }
            guard let end = rest.firstIndex(of: " ") else {
                fields.append(rest)
                rest = rest[rest.endIndex...]
                break
            }
            fields.append(rest[..<end])
            rest = rest[end...]
        }
        guard fields.count == 5, let device = DeviceNumber(fields[3], radix: 16),
              let inode = UInt64(fields[4]) else { return nil }
        // seq_file_path escapes only "\n", as "\012" (fs/seq_file.c, mangle "\n").
        var path = String(rest.drop { $0 == " " })
        if path.contains("\\012") { path = path.replacing("\\012", with: "\n") }
        return ProcessMapping(device: device, inode: inode, path: path)
    }

    struct FileKey: Hashable {
        var device: DeviceNumber
        var inode: UInt64
    }
}

/// The systemd unit or container a process belongs to, from /proc/<pid>/cgroup.
public struct ProcessUnit: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case systemService = "service"
        case userService = "user-service"
        case scope
        case container
    }

    public var name: String
    public var kind: Kind
    /// For a user service: the user manager's uid ("user@1000.service" → 1000).
    public var userID: Int?

    public init(name: String, kind: Kind, userID: Int? = nil) {
        self.name = name
        self.kind = kind
        self.userID = userID
    }

    /// What an operator runs to give the process a fresh view of the mounts.
    public var remedy: String {
        switch kind {
        case .systemService: return "systemctl restart \(name)"
        case .userService:
            return "systemctl --user -M \(userID.map { "\($0)" } ?? "USER")@ restart \(name)"
        case .scope: return "restart the processes of \(name) (a scope: started outside systemd's control)"
        case .container: return "restart container \(name)"
        }
    }
}

public enum ProcCgroup {
    /// The cgroup path: the v2 line ("0::/system.slice/x.service") or, on a v1 host, the
    /// "name=systemd" hierarchy.
    public static func path(_ text: Substring) -> String? {
        // On a hybrid host the v2 line says "/" while systemd tracks units in name=systemd.
        var legacy: String?
        var unified: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("0::") { unified = String(line.dropFirst(3)); continue }
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3, parts[1] == "name=systemd" { legacy = String(parts[2]) }
        }
        if let unified, unified != "/" || legacy == nil { return unified }
        return legacy
    }

    /// The innermost systemd service, scope or container on the path; nil for the root cgroup.
    /// Containers: docker-<id>.scope, libpod-<id>.scope, cri-containerd-<id>.scope, and
    /// /docker/<id> (cgroupfs driver), machine-<name>.scope (systemd-nspawn, libvirt).
    public static func unit(_ text: Substring) -> ProcessUnit? {
        guard let path = path(text) else { return nil }
        let components = path.split(separator: "/")
        var userID: Int?
        var found: ProcessUnit?
        for (index, component) in components.enumerated() {
            if component.hasPrefix("user@"), component.hasSuffix(".service") {
                userID = Int(component.dropFirst(5).dropLast(8))
                continue
            }
            for prefix in ["docker-", "libpod-", "cri-containerd-", "crio-"] where component.hasPrefix(prefix) && component.hasSuffix(".scope") {
                return ProcessUnit(name: String(component.dropLast(6).dropFirst(prefix.count).prefix(12)), kind: .container)
            }
            if component.hasPrefix("machine-"), component.hasSuffix(".scope") {
                return ProcessUnit(name: String(component.dropFirst(8).dropLast(6)), kind: .container)
            }
            if component == "docker" || component == "lxc", index + 1 < components.count {
                return ProcessUnit(name: String(components[index + 1].prefix(12)), kind: .container)
            }
            if component.hasSuffix(".service") {
                found = ProcessUnit(name: String(component), kind: userID == nil ? .systemService : .userService, userID: userID)
            } else if component.hasSuffix(".scope") {
                found = ProcessUnit(name: String(component), kind: .scope, userID: userID)
            }
        }
        return found
    }
}

/// "mnt:[4026531841]" (readlink of /proc/<pid>/ns/mnt) → 4026531841.
public enum NamespaceLink {
    public static func inode(_ link: Substring) -> UInt64? {
        guard let open = link.firstIndex(of: "["), let close = link.lastIndex(of: "]"), open < close else { return nil }
        return UInt64(link[link.index(after: open)..<close])
    }
}

/// /proc/<pid>/cmdline: arguments separated (and ended) by NUL; shown joined by spaces.
public enum ProcCommandLine {
    public static func arguments(_ bytes: some Collection<UInt8>) -> [String] {
        bytes.split(separator: 0, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
            .reversed().drop { $0.isEmpty }.reversed()
    }

    public static func display(_ bytes: some Collection<UInt8>, limit: Int = 200) -> String {
        let joined = arguments(bytes).joined(separator: " ")
        return joined.count > limit ? String(joined.prefix(limit)) + "…" : joined
    }
}

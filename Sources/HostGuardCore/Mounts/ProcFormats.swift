/// Pure parsers for the small /proc files the mount scan and the guard read. Each takes the
/// text, so a captured file is a fixture (the NIO `parseV2CgroupLine` habit).

/// /proc/<pid>/fdinfo/<fd>: "pos:\t0\nflags:\t0100000\nmnt_id:\t24\nino:\t3\n".
/// `mnt_id` is there since Linux 3.15 (commit 49d063cb3); it names the mount the file was opened
/// through without touching the file system.
public enum FdInfo {
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

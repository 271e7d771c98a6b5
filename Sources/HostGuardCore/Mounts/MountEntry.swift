/// A device number as the kernel prints it: "254:0" in mountinfo (decimal), "fe:00" in
/// /proc/<pid>/maps (hex). Both formats exist side by side in /proc; needrestart trips on this.
public struct DeviceNumber: Hashable, Sendable, CustomStringConvertible {
    public var major: UInt32
    public var minor: UInt32

    public init(major: UInt32, minor: UInt32) {
        self.major = major
        self.minor = minor
    }

    /// Parses "MAJOR:MINOR" in the given radix (10 for mountinfo, 16 for maps).
    public init?(_ text: Substring, radix: Int) {
        guard let colon = text.firstIndex(of: ":"),
              let major = UInt32(text[..<colon], radix: radix),
              let minor = UInt32(text[text.index(after: colon)...], radix: radix) else { return nil }
        self.init(major: major, minor: minor)
    }

    public var description: String { "\(major):\(minor)" }
}

/// One line of /proc/<pid>/mountinfo (proc(5), Documentation/filesystems/proc.rst §3.5):
///
///     36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
///     (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)   (10)         (11)
public struct MountEntry: Hashable, Sendable {
    /// (1) Unique within the kernel while the mount exists; may be reused after it goes.
    public var mountID: Int
    /// (2) The mount this one is attached to; for a namespace's root, an id outside the table.
    public var parentID: Int
    /// (3) st_dev of files on this filesystem.
    public var device: DeviceNumber
    /// (4) The directory of the filesystem that forms this mount's root: "/" normally, a
    /// subdirectory for a bind mount of part of a filesystem.
    public var root: String
    /// (5) Where it is mounted, relative to the reading process's root.
    public var mountPoint: String
    /// (6) Per-mount options (rw, nosuid, relatime…).
    public var mountOptions: String
    /// (7) Zero or more "tag[:value]" fields: shared:N, master:N, propagate_from:N, unbindable.
    public var optionalFields: [String]
    /// (9) "nfs4", "tmpfs", "ext4", "fuse.sshfs"…
    public var filesystemType: String
    /// (10) Filesystem-specific: "server:/export", "/dev/vda", or a free-form name ("tmpfs").
    public var source: String
    /// (11) Per-superblock options.
    public var superOptions: String

    public init(
        mountID: Int, parentID: Int, device: DeviceNumber, root: String, mountPoint: String,
        mountOptions: String = "rw", optionalFields: [String] = [], filesystemType: String,
        source: String, superOptions: String = "rw"
    ) {
        self.mountID = mountID
        self.parentID = parentID
        self.device = device
        self.root = root
        self.mountPoint = mountPoint
        self.mountOptions = mountOptions
        self.optionalFields = optionalFields
        self.filesystemType = filesystemType
        self.source = source
        self.superOptions = superOptions
    }

    public var isNetworkFilesystem: Bool { FilesystemKind.isNetwork(filesystemType) }

    /// "new (tmpfs)", "nfs1:/export/pages (nfs4)", "/dev/vda[/srv] (ext4)" for a bind mount.
    public var sourceDescription: String {
        let rootPart = root == "/" ? "" : "[\(root)]"
        return "\(source)\(rootPart) (\(filesystemType))"
    }

    /// Two mounts show the same thing at a path when filesystem, source, device and root agree;
    /// mount options (ro, nosuid) do not change what is seen.
    public func showsSameContent(as other: MountEntry) -> Bool {
        device == other.device && root == other.root && filesystemType == other.filesystemType
            && source == other.source
    }
}

/// What kind of filesystem a type name is.
public enum FilesystemKind {
    /// Filesystems whose data lives on another machine: the ones a migration moves and the ones
    /// that hang when their server dies. "fuse.*" entries are the network FUSE clients.
    static let network: Set<String> = [
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "glusterfs", "9p", "afs", "lustre",
        "gpfs", "beegfs", "ncpfs", "coda", "davfs", "ocfs2", "gfs2", "orangefs", "virtiofs",
        "fuse.sshfs", "fuse.glusterfs", "fuse.ceph-fuse", "fuse.s3fs", "fuse.rclone", "fuse.davfs2",
        "fuse.gcsfuse", "fuse.goofys", "fuse.juicefs", "fuse.moosefs", "fuse.mfs", "fuse.lizardfs",
    ]

    public static func isNetwork(_ type: String) -> Bool { network.contains(type) }
}

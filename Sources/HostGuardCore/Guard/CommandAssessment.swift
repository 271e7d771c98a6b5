/// What kind of damage a command does to what it touches; decides which facts matter.
public enum Harm: String, Sendable, Equatable, CaseIterable {
    /// rm, rmdir, find -delete, mv of a source, rsync --delete in its destination.
    case delete
    /// dd of=, shred, truncate, cp/mv onto an existing file, pg_basebackup into a directory.
    case overwrite
    /// mkfs, wipefs: a whole filesystem or device.
    case wipe
    /// chmod/chown/chgrp -R.
    case permissions
    /// reboot, shutdown, poweroff, halt, systemctl poweroff/reboot/isolate.
    case power
    /// systemctl stop/restart/kill, pg_ctl stop/restart/promote.
    case service
    /// dropdb, kubectl delete, terraform destroy, zfs/zpool destroy, lvremove/vgremove.
    case destroy
}

/// A path the command will act on, as spelled, with where its bytes are in argv.
public struct PathOperand: Sendable, Equatable {
    /// The spelling as text (lossy for non-UTF-8 names; use `at` for the real bytes).
    public var text: String
    public var at: ArgumentRef?
    public var harm: Harm
    /// True when the tool acts on what the path names recursively (rm -r, chmod -R, find).
    public var recursive: Bool
    /// Whether the tool follows a symlink named as the last component (dd of=, shred, chmod do;
    /// rm, rmdir, mv act on the link itself). A trailing slash always follows: GNU `rm -rf link/`
    /// empties the directory the link points to (checked against coreutils 9.1).
    public var followsFinalSymlink: Bool
    /// Harmless unless something is already there (cp/mv destinations, pg_basebackup -D).
    public var onlyIfExists: Bool

    public init(_ text: String, at: ArgumentRef?, harm: Harm, recursive: Bool = false,
                followsFinalSymlink: Bool = false, onlyIfExists: Bool = false) {
        self.text = text
        self.at = at
        self.harm = harm
        self.recursive = recursive
        self.followsFinalSymlink = followsFinalSymlink
        self.onlyIfExists = onlyIfExists
    }
}

/// Something that is not a local path: a systemd unit, a database, a Kubernetes resource.
public struct NamedOperand: Sendable, Equatable {
    public var kind: String
    public var name: String
    public var harm: Harm

    public init(kind: String, name: String, harm: Harm) {
        self.kind = kind
        self.name = name
        self.harm = harm
    }
}

/// The rule table's reading of one command line.
public struct CommandAssessment: Sendable, Equatable {
    /// The command's base name (`rm` for `/usr/bin/rm`).
    public var command: String
    /// nil: no rule, or the rule found nothing destructive in this invocation (`rm --help`,
    /// `chmod` without -R, `systemctl status`). Runs as it is.
    public var harm: Harm?
    /// One line for the banner: "recursive delete", "overwrite of a device" …
    public var summary: String
    public var paths: [PathOperand] = []
    public var names: [NamedOperand] = []
    /// The whole host is affected (reboot, poweroff, systemctl isolate).
    public var hostWide = false
    /// The options the guard could not read; the real tool may read them differently, so the
    /// policy treats the assessment as uncertain and raises the level.
    public var problems: [String] = []

    public init(command: String, harm: Harm?, summary: String) {
        self.command = command
        self.harm = harm
        self.summary = summary
    }

    public static func harmless(_ command: String, _ why: String = "not destructive") -> CommandAssessment {
        CommandAssessment(command: command, harm: nil, summary: why)
    }

    public var isRecursive: Bool { paths.contains(where: \.recursive) }
}

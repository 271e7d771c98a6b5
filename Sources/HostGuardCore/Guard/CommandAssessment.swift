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
    /// The name is made to point elsewhere: `ln -sf NEW NAME` / `ln -f` over an existing NAME,
    /// `mv -T`-like replacement of a symlink. What NAME named is no longer reachable through it
    /// (a `pg_wal` link re-pointed loses the WAL as surely as a delete). Only if NAME exists.
    case relink
    /// An existing file gets a second name (`ln FILE NEW`, `cp -l`): nothing changes now, but
    /// whatever is later done through the new name is done to the same inode, so a hard link to
    /// live data is reported. The operand is the existing file (the link's source).
    case link
    /// The file system (or device mapping, loop device, RAID array, swap) is taken away from
    /// under whatever uses it: umount, cryptsetup close, losetup -d, mdadm --stop, swapoff. For
    /// live data that is as bad as a delete.
    case unmount
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
///
/// Kinds the rules use (the policy may match on them; the banner shows `kind name`):
/// `unit` (systemd), `database` (dropdb), `server` (pg_ctl without -D/PGDATA), `sql` (what a
/// database client was seen to run, e.g. "DROP TABLE accounts", or "SQL read from standard
/// input (not a terminal)"; harm `.destroy`), `kubernetes`, `terraform state`, `dataset`,
/// `pool`, `logical volume`, `volume group`, `remote path`, `process` (kill/pkill: the name or
/// PID as typed), `container`, `container volume`, `container image`, `git` (a ref, stash or
/// remote: "branch main", "push --force origin main"), `crontab`, `helm release`, `redis`,
/// `mongodb`, `sqlite`, `disk` (partition tables, RAID members, LUKS headers named by device
/// when the device is also a path operand, this says what happens to it).
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

/// A target the command line does not spell, so no fact about it can be gathered: names read
/// from standard input (`xargs rm`), a `sh -c` script the guard cannot split, `find
/// -files0-from FILE`, paths seen from another mount namespace (`nsenter -m`).
///
/// The policy must decide as if the worst plausible target were named: on a host with live data
/// that means asking at the host's highest level (never "run"); `harm`/`recursive` say what would
/// be done to it, so `xargs ls` (harm nil) stays harmless while `xargs rm -rf` does not.
public struct UnknownTarget: Sendable, Equatable {
    /// For the banner: "names read from standard input", "`sh -c` script the guard cannot split:
    /// 'for f in *; do rm $f; done'", "-files0-from list.txt".
    public var reason: String
    public var harm: Harm
    public var recursive: Bool

    public init(_ reason: String, harm: Harm, recursive: Bool = false) {
        self.reason = reason
        self.harm = harm
        self.recursive = recursive
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
    /// Targets the argv does not spell (see `UnknownTarget`). Non-empty only when `harm` is set.
    public var unknownTargets: [UnknownTarget] = []
    /// The launchers read through, outermost first (`["sudo", "env"]` for `sudo env X=1 rm x`),
    /// for the banner and audit line. Paths already account for what they change (`chroot DIR`
    /// and `env -C DIR` are folded into the path texts).
    public var launchers: [String] = []

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

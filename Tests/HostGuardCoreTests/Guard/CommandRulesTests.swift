import Testing
@testable import HostGuardCore

@Suite struct CommandRulesTests {
    struct Row: Sendable, CustomStringConvertible {
        var argv: [String]
        var harm: Harm?
        /// Path targets as "text" plus flags: r recursive, f follows final link, e only if exists.
        var paths: [String] = []
        var names: [String] = []
        var hostWide = false
        var description: String { argv.joined(separator: " ") }
    }

    static let rows: [Row] = [
        // the outage: recursive delete of a data directory
        Row(argv: ["rm", "-rf", "/var/lib/postgresql/15/main"], harm: .delete, paths: ["/var/lib/postgresql/15/main r"]),
        // full path to the tool, long options, abbreviation, options after operands
        Row(argv: ["/usr/bin/rm", "x", "--recur", "--force", "y"], harm: .delete, paths: ["x r", "y r"]),
        // `--` then a name starting with a dash
        Row(argv: ["rm", "--", "-rf"], harm: .delete, paths: ["-rf"]),
        // rm --help runs nothing destructive
        Row(argv: ["rm", "--help"], harm: nil),
        // rmdir
        Row(argv: ["rmdir", "-p", "a/b"], harm: .delete, paths: ["a/b"]),
        // mv: sources go away, an existing destination is replaced
        Row(argv: ["mv", "-f", "data", "/srv/old"], harm: .delete, paths: ["data r", "/srv/old fe"]),
        // mv -t DIR: the option argument is the destination, not a source
        Row(argv: ["mv", "-t", "/srv", "a", "b"], harm: .delete, paths: ["a r", "b r", "/srv fe"]),
        // mv -n never replaces
        Row(argv: ["mv", "-n", "a", "b"], harm: .delete, paths: ["a r"]),
        // cp: only the destination matters, and only if it exists
        Row(argv: ["cp", "-a", "src", "dst"], harm: .overwrite, paths: ["dst fe"]),
        // cp --suffix takes an argument that is not the destination
        Row(argv: ["cp", "--suffix", "bak", "--backup=t", "a", "b"], harm: .overwrite, paths: ["b fe"]),
        // rsync without --delete only adds
        Row(argv: ["rsync", "-av", "a/", "b/"], harm: nil),
        // rsync --delete: the destination loses files; -e takes an argument
        Row(argv: ["rsync", "-a", "-e", "ssh", "--delete-after", "a/", "/srv/b/"], harm: .delete, paths: ["/srv/b/ rf"]),
        // rsync --delete to a remote host is a name, not a local path
        Row(argv: ["rsync", "-a", "--del", "a/", "host:/srv/b"], harm: .delete, names: ["remote path host:/srv/b"]),
        // rsync --delete -n is a dry run
        Row(argv: ["rsync", "-an", "--delete", "a/", "b/"], harm: nil),
        // dd of= is the target; if= is not
        Row(argv: ["dd", "if=/dev/zero", "of=/dev/sdb", "bs=1M"], harm: .overwrite, paths: ["/dev/sdb f"]),
        // dd with no of= writes to stdout
        Row(argv: ["dd", "if=/dev/sda", "count=1"], harm: nil),
        // mkfs: -L takes an argument, the device is the operand
        Row(argv: ["mkfs.ext4", "-L", "data", "/dev/vdb1"], harm: .wipe, paths: ["/dev/vdb1 rf"]),
        // mke2fs -n is a dry run
        Row(argv: ["mke2fs", "-n", "/dev/vdb1"], harm: nil),
        // wipefs without -a only lists
        Row(argv: ["wipefs", "/dev/vdb"], harm: nil),
        // wipefs -a erases
        Row(argv: ["wipefs", "-af", "/dev/vdb"], harm: .wipe, paths: ["/dev/vdb rf"]),
        // shred -n takes an argument
        Row(argv: ["shred", "-n", "3", "-u", "secret"], harm: .overwrite, paths: ["secret f"]),
        // truncate -s 0
        Row(argv: ["truncate", "-s", "0", "log"], harm: .overwrite, paths: ["log fe"]),
        // find -delete: starting points are the targets
        Row(argv: ["find", "/srv/a", "b", "-name", "*.tmp", "-delete"], harm: .delete, paths: ["/srv/a r", "b r"]),
        // find -exec rm
        Row(argv: ["find", "-L", "/srv", "-type", "f", "-exec", "/bin/rm", "{}", ";"], harm: .delete, paths: ["/srv rf"]),
        // find without deleting
        Row(argv: ["find", "/srv", "-name", "x"], harm: nil),
        // chmod without -R is not the guard's business
        Row(argv: ["chmod", "644", "f"], harm: nil),
        // chmod -R: first operand is the mode
        Row(argv: ["chmod", "-R", "go-w", "/srv"], harm: .permissions, paths: ["/srv rf"]),
        // chmod -R -w: -w is the mode, so every operand is a target
        Row(argv: ["chmod", "-R", "-w", "/srv/a", "/srv/b"], harm: .permissions, paths: ["/srv/a rf", "/srv/b rf"]),
        // chown --reference: every operand is a target
        Row(argv: ["chown", "-R", "--reference=/etc", "/srv"], harm: .permissions, paths: ["/srv rf"]),
        // chgrp -R
        Row(argv: ["chgrp", "-R", "staff", "/home"], harm: .permissions, paths: ["/home rf"]),
        // reboot
        Row(argv: ["reboot"], harm: .power, hostWide: true),
        // shutdown -c cancels
        Row(argv: ["shutdown", "-c"], harm: nil),
        // systemctl stop with options before the verb, -H takes an argument
        Row(argv: ["systemctl", "-H", "db2", "stop", "postgresql"], harm: .service, names: ["unit postgresql"]),
        // systemctl status is harmless
        Row(argv: ["systemctl", "status", "postgresql"], harm: nil),
        // systemctl isolate affects the host
        Row(argv: ["systemctl", "isolate", "rescue.target"], harm: .power, hostWide: true),
        // dropdb -h takes an argument
        Row(argv: ["dropdb", "-h", "db1", "gitlabhq_production"], harm: .destroy, names: ["database gitlabhq_production on db1"]),
        // pg_ctl stop -D
        Row(argv: ["pg_ctl", "-D", "/var/lib/postgresql/15/main", "stop"], harm: .service, paths: ["/var/lib/postgresql/15/main f"]),
        // pg_ctl status is harmless
        Row(argv: ["pg_ctl", "status", "-D", "x"], harm: nil),
        // pg_basebackup into a directory
        Row(argv: ["pg_basebackup", "-h", "db1", "-D", "/var/lib/postgresql/15/main", "-R"], harm: .overwrite, paths: ["/var/lib/postgresql/15/main rfe"]),
        // kubectl delete
        Row(argv: ["kubectl", "-n", "prod", "delete", "pod", "web-1"], harm: .destroy, names: ["kubernetes pod web-1"]),
        // kubectl get is harmless
        Row(argv: ["kubectl", "get", "pods"], harm: nil),
        // terraform -chdir then destroy
        Row(argv: ["terraform", "-chdir=infra", "destroy"], harm: .destroy, names: ["terraform state infra"]),
        // terraform apply -destroy
        Row(argv: ["terraform", "apply", "-destroy"], harm: .destroy, names: ["terraform state ."]),
        // zfs destroy -r
        Row(argv: ["zfs", "destroy", "-r", "tank/data"], harm: .destroy, names: ["dataset tank/data"]),
        // lvremove -f
        Row(argv: ["lvremove", "-f", "vg0/data"], harm: .destroy, names: ["logical volume vg0/data"]),
        // a command with no rule
        Row(argv: ["ls", "-la"], harm: nil),
    ]

    @Test(arguments: rows)
    func reads(_ row: Row) {
        let result = CommandRules.assess(row.argv)
        #expect(result.harm == row.harm)
        let paths = result.paths.map { path -> String in
            let flags = (path.recursive ? "r" : "") + (path.followsFinalSymlink ? "f" : "") + (path.onlyIfExists ? "e" : "")
            return flags.isEmpty ? path.text : path.text + " " + flags
        }
        #expect(paths == row.paths)
        #expect(result.names.map { "\($0.kind) \($0.name)" } == row.names)
        #expect(result.hostWide == row.hostWide)
    }

    @Test func refsCountFromArgvZero() {
        let result = CommandRules.assess(["dd", "if=a", "of=/dev/sdb"])
        #expect(result.paths.first?.at == ArgumentRef(word: 2, offset: 3))
        let rm = CommandRules.assess(["rm", "-r", "x"])
        #expect(rm.paths.first?.at == ArgumentRef(word: 2))
    }

    @Test func unknownOptionIsAProblem() {
        #expect(CommandRules.assess(["rm", "--frobnicate", "x"]).problems.count == 1)
        #expect(CommandRules.assess(["chmod", "-R", "-rx", "d"]).problems.isEmpty)
        #expect(CommandRules.assess(["chmod", "-R", "-q", "d"]).problems.count == 1)
    }
}

import Foundation
import Testing

/// The rollout in Packaging/ansible/hostguard.yml, run with Debian's ansible for real — against a
/// throw-away root, never this host: a private mount and UTS namespace (host name `pg-7`, which
/// the fleet inventory's `pg-*` rule matches) with an overlay of / whose upper layer is a temp
/// directory, chrooted into, with its own /run and /tmp. Everything the play does (dpkg, /etc,
/// the timers' links) lands in the upper layer and goes with it. The play runs three times:
/// `--check` first, then for real, then again, which must change nothing.
@Suite("Fleet: the Ansible rollout, in a throw-away root", .serialized)
struct FleetAnsibleTests {
    static let playbooks = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Packaging/ansible").path

    static let script = #"""
        set -eu
        # The root's own programs see only what a fresh root shell would: env -i below, so no
        # test override (HOSTGUARD_*) points hostguard away from the root's /etc/hostguard.
        T=$1 DEB=$2 PLAYBOOKS=$3
        R=$T/root
        hostname pg-7
        mkdir -p "$T/upper" "$T/work" "$R"
        mount -t overlay overlay -o "lowerdir=/,upperdir=$T/upper,workdir=$T/work" "$R"
        for d in proc sys dev; do mount --rbind "/$d" "$R/$d"; done
        mount -t tmpfs tmpfs "$R/run"
        mount -t tmpfs tmpfs "$R/tmp"
        mkdir "$R/tmp/pb"
        cp -r "$PLAYBOOKS"/. "$R/tmp/pb/"
        cp "$DEB" "$R/tmp/"
        printf '[fleet]\npg-7 ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n' > "$R/tmp/inventory"
        for mode in check real again; do
            echo "=== $mode"
            flag=; [ "$mode" = check ] && flag=--check
            chroot "$R" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/tmp ANSIBLE_NOCOLOR=1 \
                ansible-playbook $flag -i /tmp/inventory /tmp/pb/hostguard.yml \
                -e "hostguard_deb=/tmp/$(basename "$DEB")" -e '{"hostguard_host": {"cluster": "db"}}' || echo "exit $?"
        done
        echo "=== files"
        for f in /usr/bin/hostguard /etc/hostguard/conf.d/10-fleet.toml /etc/hostguard/conf.d/50-host.toml \
                 /etc/systemd/system/timers.target.wants/hostguard-refresh.timer \
                 /etc/systemd/system/timers.target.wants/hostguard-mounts.timer; do
            if [ -e "$R$f" ] || [ -L "$R$f" ]; then echo "present $f"; else echo "missing $f"; fi
        done
        grep -c '. /etc/profile.d/hostguard.sh' "$R/etc/bash.bashrc" | sed 's/^/bashrc-lines /'
        echo "=== status"
        chroot "$R" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/tmp hostguard status --json
        """#

    /// PLAY RECAP line of each run: `pg-7 : ok=10 changed=0 unreachable=0 failed=0 …`.
    static func recap(_ output: String, run: String) -> [String: Int] {
        guard let start = output.range(of: "=== \(run)\n") else { return [:] }
        let rest = output[start.upperBound...]
        let section = rest[..<(rest.range(of: "\n=== ")?.lowerBound ?? rest.endIndex)]
        guard let line = section.split(separator: "\n").last(where: { $0.hasPrefix("pg-7") && $0.contains("changed=") }) else { return [:] }
        var counts: [String: Int] = [:]
        for field in line.split(separator: " ") where field.contains("=") {
            let parts = field.split(separator: "=")
            if parts.count == 2, let value = Int(parts[1]) { counts[String(parts[0])] = value }
        }
        return counts
    }

    @Test("check mode, then for real, then again with nothing changed: package, fleet inventory, [host] table, timers enabled")
    func rollout() throws {
        let deb = try PackageArtifact.deb()
        let directory = try TemporaryDirectory()
        let hostBefore = try runProcess("/bin/sh", ["-c", "ls -la /etc/hostguard 2>&1; sha256sum /etc/zsh/zshrc /etc/bash.bashrc 2>&1; dpkg-query -W hostguard 2>&1"])
        try Self.script.write(toFile: directory.path + "/rollout.sh", atomically: false, encoding: .utf8)
        let run = try runProcess("/usr/bin/unshare", ["--mount", "--uts", "--propagation", "private", "/bin/sh",
                                                      directory.path + "/rollout.sh", directory.path, deb, Self.playbooks],
                                 environment: ["HOME": "/tmp"], timeout: 1200, hermetic: false)
        let output = run.stdout + run.stderr
        #expect(run.status == 0, "\(output.suffix(4000))")

        let check = Self.recap(output, run: "check"), real = Self.recap(output, run: "real"), again = Self.recap(output, run: "again")
        #expect(check["failed"] == 0 && (check["changed"] ?? 0) > 0, "check mode: \(check)\n\(output.suffix(4000))")
        #expect(real["failed"] == 0 && (real["changed"] ?? 0) > 0, "first run: \(real)\n\(output.suffix(4000))")
        #expect(again["failed"] == 0 && again["changed"] == 0, "second run must change nothing: \(again)\n\(output.suffix(4000))")

        // What the play left in the throw-away root (seen from inside it: on a host that has the
        // package already, the install is rightly a no-op and the binary is the lower layer's).
        for path in ["/usr/bin/hostguard", "/etc/hostguard/conf.d/10-fleet.toml", "/etc/hostguard/conf.d/50-host.toml",
                     "/etc/systemd/system/timers.target.wants/hostguard-refresh.timer",
                     "/etc/systemd/system/timers.target.wants/hostguard-mounts.timer"] {
            #expect(output.contains("present \(path)\n"), "the play did not leave \(path)")
        }
        #expect(output.contains("bashrc-lines 1\n"), "one line in /etc/bash.bashrc")
        // The host it configured knows what it is: pg-7 matches the inventory's pg-* rule.
        let status = output.range(of: "=== status\n").map { String(output[$0.upperBound...]) } ?? ""
        #expect(status.contains("\"environment\": \"production\"") || status.contains("\"environment\":\"production\""), "\(status)")
        #expect(status.contains("\"cluster\": \"db\"") || status.contains("\"cluster\":\"db\""), "\(status)")

        // This host is as it was.
        let hostAfter = try runProcess("/bin/sh", ["-c", "ls -la /etc/hostguard 2>&1; sha256sum /etc/zsh/zshrc /etc/bash.bashrc 2>&1; dpkg-query -W hostguard 2>&1"])
        #expect(hostAfter.stdout == hostBefore.stdout)
    }
}

import Foundation
import Testing

/// The rollout in Packaging/ansible/hostguard.yml, run with Debian's ansible for real — in a
/// `ThrowawayRoot` (an overlay of / onto a tmpfs in a private mount namespace), never on this
/// host. Each run gets its own UTS namespace named `pg-7`, which the fleet inventory's `pg-*` rule
/// matches. The play runs three times: `--check` first, then for real, then again, which must
/// change nothing. What the play leaves is checked from inside the root: on a host that already
/// has the package, the install is rightly a no-op and the binary is the lower layer's.
@Suite("Fleet: the Ansible rollout, in a throw-away root", .serialized)
struct FleetAnsibleTests {
    static let playbooks = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Packaging/ansible").path

    /// One play inside the root, under the host name pg-7, with a fresh root shell's environment
    /// (no test override such as HOSTGUARD_* points hostguard away from the root's /etc).
    static func play(_ root: ThrowawayRoot, deb: String, check: Bool) throws -> ProcessOutput {
        let command = "hostname pg-7 && exec ansible-playbook \(check ? "--check " : "")-i /tmp/inventory /tmp/pb/hostguard.yml"
            + " -e hostguard_deb=/tmp/\((deb as NSString).lastPathComponent) -e '{\"hostguard_host\": {\"cluster\": \"db\"}}'"
        return try root.run("/usr/bin/unshare", ["--uts", "/bin/sh", "-c", command],
                            environment: ["HOME": "/tmp", "ANSIBLE_NOCOLOR": "1"], timeout: 900)
    }

    /// PLAY RECAP line: `pg-7 : ok=10 changed=0 unreachable=0 failed=0 …`.
    static func recap(_ output: String) -> [String: Int] {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("pg-7") && $0.contains("changed=") }) else { return [:] }
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
        let root = try ThrowawayRoot()
        try #require(root.writesStayInside(), "the throw-away root's / is not an overlay onto its own tmpfs: refusing to run the play there")
        let copy = try runProcess("/bin/sh", ["-c", "cp -r \"$0\" \"$1/pb\" && cp \"$2\" \"$1/\"", Self.playbooks, root.hostPath("/tmp"), deb],
                                  hermetic: false)
        try #require(copy.status == 0, "\(copy.stderr)")
        try "[fleet]\npg-7 ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n"
            .write(toFile: root.hostPath("/tmp/inventory"), atomically: false, encoding: .utf8)

        let check = try Self.play(root, deb: deb, check: true)
        let real = try Self.play(root, deb: deb, check: false)
        let again = try Self.play(root, deb: deb, check: false)
        for (name, run) in [("check mode", check), ("first run", real), ("second run", again)] {
            #expect(run.status == 0, "\(name): \(run.stdout.suffix(3000))\(run.stderr.suffix(1000))")
        }
        let checked = Self.recap(check.stdout), first = Self.recap(real.stdout), second = Self.recap(again.stdout)
        #expect(checked["failed"] == 0 && (checked["changed"] ?? 0) > 0, "check mode: \(checked)\n\(check.stdout.suffix(3000))")
        #expect(first["failed"] == 0 && (first["changed"] ?? 0) > 0, "first run: \(first)\n\(real.stdout.suffix(3000))")
        #expect(second["failed"] == 0 && second["changed"] == 0, "second run must change nothing: \(second)\n\(again.stdout.suffix(3000))")

        // What the play left in the root.
        for path in ["/usr/bin/hostguard", "/etc/hostguard/conf.d/10-fleet.toml", "/etc/hostguard/conf.d/50-host.toml",
                     "/etc/systemd/system/timers.target.wants/hostguard-refresh.timer",
                     "/etc/systemd/system/timers.target.wants/hostguard-mounts.timer"] {
            let present = FileManager.default.fileExists(atPath: root.hostPath(path))
                || (try? FileManager.default.destinationOfSymbolicLink(atPath: root.hostPath(path))) != nil
            #expect(present, "the play did not leave \(path)")
        }
        let bashrc = (try? String(contentsOfFile: root.hostPath("/etc/bash.bashrc"), encoding: .utf8)) ?? ""
        #expect(bashrc.components(separatedBy: ". /etc/profile.d/hostguard.sh").count == 2, "one line in /etc/bash.bashrc:\n\(bashrc)")

        // The host it configured knows what it is: pg-7 matches the inventory's pg-* rule.
        let status = try root.run("/usr/bin/unshare", ["--uts", "/bin/sh", "-c", "hostname pg-7 && exec hostguard status --json"],
                                  environment: ["HOME": "/tmp"])
        #expect(status.stdout.contains("\"environment\": \"production\"") || status.stdout.contains("\"environment\":\"production\""), "\(status.stdout)\(status.stderr)")
        #expect(status.stdout.contains("\"cluster\": \"db\"") || status.stdout.contains("\"cluster\":\"db\""), "\(status.stdout)")
    }
}

import Foundation
import Testing

/// Things planted to make the guard wait forever: a FIFO named like a file it reads, a FIFO as
/// its audit log, a FUSE mount whose server never answers (Tests/tools/dead-fuse-mount.py) under
/// the target. Each must end in a decision within 2 s. Run in a private mount namespace on a
/// tmpfs; the timing is a generous hang check, measured around the guard alone.
@Suite("guard never hangs on what is planted under a target", .serialized)
struct GuardHangIntegrationTests {
    static let script = #"""
        set -u
        T=$1
        mkdir -p "$T" && mount -t tmpfs tmpfs "$T" -o mode=0755
        mkdir -p "$T/tree/a/b/global" "$T/fuse/dead" "$T/cfg"
        touch "$T/tree/a/b/PG_VERSION"
        mkfifo "$T/tree/a/b/global/pg_control" "$T/tree/a/b/postmaster.pid" "$T/audit.fifo"
        printf '[host]\nenvironment = "development"\n[guard]\naudit_log = "%s/audit.fifo"\n' "$T" > "$T/cfg/hostguard.toml"
        export HOSTGUARD_CONFIG=$T/cfg/hostguard.toml
        python3 "$TOOLS/dead-fuse-mount.py" "$T/fuse/dead" "$T/ready" & server=$!
        for _ in $(seq 200); do [ -s "$T/ready" ] && break; sleep 0.05; done
        [ -s "$T/ready" ] || { echo "setup-failed fuse"; exit 1; }
        timed() {
            local name=$1; shift
            local start=$(date +%s%N)
            timeout -s KILL 20 setsid -w "$HG" guard -- "$@" >/dev/null 2>"$T/err.$name"
            local status=$? ms=$(( ($(date +%s%N) - start) / 1000000 ))
            echo "case $name status=$status ms=$ms $(grep '^guard: ' "$T/err.$name" | head -1)"
            echo "audit $name $(grep -c 'audit log' "$T/err.$name")"
        }
        timed fifo rm -rf "$T/tree"
        timed fifoinside rm "$T/tree/a/b/PG_VERSION"
        timed fuse rm -rf "$T/fuse"
        timed fusepath rm -rf "$T/fuse/dead/x"
        timed plain rm -rf "$T/cfg/nothing-here"
        kill $server; wait $server 2>/dev/null; umount -l "$T/fuse/dead"
        """#

    @Test("a FIFO as pg_control or postmaster.pid, a FIFO audit log, a dead FUSE mount: a decision within 2 s")
    func neverHangs() throws {
        let directory = try TemporaryDirectory()
        chmod(directory.path, 0o755)
        let script = try directory.write("hang.sh", Self.script)
        let tools = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path + "/tools"
        let result = try runProcess("/usr/bin/unshare", ["-m", "--propagation", "private", "/bin/bash", script, directory.path + "/t"],
                                    environment: ["HG": HostGuardBinary.path, "TOOLS": tools], timeout: 120)
        let output = result.stdout + result.stderr
        #expect(!output.contains("setup-failed"), "\(output)")
        func line(_ name: String) -> Substring { output.split(separator: "\n").first { $0.hasPrefix("case \(name) ") } ?? "missing" }
        func milliseconds(_ name: String) -> Int {
            Int(line(name).split(separator: " ").first { $0.hasPrefix("ms=") }?.dropFirst(3) ?? "") ?? .max
        }
        for name in ["fifo", "fifoinside", "fuse", "fusepath", "plain"] {
            #expect(milliseconds(name) < 2000, "\(name): \(line(name))")
            // The FIFO audit log is one line on stderr, never a wait.
            #expect(output.contains("audit \(name) 1"), "\(name): \(output)")
        }
        // A data directory whose state files are FIFOs is not read, and is treated as live.
        #expect(line("fifo").contains("status=100"), "\(line("fifo"))")
        #expect(line("fifoinside").contains("status=100"), "\(line("fifoinside"))")
        // Under a mount that does not answer: refused, saying which mount.
        #expect(line("fuse").contains("status=100") && line("fuse").contains("not answering"), "\(line("fuse"))")
        #expect(line("fusepath").contains("status=100") && line("fusepath").contains("/fuse/dead not answering"), "\(line("fusepath"))")
        // Nothing there, nothing planted: rm runs (and fails: no such file).
        #expect(line("plain").contains("status=0"), "\(line("plain"))")
    }
}

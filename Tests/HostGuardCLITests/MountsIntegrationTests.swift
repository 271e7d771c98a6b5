import Foundation
import Testing

/// `hostguard mounts` against the real thing: tmpfs mounts, over-mounts, lazy unmounts and live
/// processes, each scenario inside its own private mount, PID and network namespace
/// (`unshare -m -p -n -f --mount-proc --kill-child`), so nothing leaks onto the host and every
/// process the scenario starts dies with the namespace's init when the script ends or is
/// killed. Needs root (CI runs as root); fails, never skips, without it.
@Suite("mounts integration", .serialized)
struct MountsIntegrationTests {
    /// Runs `script` as bash inside fresh namespaces with `$HG` (the built binary) and `$OUT` (a
    /// host directory for results) set; returns the result directory's files.
    func scenario(_ script: String, timeout: TimeInterval = 90) throws -> (status: Int32, files: [String: String], stderr: String) {
        let results = try TemporaryDirectory()
        try results.write("config.toml", "")
        let prelude = """
            set -euo pipefail
            exec </dev/null   # stdin reopened inside the namespace (the inherited one is the host's /dev/null)
            # stdout and stderr too: ones opened before `unshare` sit on a mount of the host's
            # namespace, which no process in here is in, and --proc-only would call it detached.
            exec >"$OUT/scenario.stdout" 2>"$OUT/scenario.stderr"
            ip link set lo up
            # Everything the scenario mounts lives under $W, itself a tmpfs private to this namespace.
            W=$(mktemp -d /tmp/hostguard-mounts-XXXXXX)
            mount -t tmpfs scenario "$W"
            trap 'umount -R -l "$W" 2>/dev/null; rmdir "$W" 2>/dev/null; true' EXIT
            # Waits (bounded: 20 s) until a command succeeds.
            wait_for() { for _ in $(seq 1 200); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "timed out: $*" >&2; return 1; }
            ns_differs() { test "$(readlink /proc/$1/ns/mnt)" != "$(readlink /proc/self/ns/mnt)"; }
            # Runs hostguard mounts, saving stdout and the exit status as $OUT/<name>.{out,status}.
            scan() { local name=$1; shift; set +e; "$HG" mounts "$@" > "$OUT/$name.out"; echo $? > "$OUT/$name.status"; set -e; }

            """
        let output = try runProcess(
            "/usr/bin/unshare",
            ["--mount", "--pid", "--net", "--fork", "--mount-proc", "--kill-child", "--propagation", "private",
             "/bin/bash", "-c", prelude + script],
            environment: [
                "HG": HostGuardBinary.path, "OUT": results.path,
                "HOSTGUARD_CONFIG": results.path + "/config.toml",
                "HOSTGUARD_STALE_MOUNTS_FILE": results.path + "/notice",
            ],
            timeout: timeout)
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: results.path) {
            files[name] = try? String(contentsOfFile: results.path + "/" + name, encoding: .utf8)
        }
        return (output.status, files, output.stderr + (files["scenario.stderr"] ?? ""))
    }

    func number(_ text: String?) throws -> Int {
        let trimmed = try #require(text).trimmingCharacters(in: .whitespacesAndNewlines)
        return try #require(Int(trimmed), "not a number: \(trimmed)")
    }

    func stale(_ json: String?) throws -> [[String: Any]] {
        let data = try #require(json?.data(using: .utf8))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(object["stale"] as? [[String: Any]])
    }

    @Test("the Pages incident: a server whose cwd was over-mounted serves the old page and is named; after a restart, clean")
    func pagesIncident() throws {
        let run = try scenario("""
            mkdir -p "$W/pages"
            mount -t tmpfs old "$W/pages"
            echo "old page" > "$W/pages/index.html"
            (cd "$W/pages" && exec python3 -m http.server 8080 --bind 127.0.0.1 --directory . >/dev/null 2>&1) &
            echo $! > "$OUT/server.pid"
            wait_for curl -sf http://127.0.0.1:8080/index.html
            mount -t tmpfs new "$W/pages"
            echo "new page" > "$W/pages/index.html"
            echo "$W/pages" > "$OUT/mountpoint"
            curl -sf http://127.0.0.1:8080/index.html > "$OUT/served-stale"
            scan stale --json --prometheus "$OUT/metrics.prom"
            cp "$HOSTGUARD_STALE_MOUNTS_FILE" "$OUT/notice-stale"
            # --proc-only cannot place a descriptor on a mount of a namespace no process in here
            # is in (unshare keeps one on the host's /dev/null): only the server's cwd is checked.
            scan stale-proc --json --proc-only
            scan text
            # SIGKILL: a child of Foundation's Process may inherit SIGTERM ignored.
            kill -KILL "$(cat "$OUT/server.pid")"; wait "$(cat "$OUT/server.pid")" 2>/dev/null || true
            (cd "$W/pages" && exec python3 -m http.server 8080 --bind 127.0.0.1 --directory . >/dev/null 2>&1) &
            wait_for curl -sf http://127.0.0.1:8080/index.html
            curl -sf http://127.0.0.1:8080/index.html > "$OUT/served-fresh"
            scan clean --json
            """)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.files["served-stale"] == "old page\n")
        #expect(run.files["served-fresh"] == "new page\n")
        #expect(run.files["stale.status"] == "1\n")
        let mountPoint = try #require(run.files["mountpoint"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try number(run.files["server.pid"])
        let findings = try stale(run.files["stale.out"])
        let cwd = try #require(findings.first { $0["pid"] as? Int == pid && $0["kind"] as? String == "cwd" }, "\(findings)")
        #expect(cwd["path"] as? String == mountPoint)
        #expect(cwd["mount_point"] as? String == mountPoint)
        #expect((cwd["held_source"] as? String)?.hasPrefix("old ") == true)
        #expect((cwd["current_source"] as? String)?.hasPrefix("new ") == true)
        #expect((cwd["command"] as? String)?.contains("http.server") == true)
        #expect(findings.allSatisfy { $0["pid"] as? Int == pid }, "only the server holds the old mount: \(findings)")
        // The same finding from /proc files alone (fdinfo, O_PATH handles), without statx.
        #expect(run.files["stale-proc.status"] == "1\n")
        #expect(try stale(run.files["stale-proc.out"]).contains { $0["pid"] as? Int == pid && $0["kind"] as? String == "cwd" })
        // The prompt's notice and the Prometheus textfile.
        #expect(run.files["notice-stale"]?.hasPrefix("1 ") == true, "notice: \(run.files["notice-stale"] ?? "absent")")
        let metrics = try #require(run.files["metrics.prom"])
        #expect(metrics.contains("hostguard_mounts_stale{unit=\"\",mount_point=\"\(mountPoint)\",kind=\"cwd\"} 1\n"))
        #expect(metrics.contains("hostguard_mounts_success 1\n"))
        #expect(metrics.contains("hostguard_mounts_last_run_timestamp_seconds "))
        // Human output: the group, the remedy, the pid.
        #expect(run.files["text.status"] == "1\n")
        #expect(run.files["text.out"]?.contains("(no systemd unit)") == true)
        #expect(run.files["text.out"]?.contains("\(pid)") == true)
        // After the restart: nothing stale.
        #expect(run.files["clean.status"] == "0\n", "\(run.files["clean.out"] ?? "")")
        #expect(try stale(run.files["clean.out"]).isEmpty)
    }

    @Test("a file held open on a lazily unmounted file system is a detached finding")
    func detached() throws {
        let run = try scenario("""
            mkdir -p "$W/lazy"
            mount -t tmpfs lazyfs "$W/lazy"
            echo data > "$W/lazy/held.txt"
            sleep 300 3< "$W/lazy/held.txt" &
            echo $! > "$OUT/holder.pid"
            wait_for test -e /proc/$!/fd/3   # the child has opened it (else the unmount races the open)
            umount -l "$W/lazy"
            scan detached --json
            scan detached-proc --json --proc-only
            """)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.files["detached.status"] == "1\n")
        let pid = try number(run.files["holder.pid"])
        let findings = try stale(run.files["detached.out"])
        let fd = try #require(findings.first { $0["pid"] as? Int == pid && $0["kind"] as? String == "fd" }, "\(findings)")
        #expect(fd["reason"] as? String == "detached")
        #expect((fd["path"] as? String)?.hasSuffix("held.txt") == true)
        #expect(fd["mount_point"] is NSNull)
        #expect(try stale(run.files["detached-proc.out"]).contains { $0["pid"] as? Int == pid && $0["reason"] as? String == "detached" })
    }

    @Test("a memory mapping of a file from the old mount is an mmap finding")
    func mapping() throws {
        let run = try scenario("""
            mkdir -p "$W/maps"
            mount -t tmpfs mapold "$W/maps"
            head -c 8192 /dev/zero > "$W/maps/data.bin"
            python3 -c 'import mmap, sys, time
            f = open(sys.argv[1], "rb")
            m = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)
            f.close()
            print("mapped", flush=True)
            time.sleep(300)' "$W/maps/data.bin" > "$OUT/mapper.ready" &
            echo $! > "$OUT/mapper.pid"
            wait_for grep -q mapped "$OUT/mapper.ready"
            mount -t tmpfs mapnew "$W/maps"
            scan mmap --json
            scan mmap-proc --json --proc-only
            """)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.files["mmap.status"] == "1\n")
        let pid = try number(run.files["mapper.pid"])
        let findings = try stale(run.files["mmap.out"])
        let mmap = try #require(findings.first { $0["pid"] as? Int == pid && $0["kind"] as? String == "mmap" }, "\(findings)")
        #expect((mmap["path"] as? String)?.hasSuffix("data.bin") == true)
        #expect((mmap["held_source"] as? String)?.hasPrefix("mapold ") == true)
        #expect((mmap["current_source"] as? String)?.hasPrefix("mapnew ") == true)
        // The maps text (--proc-only) and PROCMAP_QUERY (Linux 6.11+, the default where present) agree.
        #expect(try stale(run.files["mmap-proc.out"]).contains { $0["pid"] as? Int == pid && $0["kind"] as? String == "mmap" && ($0["path"] as? String)?.hasSuffix("data.bin") == true })
        // Python's mmap keeps a dup of the descriptor, so an fd finding may come too; nothing else.
        #expect(findings.allSatisfy { $0["pid"] as? Int == pid }, "\(findings)")
    }

    @Test("a process whose namespace was made before the change sees the old mount: namespace finding")
    func oldNamespace() throws {
        let run = try scenario("""
            mkdir -p "$W/share"
            mount -t tmpfs shareold "$W/share"
            unshare --mount --propagation private sleep 300 &
            echo $! > "$OUT/old.pid"
            wait_for ns_differs $!
            mount -t tmpfs sharenew "$W/share"
            echo "$W/share" > "$OUT/mountpoint"
            scan namespace --json
            # From the old namespace's point of view, everyone else is the one who differs.
            scan reference --json --reference-pid "$(cat "$OUT/old.pid")" --path "$W/share"
            """)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.files["namespace.status"] == "1\n")
        let pid = try number(run.files["old.pid"])
        let mountPoint = try #require(run.files["mountpoint"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let findings = try stale(run.files["namespace.out"])
        let view = try #require(findings.first { $0["pid"] as? Int == pid && $0["kind"] as? String == "namespace" }, "\(findings)")
        #expect(view["path"] as? String == mountPoint)
        #expect((view["held_source"] as? String)?.hasPrefix("shareold ") == true)
        #expect((view["current_source"] as? String)?.hasPrefix("sharenew ") == true)
        #expect(findings.allSatisfy { $0["pid"] as? Int == pid }, "\(findings)")
        let reversed = try stale(run.files["reference.out"])
        #expect(run.files["reference.status"] == "1\n")
        #expect(reversed.contains { $0["pid"] as? Int == 1 && $0["kind"] as? String == "namespace"
            && ($0["held_source"] as? String)?.hasPrefix("sharenew ") == true && ($0["current_source"] as? String)?.hasPrefix("shareold ") == true }, "\(reversed)")
        #expect(!reversed.contains { $0["pid"] as? Int == pid })
    }

    @Test("a clean host with many ordinary processes and a PrivateTmp-style namespace: exit 0, no findings")
    func cleanHost() throws {
        let run = try scenario("""
            mkdir -p "$W/data"
            mount -t tmpfs data "$W/data"
            for i in $(seq 1 60); do
                echo "$i" > "$W/data/file$i"
                sleep 300 3< "$W/data/file$i" 4< /etc/hostname &
            done
            (cd "$W/data" && exec python3 -m http.server 8080 --bind 127.0.0.1 --directory . >/dev/null 2>&1) &
            wait_for curl -sf http://127.0.0.1:8080/file1
            # systemd PrivateTmp=: the unit's /tmp is a bind of /tmp/systemd-private-…/tmp.
            private=/tmp/systemd-private-0123abcd-demo.service-Xy12Z9
            mkdir -p "$private/tmp"
            trap 'umount -R -l "$W" 2>/dev/null; rmdir "$W"; rm -rf "$private"; true' EXIT
            unshare --mount --propagation private bash -c "mount --bind $private/tmp /tmp && exec sleep 300" &
            wait_for ns_differs $!
            wait_for grep -q " /tmp " /proc/$!/mountinfo
            # Processes coming and going during the scans.
            (while :; do /bin/true; done) &
            scan clean --json
            # Unprivileged, most of /proc/<pid> is closed: counted and said, not fatal.
            set +e; setpriv --reuid=65534 --regid=65534 --clear-groups "$HG" mounts > "$OUT/nobody.out" 2> "$OUT/nobody.err"; echo $? > "$OUT/nobody.status"; set -e
            scan clean-tmp --json --path /tmp
            scan private --json --path /tmp --include-private
            scan text
            """)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.files["clean.status"] == "0\n", "\(run.files["clean.out"] ?? "")")
        #expect(try stale(run.files["clean.out"]).isEmpty)
        let data = try #require(run.files["clean.out"]?.data(using: .utf8))
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((summary["processes_scanned"] as? Int ?? 0) >= 62)
        #expect(summary["processes_unreadable"] as? Int == 0)
        #expect(summary["namespaces"] as? Int == 2)
        #expect(run.files["nobody.status"] == "0\n", "\(run.files["nobody.err"] ?? "")")
        #expect(run.files["nobody.out"]?.contains("could not be read") == true, "\(run.files["nobody.out"] ?? "")")
        #expect(run.files["nobody.out"]?.contains("run as root to see every process") == true)
        #expect(run.files["clean-tmp.status"] == "0\n", "PrivateTmp is benign: \(run.files["clean-tmp.out"] ?? "")")
        // The private /tmp was seen, and is reported when asked to include private namespaces.
        #expect(run.files["private.status"] == "1\n")
        #expect(try stale(run.files["private.out"]).contains { $0["kind"] as? String == "namespace" && $0["path"] as? String == "/tmp" })
        #expect(run.files["text.status"] == "0\n")
        #expect(run.files["text.out"]?.hasPrefix("No process holds a stale mount.") == true)
    }

    @Test("usage: a relative --path is a usage error (64); an unreadable /proc is exit 2")
    func usageAndFailure() throws {
        let relative = try runHostGuard(["mounts", "--path", "srv"])
        #expect(relative.status == 64)
        let directory = try TemporaryDirectory()
        let broken = try runHostGuard(["mounts", "--proc", directory.path + "/missing", "--prometheus", directory.path + "/m.prom"],
                                      environment: ["HOSTGUARD_STALE_MOUNTS_FILE": directory.path + "/notice"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("could not check"))
        let metrics = try String(contentsOfFile: directory.path + "/m.prom", encoding: .utf8)
        #expect(metrics.contains("hostguard_mounts_success 0\n"))
    }

    @Test("a /proc read that blocks (a dead FUSE server under a fake /proc, standing in for a task stuck on a dead NFS server) ends at --timeout with exit 2, naming the pid")
    func deadline() throws {
        // Every open is O_NONBLOCK, so a FIFO no longer blocks a read; a FUSE mount whose server
        // never answers does (Tests/tools/dead-fuse-mount.py), as a hung NFS server would.
        let directory = try TemporaryDirectory()
        let tool = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("tools/dead-fuse-mount.py").path
        let result = try runProcess("/usr/bin/unshare", ["-m", "--propagation", "private", "/bin/bash", "-euc", """
            fake=$1/proc
            mkdir -p "$fake/self/ns" "$fake/4242/ns" "$fake/4242/fd"
            grep ' / / ' /proc/self/mountinfo > "$fake/self/mountinfo"
            cp "$fake/self/mountinfo" "$fake/4242/mountinfo"
            ln -s 'mnt:[1]' "$fake/self/ns/mnt"; ln -s 'mnt:[1]' "$fake/4242/ns/mnt"
            python3 "$2" "$fake/4242/fd" "$1/ready" & server=$!
            for _ in $(seq 1 100); do [ -s "$1/ready" ] && break; sleep 0.05; done
            set +e
            "$3" mounts --proc "$fake" --timeout 1 --prometheus "$1/m.prom"
            echo $? > "$1/status"
            kill $server; wait; umount -l "$fake/4242/fd"
            """, "deadline", directory.path, tool, HostGuardBinary.path],
            environment: ["HOSTGUARD_STALE_MOUNTS_FILE": directory.path + "/notice"], timeout: 30)
        let status = try String(contentsOfFile: directory.path + "/status", encoding: .utf8)
        #expect(status == "2\n", "\(result.stderr)")
        #expect(result.stderr.contains("could not check"))
        #expect(result.stderr.contains("/proc/4242") || result.stderr.contains("4242"))
        let metrics = try String(contentsOfFile: directory.path + "/m.prom", encoding: .utf8)
        #expect(metrics.contains("hostguard_mounts_success 0\n"))
    }

    @Test("the systemd units run the scan into the textfile directory, without a private mount namespace")
    func systemdUnits() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let service = try String(contentsOf: root.appendingPathComponent("Packaging/systemd/hostguard-mounts.service"), encoding: .utf8)
        let timer = try String(contentsOf: root.appendingPathComponent("Packaging/systemd/hostguard-mounts.timer"), encoding: .utf8)
        let settings = service.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(settings.contains { $0.hasPrefix("ExecStart=") && $0.contains(" mounts --prometheus /var/lib/prometheus/node-exporter/") })
        #expect(settings.contains("SuccessExitStatus=1"))
        for option in ["PrivateTmp=", "ProtectSystem=", "ProtectHome=", "ReadWritePaths=", "PrivateMounts=", "RootDirectory="] {
            #expect(!settings.contains { $0.hasPrefix(option) }, "\(option) would give the scan its own mount namespace")
        }
        #expect(timer.contains("OnUnitActiveSec="))
        #expect(timer.contains("WantedBy=timers.target"))
        // The watch service: long-running, same namespace rules, fanotify's capability.
        let watch = try String(contentsOf: root.appendingPathComponent("Packaging/systemd/hostguard-mounts-watch.service"), encoding: .utf8)
        let watchSettings = watch.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(watchSettings.contains { $0.hasPrefix("ExecStart=") && $0.contains(" mounts watch --prometheus /var/lib/prometheus/node-exporter/") })
        #expect(watchSettings.contains("Type=simple"))
        #expect(watchSettings.contains { $0.hasPrefix("CapabilityBoundingSet=") && $0.contains("CAP_SYS_ADMIN") })
        for option in ["PrivateTmp=", "ProtectSystem=", "ProtectHome=", "ReadWritePaths=", "PrivateMounts=", "RootDirectory="] {
            #expect(!watchSettings.contains { $0.hasPrefix(option) }, "\(option) would give the watch its own mount namespace")
        }
    }
}

import Foundation
import Testing

/// `mounts watch`, `mounts wait`, `--ack`, and the table shapes that used to be mis-read (empty
/// source, chroot), each in the private namespaces of `MountsIntegrationTests.scenario`.
extension MountsIntegrationTests {
    @Test("watch: an over-mount of a directory a daemon serves from is reported within 2 s, by both event sources; the watcher holds nothing on it",
          arguments: ["fanotify", "poll"])
    func watch(events: String) throws {
        let run = try scenario("""
            mkdir -p "$W/pages" "$OUT/state"
            mount -t tmpfs old "$W/pages"
            echo "old page" > "$W/pages/index.html"
            (cd "$W/pages" && exec python3 -m http.server 8080 --bind 127.0.0.1 --directory . >/dev/null 2>&1) &
            echo $! > "$OUT/server.pid"
            wait_for curl -sf http://127.0.0.1:8080/index.html
            export HOSTGUARD_STATE_DIR="$OUT/state"
            unset HOSTGUARD_STALE_MOUNTS_FILE
            "$HG" mounts watch --events \(events) --prometheus "$OUT/watch.prom" 2> "$OUT/watch.err" &
            watcher=$!
            wait_for grep -q "Scanned" "$OUT/watch.err"
            cp "$OUT/watch.err" "$OUT/before.err"
            start=$(date +%s%N)
            mount -t tmpfs new "$W/pages"
            wait_for grep -q "stale:" "$OUT/watch.err"
            echo $(( ($(date +%s%N) - start) / 1000000 )) > "$OUT/noticed-ms"
            wait_for test -s "$OUT/state/stale-mounts"
            cp "$OUT/state/stale-mounts" "$OUT/notice"
            sleep 0.3   # the metrics are written with the notice
            # What the watcher holds: its cwd and descriptors, none on $W.
            readlink /proc/$watcher/cwd > "$OUT/watcher-cwd"
            for fd in /proc/$watcher/fd/*; do readlink "$fd"; done > "$OUT/watcher-fds" 2>/dev/null || true
            "$HG" prompt --shell plain > "$OUT/prompt" 2>/dev/null || true
            echo "$W/pages" > "$OUT/mountpoint"
            kill "$watcher"
            """)
        #expect(run.status == 0, "\(run.stderr)")
        let err = try #require(run.files["watch.err"])
        #expect(err.contains("watching the mount table (\(events))"), "\(err)")
        #expect(!(run.files["before.err"] ?? "").contains("stale:"), "nothing stale before the over-mount")
        let pid = try number(run.files["server.pid"])
        let mountPoint = try #require(run.files["mountpoint"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let line = try #require(err.split(separator: "\n").first { $0.contains("stale:") })
        #expect(line.contains("pid \(pid) (") && line.contains("http.server"), "\(line)")
        #expect(line.contains("cwd \(mountPoint) on \(mountPoint): holds old (tmpfs), mounted now new (tmpfs): over-mounted"), "\(line)")
        #expect(line.contains("(it belongs to no systemd unit)"), "the unit (none here) is named: \(line)")
        #expect(try number(run.files["noticed-ms"]) < 2000, "noticed after \(run.files["noticed-ms"] ?? "?") ms")
        #expect(run.files["notice"]?.hasPrefix("1 ") == true)
        #expect(run.files["watch.prom"]?.contains("hostguard_mounts_stale_processes 1\n") == true)
        #expect(run.files["prompt"]?.contains("stale mounts: 1") == true, "prompt: \(run.files["prompt"] ?? "")")
        #expect(run.files["watcher-cwd"] == "/\n")
        #expect(!(run.files["watcher-fds"] ?? "").contains(mountPoint), "\(run.files["watcher-fds"] ?? "")")
    }

    @Test("watch: a scan stuck behind a mount that does not answer is reported and the watch goes on")
    func watchStuck() throws {
        let tool = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("tools/dead-fuse-mount.py").path
        let run = try scenario("""
            # A fake /proc whose one process has its fd directory on a FUSE server that never answers.
            fake="$W/proc"; mkdir -p "$fake/self/ns" "$fake/4242/ns" "$fake/4242/fd" "$OUT/state"
            grep ' / / ' /proc/self/mountinfo > "$fake/self/mountinfo"; cp "$fake/self/mountinfo" "$fake/4242/mountinfo"
            ln -s 'mnt:[1]' "$fake/self/ns/mnt"; ln -s 'mnt:[1]' "$fake/4242/ns/mnt"
            python3 "\(tool)" "$fake/4242/fd" "$W/ready" & server=$!
            wait_for test -s "$W/ready"
            export HOSTGUARD_STATE_DIR="$OUT/state"
            "$HG" mounts watch --events poll --proc "$fake" --scan-timeout 1 --rescan 1 2> "$OUT/watch.err" &
            watcher=$!
            wait_for grep -q "did not finish" "$OUT/watch.err"
            sleep 2.5
            kill -0 "$watcher" && echo alive > "$OUT/alive"
            kill -KILL "$watcher"; kill "$server"; wait "$server" 2>/dev/null || true
            umount -l "$fake/4242/fd"
            """)
        #expect(run.status == 0, "\(run.stderr)")
        let err = run.files["watch.err"] ?? ""
        #expect(err.contains("the scan did not finish in 1 s"), "\(err)")
        #expect(err.components(separatedBy: "did not finish").count > 2, "it kept rescanning: \(err)")
        #expect(run.files["alive"] == "alive\n")
    }

    @Test("wait --source: a lazily unmounted mount held by a process blocks, printing the holder; returns 0 once the holder exits; exits 1 at --timeout")
    func waitForSource() throws {
        let run = try scenario("""
            mkdir -p "$W/old"
            mount -t tmpfs hg-wait-src "$W/old"
            echo data > "$W/old/file"
            sleep 300 3< "$W/old/file" &
            holder=$!
            # The mount is seen while attached, then detached under the waiting command.
            set +e
            "$HG" mounts wait --source hg-wait-src --interval 0.2 > "$OUT/wait.out" 2> "$OUT/wait.err" &
            waiter=$!
            wait_for grep -q "still hold" "$OUT/wait.err"
            umount -l "$W/old"
            sleep 1
            kill -0 "$waiter" && echo blocked > "$OUT/blocked"
            "$HG" mounts wait --source hg-wait-src --timeout 0.5 > /dev/null 2> "$OUT/timeout.err"; echo $? > "$OUT/timeout.status"
            kill "$holder"; wait "$holder" 2>/dev/null
            wait "$waiter"; echo $? > "$OUT/wait.status"
            "$HG" mounts wait --source hg-nothing --timeout 1 > "$OUT/none.out" 2> "$OUT/none.err"; echo $? > "$OUT/none.status"
            echo $holder > "$OUT/holder.pid"
            """)
        #expect(run.status == 0, "\(run.stderr)")
        let holder = try number(run.files["holder.pid"])
        let err = run.files["wait.err"] ?? ""
        #expect(err.contains("pid \(holder) (sleep 300) fd "), "\(err)")
        #expect(err.contains("on detached mount"), "the holder is shown again once the mount is detached: \(err)")
        #expect(run.files["blocked"] == "blocked\n")
        #expect(run.files["wait.status"] == "0\n")
        #expect(run.files["wait.out"]?.contains("Nothing holds hg-wait-src any more.") == true)
        // A fresh `wait` started after the detach cannot know the source: says so, exits 0.
        #expect(run.files["timeout.status"] == "0\n" || run.files["timeout.status"] == "1\n")
        #expect(run.files["none.status"] == "0\n")
        #expect(run.files["none.err"]?.contains("no mount of hg-nothing is listed") == true)
    }

    @Test("wait --source exits 1 at --timeout while a held mount is still attached")
    func waitTimeout() throws {
        let run = try scenario("""
            mkdir -p "$W/old"; mount -t tmpfs hg-wait-busy "$W/old"
            (cd "$W/old" && exec sleep 300) &
            set +e
            "$HG" mounts wait --source hg-wait-busy --timeout 0.6 > /dev/null 2> "$OUT/err"; echo $? > "$OUT/status"
            """)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.files["status"] == "1\n")
        #expect(run.files["err"]?.contains("still held after 0.600 s") == true, "\(run.files["err"] ?? "")")
        #expect(run.files["err"]?.contains("(sleep 300) cwd ") == true)
    }

    @Test("--ack: an accepted finding stays listed as acknowledged, leaves the exit status and the notice; a new finding does not")
    func acknowledge() throws {
        let run = try scenario("""
            mkdir -p "$W/a" "$W/b"
            mount -t tmpfs olda "$W/a"; (cd "$W/a" && exec sleep 300) &
            sleep 0.2; mount -t tmpfs newa "$W/a"
            scan first --json
            id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["stale"][0]["id"])' "$OUT/first.out")
            echo "$id" > "$OUT/id"
            scan acked --json --ack "$id"
            cp "$HOSTGUARD_STALE_MOUNTS_FILE" "$OUT/notice-acked"
            printf '[mounts]\\nacknowledged = ["%s"]\\n' "$id" > "$OUT/config.toml"
            scan config-acked
            mount -t tmpfs oldb "$W/b"; (cd "$W/b" && exec sleep 300) &
            sleep 0.2; mount -t tmpfs newb "$W/b"
            scan second --json
            """)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.files["first.status"] == "1\n")
        #expect(run.files["acked.status"] == "0\n")
        let acked = try stale(run.files["acked.out"])
        #expect(acked.count == 1 && acked[0]["acknowledged"] as? Bool == true)
        #expect(run.files["notice-acked"]?.hasPrefix("0 ") == true)
        #expect(run.files["config-acked.status"] == "0\n")
        #expect(run.files["config-acked.out"]?.contains("(acknowledged)") == true)
        #expect(run.files["second.status"] == "1\n")
        let second = try stale(run.files["second.out"])
        #expect(second.filter { $0["acknowledged"] as? Bool == true }.count == 1)
        #expect(second.filter { $0["acknowledged"] as? Bool == false }.count == 1)
    }

    @Test("an empty source on a live kernel: a healthy process is clean, an over-mount is over-mounted (not detached)")
    func emptySource() throws {
        let run = try scenario("""
            mkdir -p "$W/e" "$W/f"
            mount -t tmpfs "" "$W/e"; mount --make-shared "$W/e"
            (cd "$W/e" && exec sleep 300) &
            mount -t tmpfs "" "$W/f"; (cd "$W/f" && exec sleep 300) & echo $! > "$OUT/stale.pid"
            sleep 0.2
            mount -t tmpfs "" "$W/f"
            scan run --json
            """)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.files["run.status"] == "1\n")
        let findings = try stale(run.files["run.out"])
        let pid = try number(run.files["stale.pid"])
        #expect(findings.count == 1, "\(findings)")
        #expect(findings.first?["pid"] as? Int == pid)
        #expect(findings.first?["reason"] as? String == "over_mounted")
    }

    @Test("inside a chroot (a table with no / entry) the scan checks relative to its own root instead of exiting 2")
    func chroot() throws {
        let run = try scenario("""
            J="$W/jail"; mkdir -p "$J/proc" "$J/data" "$J/tmp"
            # (opt: where a toolchain's shared Swift runtime may live, for a debug build.)
            for d in usr bin lib lib64 sbin opt; do
                if [ -L /$d ]; then ln -s "$(readlink /$d)" "$J/$d"; elif [ -d /$d ]; then mkdir "$J/$d"; mount --bind /$d "$J/$d"; fi
            done
            mkdir -p "$J/hg"; cp "$HG" "$J/hg/hostguard"
            mount -t proc proc "$J/proc"
            mount -t tmpfs olddata "$J/data"
            (cd "$J/data" && exec sleep 300) &
            sleep 0.2; mount -t tmpfs newdata "$J/data"
            set +e
            chroot "$J" /hg/hostguard mounts --json > "$OUT/chroot.out" 2> "$OUT/chroot.err"; echo $? > "$OUT/chroot.status"
            """)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.files["chroot.status"] == "1\n", "\(run.files["chroot.err"] ?? "")")
        let findings = try stale(run.files["chroot.out"])
        #expect(findings.contains { $0["kind"] as? String == "cwd" && $0["mount_point"] as? String == "/data" && $0["reason"] as? String == "over_mounted" }, "\(findings)")
    }
}

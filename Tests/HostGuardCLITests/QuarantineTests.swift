import Foundation
import Testing

/// Quarantine, list, restore and purge on real files — in a private mount namespace with a tmpfs
/// at `$FS`, so every quarantine folder the tests make is on that tmpfs (the folder sits at the
/// root of the filesystem of what is quarantined) and goes away with it; the trash registry is
/// the test's own (HermeticEnvironment), so `trash list|purge` open only folders the test made
/// and never the host's `/.hostguard-trash`.
@Suite("quarantine: trusted folders, found through the registry, never searched for", .serialized)
struct QuarantineTests {
    let environment: HermeticEnvironment
    let config: String
    /// Mount point of the private tmpfs (inside the namespace only).
    var fs: String { environment.root + "/fs" }
    /// Results written by the script, read here (outside the tmpfs, so they survive it).
    var out: String { environment.root + "/out" }
    static let tools = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path + "/tools"

    init() throws {
        environment = try HermeticEnvironment()
        config = try GuardTest.config(environment.directory, environment: "production")
        try FileManager.default.createDirectory(atPath: environment.root + "/out", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: environment.root + "/fs", withIntermediateDirectories: true)
    }

    /// Runs bash `script` in a private mount namespace with a fresh tmpfs on `$FS`. The script
    /// sees `$HG` (the binary), `$HOST` (the short host name for --confirm), `$OUT`, `$TOOLS`,
    /// and `quarantine PATH…` (guard --quarantine rm -rf, without a terminal).
    func run(_ script: String) throws -> ProcessOutput {
        let prologue = """
            set -u
            mount -t tmpfs -o mode=0755 hostguard-test "$FS" || exit 90
            quarantine() { setsid -w "$HG" guard --confirm "$HOST" --quarantine -- rm -rf "$@"; }

            """
        var variables = environment.variables
        variables.merge(["HOSTGUARD_CONFIG": config, "HG": HostGuardBinary.path, "HOST": GuardTest.shortHostName,
                         "FS": fs, "OUT": out, "TOOLS": Self.tools]) { _, new in new }
        let result = try runProcess("/usr/bin/unshare", ["-m", "--propagation", "private", "/bin/bash", "-c", prologue + script],
                                    environment: variables, timeout: 120)
        #expect(result.status != 90, "could not mount the private tmpfs: \(result.stderr)")
        return result
    }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: out + "/" + name, encoding: .utf8)) ?? "(no \(name))"
    }

    @Test("quarantine then restore gives back the same bytes, owners and modes; purge removes for good; the folder is root's, 0700, and registered")
    func roundTrip() throws {
        let result = try run(#"""
            mkdir -p "$FS/tree/sub"
            printf 'hello\0world' > "$FS/tree/sub/data"
            : > "$FS/tree/"$'odd\xffname'
            ln -s sub/data "$FS/tree/link"
            chown 1234:5678 "$FS/tree/sub/data"; chmod 0640 "$FS/tree/sub/data"; chmod 0751 "$FS/tree/sub"
            snapshot() { (cd "$FS" && find tree -printf '%p %m %U %G %y %l\n' | sort && find tree -type f -exec sha256sum {} + | sort); }
            "$HG" trash list > "$OUT/empty" 2>&1; echo "status=$?" >> "$OUT/empty"
            snapshot > "$OUT/before"
            quarantine "$FS/tree" 2> "$OUT/moved"; echo "status=$?" >> "$OUT/moved"
            [ -e "$FS/tree" ] && echo "tree still there" >> "$OUT/moved"
            stat -c '%U %a %F' "$FS/.hostguard-trash" > "$OUT/folder"
            stat -c '%U %a' "$HOSTGUARD_TRASH_REGISTRY" > "$OUT/registry"
            cat "$HOSTGUARD_TRASH_REGISTRY" >> "$OUT/registry"
            printf '%s' "$FS/.hostguard-trash" | od -An -tx1 | tr -d ' \n' > "$OUT/folder-hex"
            "$HG" trash list > "$OUT/listed" 2>&1
            id=$(sed -n 's/.*quarantined as \([^;]*\);.*/\1/p' "$OUT/moved")
            "$HG" trash restore "$id" > "$OUT/restored" 2>&1; echo "status=$?" >> "$OUT/restored"
            snapshot > "$OUT/after"
            "$HG" trash list > "$OUT/listed-after" 2>&1
            quarantine "$FS/tree" 2> "$OUT/again"
            "$HG" trash purge --older-than 0s > "$OUT/purged" 2>&1; echo "status=$?" >> "$OUT/purged"
            "$HG" trash list > "$OUT/listed-after-purge" 2>&1
            [ -e "$FS/tree" ] && echo "tree back after purge" >> "$OUT/purged"
            ls -A "$FS/.hostguard-trash" > "$OUT/left"
            """#)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(read("empty") == "nothing quarantined\nstatus=0\n")
        let moved = read("moved")
        #expect(moved.hasSuffix("status=0\n"), "\(moved)")
        let id = try #require(moved.components(separatedBy: "quarantined as ").last?.split(separator: ";").first.map(String.init))
        #expect(read("folder") == "root 700 directory\n")
        let registry = read("registry")
        #expect(registry == "root 644\nhostguard-trash-folders 1\nfolder \(read("folder-hex"))\n", "\(registry)")
        #expect(read("listed").contains(id) && read("listed").contains(fs + "/tree"), "\(read("listed"))")
        #expect(read("restored").hasSuffix("status=0\n"), "\(read("restored"))")
        // Bytes, not text: a name in the tree is not UTF-8.
        let before = FileManager.default.contents(atPath: out + "/before"), after = FileManager.default.contents(atPath: out + "/after")
        #expect(before != nil && before == after)
        #expect(read("listed-after") == "nothing quarantined\n")
        let second = try #require(read("again").components(separatedBy: "quarantined as ").last?.split(separator: ";").first.map(String.init))
        #expect(read("purged") == "purged \(second)\nstatus=0\n")
        #expect(read("listed-after-purge") == "nothing quarantined\n")
        #expect(read("left") == "")
    }

    @Test("a quarantine folder made beforehand by another user, with a loose mode, or as a symlink is refused with the reason; nothing moves")
    func untrustedFolderRefused() throws {
        let result = try run(#"""
            try() {  # NAME: make the folder as the caller did, then try to quarantine $FS/NAME
                mkdir -p "$FS/$1/inner"
                quarantine "$FS/$1" 2> "$OUT/$1"; echo "status=$?" >> "$OUT/$1"
                [ -d "$FS/$1/inner" ] && echo "kept" >> "$OUT/$1"
                rm -rf "$FS/.hostguard-trash"
            }
            mkdir -m 0700 "$FS/.hostguard-trash"; chown 1234:1234 "$FS/.hostguard-trash"; try other-user
            mkdir -m 0755 "$FS/.hostguard-trash"; try loose-mode
            mkdir -p "$FS/elsewhere"; ln -s elsewhere "$FS/.hostguard-trash"; try symlink
            ls -A "$FS/elsewhere" > "$OUT/elsewhere"
            cat "$HOSTGUARD_TRASH_REGISTRY" > "$OUT/registry" 2>&1 || true
            """#)
        #expect(result.status == 0, "\(result.stderr)")
        for (name, reason) in [("other-user", "owned by uid 1234, not root"), ("loose-mode", "mode 0755, not 0700"), ("symlink", "not a directory")] {
            let text = read(name)
            #expect(text.contains(reason) && text.contains("refusing to quarantine"), "\(name): \(text)")
            #expect(text.contains("status=102\nkept\n"), "\(name): \(text)")
        }
        #expect(read("elsewhere") == "")
        // Nothing was registered: no folder was used.
        #expect(!read("registry").contains("folder "), "\(read("registry"))")
    }

    @Test("a registered folder on a FUSE mount that does not answer: list and purge report it as not checked within seconds and handle the rest")
    func deadMountNotWaitedOn() throws {
        let result = try run(#"""
            mkdir -p "$FS/keep" "$FS/dead"; echo data > "$FS/keep/file"
            quarantine "$FS/keep" 2> "$OUT/moved"
            python3 "$TOOLS/dead-fuse-mount.py" "$FS/dead" "$OUT/ready" & server=$!
            for _ in $(seq 200); do [ -s "$OUT/ready" ] && break; sleep 0.05; done
            # As if something had been quarantined there before its server went away.
            printf 'folder %s\n' "$(printf '%s' "$FS/dead/.hostguard-trash" | od -An -tx1 | tr -d ' \n')" >> "$HOSTGUARD_TRASH_REGISTRY"
            timed() {  # NAME ARGS…: run hostguard with a hang guard, keep output, status, milliseconds
                local name=$1; shift
                local start=$(date +%s%N)
                timeout -s KILL 30 "$HG" "$@" > "$OUT/$name" 2> "$OUT/$name.err"; echo $? > "$OUT/$name.status"
                echo $(( ($(date +%s%N) - start) / 1000000 )) > "$OUT/$name.ms"
            }
            timed list trash list
            timed purge trash purge --older-than 0s
            timed list-after trash list
            kill $server; wait $server; umount -l "$FS/dead"
            """#)
        #expect(result.status == 0, "\(result.stderr)")
        let id = try #require(read("moved").components(separatedBy: "quarantined as ").last?.split(separator: ";").first.map(String.init), "\(read("moved"))")
        #expect(read("ready").hasPrefix("ready"), "the dead FUSE mount did not come up: \(result.stderr)")
        let dead = fs + "/dead/.hostguard-trash: not checked (mount not answering)"

        #expect(read("list").contains(id) && read("list").contains(fs + "/keep"), "\(read("list"))")
        #expect(read("list.err").contains(dead), "\(read("list.err"))")
        #expect(read("list.status") == "2\n")
        print("trash list with a dead FUSE mount registered: \(read("list.ms").trimmingCharacters(in: .newlines)) ms")
        // A hang check, not a benchmark: the look is bounded at 1.5 s; 10 s leaves room for a busy host.
        #expect((Int(read("list.ms").trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max) < 10_000, "trash list took \(read("list.ms")) ms")

        #expect(read("purge") == "purged \(id)\n", "\(read("purge"))")
        #expect(read("purge.err").contains(dead) && read("purge.status") == "2\n", "\(read("purge.err"))")
        #expect((Int(read("purge.ms").trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max) < 10_000)
        #expect(read("list-after") == "nothing quarantined\n")
    }
}

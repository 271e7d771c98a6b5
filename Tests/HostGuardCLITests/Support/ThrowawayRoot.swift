import Foundation

/// A copy of this machine's root file system that can be changed and thrown away: an overlay
/// (lower: the host's /, upper: a tmpfs) in a private mount namespace, with its own /tmp and /run
/// (tmpfs), and the host's /proc, /sys and /dev. What a test installs, edits or purges there
/// (a .deb, /etc/hostguard, the dpkg database) lives in the tmpfs and is gone when the root is:
/// the host's installed packages and files are never touched.
///
/// One process keeps the namespace alive (chroot'ed into the overlay, sleeping); `run` enters
/// it with nsenter (mount namespace, root and cwd of that process), and `launcher` is the same
/// prefix for helpers such as `TmuxSession`. The host sees the root at `/proc/PID/root`
/// (`hostPath`). Going away kills every process in that mount namespace (by pid, found through
/// /proc/PID/ns/mnt), after which the kernel removes the mounts with the namespace.
final class ThrowawayRoot {
    let directory: TemporaryDirectory
    let pid: Int32
    private let namespace: String

    init() throws {
        directory = try TemporaryDirectory()
        let t = directory.path
        // /run/systemd/system absent (a fresh /run): maintainer scripts see no running systemd
        // and start or stop nothing on the host.
        let setup = """
            set -e
            mkdir -p "$T/rw" "$T/root"
            mount -t tmpfs -o mode=0755 throwaway-root "$T/rw"
            mkdir -p "$T/rw/upper" "$T/rw/work"
            mount -t overlay overlay -o "lowerdir=/,upperdir=$T/rw/upper,workdir=$T/rw/work" "$T/root"
            mount -t proc proc "$T/root/proc"
            mount --rbind /sys "$T/root/sys"
            mount --rbind /dev "$T/root/dev"
            mount -t tmpfs -o mode=1777 throwaway-tmp "$T/root/tmp"
            mount -t tmpfs -o mode=0755 throwaway-run "$T/root/run"
            echo $$ > "$T/pid.tmp" && mv "$T/pid.tmp" "$T/pid"
            exec chroot "$T/root" /bin/sleep 86400
            """
        let started = try runProcess("/usr/bin/setsid", ["-f", "/usr/bin/unshare", "-m", "--propagation", "private", "/bin/sh", "-c", setup],
                                     environment: ["T": t], hermetic: false)
        guard started.status == 0 else { throw ThrowawayRootError("unshare: \(started.stderr)") }
        var found: Int32?
        for _ in 0..<300 {
            if let text = try? String(contentsOfFile: t + "/pid", encoding: .utf8), let value = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                found = value
                break
            }
            usleep(50_000)
        }
        guard let found else { throw ThrowawayRootError("the throw-away root did not come up (overlay over / in a private mount namespace)") }
        pid = found
        // Wait until the keeper has chroot'ed: its root is then no longer the host's.
        var namespaceLink = ""
        for _ in 0..<300 {
            let root = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(found)/root")) ?? ""
            if root != "/" && !root.isEmpty, let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(found)/ns/mnt") {
                namespaceLink = link
                break
            }
            usleep(50_000)
        }
        guard !namespaceLink.isEmpty else { throw ThrowawayRootError("the throw-away root's keeper (pid \(found)) never entered it") }
        namespace = namespaceLink
    }

    deinit {
        // Every process in the root's mount namespace, the keeper included: each by its pid.
        for _ in 0..<3 {
            let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap(Int32.init).filter {
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\($0)/ns/mnt")) == namespace
            }
            if pids.isEmpty { break }
            for pid in pids { kill(pid, SIGKILL) }
            usleep(100_000)
        }
    }

    /// `nsenter` into the root: what to put before a command to run it there.
    var launcher: [String] { ["/usr/bin/nsenter", "-t", String(pid), "-m", "-r", "-w", "--"] }

    /// Runs `command` inside the root, with exactly `environment` (plus PATH and LANG).
    @discardableResult
    func run(_ command: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 300) throws -> ProcessOutput {
        try runProcess(launcher[0], Array(launcher.dropFirst()) + [command] + arguments, environment: environment, timeout: timeout, hermetic: false)
    }

    /// Whether everything written in the root lands in the throw-away layer: the keeper's own
    /// mount table (its `/proc/PID/mountinfo`, not the host's state) shows its `/` as an overlay
    /// whose upper directory is under this root's tmpfs. This is what lets the package and
    /// rollout tests say the host was not touched without reading the host's packages or
    /// /etc/hostguard.
    func writesStayInside() -> Bool {
        guard let table = try? String(contentsOfFile: "/proc/\(pid)/mountinfo", encoding: .utf8) else { return false }
        // mountinfo(5): field 5 is the mount point as this process sees it, then after " - ":
        // type, source, super options (where overlayfs lists upperdir=).
        return table.split(separator: "\n").contains { line in
            let halves = line.components(separatedBy: " - ")
            let fields = halves[0].split(separator: " ")
            guard halves.count == 2, fields.count >= 5, fields[4] == "/" else { return false }
            let tail = halves[1].split(separator: " ")
            return tail.first == "overlay" && tail.count >= 3
                && tail[2].split(separator: ",").contains { $0 == "upperdir=\(directory.path)/rw/upper" }
        }
    }

    /// Where the host sees `path` of the root.
    func hostPath(_ path: String) -> String { "/proc/\(pid)/root" + path }
}

struct ThrowawayRootError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Everything one `hostguard mounts` run found and how far it got: the input of every report.
public struct MountScanResult: Sendable {
    public var findings: [StaleFinding] = []
    /// Processes whose links, descriptors and maps were read.
    public var processesScanned = 0
    /// Kernel threads and zombies (no command line, nothing to hold).
    public var processesSkipped = 0
    /// Processes we were not allowed to read (not root, or a sandbox hides them).
    public var processesUnreadable = 0
    /// Processes that exited while we read them: expected on a busy host.
    public var processesVanished = 0
    /// Distinct mount namespaces whose table was read (each once).
    public var namespacesRead = 0
    /// Namespaces with their own root (containers) or systemd sandboxing, not compared.
    public var privateNamespacesSkipped = 0
    /// Descriptors opened through a mount of a namespace we could not read (inherited across
    /// unshare) whose file system is still mounted where we can see it: not stale.
    public var descriptorsViaOtherNamespaces = 0
    /// Paths whose view was compared across namespaces.
    public var watchedPaths: [String] = []
    public var runningAsRoot = true
    /// One example of why a process could not be read ("readlink /proc/1/ns/mnt: Permission denied").
    public var firstUnreadable: String?
    public var durationSeconds = 0.0
    /// Seconds since the epoch when the scan finished.
    public var finishedAt = 0.0

    public init() {}

    /// Nothing stale that has not been acknowledged (the exit status: 0).
    public var isClean: Bool { !findings.contains { !$0.acknowledged } }

    /// Distinct processes with at least one finding not acknowledged (the prompt's notice).
    public var staleProcessCount: Int { Set(findings.filter { !$0.acknowledged }.map(\.pid)).count }

    /// Distinct processes whose findings are all acknowledged.
    public var acknowledgedProcessCount: Int {
        Set(findings.filter(\.acknowledged).map(\.pid)).subtracting(findings.filter { !$0.acknowledged }.map(\.pid)).count
    }
}

extension MountScanResult {
    /// Report order: by unit (processes outside any unit last), then pid, then kind.
    public static func ordered(_ findings: [StaleFinding]) -> [StaleFinding] {
        findings.enumerated().sorted { a, b in
            let left = (a.element.unit?.name ?? "~", a.element.pid, a.element.kind)
            let right = (b.element.unit?.name ?? "~", b.element.pid, b.element.kind)
            return left < right || (left == right && a.offset < b.offset)
        }.map(\.element)
    }
}

/// A file system object by what the kernel calls it: device and inode. Two spellings name the
/// same object exactly when these agree — through a symlink, a hard link, a bind mount or another
/// namespace's /proc/PID/root view alike (stat(2), st_dev and st_ino).
public struct FileIdentity: Hashable, Sendable, CustomStringConvertible {
    public var device: UInt64
    public var inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    public var description: String { "\(device):\(inode)" }
}

/// How the "who uses it" scan of /proc went. It runs only when the decision already asks or
/// refuses without it, so the let-through path never pays for it.
public enum ProcessScanState: Sendable, Equatable {
    /// Not needed: nothing asked.
    case notRun
    case complete
    /// The time budget ran out: `read` of `listed` processes were looked at.
    case cutShort(milliseconds: Int, read: Int, listed: Int)
    /// Every process listed was looked at, but some could not be read (another user's, not root).
    /// `names`: their command names (/proc/PID/comm is readable by everyone).
    case unreadable(count: Int, pids: [Int], names: [String])
    /// /proc itself could not be listed: nothing is known about processes.
    case failed(String)

    public var isComplete: Bool { self == .complete }

    /// "process scan stopped after 200 ms (1,480 of 2,100 processes read)".
    public var sentence: String? {
        switch self {
        case .notRun, .complete: return nil
        case .cutShort(let milliseconds, let read, let listed):
            return "process scan stopped after \(milliseconds) ms (\(Self.grouped(read)) of \(Self.grouped(listed)) processes read)"
        case .unreadable(let count, let pids, _):
            let list = count <= 3 ? ": pid " + pids.map(String.init).joined(separator: ", ") : ""
            return "\(count) process\(count == 1 ? "" : "es") could not be read\(list)"
        case .failed(let why):
            return "could not scan processes: \(why)"
        }
    }

    static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        return result
    }
}

/// The settings and config state the decision depends on (besides identity).
public struct GuardRunSettings: Sendable, Equatable {
    public var forceLive = false
    /// `[guard] quarantine`: offer quarantine for deletions that ask.
    public var quarantineEnabled = true
    /// `[[protect]]` rules and each rule's path after resolving it (a rule may name a symlink).
    public var protect: [ProtectRule] = []
    public var protectPaths: [RawPath] = []
    /// A system config file had an error: its environment and [[protect]] rules may be missing.
    public var systemConfigIsBroken = false

    public init(forceLive: Bool = false, quarantineEnabled: Bool = true, protect: [ProtectRule] = [],
                protectPaths: [RawPath] = [], systemConfigIsBroken: Bool = false) {
        self.forceLive = forceLive
        self.quarantineEnabled = quarantineEnabled
        self.protect = protect
        self.protectPaths = protectPaths
        self.systemConfigIsBroken = systemConfigIsBroken
    }
}

/// A block device the host itself needs: the one `/` or `/boot` is on, or a parent of it.
public struct SystemDiskFact: Sendable, Equatable {
    public var device: DeviceNumber
    /// "sda (the disk / is on)".
    public var why: String

    public init(device: DeviceNumber, why: String) {
        self.device = device
        self.why = why
    }
}

/// Everything the System layer found out for one guard run, in one value: the policy decides
/// from this alone (`GuardPolicy.decide`), so every decision is a table test.
public struct GuardFacts: Sendable {
    public var command: CommandAssessment
    public var targets: [TargetFacts]
    public var identity: HostIdentity
    public var settings: GuardRunSettings
    /// Database servers whose data directory is known (found around a target, configured, in
    /// the packaged places, or from the process scan), each with its live set.
    public var servers: [LiveServer] = []
    public var processScan: ProcessScanState = .notRun
    /// Block devices under `/` and `/boot` (read only when a target is a block device).
    public var systemDisks: [SystemDiskFact] = []
    /// Standard input is a terminal (a database client reading from a pipe or file runs a script).
    public var stdinIsTerminal = true
    /// Set by `attachingLiveData()`, so attaching twice attaches once.
    public var liveDataAttached = false

    public init(command: CommandAssessment, targets: [TargetFacts], identity: HostIdentity,
                settings: GuardRunSettings = GuardRunSettings()) {
        self.command = command
        self.targets = targets
        self.identity = identity
        self.settings = settings
    }
}

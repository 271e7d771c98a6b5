/// What a shell integration needs to keep a pre-rendered segment without running anything on
/// each prompt: the files whose change means "render again", checked with the shell's builtin
/// `-nt`/`-e` tests against a stamp file, and a time after which to render again anyway.
///
/// The shell reads it from `hostguard prompt --shell S --integration ID`, after the segment's
/// line, one fact a line:
///
///     hostguard-watch 1
///     stamp /run/user/1000/hostguard/stamp.4242
///     until 1763750120            (seconds since the epoch; 0: no time limit)
///     present /etc/hostguard/hostguard.toml
///     absent /etc/hostguard/conf.d/x.toml
///
/// A path holding a newline cannot be written one a line: the plan then has no stamp, and the
/// shell renders again each second (as it does whenever there is no stamp).
public struct PromptRefreshPlan: Equatable, Sendable {
    /// One file the segment was rendered from, as it was when read.
    public struct WatchedFile: Equatable, Sendable {
        public var path: String
        /// nil: the file was absent (its appearance is news too).
        public var modifiedNanoseconds: Int64?
        /// On a mount whose server may not answer (network, FUSE): the shell's own stat of it
        /// could hang the shell, which no deadline can stop, so it is not watched.
        public var mayNotAnswer: Bool

        public init(path: String, modifiedNanoseconds: Int64?, mayNotAnswer: Bool = false) {
            self.path = path
            self.modifiedNanoseconds = modifiedNanoseconds
            self.mayNotAnswer = mayNotAnswer
        }
    }

    /// The mtime to give the stamp: a watched file newer than it has changed.
    public var stampNanoseconds: Int64
    public var present: [String]
    public var absent: [String]
    /// Seconds since the epoch after which to render again; 0 for never.
    public var until: Int64

    /// File timestamps are only as fine as the file system keeps them (a jiffy on ext4 and
    /// tmpfs, a second or two on some network and FAT file systems): a file written again within
    /// that granule of our read would keep its mtime, and the change would go unseen. So a file
    /// changed less than this long ago puts the stamp a second before it ("racily clean", as git
    /// calls it), and the next prompt renders again, until the file has settled.
    public static let settleNanoseconds: Int64 = 2_000_000_000

    /// - Parameters:
    ///   - deadlines: seconds since the epoch when the segment would change by time alone (a
    ///     role state turning stale, a probe only a re-run can answer); the earliest in the
    ///     future wins.
    public static func make(files: [WatchedFile], nowNanoseconds: Int64, deadlines: [Int64]) -> PromptRefreshPlan {
        var present: [String] = [], absent: [String] = []
        var newest: Int64 = 0
        for file in files where !file.mayNotAnswer && !file.path.contains("\n") && file.path.hasPrefix("/") {
            if let modified = file.modifiedNanoseconds {
                if !present.contains(file.path) { present.append(file.path) }
                newest = max(newest, modified)
            } else if !absent.contains(file.path) {
                absent.append(file.path)
            }
        }
        var stamp = newest
        if nowNanoseconds - newest < settleNanoseconds { stamp = newest - 1_000_000_000 }
        let now = nowNanoseconds / 1_000_000_000
        let until = deadlines.filter { $0 > now }.min() ?? 0
        return PromptRefreshPlan(stampNanoseconds: stamp, present: present, absent: absent, until: until)
    }

    public init(stampNanoseconds: Int64, present: [String], absent: [String], until: Int64) {
        self.stampNanoseconds = stampNanoseconds
        self.present = present
        self.absent = absent
        self.until = until
    }

    /// The lines after the segment; `stamp` nil when no stamp file could be made.
    public func encoded(stamp: String?) -> String {
        var out = "hostguard-watch 1\n"
        if let stamp, !stamp.contains("\n") { out += "stamp " + stamp + "\n" }
        out += "until \(until)\n"
        for path in present { out += "present " + path + "\n" }
        for path in absent { out += "absent " + path + "\n" }
        return out
    }
}

extension PromptRefreshPlan {
    /// File systems whose every access may wait on something other than this kernel: network
    /// file systems (a hard NFS mount waits for its server for ever), any FUSE file system (its
    /// server is a process that may hang or die; fuse(4)), and autofs (an access may start a
    /// mount). The prompt never lets the shell stat a file on one, and reads one only under a
    /// deadline.
    public static func mayNotAnswer(filesystemType type: String) -> Bool {
        FilesystemKind.isNetwork(type) || type == "fuse" || type == "fuseblk" || type.hasPrefix("fuse.") || type == "autofs"
    }
}

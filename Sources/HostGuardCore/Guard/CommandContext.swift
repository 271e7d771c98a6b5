/// What a rule may know about the command line besides its words: facts the System layer
/// gathers before reading it (`GuardSession` fills this), and what the launchers read on the way
/// changed (`env -C DIR`, `chroot DIR`, `nsenter -m`). Defaults are the worst case.
public struct CommandContext: Sendable, Equatable {
    /// Environment the command will run with, for tools that read it (PGDATA, POSIXLY_CORRECT,
    /// HOME for `~` in a `sh -c` script).
    public var environment: [String: String]
    /// Whether the command's standard input is a terminal (isatty(0), gathered by System). A
    /// database client with no `-c`/`-f` and a non-terminal stdin runs whatever SQL is piped to
    /// it, which the guard cannot see. Default false: the worst case.
    public var stdinIsTerminal: Bool
    /// The directory the command runs in when a launcher changed it (`env -C /srv`, `sudo -D`),
    /// nil when it is the guard's own cwd. Relative paths are folded under it.
    public var directory: String?
    /// The root directory when a launcher changed it (`chroot /mnt/sysimage`); absolute paths are
    /// folded under it.
    public var root: String?
    /// Why the command's paths are not ours to resolve ("nsenter -m: another mount namespace"):
    /// every path target then becomes an `UnknownTarget` with this reason.
    public var foreignView: String?
    /// Words came from a script or a split string the guard read itself, not from a shell that
    /// already expanded them: `$X`, globs and `~` in them are still to be expanded.
    public var fromScript = false

    public init(environment: [String: String] = [:], stdinIsTerminal: Bool = false) {
        self.environment = environment
        self.stdinIsTerminal = stdinIsTerminal
    }
}

import Testing
@testable import HostGuardCore

@Suite("postmaster processes from /proc facts")
struct PostmasterProcessTests {
    static func cmdline(_ words: [String]) -> [UInt8] { words.flatMap { Array($0.utf8) + [0] } }

    @Test("the command name: argv[0]'s basename, or a rewritten title's first word", arguments: [
        (["/usr/lib/postgresql/15/bin/postgres", "-D", "/var/lib/postgresql/15/main"], "postgres"),
        (["postgres: 15/main: checkpointer "], "postgres:"),
        (["postmaster"], "postmaster"),
        (["/usr/bin/sleep", "100"], "sleep"),
        ([], ""),
    ] as [([String], String)])
    func command(words: [String], expected: String) {
        #expect(PostmasterProcess.commandName(Self.cmdline(words)) == expected)
    }

    @Test("the data directory from -D, -DDIR and --pgdata=, absolute only, last wins", arguments: [
        (["postgres", "-D", "/srv/pg"], "/srv/pg"),
        (["postgres", "-D/srv/pg"], "/srv/pg"),
        (["postgres", "--pgdata=/srv/pg"], "/srv/pg"),
        (["postgres", "-D", "/a", "-D", "/b"], "/b"),
        (["postgres", "-D", "relative"], nil),
        (["postgres", "-c", "config_file=/etc/postgresql/15/main/postgresql.conf"], nil),
        (["postgres", "-D"], nil),
    ] as [([String], String?)])
    func dataDirectory(words: [String], expected: String?) {
        #expect(PostmasterProcess.dataDirectoryArgument(words.map { Array($0.utf8) }) == expected)
    }

    static let file = PostmasterPidFile(pid: 4242, dataDirectory: "/data")

    struct Row: Sendable, CustomTestStringConvertible {
        var comment: String
        var cmdline: [String]?
        var cwd: PostmasterProcess.CwdReading
        var canonical = "/data"
        /// true: running; false: stale.
        var running: Bool
        var says: String
        var testDescription: String { comment }
    }

    static let rows: [Row] = [
        Row(comment: "alive, a postmaster, cwd is the directory", cmdline: ["/usr/lib/postgresql/15/bin/postgres"], cwd: .path("/data"),
            running: true, says: "cwd is the data directory"),
        Row(comment: "cwd matches only after realpath", cmdline: ["postgres"], cwd: .path("/real/data"), canonical: "/real/data",
            running: true, says: "cwd is the data directory"),
        Row(comment: "gone", cmdline: nil, cwd: .gone, running: false, says: "is not alive"),
        Row(comment: "a zombie (empty cmdline)", cmdline: [], cwd: .gone, running: false, says: "is not alive"),
        Row(comment: "a backend, not the postmaster", cmdline: ["postgres: 15/main: checkpointer "], cwd: .path("/data"),
            running: false, says: "child process"),
        Row(comment: "the pid was reused", cmdline: ["/usr/bin/sleep", "100"], cwd: .path("/data"), running: false, says: "pid reused"),
        Row(comment: "another cluster's postmaster", cmdline: ["postgres"], cwd: .path("/elsewhere"), running: false,
            says: "is a postmaster for /elsewhere"),
        Row(comment: "cwd unreadable, the pid file names this directory", cmdline: ["postgres"],
            cwd: .permissionDenied("Permission denied"), running: true, says: "postmaster.pid names this directory"),
        Row(comment: "cwd unreadable otherwise: running (fail safe), saying why", cmdline: ["postgres"],
            cwd: .failed("I/O error"), running: true, says: "cwd unreadable (I/O error)"),
        Row(comment: "exited while its cwd was read", cmdline: ["postgres"], cwd: .gone, running: false, says: "exited while being checked"),
    ]

    @Test("is the pid file's pid this directory's running postmaster", arguments: rows)
    func status(row: Row) {
        let status = PostmasterProcess.status(of: Self.file, directory: "/data", cmdline: row.cmdline.map(Self.cmdline),
                                              cwd: { row.cwd }, canonical: { row.canonical })
        switch status {
        case .running(_, let how):
            #expect(row.running, "\(how)")
            #expect(how.contains(row.says), "\(how)")
        case .stale(_, let why):
            #expect(!row.running, "\(why)")
            #expect(why.contains(row.says), "\(why)")
        default:
            Issue.record("\(status)")
        }
    }
}

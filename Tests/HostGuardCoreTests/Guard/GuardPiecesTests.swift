import Testing
@testable import HostGuardCore

@Suite struct GuardOptionsTests {
    static func words(_ text: [String]) -> [[UInt8]] { text.map { Array($0.utf8) } }

    struct Row: Sendable, CustomStringConvertible {
        var args: [String]
        var dryRun = false
        var json = false
        var confirm: String?
        var forceLive = false
        var command: [String]
        var description: String { args.joined(separator: " ") }
    }

    static let rows: [Row] = [
        // the command starts at the first word without a dash
        Row(args: ["rm", "-rf", "x"], command: ["rm", "-rf", "x"]),
        // `--` ends the guard's options (hostguard guard -- rm …)
        Row(args: ["--", "rm", "-rf", "x"], command: ["rm", "-rf", "x"]),
        // options before the command
        Row(args: ["--dry-run", "--json", "rm", "x"], dryRun: true, json: true, command: ["rm", "x"]),
        // --confirm with a separate value
        Row(args: ["--confirm", "db1", "rm", "x"], confirm: "db1", command: ["rm", "x"]),
        // --confirm= form and --force-live
        Row(args: ["--confirm=db1", "--force-live", "--", "rm", "x"], confirm: "db1", forceLive: true, command: ["rm", "x"]),
        // the command's own options are not the guard's
        Row(args: ["rm", "--dry-run"], command: ["rm", "--dry-run"]),
    ]

    @Test(arguments: rows)
    func parses(_ row: Row) throws {
        let options = try GuardOptionsTests.parse(row.args)
        #expect(options.dryRun == row.dryRun)
        #expect(options.json == row.json)
        #expect(options.confirm == row.confirm)
        #expect(options.forceLive == row.forceLive)
        #expect(options.command == Self.words(row.command))
    }

    static func parse(_ args: [String]) throws -> GuardOptions {
        try GuardOptions.parse(words(args)).get()
    }

    @Test func failures() {
        #expect(throws: GuardOptions.Failure.noCommand) { try Self.parse(["--dry-run"]) }
        #expect(throws: GuardOptions.Failure.missingValue("--confirm")) { try Self.parse(["--confirm"]) }
        #expect(throws: GuardOptions.Failure.unknownOption("--bogus")) { try Self.parse(["--bogus", "rm"]) }
    }

    @Test func nonUTF8CommandBytesAreKept() throws {
        let name: [UInt8] = [0x61, 0xFF, 0xFE]
        let options = try GuardOptions.parse([Array("rm".utf8), name]).get()
        #expect(options.command[1] == name)
    }
}

@Suite struct GuardAnswerTests {
    struct Row: Sendable, CustomStringConvertible {
        var line: String?
        var interrupted = false
        var level: GuardLevel
        var quarantine = false
        var answer: GuardAnswer
        var description: String { "\(line ?? "EOF") at \(level)" }
    }

    static let rows: [Row] = [
        // y runs a y/N question
        Row(line: "y", level: .confirm, answer: .run),
        // anything else declines, including the empty default
        Row(line: "", level: .confirm, answer: .declined),
        Row(line: "yep", level: .confirm, answer: .declined),
        // the exact short host name runs
        Row(line: "db1", level: .typeHostname, answer: .run),
        // surrounding blanks are forgiven
        Row(line: "  db1 ", level: .typeHostname, answer: .run),
        // another host's name declines: that is the point
        Row(line: "db2", level: .typeHostname, answer: .declined),
        // the FQDN is not the short name
        Row(line: "db1.example.com", level: .typeHostname, answer: .declined),
        // case matters
        Row(line: "DB1", level: .typeHostname, answer: .declined),
        // y is not the host name
        Row(line: "y", level: .typeHostname, answer: .declined),
        // EOF (Ctrl-D on an empty line)
        Row(line: nil, level: .typeHostname, answer: .interrupted),
        // Ctrl-C after typing the right name: still nothing runs
        Row(line: "db1", interrupted: true, level: .typeHostname, answer: .interrupted),
        // q quarantines when offered
        Row(line: "q", level: .typeHostname, quarantine: true, answer: .quarantine),
        // q is just a wrong answer when not offered
        Row(line: "q", level: .typeHostname, answer: .declined),
    ]

    @Test(arguments: rows)
    func evaluates(_ row: Row) {
        #expect(GuardAnswer.evaluate(row.line, interrupted: row.interrupted, level: row.level, hostName: "db1",
                                     quarantineOffered: row.quarantine) == row.answer)
    }
}

@Suite struct TrashPiecesTests {
    @Test func manifestRoundTripsBytes() {
        let manifest = TrashManifest(id: "20261121T194500Z-42", time: 1_763_754_300, user: "root", sudoUser: "alice",
                                     cwd: Array("/root".utf8), argv: [Array("rm".utf8), [0x61, 0xFF, 0x20, 0x0A]],
                                     items: [[0x2F, 0x61, 0xFF, 0x20, 0x0A], Array("/srv/x y".utf8)])
        #expect(TrashManifest.parse(manifest.serialized(), id: manifest.id) == manifest)
    }

    @Test func damagedManifestIsRejected() {
        #expect(TrashManifest.parse("hostguard-trash 1\ntime x\n", id: "a") == nil)
        #expect(TrashManifest.parse("something else\n", id: "a") == nil)
        #expect(TrashManifest.parse("hostguard-trash 1\ntime 5\nitem 1 2f\n", id: "a") == nil)
    }

    @Test(arguments: [("30d", Int64(2_592_000)), ("12h", 43_200), ("90m", 5_400), ("45s", 45), ("2w", 1_209_600), ("0s", 0), ("600", 600)])
    func ages(_ row: (String, Int64)) {
        #expect(AgeParser.seconds(row.0) == row.1)
    }

    @Test func badAges() {
        for text in ["", "d", "-1d", "3y", "1.5h"] { #expect(AgeParser.seconds(text) == nil, "\(text)") }
    }

    @Test func stamps() {
        #expect(UTCStamp.iso(0) == "1970-01-01T00:00:00Z")
        // 2017-01-31 23:27 UTC: the outage's rm -rf (GitLab postmortem timeline).
        #expect(UTCStamp.iso(1_485_905_220) == "2017-01-31T23:27:00Z")
        #expect(UTCStamp.compact(951_782_400) == "20000229T000000Z")
    }
}

@Suite struct GuardBannerTests {
    @Test func bannerSaysWhereWhatAndWhy() {
        let identity = HostIdentity(hostName: HostName(nodeName: "db1.cluster.gitlab.com"), environment: "production",
                                    role: .known(Role(.primary, service: "postgresql", running: true)), cluster: "db",
                                    evidence: [Evidence(.role, source: "probe:postgresql", detail: "pg_control: in production")])
        let command = CommandRules.assess(["rm", "-rf", "/var/opt/gitlab/postgresql/data"])
        let operand = command.paths[0]
        var target = TargetFacts(operand: operand, resolved: ResolvedPath(
            spelled: RawPath("data"), real: RawPath("/var/opt/gitlab/postgresql/data"), exists: true,
            isSymlinkItself: false, followed: [], problem: nil))
        target.isDirectory = true
        target.liveData = [LiveDataFact(kind: "postgresql", directory: "/var/opt/gitlab/postgresql/data", running: true, role: .primary, evidence: "pg_control: in production")]
        target.size = SizeFact(bytes: 310 << 30, files: 123_456, complete: false)
        let rule = ProtectRule(path: "/var/opt/gitlab", level: .typeHostname, note: "Runbook: db-replication.md", file: "f", key: "protect[1]")
        let decision = GuardPolicy.decide(command, targets: [target], identity: identity, protect: [rule])
        var text = ""
        GuardBanner.render(GuardReport(identity: identity, argv: ["rm", "-rf", "data"], command: command, targets: [target], decision: decision),
                           depth: .none, to: &text)
        #expect(text.hasPrefix(" PRODUCTION  db1 · PostgreSQL PRIMARY\n"))
        #expect(text.contains("role         PostgreSQL PRIMARY  (probe:postgresql: pg_control: in production)"))
        #expect(text.contains("/var/opt/gitlab/postgresql/data   (typed data)"))
        #expect(text.contains("at least 310.0 GiB in 123456 entries"))
        #expect(text.contains("REFUSED"))
        #expect(text.contains("runbook      Runbook: db-replication.md"))
        #expect(!text.contains("\u{1b}"))
        var coloured = ""
        GuardBanner.render(GuardReport(identity: identity, argv: ["rm"], command: command, targets: [], decision: decision),
                           depth: .basic, to: &coloured)
        #expect(coloured.hasPrefix("\u{1b}["))
    }

    @Test func hostileNamesAreShownInert() {
        let identity = HostIdentity(hostName: HostName(nodeName: "db1"), environment: nil, role: .notApplicable, cluster: nil, evidence: [])
        let command = CommandRules.assess(["rm", "x\u{1b}]0;pwned\u{07}"])
        var target = TargetFacts(operand: command.paths[0], resolved: ResolvedPath(
            spelled: RawPath("x\u{1b}]0;pwned\u{07}"), real: RawPath("/tmp/x\u{1b}]0;pwned\u{07}"), exists: true,
            isSymlinkItself: false, followed: [], problem: nil))
        target.isDirectory = false
        let decision = GuardPolicy.decide(command, targets: [target], identity: identity)
        var text = ""
        GuardBanner.render(GuardReport(identity: identity, argv: ["rm", TerminalText.visible("x\u{1b}]0;pwned\u{07}")], command: command,
                                       targets: [target], decision: decision), depth: .none, to: &text)
        #expect(!text.contains("\u{1b}"))
        #expect(!text.contains("\u{07}"))
        #expect(text.contains(Vocabulary.unknownEnvironment))
    }
}

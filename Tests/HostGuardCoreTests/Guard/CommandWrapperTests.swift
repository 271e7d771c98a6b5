import Testing
@testable import HostGuardCore

@Suite("command wrappers (sudo, env, nice …)")
struct CommandWrapperTests {
    struct Row: Sendable, CustomStringConvertible {
        var argv: [String]
        var harm: Harm?
        /// Each path target's text and the argv word it came from.
        var paths: [(String, Int?)] = []
        var problems = 0
        var description: String { argv.joined(separator: " ") }
    }

    static let rows: [Row] = [
        // the outage as typed on a server: sudo in front of rm
        Row(argv: ["sudo", "rm", "-rf", "/var/lib/postgresql/15/main"], harm: .delete, paths: [("/var/lib/postgresql/15/main", 3)]),
        // sudo's own options, one with an attached and one with a separate argument
        Row(argv: ["sudo", "-uroot", "-g", "postgres", "-E", "rm", "-r", "x"], harm: .delete, paths: [("x", 7)]),
        // long option with a separate argument, then `--`
        Row(argv: ["sudo", "--user", "postgres", "--", "rm", "x"], harm: .delete, paths: [("x", 5)]),
        // assignments before the command
        Row(argv: ["sudo", "PGDATA=/srv/pg", "rm", "-rf", "y"], harm: .delete, paths: [("y", 4)]),
        // nested: sudo env nice nohup timeout
        Row(argv: ["sudo", "env", "-i", "A=1", "nice", "-n", "5", "nohup", "timeout", "-s", "KILL", "10s", "rm", "-f", "z"],
            harm: .delete, paths: [("z", 14)]),
        // a wrapper with no command runs nothing destructive
        Row(argv: ["sudo", "-l"], harm: nil),
        Row(argv: ["env"], harm: nil),
        // a harmless inner command stays harmless
        Row(argv: ["sudo", "ls", "-la", "/"], harm: nil),
        // sudo -D / env -C move the inner command: relative paths are folded under the directory
        // (their text is then made up, so no argv position)
        Row(argv: ["sudo", "-D", "/srv", "rm", "-rf", "data"], harm: .delete, paths: [("/srv/data", nil)]),
        Row(argv: ["env", "--chdir=/srv", "rm", "-rf", "data", "/abs"], harm: .delete, paths: [("/srv/data", nil), ("/abs", 5)]),
        // the wrapper's options are not the inner command's: `nice -n 5` is not rm's -n
        Row(argv: ["nice", "-n", "5", "rm", "-i", "a"], harm: .delete, paths: [("a", 5)]),
    ]

    @Test("reads through to the wrapped command, argv positions kept", arguments: rows)
    func wrapped(row: Row) {
        let assessment = CommandRules.assess(row.argv)
        #expect(assessment.harm == row.harm)
        #expect(assessment.paths.map(\.text) == row.paths.map(\.0))
        #expect(assessment.paths.map { $0.at?.word } == row.paths.map(\.1))
        #expect(assessment.problems.count == row.problems, "\(assessment.problems)")
        if row.harm != nil { #expect(assessment.summary.contains("(via \(row.argv[0])")) }
    }

    @Test("sudo is in the alias list, so `sudo rm` typed at a prompt is guarded too")
    func sudoAliased() {
        #expect(GuardAliases.commands.contains("sudo"))
    }
}

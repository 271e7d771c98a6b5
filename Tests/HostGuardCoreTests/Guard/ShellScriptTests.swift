import Testing
@testable import HostGuardCore

@Suite struct ShellScriptTests {
    struct Row: Sendable, CustomStringConvertible {
        var script: String
        var positional: [String] = []
        /// Each command's words joined by a space; overwrites as "> FILE".
        var commands: [String]
        var beyond: [String] = []
        var description: String { script }
    }

    static let rows: [Row] = [
        Row(script: "rm -rf /x", commands: ["rm -rf /x"]),
        // separators; quotes keep operators and blanks
        Row(script: "cd /tmp && ls -l; echo 'a;b' | sort || true", commands: ["cd /tmp", "ls -l", "echo a;b", "sort", "true"]),
        Row(script: "echo \"a b\" c\\ d", commands: ["echo a b c d"]),
        // redirections: > truncates, >> appends, 2>&1 is a descriptor, < reads
        Row(script: "date > /tmp/out 2>&1", commands: ["date > /tmp/out"]),
        Row(script: "date >> /tmp/log < /dev/null", commands: ["date"]),
        // positional parameters from the arguments
        Row(script: "rm -f \"$1\" \"$2\"", positional: ["a b", "c"], commands: ["rm -f a b c"]),
        Row(script: "rm \"$@\"", positional: ["x", "y"], commands: ["rm x y"]),
        // a variable stays visible as an expansion
        Row(script: "rm -rf $DIR/cache", commands: ["rm -rf ${DIR}/cache"], beyond: ["$DIR"]),
        // command substitution: read too, and noted
        Row(script: "echo $(rm -rf /y)", commands: ["rm -rf /y", "echo $(rm -rf /y)"], beyond: ["$(…)"]),
        // loops: the keywords go, the body is read
        Row(script: "for f in a b; do rm $f; done", commands: ["rm ${f}"], beyond: ["a `for` compound command", "$f"]),
        // comments
        Row(script: "ls # rm -rf /", commands: ["ls"]),
    ]

    @Test(arguments: rows) func splits(_ row: Row) {
        let script = ShellScript.parse(row.script, positional: row.positional)
        let seen = script.commands.map { command in
            (command.words + command.overwrites.map { "> \($0)" }).joined(separator: " ")
        }
        #expect(seen == row.commands)
        #expect(script.beyond == row.beyond)
    }
}

@Suite struct DestructiveSQLTests {
    @Test(arguments: [
        ("DROP TABLE users", ["DROP TABLE users"]),
        ("drop database if exists app;", ["DROP DATABASE app"]),
        ("TRUNCATE events", ["TRUNCATE events"]),
        ("DELETE FROM sessions", ["DELETE FROM sessions without WHERE"]),
        ("DELETE FROM sessions WHERE id = 1", []),
        ("UPDATE users SET a = 1", ["UPDATE users without WHERE"]),
        ("ALTER TABLE t DROP COLUMN c", ["ALTER table t … DROP"]),
        ("SELECT 'drop table x'; -- drop table y\n/* DROP TABLE z */ SELECT 1", []),
        ("SELECT 1; DROP TABLE a; SELECT 2", ["DROP TABLE a"]),
        ("\\! rm -rf /", ["psql \\! runs a shell command"]),
        ("CREATE FUNCTION f() AS $$ DELETE FROM t $$ LANGUAGE sql", []),
    ])
    func finds(_ sql: String, _ expected: [String]) {
        #expect(DestructiveSQL.findings(sql) == expected)
    }
}

@Suite struct EnvSplitStringTests {
    @Test(arguments: [
        ("rm -rf", ["rm", "-rf"]),
        ("'a b' \"c d\"", ["a b", "c d"]),
        ("a\\_b", ["a", "b"]),
        ("x ${HOME}/y", ["x", "/home/me/y"]),
        ("ls # rm", ["ls"]),
    ])
    func splits(_ text: String, _ words: [String]) {
        #expect(EnvRule.splitString(text, environment: ["HOME": "/home/me"]) == words)
    }
}

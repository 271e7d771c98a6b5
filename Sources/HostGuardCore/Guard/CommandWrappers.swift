/// Commands that run another command: `sudo rm -rf x` destroys what `rm -rf x` destroys. The
/// guard reads through them to the command they run (nested too: `sudo env X=1 nice rm …`).
///
/// Each stops at its first operand (they parse options with getopt's "+": no permutation), so a
/// small scanner per wrapper is exact where the general GNU parser would read the inner
/// command's options as the wrapper's. Option tables from the man pages on Debian 12 (sudo
/// 1.9.13, coreutils 9.1, util-linux 2.38).
public struct CommandWrapper: Sendable {
    public var name: String
    /// Short options that take an argument (`-u USER`, `-uUSER`).
    var shortWithArgument: Set<Character>
    /// Long options that take an argument (`--user USER`, `--user=USER`).
    var longWithArgument: Set<String>
    /// Options that change the directory the inner command runs in: its relative paths would
    /// resolve elsewhere, so the guard says it cannot read them (which raises the level).
    var changesDirectory: Set<String>
    /// Operands before the command (`timeout DURATION CMD`).
    var leadingOperands = 0
    /// `NAME=value` words before the command (sudo, env).
    var takesAssignments = false

    static let all: [CommandWrapper] = [
        CommandWrapper(
            name: "sudo", shortWithArgument: ["u", "g", "C", "D", "h", "p", "r", "t", "U", "T", "R"],
            longWithArgument: ["user", "group", "close-from", "chdir", "host", "prompt", "role", "type", "other-user", "command-timeout", "chroot"],
            changesDirectory: ["D", "chdir", "R", "chroot"], takesAssignments: true),
        CommandWrapper(
            name: "env", shortWithArgument: ["u", "C", "S"], longWithArgument: ["unset", "chdir", "split-string"],
            changesDirectory: ["C", "chdir"], takesAssignments: true),
        CommandWrapper(name: "nice", shortWithArgument: ["n"], longWithArgument: ["adjustment"], changesDirectory: []),
        CommandWrapper(name: "nohup", shortWithArgument: [], longWithArgument: [], changesDirectory: []),
        CommandWrapper(name: "ionice", shortWithArgument: ["c", "n"], longWithArgument: ["class", "classdata"], changesDirectory: []),
        CommandWrapper(name: "stdbuf", shortWithArgument: ["i", "o", "e"], longWithArgument: ["input", "output", "error"], changesDirectory: []),
        CommandWrapper(
            name: "timeout", shortWithArgument: ["s", "k"], longWithArgument: ["signal", "kill-after"],
            changesDirectory: [], leadingOperands: 1),
        CommandWrapper(name: "time", shortWithArgument: ["f", "o"], longWithArgument: ["format", "output"], changesDirectory: []),
    ]

    static func named(_ command: String) -> CommandWrapper? {
        all.first { $0.name == command }
    }

    /// Where the wrapped command starts in `argv` (argv[0] is the wrapper), and the problems
    /// found on the way; nil index when there is no wrapped command (`sudo -l`, `env`).
    func innerCommandIndex(_ argv: [String]) -> (index: Int?, problems: [String]) {
        var problems: [String] = []
        var index = 1
        while index < argv.count {
            let word = argv[index]
            if word == "--" { index += 1; break }
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = String(body.split(separator: "=", maxSplits: 1).first ?? "")
                if changesDirectory.contains(name) { problems.append("\(self.name) \(word) runs it in another directory") }
                index += longWithArgument.contains(name) && !body.contains("=") ? 2 : 1
                continue
            }
            if word.hasPrefix("-") && word.count > 1 {
                // Bundled flags; the first one that takes an argument takes the rest of the word
                // or, when the word ends there, the next word.
                var next = index + 1
                for (offset, letter) in word.dropFirst().enumerated() {
                    if changesDirectory.contains(String(letter)) {
                        problems.append("\(name) -\(letter) runs it in another directory")
                    }
                    if shortWithArgument.contains(letter) {
                        if offset == word.count - 2 { next = index + 2 }
                        break
                    }
                }
                index = next
                continue
            }
            if takesAssignments, let equals = word.firstIndex(of: "="), equals != word.startIndex,
               word[..<equals].allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) {
                index += 1
                continue
            }
            break
        }
        index += leadingOperands
        return (index < argv.count ? index : nil, problems)
    }
}

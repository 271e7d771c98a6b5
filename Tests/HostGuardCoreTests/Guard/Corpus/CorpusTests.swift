import Testing
@testable import HostGuardCore

/// The corpus (corpus.txt beside this file): real-world command lines, destructive and
/// ordinary, each with the decision expected on a production primary holding live PostgreSQL
/// data and on a development host. Each line is read by `CommandRules` and decided by
/// `GuardPolicy.decide`, and the figures per family are printed for both hosts.
///
/// The host facts here are SYNTHETIC, built with the Core types directly (`SyntheticHost`): the
/// corpus tests how a command line is read and weighed, not how facts are gathered — the
/// integration tests (GuardPostgresIntegrationTests …) cover gathering on a real PostgreSQL, real
/// mounts and real files.
@Suite struct CorpusTests {
    struct Line: Sendable, CustomStringConvertible {
        var number: Int
        var family: String
        var destructive: Bool
        var production: GuardLevel
        var development: GuardLevel
        var text: String
        var argv: [String]
        var description: String { "\(number): \(text)" }
    }

    static let directory: String = {
        var path = "\(#filePath)"
        while let last = path.last, last != "/" { path.removeLast() }
        return path
    }()

    static func level(_ word: Substring) -> GuardLevel? {
        switch word.trimmingBlanks {
        case "run": return .run
        case "confirm": return .confirm
        case "type": return .typeHostname
        case "refuse": return .refuse
        default: return nil
        }
    }

    /// `family | D or O | production | development | command line`; `#` comments, blank lines.
    static let lines: [Line] = {
        let text = String(decoding: readFixture(directory + "corpus.txt"), as: UTF8.self)
        var lines: [Line] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = raw.trimmingBlanks
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = raw.split(separator: "|", maxSplits: 4, omittingEmptySubsequences: false)
            guard fields.count == 5, let production = level(fields[2]), let development = level(fields[3]) else {
                fatalError("corpus.txt:\(index + 1): expected `family | D|O | level | level | command`: \(raw)")
            }
            let command = fields[4].trimmingBlanks
            let script = ShellScript.parse(command)
            guard script.commands.count == 1, script.commands[0].overwrites.isEmpty else {
                fatalError("corpus.txt:\(index + 1): one simple command per line (quote operators): \(command)")
            }
            lines.append(Line(number: index + 1, family: fields[0].trimmingBlanks, destructive: fields[1].trimmingBlanks == "D",
                              production: production, development: development, text: command,
                              argv: script.commands[0].words))
        }
        return lines
    }()

    @Test func corpusIsLargeAndCoversEveryFamily() {
        let lines = Self.lines
        #expect(lines.count >= 500, "\(lines.count) lines")
        let families = Set(lines.map(\.family))
        for family in families {
            #expect(lines.contains { $0.family == family && $0.destructive }, "\(family) has no destructive line")
            #expect(lines.contains { $0.family == family && !$0.destructive }, "\(family) has no ordinary line")
        }
    }

    @Test func decisionsMatchAndFiguresArePrinted() {
        let lines = Self.lines
        var mismatches: [String] = []
        var figures: [String: (dFlagged: [Int], dTotal: Int, oStopped: [Int], oTotal: Int)] = [:]
        for line in lines {
            let levels = [SyntheticHost.production, SyntheticHost.development].map { $0.decide(line.argv) }
            for (host, (got, want)) in zip(["production", "development"], zip(levels, [line.production, line.development])) where got.level != want {
                mismatches.append("corpus.txt:\(line.number) [\(host)] \(line.text): expected \(want.word), got \(got.level.word) — \(got.reasons.joined(separator: " / "))")
            }
            var figure: (dFlagged: [Int], dTotal: Int, oStopped: [Int], oTotal: Int) = figures[line.family] ?? ([0, 0], 0, [0, 0], 0)
            for host in 0..<2 {
                if line.destructive { if levels[host].level > .run { figure.dFlagged[host] += 1 } }
                else if levels[host].level > .run { figure.oStopped[host] += 1 }
            }
            if line.destructive { figure.dTotal += 1 } else { figure.oTotal += 1 }
            figures[line.family] = figure
        }
        var report = "guard corpus: \(lines.count) command lines (flagged = asks or refuses)\n"
        report += "family        destructive flagged (prod / dev)   ordinary stopped (prod / dev)\n"
        var totals: (d: [Int], dt: Int, o: [Int], ot: Int) = ([0, 0], 0, [0, 0], 0)
        for family in figures.keys.sorted() {
            let f = figures[family]!
            report += "\(family.padded(13)) \("\(f.dFlagged[0])/\(f.dTotal)".padded(9)) \(percent(f.dFlagged[0], f.dTotal).padded(6)) / \("\(f.dFlagged[1])/\(f.dTotal)".padded(7))  \("\(f.oStopped[0])/\(f.oTotal)".padded(7)) \(percent(f.oStopped[0], f.oTotal).padded(6)) / \(f.oStopped[1])/\(f.oTotal)\n"
            for host in 0..<2 { totals.d[host] += f.dFlagged[host]; totals.o[host] += f.oStopped[host] }
            totals.dt += f.dTotal
            totals.ot += f.oTotal
        }
        report += "\("all".padded(13)) \("\(totals.d[0])/\(totals.dt)".padded(9)) \(percent(totals.d[0], totals.dt).padded(6)) / \("\(totals.d[1])/\(totals.dt)".padded(7))  \("\(totals.o[0])/\(totals.ot)".padded(7)) \(percent(totals.o[0], totals.ot).padded(6)) / \(totals.o[1])/\(totals.ot)\n"
        print(report)
        #expect(mismatches.isEmpty, Comment(rawValue: "\(mismatches.count) mismatches:\n" + mismatches.joined(separator: "\n")))
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "-" : "\(part * 1000 / whole / 10).\(part * 1000 / whole % 10)%"
    }
    func percent(_ part: Int, _ whole: Int) -> String { Self.percent(part, whole) }
}

extension Substring {
    var trimmingBlanks: String {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return String(text)
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

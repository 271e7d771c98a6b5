import Testing
@testable import HostGuardCore

/// CpRule's table: argv → targets and harm.
@Suite struct CpRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["cp", "-a", "src", "dst"], .overwrite, paths: ["dst fe"]),
        // --suffix takes an argument that is not the destination
        RuleRow(["cp", "--suffix", "bak", "--backup=t", "a", "b"], .overwrite, paths: ["b fe"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}

import Testing
@testable import HostGuardCore

@Suite("host globs")
struct HostGlobTests {
    static let rows: [(pattern: String, name: String, matches: Bool)] = [
        ("db*.example.com", "db1.example.com", true),
        ("db*.example.com", "DB2.Example.COM", true),      // DNS names are case-insensitive
        ("db*.example.com", "web1.example.com", false),
        ("db?", "db1", true),
        ("db?", "db12", false),
        ("web[0-9]*", "web7-eu", true),
        ("web[!0-9]*", "web7-eu", false),
        ("*", "anything", true),
        ("*.prod.*", "a.prod.example", true),
        ("*.prod.*", "a.staging.example", false),
        ("db[1", "db[1", true),                             // unclosed bracket is a literal
        ("a*a*a*a*a*b", String(repeating: "a", count: 60), false), // no exponential backtracking
    ]

    @Test("glob matching", arguments: rows)
    func matching(row: (pattern: String, name: String, matches: Bool)) {
        #expect(HostGlob(row.pattern).matches(row.name) == row.matches)
    }
}

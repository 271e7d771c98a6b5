import Testing
@testable import HostGuardCore

@Suite struct DataDirectoryKindTests {
    struct Row: Sendable, CustomStringConvertible {
        var names: [String]
        var kind: DataDirectoryKind?
        var description: String { names.joined(separator: ",") }
    }

    static let rows: [Row] = [
        // A PostgreSQL 15 data directory as initdb leaves it.
        Row(names: ["PG_VERSION", "base", "global", "pg_wal", "pg_tblspc", "postgresql.auto.conf"], kind: .postgresql),
        // PG_VERSION alone (a tablespace's version directory has one too, without global/).
        Row(names: ["PG_VERSION", "1"], kind: nil),
        Row(names: ["global"], kind: nil),
        // MySQL 8 (mysql.ibd), 5.7 (ibdata1), MariaDB (aria_log_control), old InnoDB (ib_logfile0).
        Row(names: ["mysql", "mysql.ibd", "undo_001"], kind: .mysql),
        Row(names: ["mysql", "ibdata1"], kind: .mysql),
        Row(names: ["mysql", "aria_log_control"], kind: .mysql),
        Row(names: ["mysql", "ib_logfile0"], kind: .mysql),
        // A directory merely named for its contents.
        Row(names: ["mysql"], kind: nil),
        Row(names: [], kind: nil),
    ]

    @Test(arguments: rows)
    func recognises(_ row: Row) {
        #expect(DataDirectoryKind.recognise(names: row.names.map { Array($0.utf8) }) == row.kind)
    }

    @Test func asksTwoNamesForAnOrdinaryDirectory() {
        var asked: [String] = []
        _ = DataDirectoryKind.recognise { asked.append($0); return false }
        #expect(asked == ["PG_VERSION", "mysql"])
    }
}

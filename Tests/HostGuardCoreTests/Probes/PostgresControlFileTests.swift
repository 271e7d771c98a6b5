import HostGuardCore
import Testing

/// pg_control images under Fixtures/pg_control: `pg15-*`, `pg16-*`, `pg18-*` captured from real
/// PostgreSQL 15.x, 16.2 and 18.6 clusters (capture-real.sh), `synthetic-*` built from a real image with the documented layout
/// of another version (build-synthetic.py), `damaged-*`/`foreign-*` broken on purpose.
enum PGControlFixture {
    static let directory: String = {
        let file = "\(#filePath)"
        let tests = file.split(separator: "/").dropLast(2).joined(separator: "/")
        return "/" + tests + "/Fixtures/pg_control"
    }()

    static func bytes(_ name: String) -> [UInt8] {
        readFixture(directory + "/" + name)
    }
}

@Suite("pg_control decoding")
struct PostgresControlFileTests {
    /// (prefix, pg_control version, catalog version, CRC offset) of each real capture.
    static let releases: [(String, UInt32, UInt32, Int)] = [
        ("pg15", 1300, 202209061, 288),
        ("pg16", 1300, 202307071, 288),
        ("pg18", 1800, 202506291, 292),
    ]
    static let states: [(String, PostgresControlFile.State, UInt32)] = [
        ("primary-shut-down-initdb", .shutDown, 1),
        ("primary-in-production", .inProduction, 1),
        ("primary-crashed-in-production", .inProduction, 1),
        ("standby-in-archive-recovery", .inArchiveRecovery, 1),
        ("standby-shut-down-in-recovery", .shutDownInRecovery, 1),
        ("promoted-in-production", .inProduction, 2),
        ("promoted-shut-down", .shutDown, 2),
    ]

    @Test("real PostgreSQL 15, 16 and 18 images decode to the state pg_controldata printed",
          arguments: releases.flatMap { release in states.map { (release, $0) } }.map { "\($0.0.0)-\($0.1.0)" })
    func realImages(name: String) throws {
        let release = try #require(Self.releases.first { name.hasPrefix($0.0 + "-") })
        let expected = try #require(Self.states.first { name == release.0 + "-" + $0.0 })
        let control = try PostgresControlFile.decode(PGControlFixture.bytes(name + ".bin")).get()
        #expect(control.state == expected.1)
        #expect(control.timeline == expected.2)
        #expect(control.controlVersion == release.1)
        #expect(control.catalogVersion == release.2)
        #expect(control.crcOffset == release.3)
        #expect(control.crcOffset == control.layout.crcOffset)
        #expect(control.layout.verifiedAgainstHeader)
    }

    @Test("each supported version's layout decodes (built from the documented layout)", arguments: [
        ("synthetic-pg11-in-production.bin", UInt32(1100), PostgresControlFile.State.inProduction, 280),
        ("synthetic-pg12-in-production.bin", 1201, .inProduction, 288),
        ("synthetic-pg13-in-production.bin", 1300, .inProduction, 288),
        ("synthetic-pg14-in-archive-recovery.bin", 1300, .inArchiveRecovery, 288),
        ("synthetic-pg16-shut-down-in-recovery.bin", 1300, .shutDownInRecovery, 288),
        ("synthetic-pg17-in-production.bin", 1700, .inProduction, 288),
        ("synthetic-pg17-shut-down.bin", 1700, .shutDown, 288),
        ("synthetic-pg15-shutting-down.bin", 1300, .shuttingDown, 288),
        ("synthetic-pg15-in-crash-recovery.bin", 1300, .inCrashRecovery, 288),
        ("synthetic-pg15-startup.bin", 1300, .startup, 288),
    ])
    func otherVersions(name: String, version: UInt32, state: PostgresControlFile.State, crcOffset: Int) throws {
        let control = try PostgresControlFile.decode(PGControlFixture.bytes(name)).get()
        #expect(control.controlVersion == version)
        #expect(control.state == state)
        #expect(control.crcOffset == crcOffset)
    }

    @Test("damaged and foreign images are a clear problem, never a state", arguments: [
        // (fixture, what the reason must say)
        ("damaged-empty.bin", "too short"),
        ("damaged-truncated-100.bin", "too short"),
        ("damaged-zeros.bin", "all zeros"),
        ("damaged-crc-mismatch.bin", "checksum mismatch"),
        ("damaged-bad-state.bin", "not a known cluster state"),
        ("foreign-big-endian.bin", "other byte order"),
        ("foreign-unknown-version.bin", "version 9999"),
        ("foreign-text.bin", "is not one this build knows"),
    ])
    func damaged(name: String, says: String) {
        switch PostgresControlFile.decode(PGControlFixture.bytes(name)) {
        case .success(let control): Issue.record("decoded to \(control.state)")
        case .failure(let problem): #expect(problem.description.contains(says), "\(problem)")
        }
    }

    @Test("every prefix of a real image either decodes exactly or is a problem (no crash, no guess)")
    func everyPrefix() {
        let full = PGControlFixture.bytes("pg15-primary-in-production.bin")
        for length in 0...300 {
            if case .success = PostgresControlFile.decode(full[0..<length]) {
                #expect(length >= 292, "decoded from only \(length) bytes")
            }
        }
    }

    @Test("CRC-32C matches the standard check value")
    func crcCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }
}

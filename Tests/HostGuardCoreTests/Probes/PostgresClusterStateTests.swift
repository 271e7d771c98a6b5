import HostGuardCore
import Testing

private let runningPostmaster: PostmasterStatus = .running(
    PostmasterPidFile(pid: 4242, dataDirectory: "/data", port: 5432, status: "ready"), how: "test")

private func reading(
        _ fixture: String, standby: Bool = false, recovery: Bool = false, recoveryConf: RecoveryConf? = nil,
        postmaster: PostmasterStatus = .noPidFile
    ) -> PostgresDataDirectoryReading {
        PostgresDataDirectoryReading(
            dataDirectory: "/data",
            control: PostgresControlFile.decode(PGControlFixture.bytes(fixture)).mapError { .undecodable($0) },
            versionFile: "15", standbySignal: standby, recoverySignal: recovery, recoveryConf: recoveryConf,
            postmaster: postmaster)
}

@Suite("PostgreSQL role decision")
struct PostgresClusterStateTests {

    @Test("state, signal files and postmaster decide role and liveness", arguments: [
        // running primary: in production, postmaster alive
        (reading("pg15-primary-in-production.bin", postmaster: runningPostmaster), "primary", true),
        // running standby: archive recovery with standby.signal
        (reading("pg15-standby-in-archive-recovery.bin", standby: true, postmaster: runningPostmaster), "standby", true),
        // promoted standby: in production, standby.signal gone
        (reading("pg15-promoted-in-production.bin", postmaster: runningPostmaster), "primary", true),
        // cleanly stopped primary
        (reading("pg15-promoted-shut-down.bin"), "primary", false),
        // cleanly stopped standby, still configured as one
        (reading("pg15-standby-shut-down-in-recovery.bin", standby: true), "standby", false),
        // crashed primary: in production, pid file left behind, pid gone
        (reading("pg15-primary-crashed-in-production.bin", postmaster: .stale(pid: 4242, why: "is not alive")), "primary", false),
        // stopped in recovery but nothing configures a standby: starts as primary (fail safe)
        (reading("pg15-standby-shut-down-in-recovery.bin"), "primary", false),
        // running, crash recovery with standby.signal: a standby catching up
        (reading("synthetic-pg15-in-crash-recovery.bin", standby: true, postmaster: runningPostmaster), "standby", true),
        // running, crash recovery without signal files: a primary recovering
        (reading("synthetic-pg15-in-crash-recovery.bin", postmaster: runningPostmaster), "primary", true),
        // starting: pg_control still says shut down in recovery, standby.signal present
        (reading("pg15-standby-shut-down-in-recovery.bin", standby: true, postmaster: runningPostmaster), "standby", true),
        // targeted recovery (recovery.signal only) counts as not-yet-primary
        (reading("synthetic-pg14-in-archive-recovery.bin", recovery: true, postmaster: runningPostmaster), "standby", true),
        // shutting down: only a primary writes this state
        (reading("synthetic-pg15-shutting-down.bin", postmaster: runningPostmaster), "primary", true),
        // PostgreSQL 11: recovery.conf, not standby.signal, makes a standby
        (reading("synthetic-pg11-in-production.bin", recoveryConf: RecoveryConf(standbyMode: true)), "standby", false),
        (reading("synthetic-pg11-in-production.bin", standby: true), "primary", false),
        // PostgreSQL 16, 17 and 18
        (reading("pg16-standby-in-archive-recovery.bin", standby: true, postmaster: runningPostmaster), "standby", true),
        (reading("synthetic-pg17-in-production.bin", postmaster: runningPostmaster), "primary", true),
        (reading("pg18-promoted-in-production.bin", postmaster: runningPostmaster), "primary", true),
        (reading("pg18-standby-shut-down-in-recovery.bin", standby: true), "standby", false),
    ])
    func decisions(reading: PostgresDataDirectoryReading, role: String, running: Bool) {
        let state = PostgresClusterState.decide(reading)
        #expect(state.role?.name == role, "\(state)")
        #expect(state.running == running, "\(state)")
        #expect(state.role?.service == "postgresql")
        #expect(state.facts.first?.hasPrefix("pg_control: ") == true)
    }

    @Test("unreadable or damaged pg_control is unknown with the reason, and counts as a running primary")
    func unknown() {
        let unreadable = PostgresDataDirectoryReading(
            dataDirectory: "/data", control: .failure(.unreadable("cannot read pg_control: permission denied")))
        let damaged = reading("damaged-crc-mismatch.bin", postmaster: runningPostmaster)
        for reading in [unreadable, damaged] {
            let state = PostgresClusterState.decide(reading)
            guard case .unknown(let reason) = state.reading else {
                Issue.record("decided \(state.reading)")
                continue
            }
            #expect(!reason.isEmpty)
            #expect(state.role == nil)
            #expect(state.mustTreatAsPrimary)
            #expect(state.probeResult.reason == reason)
        }
        #expect(PostgresClusterState.decide(damaged).running == true)
    }

    @Test("facts name the state, the signal files and the postmaster")
    func facts() {
        let state = PostgresClusterState.decide(reading("pg15-standby-in-archive-recovery.bin", standby: true, postmaster: runningPostmaster))
        let text = state.facts.joined(separator: "; ")
        #expect(text.contains("in archive recovery"))
        #expect(text.contains("standby.signal present"))
        #expect(text.contains("postmaster pid 4242 running"))
        #expect(text.contains("PG_VERSION 15"))
    }

    @Test("rank puts a running primary first and unknown last")
    func ranking() {
        let primary = PostgresClusterState(dataDirectory: "/a", kind: .primary, running: true)
        let standby = PostgresClusterState(dataDirectory: "/b", kind: .standby, running: true)
        let stopped = PostgresClusterState(dataDirectory: "/c", kind: .primary, running: false)
        let unknown = PostgresClusterState(dataDirectory: "/d", kind: nil, unknownReason: "x", running: nil)
        #expect([unknown, stopped, standby, primary].sorted { $0.rank < $1.rank }.map(\.dataDirectory) == ["/a", "/b", "/c", "/d"])
    }

    @Test("postmaster.pid and recovery.conf parse", arguments: [
        ("4242\n/var/lib/postgresql/15/main\n1763750000\n5432\n/var/run/postgresql\n*\n  5432001         0\nready   \n",
         PostmasterPidFile(pid: 4242, dataDirectory: "/var/lib/postgresql/15/main", startTime: 1763750000, port: 5432, status: "ready").withSocketDirectory("/var/run/postgresql")),
        ("77\n", PostmasterPidFile(pid: 77)),
    ])
    func pidFile(text: String, expected: PostmasterPidFile) {
        #expect(PostmasterPidFile.parse(text[...]) == expected)
    }

    @Test("an empty or non-numeric postmaster.pid is not a pid")
    func badPidFile() {
        #expect(PostmasterPidFile.parse(""[...]) == nil)
        #expect(PostmasterPidFile.parse("abc\n"[...]) == nil)
        #expect(PostmasterPidFile.parse("-1\n"[...]) == nil)
        #expect(RecoveryConf.parse("standby_mode = 'on'  # yes\n"[...]).standbyMode)
        #expect(!RecoveryConf.parse("restore_command = 'cp x'\n"[...]).standbyMode)
    }
}

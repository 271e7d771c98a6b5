import HostGuardCore

/// Gathers what `PromptRefreshPlan` decides from: the files the segment was rendered from, as
/// they are now, and the times at which it would change by itself. The shell integration then
/// checks those files with builtins on each prompt and spawns `hostguard` only when one changed.
public enum PromptWatchReader {
    /// - Parameters:
    ///   - config: the decoded config the segment was rendered from (for its probes).
    ///   - results: the probe results shown (their subjects name the files a live probe read).
    ///   - provisional: the segment is what the watchdog would print (something did not answer):
    ///     render again soon rather than wait for a change.
    public static func plan(
        locations: ConfigLocations, config: HostGuardConfig, results: [ProbeResult], maintenance: MaintenanceState,
        replication: ReplicationView? = nil, mounts: MountAnswerCheck,
        provisional: Bool = false
    ) -> PromptRefreshPlan {
        let nowNanoseconds = Int64(system_wallClockSeconds() * 1e9)
        let now = nowNanoseconds / 1_000_000_000
        var deadlines: [Int64] = []
        var paths = locations.systemFiles()
        if let directory = locations.systemDropInDirectory { paths.append(directory) }
        if let user = locations.userFile { paths.append(user) }
        paths.append(StaleMountNotice.path)
        // systemd's DEPLOYMENT= (environment evidence below config and inventory).
        paths.append(IdentityLoader.machineInfoPath())
        // The maintenance flag and the switches beside it (MaintenanceStore); "40m left" counts
        // down in minutes, and the flag ends by itself at its `until`.
        let switchRoot = MaintenanceStore.switchRoot()
        paths += [MaintenanceStore.path(), switchRoot + "/run/nologin", switchRoot + "/etc/nologin", switchRoot + "/run/reboot-required"]
        if let until = maintenance.active?.until { deadlines += [until, now + 60] }
        if provisional { deadlines.append(now + 5) }
        if !config.probes.isEmpty {
            let statePath = RoleStateStore.path()
            paths.append(statePath)
            // The state's age is shown once it is stale ("role state 3m old"): render again
            // when it turns stale, and each minute after (the age is shown in minutes).
            if let state = RoleStateStore.read(statePath) {
                let stale = state.written + RoleStateStore.staleAfterSeconds + 1
                deadlines.append(stale > now ? stale : now + 60)
            }
        }
        // The root refresh's replication reading (ReplicationStore): "DOWN 3m" counts in
        // minutes, and a reading turns stale ("replication? (3m old)") by time alone.
        if config.probes.contains(where: { $0.kind == "postgresql" }) {
            paths.append(ReplicationStore.path())
            for cluster in replication?.clusters ?? [] {
                let stale = cluster.checkedAt + ReplicationView.staleAfterSeconds + 1
                deadlines.append(stale > now ? stale : now + 60)
                if cluster.downSince != nil { deadlines.append(now + 60) }
            }
        }
        for result in results {
            switch result.kind {
            case "postgresql" where result.subject.hasPrefix("/"):
                // What PostgresCluster.inspect reads: pg_control (rewritten at every checkpoint and
                // at promotion), the signal files (their presence is the standby's mark) and
                // postmaster.pid (running or not). See src/include/catalog/pg_control.h and
                // "Standby Server Operation" in the PostgreSQL manual.
                for name in ["global/pg_control", "standby.signal", "recovery.signal", "postmaster.pid"] {
                    paths.append(result.subject + "/" + name)
                }
            case "file" where result.subject.hasPrefix("/"):
                paths.append(result.subject)
                deadlines.append(now + 60)  // max_age_seconds turns a fresh file stale by time alone
            case "postgresql", "command", "file":
                break
            default:
                // An answer no file records (who holds a service address): asked again every 2 s,
                // the budget for a role change to show.
                deadlines.append(now + 2)
            }
        }
        var files: [PromptRefreshPlan.WatchedFile] = []
        for path in paths {
            if mounts.mayNotAnswer(path) {
                files.append(.init(path: path, modifiedNanoseconds: nil, mayNotAnswer: true))
                continue
            }
            let info = try? system_stat(path)
            files.append(.init(path: path, modifiedNanoseconds: info?.modifiedNanoseconds))
        }
        return PromptRefreshPlan.make(files: files, nowNanoseconds: nowNanoseconds, deadlines: deadlines)
    }

    /// Sets the shell's stamp to the plan's time and returns its path; nil when there is no
    /// private directory for it (the shell then renders again each second).
    public static func writeStamp(_ plan: PromptRefreshPlan, session: String) -> String? {
        guard let directory = RuntimeDirectory.path() else { return nil }
        let path = directory + "/stamp." + session
        if (try? system_stat(path, followSymlinks: false)) == nil { pruneStamps(in: directory) }
        do {
            try system_touch(path, modifiedNanoseconds: max(plan.stampNanoseconds, 1_000_000_000))
        } catch {
            return nil
        }
        return path
    }

    /// A new shell's first render: removes the stamps of shells that have exited (no
    /// /proc/PID), so the directory does not grow with every shell ever started.
    static func pruneStamps(in directory: String) {
        guard let names = try? system_listDirectory(directory) else { return }
        for name in names where name.hasPrefix("stamp.") {
            let pid = name.dropFirst(6)
            if !pid.isEmpty, pid.allSatisfy(\.isNumber), (try? system_stat("/proc/" + pid)) == nil {
                system_removeFile(directory + "/" + name)
            }
        }
    }
}

import HostGuardCore

/// The root refresh's replication step: for each configured or discovered PostgreSQL cluster
/// that is running, ask it (bounded, see `PostgresClient`), let Core decide, and write the
/// state file the prompt reads. Never on the prompt path.
public enum ReplicationRefresh {
    /// Asks every running cluster the config names (or, for a probe without data_dir, every
    /// one discovered) and writes `replication.state`. Returns the clusters and the write error.
    public static func run(_ config: HostGuardConfig, statePath: String = ReplicationStore.path(),
                           now: Int64 = Int64(system_wallClockSeconds())) -> ([ClusterReplication], SystemError?) {
        let previous = ReplicationStore.read(statePath)
        var clusters: [ClusterReplication] = []
        for directory in dataDirectories(config) {
            let last = previous?.clusters.first { $0.dataDirectory == directory }
            if let cluster = ask(dataDirectory: directory, settings: config.replication, previous: last, now: now) {
                clusters.append(cluster)
            }
        }
        do {
            try ReplicationStore.write(ReplicationStateFile(clusters: clusters), to: statePath)
            return (clusters, nil)
        } catch {
            return (clusters, error)
        }
    }

    /// Data directories from `[[probe]] kind = "postgresql"`: the named ones, and for a probe
    /// without data_dir the running ones found (the prompt's discovery, as the role probe does).
    static func dataDirectories(_ config: HostGuardConfig) -> [String] {
        var directories: [String] = []
        for spec in config.probes where spec.kind == "postgresql" {
            guard case .success(.postgresql(let directory)) = ProbeConfiguration.from(spec) else { continue }
            let found = directory.map { [$0] } ?? PostgresCluster.runningDataDirectories()
            for path in found where !directories.contains(path) { directories.append(path) }
        }
        return directories
    }

    /// One cluster: nil when it is not running (nothing to ask; the role shows "stopped").
    public static func ask(dataDirectory: String, settings: ReplicationSettings, previous: ClusterReplication?,
                           now: Int64) -> ClusterReplication? {
        let reading = PostgresCluster.read(dataDirectory: dataDirectory)
        guard case .running(let pidFile, _) = reading.postmaster else { return nil }
        let directory = reading.dataDirectory
        guard let port = pidFile.port else {
            return decide(directory, .failure(.init("postmaster.pid names no port")), settings, previous, now, "postmaster.pid")
        }
        guard let socket = pidFile.socketDirectory, socket.hasPrefix("/") else {
            return decide(directory, .failure(.init("the server listens on no Unix socket (postmaster.pid line 5 is empty)")),
                          settings, previous, now, "postmaster.pid")
        }
        guard let owner = (try? system_stat(directory))?.owner else {
            return decide(directory, .failure(.init("cannot stat the data directory")), settings, previous, now, directory)
        }
        let major = reading.versionFile.map { String($0.split(separator: ".").first ?? Substring($0)) }
        let target = PostgresClient.Target(dataDirectory: directory, socketDirectory: socket, port: port, majorVersion: major, ownerUID: owner)
        let source = PostgresClient.describe(target)
        let arguments = ReplicationQuery.psqlArguments(connection: ReplicationQuery.connectionString(socketDirectory: socket, port: port))
        let argv: [String]
        switch PostgresClient.command(target, psqlArguments: arguments) {
        case .failure(let why): return decide(directory, .failure(why), settings, previous, now, source)
        case .success(let command): argv = command
        }
        let outcome = system_runBounded(argv, timeoutMilliseconds: PostgresClient.deadlineMilliseconds)
        let errors = String(decoding: outcome.standardError, as: UTF8.self)
        let firstError = errors.split(separator: "\n").first.map { ": " + TerminalText.visible(String($0.prefix(160))) } ?? ""
        let answer: Result<ReplicationReading, ClusterReplication.NotAnswering>
        switch outcome.ending {
        case .couldNotStart(let error):
            answer = .failure(.init("cannot run psql: \(error)"))
        case .timedOut:
            answer = .failure(.init("no answer within \(PostgresClient.deadlineMilliseconds) ms (psql killed)"))
        case .signaled(let signal):
            answer = .failure(.init("psql killed by signal \(signal)\(firstError)"))
        case .exited(let status) where status != 0:
            answer = .failure(.init("psql exited with status \(status)\(firstError)"))
        case .exited:
            switch ReplicationReading.parse(String(decoding: outcome.standardOutput, as: UTF8.self)[...]) {
            case .success(let parsed): answer = .success(parsed)
            case .failure(let error): answer = .failure(.init("unexpected psql output: \(error)"))
            }
        }
        return decide(directory, answer, settings, previous, now, source)
    }

    private static func decide(_ directory: String, _ answer: Result<ReplicationReading, ClusterReplication.NotAnswering>,
                               _ settings: ReplicationSettings, _ previous: ClusterReplication?, _ now: Int64,
                               _ source: String) -> ClusterReplication {
        ClusterReplication.decide(dataDirectory: directory, answer: answer, settings: settings, previous: previous, now: now, source: source)
    }
}

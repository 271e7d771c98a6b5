import HostGuardCore

/// Each probe kind's reader: what it reads, as a `LiveProbeAnswer` (Core's `ProbeMerge` decides
/// what to do with it).
typealias LiveAnswer = LiveProbeAnswer

/// `kind = "address"`: primary when this host holds the service address (a keepalived VIP),
/// read from the kernel's interface list (getifaddrs; no process spawned).
enum AddressProbe {
    static func run(_ settings: ProbeConfiguration.AddressSettings) -> LiveAnswer {
        let subject = settings.addresses.joined(separator: ", ") + (settings.interface.map { " on \($0)" } ?? "")
        let present: [InterfaceAddress]
        do {
            present = try system_interfaceAddresses()
        } catch {
            return LiveAnswer(results: [ProbeResult(kind: "address", subject: subject, role: nil, reason: "cannot list addresses: \(error)")])
        }
        var facts: [String] = []
        var held = false
        for text in settings.addresses {
            guard let wanted = system_parseAddress(text) else {
                return LiveAnswer(results: [ProbeResult(kind: "address", subject: subject, role: nil, reason: "\"\(text)\" is not an IP address")])
            }
            let holders = present.filter { $0.bytes == wanted && (settings.interface == nil || $0.interface == settings.interface) }
            if holders.isEmpty {
                facts.append("\(text) not on \(settings.interface ?? "any interface")")
            } else {
                held = true
                facts.append("\(text) held on \(holders.map(\.interface).joined(separator: ", "))")
            }
        }
        if held {
            return LiveAnswer(results: [ProbeResult(kind: "address", subject: subject, role: Role(Role.kind(named: settings.heldRole)), facts: facts)])
        }
        guard let absent = settings.absentRole else {
            return LiveAnswer(results: [ProbeResult(kind: "address", subject: subject, role: nil, reason: "address not held by this host", facts: facts)])
        }
        return LiveAnswer(results: [ProbeResult(kind: "address", subject: subject, role: Role(Role.kind(named: absent)), facts: facts)])
    }
}

/// `kind = "command"`: runs a configured argv (Patroni, repmgr, redis-cli …) under a hard time
/// limit; the first word of its output names the role. Never on the prompt's path.
enum CommandProbe {
    static func run(_ settings: ProbeConfiguration.CommandSettings) -> LiveAnswer {
        let subject = settings.arguments.joined(separator: " ")
        let outcome = system_runBounded(settings.arguments, timeoutMilliseconds: settings.timeoutMilliseconds)
        func unknown(_ reason: String, _ facts: [String] = []) -> LiveAnswer {
            LiveAnswer(results: [ProbeResult(kind: "command", subject: subject, role: nil, reason: reason, facts: facts)])
        }
        let output = String(decoding: outcome.standardOutput, as: UTF8.self)
        let errors = String(decoding: outcome.standardError, as: UTF8.self)
        let firstErrorLine = errors.split(separator: "\n").first.map { ": " + TerminalText.visible(String($0.prefix(120))) } ?? ""
        switch outcome.ending {
        case .couldNotStart(let error):
            return unknown("cannot run: \(error)")
        case .timedOut:
            return unknown("timed out after \(settings.timeoutMilliseconds) ms (process group killed)")
        case .signaled(let signal):
            return unknown("killed by signal \(signal)\(firstErrorLine)")
        case .exited(let status) where status != 0:
            return unknown("exited with status \(status)\(firstErrorLine)")
        case .exited:
            let shown = TerminalText.visible(String(output.split(separator: "\n").first?.prefix(80) ?? ""))
            let reading = settings.mapping.role(from: output)
            if let role = reading.role {
                return LiveAnswer(results: [ProbeResult(kind: "command", subject: subject, role: role, facts: ["exit 0, output \"\(shown)\""])])
            }
            return unknown(TerminalText.visible(reading.unknownReason ?? "no answer"), ["exit 0"])
        }
    }
}

/// `kind = "file"`: the role as written to a file by another system (a cluster manager hook,
/// config management), optionally only while the file is fresh.
enum FileProbe {
    static func run(_ settings: ProbeConfiguration.FileSettings, now: Int64) -> LiveAnswer {
        func unknown(_ reason: String, privilege: Bool = false) -> LiveAnswer {
            LiveAnswer(results: [ProbeResult(kind: "file", subject: settings.path, role: nil, reason: reason)], needsPrivilege: privilege)
        }
        let text: String
        let info: FileStatus
        do {
            info = try system_stat(settings.path)
            text = try system_readText(settings.path, limit: 4096)
        } catch {
            return unknown("cannot read: \(error)", privilege: error.isPermissionDenied)
        }
        let age = now - info.modifiedNanoseconds / 1_000_000_000
        var facts = ["modified \(RoleStateFile.describeAge(seconds: age)) ago"]
        if let limit = settings.maxAgeSeconds, age > Int64(limit) {
            return LiveAnswer(results: [ProbeResult(
                kind: "file", subject: settings.path, role: nil,
                reason: "last written \(RoleStateFile.describeAge(seconds: age)) ago, older than max_age_seconds = \(limit)")])
        }
        let reading = settings.mapping.role(from: text)
        if let role = reading.role {
            facts.insert("says \"\(TerminalText.visible(String(text.split(separator: "\n").first?.prefix(80) ?? "")))\"", at: 0)
            return LiveAnswer(results: [ProbeResult(kind: "file", subject: settings.path, role: role, facts: facts)])
        }
        return LiveAnswer(results: [ProbeResult(kind: "file", subject: settings.path, role: nil,
                                                reason: TerminalText.visible(reading.unknownReason ?? "no answer"), facts: facts)])
    }
}

/// `kind = "postgresql"`: one data directory, or every cluster discovered on the host.
enum PostgresProbe {
    static func run(dataDirectory: String?, discover: Bool, knownDirectories: [String], procRoot: String, root: String) -> LiveAnswer {
        var states: [PostgresClusterState]
        if let dataDirectory {
            states = [PostgresCluster.inspect(dataDirectory: dataDirectory, procRoot: procRoot)]
        } else if discover {
            states = PostgresCluster.discover(root: root, procRoot: procRoot)
        } else {
            // The prompt: no /proc scan. Directories the last refresh found, plus the packaged
            // locations, each inspected directly (a few small reads).
            var directories = knownDirectories
            for path in PostgresCluster.packagedDataDirectories(root: root) where !directories.contains(path) {
                directories.append(path)
            }
            states = directories.map { PostgresCluster.inspect(dataDirectory: $0, procRoot: procRoot) }
                .enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
        }
        if states.isEmpty {
            return LiveAnswer(results: [ProbeResult(
                kind: "postgresql", subject: "discovery", role: nil,
                reason: "no PostgreSQL data directory found (no running postmaster, nothing under /var/lib/postgresql or /var/lib/pgsql)")])
        }
        let privilege = states.contains(where: \.needsPrivilege) && !states.contains(where: { $0.role != nil })
        return LiveAnswer(results: states.map(\.probeResult), needsPrivilege: privilege)
    }
}

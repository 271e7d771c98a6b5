/// Each probe kind's decision from what HostGuardSystem read: the address probe from the
/// interfaces holding each address, the command probe from how the command ended and what it
/// printed, the file probe from the file's text and age, the PostgreSQL probe from the data
/// directories' states. HostGuardSystem only reads (getifaddrs, a bounded spawn, a file, pg_control).
public enum ProbeReading {
    // MARK: address

    /// One configured address and the interfaces that hold it now (empty: not held); nil
    /// interfaces when the text is not an IP address.
    public struct AddressHolders: Equatable, Sendable {
        public var address: String
        public var interfaces: [String]?

        public init(address: String, interfaces: [String]?) {
            self.address = address
            self.interfaces = interfaces
        }
    }

    /// `held_role` while any address is held (on `interface`, when set), else `absent_role`,
    /// else no answer. `listError`: the interface list could not be read.
    public static func address(_ settings: ProbeConfiguration.AddressSettings, holders: [AddressHolders], listError: String?) -> LiveProbeAnswer {
        let subject = settings.addresses.joined(separator: ", ") + (settings.interface.map { " on \($0)" } ?? "")
        func answer(_ reading: RoleReading, _ facts: [String] = []) -> LiveProbeAnswer {
            LiveProbeAnswer(results: [ProbeResult(kind: "address", subject: subject, reading: reading, facts: facts)])
        }
        if let listError { return answer(.unknown(reason: "cannot list addresses: \(listError)")) }
        var facts: [String] = []
        var held = false
        for holder in holders {
            guard let interfaces = holder.interfaces else {
                return answer(.unknown(reason: "\"\(holder.address)\" is not an IP address"))
            }
            if interfaces.isEmpty {
                facts.append("\(holder.address) not on \(settings.interface ?? "any interface")")
            } else {
                held = true
                facts.append("\(holder.address) held on \(interfaces.joined(separator: ", "))")
            }
        }
        if held { return answer(.known(Role(Role.kind(named: settings.heldRole))), facts) }
        guard let absent = settings.absentRole else { return answer(.unknown(reason: "address not held by this host"), facts) }
        return answer(.known(Role(Role.kind(named: absent))), facts)
    }

    // MARK: command

    /// How a bounded command run ended (HostGuardSystem's `system_runBounded`).
    public enum CommandEnding: Equatable, Sendable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
        case couldNotStart(String)
    }

    /// Exit 0 and a role word first in the output: that role. Anything else is no answer, with
    /// the first line of stderr where there is one (made visible: it is another program's text).
    public static func command(
        _ settings: ProbeConfiguration.CommandSettings, ending: CommandEnding, output: [UInt8], errors: [UInt8]
    ) -> LiveProbeAnswer {
        let subject = settings.arguments.joined(separator: " ")
        func unknown(_ reason: String, _ facts: [String] = []) -> LiveProbeAnswer {
            LiveProbeAnswer(results: [ProbeResult(kind: "command", subject: subject, role: nil, reason: reason, facts: facts)])
        }
        let text = String(decoding: output, as: UTF8.self)
        let firstErrorLine = String(decoding: errors, as: UTF8.self).split(separator: "\n").first
            .map { ": " + TerminalText.visible(String($0.prefix(120))) } ?? ""
        switch ending {
        case .couldNotStart(let error):
            return unknown("cannot run: \(error)")
        case .timedOut:
            return unknown("timed out after \(settings.timeoutMilliseconds) ms (process group killed)")
        case .signaled(let signal):
            return unknown("killed by signal \(signal)\(firstErrorLine)")
        case .exited(let status) where status != 0:
            return unknown("exited with status \(status)\(firstErrorLine)")
        case .exited:
            let shown = TerminalText.visible(String(text.split(separator: "\n").first?.prefix(80) ?? ""))
            let reading = settings.mapping.role(from: text)
            if let role = reading.role {
                return LiveProbeAnswer(results: [ProbeResult(kind: "command", subject: subject, role: role, facts: ["exit 0, output \"\(shown)\""])])
            }
            return unknown(TerminalText.visible(reading.unknownReason ?? "no answer"), ["exit 0"])
        }
    }

    // MARK: file

    /// The role a file names, unless it is older than `max_age_seconds`. `text` nil: it could
    /// not be read (`readError`; `privilegeDenied` when only permission stood in the way, so
    /// root's state file may answer instead).
    public static func file(
        _ settings: ProbeConfiguration.FileSettings, text: String?, readError: String?, privilegeDenied: Bool, ageSeconds: Int64
    ) -> LiveProbeAnswer {
        guard let text else {
            return LiveProbeAnswer(results: [ProbeResult(kind: "file", subject: settings.path, role: nil,
                                                         reason: "cannot read: \(readError ?? "unknown error")")],
                                   needsPrivilege: privilegeDenied)
        }
        let age = RoleStateFile.describeAge(seconds: ageSeconds)
        var facts = ["modified \(age) ago"]
        if let limit = settings.maxAgeSeconds, ageSeconds > Int64(limit) {
            return LiveProbeAnswer(results: [ProbeResult(kind: "file", subject: settings.path, role: nil,
                                                         reason: "last written \(age) ago, older than max_age_seconds = \(limit)")])
        }
        let reading = settings.mapping.role(from: text)
        if let role = reading.role {
            facts.insert("says \"\(TerminalText.visible(String(text.split(separator: "\n").first?.prefix(80) ?? "")))\"", at: 0)
            return LiveProbeAnswer(results: [ProbeResult(kind: "file", subject: settings.path, role: role, facts: facts)])
        }
        return LiveProbeAnswer(results: [ProbeResult(kind: "file", subject: settings.path, role: nil,
                                                     reason: TerminalText.visible(reading.unknownReason ?? "no answer"), facts: facts)])
    }

    // MARK: postgresql

    /// Every data directory inspected, most important first (a running primary, then a running
    /// standby, stopped primary, stopped standby, unknown; ties in the order found). Needs
    /// privilege when some directory could not be read for lack of it and none gave a role.
    public static func postgres(_ states: [PostgresClusterState]) -> LiveProbeAnswer {
        if states.isEmpty {
            return LiveProbeAnswer(results: [ProbeResult(
                kind: "postgresql", subject: "discovery", role: nil,
                reason: "no PostgreSQL data directory found (no running postmaster, nothing under /var/lib/postgresql or /var/lib/pgsql)")])
        }
        let ranked = rank(states)
        let privilege = ranked.contains(where: \.needsPrivilege) && !ranked.contains(where: { $0.role != nil })
        return LiveProbeAnswer(results: ranked.map(\.probeResult), needsPrivilege: privilege)
    }

    /// Most important first; ties keep their order.
    public static func rank(_ states: [PostgresClusterState]) -> [PostgresClusterState] {
        states.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
    }
}

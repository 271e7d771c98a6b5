/// `[[inventory]]`: one rule of the fleet-wide inventory. The first rule whose glob matches the
/// host's FQDN or short name wins, so one file can describe every host.
public struct InventoryRule: Equatable, Sendable {
    public var hosts: [HostGlob]
    public var environment: String?
    public var role: String?
    public var cluster: String?
    public var file: String
    /// `inventory[3]`: the rule's place, for evidence and errors.
    public var key: String

    public init(hosts: [HostGlob], environment: String? = nil, role: String? = nil, cluster: String? = nil, file: String, key: String) {
        self.hosts = hosts
        self.environment = environment
        self.role = role
        self.cluster = cluster
        self.file = file
        self.key = key
    }

    /// The first of the host's names that a glob of this rule matches, with that glob.
    public func match(_ host: HostName) -> (name: String, glob: HostGlob)? {
        for name in host.matchableNames {
            if let glob = hosts.first(where: { $0.matches(name) }) { return (name, glob) }
        }
        return nil
    }

    static func decode(_ reader: inout TableReader) -> InventoryRule? {
        let hosts = reader.strings("hosts")
        let environment = reader.string("environment")
        let role = reader.string("role")
        let cluster = reader.string("cluster")
        guard let hosts, !hosts.isEmpty else {
            reader.error("hosts", "missing: each [[inventory]] rule needs hosts = \"glob\" (e.g. \"db*.example.com\")")
            return nil
        }
        if environment == nil && role == nil && cluster == nil {
            reader.warning(nil, "rule sets none of environment, role, cluster: it matches but says nothing")
        }
        return InventoryRule(
            hosts: hosts.map(HostGlob.init), environment: environment, role: role, cluster: cluster,
            file: reader.file, key: reader.path)
    }
}

/// The host's name as the kernel reports it, with the fully qualified form when one is known.
public struct HostName: Equatable, Sendable {
    /// The kernel's node name, exactly as `uname -n` prints it (before any sanitising).
    public var nodeName: String
    /// A fully qualified name when one is known without asking DNS (the node name itself when it
    /// has dots, else the first dotted alias of the short name in /etc/hosts).
    public var fqdn: String?

    public init(nodeName: String, fqdn: String? = nil) {
        self.nodeName = nodeName
        self.fqdn = fqdn ?? (nodeName.contains(".") ? nodeName : nil)
    }

    /// What an operator types when asked for the host name: the node name up to the first dot.
    public var short: String {
        if let dot = nodeName.firstIndex(of: ".") { return String(nodeName[..<dot]) }
        return nodeName
    }

    /// The names inventory globs are matched against, most specific first.
    public var matchableNames: [String] {
        var names: [String] = []
        if let fqdn { names.append(fqdn) }
        if !names.contains(nodeName) { names.append(nodeName) }
        if !names.contains(short) { names.append(short) }
        return names
    }
}

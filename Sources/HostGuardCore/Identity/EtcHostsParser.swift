/// Finds a fully qualified name for a short host name in /etc/hosts text.
///
/// `hostname -f` asks the resolver, which can block on DNS; the prompt must not. On Debian and RHEL
/// the installer writes `127.0.1.1 host.example.com host` (or the real address) to /etc/hosts, so
/// the first dotted name on a line that also names the short host is what `hostname -f` would say.
public enum EtcHostsParser {
    public static func fqdn(forShortName short: String, in text: Substring) -> String? {
        guard !short.isEmpty else { return nil }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2 else { continue }
            let names = fields.dropFirst()
            let matches = names.contains { name in
                name == short || name.split(separator: ".", maxSplits: 1).first.map { $0 == short } == true
            }
            guard matches else { continue }
            if let dotted = names.first(where: { $0.contains(".") && $0.hasPrefix(short + ".") }) {
                return String(dotted)
            }
        }
        return nil
    }
}

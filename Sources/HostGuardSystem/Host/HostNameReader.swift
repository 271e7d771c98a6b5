import HostGuardCore

/// Reads the host's name from the kernel (uname), and its FQDN from /etc/hosts: never from DNS,
/// which can block for seconds and must not stand between an engineer and their prompt.
public enum HostNameReader {
    public static func read(root: String = "") -> HostName {
        var host = HostName(nodeName: system_nodeName())
        if host.fqdn == nil, let hosts = try? system_readText(root + "/etc/hosts", limit: 1 << 20) {
            host.fqdn = EtcHostsParser.fqdn(forShortName: host.short, in: hosts[...])
        }
        return host
    }
}

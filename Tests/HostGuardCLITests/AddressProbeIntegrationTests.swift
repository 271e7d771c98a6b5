import Foundation
import Testing

/// A network namespace made for the test, with a service address on an interface of its own
/// (a dummy interface; a veth pair where the kernel has no dummy driver). Only
/// namespace-private addresses; the namespace is deleted when the test ends.
final class AddressNamespace {
    let name = "hgprobe-\(getpid())-\(UInt16.random(in: 0...UInt16.max))"
    let interface = "hgvip0"
    let log = "/tmp/hostguard-netns-\(getpid()).out"

    init() throws {
        try ip(["netns", "add", name])
        if (try? ip(["netns", "exec", name, "ip", "link", "add", interface, "type", "dummy"])) == nil {
            try ip(["netns", "exec", name, "ip", "link", "add", interface, "type", "veth", "peer", "name", "hgvip1"])
        }
        try ip(["netns", "exec", name, "ip", "link", "set", interface, "up"])
        try ip(["netns", "exec", name, "ip", "link", "set", "lo", "up"])
    }

    deinit { _ = try? ip(["netns", "del", name]) }

    @discardableResult
    func ip(_ arguments: [String]) throws -> String {
        let (status, output) = try spawnAndWait("/sbin/ip", arguments, logFile: log)
        guard status == 0 else { throw PostgresPair.Failure("ip \(arguments.joined(separator: " ")): \(output)") }
        return output
    }

    func hostguard(_ arguments: [String], config: String) throws -> ProcessOutput {
        try runProcess("/sbin/ip", ["netns", "exec", name, HostGuardBinary.path] + arguments,
                       environment: ["HOSTGUARD_CONFIG": config, "HOSTGUARD_STATE_FILE": "/nonexistent/role.state"])
    }
}

@Suite("address probe (real interface in a network namespace)", .serialized)
struct AddressProbeIntegrationTests {
    static func role(_ output: ProcessOutput) throws -> (String?, String) {
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any] ?? [:]
        let evidence = (object["evidence"] as? [[String: Any]] ?? [])
            .filter { $0["field"] as? String == "role" && $0["outcome"] as? String == "decided" }
            .compactMap { $0["detail"] as? String }.joined()
        return (object["role"] as? String, evidence)
    }

    @Test("primary while this host holds the address (v4 and v6, any or a named interface), standby when it does not")
    func holdsAddress() throws {
        let namespace = try AddressNamespace()
        let configs = try TemporaryDirectory()
        let anyInterface = try configs.write("any.toml", """
            [host]
            environment = "staging"

            [[probe]]
            kind = "address"
            address = ["10.213.7.50", "fd42:6867::50"]
            """)
        let named = try configs.write("named.toml", """
            [[probe]]
            kind = "address"
            address = "10.213.7.50"
            interface = "\(namespace.interface)"
            """)
        let wrongInterface = try configs.write("lo.toml", """
            [[probe]]
            kind = "address"
            address = "10.213.7.50"
            interface = "lo"
            absent_role = "none"
            """)

        // Not held yet.
        var (role, detail) = try Self.role(namespace.hostguard(["status", "--json"], config: anyInterface))
        #expect(role == "standby", "\(detail)")
        #expect(detail.contains("10.213.7.50 not on any interface"))

        try namespace.ip(["netns", "exec", namespace.name, "ip", "addr", "add", "10.213.7.50/32", "dev", namespace.interface])
        (role, detail) = try Self.role(namespace.hostguard(["status", "--json"], config: anyInterface))
        #expect(role == "primary", "\(detail)")
        #expect(detail.contains("10.213.7.50 held on \(namespace.interface)"))
        (role, detail) = try Self.role(namespace.hostguard(["status", "--json"], config: named))
        #expect(role == "primary", "\(detail)")
        // absent_role = "none": not held on lo, so no answer and (no label) unknown.
        let loOutput = try namespace.hostguard(["status", "--json"], config: wrongInterface)
        (role, _) = try Self.role(loOutput)
        #expect(role == nil, "\(loOutput.stdout)")
        #expect(loOutput.stdout.contains("address not held by this host"))

        // The prompt reads getifaddrs directly: cheap enough for every Enter.
        let prompt = try namespace.hostguard(["prompt", "--shell", "plain", "--color", "never"], config: anyInterface)
        #expect(prompt.stdout.contains("PRIMARY"), "\(prompt.stdout)")

        // IPv6 alone, after the v4 address moves away (failover).
        try namespace.ip(["netns", "exec", namespace.name, "ip", "addr", "del", "10.213.7.50/32", "dev", namespace.interface])
        try namespace.ip(["netns", "exec", namespace.name, "ip", "addr", "add", "fd42:6867::50/128", "dev", namespace.interface, "nodad"])
        (role, detail) = try Self.role(namespace.hostguard(["status", "--json"], config: anyInterface))
        #expect(role == "primary", "\(detail)")
        #expect(detail.contains("fd42:6867::50 held on \(namespace.interface)"))
        try namespace.ip(["netns", "exec", namespace.name, "ip", "addr", "del", "fd42:6867::50/128", "dev", namespace.interface])
        (role, _) = try Self.role(namespace.hostguard(["status", "--json"], config: anyInterface))
        #expect(role == "standby")
    }
}

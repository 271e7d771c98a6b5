import Testing
@testable import HostGuardCore

@Suite("config cache codec")
struct ConfigCacheCodecTests {
    @Test("documents and failures round-trip exactly, including odd bytes and nesting")
    func roundTrip() {
        let entry = ConfigCacheCodec.Entry(
            signature: "uid=0\n/etc/hostguard/hostguard.toml|1:2:3:4:5:0",
            documents: [
                ConfigDocument(path: "/etc/hostguard/hostguard.toml", authority: .system, root: .table([
                    ("host", .table([("environment", .string("pröd;5:\u{0}\"x"))])),
                    ("probe", .array([.table([("kind", .string("command")), ("timeout", .float(0.25)), ("n", .integer(-7)), ("on", .bool(true))])])),
                    ("when", .datetime("1979-05-27T07:32:00Z")),
                ])),
                ConfigDocument(path: "/root/.config/hostguard/config.toml", authority: .user, root: .table([])),
            ],
            failures: [ConfigDiagnostic(.error, file: "/etc/hostguard/conf.d/x.toml", key: nil, "TOML syntax error")])
        #expect(ConfigCacheCodec.decode(ConfigCacheCodec.encode(entry)) == entry)
    }

    @Test("truncated or foreign bytes are rejected, never half-read")
    func rejectsDamage() {
        let entry = ConfigCacheCodec.Entry(signature: "s", documents: [
            ConfigDocument(path: "/p", authority: .system, root: .table([("a", .string("b"))])),
        ], failures: [])
        let bytes = ConfigCacheCodec.encode(entry)
        for cut in 0..<bytes.count {
            #expect(ConfigCacheCodec.decode(Array(bytes[0..<cut])) == nil)
        }
        #expect(ConfigCacheCodec.decode(Array("not a cache".utf8)) == nil)
        #expect(ConfigCacheCodec.decode(bytes + [0x41]) == nil)
    }
}

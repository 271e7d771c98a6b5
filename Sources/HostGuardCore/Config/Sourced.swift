/// A config value together with where it was written, so status can say
/// `/etc/hostguard/conf.d/10-role.toml: host.role = "primary"`.
public struct Sourced<Value: Equatable & Sendable>: Equatable, Sendable {
    public var value: Value
    public var file: String
    public var key: String

    public init(_ value: Value, file: String, key: String) {
        self.value = value
        self.file = file
        self.key = key
    }

    public var origin: String { "\(file): \(key)" }
}

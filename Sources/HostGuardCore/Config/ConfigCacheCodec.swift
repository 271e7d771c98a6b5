/// Serialises parsed config documents for the prompt's cache, and reads them back.
///
/// The prompt runs on every Enter; parsing TOML costs more than the rest of it together, so
/// the parsed trees are cached and only re-parsed when a config file changes. The format is a
/// private, versioned, length-prefixed encoding (strings carry their byte length, so any byte
/// sequence round-trips); a cache that does not decode exactly is ignored and rebuilt.
public enum ConfigCacheCodec {
    static let magic = "hostguard-config-cache 1\n"

    public struct Entry: Equatable, Sendable {
        public var signature: String
        public var documents: [ConfigDocument]
        public var failures: [ConfigDiagnostic]

        public init(signature: String, documents: [ConfigDocument], failures: [ConfigDiagnostic]) {
            self.signature = signature
            self.documents = documents
            self.failures = failures
        }

        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.signature == rhs.signature && lhs.failures == rhs.failures
                && lhs.documents.count == rhs.documents.count
                && zip(lhs.documents, rhs.documents).allSatisfy {
                    $0.path == $1.path && $0.authority == $1.authority && $0.root == $1.root
                }
        }
    }

    public static func encode(_ entry: Entry) -> [UInt8] {
        var out = Array(magic.utf8)
        string(entry.signature, &out)
        count(entry.documents.count, &out)
        for document in entry.documents {
            string(document.path, &out)
            out.append(document.authority == .system ? UInt8(ascii: "s") : UInt8(ascii: "u"))
            value(document.root, &out)
        }
        count(entry.failures.count, &out)
        for failure in entry.failures {
            out.append(failure.severity == .error ? UInt8(ascii: "e") : UInt8(ascii: "w"))
            string(failure.file, &out)
            if let key = failure.key { out.append(UInt8(ascii: "k")); string(key, &out) } else { out.append(UInt8(ascii: "-")) }
            string(failure.message, &out)
        }
        return out
    }

    /// nil for anything that is not a complete cache of this exact format.
    public static func decode(_ bytes: [UInt8]) -> Entry? {
        var reader = Reader(bytes: bytes)
        guard reader.expect(Array(magic.utf8)),
              let signature = reader.string(),
              let documentCount = reader.count() else { return nil }
        var documents: [ConfigDocument] = []
        for _ in 0..<documentCount {
            guard let path = reader.string(), let tag = reader.byte(), let root = reader.value() else { return nil }
            guard tag == UInt8(ascii: "s") || tag == UInt8(ascii: "u") else { return nil }
            documents.append(ConfigDocument(path: path, authority: tag == UInt8(ascii: "s") ? .system : .user, root: root))
        }
        guard let failureCount = reader.count() else { return nil }
        var failures: [ConfigDiagnostic] = []
        for _ in 0..<failureCount {
            guard let severity = reader.byte(), let file = reader.string(), let keyTag = reader.byte() else { return nil }
            var key: String?
            if keyTag == UInt8(ascii: "k") {
                guard let text = reader.string() else { return nil }
                key = text
            }
            guard let message = reader.string() else { return nil }
            failures.append(ConfigDiagnostic(severity == UInt8(ascii: "e") ? .error : .warning, file: file, key: key, message))
        }
        guard reader.atEnd else { return nil }
        return Entry(signature: signature, documents: documents, failures: failures)
    }

    private static func count(_ n: Int, _ out: inout [UInt8]) {
        out += Array(String(n).utf8)
        out.append(UInt8(ascii: ";"))
    }

    private static func string(_ text: String, _ out: inout [UInt8]) {
        let bytes = Array(text.utf8)
        count(bytes.count, &out)
        out += bytes
    }

    private static func value(_ value: ConfigValue, _ out: inout [UInt8]) {
        switch value {
        case .string(let text): out.append(UInt8(ascii: "S")); string(text, &out)
        case .integer(let n): out.append(UInt8(ascii: "I")); string(String(n), &out)
        case .float(let x): out.append(UInt8(ascii: "F")); string(String(x.bitPattern), &out)
        case .bool(let flag): out.append(UInt8(ascii: flag ? "1" : "0"))
        case .datetime(let text): out.append(UInt8(ascii: "D")); string(text, &out)
        case .array(let items):
            out.append(UInt8(ascii: "A")); count(items.count, &out)
            for item in items { Self.value(item, &out) }
        case .table(let entries):
            out.append(UInt8(ascii: "T")); count(entries.count, &out)
            for entry in entries { string(entry.key, &out); Self.value(entry.value, &out) }
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0
        var depth = 0

        var atEnd: Bool { position == bytes.count }

        mutating func expect(_ prefix: [UInt8]) -> Bool {
            guard bytes.count - position >= prefix.count, Array(bytes[position..<position + prefix.count]) == prefix else { return false }
            position += prefix.count
            return true
        }

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func count() -> Int? {
            var n = 0
            var digits = 0
            while position < bytes.count, bytes[position] != UInt8(ascii: ";") {
                let d = bytes[position]
                guard d >= 48 && d <= 57, digits < 12 else { return nil }
                n = n * 10 + Int(d - 48)
                digits += 1
                position += 1
            }
            guard digits > 0, position < bytes.count else { return nil }
            position += 1
            return n
        }

        mutating func string() -> String? {
            guard let length = count(), length <= bytes.count - position else { return nil }
            defer { position += length }
            return String(decoding: bytes[position..<position + length], as: UTF8.self)
        }

        mutating func value() -> ConfigValue? {
            // Config nests a few levels; a deeper cache is corrupt, not config.
            guard depth < 64, let tag = byte() else { return nil }
            depth += 1
            defer { depth -= 1 }
            switch tag {
            case UInt8(ascii: "S"): return string().map(ConfigValue.string)
            case UInt8(ascii: "I"): return string().flatMap { Int($0) }.map(ConfigValue.integer)
            case UInt8(ascii: "F"): return string().flatMap { UInt64($0) }.map { ConfigValue.float(Double(bitPattern: $0)) }
            case UInt8(ascii: "1"): return .bool(true)
            case UInt8(ascii: "0"): return .bool(false)
            case UInt8(ascii: "D"): return string().map(ConfigValue.datetime)
            case UInt8(ascii: "A"):
                guard let n = count() else { return nil }
                var items: [ConfigValue] = []
                for _ in 0..<n {
                    guard let item = value() else { return nil }
                    items.append(item)
                }
                return .array(items)
            case UInt8(ascii: "T"):
                guard let n = count() else { return nil }
                var entries: [(key: String, value: ConfigValue)] = []
                for _ in 0..<n {
                    guard let key = string(), let item = value() else { return nil }
                    entries.append((key, item))
                }
                return .table(entries)
            default: return nil
            }
        }
    }
}

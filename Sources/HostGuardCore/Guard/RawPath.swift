/// A path as the kernel sees it: bytes, not text. File names need not be UTF-8, and the guard
/// must assess (and the command must delete) exactly the name typed, so paths stay bytes until
/// they are shown.
public struct RawPath: Hashable, Sendable, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public static let root = RawPath([0x2F])

    public var isAbsolute: Bool { bytes.first == 0x2F }

    /// Components without empty ones (`a//b/` → a, b); `.` and `..` are kept.
    public var components: [[UInt8]] {
        bytes.split(separator: 0x2F, omittingEmptySubsequences: true).map(Array.init)
    }

    /// Ends in `/`, `/.` or is `.`: the kernel then resolves the last component as a directory,
    /// following a symlink there (path_resolution(7), "trailing slashes").
    public var namesDirectoryExplicitly: Bool {
        bytes.last == 0x2F || bytes == [0x2E] || bytes.suffix(2) == [0x2F, 0x2E]
    }

    public static func absolute(_ components: [[UInt8]]) -> RawPath {
        if components.isEmpty { return .root }
        var bytes: [UInt8] = []
        for component in components {
            bytes.append(0x2F)
            bytes += component
        }
        return RawPath(bytes)
    }

    /// Component-wise: /usr/bin starts with /usr, not with /us (swift-system FilePath.starts(with:)).
    public func starts(with prefix: RawPath) -> Bool {
        let mine = components, theirs = prefix.components
        return mine.count >= theirs.count && Array(mine.prefix(theirs.count)) == theirs
    }

    /// For text-keyed tables (mountinfo, config): valid UTF-8 exactly, else lossy.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// For a terminal or a log line: UTF-8 shown as is (controls escaped), any other byte as \xNN.
    public var description: String { PathText.visible(bytes) }
}

public enum PathText {
    /// Valid UTF-8 stretches go through `TerminalText.visible`; invalid bytes become `\xNN`.
    public static func visible(_ bytes: [UInt8]) -> String {
        var result = ""
        var start = 0
        var index = 0
        func flush(_ end: Int) {
            if start < end { result += TerminalText.visible(String(decoding: bytes[start..<end], as: UTF8.self)) }
        }
        while index < bytes.count {
            let length = validSequenceLength(bytes, at: index)
            if length == 0 {
                flush(index)
                let hex = String(bytes[index], radix: 16)
                result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                index += 1
                start = index
            } else {
                index += length
            }
        }
        flush(index)
        return result
    }

    /// Length of the well-formed UTF-8 sequence at `index`, or 0 (RFC 3629 table 3-7).
    static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}

extension RawPath: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self.init(text) }
}

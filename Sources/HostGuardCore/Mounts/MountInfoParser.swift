/// Parses /proc/<pid>/mountinfo text. Pure: takes the text, so captured tables are fixtures.
public enum MountInfoParser {
    /// Every well-formed line, in file order (the kernel lists mounts in attachment order).
    /// Malformed lines are skipped rather than failing the table: one odd line from a future
    /// kernel must not blind the whole scan.
    public static func parse(_ text: Substring) -> [MountEntry] {
        var entries: [MountEntry] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if let entry = parseLine(line) { entries.append(entry) }
        }
        return entries
    }

    public static func parse(_ text: String) -> [MountEntry] { parse(text[...]) }

    /// One line; nil when it does not have the documented shape. Fields are separated by single
    /// spaces; spaces, tabs, newlines and backslashes inside fields are written as octal escapes
    /// (`\040`, `\011`, `\012`, `\134`: fs/proc_namespace.c `mangle()` / seq_escape).
    public static func parseLine(_ line: Substring) -> MountEntry? {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        // Six fixed fields, the "-" separator, then type, source and super options.
        guard fields.count >= 10,
              let separator = fields[6...].firstIndex(of: "-"),
              fields.count >= separator + 3,
              let mountID = Int(fields[0]),
              let parentID = Int(fields[1]),
              let device = DeviceNumber(fields[2], radix: 10) else { return nil }
        return MountEntry(
            mountID: mountID,
            parentID: parentID,
            device: device,
            root: unescape(fields[3]),
            mountPoint: unescape(fields[4]),
            mountOptions: unescape(fields[5]),
            optionalFields: fields[6..<separator].map { String($0) },
            filesystemType: unescape(fields[separator + 1]),
            source: unescape(fields[separator + 2]),
            superOptions: separator + 3 < fields.count ? unescape(fields[separator + 3]) : "")
    }

    /// Decodes `\ooo` octal escapes to bytes. Bytes that are not UTF-8 become U+FFFD (shown as
    /// such; a name is for display, placement goes by mount id).
    public static func unescape(_ field: Substring) -> String {
        guard field.utf8.contains(UInt8(ascii: "\\")) else { return String(field) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.utf8.count)
        let utf8 = Array(field.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\\"), let value = octal(utf8, index + 1) {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func octal(_ bytes: [UInt8], _ start: Int) -> UInt8? {
        guard start + 3 <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<3 {
            let digit = Int(bytes[start + offset]) - Int(UInt8(ascii: "0"))
            guard (0...7).contains(digit) else { return nil }
            value = value * 8 + digit
        }
        return value <= 255 ? UInt8(value) : nil
    }
}

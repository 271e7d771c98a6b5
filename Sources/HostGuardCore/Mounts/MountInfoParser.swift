/// Parses /proc/<pid>/mountinfo text. Pure: takes the text, so captured tables are fixtures.
///
/// Works on bytes, as the kernel writes them (fs/proc_namespace.c `show_mountinfo`):
/// - lines end at "\n" only. A raw "\r" is data (the kernel escapes only space, tab, newline
///   and backslash, so a btrfs `subvol=/name\r` ends a line in a raw CR); splitting Swift
///   `Character`s would read "\r\n" as one character and swallow the next line.
/// - fields are separated by exactly one space, and a field may be empty: `mount -t tmpfs ""
///   DIR` prints two spaces after the type. Collapsing runs of spaces would shift the fields and
///   read the super options ("rw") as the source.
public enum MountInfoParser {
    /// Every well-formed line, in file order (the kernel lists mounts in attachment order).
    /// Malformed lines are skipped rather than failing the table: one odd line from a future
    /// kernel must not blind the whole scan.
    public static func parse(_ text: Substring) -> [MountEntry] {
        var entries: [MountEntry] = []
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            if let entry = parseLine(Substring(line)) { entries.append(entry) }
        }
        return entries
    }

    public static func parse(_ text: String) -> [MountEntry] { parse(text[...]) }

    /// One line (without its "\n"); nil when it does not have the documented shape: six fixed
    /// fields, zero or more optional fields, "-", then type, source and super options.
    /// Spaces, tabs, newlines and backslashes inside fields are octal escapes (`\040`, `\011`,
    /// `\012`, `\134`: `mangle()` / seq_escape).
    public static func parseLine(_ line: Substring) -> MountEntry? {
        let fields = line.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false).map(Substring.init)
        guard fields.count >= 10,
              let separator = fields[6...].firstIndex(of: "-"),
              fields.count >= separator + 3,
              let mountID = Int(fields[0]),
              let parentID = Int(fields[1]),
              let device = DeviceNumber(fields[2], radix: 10),
              !fields[4].isEmpty else { return nil }
        return MountEntry(
            mountID: mountID,
            parentID: parentID,
            device: device,
            root: unescape(fields[3]),
            mountPoint: unescape(fields[4]),
            mountOptions: unescape(fields[5]),
            optionalFields: fields[6..<separator].filter { !$0.isEmpty }.map { String($0) },
            filesystemType: unescape(fields[separator + 1]),
            source: unescape(fields[separator + 2]),
            // Anything after the super options (a space no kernel writes) is kept with them.
            superOptions: separator + 3 < fields.count ? unescape(fields[(separator + 3)...].joined(separator: " ")[...]) : "")
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

    /// The kernel's escaping, for writing a table back out (expected-output files, messages):
    /// space, tab, newline and backslash as octal, plus CR so a line never ends in a raw one.
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x5C:
                out += [0x5C, 0x30 + (byte >> 6), 0x30 + ((byte >> 3) & 7), 0x30 + (byte & 7)]
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
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

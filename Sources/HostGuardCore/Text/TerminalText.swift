/// Makes text from outside the binary (host names, config strings, file names) safe to put on a
/// terminal: what is shown is the text itself, and nothing in it can drive the terminal.
public enum TerminalText {
    /// Removes C0 and C1 control characters (so ESC, CSI, OSC, BEL and the 8-bit forms), DEL,
    /// and the bidirectional overrides that can make text read differently from what it is
    /// (CVE-2021-42574, "Trojan Source"; U+061C and the U+2028/U+2029 line and paragraph
    /// separators too). An escape sequence loses its ESC and so becomes plain, visible text: a
    /// hostile host name is shown for what it is, not obeyed. Invalid UTF-8 never reaches here:
    /// readers decode it to U+FFFD, which is shown as it is.
    public static func inert(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isUnsafe(scalar) {
            result.append(scalar)
        }
        return String(result)
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Escapes text for one line of a log or an error message: controls become `\xNN`, so a name
    /// holding a newline or an escape is still readable and still one line.
    public static func visible(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) || scalar == "\\" {
                if scalar == "\\" { result += "\\\\"; continue }
                result += hexEscape(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `\xNN` for a scalar up to U+00FF, `\u{NNNN}` above: how an unsafe or meaningful
    /// character is shown.
    public static func hexEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return scalar.value <= 0xFF ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{\(hex)}"
    }
}

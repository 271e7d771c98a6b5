/// systemd's `/etc/machine-info` (machine-info(5)): newline-separated `KEY=VALUE` assignments,
/// shell-compatible, `#` comments, values optionally in single or double quotes.
/// `hostnamectl set-deployment production` writes `DEPLOYMENT=production`; the documented
/// values are "development", "integration", "staging" and "production", but any word is kept.
/// hostguard reads it as evidence for the environment, below `[host]` and the inventory.
public enum MachineInfo {
    /// The `DEPLOYMENT=` value, trimmed; nil when absent or empty.
    public static func deployment(in text: Substring) -> String? {
        value(of: "DEPLOYMENT", in: text)
    }

    /// The last assignment of `key` (a later line wins, as when the shell sources the file).
    public static func value(of key: String, in text: Substring) -> String? {
        var found: String?
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "="),
                  line[..<equals].trimmingSpaces == key else { continue }
            let value = unquote(line[line.index(after: equals)...].trimmingSpaces)
            found = value.isEmpty ? nil : value
        }
        return found
    }

    /// `"a \"b\""` → `a "b"`, `'x'` → `x`, bare words as they are.
    static func unquote(_ text: Substring) -> String {
        if text.count >= 2, text.first == "'", text.last == "'" { return String(text.dropFirst().dropLast()) }
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return String(text) }
        var out = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                out.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}

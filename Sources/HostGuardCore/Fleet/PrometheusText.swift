/// Prometheus's text exposition format, the part node_exporter's textfile collector reads:
/// `# HELP`, `# TYPE` and `name{label="value"} number` lines, no timestamps.
/// Escaping per the format's spec (prometheus/docs content/docs/instrumenting/exposition_formats.md):
/// in label values `\`, `"` and line feed become `\\`, `\"` and `\n`; in HELP text `\` and line
/// feed become `\\` and `\n`. Values are never truncated or dropped: a host name or reason with
/// odd bytes is still one valid line.
public struct PrometheusText: Sendable {
    public private(set) var text = ""

    public init() {}

    /// `# HELP` and `# TYPE` for a family. Written for every family on every host, samples or
    /// not, so each host's file declares the same families with the same words.
    public mutating func family(_ name: String, type: String, help: String) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type)\n"
    }

    public mutating func sample(_ name: String, _ labels: [(String, String)] = [], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " " + Self.number(value) + "\n"
    }

    static func escapeLabel(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func escapeHelp(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Integers without a fraction ("3", not "3.0"); other values with enough digits.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

/// Shell-style glob matching for host names (`db*.example.com`, `web[0-9]?`), case-insensitive
/// because DNS names are.
///
/// Written here rather than calling fnmatch(3) because HostGuardCore is standard-library only and
/// host names need none of fnmatch's path or locale rules.
public struct HostGlob: Equatable, Sendable {
    public let pattern: String
    private let units: [Character]

    public init(_ pattern: String) {
        self.pattern = pattern
        self.units = Array(pattern.lowercased())
    }

    public func matches(_ name: String) -> Bool {
        let text = Array(name.lowercased())
        return Self.match(units[...], text[...])
    }

    private static func match(_ pattern: ArraySlice<Character>, _ text: ArraySlice<Character>) -> Bool {
        var p = pattern.startIndex
        var t = text.startIndex
        // Position to resume from after the most recent `*`: classic iterative wildcard match,
        // linear in practice and never recursive on hostile patterns.
        var starP: Int? = nil
        var starT = t
        while t < text.endIndex {
            if p < pattern.endIndex {
                let c = pattern[p]
                if c == "*" {
                    starP = p
                    starT = t
                    p += 1
                    continue
                }
                if c == "?" {
                    p += 1; t += 1
                    continue
                }
                if c == "[", let (matched, next) = matchClass(pattern, from: p, char: text[t]) {
                    if matched { p = next; t += 1; continue }
                } else if c == "\\", p + 1 < pattern.endIndex {
                    if pattern[p + 1] == text[t] { p += 2; t += 1; continue }
                } else if c == text[t] {
                    p += 1; t += 1
                    continue
                }
            }
            guard let star = starP else { return false }
            p = star + 1
            starT += 1
            t = starT
        }
        while p < pattern.endIndex, pattern[p] == "*" { p += 1 }
        return p == pattern.endIndex
    }

    /// Matches `[abc]`, `[a-z]`, `[!0-9]` at `start`; nil when the bracket is not closed (then it
    /// is an ordinary character, as in fnmatch).
    private static func matchClass(_ pattern: ArraySlice<Character>, from start: Int, char: Character) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < pattern.endIndex, pattern[i] == "!" || pattern[i] == "^" { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < pattern.endIndex, pattern[i] != "]" || first {
            first = false
            let low = pattern[i]
            if i + 2 < pattern.endIndex, pattern[i + 1] == "-", pattern[i + 2] != "]" {
                if low <= char && char <= pattern[i + 2] { matched = true }
                i += 3
            } else {
                if low == char { matched = true }
                i += 1
            }
        }
        guard i < pattern.endIndex else { return nil }
        return (matched != negate, i + 1)
    }
}

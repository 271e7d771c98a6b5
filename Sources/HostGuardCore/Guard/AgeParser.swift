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

/// Reads typed keys out of one TOML table, collecting diagnostics with full key paths, and
/// reports every key nobody asked for as a warning (a typo must not pass silently).
struct TableReader {
    let file: String
    let path: String
    private let entries: [(key: String, value: ConfigValue)]
    private var consumed: Set<String> = []
    private(set) var diagnostics: [ConfigDiagnostic] = []

    init(file: String, path: String, entries: [(key: String, value: ConfigValue)]) {
        self.file = file
        self.path = path
        self.entries = entries
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    mutating func value(_ key: String) -> ConfigValue? {
        consumed.insert(key)
        return entries.last(where: { $0.key == key })?.value
    }

    mutating func string(_ key: String) -> String? {
        guard let value = value(key) else { return nil }
        if case .string(let text) = value { return text }
        error(key, "expected a string, found \(value.typeName)")
        return nil
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        if case .bool(let flag) = value { return flag }
        error(key, "expected true or false, found \(value.typeName)")
        return nil
    }

    /// A string that must be one of `choices`; anything else is an error naming them all.
    mutating func choice(_ key: String, of choices: [String]) -> String? {
        guard let text = string(key) else { return nil }
        if choices.contains(text) { return text }
        error(key, "expected one of \(choices.map { "\"\($0)\"" }.joined(separator: ", ")), found \"\(text)\"")
        return nil
    }

    /// A string or an array of strings (`hosts = "db*"` or `hosts = ["db1", "db2"]`).
    mutating func strings(_ key: String) -> [String]? {
        guard let value = value(key) else { return nil }
        switch value {
        case .string(let text): return [text]
        case .array(let items):
            var result: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item else {
                    error("\(key)[\(index)]", "expected a string, found \(item.typeName)")
                    return nil
                }
                result.append(text)
            }
            return result
        default:
            error(key, "expected a string or an array of strings, found \(value.typeName)")
            return nil
        }
    }

    /// Sub-tables of an array of tables (`[[inventory]]`), each with its own reader.
    mutating func tables(_ key: String) -> [TableReader] {
        guard let value = value(key) else { return [] }
        guard case .array(let items) = value else {
            error(key, "expected an array of tables ([[\(key)]]), found \(value.typeName)")
            return []
        }
        var readers: [TableReader] = []
        for (index, item) in items.enumerated() {
            guard case .table(let entries) = item else {
                error("\(key)[\(index + 1)]", "expected a table, found \(item.typeName)")
                continue
            }
            readers.append(TableReader(file: file, path: "\(keyPath(key))[\(index + 1)]", entries: entries))
        }
        return readers
    }

    /// A single sub-table (`[host]`), or nil when absent.
    mutating func table(_ key: String) -> TableReader? {
        guard let value = value(key) else { return nil }
        guard case .table(let entries) = value else {
            error(key, "expected a table ([\(key)]), found \(value.typeName)")
            return nil
        }
        return TableReader(file: file, path: keyPath(key), entries: entries)
    }

    mutating func error(_ key: String, _ message: String) {
        diagnostics.append(ConfigDiagnostic(.error, file: file, key: keyPath(key), message))
    }

    mutating func warning(_ key: String?, _ message: String) {
        diagnostics.append(ConfigDiagnostic(.warning, file: file, key: key.map(keyPath), message))
    }

    /// Every key present but never read, as warnings; call once decoding of this table is done.
    /// An unknown key close to one this table reads gets "did you mean …?" (`enviroment`).
    mutating func finish(known: [String] = []) -> [ConfigDiagnostic] {
        let readable = Array(consumed) + known
        for entry in entries where !consumed.contains(entry.key) && !known.contains(entry.key) {
            var message = "unknown key, ignored"
            if let nearest = NearestWord.nearest(to: entry.key, in: readable) { message += "; did you mean \(nearest)?" }
            diagnostics.append(ConfigDiagnostic(.warning, file: file, key: keyPath(entry.key), message))
        }
        consumed.formUnion(entries.map(\.key))
        return diagnostics
    }

    mutating func absorb(_ child: inout TableReader) {
        diagnostics += child.finish()
    }
}

import HostGuardCore
import TOMLKit

/// Parses TOML text with TOMLKit and hands Core a plain `ConfigValue` tree.
public enum TOMLConfigParser {
    public static func parse(_ text: String, file: String) -> Result<ConfigValue, ConfigDiagnostic> {
        do {
            let table = try TOMLTable(string: text)
            return .success(convert(table))
        } catch let error as TOMLParseError {
            return .failure(ConfigDiagnostic(.error, file: file, TOMLSyntaxError.message(
                parser: error.description, line: Int(error.source.begin.line), column: Int(error.source.begin.column), source: text[...])))
        } catch {
            return .failure(ConfigDiagnostic(.error, file: file, "TOML syntax error: \(error)"))
        }
    }

    private static func convert(_ table: TOMLTable) -> ConfigValue {
        .table(table.map { (key: $0.0, value: convert($0.1)) })
    }

    private static func convert(_ value: TOMLValueConvertible) -> ConfigValue {
        switch value.type {
        case .table: return value.table.map(convert) ?? .table([])
        case .array: return .array((value.array ?? []).map(convert))
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .float(value.double ?? 0)
        case .bool: return .bool(value.bool ?? false)
        case .date, .time, .dateTime: return .datetime(value.debugDescription)
        }
    }
}

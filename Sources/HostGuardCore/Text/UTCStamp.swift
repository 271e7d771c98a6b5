/// UTC date-time without Foundation: days-from-civil in reverse (Howard Hinnant's algorithm,
/// http://howardhinnant.github.io/date_algorithms.html#civil_from_days).
public enum UTCStamp {
    /// "20261121T194500Z".
    public static func compact(_ epoch: Int64) -> String {
        let (year, month, day, hour, minute, second) = civil(epoch)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)\(two(month))\(two(day))T\(two(hour))\(two(minute))\(two(second))Z"
    }

    /// "2026-11-21T19:45:00Z".
    public static func iso(_ epoch: Int64) -> String {
        let (year, month, day, hour, minute, second) = civil(epoch)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z"
    }

    static func civil(_ epoch: Int64) -> (Int64, Int64, Int64, Int64, Int64, Int64) {
        var days = epoch / 86_400
        var rest = epoch % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, rest / 3600, rest % 3600 / 60, rest % 60)
    }
}

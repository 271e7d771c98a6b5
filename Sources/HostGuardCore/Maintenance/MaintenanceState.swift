/// What the host's maintenance situation is now, decided from what was read: hostguard's own
/// record (if any, and trusted), the well-known switches found, and the clock. Pure: the
/// prompt, `maint status`, `status --json` and the guard's banner all show this one value.
public struct MaintenanceState: Equatable, Sendable {
    /// The record, when it is still in force.
    public var active: MaintenanceRecord?
    /// The record, when its `until` has passed: it expired by itself (the file may remain until
    /// the next `maint on`/`off`, and is then shown nowhere but `maint status`).
    public var expired: MaintenanceRecord?
    /// Why a record present on disk was not believed ("owned by uid 1000"), for `maint status`.
    public var ignored: String?
    public var switches: [HostSwitch]
    /// When this was decided (seconds since the epoch), for "40m left".
    public var now: Int64

    /// Longest reason shown in the prompt; the rest is cut with "…" (`maint status` shows all).
    public static let promptReasonLimit = 48

    public init(active: MaintenanceRecord? = nil, expired: MaintenanceRecord? = nil, ignored: String? = nil,
                switches: [HostSwitch] = [], now: Int64) {
        self.active = active
        self.expired = expired
        self.ignored = ignored
        self.switches = switches
        self.now = now
    }

    /// The decision: a record counts until its `until` (exclusive); switches count while present.
    public static func decide(record: MaintenanceRecord?, ignored: String? = nil, switches: [HostSwitch], now: Int64) -> MaintenanceState {
        var state = MaintenanceState(ignored: ignored, switches: switches, now: now)
        if let record {
            if let until = record.until, now >= until {
                state.expired = record
            } else {
                state.active = record
            }
        }
        return state
    }

    /// Nothing to show anywhere.
    public var isQuiet: Bool { active == nil && switches.isEmpty }

    /// The prompt's words, one per fact: `MAINT: kernel upgrade (40m left, by alice)`,
    /// `nologin`, `reboot required`. Made inert here; escaped for the shell by the renderer.
    public var promptTexts: [String] {
        var texts: [String] = []
        if let active {
            var reason = TerminalText.inert(active.reason)
            if reason.count > Self.promptReasonLimit { reason = String(reason.prefix(Self.promptReasonLimit - 1)) + "…" }
            var details: [String] = []
            if let until = active.until { details.append(Self.remaining(until - now) + " left") }
            details.append("by " + TerminalText.inert(active.by))
            texts.append("MAINT: \(reason) (\(details.joined(separator: ", ")))")
        }
        for item in switches {
            switch item.kind {
            case .nologin:
                // Both files may exist; one word is enough for the prompt.
                if !texts.contains("nologin") { texts.append("nologin") }
            case .rebootRequired:
                texts.append("reboot required")
            }
        }
        return texts
    }

    /// One line for the guard's banner, or nil when there is nothing to say.
    public var bannerLine: String? {
        var parts: [String] = []
        if let active {
            var text = "MAINTENANCE: \(TerminalText.inert(active.reason)) (by \(TerminalText.inert(active.by))"
            if let until = active.until { text += ", \(Self.remaining(until - now)) left" }
            parts.append(text + ")")
        }
        for item in switches {
            switch item.kind {
            case .nologin: parts.append("logins disabled (\(TerminalText.inert(item.path)))")
            case .rebootRequired: parts.append("reboot required" + (item.detail.map { " by \(TerminalText.inert($0))" } ?? ""))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// "45s", "40m", "1h05m", "3d": time left, rounded up to the minute past two minutes, so a
    /// "1m left" never hides 119 seconds.
    public static func remaining(_ seconds: Int64) -> String {
        let value = max(0, seconds)
        if value < 120 { return "\(value)s" }
        let minutes = (value + 59) / 60
        if minutes < 60 { return "\(minutes)m" }
        if minutes < 48 * 60 {
            let rest = minutes % 60
            return "\(minutes / 60)h" + (rest == 0 ? "" : (rest < 10 ? "0\(rest)m" : "\(rest)m"))
        }
        return "\(minutes / (24 * 60))d"
    }

    /// `--for` values: `40m`, `2h`, `1d`, `90s`, `1h30m`; nil for anything else or zero.
    public static func parseDuration(_ text: String) -> Int64? {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var total: Int64 = 0
        var digits = ""
        var sawUnit = false
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if let unit = units[character], let number = Int64(digits), number <= 1_000_000 {
                total += number * unit
                digits = ""
                sawUnit = true
            } else {
                return nil
            }
        }
        if !digits.isEmpty {
            // A bare number is minutes only when it is the whole value ("30" = 30m is a guess we
            // refuse to make: say the unit).
            return nil
        }
        return sawUnit && total > 0 ? total : nil
    }
}

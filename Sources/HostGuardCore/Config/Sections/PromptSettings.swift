/// `[prompt]`: looks only. The one section a user's own config may set.
public struct PromptSettings: Equatable, Sendable {
    public enum Toggle: String, Sendable, CaseIterable {
        /// Title: on for production and unknown hosts. Colour: on unless NO_COLOR or TERM=dumb.
        case auto
        case always
        case never
    }

    public var title: Toggle = .auto
    public var color: Toggle = .auto
    public var showCluster = true
    public var showHost = true

    public init() {}

    static func decode(_ reader: inout TableReader, into settings: inout PromptSettings) {
        let toggles = Toggle.allCases.map(\.rawValue)
        if let title = reader.choice("title", of: toggles) { settings.title = Toggle(rawValue: title)! }
        if let color = reader.choice("color", of: toggles) { settings.color = Toggle(rawValue: color)! }
        if let flag = reader.bool("show_cluster") { settings.showCluster = flag }
        if let flag = reader.bool("show_host") { settings.showHost = flag }
    }
}

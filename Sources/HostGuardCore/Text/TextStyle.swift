/// A colour as the style tables name it; rendered to whatever the terminal supports.
public enum TerminalColor: Equatable, Sendable {
    /// One of the 8 basic colours (0 black … 7 white), `bright` for the aixterm 90–97 range.
    case basic(UInt8, bright: Bool)
    /// An RGB colour; degraded to the 256-colour cube or the nearest basic colour when needed.
    case rgb(UInt8, UInt8, UInt8)

    public static let black = TerminalColor.basic(0, bright: false)
    public static let red = TerminalColor.basic(1, bright: false)
    public static let green = TerminalColor.basic(2, bright: false)
    public static let yellow = TerminalColor.basic(3, bright: false)
    public static let blue = TerminalColor.basic(4, bright: false)
    public static let magenta = TerminalColor.basic(5, bright: false)
    public static let cyan = TerminalColor.basic(6, bright: false)
    public static let white = TerminalColor.basic(7, bright: false)
    public static let brightWhite = TerminalColor.basic(7, bright: true)
}

public struct TextStyle: Equatable, Sendable {
    public var foreground: TerminalColor?
    public var background: TerminalColor?
    public var bold: Bool
    /// A basic-colour fallback for the RGB colours, chosen by hand: the automatic nearest colour
    /// of a dark red may be black, and production must stay red.
    public var basicForeground: TerminalColor?
    public var basicBackground: TerminalColor?

    public init(
        foreground: TerminalColor? = nil, background: TerminalColor? = nil, bold: Bool = false,
        basicForeground: TerminalColor? = nil, basicBackground: TerminalColor? = nil
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.basicForeground = basicForeground
        self.basicBackground = basicBackground
    }

    /// The SGR parameters for this style at `depth`, e.g. "1;97;41"; empty when nothing to set.
    public func sgrParameters(at depth: ColorDepth) -> String {
        guard depth != .none else { return "" }
        var parts: [String] = []
        if bold { parts.append("1") }
        if let color = depth == .basic ? (basicForeground ?? foreground) : foreground {
            parts.append(Self.parameters(color, background: false, depth: depth))
        }
        if let color = depth == .basic ? (basicBackground ?? background) : background {
            parts.append(Self.parameters(color, background: true, depth: depth))
        }
        return parts.joined(separator: ";")
    }

    static func parameters(_ color: TerminalColor, background: Bool, depth: ColorDepth) -> String {
        switch color {
        case .basic(let index, let bright):
            if bright { return String((background ? 100 : 90) + Int(index)) }
            return String((background ? 40 : 30) + Int(index))
        case .rgb(let r, let g, let b):
            switch depth {
            case .truecolor:
                return "\(background ? 48 : 38);2;\(r);\(g);\(b)"
            case .indexed256:
                return "\(background ? 48 : 38);5;\(cubeIndex(r, g, b))"
            case .basic, .none:
                return parameters(.basic(nearestBasic(r, g, b), bright: false), background: background, depth: depth)
            }
        }
    }

    /// xterm's 6×6×6 cube: levels 0, 95, 135, 175, 215, 255.
    static func cubeIndex(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
        return 16 + 36 * level(r) + 6 * level(g) + level(b)
    }

    static func nearestBasic(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let bits = (r > 127 ? 1 : 0) | (g > 127 ? 2 : 0) | (b > 127 ? 4 : 0)
        return UInt8(bits)
    }
}

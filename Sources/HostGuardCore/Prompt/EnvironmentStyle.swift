/// The look of each environment family. Production is unmistakable: bold white on red.
public enum EnvironmentStyle {
    public static func style(for environment: EnvironmentClass, name: String?) -> TextStyle {
        switch environment {
        case .production:
            return TextStyle(foreground: .rgb(255, 255, 255), background: .rgb(200, 0, 0), bold: true,
                             basicForeground: .brightWhite, basicBackground: .red)
        case .staging:
            return TextStyle(foreground: .rgb(0, 0, 0), background: .rgb(255, 200, 0), bold: true,
                             basicForeground: .black, basicBackground: .yellow)
        case .development:
            return TextStyle(foreground: .rgb(0, 0, 0), background: .rgb(40, 180, 60), bold: true,
                             basicForeground: .black, basicBackground: .green)
        case .unknown:
            return TextStyle(foreground: .rgb(255, 255, 255), background: .rgb(170, 0, 170), bold: true,
                             basicForeground: .brightWhite, basicBackground: .magenta)
        case .other:
            return otherPalette[Int(stableHash(name ?? "") % UInt64(otherPalette.count))]
        }
    }

    /// Colours for other environment names: none of them red, yellow, green or magenta, so a
    /// "qa" host can never be mistaken for production, staging, development or unknown.
    static let otherPalette: [TextStyle] = [
        TextStyle(foreground: .rgb(255, 255, 255), background: .rgb(30, 90, 200), bold: true,
                  basicForeground: .brightWhite, basicBackground: .blue),
        TextStyle(foreground: .rgb(0, 0, 0), background: .rgb(0, 190, 200), bold: true,
                  basicForeground: .black, basicBackground: .cyan),
        TextStyle(foreground: .rgb(255, 255, 255), background: .rgb(90, 60, 170), bold: true,
                  basicForeground: .brightWhite, basicBackground: .blue),
        TextStyle(foreground: .rgb(0, 0, 0), background: .rgb(190, 190, 190), bold: true,
                  basicForeground: .black, basicBackground: .white),
        TextStyle(foreground: .rgb(255, 255, 255), background: .rgb(0, 110, 120), bold: true,
                  basicForeground: .brightWhite, basicBackground: .cyan),
    ]

    /// FNV-1a: the same name gets the same colour on every host and every release.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.lowercased().utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

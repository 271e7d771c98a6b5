/// The manifest of one quarantine entry: who moved what from where, when. A line format, not
/// JSON, because original paths are bytes (hex-encoded here) and the reader must be exact:
///
///     hostguard-trash 1
///     time 1763754300
///     user root
///     sudo_user alice
///     cwd 2f726f6f74
///     argv 726d 2d7266 78
///     item 0 2f726f6f742f78
public struct TrashManifest: Equatable, Sendable {
    public var id: String
    public var time: Int64
    public var user: String
    public var sudoUser: String?
    public var cwd: [UInt8]
    public var argv: [[UInt8]]
    /// Original absolute paths, in item order (item N is stored as `items/N`).
    public var items: [[UInt8]]

    public init(id: String, time: Int64, user: String, sudoUser: String?, cwd: [UInt8], argv: [[UInt8]], items: [[UInt8]]) {
        self.id = id
        self.time = time
        self.user = user
        self.sudoUser = sudoUser
        self.cwd = cwd
        self.argv = argv
        self.items = items
    }

    public func serialized() -> String {
        var text = "hostguard-trash 1\ntime \(time)\nuser \(Hex.encode(Array(user.utf8)))\n"
        if let sudoUser { text += "sudo_user \(Hex.encode(Array(sudoUser.utf8)))\n" }
        text += "cwd \(Hex.encode(cwd))\n"
        text += "argv " + argv.map(Hex.encode).joined(separator: " ") + "\n"
        for (index, item) in items.enumerated() { text += "item \(index) \(Hex.encode(item))\n" }
        return text
    }

    public static func parse(_ text: String, id: String) -> TrashManifest? {
        var lines = text.split(separator: "\n").makeIterator()
        guard lines.next() == "hostguard-trash 1" else { return nil }
        var manifest = TrashManifest(id: id, time: 0, user: "", sudoUser: nil, cwd: [], argv: [], items: [])
        var sawTime = false
        while let line = lines.next() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard let key = fields.first else { continue }
            switch key {
            case "time":
                guard fields.count == 2, let value = Int64(fields[1]) else { return nil }
                manifest.time = value
                sawTime = true
            case "user":
                guard fields.count == 2, let bytes = Hex.decode(fields[1]) else { return nil }
                manifest.user = String(decoding: bytes, as: UTF8.self)
            case "sudo_user":
                guard fields.count == 2, let bytes = Hex.decode(fields[1]) else { return nil }
                manifest.sudoUser = String(decoding: bytes, as: UTF8.self)
            case "cwd":
                guard fields.count == 2, let bytes = Hex.decode(fields[1]) else { return nil }
                manifest.cwd = bytes
            case "argv":
                var words: [[UInt8]] = []
                for field in fields.dropFirst() where !field.isEmpty {
                    guard let bytes = Hex.decode(field) else { return nil }
                    words.append(bytes)
                }
                manifest.argv = words
            case "item":
                guard fields.count == 3, Int(fields[1]) == manifest.items.count, let bytes = Hex.decode(fields[2]) else { return nil }
                manifest.items.append(bytes)
            default:
                continue  // newer keys are skipped, not fatal
            }
        }
        return sawTime && !manifest.items.isEmpty ? manifest : nil
    }
}

/// `[[watch]]`: a path whose mount `hostguard mounts` checks in every process's view.
public struct WatchRule: Equatable, Sendable {
    public var path: String
    public var file: String
    public var key: String

    public init(path: String, file: String, key: String) {
        self.path = path
        self.file = file
        self.key = key
    }

    static func decode(_ reader: inout TableReader) -> WatchRule? {
        guard let path = reader.string("path") else {
            reader.error("path", "missing: each [[watch]] rule needs path = \"/absolute/path\"")
            return nil
        }
        guard path.hasPrefix("/") else {
            reader.error("path", "expected an absolute path, found \"\(path)\"")
            return nil
        }
        return WatchRule(path: path, file: reader.file, key: reader.path)
    }
}

/// Captured fixtures under Fixtures/, found beside this file (no Foundation in Core tests: read
/// through the C library).
#if canImport(Glibc)
import Glibc
#endif

enum Fixture {
    static let directory: String = {
        var path = "\(#filePath)"
        while let last = path.last, last != "/" { path.removeLast() }
        return path + "Fixtures/"
    }()

    static func text(_ name: String) -> String {
        let path = directory + name
        guard access(path, R_OK) == 0 else { fatalError("fixture missing: \(path)") }
        return String(decoding: readFixture(path), as: UTF8.self)
    }
}

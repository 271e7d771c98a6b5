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
        guard let file = fopen(directory + name, "r") else { fatalError("fixture missing: \(directory + name)") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

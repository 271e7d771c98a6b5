// The build-time tool behind the EmbedShellPlugin (not part of hostguard itself, hence Glibc
// here rather than HostGuardSystem): writes one Swift file that embeds the shell code and the
// source revision, so shell/ is the only copy of the shell code and the revision reaches the
// binary without editing a tracked file.
//
//   EmbedShell OUTPUT REVISION-FILE|- SHELL-FILE…
//
// Each shell file becomes an entry of `Embedded.shellFiles`, keyed by its file name
// ("hostguard.bash"), as one escaped string literal (exact, whatever quotes or backslashes the
// file holds). The revision is the first line of REVISION-FILE, or "unknown" for "-".
import Glibc

func fail(_ message: String) -> Never {
    let line = Array("EmbedShell: \(message)\n".utf8)
    _ = write(2, line, line.count)
    exit(1)
}

func readFile(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { fail("cannot open \(path): \(String(cString: strerror(errno)))") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count == 0 { break }
        bytes += chunk[0..<count]
    }
    if ferror(file) != 0 { fail("cannot read \(path)") }
    return bytes
}

/// A Swift string literal that evaluates to exactly `text`.
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: EmbedShell OUTPUT REVISION-FILE|- SHELL-FILE…") }
var revision = "unknown"
if arguments[2] != "-" {
    let line = String(decoding: readFile(arguments[2]), as: UTF8.self).split(separator: "\n").first ?? ""
    let trimmed = line.trimmingPrefix(while: { $0 == " " }).prefix(while: { $0 != " " && $0 != "\r" })
    if !trimmed.isEmpty { revision = String(trimmed) }
}

var source = """
    // Generated at build time by the EmbedShell plugin (Plugins/EmbedShell) from shell/ and the
    // revision the Makefile passes in. Not in git; edit shell/ instead.
    enum Embedded {
        static let revision = \(literal(revision))
        static let shellFiles: [String: String] = [

    """
for path in arguments.dropFirst(3).sorted() {
    let bytes = readFile(path)
    guard let text = String(validating: bytes, as: UTF8.self) else { fail("\(path) is not valid UTF-8") }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    source += "        \(literal(name)): \(literal(text)),\n"
}
source += "    ]\n}\n"

let output = arguments[1]
guard let file = fopen(output, "wb") else { fail("cannot create \(output): \(String(cString: strerror(errno)))") }
let bytes = Array(source.utf8)
if fwrite(bytes, 1, bytes.count, file) != bytes.count || fclose(file) != 0 { fail("cannot write \(output)") }

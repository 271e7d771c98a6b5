/// Version and source revision; the Makefile rewrites `revision` at release build time.
enum BuildInfo {
    static let version = "0.1.0"
    static let revision = "unknown"
    static var versionLine: String { "hostguard \(version) (\(revision))" }
}

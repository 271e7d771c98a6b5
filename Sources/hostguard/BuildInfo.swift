/// Version and source revision. The revision is embedded at build time (Plugins/EmbedShellPlugin)
/// from the git-ignored `.revision` that `make release` writes; a plain `swift build` says
/// "unknown". The Makefile reads `version` from this line.
enum BuildInfo {
    static let version = "0.1.0"
    static var revision: String { Embedded.revision }
    static var versionLine: String { "hostguard \(version) (\(revision))" }
}

import Foundation
import PackagePlugin

/// Embeds shell/*.bash|zsh|fish (the shell integration and the guard's alias templates) and the
/// build revision into the target, at build time: shell/ stays the only copy of the shell code,
/// and `make release` passes the revision through the git-ignored file `.revision` (written for
/// that build and removed after it) instead of editing a tracked file. A plain `swift build`
/// has no `.revision` and says "unknown".
@main
struct EmbedShellPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let shellDirectory = package.appendingPathComponent("shell")
        let names = try FileManager.default.contentsOfDirectory(atPath: shellDirectory.path)
        let shellFiles = names
            .filter { $0.hasSuffix(".bash") || $0.hasSuffix(".zsh") || $0.hasSuffix(".fish") }
            .sorted()
            .map { shellDirectory.appendingPathComponent($0) }
        let revisionFile = package.appendingPathComponent(".revision")
        let hasRevision = FileManager.default.fileExists(atPath: revisionFile.path)
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("Embedded.swift")
        return [
            .buildCommand(
                displayName: "Embedding the shell code and the build revision",
                executable: try context.tool(named: "EmbedShell").url,
                arguments: [output.path, hasRevision ? revisionFile.path : "-"] + shellFiles.map(\.path),
                inputFiles: shellFiles + (hasRevision ? [revisionFile] : []),
                outputFiles: [output]
            ),
        ]
    }
}

import Glibc
import HostGuardCore
import HostGuardSystem

/// Prints the prompt segment. Never fails loudly: a prompt must always appear, so every
/// problem becomes "unknown" or a notice inside the segment, and the exit status stays 0.
enum PromptRunner {
    static func run(_ request: FastPromptArguments) -> Int32 {
        let (identity, config, probeNotices) = IdentityLoader.loadWithNotices(purpose: .prompt)
        var settings = config.prompt
        if let color = request.color { settings.color = color }
        let environment = ColorEnvironment(system_getenv)
        // The shell captures the segment for the terminal: auto colour does not ask isatty.
        let depth = ColorDepth.detect(settings.color, outputIsTerminal: true, environment: environment)
        var notices: [PromptNotice] = []
        if config.systemConfigIsBroken { notices.append(PromptNotice("config error: run hostguard status")) }
        notices += probeNotices
        // Written by the hostguard-mounts timer; a count from a run over a day old is not news.
        if let record = StaleMountNotice.readRecord(), record.staleProcesses > 0,
           record.finishedAt.map({ system_wallClockSeconds() - Double($0) < 86_400 }) ?? true {
            notices.append(PromptNotice("stale mounts: \(record.staleProcesses)"))
        }
        let context = PromptContext(
            identity: identity, settings: settings, notices: notices, depth: depth,
            terminalTakesTitle: environment.terminalTakesTitle)
        var output = StandardOutput()
        PromptRenderer.render(context, dialect: request.dialect, to: &output)
        output.flush()
        return 0
    }
}

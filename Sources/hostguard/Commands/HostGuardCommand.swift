import ArgumentParser

struct HostGuardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hostguard",
        abstract: "Know which host you are on before you break it.",
        discussion: """
            The prompt shows this host's environment and live role; `guard` stands in front of \
            destructive commands; `mounts` finds daemons serving from stale mounts.
            """,
        version: BuildInfo.versionLine,
        subcommands: [StatusCommand.self, PromptCommand.self, InitCommand.self, GuardCommand.self, MountsCommand.self, TrashCommand.self, AliasesCommand.self, MaintCommand.self]
    )
}

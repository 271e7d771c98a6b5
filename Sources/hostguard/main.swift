import HostGuardCore
import HostGuardSystem

// Multi-call binary, like busybox: `guard rm -rf x` ≡ `hostguard guard -- rm -rf x`.
// `prompt` is routed before swift-argument-parser: it runs on every Enter, and parsing with
// ArgumentParser costs ~0.8 ms of a 3 ms budget (measured; see Package.swift).

let arguments = CommandLine.arguments
let invokedAs = arguments.first.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? "hostguard"

// The guard reads argv as bytes (names need not be UTF-8) and before ArgumentParser, so a
// command it lets through pays for nothing it does not use.
if invokedAs == "guard" {
    system_exit(GuardEntry.run(system_commandLineArguments(from: 1)))
}
if arguments.count >= 2, arguments[1] == "guard" {
    system_exit(GuardEntry.run(system_commandLineArguments(from: 2)))
}
if arguments.count >= 2, arguments[1] == "prompt", let request = FastPromptArguments(Array(arguments.dropFirst(2))) {
    system_exit(PromptRunner.run(request))
}
if let usage = CommandSuggestion.check(arguments) {
    system_exit(usage)
}
HostGuardCommand.main()

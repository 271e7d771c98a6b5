/// `umount PATH|DEV…`, `umount -a`: the file system goes away from under its users (a live
/// database's included); `-l` hides that it is still busy. Options: umount(8), util-linux 2.38.1.
enum UmountRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["umount"], spec: OptionSpec([
        O("all", short: "a", long: ["all"]), O("all-targets", short: "A", long: ["all-targets"]),
        O("no-canonicalize", short: "c", long: ["no-canonicalize"]), O("detach-loop", short: "d", long: ["detach-loop"]),
        O("fake", long: ["fake"]), O("force", short: "f", long: ["force"]), O("internal-only", short: "i", long: ["internal-only"]),
        O("no-mtab", short: "n", long: ["no-mtab"]), O("lazy", short: "l", long: ["lazy"]),
        O("test-opts", short: "O", long: ["test-opts"], argument: .required), O("quiet", short: "q", long: ["quiet"]),
        O("recursive", short: "R", long: ["recursive"]), O("read-only", short: "r", long: ["read-only"]),
        O("types", short: "t", long: ["types"], argument: .required), O("verbose", short: "v", long: ["verbose"]),
        O("namespace", short: "N", long: ["namespace"], argument: .required),
        O("help", short: "h", long: ["help"]), O("version", short: "V", long: ["version"]),
    ])) { call in
        if call.parsed.has("help") || call.parsed.has("version") || call.parsed.has("fake") { return .harmless("umount", "prints help") }
        var result = call.assessment(.unmount, call.parsed.has("lazy") ? "lazy unmount" : "unmount")
        if call.parsed.has("all") {
            result.hostWide = true
            result.unknownTargets = [UnknownTarget("every mounted file system (umount -a)", harm: .unmount, recursive: true)]
        }
        result.paths = call.paths(call.operandWords, harm: .unmount, recursive: true, follows: true)
        if call.parsed.has("namespace") {
            var foreign = result
            CommandRules.fold(&foreign, context: { var context = call.context; context.foreignView = "another mount namespace (umount -N)"; return context }())
            return foreign
        }
        return result
    }
}

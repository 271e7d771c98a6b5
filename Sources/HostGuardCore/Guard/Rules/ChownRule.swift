/// Options: chown(1)/chgrp(1), coreutils 9.1.
enum ChownRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["chown"], spec: OptionSpec([
        O("changes", short: "c", long: ["changes"]), O("quiet", short: "f", long: ["silent", "quiet"]),
        O("verbose", short: "v", long: ["verbose"]), O("dereference", long: ["dereference"]),
        O("no-dereference", short: "h", long: ["no-dereference"]), O("from", long: ["from"], argument: .required),
        O("no-preserve-root", long: ["no-preserve-root"]), O("preserve-root", long: ["preserve-root"]),
        O("reference", long: ["reference"], argument: .required), O("recursive", short: "R", long: ["recursive"]),
        O("H", short: "H"), O("L", short: "L"), O("P", short: "P"),
    ] + OptionSpec.helpVersion)) { call in
        ChmodRule.permissionTargets(call, firstIsSpec: !call.parsed.has("reference"))
    }
}

/// Options: cp(1), coreutils 9.1.
enum CpRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["cp"], spec: OptionSpec([
        O("archive", short: "a", long: ["archive"]), O("attributes-only", long: ["attributes-only"]),
        O("backup", long: ["backup"], argument: .optional), O("b", short: "b"),
        O("copy-contents", long: ["copy-contents"]), O("d", short: "d"),
        O("debug", long: ["debug"]), O("force", short: "f", long: ["force"]),
        O("interactive", short: "i", long: ["interactive"]), O("H", short: "H"),
        O("link", short: "l", long: ["link"]), O("dereference", short: "L", long: ["dereference"]),
        O("no-clobber", short: "n", long: ["no-clobber"]), O("no-dereference", short: "P", long: ["no-dereference"]),
        O("p", short: "p"), O("preserve", long: ["preserve"], argument: .optional),
        O("no-preserve", long: ["no-preserve"], argument: .required), O("parents", long: ["parents"]),
        O("recursive", short: "rR", long: ["recursive"]), O("reflink", long: ["reflink"], argument: .optional),
        O("remove-destination", long: ["remove-destination"]), O("sparse", long: ["sparse"], argument: .required),
        O("strip-trailing-slashes", long: ["strip-trailing-slashes"]),
        O("symbolic-link", short: "s", long: ["symbolic-link"]),
        O("suffix", short: "S", long: ["suffix"], argument: .required),
        O("target-directory", short: "t", long: ["target-directory"], argument: .required),
        O("no-target-directory", short: "T", long: ["no-target-directory"]),
        O("update", short: "u", long: ["update"], argument: .optional),
        O("verbose", short: "v", long: ["verbose"]), O("one-file-system", short: "x", long: ["one-file-system"]),
        O("Z", short: "Z"), O("context", long: ["context"], argument: .optional),
        O("keep-directory-symlink", long: ["keep-directory-symlink"]),
    ] + OptionSpec.helpVersion)) { call in
        MvRule.sourcesAndDestination(call, sourceHarm: nil, summary: "overwrite (destination)")
    }
}

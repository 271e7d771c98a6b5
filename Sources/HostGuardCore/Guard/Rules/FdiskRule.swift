/// Partition-table editors: `fdisk DEV`, `gdisk DEV`, `cfdisk DEV` (interactive: may write a new
/// table), `sfdisk DEV` (writes the table read from stdin), `sfdisk --delete DEV [N…]`,
/// `sgdisk --zap-all|--clear|--delete|--new … DEV`. Listing (`-l`, `--dump`, `--print`) is
/// harmless. Everything on the device depends on its table: the device is a `.wipe` target.
/// Options: fdisk(8), sfdisk(8), cfdisk(8) util-linux 2.38.1; sgdisk(8)/gdisk(8) gptfdisk 1.0.9.
enum FdiskRule {
    typealias O = OptionSpec.Option

    static let fdiskSpec = OptionSpec(
        "bcCHSuLnOwWtx".map { O(String($0), short: String($0), argument: .required) }
        + ["sector-size", "protect-boot", "compatibility", "color", "units", "type", "wipe", "wipe-partitions",
           "output", "lock", "label", "label-nested", "backup-pt-sectors", "sectors", "heads", "cylinders"].map { O($0, long: [$0], argument: .required) }
        + [O("list", short: "l", long: ["list"]), O("list-details", short: "x", long: ["list-details"]),
           O("noauto-pt", long: ["noauto-pt"]), O("getsz", short: "s", long: ["getsz"]), O("B", short: "B"),
           O("help", short: "h", long: ["help"]), O("version", short: "V", long: ["version"])])

    static let sfdiskSpec = OptionSpec(
        "NXYOw".map { O(String($0), short: String($0), argument: .required) }
        + ["label", "label-nested", "wipe", "wipe-partitions", "backup-file", "move-use-fsync", "color", "lock",
           "sector-size", "output", "part-attrs", "part-label", "part-type", "part-uuid", "disk-id", "relocate"].map { O($0, long: [$0], argument: .required) }
        + ["activate", "append", "backup", "bytes", "delete", "dump", "json", "force", "list", "list-free", "list-types",
           "move-data", "no-act", "no-reread", "no-tell-kernel", "quiet", "reorder", "show-geometry", "show-size", "verify",
           "unit", "help", "version", "list-details"].map { O($0, long: [$0]) }
        + [O("activate", short: "A"), O("append", short: "a"), O("backup", short: "b"), O("delete", short: "D"),
           O("dump", short: "d"), O("json", short: "J"), O("force", short: "f"), O("list", short: "l"),
           O("list-free", short: "F"), O("list-types", short: "T"), O("no-act", short: "n"), O("quiet", short: "q"),
           O("reorder", short: "r"), O("show-geometry", short: "g"), O("show-size", short: "s"), O("verify", short: "V"),
           O("help", short: "h"), O("version", short: "v"), O("list-details", short: "x")])

    /// sgdisk: options that change the disk, and those that only read it.
    static let sgdiskChanges: Set<String> = ["zap-all", "zap", "clear", "delete", "new", "largest-new", "change-name",
                                             "typecode", "attributes", "transpose", "sort", "load-backup", "mbrtogpt",
                                             "gpttombr", "hybrid", "randomize-guids", "disk-guid", "partition-guid",
                                             "replicate", "move-second-header", "recompute-chs", "Z", "z",
                                             "o", "d", "n", "N", "c", "t", "A", "s", "l", "g", "m", "h", "G", "U", "u", "R",
                                             "e", "C", "r"]
    static let sgdiskSpec = OptionSpec(
        "dnNctAlmhuURrabi".map { O(String($0), short: String($0), argument: .required) }
        + "eGCDEfFLOV?".map { O(String($0), short: String($0)) }
        + ["new", "largest-new", "change-name", "typecode", "attributes", "delete", "load-backup", "hybrid",
           "disk-guid", "partition-guid", "replicate", "transpose", "info", "backup", "set-alignment", "move-main-table"]
            .map { O($0, long: [$0], argument: .required) }
        + ["zap-all", "zap", "clear", "sort", "mbrtogpt", "gpttombr", "randomize-guids", "move-second-header",
           "recompute-chs", "print", "print-mbr", "verify", "pretend", "version", "help", "usage", "end-of-largest",
           "first-in-largest", "first-aligned-in-largest", "list-types"].map { O($0, long: [$0]) }
        + [O("zap-all", short: "Z"), O("zap", short: "z"), O("clear", short: "o"), O("sort", short: "s"),
           O("mbrtogpt", short: "g"), O("print", short: "p"), O("verify", short: "v"), O("pretend", short: "P")]
    )

    static let rule = CommandRule(["fdisk", "sfdisk", "sgdisk", "gdisk", "cfdisk"], spec: OptionSpec([])) { call in
        let words = call.arguments
        switch call.command {
        case "sgdisk":
            let parsed = GNUOptionParser.parse(words, spec: sgdiskSpec)
            let changes = parsed.options.contains { sgdiskChanges.contains($0.name) }
            guard changes && !parsed.has("pretend") else { return call.assessment(nil, "only reads the partition table") }
            return device(call, parsed: parsed, summary: parsed.has("zap-all") || parsed.has("zap") || parsed.has("clear")
                ? "destroys the partition table" : "rewrites the partition table")
        case "sfdisk":
            let parsed = GNUOptionParser.parse(words, spec: sfdiskSpec)
            let reads = ["dump", "json", "list", "list-free", "list-types", "show-geometry", "show-size", "verify", "help",
                         "version", "list-details", "backup"].contains { parsed.has($0) } && !parsed.has("delete")
            if reads || parsed.has("no-act") { return call.assessment(nil, "only reads the partition table") }
            return device(call, parsed: parsed, summary: parsed.has("delete") ? "deletes partitions" : "writes a partition table read from standard input")
        default:
            let parsed = GNUOptionParser.parse(words, spec: fdiskSpec)
            if parsed.has("list") || parsed.has("list-details") || parsed.has("getsz") || parsed.has("help") || parsed.has("version") {
                return call.assessment(nil, "only lists partitions")
            }
            if call.command == "gdisk", words.contains("-l") { return call.assessment(nil, "only lists partitions") }
            return device(call, parsed: parsed, summary: "edits the partition table (interactive)")
        }
    }

    static func device(_ call: Invocation, parsed: ParsedArguments, summary: String) -> CommandAssessment {
        var result = CommandAssessment(command: call.command, harm: .wipe, summary: summary)
        result.problems = parsed.problems
        if let first = parsed.operands.first {
            result.paths = [PathOperand(call.arguments[first], at: ArgumentRef(word: first), harm: .wipe, recursive: true, followsFinalSymlink: true)]
        } else {
            result.unknownTargets = [UnknownTarget("no device named", harm: .wipe, recursive: true)]
        }
        return result
    }
}

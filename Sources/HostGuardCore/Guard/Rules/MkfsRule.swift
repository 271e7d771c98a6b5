/// mke2fs's getopt string "b:cd:e:E:fFg:G:i:I:jJ:KL:m:M:no:O:qr:s:S:t:T:U:vVz:" (e2fsprogs 1.47).
/// Options: mke2fs(8), e2fsprogs 1.47.0; mkfs(8), util-linux 2.38.1.
enum MkfsRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["mke2fs", "mkfs", "mkswap"], prefixes: ["mkfs."], spec: OptionSpec(
        "cfFjKnqSvV".map { O(String($0), short: String($0)) }
        + "bdeEgGiIJLmMoOrstTUzCN".map { O(String($0), short: String($0), argument: .required) }
        + [O("type", long: ["type"], argument: .required), O("label", long: ["label"], argument: .required),
           O("uuid", long: ["uuid"], argument: .required)] + OptionSpec.helpVersion)) { call in
        if call.parsed.has("n") && call.command.hasPrefix("mk") && call.command != "mkswap" {
            return call.assessment(nil, "dry run (-n)")
        }
        var result = call.assessment(.wipe, "new filesystem (erases everything on the device)")
        // The device is the first operand; a second one is a block count.
        if let device = call.operand(0) {
            result.paths = [PathOperand(device.0, at: device.1, harm: .wipe, recursive: true, followsFinalSymlink: true)]
        }
        // Tools other than mke2fs spell options differently; an option we could not read may have
        // swallowed the device, so look at every word that names a device too.
        for (index, word) in call.arguments.enumerated() where word.hasPrefix("/dev/") && !result.paths.contains(where: { $0.at?.word == index }) {
            result.paths.append(PathOperand(word, at: ArgumentRef(word: index), harm: .wipe, recursive: true, followsFinalSymlink: true))
        }
        return result
    }
}

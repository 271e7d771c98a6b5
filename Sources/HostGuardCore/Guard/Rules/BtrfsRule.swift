/// `btrfs subvolume delete PATH…` deletes subvolumes (recursively: everything in them);
/// `btrfs check --repair DEV` and `btrfs rescue zero-log|chunk-recover|super-recover DEV`
/// rewrite metadata; `btrfs device remove|delete DEV… PATH` shrinks the file system.
/// Everything else here reads. Options: btrfs(8), btrfs-progs 6.2.
enum BtrfsRule {
    static let rule = CommandRule(["btrfs"], spec: OptionSpec([], stopAtFirstOperand: true)) { call in
        // Subcommands may be abbreviated (`btrfs sub del`): btrfs matches unique prefixes.
        let words = call.arguments.enumerated().filter { !$0.element.hasPrefix("-") }
        guard words.count >= 2 || (words.count == 2 && words[0].element == "check") else { return call.assessment(nil, "btrfs") }
        let group = words[0].element, verb = words[1].element
        let operands = words.dropFirst(2).map { ($0.element, ArgumentRef(word: $0.offset)) }
        func matches(_ word: String, _ full: String, minimum: Int = 2) -> Bool { word.count >= minimum && full.hasPrefix(word) }
        if matches(group, "subvolume", minimum: 3) && (matches(verb, "delete", minimum: 2) ) {
            var result = CommandAssessment(command: "btrfs", harm: .delete, summary: "recursive delete (btrfs subvolume delete)")
            result.paths = call.paths(operands, harm: .delete, recursive: true)
            return result
        }
        if (matches(group, "check") && call.arguments.contains("--repair")) || (matches(group, "rescue") && verb != "--help") {
            var result = CommandAssessment(command: "btrfs", harm: .overwrite, summary: "rewrites file-system metadata")
            // `btrfs check --repair DEV`: the device follows the group; `btrfs rescue VERB DEV`.
            let devices = words.dropFirst(matches(group, "check") ? 1 : 2).map { ($0.element, ArgumentRef(word: $0.offset)) }
            result.paths = call.paths(devices, harm: .overwrite, recursive: true, follows: true)
            return result
        }
        if matches(group, "device") && (matches(verb, "remove", minimum: 3) || matches(verb, "delete", minimum: 2)) {
            var result = CommandAssessment(command: "btrfs", harm: .unmount, summary: "removes a device from the file system")
            result.paths = call.paths(operands, harm: .unmount, recursive: true, follows: true)
            return result
        }
        return call.assessment(nil, "btrfs \(group) \(verb)")
    }
}

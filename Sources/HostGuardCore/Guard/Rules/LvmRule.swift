/// LVM: `lvremove`/`vgremove` destroy volumes, `pvremove`/`pvcreate` erase a device's LVM label
/// (pvcreate writes over whatever was there), `lvreduce` and `lvresize -L-…`/`-l-…` cut off the
/// end of a volume, `vgchange`/`lvchange -an` deactivate volumes from under their users.
/// `-t`/`--test` changes nothing. Options: lvm(8) and the commands' man pages, LVM 2.03.16.
enum LvmRule {
    typealias O = OptionSpec.Option

    static let spec = OptionSpec(
        ["config", "autobackup", "select", "reportformat", "devices", "devicesfile", "driverloaded",
         "commandprofile", "profile", "journal", "lockopt", "nolocking", "size", "extents", "activate", "name",
         "uuid", "restorefile", "metadatatype", "metadatasize", "dataalignment", "dataalignmentoffset", "pvmetadatacopies",
         "metadatacopies", "bootloaderareasize", "labelsector", "setphysicalvolumesize", "type", "poolmetadatasize",
         "stripes", "stripesize", "addtag", "deltag", "alloc", "permission", "readahead", "resizefs"].map { O($0, long: [$0], argument: .required) }
        + [O("autobackup", short: "A", argument: .required), O("select", short: "S", argument: .required),
           O("d", short: "d", argument: .required), O("size", short: "L", argument: .required),
           O("extents", short: "l", argument: .required), O("activate", short: "a", argument: .required),
           O("name", short: "n", argument: .required), O("uuid", short: "u", argument: .required),
           O("metadatatype", short: "M", argument: .required), O("permission", short: "p", argument: .required),
           O("stripes", short: "i", argument: .required), O("stripesize", short: "I", argument: .required),
           O("resizefs", short: "r")]
        + "fyvtqZ".map { O(String($0), short: String($0)) }
        + ["force", "yes", "verbose", "test", "quiet", "debug", "nohints", "noudevsync", "help", "version", "zero",
           "nofsck", "norestorefile", "wipesignatures"].map { O($0, long: [$0]) })

    static let rule = CommandRule(["lvremove", "vgremove", "pvremove", "lvreduce", "lvresize", "pvcreate", "vgchange", "lvchange"],
                                  spec: spec) { call in
        if call.parsed.has("t") || call.parsed.has("test") || call.parsed.has("help") || call.parsed.has("version") {
            return call.assessment(nil, "test mode")
        }
        let operands = call.operandWords
        switch call.command {
        case "lvremove", "vgremove":
            var result = call.assessment(.destroy, "\(call.command): destroys volumes")
            result.names = operands.map { NamedOperand(kind: call.command == "lvremove" ? "logical volume" : "volume group", name: $0.0, harm: .destroy) }
            return result
        case "pvremove", "pvcreate":
            var result = call.assessment(.wipe, call.command == "pvcreate" ? "writes an LVM label over the device" : "erases the device's LVM label")
            result.paths = call.paths(operands, harm: .wipe, recursive: true, follows: true)
            return result
        case "lvreduce", "lvresize":
            let size = call.parsed.last("size") ?? call.parsed.last("extents") ?? ""
            guard call.command == "lvreduce" || size.hasPrefix("-") else { return call.assessment(nil, "grows or keeps the volume") }
            var result = call.assessment(.destroy, "shrinks a logical volume (data past the new end is lost)")
            result.names = operands.map { NamedOperand(kind: "logical volume", name: $0.0, harm: .destroy) }
            return result
        default:
            guard let activate = call.parsed.last("activate"), activate.hasPrefix("n") else {
                return call.assessment(nil, "\(call.command) does not deactivate")
            }
            var result = call.assessment(.unmount, "deactivates volumes")
            result.names = operands.map { NamedOperand(kind: call.command == "lvchange" ? "logical volume" : "volume group", name: $0.0, harm: .unmount) }
            return result
        }
    }
}

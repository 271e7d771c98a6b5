/// Options: lvremove(8)/vgremove(8)/pvremove(8), LVM 2.03.16.
enum LvmRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["lvremove", "vgremove", "pvremove"], spec: OptionSpec(
        ["config", "autobackup", "select", "reportformat", "devices", "devicesfile", "driverloaded",
         "commandprofile", "profile", "journal", "lockopt", "nolocking"].map { O($0, long: [$0], argument: .required) }
        + [O("autobackup", short: "A", argument: .required), O("select", short: "S", argument: .required), O("d", short: "d", argument: .required)]
        + "fyvtq".map { O(String($0), short: String($0)) }
        + ["force", "yes", "verbose", "test", "quiet", "debug", "nohints", "noudevsync", "help", "version"].map { O($0, long: [$0]) }
    )) { call in
        if call.parsed.has("t") || call.parsed.has("test") { return call.assessment(nil, "test mode") }
        var result = call.assessment(.destroy, "\(call.command): destroys volumes")
        result.names = call.operandWords.map { NamedOperand(kind: call.command == "lvremove" ? "logical volume" : "volume group", name: $0.0, harm: .destroy) }
        return result
    }
}

import Testing
@testable import HostGuardCore

/// LvmRule's table: argv → targets and harm.
@Suite struct LvmRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["lvremove", "-f", "vg0/data"], .destroy, names: ["logical volume vg0/data"]),
        RuleRow(["lvreduce", "-L", "10G", "vg0/data"], .destroy, names: ["logical volume vg0/data"]),
        RuleRow(["lvresize", "-L", "-5G", "vg0/data"], .destroy, names: ["logical volume vg0/data"]),
        RuleRow(["lvresize", "-L", "+5G", "vg0/data"], nil),
        RuleRow(["pvcreate", "/dev/sdd"], .wipe, paths: ["/dev/sdd rf"]),
        RuleRow(["vgchange", "-an", "vg0"], .unmount, names: ["volume group vg0"]),
        RuleRow(["lvremove", "-t", "vg0/data"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}

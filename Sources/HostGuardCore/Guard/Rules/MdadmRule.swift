/// `mdadm`: `--zero-superblock DEV…` and `--create MD DEV…` destroy the RAID metadata (or the
/// data) on each member (`.wipe`); `--stop MD` takes the array away from its users (`.unmount`);
/// `--fail`/`--remove` a member degrades it. `--detail`, `--examine`, `--assemble`, `--scan`
/// read or assemble. Options: mdadm(8) 4.2.
enum MdadmRule {
    typealias O = OptionSpec.Option

    static let spec = OptionSpec(
        ["level", "raid-devices", "spare-devices", "layout", "parity", "chunk", "bitmap", "bitmap-chunk", "size",
         "array-size", "metadata", "name", "homehost", "config", "uuid", "super-minor", "update", "backup-file",
         "write-journal", "consistency-policy", "readonly", "auto", "assume-clean", "prefer", "mail", "program",
         "alert", "delay", "increment", "symlinks", "export", "fail", "remove", "add", "re-add", "replace", "with",
         "data-offset", "nodes", "home-cluster", "add-spare"].map { O($0, long: [$0], argument: .required) }
        + "lnxpcbzeNuacF".map { O(String($0), short: String($0), argument: .required) }
        + ["zero-superblock", "stop", "create", "build", "grow", "assemble", "detail", "examine", "query", "scan",
           "misc", "monitor", "incremental", "run", "force", "verbose", "quiet", "brief", "test", "wait", "wait-clean",
           "readwrite", "no-degraded", "detail-platform", "examine-bitmap", "kill-subarray", "help", "version",
           "action", "zero", "write-mostly", "readwrite", "oneshot", "daemonise", "syslog", "fork", "freeze-reshape",
           "invalid-backup", "continue", "scan", "append", "rebuild-map", "wait", "sparc2.2", "fail-cluster", "detail"]
            .map { O($0, long: [$0]) }
        + [O("create", short: "C"), O("build", short: "B"), O("grow", short: "G"), O("assemble", short: "A"),
           O("detail", short: "D"), O("examine", short: "E"), O("query", short: "Q"), O("scan", short: "s"),
           O("stop", short: "S"), O("run", short: "R"), O("force", short: "f"), O("verbose", short: "v"),
           O("quiet", short: "q"), O("brief", short: "b"), O("test", short: "t"), O("wait", short: "W"),
           O("readwrite", short: "w"), O("incremental", short: "I"), O("monitor", short: "F"),
           O("help", short: "h"), O("version", short: "V"), O("readonly", short: "o"), O("remove", short: "r"),
           O("fail", short: "f"), O("add", short: "a")])

    static let rule = CommandRule(["mdadm"], spec: spec) { call in
        let devices = call.operandWords
        if call.parsed.has("zero-superblock") || call.parsed.has("create") || call.parsed.has("build") {
            var result = call.assessment(.wipe, call.parsed.has("zero-superblock") ? "erases RAID metadata" : "creates an array over the devices (their data is lost)")
            result.paths = call.paths(devices, harm: .wipe, recursive: true, follows: true)
            return result
        }
        if call.parsed.has("stop") {
            var result = call.assessment(.unmount, "stops the array")
            result.paths = call.paths(devices, harm: .unmount, recursive: true, follows: true)
            if devices.isEmpty { result.unknownTargets = [UnknownTarget("every array (mdadm --stop --scan)", harm: .unmount, recursive: true)] }
            return result
        }
        if call.parsed.has("fail") || call.parsed.has("remove") || call.parsed.has("grow") {
            var result = call.assessment(.unmount, "degrades or reshapes the array")
            result.paths = call.paths(devices.prefix(1).map { $0 }, harm: .unmount, recursive: true, follows: true)
            return result
        }
        return call.assessment(nil, "reads or assembles arrays")
    }
}

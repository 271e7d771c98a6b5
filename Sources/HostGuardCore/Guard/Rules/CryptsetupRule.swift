/// `cryptsetup [opts] ACTION DEVICE …`: `luksFormat`/`erase`/`luksErase`/`reencrypt` destroy
/// the data or its keys (`.wipe`), `luksKillSlot`/`luksRemoveKey` may lose the last key,
/// `close` pulls the device from under whatever uses it. `open`, `status`, `luksDump` read.
/// Options: cryptsetup(8) 2.6.1 (popt: `--opt value` and `--opt=value`).
enum CryptsetupRule {
    typealias O = OptionSpec.Option

    static let withArgument = ["cipher", "hash", "key-size", "key-file", "keyfile-offset", "keyfile-size", "key-slot",
                               "master-key-file", "volume-key-file", "type", "iter-time", "pbkdf", "pbkdf-memory",
                               "pbkdf-parallel", "pbkdf-force-iterations", "header", "header-backup-file", "offset", "skip",
                               "size", "sector-size", "label", "subsystem", "uuid", "timeout", "tries", "integrity",
                               "luks2-metadata-size", "luks2-keyslots-size", "new-keyfile", "new-key-slot", "token-id",
                               "token-type", "json-file", "resilience", "hotzone-size", "reduce-device-size", "device-size",
                               "debug-json", "keyslot-cipher", "keyslot-key-size", "persistent", "priority", "key-description",
                               "external-tokens-path", "volume-key-keyring", "link-vk-to-keyring", "align-payload", "verify-passphrase"]

    static let spec = OptionSpec(
        withArgument.map { O($0, long: [$0], argument: .required) }
        + "chsdSbopTtMLIr".map { O(String($0), short: String($0), argument: .required) }
        + ["batch-mode", "verbose", "debug", "readonly", "shared", "allow-discards", "perf-same_cpu_crypt", "test-passphrase",
           "disable-locks", "disable-keyring", "disable-external-tokens", "force-password", "use-random", "use-urandom",
           "help", "version", "usage", "dump-master-key", "dump-volume-key", "dump-json-metadata", "deferred", "cancel-deferred",
           "encrypt", "decrypt", "init-only", "resume-only", "refresh", "unbound", "serialize-memory-hard-pbkdf", "integrity-no-journal",
           "disable-veracrypt", "veracrypt", "tcrypt-hidden", "tcrypt-system", "tcrypt-backup", "perf-no_read_workqueue",
           "perf-no_write_workqueue", "perf-submit_from_crypt_cpus", "keep-key", "force-offline-reencrypt", "active-name"]
            .map { O($0, long: [$0]) }
        + "qvyrV?".map { O(String($0), short: String($0)) })

    static let wipes: Set<String> = ["luksFormat", "erase", "luksErase", "reencrypt", "tcryptDump"]
    static let destroys: Set<String> = ["luksKillSlot", "luksRemoveKey", "luksHeaderRestore", "token", "luksConvertKey"]
    static let closes: Set<String> = ["close", "luksClose", "remove", "plainClose", "loopaesClose", "tcryptClose", "bitlkClose", "suspend", "luksSuspend"]

    static let rule = CommandRule(["cryptsetup"], spec: spec) { call in
        guard let action = call.operand(0)?.0 else { return call.assessment(nil, "no action") }
        guard let device = call.operand(1) else { return call.assessment(nil, "cryptsetup \(action)") }
        if wipes.contains(action) && action != "tcryptDump" {
            var result = call.assessment(.wipe, "cryptsetup \(action): the device's data (or its key) is destroyed")
            result.paths = [PathOperand(device.0, at: device.1, harm: .wipe, recursive: true, followsFinalSymlink: true)]
            return result
        }
        if destroys.contains(action) && action != "token" {
            var result = call.assessment(.destroy, "cryptsetup \(action): may lose the key that opens the device")
            result.paths = [PathOperand(device.0, at: device.1, harm: .overwrite, recursive: true, followsFinalSymlink: true)]
            result.names = [NamedOperand(kind: "disk", name: "LUKS key slots of \(device.0)", harm: .destroy)]
            return result
        }
        if closes.contains(action) {
            var result = call.assessment(.unmount, "cryptsetup \(action): removes the mapping from under its users")
            let path = device.0.hasPrefix("/") ? device.0 : "/dev/mapper/" + device.0
            result.paths = [PathOperand(path, at: device.0.hasPrefix("/") ? device.1 : nil, harm: .unmount, recursive: true, followsFinalSymlink: true)]
            return result
        }
        return call.assessment(nil, "cryptsetup \(action)")
    }
}

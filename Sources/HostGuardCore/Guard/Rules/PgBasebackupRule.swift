/// Options: pg_basebackup(1), PostgreSQL 15.
enum PgBasebackupRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["pg_basebackup"], spec: OptionSpec(
        "DFrTXZctlSdhpsU".map { O($0 == "D" ? "pgdata" : String($0), short: String($0), argument: .required) }
        + ["pgdata", "format", "max-rate", "tablespace-mapping", "waldir", "wal-method", "compress", "checkpoint",
           "label", "target", "slot", "dbname", "host", "port", "status-interval", "username",
           "manifest-checksums"].map { O($0, long: [$0], argument: .required) }
        + "RPvwWnNCz".map { O(String($0), short: String($0)) }
        + ["write-recovery-conf", "progress", "verbose", "no-password", "password", "no-clean", "no-sync",
           "no-slot", "no-verify-checksums", "no-estimate-size", "no-manifest", "create-slot", "gzip",
           "manifest-force-encode", "incremental"].map { O($0, long: [$0]) }
        + [O("version", short: "V", long: ["version"]), O("help", short: "?", long: ["help"])]
    )) { call in
        guard let option = call.parsed.options.last(where: { $0.name == "pgdata" }), let value = option.value, value != "-" else {
            return call.assessment(nil, "writes to standard output")
        }
        var result = call.assessment(.overwrite, "base backup into a directory")
        result.paths = [PathOperand(value, at: option.at, harm: .overwrite, recursive: true, followsFinalSymlink: true, onlyIfExists: true)]
        return result
    }
}

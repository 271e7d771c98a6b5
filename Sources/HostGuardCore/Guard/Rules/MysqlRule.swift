/// `mysql`/`mariadb [opts] [DB]`: SQL from `-e`/`--execute` is read for destructive statements;
/// a non-terminal stdin (`mysql db < dump.sql`) runs SQL the guard cannot see. `mysqladmin drop DB`
/// drops a database, `mysqladmin shutdown` stops the server. `-p` takes its password only
/// attached (`-pSECRET`). Options: mysql(1), mysqladmin(1), MariaDB 10.11 / MySQL 8.0.
enum MysqlRule {
    typealias O = OptionSpec.Option

    static let spec = OptionSpec(
        "eDhuPS".map { O(String($0), short: String($0), argument: .required) }
        + [O("password", short: "p", long: ["password"], argument: .optional)]
        + ["execute", "database", "host", "user", "port", "socket", "defaults-file", "defaults-extra-file", "login-path",
           "default-character-set", "protocol", "ssl-ca", "ssl-cert", "ssl-key", "ssl-mode", "init-command",
           "connect-timeout", "max-allowed-packet", "pager", "prompt", "tee", "delimiter", "plugin-dir",
           "default-auth", "net-buffer-length", "bind-address", "character-sets-dir", "sleep", "count",
           "wait", "shutdown-timeout"].map { O($0, long: [$0], argument: .required) }
        + "BNsrtvVfAXHnqiwcCEGLTKRrxI?".map { O(String($0), short: String($0)) }
        + ["batch", "skip-column-names", "silent", "raw", "table", "verbose", "version", "force", "no-auto-rehash",
           "xml", "html", "unbuffered", "quick", "ignore-spaces", "wait", "comments", "compress", "vertical",
           "no-beep", "skip-pager", "help", "auto-vertical-output", "binary-mode", "ssl", "skip-ssl", "safe-updates",
           "i-am-a-dummy", "no-defaults", "print-defaults", "show-warnings", "line-numbers", "column-names", "debug-info"]
            .map { O($0, long: [$0]) })

    static let rule = CommandRule(["mysql", "mariadb", "mysqladmin", "mariadb-admin"], spec: spec) { call in
        let parsed = call.parsed
        if parsed.has("help") || parsed.has("?") || parsed.has("version") || parsed.has("V") { return call.assessment(nil, "prints help") }
        let host = parsed.last("h") ?? parsed.last("host")
        if call.command.contains("admin") {
            let verbs = call.operandWords.map(\.0)
            if let drop = verbs.firstIndex(where: { $0.lowercased() == "drop" }) {
                var result = call.assessment(.destroy, "drops a database (mysqladmin)")
                let database = drop + 1 < verbs.count ? verbs[drop + 1] : "?"
                result.names = [NamedOperand(kind: "database", name: database + (host.map { " on \($0)" } ?? ""), harm: .destroy)]
                return result
            }
            if verbs.contains(where: { ["shutdown", "kill"].contains($0.lowercased()) }) {
                var result = call.assessment(.service, "stops the MySQL server (mysqladmin)")
                result.names = [NamedOperand(kind: "server", name: "mysql" + (host.map { " on \($0)" } ?? ""), harm: .service)]
                return result
            }
            return call.assessment(nil, "mysqladmin status")
        }
        let database = parsed.last("D") ?? parsed.last("database") ?? call.operand(0)?.0 ?? "(default database)"
        return PsqlRule.sql(call, commands: parsed.values("e") + parsed.values("execute") + parsed.values("init-command"),
                            files: [], database: database, host: host)
    }
}

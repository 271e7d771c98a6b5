/// Debian's `pg_ctlcluster [opts] VERSION CLUSTER ACTION`: stop/restart/promote act on the
/// cluster's server like pg_ctl (postgresql-common 248, pg_ctlcluster(1)). The data directory
/// is named in the cluster's config, which the guard does not read here: the server is named.
enum PgCtlclusterRule {
    static let rule = CommandRule(["pg_ctlcluster"], spec: OptionSpec([])) { call in
        let operands = call.arguments.filter { !$0.hasPrefix("-") }
        guard operands.count >= 3 else { return call.assessment(nil, "no action") }
        let action = operands[2]
        guard ["stop", "restart", "promote"].contains(action) else { return call.assessment(nil, "pg_ctlcluster \(action)") }
        var result = CommandAssessment(command: "pg_ctlcluster", harm: .service, summary: "pg_ctlcluster \(action)")
        result.names = [NamedOperand(kind: "server", name: "PostgreSQL \(operands[0])/\(operands[1])", harm: .service)]
        return result
    }
}

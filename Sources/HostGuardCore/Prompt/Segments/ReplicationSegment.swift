/// Replication after the role, in a few characters, loud only when it matters: `← db1` (a
/// healthy standby's upstream), `REPLICATION DOWN 3m`, `REPLAY PAUSED`, `lag 1.2 GB`,
/// `(no standby)` on a primary that expects one, `PG NOT ANSWERING`. From the root refresh's
/// replication state file; a reading older than `staleAfterSeconds` is not shown as healthy.
enum ReplicationSegment {
    static let calmStyle = RoleSegment.standbyStyle
    static let alarmStyle = TextStyle(foreground: .rgb(255, 255, 255), background: .rgb(200, 0, 0), bold: true,
                                      basicForeground: .brightWhite, basicBackground: .red)
    static let staleAfterSeconds = ReplicationView.staleAfterSeconds

    static func render(_ context: PromptContext) -> PromptPiece? {
        guard let view = context.replication, let (text, alarm) = summary(view.clusters, now: view.now) else { return nil }
        if alarm { return PromptPiece(context.depth == .none ? "[\(text)]" : " \(text) ", style: alarmStyle) }
        return PromptPiece(text, style: calmStyle)
    }

    /// The words for every cluster read, joined; alarm when any is.
    static func summary(_ clusters: [ClusterReplication], now: Int64) -> (String, Bool)? {
        var texts: [String] = []
        var alarm = false
        for cluster in clusters {
            if now - cluster.checkedAt > staleAfterSeconds {
                texts.append("replication? (\(RoleStateFile.describeAge(seconds: now - cluster.checkedAt)) old)")
                alarm = true
                continue
            }
            guard let (text, loud) = cluster.promptText(now: now) else { continue }
            texts.append(text)
            alarm = alarm || loud
        }
        return texts.isEmpty ? nil : (texts.joined(separator: ", "), alarm)
    }
}

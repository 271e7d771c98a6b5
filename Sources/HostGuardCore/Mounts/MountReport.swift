/// Renders a `MountScanResult` for people (text), scripts (`--json`, the DESIGN.md contract) and
/// node_exporter's textfile collector (`--prometheus`). Pure: writes to any TextOutputStream.
public enum MountReport {
    // MARK: - Text

    /// Findings grouped by unit, one aligned table per unit, the remedy in each header, then a
    /// one-line summary. Every name from outside is passed through `TerminalText.visible`.
    public static func text(_ result: MountScanResult, styled: Bool, to out: inout some TextOutputStream) {
        let bold = styled ? TextStyle(bold: true) : nil
        let alert = styled ? TextStyle(foreground: .red, bold: true) : nil
        func paint(_ text: String, _ style: TextStyle?) -> String {
            guard let style else { return text }
            return "\u{1B}[\(style.sgrParameters(at: .basic))m\(text)\u{1B}[0m"
        }

        if result.findings.isEmpty {
            out.write("No process holds a stale mount.\n")
        } else {
            let processes = result.staleProcessCount
            if processes > 0 {
                out.write(paint("\(processes) process\(processes == 1 ? "" : "es") hold\(processes == 1 ? "s" : "") a stale view of the file system", alert) + "\n")
            } else {
                out.write("No process holds a stale mount that is not acknowledged.\n")
            }
            var groups: [(unit: ProcessUnit?, findings: [StaleFinding])] = []
            for finding in result.findings {
                if let index = groups.firstIndex(where: { $0.unit == finding.unit }) {
                    groups[index].findings.append(finding)
                } else {
                    groups.append((finding.unit, [finding]))
                }
            }
            for group in groups {
                out.write("\n")
                let name = group.unit.map { TerminalText.visible($0.name) } ?? "(no systemd unit)"
                let remedy = group.unit?.remedy ?? "restart the process(es) below"
                out.write(paint(name, bold) + "  → " + TerminalText.visible(remedy) + "\n")
                var rows: [[String]] = [["PID", "KIND", "PATH", "MOUNT POINT", "HOLDS", "MOUNTED NOW", "WHY", "ID", "COMMAND"]]
                for finding in group.findings {
                    rows.append([
                        String(finding.pid),
                        finding.kind.rawValue + (finding.count > 1 ? "×\(finding.count)" : ""),
                        TerminalText.visible(finding.path),
                        finding.mountPoint.map(TerminalText.visible) ?? "-",
                        finding.heldSource.map(TerminalText.visible) ?? "-",
                        finding.currentSource.map(TerminalText.visible) ?? "-",
                        finding.reason.summary + (finding.acknowledged ? " (acknowledged)" : ""),
                        MountAcknowledgement.id(of: finding),
                        truncated(TerminalText.visible(finding.command), 40),
                    ])
                }
                writeTable(rows, indent: "  ", to: &out)
            }
            out.write("\n")
        }
        if result.staleProcessCount > 0 {
            out.write("To accept a finding you cannot act on yet: hostguard mounts --ack ID (or [mounts] acknowledged = [\"ID\"]).\n")
        }
        out.write(summary(result) + "\n")
    }

    /// "Scanned 212 processes in 3 mount namespaces in 0.041 s; …"
    public static func summary(_ result: MountScanResult) -> String {
        var text = "Scanned \(result.processesScanned) processes in \(result.namespacesRead) mount namespace\(result.namespacesRead == 1 ? "" : "s") in \(seconds(result.durationSeconds)) s"
        if result.privateNamespacesSkipped > 0 {
            text += "; \(result.privateNamespacesSkipped) container namespace\(result.privateNamespacesSkipped == 1 ? "" : "s") with its own root not compared (--include-private)"
        }
        if result.processesVanished > 0 { text += "; \(result.processesVanished) gone (exited during the scan, or zombies)" }
        if result.processesUnreadable > 0 {
            text += "; \(result.processesUnreadable) could not be read"
            if let example = result.firstUnreadable { text += " (e.g. \(TerminalText.visible(example)))" }
            text += result.runningAsRoot ? "" : ": run as root to see every process"
        }
        return text + "."
    }

    private static func writeTable(_ rows: [[String]], indent: String, to out: inout some TextOutputStream) {
        var widths = [Int](repeating: 0, count: rows.first?.count ?? 0)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        for row in rows {
            var line = indent
            for (index, cell) in row.enumerated() {
                line += cell
                if index < row.count - 1 { line += String(repeating: " ", count: widths[index] - cell.count + 2) }
            }
            out.write(line + "\n")
        }
    }

    private static func truncated(_ text: String, _ limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    public static func seconds(_ value: Double) -> String {
        let millis = Int((value * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    // MARK: - JSON

    /// `{"stale": [{pid, command, unit, kind, path, mount_point, held_source, current_source, …}], …}`
    /// (DESIGN.md contract; extra keys after the contract's ones).
    public static func json(_ result: MountScanResult) -> JSONValue {
        .object([
            ("stale", .array(result.findings.map { finding in
                .object([
                    ("pid", .integer(Int(finding.pid))),
                    ("command", .string(finding.command)),
                    ("unit", .optional(finding.unit?.name)),
                    ("kind", .string(finding.kind.rawValue)),
                    ("path", .string(finding.path)),
                    ("mount_point", .optional(finding.mountPoint)),
                    ("held_source", .optional(finding.heldSource)),
                    ("current_source", .optional(finding.currentSource)),
                    ("reason", .string(finding.reason.key)),
                    ("id", .string(MountAcknowledgement.id(of: finding))),
                    ("acknowledged", .bool(finding.acknowledged)),
                    ("count", .integer(finding.count)),
                    ("mount_id", finding.mountID.map { .integer($0) } ?? .null),
                    ("remedy", .string(finding.remedy)),
                ])
            })),
            ("processes_scanned", .integer(result.processesScanned)),
            ("processes_unreadable", .integer(result.processesUnreadable)),
            ("processes_vanished", .integer(result.processesVanished)),
            ("namespaces", .integer(result.namespacesRead)),
            ("private_namespaces_skipped", .integer(result.privateNamespacesSkipped)),
            ("descriptors_via_other_namespaces", .integer(result.descriptorsViaOtherNamespaces)),
            ("watched_paths", .array(result.watchedPaths.map(JSONValue.string))),
            ("complete", .bool(result.processesUnreadable == 0)),
            ("duration_seconds", .number(result.durationSeconds)),
        ])
    }

    // MARK: - Prometheus

    /// The node_exporter textfile format (exposition format 0.0.4). `success` is 0 when the scan
    /// could not run; then only the bookkeeping metrics are written.
    public static func prometheus(_ result: MountScanResult?, success: Bool, finishedAt: Double, durationSeconds: Double) -> String {
        var text = ""
        text += "# HELP hostguard_mounts_stale Findings of processes holding a stale mount, by unit, mount point and kind.\n"
        text += "# TYPE hostguard_mounts_stale gauge\n"
        if let result {
            var counts: [String: Int] = [:]
            var order: [String] = []
            for finding in result.findings where !finding.acknowledged {
                let labels = "unit=\"\(label(finding.unit?.name ?? ""))\",mount_point=\"\(label(finding.mountPoint ?? finding.path))\",kind=\"\(finding.kind.rawValue)\""
                if counts[labels] == nil { order.append(labels) }
                counts[labels, default: 0] += 1
            }
            for labels in order.sorted() { text += "hostguard_mounts_stale{\(labels)} \(counts[labels]!)\n" }
            text += "# HELP hostguard_mounts_stale_processes Processes holding at least one stale mount.\n"
            text += "# TYPE hostguard_mounts_stale_processes gauge\n"
            text += "hostguard_mounts_stale_processes \(result.staleProcessCount)\n"
            text += "# HELP hostguard_mounts_processes_scanned Processes read in the last scan.\n"
            text += "# TYPE hostguard_mounts_processes_scanned gauge\n"
            text += "hostguard_mounts_processes_scanned \(result.processesScanned)\n"
            text += "# HELP hostguard_mounts_processes_unreadable Processes the last scan could not read.\n"
            text += "# TYPE hostguard_mounts_processes_unreadable gauge\n"
            text += "hostguard_mounts_processes_unreadable \(result.processesUnreadable)\n"
        }
        text += "# HELP hostguard_mounts_success 1 when the last scan ran, 0 when it could not check.\n"
        text += "# TYPE hostguard_mounts_success gauge\n"
        text += "hostguard_mounts_success \(success ? 1 : 0)\n"
        text += "# HELP hostguard_mounts_last_run_timestamp_seconds When the last scan finished.\n"
        text += "# TYPE hostguard_mounts_last_run_timestamp_seconds gauge\n"
        text += "hostguard_mounts_last_run_timestamp_seconds \(decimal(finishedAt, places: 3))\n"
        text += "# HELP hostguard_mounts_duration_seconds How long the last scan took.\n"
        text += "# TYPE hostguard_mounts_duration_seconds gauge\n"
        text += "hostguard_mounts_duration_seconds \(decimal(durationSeconds, places: 6))\n"
        return text
    }

    /// Label values as the exposition format wants them: one escaper, `PrometheusText`'s. (The
    /// copy here walked Characters, so the grapheme "\r\n" in a path slipped through unescaped and
    /// broke the line.)
    static func label(_ value: String) -> String { PrometheusText.escapeLabel(value) }

    /// A fixed-point decimal without Foundation's formatting: 1700000000.123.
    static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite, value >= 0 else { return "0" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded()
        let whole = UInt64(scaled / scale)
        let fraction = UInt64(scaled - Double(whole) * scale)
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: max(0, places - digits.count)) + digits
    }
}

extension MountReport {
    /// One line per finding for a log (`mounts watch` on stderr, the journal):
    /// "stale: pid 4242 (gitlab-pages …) [gitlab-pages.service] cwd /srv/pages on /srv/pages:
    /// holds old (tmpfs), mounted now new (tmpfs): over-mounted; systemctl restart … (id …)".
    public static func line(_ finding: StaleFinding) -> String {
        var text = "stale: pid \(finding.pid) (\(TerminalText.visible(truncatedCommand(finding.command))))"
        if let unit = finding.unit { text += " [\(TerminalText.visible(unit.name))]" }
        text += " \(finding.kind.rawValue)"
        if finding.count > 1 { text += "×\(finding.count)" }
        text += " \(TerminalText.visible(finding.path))"
        if let point = finding.mountPoint { text += " on \(TerminalText.visible(point))" }
        if let held = finding.heldSource { text += ": holds \(TerminalText.visible(held))" }
        if let now = finding.currentSource { text += ", mounted now \(TerminalText.visible(now))" }
        text += ": \(finding.reason.summary)"
        if finding.acknowledged { text += " (acknowledged)" }
        return text + "; \(TerminalText.visible(finding.remedy)) (id \(MountAcknowledgement.id(of: finding)))"
    }

    private static func truncatedCommand(_ command: String) -> String {
        command.count > 60 ? String(command.prefix(59)) + "…" : command
    }
}

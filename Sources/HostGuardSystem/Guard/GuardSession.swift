import HostGuardCore

/// One run of `guard CMD ARGS…`: read the command, look at its targets, decide, show the
/// banner, ask on the terminal if needed, then exec, quarantine or stop. Returns only when
/// nothing was exec'd.
public enum GuardSession {
    public enum Result: Equatable {
        case usage(String)
        case help
        case dryRun
        case refused
        case declined
        case interrupted
        case quarantined(String)
        case quarantineFailed
        case notFound
        case cannotExecute
    }

    public static func run(_ words: [[UInt8]]) -> Result {
        let options: GuardOptions
        switch GuardOptions.parse(words) {
        case .failure(let failure): return .usage(failure.description)
        case .success(let parsed): options = parsed
        }
        if options.help { return .help }
        let argv = options.command
        let text = argv.map { String(decoding: $0, as: UTF8.self) }
        var environment: [String: String] = [:]
        for name in ["PGDATA", "POSIXLY_CORRECT"] { environment[name] = system_getenv(name) }
        let command = CommandRules.assess(text, environment: environment, stdinIsTerminal: system_isTerminal(0))

        // No rule, or nothing destructive in this invocation: straight to exec, no config read,
        // nothing logged (there was no decision). This is the path that must cost nothing.
        if command.harm == nil && !options.dryRun {
            return exec(argv)
        }

        let (identity, config) = loadIdentity()
        let settings = config.guardSettings
        let cwd: [UInt8]
        var cwdError: String?
        do {
            cwd = try system_currentDirectory()
        } catch {
            cwd = Array((system_getenv("PWD") ?? "/").utf8)
            cwdError = error.description
        }
        let facts = gather(command, argv: argv, options: options, identity: identity, config: config, cwd: cwd, cwdError: cwdError)
        let decision = GuardPolicy.decide(facts)
        let shown = facts.attachingLiveData()
        var report = GuardReport(identity: identity, argv: argv.map { PathText.visible($0) }, command: command,
                                 targets: shown.targets, decision: decision)
        report.maintenance = MaintenanceStore.read()
        report.answeredOnCommandLine = options.confirm != nil
        let audit = settings.auditLog
        let hostName = identity.hostName.short

        if options.dryRun {
            var output = StandardOutput()
            if options.json {
                output.write(GuardReportJSON.value(report).serialized(pretty: true) + "\n")
            } else {
                GuardBanner.render(report, depth: depth(config, fd: 1), to: &output)
            }
            output.flush()
            AuditLog.record("dry-run", report: report, cwd: cwd, auditFile: audit)
            return .dryRun
        }

        switch decision.level {
        case .run:
            AuditLog.record("ran", report: report, cwd: cwd, auditFile: audit)
            return exec(argv)
        case .refuse:
            var output = StandardOutput(fd: 2)
            GuardBanner.render(report, depth: depth(config, fd: 2), to: &output)
            output.flush()
            AuditLog.record("refused", report: report, cwd: cwd, auditFile: audit)
            guardError("refused: \(decision.reasons.first ?? "policy"); nothing was run")
            return .refused
        case .confirm, .typeHostname:
            break
        }

        // A question is needed. --confirm answers it without a terminal.
        if let given = options.confirm {
            var output = StandardOutput(fd: 2)
            GuardBanner.render(report, depth: depth(config, fd: 2), to: &output)
            output.flush()
            guard given == hostName else {
                AuditLog.record("refused", report: report, cwd: cwd, auditFile: audit, detail: "--confirm did not match the host name")
                guardError("refused: --confirm \(TerminalText.visible(given)) does not match this host (\(TerminalText.visible(hostName))); nothing was run")
                return .refused
            }
            return proceed(options.quarantine ? .quarantine : .run, report: report, argv: argv, cwd: cwd, audit: audit, confirmed: true)
        }

        let terminal: Int32
        do {
            terminal = try system_openControllingTerminal()
        } catch {
            AuditLog.record("refused", report: report, cwd: cwd, auditFile: audit, detail: "no terminal to ask on")
            let how = decision.level == .typeHostname ? "the host name typed" : "a yes"
            guardError("refused: \(report.commandLine) needs \(how) (\(decision.reasons.first ?? "")) and there is no terminal; pass --confirm \(TerminalText.visible(hostName)) to answer without one. Nothing was run")
            return .refused
        }
        defer { system_close(terminal) }
        var banner = StandardOutput(fd: terminal)
        GuardBanner.render(report, depth: depth(config, fd: terminal), to: &banner)
        banner.flush()
        let question = GuardBanner.question(decision, hostName: hostName) ?? "? "
        let (line, interrupted) = system_readLine(prompt: question, terminal: terminal)
        var answer = GuardAnswer.evaluate(line, interrupted: interrupted, level: decision.level, hostName: hostName,
                                          quarantineOffered: decision.quarantineOffered)
        if answer == .run && options.quarantine && decision.quarantineOffered { answer = .quarantine }
        switch answer {
        case .interrupted:
            var out = StandardOutput(fd: terminal)
            out.write("\nguard: interrupted; nothing was run\n")
            out.flush()
            AuditLog.record("interrupted", report: report, cwd: cwd, auditFile: audit)
            return .interrupted
        case .declined:
            var out = StandardOutput(fd: terminal)
            out.write(decision.level == .typeHostname && !(line ?? "").isEmpty
                      ? "guard: that is not this host's name (\(TerminalText.inert(hostName))); nothing was run\n"
                      : "guard: not confirmed; nothing was run\n")
            out.flush()
            AuditLog.record("declined", report: report, cwd: cwd, auditFile: audit)
            return .declined
        case .run, .quarantine:
            return proceed(answer, report: report, argv: argv, cwd: cwd, audit: audit, confirmed: true)
        }
    }

    /// Everything the decision needs, read in two rounds: first without the "who uses it" scan
    /// of /proc; then, only when that decision asks or refuses (or a target is a second name of
    /// a file, or a block device), with it. The let-through path never scans /proc.
    static func gather(_ command: CommandAssessment, argv: [[UInt8]], options: GuardOptions, identity: HostIdentity,
                       config: HostGuardConfig, cwd: [UInt8], cwdError: String?) -> GuardFacts {
        let settings = config.guardSettings
        var inspector = TargetInspector(cwd: cwd, budgetMilliseconds: settings.scanBudgetMilliseconds)
        var targets = inspector.inspect(command.paths, argv: argv)
        if let cwdError {
            for index in targets.indices { targets[index].errors.append(cwdError) }
        }
        // Protected paths are compared after resolving them too (a rule may name a symlink).
        let protectPaths = config.protect.map {
            PathResolver.resolve(RawPath($0.path), cwd: .root, followFinalSymlink: true, in: LiveFileSystem()).real
        }
        var servers = LiveServerReader(procRoot: "/proc")
        for found in inspector.dataDirectories { servers.add(found.kind, found.path) }
        servers.addKnown(config.probes)
        let devices = targets.contains { $0.blockDevice != nil }
        if devices { servers.readStorage(mounts: inspector.mountTable) }

        var facts = GuardFacts(command: command, targets: targets, identity: identity, settings: GuardRunSettings(
            forceLive: options.forceLive, quarantineEnabled: settings.quarantine, protect: config.protect,
            protectPaths: protectPaths, systemConfigIsBroken: config.systemConfigIsBroken))
        facts.servers = servers.servers
        facts.stdinIsTerminal = system_isTerminal(0)
        if devices { facts.systemDisks = systemDisks(inspector.mountTable) }

        let secondNames = targets.contains { $0.linkCount > 1 }
        guard GuardPolicy.decide(facts).level > .run || secondNames || devices else { return facts }

        let scan = ProcessScan.run(procRoot: "/proc", budgetMilliseconds: settings.scanBudgetMilliseconds)
        if let liveness = inspector.liveness { servers.addRunning(scan, liveness: liveness) }
        if devices { servers.readStorage(mounts: inspector.mountTable) }
        servers.attachHolders(scan)
        let deadline = system_monotonicNanoseconds() + UInt64(settings.scanBudgetMilliseconds) * 1_000_000
        for index in targets.indices {
            var target = targets[index]
            if target.resolved.exists && !target.resolved.isSymlinkItself && target.unansweredMounts.isEmpty {
                target.processes = scan.users(of: [target.resolved.real] + target.aliases)
            }
            if target.linkCount > 1, let identity = target.identity {
                for server in servers.servers {
                    for member in server.members where member.identity?.device == identity.device {
                        let search = SizeEstimate.findInode(identity.inode, device: identity.device, below: member.path.bytes, deadline: deadline)
                        if search.found { target.hardLinkedInto.append(member.path) }
                        else if !search.complete { target.hardLinkSearchIncomplete.append(member.path) }
                    }
                }
            }
            targets[index] = target
        }
        facts.targets = targets
        facts.servers = servers.servers
        facts.processScan = scan.state
        return facts
    }

    /// The block devices `/` and `/boot` are on, with their disks and the devices beneath.
    static func systemDisks(_ mounts: MountTable?) -> [SystemDiskFact] {
        var result: [SystemDiskFact] = []
        for path in ["/", "/boot"] {
            guard let status = try? system_stat(path, followSymlinks: true) else { continue }
            let mount = mounts?.mountContaining(path)
            if path == "/boot", mount?.mountPoint != "/boot" { continue }
            for device in BlockDevices.beneath(status: status.device, mountSource: mount?.source)
            where !result.contains(where: { $0.device == device }) {
                result.append(SystemDiskFact(device: device, why: "\(BlockDevices.name(of: device)) (beneath \(path))"))
            }
        }
        return result
    }

    static func proceed(_ answer: GuardAnswer, report: GuardReport, argv: [[UInt8]], cwd: [UInt8], audit: String?, confirmed: Bool) -> Result {
        if answer == .quarantine {
            guard report.decision.quarantineOffered else {
                guardError("quarantine is only offered for rm/rmdir/unlink of existing paths; nothing was run")
                AuditLog.record("declined", report: report, cwd: cwd, auditFile: audit, detail: "quarantine not possible")
                return .declined
            }
            do {
                let id = try Quarantine.move(report.targets.map(\.resolved.real), argv: argv, cwd: cwd)
                AuditLog.record("quarantined", report: report, cwd: cwd, auditFile: audit, detail: "id \(id)")
                var out = StandardOutput(fd: 2)
                out.write("guard: quarantined as \(id); restore with: hostguard trash restore \(id)\n")
                out.flush()
                return .quarantined(id)
            } catch {
                AuditLog.record("declined", report: report, cwd: cwd, auditFile: audit, detail: "quarantine failed: \(error)")
                guardError("quarantine failed, nothing was moved or deleted: \(error)")
                return .quarantineFailed
            }
        }
        AuditLog.record("confirmed", report: report, cwd: cwd, auditFile: audit)
        return exec(argv)
    }

    static func exec(_ argv: [[UInt8]]) -> Result {
        switch CommandLocator.locate(argv[0], path: system_getenv("PATH")) {
        case .failure(.notFound):
            guardError("\(PathText.visible(argv[0])): command not found")
            return .notFound
        case .failure(.notExecutable(let path)):
            guardError("\(PathText.visible(path)): not executable")
            return .cannotExecute
        case .success(let path):
            let error = system_exec(path, argv)
            guardError("\(error)")
            return error.errno == .noSuchFileOrDirectory ? .notFound : .cannotExecute
        }
    }

    /// Identity with live probes (see `LoadPurpose.guardDecision`).
    static func loadIdentity() -> (HostIdentity, HostGuardConfig) {
        let loaded = IdentityLoader.load(.guardDecision)
        return (loaded.identity, loaded.config)
    }

    static func depth(_ config: HostGuardConfig, fd: Int32) -> ColorDepth {
        ColorDepth.detect(config.prompt.color, outputIsTerminal: system_isTerminal(fd), environment: ColorEnvironment(system_getenv))
    }
}

/// One line on stderr as the guard: "guard: refused: …".
func guardError(_ message: String) {
    var output = StandardOutput(fd: 2)
    output.write("guard: " + message + "\n")
    output.flush()
}

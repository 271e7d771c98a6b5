import ArgumentParser
import HostGuardCore
import HostGuardSystem

/// `hostguard maint on --reason TEXT [--for DURATION] | off | status`: a host-wide maintenance
/// flag every prompt on the host shows, which the guard's banner mentions, and which expires by
/// itself when given a duration.
struct MaintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maint",
        abstract: "Switch this host's maintenance flag on or off, or show it (and /run/nologin, a pending reboot).",
        subcommands: [On.self, Off.self, Status.self]
    )

    struct On: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every prompt on this host shows 'MAINT: REASON (40m left, by NAME)' until off or expiry (root).")

        @Option(help: "Why, in a few words; shown in every prompt on the host.")
        var reason: String

        @Option(name: .customLong("for"), help: "Expire by itself after this long: 90s, 40m, 2h, 1h30m, 1d.")
        var duration: String?

        func validate() throws {
            let trimmed = MaintCommand.trimmed(reason)
            guard !trimmed.isEmpty else { throw ValidationError("--reason must say something") }
            guard reason.count <= MaintenanceRecord.reasonLimit else {
                throw ValidationError("--reason is longer than \(MaintenanceRecord.reasonLimit) characters")
            }
            if let duration, MaintenanceState.parseDuration(duration) == nil {
                throw ValidationError("--for \(duration): not a duration (say e.g. 90s, 40m, 2h, 1h30m, 1d)")
            }
        }

        func run() throws {
            let now = Int64(system_wallClockSeconds())
            let until = duration.flatMap(MaintenanceState.parseDuration).map { now + $0 }
            let record = MaintenanceRecord(reason: MaintCommand.trimmed(reason), by: MaintCommand.person(), since: now, until: until)
            let path = MaintenanceStore.path()
            do {
                try MaintenanceStore.write(record, to: path)
            } catch {
                let hint = system_effectiveUserID() == 0 ? "" : " (run as root: the flag must be root's to be believed)"
                system_printError("maint on: cannot write \(path): \(error)\(hint)")
                throw ExitCode(ExitCodes.couldNotCheck)
            }
            var output = StandardOutput()
            output.write(MaintenanceReport.text(MaintenanceStore.read(now: now), path: path))
            output.flush()
        }
    }

    struct Off: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the maintenance flag (root).")

        func run() throws {
            let path = MaintenanceStore.path()
            let removed: Bool
            do {
                removed = try MaintenanceStore.remove(path)
            } catch {
                let hint = system_effectiveUserID() == 0 ? "" : " (run as root)"
                system_printError("maint off: cannot remove \(path): \(error)\(hint)")
                throw ExitCode(ExitCodes.couldNotCheck)
            }
            var output = StandardOutput()
            output.write(removed ? "maintenance off\n" : "maintenance was not on\n")
            output.write(MaintenanceReport.text(MaintenanceStore.read(), path: path).split(separator: "\n").dropFirst().map { $0 + "\n" }.joined())
            output.flush()
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the flag and the other host switches. Exit 0 when something is on, 1 when all is quiet.")

        @Flag(help: "One JSON object: maintenance and host_switches, as in `status --json`.")
        var json = false

        func run() throws {
            let state = MaintenanceStore.read()
            var output = StandardOutput()
            if json {
                output.write(JSONValue.object([
                    ("maintenance", MaintenanceReport.json(state)),
                    ("host_switches", MaintenanceReport.switchesJSON(state)),
                ]).serialized(pretty: true) + "\n")
            } else {
                output.write(MaintenanceReport.text(state, path: MaintenanceStore.path()))
            }
            output.flush()
            if state.isQuiet { throw ExitCode(ExitCodes.maintenanceQuiet) }
        }
    }

    static func trimmed(_ text: String) -> String {
        String(text.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }

    /// Who switched it on: the sudo caller when root came through sudo (the person, not "root"),
    /// else the name of the real user.
    static func person() -> String {
        if system_effectiveUserID() == 0, let sudoUser = system_getenv("SUDO_USER"), !sudoUser.isEmpty, sudoUser != "root" {
            return sudoUser
        }
        let uid = system_realUserID()
        return system_userName(uid) ?? "uid \(uid)"
    }
}

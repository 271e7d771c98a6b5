import ArgumentParser
import HostGuardCore
import HostGuardSystem

/// `hostguard trash list | restore ID | purge --older-than AGE`: what the guard quarantined.
struct TrashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trash",
        abstract: "List, restore or purge what the guard quarantined instead of deleting.",
        subcommands: [List.self, Restore.self, Purge.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List quarantined entries, oldest first.")

        @Flag(help: "One JSON object per line.")
        var json = false

        func run() throws {
            let listing: Quarantine.Listing
            do {
                listing = try Quarantine.list()
            } catch {
                system_printError("trash list: \(error)")
                throw ExitCode(ExitCodes.couldNotCheck)
            }
            var output = StandardOutput()
            for entry in listing.entries {
                let manifest = entry.manifest
                let items = manifest.items.map { PathText.visible($0) }
                if json {
                    output.write(JSONValue.object([
                        ("id", .string(manifest.id)), ("time", .string(UTCStamp.iso(manifest.time))),
                        ("user", .string(manifest.user)), ("sudo_user", .optional(manifest.sudoUser)),
                        ("trash", .string(PathText.visible(entry.trashRoot))),
                        ("items", .array(items.map(JSONValue.string))),
                        ("argv", .array(manifest.argv.map { .string(PathText.visible($0)) })),
                    ]).serialized() + "\n")
                } else {
                    let by = manifest.user + (manifest.sudoUser.map { " (sudo from \(TerminalText.visible($0)))" } ?? "")
                    output.write("\(manifest.id)  \(UTCStamp.iso(manifest.time))  \(TerminalText.visible(by))  \(items.joined(separator: " "))\n")
                }
            }
            if !json && listing.entries.isEmpty { output.write("nothing quarantined\n") }
            output.flush()
            try reportUnchecked(listing.unchecked, command: "trash list")
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move an entry's items back where they were.")

        @Argument(help: "The entry ID, as `hostguard trash list` shows it.")
        var id: String

        func run() throws {
            do {
                let restored = try Quarantine.restore(id)
                var output = StandardOutput()
                for path in restored { output.write("restored \(path)\n") }
                output.flush()
            } catch {
                system_printError("trash restore: \(error)")
                throw ExitCode(1)
            }
        }
    }

    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete entries older than AGE for good.")

        @Option(name: .customLong("older-than"), help: "AGE: 30d, 12h, 90m, 45s, 2w, or seconds.")
        var olderThan: String

        func validate() throws {
            guard AgeParser.seconds(olderThan) != nil else {
                throw ValidationError("--older-than: expected an age like 30d, 12h, 90m, 45s, 2w; found \"\(olderThan)\"")
            }
        }

        func run() throws {
            do {
                let (purged, unchecked) = try Quarantine.purge(olderThan: AgeParser.seconds(olderThan)!)
                var output = StandardOutput()
                for id in purged { output.write("purged \(id)\n") }
                output.flush()
                try reportUnchecked(unchecked, command: "trash purge")
            } catch let exit as ExitCode {
                throw exit
            } catch {
                system_printError("trash purge: \(error)")
                throw ExitCode(1)
            }
        }
    }
}

/// Folders listed in the trash registry but not looked into: one stderr line each, and exit 2
/// (could not check), after everything that could be checked was printed.
private func reportUnchecked(_ unchecked: [Quarantine.UncheckedFolder], command: String) throws {
    guard !unchecked.isEmpty else { return }
    for folder in unchecked {
        system_printError("\(command): \(PathText.visible(folder.folder)): \(folder.reason)")
    }
    throw ExitCode(ExitCodes.couldNotCheck)
}

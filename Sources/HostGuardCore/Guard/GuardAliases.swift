/// The alias block `hostguard aliases SHELL` prints for the shell integration to eval: every
/// command the guard has a rule for goes through it, in interactive shells only (scripts, cron
/// and `bash -c` never see the aliases). When the hostguard binary is missing the wrapper runs
/// the command itself: a broken install must not break `rm`.
public enum GuardAliases {
    /// Names with a rule in `CommandRules`, plus the usual mkfs.* spellings (rules match those
    /// by prefix; aliases need each name).
    public static let commands: [String] = {
        var names: [String] = []
        for rule in CommandRules.table where rule.aliased {
            for name in rule.names where !names.contains(name) && !shellBuiltins.contains(name) { names.append(name) }
        }
        for name in ["mkfs.ext4", "mkfs.ext3", "mkfs.ext2", "mkfs.xfs", "mkfs.btrfs", "mkfs.vfat", "mkfs.fat"] where !names.contains(name) {
            names.append(name)
        }
        // `sudo rm -rf …` is how it is typed on a server, and an alias does not reach past
        // sudo: the guard reads through sudo (CommandWrapper) to the command it runs.
        names.append("sudo")
        return names
    }()

    /// Shell builtins keep working as builtins: an alias would send `kill %1` (a job, which only
    /// the shell knows) to /bin/kill. `sudo kill …` and `guard kill …` are still read.
    static let shellBuiltins: Set<String> = ["kill", "exec", "command", "builtin", "time"]

    /// The word in an alias template (shell/aliases.bash, shell/aliases.fish) that stands for a
    /// command name.
    public static let placeholder = "HOSTGUARD_COMMAND"

    /// The alias block from its template: every template line holding `placeholder` is written
    /// once per command in `commands`, with the name in its place; every other line as it is.
    public static func script(fromTemplate template: String, commands: [String] = GuardAliases.commands) -> String {
        var text = ""
        var lines = template.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }  // after the final line break
        for line in lines {
            if line.contains(placeholder) {
                for name in commands { text += line.replacing(placeholder, with: name) + "\n" }
            } else {
                text += line + "\n"
            }
        }
        return text
    }
}

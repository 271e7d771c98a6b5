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
            for name in rule.names where !names.contains(name) { names.append(name) }
        }
        for name in ["mkfs.ext4", "mkfs.ext3", "mkfs.ext2", "mkfs.xfs", "mkfs.btrfs", "mkfs.vfat", "mkfs.fat"] where !names.contains(name) {
            names.append(name)
        }
        // `sudo rm -rf …` is how it is typed on a server, and an alias does not reach past
        // sudo: the guard reads through sudo (CommandWrapper) to the command it runs.
        names.append("sudo")
        return names
    }()

    public static func script(for shell: String) -> String? {
        switch shell {
        case "bash", "zsh":
            var text = """
                # hostguard: destructive commands go through `guard` (interactive shells only).
                # Bypass once with `command rm …` or `\\rm …`; turn off for the host with
                # [guard] aliases = false in /etc/hostguard/hostguard.toml.
                if [[ $- == *i* ]]; then
                    __hostguard_guard() {
                        if [[ -n ${__hostguard_bin-} && -x $__hostguard_bin ]]; then
                            "$__hostguard_bin" guard -- "$@"
                        else
                            command "$@"
                        fi
                    }

                """
            for name in commands { text += "    alias \(name)='__hostguard_guard \(name)'\n" }
            text += "fi\n"
            return text
        case "fish":
            var text = """
                # hostguard: destructive commands go through `guard` (interactive shells only).
                # Bypass once with `command rm …`; turn off for the host with
                # [guard] aliases = false in /etc/hostguard/hostguard.toml.
                if status is-interactive
                    function __hostguard_guard
                        if test -n "$__hostguard_bin"; and test -x "$__hostguard_bin"
                            $__hostguard_bin guard -- $argv
                        else
                            command $argv
                        end
                    end

                """
            for name in commands {
                text += "    function \(name) --wraps \(name); __hostguard_guard \(name) $argv; end\n"
            }
            text += "end\n"
            return text
        default:
            return nil
        }
    }
}

# hostguard: destructive commands go through `guard` (interactive shells only).
# Bypass once with `command rm …` or `\rm …`; turn off for the host with
# [guard] aliases = false in /etc/hostguard/hostguard.toml.
if [[ $- == *i* ]]; then
    __hostguard_guard() {
        if [[ -n ${__hostguard_bin-} && -x $__hostguard_bin ]]; then
            "$__hostguard_bin" guard -- "$@"
        else
            command "$@"
        fi
    }
    alias HOSTGUARD_COMMAND='__hostguard_guard HOSTGUARD_COMMAND'
fi

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
    function HOSTGUARD_COMMAND --wraps HOSTGUARD_COMMAND; __hostguard_guard HOSTGUARD_COMMAND $argv; end
end

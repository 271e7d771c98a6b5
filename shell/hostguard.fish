# hostguard prompt integration for fish: hostguard init fish | source, or source this file.
# Prints this host's environment, live role and name before the existing fish_prompt, keeping
# $status for it; if hostguard is missing or fails the prompt stays as it was.
if status is-interactive; and not set -q __hostguard_loaded
    set -g __hostguard_loaded 1
    if not set -q __hostguard_bin
        set -g __hostguard_bin (command -s hostguard)
    end
    if functions -q fish_prompt; and not functions -q __hostguard_original_prompt
        functions -c fish_prompt __hostguard_original_prompt
    end

    function __hostguard_return --description 'set $status for the wrapped prompt'
        return $argv[1]
    end

    function fish_prompt
        set -l last_status $status
        if test -n "$__hostguard_bin"; and test -x "$__hostguard_bin"
            # Captured, then printed by a builtin: in a prompt, fish can let an external
            # command's output land after later builtin output when the machine is busy.
            set -l segment ($__hostguard_bin prompt --shell fish 2>/dev/null | string collect)
            printf '%s' $segment
        end
        if functions -q __hostguard_original_prompt
            __hostguard_return $last_status
            __hostguard_original_prompt
        end
    end

    # Guard aliases (rm, mv, dd …) in interactive shells, unless [guard] aliases = false.
    if test -n "$__hostguard_bin"; and test -x "$__hostguard_bin"
        $__hostguard_bin aliases fish 2>/dev/null | source
    end
end

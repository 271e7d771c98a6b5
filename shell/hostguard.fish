# hostguard prompt integration for fish: hostguard init fish | source, or source this file.
# Prints this host's environment, live role and name before the existing fish_prompt, keeping
# $status for it; if hostguard is missing or fails the prompt stays as it was.
#
# No process per prompt: the segment is rendered once and kept in a variable; each prompt only
# tests, with builtins, whether a file it was rendered from changed since (`test -nt` against a
# stamp file hostguard keeps in a private tmpfs directory) or a time it named has passed. Only
# then is hostguard run again (one process).
#
# Survives a fish_prompt defined later (config.fish, starship's init): a fish_prompt event
# handler, which fish runs before it calls fish_prompt, wraps whatever fish_prompt is current
# when it is not the wrapper already.
if status is-interactive; and not set -q __hostguard_loaded
    set -g __hostguard_loaded 1
    if not set -q __hostguard_bin
        set -g __hostguard_bin (command -s hostguard)
    end
    set -g __hostguard_segment ''
    set -g __hostguard_stamp ''
    set -g __hostguard_until 0
    set -g __hostguard_rendered_at ''
    set -g __hostguard_present
    set -g __hostguard_absent

    # Seconds since the epoch from builtins: `path mtime` of / plus its age (`--relative`).
    function __hostguard_now
        math (path mtime /) + (path mtime --relative /)
    end

    # Runs hostguard once and reads its answer: the segment, then the refresh plan
    # ("stamp PATH", "until EPOCH", "present PATH", "absent PATH"; see PromptRefreshPlan).
    function __hostguard_render
        set -g __hostguard_segment ''
        set -g __hostguard_stamp ''
        set -g __hostguard_until 0
        set -g __hostguard_present
        set -g __hostguard_absent
        set -g __hostguard_rendered_at (__hostguard_now)
        test -n "$__hostguard_bin"; and test -x "$__hostguard_bin"; or return 0
        set -l lines ($__hostguard_bin prompt --shell fish --integration $fish_pid 2>/dev/null)
        or return 0
        set -g __hostguard_segment $lines[1]
        for line in $lines[2..-1]
            switch $line
                case 'stamp *'
                    set -g __hostguard_stamp (string sub --start 7 -- $line)
                case 'until *'
                    set -g __hostguard_until (string sub --start 7 -- $line)
                case 'present *'
                    set -ga __hostguard_present (string sub --start 9 -- $line)
                case 'absent *'
                    set -ga __hostguard_absent (string sub --start 8 -- $line)
            end
        end
        string match -qr '^[0-9]+$' -- $__hostguard_until; or set -g __hostguard_until 0
    end

    # True when the segment must be rendered again. Builtins only: stat(2) calls, no process.
    function __hostguard_changed
        if test -z "$__hostguard_stamp"
            test (__hostguard_now) != "$__hostguard_rendered_at"
            return
        end
        if test "$__hostguard_until" -ne 0; and test (__hostguard_now) -ge "$__hostguard_until"
            return 0
        end
        for path in $__hostguard_present
            if test "$path" -nt "$__hostguard_stamp"; or not test -e "$path"
                return 0
            end
        end
        for path in $__hostguard_absent
            test -e "$path"; and return 0
        end
        return 1
    end

    function __hostguard_return --description 'set $status for the wrapped prompt'
        return $argv[1]
    end

    function __hostguard_wrap
        functions -e __hostguard_original_prompt
        if functions -q fish_prompt
            functions -c fish_prompt __hostguard_original_prompt
        end
        function fish_prompt --description 'hostguard: the segment, then the prompt'
            set -l last_status $status
            printf '%s' $__hostguard_segment
            if functions -q __hostguard_original_prompt
                __hostguard_return $last_status
                __hostguard_original_prompt
            end
        end
    end

    function __hostguard_on_prompt --on-event fish_prompt
        set -l last_status $status
        __hostguard_changed; and __hostguard_render
        # `functions --details --verbose` ends with the description: the wrapper's own?
        set -l details (functions --details --verbose fish_prompt)
        if test "$details[5]" != 'hostguard: the segment, then the prompt'
            __hostguard_wrap
        end
        __hostguard_return $last_status
    end
    __hostguard_wrap

    # Guard aliases (rm, mv, dd …) in interactive shells, unless [guard] aliases = false.
    if test -n "$__hostguard_bin"; and test -x "$__hostguard_bin"
        $__hostguard_bin aliases fish 2>/dev/null | source
    end
end

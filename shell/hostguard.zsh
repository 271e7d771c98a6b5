# hostguard prompt integration for zsh: eval "$(hostguard init zsh)", or source this file.
# Prefixes the existing PROMPT with this host's environment, live role and name. Keeps other
# precmd hooks and $?, and if hostguard is missing or fails the prompt stays as it was.
if [[ -o interactive ]] && (( ! ${+__hostguard_loaded} )); then
    typeset -g __hostguard_loaded=1
    [[ -n ${__hostguard_bin-} ]] || typeset -g __hostguard_bin=${commands[hostguard]-}
    typeset -g __hostguard_segment= __hostguard_applied= __hostguard_refreshed_at=
    zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null

    # Appended to precmd_functions, so it prefixes whatever PROMPT the theme built. The segment
    # is re-read at most once a second (a role or config change shows within 2 s).
    __hostguard_precmd() {
        local last_status=$?
        local now=${EPOCHSECONDS-$SECONDS}
        if [[ $now != $__hostguard_refreshed_at ]]; then
            __hostguard_refreshed_at=$now
            if [[ -n $__hostguard_bin && -x $__hostguard_bin ]]; then
                __hostguard_segment=$("$__hostguard_bin" prompt --shell zsh 2>/dev/null) || __hostguard_segment=
            else
                __hostguard_segment=
            fi
        fi
        # With PROMPT_SUBST the prompt is expanded like a double-quoted string: insert the
        # segment through a parameter so nothing in it (a host name with $(…)) is ever run.
        local prefix=$__hostguard_segment
        if [[ -n $__hostguard_segment && -o prompt_subst ]]; then
            prefix='${__hostguard_segment}'
        fi
        if [[ -n $__hostguard_applied && $PROMPT == ${__hostguard_applied}* ]]; then
            PROMPT=${PROMPT#$__hostguard_applied}
        fi
        PROMPT=$prefix$PROMPT
        __hostguard_applied=$prefix
        return $last_status
    }
    typeset -ga precmd_functions
    precmd_functions+=(__hostguard_precmd)

    # Guard aliases (rm, mv, dd …) in interactive shells, unless [guard] aliases = false.
    if [[ -n ${__hostguard_bin-} && -x $__hostguard_bin ]]; then
        eval "$("$__hostguard_bin" aliases zsh 2>/dev/null)"
    fi
fi

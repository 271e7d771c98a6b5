# hostguard prompt integration for bash: eval "$(hostguard init bash)", or source this file.
# Prefixes the existing PS1 with this host's environment, live role and name. Keeps other
# PROMPT_COMMAND hooks and $?, works under `set -u`, and if hostguard is missing or fails the
# prompt stays exactly as it was.
if [[ $- == *i* && -z ${__hostguard_loaded-} ]]; then
    __hostguard_loaded=1
    [[ -n ${__hostguard_bin-} ]] || __hostguard_bin=$(command -v hostguard 2>/dev/null)
    __hostguard_segment=
    __hostguard_applied=
    __hostguard_refreshed_at=
    __hostguard_status=0

    # Runs first in PROMPT_COMMAND: the user's command's status, before any hook replaces it.
    __hostguard_save_status() { __hostguard_status=$?; }

    # Runs last, so it prefixes whatever PS1 the other hooks (starship, git prompts) built.
    # The segment is re-read at most once a second: a role or config change shows within 2 s,
    # and the cost of a prompt is a string comparison, not a process.
    __hostguard_precmd() {
        local now=${EPOCHSECONDS-$SECONDS}
        if [[ $now != "$__hostguard_refreshed_at" ]]; then
            __hostguard_refreshed_at=$now
            if [[ -n ${__hostguard_bin-} && -x $__hostguard_bin ]]; then
                __hostguard_segment=$("$__hostguard_bin" prompt --shell bash 2>/dev/null) || __hostguard_segment=
            else
                __hostguard_segment=
            fi
        fi
        if [[ -n $__hostguard_applied && ${PS1-} == "$__hostguard_applied"* ]]; then
            PS1=${PS1#"$__hostguard_applied"}
        fi
        PS1=$__hostguard_segment${PS1-}
        __hostguard_applied=$__hostguard_segment
        return "$__hostguard_status"
    }

    if [[ $(declare -p PROMPT_COMMAND 2>/dev/null) == "declare -a"* ]]; then
        PROMPT_COMMAND=(__hostguard_save_status "${PROMPT_COMMAND[@]}" __hostguard_precmd)
    else
        PROMPT_COMMAND=__hostguard_save_status$'\n'${PROMPT_COMMAND-}$'\n'__hostguard_precmd
    fi

    # Guard aliases (rm, mv, dd …) in interactive shells, unless [guard] aliases = false.
    if [[ -n ${__hostguard_bin-} && -x $__hostguard_bin ]]; then
        eval "$("$__hostguard_bin" aliases bash 2>/dev/null)"
    fi
fi

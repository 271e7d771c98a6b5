# hostguard prompt integration for bash: eval "$(hostguard init bash)", or source this file.
# Prefixes the existing PS1 with this host's environment, live role and name. Keeps other
# PROMPT_COMMAND hooks and $?, works under `set -u`, and if hostguard is missing or fails the
# prompt stays exactly as it was.
#
# No process per prompt: the segment is rendered once and kept in a variable; each prompt only
# tests, with builtins, whether a file it was rendered from changed since (`-nt` against a stamp
# file hostguard keeps in a private tmpfs directory) or a time it named has passed. Only then is
# hostguard run again (one process). Without a stamp (an old binary, no private directory) it
# renders at most once a second.
#
# Survives the user's rc files: on bash >= 5.1 PROMPT_COMMAND is an array and the hook sits in
# its own element, so `PROMPT_COMMAND=...` (which assigns element 0) keeps it; each prompt the
# hook moves itself to the end, so a framework that appends its own PS1 builder after it
# (liquidprompt) is prefixed too, from the prompt after the one where it first appeared.
if [[ $- == *i* && -z ${__hostguard_loaded-} ]]; then
    __hostguard_loaded=1
    [[ -n ${__hostguard_bin-} ]] || __hostguard_bin=$(command -v hostguard 2>/dev/null)
    __hostguard_segment=
    __hostguard_applied=
    __hostguard_stamp=
    __hostguard_until=0
    __hostguard_rendered_at=
    __hostguard_present=()
    __hostguard_absent=()
    __hostguard_status=0

    # Runs hostguard once and reads its answer: the segment, then the refresh plan
    # ("stamp PATH", "until EPOCH", "present PATH", "absent PATH"; see PromptRefreshPlan).
    __hostguard_render() {
        local out line
        __hostguard_segment= __hostguard_stamp= __hostguard_until=0
        __hostguard_present=() __hostguard_absent=()
        __hostguard_rendered_at=${EPOCHSECONDS-$SECONDS}
        [[ -n ${__hostguard_bin-} && -x $__hostguard_bin ]] || return 0
        out=$("$__hostguard_bin" prompt --shell bash --integration "$$" 2>/dev/null) || return 0
        __hostguard_segment=${out%%$'\n'*}
        [[ $out == *$'\n'* ]] || return 0
        while IFS= read -r line; do
            case $line in
                'stamp '*) __hostguard_stamp=${line#stamp } ;;
                'until '*) __hostguard_until=${line#until } ;;
                'present '*) __hostguard_present+=("${line#present }") ;;
                'absent '*) __hostguard_absent+=("${line#absent }") ;;
            esac
        done <<<"${out#*$'\n'}"
        [[ $__hostguard_until =~ ^[0-9]+$ ]] || __hostguard_until=0
        # Without EPOCHSECONDS (bash < 5.0) a time limit cannot be kept: once a second instead.
        [[ -n ${EPOCHSECONDS-} ]] || __hostguard_stamp=
    }

    # True when the segment must be rendered again. Builtins only: stat(2) calls, no process.
    __hostguard_changed() {
        local path
        if [[ -z $__hostguard_stamp ]]; then
            [[ ${EPOCHSECONDS-$SECONDS} != "$__hostguard_rendered_at" ]]
            return
        fi
        (( __hostguard_until == 0 || EPOCHSECONDS < __hostguard_until )) || return 0
        for path in "${__hostguard_present[@]}"; do
            [[ $path -nt $__hostguard_stamp || ! -e $path ]] && return 0
        done
        for path in "${__hostguard_absent[@]}"; do
            [[ -e $path ]] && return 0
        done
        return 1
    }

    # The hook. Prefixes whatever PS1 is now (the user's, or what an earlier hook built).
    __hostguard_precmd() {
        local status=$?
        # bash < 5.1 runs PROMPT_COMMAND as one list: the user's status was saved first.
        [[ -n ${__hostguard_scalar-} ]] && status=$__hostguard_status
        __hostguard_changed && __hostguard_render
        if [[ -n $__hostguard_applied && ${PS1-} == "$__hostguard_applied"* ]]; then
            PS1=${PS1#"$__hostguard_applied"}
        fi
        PS1=$__hostguard_segment${PS1-}
        __hostguard_applied=$__hostguard_segment
        [[ -n ${__hostguard_scalar-} ]] || __hostguard_attach
        return "$status"
    }

    # Keeps the hook the last element of the PROMPT_COMMAND array (bash >= 5.1), and puts it
    # back if an rc file emptied or replaced the array.
    __hostguard_attach() {
        local index
        [[ ${PROMPT_COMMAND[-1]-} == __hostguard_precmd ]] && return 0
        for index in "${!PROMPT_COMMAND[@]}"; do
            [[ ${PROMPT_COMMAND[index]} == __hostguard_precmd ]] && unset 'PROMPT_COMMAND[index]'
        done
        PROMPT_COMMAND+=(__hostguard_precmd)
    }

    if (( BASH_VERSINFO[0] > 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] >= 1) )); then
        # A scalar PROMPT_COMMAND becomes element 0 of the array and the hook goes after it;
        # element 0 is kept (empty if need be) for rc files that assign PROMPT_COMMAND=...
        [[ -n ${PROMPT_COMMAND[*]-} ]] || PROMPT_COMMAND=('')
        PROMPT_COMMAND+=(__hostguard_precmd)
    else
        __hostguard_scalar=1
        __hostguard_save_status() { __hostguard_status=$?; }
        PROMPT_COMMAND=__hostguard_save_status$'\n'${PROMPT_COMMAND-}$'\n'__hostguard_precmd
    fi

    # Guard aliases (rm, mv, dd …) in interactive shells, unless [guard] aliases = false.
    if [[ -n ${__hostguard_bin-} && -x $__hostguard_bin ]]; then
        eval "$("$__hostguard_bin" aliases bash 2>/dev/null)"
    fi
fi

# hostguard prompt integration for zsh: eval "$(hostguard init zsh)", or source this file.
# Prefixes the existing PROMPT with this host's environment, live role and name. Keeps other
# precmd hooks and $?, and if hostguard is missing or fails the prompt stays as it was.
#
# No process per prompt: the segment is rendered once and kept in a variable; each prompt only
# tests, with builtins, whether a file it was rendered from changed since (`-nt` against a stamp
# file hostguard keeps in a private tmpfs directory) or a time it named has passed. Only then is
# hostguard run again (one process). Without a stamp it renders at most once a second.
#
# Survives themes that rebuild PROMPT in their own precmd hook, whatever their order: the hook
# only schedules the real work with `sched +0`, which zsh runs after every precmd function and
# before the prompt is expanded (zsh/sched's check runs in preprompt(), after the precmd hooks).
# The segment is inert with and without PROMPT_SUBST (see ZshPromptEscaper), so it is put in
# PROMPT as it is.
if [[ -o interactive ]] && (( ! ${+__hostguard_loaded} )); then
    typeset -g __hostguard_loaded=1
    [[ -n ${__hostguard_bin-} ]] || typeset -g __hostguard_bin=${commands[hostguard]-}
    typeset -g __hostguard_segment= __hostguard_applied= __hostguard_stamp= __hostguard_rendered_at=
    typeset -g __hostguard_until=0 __hostguard_status=0
    typeset -ga __hostguard_present __hostguard_absent
    zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null
    zmodload zsh/sched 2>/dev/null

    # Runs hostguard once and reads its answer: the segment, then the refresh plan
    # ("stamp PATH", "until EPOCH", "present PATH", "absent PATH"; see PromptRefreshPlan).
    __hostguard_render() {
        local out line
        local -a lines
        __hostguard_segment= __hostguard_stamp= __hostguard_until=0
        __hostguard_present=() __hostguard_absent=()
        __hostguard_rendered_at=${EPOCHSECONDS-$SECONDS}
        [[ -n $__hostguard_bin && -x $__hostguard_bin ]] || return 0
        out=$("$__hostguard_bin" prompt --shell zsh --integration $$ 2>/dev/null) || return 0
        lines=("${(@f)out}")
        __hostguard_segment=${lines[1]}
        for line in "${(@)lines[2,-1]}"; do
            case $line in
                ('stamp '*) __hostguard_stamp=${line#stamp } ;;
                ('until '*) __hostguard_until=${line#until } ;;
                ('present '*) __hostguard_present+=("${line#present }") ;;
                ('absent '*) __hostguard_absent+=("${line#absent }") ;;
            esac
        done
        [[ $__hostguard_until == <-> ]] || __hostguard_until=0
        [[ -n ${EPOCHSECONDS-} ]] || __hostguard_stamp=
    }

    # True when the segment must be rendered again. Builtins only: stat(2) calls, no process.
    __hostguard_changed() {
        local path
        if [[ -z $__hostguard_stamp ]]; then
            [[ ${EPOCHSECONDS-$SECONDS} != $__hostguard_rendered_at ]]
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

    __hostguard_apply() {
        __hostguard_changed && __hostguard_render
        if [[ -n $__hostguard_applied && $PROMPT == ${__hostguard_applied}* ]]; then
            PROMPT=${PROMPT#$__hostguard_applied}
        fi
        PROMPT=$__hostguard_segment$PROMPT
        __hostguard_applied=$__hostguard_segment
        return $__hostguard_status
    }

    __hostguard_precmd() {
        __hostguard_status=$?
        if (( ${+builtins[sched]} )); then
            sched +0 __hostguard_apply
        else
            __hostguard_apply
        fi
        return $__hostguard_status
    }
    typeset -ga precmd_functions
    precmd_functions+=(__hostguard_precmd)

    # Guard aliases (rm, mv, dd …) in interactive shells, unless [guard] aliases = false.
    if [[ -n ${__hostguard_bin-} && -x $__hostguard_bin ]]; then
        eval "$("$__hostguard_bin" aliases zsh 2>/dev/null)"
    fi
fi

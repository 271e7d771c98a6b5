#!/usr/bin/env bash
# Prompt cost, two figures, each against plain PS1, liquidprompt and powerline-shell:
#   1. per prompt inside a real bash and zsh with the integration loaded: the prompt hook run
#      N times in one shell, each call timed with EPOCHREALTIME; median and mean per call.
#      Steady state (nothing changed: builtin stat checks only, no process), the same at human
#      pace (calls ≥ 1 s apart, HUMAN_N of them: caches cold, and where a once-a-second refresh
#      would spawn every time), and a forced re-render (one spawn: what a change costs).
#   2. `hostguard prompt --shell bash` as a whole process (hyperfine), against a static C
#      program that prints the host name (the floor for any spawned helper); BEFORE=path adds
#      an older build as a row.
# Budgets (DESIGN.md): 1. median ≤ 0.2 ms and no process while nothing changed; 2. ≤ 2× C.
# Usage: bench/prompt.sh [path/to/hostguard]   (default: a release build made here)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
PEER_N=${PEER_N:-100}   # powerline-shell starts Python per prompt: fewer rounds, same per-call figure
HUMAN_N=${HUMAN_N:-10}  # calls 1 s apart

if [[ $# -ge 1 ]]; then
    HG=$(readlink -f "$1")
else
    swift build -c release --static-swift-stdlib -Xswiftc -static-executable >/dev/null
    HG=$(readlink -f .build/release/hostguard)
fi
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
[[ -r /usr/share/liquidprompt/liquidprompt ]] || apt-get install -y -qq liquidprompt >/dev/null
command -v powerline-shell >/dev/null || pip install -q powerline-shell >/dev/null 2>&1 || true
LP=/usr/share/liquidprompt/liquidprompt
PLS=$(command -v powerline-shell || true)
[[ -z ${NO_POWERLINE_SHELL-} ]] || PLS=   # it starts Python per call: slow to bench on a busy machine

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/hostguard.toml" <<'TOML'
[host]
environment = "production"
role = "primary"
cluster = "db"
TOML
# A private state directory and runtime directory: the bench never reads the host's /run/hostguard.
mkdir -p "$work/run" "$work/runtime" "$work/switches" && chmod 700 "$work/runtime"
export HOSTGUARD_CONFIG=$work/hostguard.toml HOME=$work TERM=xterm-256color HOSTGUARD_STATE_DIR=$work/run \
    XDG_RUNTIME_DIR=$work/runtime HOSTGUARD_SWITCH_ROOT=$work/switches HOSTGUARD_MACHINE_INFO=$work/machine-info
# The config's mtime must be past PromptRefreshPlan's 2 s settling time, or every prompt re-renders.
touch -d '-1 min' "$work/hostguard.toml"

cat > "$work/hostname.c" <<'C'
#include <stdio.h>
#include <unistd.h>
int main(void) { char name[256]; gethostname(name, sizeof name); puts(name); return 0; }
C
gcc -O2 -static -o "$work/hostname-c" "$work/hostname.c"

# Prints "median mean" in ms of the per-call times (microseconds, one per line) on stdin.
stats() { sort -n | awk '{ v[NR] = $1; s += $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f\n", m / 1000, s / NR / 1000 }'; }

# Runs HOOK N times inside an interactive-like bash that loaded SETUP, printing per-call µs;
# PAUSE seconds between calls (human pace).
per_prompt_bash() { # setup hook n [pause]
    bash --noprofile --norc -i -c "
        set +u; PS1='\\u@\\h:\\w\\\$ '; $1
        for ((i = 0; i < $3; i++)); do
            ${4:+sleep $4}
            t0=\$EPOCHREALTIME; $2; t1=\$EPOCHREALTIME
            echo \$(( (\${t1/./} - \${t0/./}) ))
        done" 2>/dev/null
}
per_prompt_zsh() { # setup hook n [pause]
    zsh -f -i -c "
        zmodload zsh/datetime; PROMPT='%n@%m:%~%# '; $1
        for ((i = 0; i < $3; i++)); do
            ${4:+sleep $4}
            t0=\$EPOCHREALTIME; $2; t1=\$EPOCHREALTIME
            printf '%.0f\\n' \$(( (t1 - t0) * 1000000 ))
        done" 2>/dev/null
}

# Interactive shells (-i), as at a terminal: liquidprompt and the integration load only there.
# Each ends with one first render (the spawn every new shell pays once), so what is timed is the
# steady state.
hg_bash_setup="eval \"\$('$HG' init bash)\"; __hostguard_precmd"
hg_zsh_setup="eval \"\$('$HG' init zsh)\"; __hostguard_apply"

echo "== 1. per prompt, inside the shell ($N calls; human pace $HUMAN_N calls 1 s apart; forced and powerline-shell $PEER_N) =="
printf '%-56s %10s %10s\n' "" "median ms" "mean ms"
row() { printf '%-56s %10s %10s\n' "$1" $2; }
# The zsh hook only schedules its work after the other precmd hooks (sched +0, a builtin); the
# work is timed directly (a -c loop never shows a prompt, so scheduled calls would pile up).
hg_bash_hook="__hostguard_precmd"
hg_zsh_hook="__hostguard_apply"
force="__hostguard_stamp= __hostguard_rendered_at=-1"
plain_b=$(per_prompt_bash ":" ":" "$N" | stats)
row "bash  plain PS1 (the harness alone)" "$plain_b"
hg_b=$(per_prompt_bash "$hg_bash_setup" "$hg_bash_hook" "$N" | stats)
row "bash  hostguard, steady state (no process)" "$hg_b"
hg_bh=$(per_prompt_bash "$hg_bash_setup" "$hg_bash_hook" "$HUMAN_N" 1 | stats)
row "bash  hostguard, human pace (1 s apart)" "$hg_bh"
hg_bf=$(per_prompt_bash "$hg_bash_setup" "$force; $hg_bash_hook" "$PEER_N" | stats)
row "bash  hostguard, forced re-render (one spawn)" "$hg_bf"
lp_b=$(per_prompt_bash "LP_ENABLE_TITLE=0; source $LP" "__lp_set_prompt" "$N" | stats)
row "bash  liquidprompt" "$lp_b"
lp_bh=$(per_prompt_bash "LP_ENABLE_TITLE=0; source $LP" "__lp_set_prompt" "$HUMAN_N" 1 | stats)
row "bash  liquidprompt, human pace" "$lp_bh"
if [[ -n $PLS ]]; then
    pls_b=$(per_prompt_bash ":" "PS1=\$('$PLS' \$? 2>/dev/null)" "$PEER_N" | stats)
    row "bash  powerline-shell" "$pls_b"
fi
plain_z=$(per_prompt_zsh ":" ":" "$N" | stats)
row "zsh   plain PROMPT (the harness alone)" "$plain_z"
hg_z=$(per_prompt_zsh "$hg_zsh_setup" "$hg_zsh_hook" "$N" | stats)
row "zsh   hostguard, steady state (no process)" "$hg_z"
hg_zh=$(per_prompt_zsh "$hg_zsh_setup" "$hg_zsh_hook" "$HUMAN_N" 1 | stats)
row "zsh   hostguard, human pace (1 s apart)" "$hg_zh"
hg_zf=$(per_prompt_zsh "$hg_zsh_setup" "$force; $hg_zsh_hook" "$PEER_N" | stats)
row "zsh   hostguard, forced re-render (one spawn)" "$hg_zf"
lp_z=$(per_prompt_zsh "LP_ENABLE_TITLE=0; source $LP" "__lp_set_prompt" "$N" | stats)
row "zsh   liquidprompt" "$lp_z"
lp_zh=$(per_prompt_zsh "LP_ENABLE_TITLE=0; source $LP" "__lp_set_prompt" "$HUMAN_N" 1 | stats)
row "zsh   liquidprompt, human pace" "$lp_zh"
if [[ -n $PLS ]]; then
    pls_z=$(per_prompt_zsh ":" "PROMPT=\$('$PLS' --shell zsh \$? 2>/dev/null)" "$PEER_N" | stats)
    row "zsh   powerline-shell" "$pls_z"
fi
ratio() { awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN { if (a > 0) printf "%.1f×", b / a; else print "n/a" }'; }
# Above the harness: what the hook itself adds to a prompt.
over() { awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN { printf "%.3f", a - b }'; }
echo "hostguard above plain (median ms): bash $(over "$hg_b" "$plain_b"), zsh $(over "$hg_z" "$plain_z");" \
     "human pace: bash $(over "$hg_bh" "$plain_b"), zsh $(over "$hg_zh" "$plain_z")"
echo "ratios (median): bash liquidprompt/hostguard $(ratio "$hg_b" "$lp_b"), human pace $(ratio "$hg_bh" "$lp_bh");" \
     "zsh liquidprompt/hostguard $(ratio "$hg_z" "$lp_z"), human pace $(ratio "$hg_zh" "$lp_zh")"
echo "budget: median ≤ 0.2 ms per prompt, no process while nothing changed (PromptResilienceTests counts them with strace)"

echo
echo "== 2. whole process (hyperfine) =="
peers=(-n "liquidprompt (bash -i -c)" "bash --noprofile --norc -i -c 'LP_ENABLE_TITLE=0; source $LP; __lp_set_prompt'")
[[ -z $PLS ]] || peers+=(-n "powerline-shell" "$PLS --shell bash 0")
[[ -z ${BEFORE-} ]] || peers+=(-n "hostguard prompt, before ($BEFORE)" "$BEFORE prompt --shell bash")
hyperfine -N --warmup 50 --runs "${RUNS:-500}" --export-json "$work/h.json" \
    -n "static C hostname" "$work/hostname-c" \
    -n "hostguard prompt --shell bash" "$HG prompt --shell bash" \
    -n "hostguard prompt --shell bash --integration" "$HG prompt --shell bash --integration 1" \
    "${peers[@]}" >/dev/null
python3 - "$work/h.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
floor = results[0]["median"]
hg = results[1]["median"]
print(f"{'':64} {'median ms':>10} {'× C':>7} {'× hostguard':>12}")
for r in results:
    print(f"{r['command']:64} {r['median'] * 1000:10.3f} {r['median'] / floor:7.1f} {r['median'] / hg:12.1f}")
print(f"budget: hostguard median ≤ 2× C: {'OK' if hg <= 2 * floor else 'OVER'}")
PY

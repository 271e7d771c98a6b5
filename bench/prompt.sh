#!/usr/bin/env bash
# Prompt cost, two figures, each against liquidprompt and powerline-shell doing the same job:
#   1. per prompt inside a real bash and zsh with the integration loaded: the prompt hook run
#      N times in one shell, each call timed with EPOCHREALTIME; median and mean per call.
#   2. `hostguard prompt --shell bash` as a whole process (hyperfine), against a static C
#      program that prints the host name (the floor for any spawned helper).
# Budgets (DESIGN.md): 1. median ≤ 2 ms; 2. median ≤ 3 ms and ≤ 4× the C program.
# Usage: bench/prompt.sh [path/to/hostguard]   (default: a release build made here)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
PEER_N=${PEER_N:-100}   # powerline-shell starts Python per prompt: fewer rounds, same per-call figure

if [[ $# -ge 1 ]]; then
    HG=$(readlink -f "$1")
else
    swift build -c release --static-swift-stdlib -Xswiftc -static-executable >/dev/null
    HG=$(readlink -f .build/release/hostguard)
fi
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
[[ -r /usr/share/liquidprompt/liquidprompt ]] || apt-get install -y -qq liquidprompt >/dev/null
command -v powerline-shell >/dev/null || pip install -q powerline-shell >/dev/null
LP=/usr/share/liquidprompt/liquidprompt
PLS=$(command -v powerline-shell)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/hostguard.toml" <<'TOML'
[host]
environment = "production"
role = "primary"
cluster = "db"
TOML
export HOSTGUARD_CONFIG=$work/hostguard.toml HOME=$work TERM=xterm-256color
mkdir -p "$work/.cache"

cat > "$work/hostname.c" <<'C'
#include <stdio.h>
#include <unistd.h>
int main(void) { char name[256]; gethostname(name, sizeof name); puts(name); return 0; }
C
gcc -O2 -static -o "$work/hostname-c" "$work/hostname.c"

# Prints "median mean" in ms of the per-call times (microseconds, one per line) on stdin.
stats() { sort -n | awk '{ v[NR] = $1; s += $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f\n", m / 1000, s / NR / 1000 }'; }

# Runs HOOK N times inside an interactive-like bash that loaded SETUP, printing per-call µs.
per_prompt_bash() { # setup hook n
    bash --noprofile --norc -i -c "
        set +u; PS1='\\u@\\h:\\w\\\$ '; $1
        for ((i = 0; i < $3; i++)); do
            t0=\$EPOCHREALTIME; $2; t1=\$EPOCHREALTIME
            echo \$(( (\${t1/./} - \${t0/./}) ))
        done" 2>/dev/null
}
per_prompt_zsh() { # setup hook n
    zsh -f -i -c "
        zmodload zsh/datetime; PROMPT='%n@%m:%~%# '; $1
        for ((i = 0; i < $3; i++)); do
            t0=\$EPOCHREALTIME; $2; t1=\$EPOCHREALTIME
            printf '%.0f\\n' \$(( (t1 - t0) * 1000000 ))
        done" 2>/dev/null
}

# Interactive shells (-i), as at a terminal: liquidprompt and the integration load only there.
hg_bash_setup="eval \"\$('$HG' init bash)\""
hg_zsh_setup="eval \"\$('$HG' init zsh)\""

echo "== 1. per prompt, inside the shell ($N calls; powerline-shell $PEER_N) =="
printf '%-52s %10s %10s\n' "" "median ms" "mean ms"
row() { printf '%-52s %10s %10s\n' "$1" $2; }
hg_b=$(per_prompt_bash "$hg_bash_setup" "__hostguard_save_status; __hostguard_precmd" "$N" | stats)
row "bash  hostguard (cached between prompts, 1 s)" "$hg_b"
hg_bf=$(per_prompt_bash "$hg_bash_setup" "__hostguard_refreshed_at=; __hostguard_precmd" "$PEER_N" | stats)
row "bash  hostguard (forced re-read every prompt)" "$hg_bf"
lp_b=$(per_prompt_bash "LP_ENABLE_TITLE=0; source $LP" "__lp_set_prompt" "$N" | stats)
row "bash  liquidprompt" "$lp_b"
pls_b=$(per_prompt_bash ":" "PS1=\$('$PLS' \$? 2>/dev/null)" "$PEER_N" | stats)
row "bash  powerline-shell" "$pls_b"
hg_z=$(per_prompt_zsh "$hg_zsh_setup" "__hostguard_precmd" "$N" | stats)
row "zsh   hostguard (cached between prompts, 1 s)" "$hg_z"
hg_zf=$(per_prompt_zsh "$hg_zsh_setup" "__hostguard_refreshed_at=; __hostguard_precmd" "$PEER_N" | stats)
row "zsh   hostguard (forced re-read every prompt)" "$hg_zf"
lp_z=$(per_prompt_zsh "LP_ENABLE_TITLE=0; source $LP" "__lp_set_prompt" "$N" | stats)
row "zsh   liquidprompt" "$lp_z"
pls_z=$(per_prompt_zsh ":" "PROMPT=\$('$PLS' --shell zsh \$? 2>/dev/null)" "$PEER_N" | stats)
row "zsh   powerline-shell" "$pls_z"
ratio() { awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN { if (a > 0) printf "%.1f×", b / a; else print "n/a" }'; }
echo "ratios (median): bash liquidprompt/hostguard $(ratio "$hg_b" "$lp_b"), powerline-shell/hostguard $(ratio "$hg_b" "$pls_b");" \
     "zsh liquidprompt/hostguard $(ratio "$hg_z" "$lp_z"), powerline-shell/hostguard $(ratio "$hg_z" "$pls_z")"
echo "budget: median ≤ 2 ms"

echo
echo "== 2. whole process (hyperfine) =="
hyperfine -N --warmup 50 --runs "${RUNS:-500}" --export-json "$work/h.json" \
    -n "static C hostname" "$work/hostname-c" \
    -n "hostguard prompt --shell bash" "$HG prompt --shell bash" \
    -n "liquidprompt (bash -i -c)" "bash --noprofile --norc -i -c 'LP_ENABLE_TITLE=0; source $LP; __lp_set_prompt'" \
    -n "powerline-shell" "$PLS --shell bash 0" >/dev/null
python3 - "$work/h.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
floor = results[0]["median"]
hg = results[1]["median"]
print(f"{'':36} {'median ms':>10} {'× C':>7} {'× hostguard':>12}")
for r in results:
    print(f"{r['command']:36} {r['median'] * 1000:10.3f} {r['median'] / floor:7.1f} {r['median'] / hg:12.1f}")
print(f"budget: hostguard median ≤ 3 ms and ≤ 4× C: {'OK' if hg <= 0.003 and hg <= 4 * floor else 'OVER'}")
PY

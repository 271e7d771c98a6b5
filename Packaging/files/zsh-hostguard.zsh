# /etc/zsh/hostguard.zsh: the hostguard prompt for every interactive zsh.
# Installed by the hostguard package and sourced from /etc/zsh/zshrc by a single line the package
# adds there on install and takes out on removal (zsh has no drop-in directory). It does nothing
# once the package is removed (this file, a conffile, stays until purge). To turn the prompt off
# on this host, comment out the `source` line below: your edit survives upgrades.
if [[ -o interactive && -x /usr/bin/hostguard && -r /usr/share/hostguard/hostguard.zsh ]]; then
    typeset -g __hostguard_bin=/usr/bin/hostguard
    source /usr/share/hostguard/hostguard.zsh
fi

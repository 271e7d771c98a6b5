# The hostguard prompt for every interactive fish (vendor_conf.d runs before the user's
# config.fish). Installed by the hostguard package and removed with it.
if status is-interactive; and test -x /usr/bin/hostguard; and test -r /usr/share/hostguard/hostguard.fish
    set -g __hostguard_bin /usr/bin/hostguard
    source /usr/share/hostguard/hostguard.fish
end

# /etc/profile.d/hostguard.sh: the hostguard prompt for interactive bash login shells.
# Installed by the hostguard package. Every sh-family login shell reads /etc/profile.d, so this
# acts only in bash (the integration is bash code) and only when interactive. It does nothing
# once the package is removed (this file, a conffile, stays until purge). To turn the prompt
# off on this host, comment out the `.` line below: your edit survives upgrades.
#
# Interactive non-login bash (`sudo -s`, `bash` typed in a session) reads /etc/bash.bashrc, not
# this file; to cover it too, add to /etc/bash.bashrc (the package does not edit another
# package's file; the Ansible example in the README does):
#     [ -r /etc/profile.d/hostguard.sh ] && . /etc/profile.d/hostguard.sh
# Loading twice is harmless: the integration loads once per shell.
if [ -n "${BASH_VERSION-}" ] && [ -x /usr/bin/hostguard ] && [ -r /usr/share/hostguard/hostguard.bash ]; then
    case $- in
        *i*)
            __hostguard_bin=/usr/bin/hostguard
            . /usr/share/hostguard/hostguard.bash
            ;;
    esac
fi

#!/bin/sh
# Builds dist/hostguard-VERSION-1.ARCH.rpm with rpmbuild from a staged tree (see hostguard.spec):
#   build-rpm.sh BINARY VERSION REVISION
# Run from the repository top (make rpm does). Needs rpmbuild (Debian: apt-get install rpm).
set -eu
binary=$1 version=$2 revision=$3
here=$(cd "$(dirname "$0")/.." && pwd)
top=$(cd "$here/.." && pwd)
if ! command -v rpmbuild >/dev/null 2>&1; then
    echo "build-rpm: rpmbuild not found (Debian: apt-get install rpm; Fedora: dnf install rpm-build)" >&2
    exit 1
fi
built=$("$binary" --version)
case $built in
    *"$version ($revision)"*) ;;
    *) echo "build-rpm: $binary says '$built', expected version $version revision $revision" >&2; exit 1 ;;
esac

work=$top/.build-pkg/rpm
rm -rf "$work"
mkdir -p "$work/root" "$top/dist"
cp "$top/LICENSE" "$work/LICENSE"
"$here/scripts/stage-tree.sh" "$work/root" "$binary" "$version" /usr/lib/systemd/system
arch=$(uname -m)
rpmbuild -bb --target "$arch" \
    --define "_topdir $work/top" \
    --define "_rpmdir $work/out" \
    --define "hostguard_version $version" \
    --define "hostguard_root $work/root" \
    "$here/rpm/hostguard.spec" >"$work/rpmbuild.log" 2>&1 || { cat "$work/rpmbuild.log" >&2; exit 1; }
out=$(find "$work/out" -name '*.rpm' | head -n1)
mv "$out" "$top/dist/"
echo "dist/$(basename "$out")"

#!/bin/sh
# Builds dist/hostguard_VERSION_ARCH.deb with dpkg-deb from a staged tree (no debhelper):
#   build-deb.sh BINARY VERSION REVISION [MAINTAINER]
# Run from the repository top (make deb does).
set -eu
binary=$1 version=$2 revision=$3
maintainer=${4:-hostguard maintainers <hostguard@example.org>}
here=$(cd "$(dirname "$0")/.." && pwd)
work=.build-pkg/deb
root=$work/root
arch=$(dpkg --print-architecture)
out=dist/hostguard_${version}_${arch}.deb

# The packaged binary must say which source it was built from.
built=$("$binary" --version)
case $built in
    *"$version ($revision)"*) ;;
    *) echo "build-deb: $binary says '$built', expected version $version revision $revision" >&2; exit 1 ;;
esac
if ! head -n1 "$here/debian/changelog" | grep -qF "hostguard ($version)"; then
    echo "build-deb: Packaging/debian/changelog has no entry for $version on top; add one" >&2
    exit 1
fi

rm -rf "$work"
mkdir -p "$root" dist
"$here/scripts/stage-tree.sh" "$root" "$binary" "$version" /lib/systemd/system

# Debian-only documentation and metadata.
sed "s|@MAINTAINER@|$maintainer|" "$here/debian/changelog" | gzip -9n > "$root/usr/share/doc/hostguard/changelog.gz"
install -m 0644 "$here/debian/copyright" "$root/usr/share/doc/hostguard/copyright"
install -d -m 0755 "$root/usr/share/lintian/overrides"
install -m 0644 "$here/debian/lintian-overrides" "$root/usr/share/lintian/overrides/hostguard"
chmod 0644 "$root/usr/share/doc/hostguard/changelog.gz"

install -d -m 0755 "$root/DEBIAN"
for script in postinst prerm postrm; do install -m 0755 "$here/debian/$script" "$root/DEBIAN/$script"; done
install -m 0644 "$here/debian/conffiles" "$root/DEBIAN/conffiles"

# Readline, tinfo and glibc are linked in statically (file(1): "statically linked"; ldd: "not a
# dynamic executable"), so no shared-library dependencies; libc6 of at least the build's glibc
# version because static glibc still loads NSS and iconv modules of the installed glibc if ever
# asked to. Built-Using records the sources of the static C libraries, as policy 7.8 asks.
glibc=$(dpkg-query -W -f='${Version}' libc6 | sed 's/-.*//')
built_using=$(dpkg-query -W -f='${source:Package} (= ${source:Version})\n' libc6-dev libreadline-dev libncurses-dev | sort -u | paste -sd, - | sed 's/,/, /g')
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
    -e "s|@INSTALLED_SIZE@|$size|" -e "s|@GLIBC_VERSION@|$glibc|" -e "s|@BUILT_USING@|$built_using|" \
    "$here/debian/control.in" > "$root/DEBIAN/control"
# md5sums of everything but the conffiles (dpkg tracks those itself), as dh_md5sums does.
(cd "$root" && find . -type f ! -path './DEBIAN/*' ! -path './etc/*' -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"

# Reproducible timestamps: the commit's time.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "$out"

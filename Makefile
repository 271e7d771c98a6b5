# hostguard — build, install, test. Run as root on Debian (apt-get installs what is missing).
PREFIX ?= /usr/local
BINDIR = $(DESTDIR)$(PREFIX)/bin
SHAREDIR = $(DESTDIR)$(PREFIX)/share/hostguard
SWIFT ?= swift
REVISION := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
VERSION := $(shell sed -n 's/.*static let version = "\(.*\)"/\1/p' Sources/hostguard/BuildInfo.swift)
# Extra `swift build` flags for the release build, e.g. --ignore-lock when `make deb` runs inside
# `swift test`, which holds .build's lock for as long as the tests run (the package test does).
SWIFT_BUILD_FLAGS ?=
# A fully static executable: with the Swift runtime linked statically but glibc, libstdc++ and
# readline dynamic, the loader's symbol binding alone took ~60% of `hostguard prompt`'s
# instructions (callgrind) and the prompt ran in ~2.8 ms; fully static it runs in ~1.4 ms.
# Static glibc still dlopens NSS modules for user/group look-ups: hostguard does none on its
# own paths (user names come from /etc/passwd, not getpwuid), so the binary runs on any glibc.
RELEASE_FLAGS = -c release --static-swift-stdlib -Xswiftc -static-executable
RELEASE_BIN = .build/release/hostguard

.PHONY: all build-deps release install uninstall deb rpm test test-deps test-dirty-host bench clean

all: release

# What building needs: readline (it reads the typed host name) and, for the static release
# binary, the static libraries of readline, ncurses' tinfo and glibc.
BUILD_PACKAGES = pkg-config libreadline-dev libncurses-dev libc6-dev
build-deps:
	@if ! dpkg -s $(BUILD_PACKAGES) >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BUILD_PACKAGES); \
	fi

# The source revision reaches the binary through .revision (git-ignored), which the build plugin
# Plugins/EmbedShellPlugin embeds; it is removed after the build, succeeded or not, so a plain
# `swift build` says "unknown" rather than an old revision. No tracked file is edited.
release: build-deps
	echo '$(REVISION)' > .revision; \
	$(SWIFT) build $(RELEASE_FLAGS) $(SWIFT_BUILD_FLAGS); status=$$?; \
	rm -f .revision; \
	exit $$status

# Builds, installs a stripped binary under PREFIX (default /usr/local) and shows what hostguard
# sees on this host. Unstripped, the static binary is ~38 MB; stripped as the package strips it
# (Packaging/scripts/stage-tree.sh), ~18 MB. When the hostguard package is installed
# too, says which of the two binaries wins on PATH and how to remove the other.
install: release
	install -d $(BINDIR) $(SHAREDIR)
	install -m 0755 $(RELEASE_BIN) $(BINDIR)/hostguard
	strip --remove-section=.comment --remove-section=.note $(BINDIR)/hostguard
	ln -sf hostguard $(BINDIR)/guard
	install -m 0644 shell/hostguard.bash shell/hostguard.zsh shell/hostguard.fish $(SHAREDIR)/
	@echo
	@echo "Installed $(BINDIR)/hostguard ($$(du -h $(BINDIR)/hostguard | cut -f1), stripped). Add to ~/.bashrc:  eval \"\$$($(PREFIX)/bin/hostguard init bash)\""
	@if [ -x /usr/bin/hostguard ] && [ "$(BINDIR)" != /usr/bin ] && [ -z "$(DESTDIR)" ]; then \
		winner=$$(command -v hostguard); \
		echo; \
		echo "Note: the hostguard package is installed too (/usr/bin/hostguard$$(dpkg-query -W -f=' ${Version}' hostguard 2>/dev/null))."; \
		echo "  On this PATH, 'hostguard' and 'guard' run $${winner:-neither} ($(BINDIR) comes $$(case :$$PATH: in *:$(BINDIR):*:/usr/bin:*) echo before;; *) echo after;; esac) /usr/bin);"; \
		echo "  login shells loaded by the package (/etc/profile.d, /etc/zsh, fish vendor_conf.d) run /usr/bin/hostguard;"; \
		echo "  the package's timers run /usr/bin/hostguard."; \
		echo "  Keep one: 'apt remove hostguard' removes the package (its /etc/hostguard stays until 'apt purge'),"; \
		echo "  or 'make uninstall' removes this copy."; \
	fi
	@echo
	$(BINDIR)/hostguard status --explain || true

uninstall:
	rm -f $(BINDIR)/hostguard $(BINDIR)/guard
	rm -rf $(SHAREDIR)

# dist/hostguard_VERSION_ARCH.deb: the static binary, `guard`, a commented default config, the
# prompt for every login shell, the systemd timers, man pages and completions (Packaging/).
deb: release
	Packaging/scripts/build-deb.sh $(RELEASE_BIN) $(VERSION) $(REVISION)

# dist/hostguard-VERSION-1.ARCH.rpm, where rpmbuild is installed (Packaging/rpm/hostguard.spec).
rpm: release
	Packaging/scripts/build-rpm.sh $(RELEASE_BIN) $(VERSION) $(REVISION)

test-deps:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$(grep -v '^#' .ci/test-packages.txt)

# The whole suite: unit tests on fixtures, the built binary, real shells in tmux, real mount
# namespaces and a real PostgreSQL primary and standby. Needs root.
test: test-deps
	$(SWIFT) build
	$(SWIFT) test

# The suite on a busy, dirty host (not run by `make test`): plants stale mounts in /run/hostguard,
# the package with an edited config, a quarantined item, 2,000 sleeping processes, a dead FUSE
# mount and a PostgreSQL on 5432; runs `make test` twice from a fresh clone; checks that the
# planted state survived; puts everything back. Root; takes a while. See Tests/dirty-host/run.sh.
test-dirty-host:
	Tests/dirty-host/run.sh

bench: release
	bench/prompt.sh

clean:
	rm -rf .build .build-pkg dist

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

.PHONY: all build-deps release install uninstall deb rpm test test-deps bench clean

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

# Builds, installs under PREFIX (default /usr/local) and shows what hostguard sees on this host.
install: release
	install -d $(BINDIR) $(SHAREDIR)
	install -m 0755 $(RELEASE_BIN) $(BINDIR)/hostguard
	ln -sf hostguard $(BINDIR)/guard
	install -m 0644 shell/hostguard.bash shell/hostguard.zsh shell/hostguard.fish $(SHAREDIR)/
	@echo
	@echo "Installed $(BINDIR)/hostguard. Add to ~/.bashrc:  eval \"\$$($(PREFIX)/bin/hostguard init bash)\""
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

bench: release
	bench/prompt.sh

clean:
	rm -rf .build .build-pkg dist

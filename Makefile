# SPDX-License-Identifier: GPL-2.0
#
# transit6: make builds transit6.ko and t6; make check runs everything.
#
#   make [KVER=<release> | KDIR=<build tree>]   module + tool
#   make install                                module to updates/, t6 to /usr/local/sbin,
#                                               the ip plugin to /usr/lib/<multiarch>/ip,
#                                               t6(8) and transit6(7) to /usr/local/share/man,
#                                               bash completion for t6 and ip link,
#                                               NetworkManager/networkd snippets
#   make install-tools                           all of it but the module (transit6-tools)
#   make uninstall                              all of it again (DESTDIR= honoured)
#   make check                                  the whole test suite (see README)
#   make check-deb                              the .debs installed and purged in guests
#   make demo | bench                           in a VM when modules cannot load here
#
# Each kernel gets its own object tree, build/<release>/, so builds for
# 6.1, 6.12 and the debug kernel never mix.

PREFIX ?= /usr/local
DESTDIR ?=
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
# NetworkManager and systemd-networkd read their vendor snippets here only
NMCONFDIR ?= /usr/lib/NetworkManager/conf.d
NETWORKDDIR ?= /usr/lib/systemd/network
UNITDIR ?= /usr/lib/systemd/system

# KVER: the running kernel if its headers are here, else the newest
# installed Debian headers.
KVER ?= $(shell if [ -d /lib/modules/$$(uname -r)/build ]; then uname -r; \
	else ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | \
	sed 's|/usr/src/linux-headers-||' | sort -V | tail -n1; fi)
KDIR ?= $(if $(wildcard /lib/modules/$(KVER)/build),/lib/modules/$(KVER)/build,/usr/src/linux-headers-$(KVER))
BUILD := build/$(KVER)
# one version for the module, t6 and the packages (tools/version); a
# packager's T6_VERSION (debian/rules') wins
ifndef T6_VERSION
T6_VERSION := $(shell tools/version)
endif
export T6_VERSION
SRCS := Kbuild $(wildcard kernel/*.c kernel/*.h kernel/uapi/*.h kernel/teredo/*.c \
		kernel/teredo/*.h tests/kunit/*.c)

.PHONY: all module tool install install-tools uninstall clean check check-deb demo bench static \
	checkpatch sparse modules-all

all: module tool

# A tree of symlinks per kernel: kbuild writes objects next to sources.
$(BUILD)/.stamp: $(SRCS)
	@test -n "$(KVER)" || { echo "no kernel headers found: install linux-headers-amd64" >&2; exit 1; }
	@mkdir -p $(BUILD)/kernel/uapi $(BUILD)/kernel/teredo $(BUILD)/tests/kunit
	@for f in $(SRCS); do ln -sf $(CURDIR)/$$f $(BUILD)/$$f; done
	@touch $@

module: $(BUILD)/.stamp
	$(MAKE) -C $(KDIR) M=$(CURDIR)/$(BUILD) W=1 T6_VERSION=$(T6_VERSION) modules
	@echo "built $(BUILD)/transit6.ko ($(T6_VERSION))"

tool:
	$(MAKE) -C tools/t6
	$(MAKE) -C tools/iproute2

install: module install-tools
	$(MAKE) -C $(KDIR) M=$(CURDIR)/$(BUILD) INSTALL_MOD_DIR=updates \
		$(if $(DESTDIR),INSTALL_MOD_PATH=$(DESTDIR)) modules_install
	$(if $(DESTDIR),,depmod -a $(KVER))

# everything but the module: the transit6-tools package is this
install-tools: tool
	$(MAKE) -C tools/t6 install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)
	$(MAKE) -C tools/iproute2 install DESTDIR=$(DESTDIR)
	install -d $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(MANDIR)/man8
	install -m 0644 Documentation/man/transit6.7 $(DESTDIR)$(MANDIR)/man7/
	install -m 0644 Documentation/man/t6.8 $(DESTDIR)$(MANDIR)/man8/
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)/etc/bash_completion.d
	install -m 0644 tools/completion/t6 $(DESTDIR)$(BASHCOMPDIR)/t6
	install -m 0644 tools/completion/ip-transit6 $(DESTDIR)/etc/bash_completion.d/ip-transit6
	install -d $(DESTDIR)$(NMCONFDIR) $(DESTDIR)$(NETWORKDDIR)
	install -m 0644 tools/system/NetworkManager-transit6.conf $(DESTDIR)$(NMCONFDIR)/transit6.conf
	install -m 0644 tools/system/10-transit6.network $(DESTDIR)$(NETWORKDDIR)/10-transit6.network
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|@SBINDIR@|$(PREFIX)/sbin|g' tools/system/transit6.service.in \
		>$(DESTDIR)$(UNITDIR)/transit6.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/transit6.service

# what install put there, compressed or not (6.12's modules_install
# compresses); depmod only for the live system, never under DESTDIR
uninstall:
	rm -f $(foreach s,.ko .ko.xz .ko.zst .ko.gz,$(DESTDIR)/lib/modules/$(KVER)/updates/transit6$(s))
	$(MAKE) -C tools/t6 uninstall DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)
	$(MAKE) -C tools/iproute2 uninstall DESTDIR=$(DESTDIR)
	rm -f $(DESTDIR)$(MANDIR)/man7/transit6.7 $(DESTDIR)$(MANDIR)/man8/t6.8
	rm -f $(DESTDIR)$(BASHCOMPDIR)/t6 $(DESTDIR)/etc/bash_completion.d/ip-transit6
	rm -f $(DESTDIR)$(NMCONFDIR)/transit6.conf $(DESTDIR)$(NETWORKDDIR)/10-transit6.network
	rm -f $(DESTDIR)$(UNITDIR)/transit6.service
	$(if $(DESTDIR),,depmod -a $(KVER))

clean:
	rm -rf build
	$(MAKE) -C tools/t6 clean
	$(MAKE) -C tools/iproute2 clean

# Build for both Debian kernel lines (checked by make check).
modules-all:
	@for k in $$(tests/kernels); do $(MAKE) module KVER=$$k || exit 1; done

checkpatch:
	tests/static/checkpatch

sparse: $(BUILD)/.stamp
	$(MAKE) -C $(KDIR) M=$(CURDIR)/$(BUILD) C=2 modules

check:
	tests/check

check-deb:
	tests/vm/deb-check

demo:
	tests/demo/run

bench:
	tests/bench/run

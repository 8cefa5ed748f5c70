# SPDX-License-Identifier: GPL-2.0-only
# pagewalk — one non-recursive Makefile for the host tool, the guest and the tests.
#
#   make            build ./pagewalk
#   make run        build and open the home menu
#   make check      build everything and run every test suite
#                   (SUITES="unit cli" some suites, TESTS=tests/tui/lesson.sh
#                   one script; tests/README.md says what goes where)
#   make sanitize   the same suites against an ASan+UBSan build
#   make bench      benchmarks that print figures
#   make linux      Linux 6.1 kernels and init into the cache (docs/linux.md)
#   make deps       install the Debian packages we need (root) or print the command
#   make install    PREFIX=/usr/local DESTDIR=
#
# V=1 shows the full commands.

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/pagewalk
MANDIR   ?= $(PREFIX)/share/man
VERSION  := 0.1.0

BUILD    ?= build
CC       ?= cc
CFLAGS   ?= -O2 -g
SAN      ?=

V ?= 0
ifeq ($(V),1)
Q :=
else
Q := @
endif
say = $(if $(filter 1,$(V)),,@printf '  %-7s %s\n' $(1) $(2);)

# ---- packages ----
# Build-time libraries (make run) and everything the test suites drive (make check).
# linux-source-6.1: Linux's own lines shown in lessons and the replayer are read
# from its tarball at run time (engine/source/linuxsrc.c); pagewalk holds no copy.
# liblzma-dev: that tarball is read by xz block, only the blocks a file needs.
DEPS_BUILD := gcc make pkg-config libncurses-dev libyaml-dev liblzma-dev linux-source-6.1
DEPS_CHECK := $(DEPS_BUILD) libcmocka-dev tmux python3 python3-yaml python3-markdown clang \
              libclang-rt-14-dev strace \
              qemu-system-x86 bochs bochsbios vgabios \
              grub-pc-bin grub-common xorriso mtools gdb

# Installs run one at a time (flock): test suites running side by side may
# each ask for packages, and apt-get refuses while another holds its lock.
define install_deps
	@missing() { for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q '^install ok installed' || echo $$p; done; }; \
	missing=$$(missing); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    exec 9>/tmp/pagewalk-apt.lock; flock 9; \
	    missing=$$(missing); [ -n "$$missing" ] || exit 0; \
	    echo "pagewalk: installing:" $$missing; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) $$missing >/dev/null || exit 1; \
	else \
	    echo "pagewalk: missing Debian packages. Install them with:" >&2; \
	    echo "  sudo apt-get update && sudo apt-get install -y$(if $(2), $(2))" $$missing >&2; exit 1; \
	fi
endef

# ---- host tool ----
PKGS      := ncursesw yaml-0.1 liblzma
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lncursesw -ltinfo -lyaml -llzma) -pthread
WARN      := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wformat=2 -Wwrite-strings -Werror
ifneq ($(SAN),)
SANFLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
HOST_CPPFLAGS = -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -DPAGEWALK_VERSION='"$(VERSION)"' \
                -Iengine -Itui $(PKG_CFLAGS)
HOST_CFLAGS   = $(WARN) $(CFLAGS) $(SANFLAGS) -pthread -MMD -MP

# engine/ is grouped by subsystem, tui/ by layer (cmd/ commands, screen/
# screens, draw/ drawing); each group's header states its contract. A file
# includes another group's header by its group ("trace/trace.h"); a
# group's private headers (*_int.h) by bare name, from its own folder only.
ENGINE_GROUPS := util source paging lesson trace record catalog
TUI_GROUPS    := cmd screen draw
ENGINE_SRC := $(sort $(wildcard $(ENGINE_GROUPS:%=engine/%/*.c)))
TUI_SRC    := $(sort $(wildcard tui/*.c $(TUI_GROUPS:%=tui/%/*.c)))
ENGINE_OBJ := $(ENGINE_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ    := $(TUI_SRC:%.c=$(BUILD)/%.o)
ENGINE_LIB := $(BUILD)/libpwengine.a
PAGEWALK   := $(BUILD)/pagewalk

.PHONY: all run check sanitize bench deps deps-build install uninstall clean fuzz readme-captures
all: $(PAGEWALK) pagewalk

$(BUILD)/%.o: %.c
	$(call say,CC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) -c $< -o $@

# The installed data directory is compiled into one object, datadir.o. Its
# stamp holds the DATADIR it was built with and changes only when DATADIR
# does (e.g. `make install PREFIX=/opt/pw` after a plain `make`), so the
# binary always looks where it is installed.
DATADIR_STAMP := $(BUILD)/datadir.stamp
$(DATADIR_STAMP): FORCE
	$(Q)mkdir -p $(@D)
	$(Q)if [ "$$(cat $@ 2>/dev/null)" != '$(DATADIR)' ]; then printf '%s\n' '$(DATADIR)' > $@; fi
$(BUILD)/engine/util/datadir.o: $(DATADIR_STAMP)
$(BUILD)/engine/util/datadir.o: HOST_CPPFLAGS += -DPAGEWALK_DATADIR='"$(DATADIR)"'
.PHONY: FORCE
FORCE:

$(ENGINE_LIB): $(ENGINE_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(PAGEWALK): $(TUI_OBJ) $(ENGINE_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $(TUI_OBJ) $(ENGINE_LIB) $(PKG_LIBS)

# ./pagewalk at the top is the normal build's binary (a copy, so it runs from a clone).
pagewalk: $(PAGEWALK)
	$(Q)cp $< $@.tmp && mv -f $@.tmp $@

# ---- unit tests (cmocka): tests/unit/test_*.c, one binary each ----
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%)
# tests/unit/fixture.c (temporary directories, the environment, Linux
# source tarballs and caches) is linked into every one.
UNIT_FIX := $(BUILD)/tests/unit/fixture.o
$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(UNIT_FIX) $(ENGINE_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $< $(UNIT_FIX) $(ENGINE_LIB) $(PKG_LIBS) -lcmocka

# ---- headless screens (tests/tui/headless.c) ----
# The tui's objects (all but main.o) driven without a terminal, for the
# every-step sweeps (tests/tui/fit.sh, play_every_lesson.sh).
HEADLESS := $(BUILD)/tests/tui/headless
$(HEADLESS): $(BUILD)/tests/tui/headless.o $(filter-out $(BUILD)/tui/main.o,$(TUI_OBJ)) $(ENGINE_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(PKG_LIBS)
-include $(BUILD)/tests/tui/headless.d

# ---- guest ----
# The freestanding i386 kernel (guest/), its GRUB ISO, and one-scenario runs:
#   make guest                                   build/guest/guest.elf, guest.iso
#   make guest-qemu  SCENARIO=vmalloc MODE=pae   run headless under QEMU, show the records
#   make guest-bochs SCENARIO=vmalloc MODE=pae   the same under Bochs
GUEST_DIR    := $(BUILD)/guest
GUEST_CC     ?= gcc
GUEST_CFLAGS := -m32 -march=i686 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
                -fcf-protection=none -mgeneral-regs-only -nostdlib -O2 \
                -Wall -Wextra -Werror -MMD -MP
GUEST_SRC    := $(sort $(wildcard guest/*.c guest/*.S))
GUEST_HDR    := $(sort $(wildcard guest/*.h))
GUEST_OBJ    := $(GUEST_SRC:guest/%=$(GUEST_DIR)/%.o)
GUEST_ELF    := $(GUEST_DIR)/guest.elf
GUEST_ISO    := $(GUEST_DIR)/guest.iso
# The build id depends only on the sources, so re-recordings compare equal.
GUEST_ID     := $(shell cat $(GUEST_SRC) $(GUEST_HDR) guest/linker.ld 2>/dev/null | sha256sum | cut -c1-8)
GUEST_MENU   := "mode=2level scenario=all" "mode=pae scenario=all" \
                $(foreach m,2level pae,$(foreach s,demand vmalloc protection,"mode=$(m) scenario=$(s)"))
SCENARIO     ?= all
MODE         ?= 2level
.PHONY: guest guest-qemu guest-bochs
guest: $(GUEST_ELF) $(GUEST_ISO)

$(GUEST_DIR)/%.c.o: guest/%.c
	$(call say,CC32,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(GUEST_CC) $(GUEST_CFLAGS) -c $< -o $@

$(GUEST_DIR)/report.c.o: GUEST_CFLAGS += -DBUILD_ID='"$(GUEST_ID)"'
$(GUEST_DIR)/report.c.o: $(GUEST_SRC) $(GUEST_HDR) guest/linker.ld

$(GUEST_DIR)/%.S.o: guest/%.S
	$(call say,AS32,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(GUEST_CC) $(GUEST_CFLAGS) -c $< -o $@

$(GUEST_ELF): $(GUEST_OBJ) guest/linker.ld
	$(call say,LD32,$@)
	$(Q)ld -m elf_i386 -z noexecstack -nostdlib -T guest/linker.ld -o $@ $(GUEST_OBJ)

$(GUEST_ISO): $(GUEST_ELF) guest/mkiso.sh guest/grub.cfg.in
	$(call say,ISO,$@)
	$(Q)guest/mkiso.sh $(GUEST_ELF) $@ $(GUEST_MENU)

guest-qemu: $(GUEST_ELF) $(PAGEWALK)
	@st=0; PAGEWALK=$(PAGEWALK) guest/run-qemu.sh $(GUEST_ELF) $(GUEST_DIR)/qemu-$(MODE)-$(SCENARIO) \
	    "mode=$(MODE) scenario=$(SCENARIO)" || st=$$?; \
	cat $(GUEST_DIR)/qemu-$(MODE)-$(SCENARIO)/e9.txt; \
	echo "guest-qemu: exit $$st (33 pass, 35 fail, 124 timeout); log in $(GUEST_DIR)/qemu-$(MODE)-$(SCENARIO)/"; \
	[ $$st = 33 ]

guest-bochs: $(GUEST_ELF) $(PAGEWALK)
	@st=0; PAGEWALK=$(PAGEWALK) guest/run-bochs.sh $(GUEST_ELF) $(GUEST_DIR)/bochs-$(MODE)-$(SCENARIO) \
	    "mode=$(MODE) scenario=$(SCENARIO)" || st=$$?; \
	cat $(GUEST_DIR)/bochs-$(MODE)-$(SCENARIO)/e9.txt; \
	echo "guest-bochs: exit $$st (33 pass, 35 fail, 124 timeout); log in $(GUEST_DIR)/bochs-$(MODE)-$(SCENARIO)/"; \
	[ $$st = 33 ]

-include $(GUEST_OBJ:.o=.d)
# ---- end guest ----

# ---- linux ----
# Real Linux 6.1 (issue 13): `make linux` builds the 2level, pae and x86_64
# kernels, and the arm64 ones (issue 26: arm64-4k-39, arm64-4k-48,
# arm64-64k-42, cross-compiled), from Debian's linux-source-6.1 into the cache
# outside the clone (guest/linux/build.sh says where; docs/linux.md). A
# variant is reused while guest/linux/*.config and the driver are unchanged.
# LINUX_VARIANTS="2level" builds only some.
DEPS_LINUX     := build-essential bc flex bison libelf-dev xz-utils linux-source-6.1 gdb
# record --program on i386 modes: gcc -m32 -static needs 32-bit glibc and
# libgcc, without Recommends (gcc-multilib conflicts with the aarch64 cross
# compiler: apt would remove it)
DEPS_LINUX_PROGRAM := libc6-dev-i386 lib32gcc-12-dev
LINUX_VARIANTS ?= 2level pae x86_64 thppti arm64-4k-39 arm64-4k-48 arm64-64k-42
.PHONY: linux deps-linux
deps-linux:
	$(call install_deps,$(DEPS_LINUX))
	$(call install_deps,$(DEPS_LINUX_PROGRAM),--no-install-recommends)
linux: deps-linux $(if $(filter arm64-%,$(LINUX_VARIANTS)),deps-linux-arm64)
	$(Q)sh guest/linux/build.sh $(LINUX_VARIANTS)
# arm64 (issue 26): the cross compiler, qemu-system-aarch64 and a gdb that
# reads arm64, without Recommends (qemu-efi-* would add 395 MB). The
# kernels' options are guest/linux/arm64-common.config and
# arm64-<granule>-<bits>.config (the variant rows of guest/linux/linux.tab).
# gcc-12-aarch64-linux-gnu conflicts with gcc-multilib: leave that out.
DEPS_LINUX_ARM64 := gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm gdb-multiarch
.PHONY: deps-linux-arm64
deps-linux-arm64: deps-linux
	$(call install_deps,$(DEPS_LINUX_ARM64),--no-install-recommends)
# make bench: make linux warm (LINUX_BENCH_COLD=1: also cold), record time
# per mode and scenario, per fault, and for a learner's program (wall and
# CPU: /usr/bin/time, Debian's time, measures gdb and QEMU with pagewalk).
DEPS_BENCH_LINUX := time
.PHONY: deps-bench-linux
deps-bench-linux:
	$(call install_deps,$(DEPS_BENCH_LINUX))
bench:: deps-linux deps-bench-linux
	@echo "== linux"
	$(Q)BUILD=$(BUILD) sh tests/bench/linux.sh
# ---- end linux ----

# ---- engine bench ----
# tests/bench/bench_*.c: one binary each, printing figures (never pass/fail).
BENCH_SRC := $(sort $(wildcard tests/bench/bench_*.c))
BENCH_BIN := $(BENCH_SRC:tests/bench/%.c=$(BUILD)/tests/bench/%)
$(BUILD)/tests/bench/%: $(BUILD)/tests/bench/%.o $(ENGINE_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $< $(ENGINE_LIB) $(PKG_LIBS)
bench:: $(BENCH_BIN)
	$(Q)for b in $(BENCH_BIN); do echo "== $$b"; $$b || exit 1; done
# The recorder counting 200 MB of fault records as they come (target:
# under 1.5 s of CPU in all; 2.4 s when it re-read the file).
bench:: pagewalk
	@echo "== record: 200 MB of records"
	$(Q)rm -rf $(BUILD)/bench/flood && mkdir -p $(BUILD)/bench/flood
	$(Q)sh tests/bench/record_flood.sh ./pagewalk $(abspath $(BUILD)/bench/flood) | \
		awk '/^last:/ { print "progress " $$0 } /^cpu:/ { t = $$2 + 0; \
		printf "CPU %.2f s (target under 1.5 s): %s\n", t, t < 1.5 ? "met" : "MISSED" }'
# ---- end engine bench ----

# ---- replay bench ----
# The replayer's figures (issue 7) on a synthesised 100 000-event trace:
# load time against libyaml alone, memory per event, seek time (C), bytes
# to the terminal per step and CPU while paused (a pty, python3). Each figure
# is printed with its target and met/MISSED; docs/performance.md explains them.
REPLAY_BENCH_EVENTS ?= 100000
REPLAY_BENCH_TRACE  := $(BUILD)/bench/replay-$(REPLAY_BENCH_EVENTS).yaml
$(BUILD)/tests/bench/gentrace $(BUILD)/tests/bench/replay_bench: $(BUILD)/tests/bench/%: $(BUILD)/tests/bench/%.o $(ENGINE_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $< $(ENGINE_LIB) $(PKG_LIBS)
$(REPLAY_BENCH_TRACE): $(BUILD)/tests/bench/gentrace
	$(Q)mkdir -p $(@D)
	$(Q)$< -n $(REPLAY_BENCH_EVENTS) > $@.tmp && mv $@.tmp $@
bench:: $(BUILD)/tests/bench/replay_bench $(REPLAY_BENCH_TRACE) pagewalk
	@echo "== replay: $(REPLAY_BENCH_TRACE)"
	$(Q)$(BUILD)/tests/bench/replay_bench $(REPLAY_BENCH_TRACE)
	$(Q)python3 tests/bench/ptybench.py ./pagewalk $(REPLAY_BENCH_TRACE)
# ---- end replay bench ----

# ---- replay guest source ----
# The replayer's code pane can show the guest's own handler: guest/fault.c is
# compiled into the engine library as one C string (replay_guest_fault_c), so
# the binary always has the source its traces were recorded with. The lines
# to highlight are found in it by name (engine/trace/replay_guest.c).
REPLAY_GUEST_C := $(BUILD)/gen/replay_guest_src.c
$(REPLAY_GUEST_C): guest/fault.c
	$(call say,GEN,$@)
	$(Q)mkdir -p $(@D)
	$(Q){ echo '/* generated by the Makefile from guest/fault.c: do not edit */'; \
	    echo 'extern const char replay_guest_fault_c[];'; \
	    echo 'const char replay_guest_fault_c[] ='; \
	    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/\t/\\t/g' \
	        -e 's/^/\t"/' -e 's/$$/\\n"/' guest/fault.c; \
	    echo ';'; } > $@.tmp && mv -f $@.tmp $@
$(REPLAY_GUEST_C:.c=.o): $(REPLAY_GUEST_C)
	$(call say,CC,$<)
	$(Q)$(CC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) -c $< -o $@
$(ENGINE_LIB): $(REPLAY_GUEST_C:.c=.o)
# ---- end replay guest source ----

# ---- new-lesson template ----
# `pagewalk new-lesson` writes docs/new-lesson.yaml, compiled in as one C
# string (new_lesson_yaml, without the SPDX line: the user's lesson is
# theirs) so the installed binary needs no data file.
NEW_LESSON_C := $(BUILD)/gen/new_lesson_src.c
$(NEW_LESSON_C): docs/new-lesson.yaml
	$(call say,GEN,$@)
	$(Q)mkdir -p $(@D)
	$(Q){ echo '/* generated by the Makefile from docs/new-lesson.yaml: do not edit */'; \
	    echo 'extern const char new_lesson_yaml[];'; \
	    echo 'const char new_lesson_yaml[] ='; \
	    sed -e '/^# SPDX-License-Identifier/d' \
	        -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/\t/\\t/g' \
	        -e 's/^/\t"/' -e 's/$$/\\n"/' docs/new-lesson.yaml; \
	    echo ';'; } > $@.tmp && mv -f $@.tmp $@
$(NEW_LESSON_C:.c=.o): $(NEW_LESSON_C)
	$(call say,CC,$<)
	$(Q)$(CC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) -c $< -o $@
$(ENGINE_LIB): $(NEW_LESSON_C:.c=.o)
# ---- end new-lesson template ----

# ---- recorder configuration ----
# Each emulator's configuration has one source in guest/ that the run
# scripts read and the recorder compiles in: the QEMU, Bochs, gdb and
# grub-mkrescue command lines (guest/*.args), bochsrc.in, grub.cfg.in and
# the walk witnesses' scripts (walkwitness.py for gdb, bochswitness.py for
# Bochs's debugger, the one page walker in hwwalk.py) become C strings in
# $(RECORD_CFG_C) (engine/record/emu_config.c uses them). So does all the
# Linux recorder runs (guest/linux/: the table of modes, variants and
# scenarios, the init and its build, the QEMU command, the tracer), so an
# installed pagewalk records Linux from any directory. A file's string is
# record_cfg_ + its path below guest/ with '/', '.' and '-' as '_'
# (guest/linux/trace.py: record_cfg_linux_trace_py).
RECORD_CFG_IN := guest/qemu.args guest/bochs.args guest/mkrescue.args guest/bochsrc.in guest/grub.cfg.in \
                 guest/gdb.args guest/walkwitness.py guest/bochswitness.args \
                 guest/bochswitness.py guest/hwwalk.py \
                 guest/linux/linux.tab guest/linux/qemu.args guest/linux/qemu.sh.in guest/linux/trace.py \
                 guest/linux/execlog.py \
                 guest/linux/init.c guest/linux/init.args guest/linux/initramfs.list \
                 guest/linux/progrun.c
RECORD_CFG_C  := $(BUILD)/gen/record_config.c
$(RECORD_CFG_C): $(RECORD_CFG_IN)
	$(call say,GEN,$@)
	$(Q)mkdir -p $(@D)
	$(Q){ echo '/* generated by the Makefile from guest/: do not edit */'; \
	    for f in $(RECORD_CFG_IN); do \
	        n=$$(echo "$${f#guest/}" | tr './-' '___'); \
	        echo "extern const char record_cfg_$$n[];"; \
	        echo "const char record_cfg_$$n[] ="; \
	        sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/\t/\\t/g' \
	            -e 's/^/\t"/' -e 's/$$/\\n"/' $$f; \
	        echo ';'; \
	    done; } > $@.tmp && mv -f $@.tmp $@
$(RECORD_CFG_C:.c=.o): $(RECORD_CFG_C)
	$(call say,CC,$<)
	$(Q)$(CC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) -c $< -o $@
$(ENGINE_LIB): $(RECORD_CFG_C:.c=.o)
# ---- end recorder configuration ----

# ---- top-level targets ----
deps-build:
	$(call install_deps,$(DEPS_BUILD))
deps:
	$(call install_deps,$(DEPS_CHECK))

run: deps-build
	$(Q)$(MAKE) --no-print-directory all
	./pagewalk

TEST_BUILD := $(PAGEWALK) $(UNIT_BIN) $(HEADLESS)
# Regenerate the README's screen captures from the program (tests/tui/readme.sh checks them).
readme-captures: $(BUILD)/pagewalk
	tests/readme-captures.sh --update

# every package the suites use is installed before they start side by side
check: deps deps-linux deps-linux-arm64
	$(Q)$(MAKE) --no-print-directory $(TEST_BUILD) pagewalk guest
	$(Q)BUILD=$(BUILD) PAGEWALK=$(abspath $(PAGEWALK)) sh tests/run.sh $(TESTS)

sanitize: deps
	$(Q)$(MAKE) --no-print-directory BUILD=build/san SAN=1 check

clean:
	rm -rf build pagewalk

install: $(PAGEWALK)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/lessons $(DESTDIR)$(DATADIR)/traces $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(PAGEWALK) $(DESTDIR)$(BINDIR)/pagewalk
	for f in lessons/*.yaml; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/lessons/; done; true
	for f in traces/*.yaml; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/traces/; done; true
	install -m 644 docs/pagewalk.1 $(DESTDIR)$(MANDIR)/man1/pagewalk.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pagewalk $(DESTDIR)$(MANDIR)/man1/pagewalk.1
	rm -rf $(DESTDIR)$(DATADIR)

-include $(ENGINE_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%.d) \
         $(UNIT_FIX:.o=.d)

# ---- fuzz ----
# libFuzzer harnesses tests/fuzz/fuzz_<name>.c over the engine's loaders, built
# with clang in build/fuzz/ (the engine recompiled there with
# -fsanitize=fuzzer-no-link,address,undefined; the normal build is untouched).
#   make fuzz                 each harness for FUZZ_SECONDS (default 60) on its
#                             corpus tests/fuzz/corpus/<name>/ (seeds, kept in git)
#                             plus build/fuzz/corpus/<name>/ (what it grew);
#                             a crash is saved under tests/fuzz/regress/<name>/
#   make fuzz-build           only build the harnesses
# make check runs tests/fuzz/fuzz.sh: every seed and regression input (the
# exploring is make fuzz's, never make check's).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_DIR     := build/fuzz
FUZZ_SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
                 -fno-omit-frame-pointer
FUZZ_CFLAGS  := $(filter-out -Werror,$(WARN)) -O1 -g $(FUZZ_SANFLAGS) -MMD -MP
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES   := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_BIN     := $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_OBJ     := $(ENGINE_SRC:%.c=$(FUZZ_DIR)/%.o)
.PHONY: fuzz-build
TEST_BUILD   += $(FUZZ_BIN)

$(FUZZ_DIR)/engine/%.o: engine/%.c
	$(call say,FUZZCC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(HOST_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/libpwengine.a: $(FUZZ_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_DIR)/libpwengine.a
	$(call say,FUZZLD,$@)
	$(Q)$(FUZZ_CC) $(HOST_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< \
	    $(FUZZ_DIR)/libpwengine.a $(PKG_LIBS)

fuzz-build: $(FUZZ_BIN)

fuzz: deps
	$(Q)$(MAKE) --no-print-directory fuzz-build
	$(Q)for n in $(FUZZ_NAMES); do \
	    mkdir -p $(FUZZ_DIR)/corpus/$$n tests/fuzz/regress/$$n; \
	    echo "== fuzz_$$n for $(FUZZ_SECONDS) s"; \
	    $(FUZZ_DIR)/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	        -timeout=10 -print_final_stats=1 -artifact_prefix=tests/fuzz/regress/$$n/ \
	        $(FUZZ_DIR)/corpus/$$n tests/fuzz/corpus/$$n || exit 1; \
	done

-include $(FUZZ_OBJ:.o=.d)
# ---- end fuzz ----

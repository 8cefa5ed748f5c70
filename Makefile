# pagewalk — one non-recursive Makefile for the host tool, the guest and the tests.
#
#   make            build ./pagewalk
#   make run        build and open the home menu
#   make check      build everything and run every test suite
#   make sanitize   the same suites against an ASan+UBSan build
#   make bench      benchmarks that print figures
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
DEPS_BUILD := gcc make pkg-config libncurses-dev libyaml-dev
DEPS_CHECK := $(DEPS_BUILD) libcmocka-dev tmux python3 clang libclang-rt-14-dev \
              qemu-system-x86 bochs bochsbios vgabios \
              grub-pc-bin grub-common xorriso mtools

define install_deps
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q '^install ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "pagewalk: installing:" $$missing; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	else \
	    echo "pagewalk: missing Debian packages. Install them with:" >&2; \
	    echo "  sudo apt-get update && sudo apt-get install -y" $$missing >&2; exit 1; \
	fi
endef

# ---- host tool ----
PKGS      := ncursesw yaml-0.1
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lncursesw -ltinfo -lyaml)
WARN      := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wformat=2 -Wwrite-strings -Werror
ifneq ($(SAN),)
SANFLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
HOST_CPPFLAGS = -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -DPAGEWALK_VERSION='"$(VERSION)"' \
                -DPAGEWALK_DATADIR='"$(DATADIR)"' -Iengine $(PKG_CFLAGS)
HOST_CFLAGS   = $(WARN) $(CFLAGS) $(SANFLAGS) -MMD -MP

ENGINE_SRC := $(sort $(wildcard engine/*.c))
TUI_SRC    := $(sort $(wildcard tui/*.c))
ENGINE_OBJ := $(ENGINE_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ    := $(TUI_SRC:%.c=$(BUILD)/%.o)
ENGINE_LIB := $(BUILD)/libpwengine.a
PAGEWALK   := $(BUILD)/pagewalk

.PHONY: all run check sanitize bench deps deps-build install uninstall clean fuzz
all: $(PAGEWALK) pagewalk

$(BUILD)/%.o: %.c
	$(call say,CC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) -c $< -o $@

$(ENGINE_LIB): $(ENGINE_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(PAGEWALK): $(TUI_OBJ) $(ENGINE_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $(TUI_OBJ) $(ENGINE_LIB) $(PKG_LIBS)

# ./pagewalk at the top is the normal build's binary (a copy, so it runs from a clone).
pagewalk: $(PAGEWALK)
	$(Q)cp $< $@

# ---- unit tests (cmocka): tests/unit/test_*.c, one binary each ----
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%)
$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(ENGINE_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $< $(ENGINE_LIB) $(PKG_LIBS) -lcmocka

# ---- guest ----
GUEST_DIR := $(BUILD)/guest
.PHONY: guest
# ---- end guest ----

# ---- top-level targets ----
deps-build:
	$(call install_deps,$(DEPS_BUILD))
deps:
	$(call install_deps,$(DEPS_CHECK))

run: deps-build
	$(Q)$(MAKE) --no-print-directory all
	./pagewalk

TEST_BUILD := $(PAGEWALK) $(UNIT_BIN)
check: deps
	$(Q)$(MAKE) --no-print-directory $(TEST_BUILD) pagewalk guest
	$(Q)BUILD=$(BUILD) PAGEWALK=$(abspath $(PAGEWALK)) sh tests/run.sh

sanitize: deps
	$(Q)$(MAKE) --no-print-directory BUILD=build/san SAN=1 check

clean:
	rm -rf build pagewalk

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/lessons $(DESTDIR)$(DATADIR)/traces $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(PAGEWALK) $(DESTDIR)$(BINDIR)/pagewalk
	for f in lessons/*.yaml; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/lessons/; done; true
	for f in traces/*.yaml; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/traces/; done; true
	install -m 644 docs/pagewalk.1 $(DESTDIR)$(MANDIR)/man1/pagewalk.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pagewalk $(DESTDIR)$(MANDIR)/man1/pagewalk.1
	rm -rf $(DESTDIR)$(DATADIR)

-include $(ENGINE_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%.d)

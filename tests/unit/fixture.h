/* SPDX-License-Identifier: GPL-2.0-only */
/* fixture.h - what the unit tests share: a temporary directory made fresh
 * and removed whole, files written into it, the environment the engine
 * reads (set, then read again: util/env.h), and Linux source tarballs and
 * caches of our own text laid out like linux-source-6.1.
 *
 * Linked into every tests/unit/test_*.c binary. Every helper checks what
 * it does with cmocka's asserts: a fixture that cannot be made fails the
 * test that asked for it, loudly, never half-made.
 */
#ifndef PAGEWALK_TEST_FIXTURE_H
#define PAGEWALK_TEST_FIXTURE_H

#include <stddef.h>

struct fx_tmp {
	char dir[96];                /* /tmp/pw-NAME-XXXXXX */
};

/* Make a fresh directory /tmp/pw-NAME-XXXXXX into t. */
void fx_tmp_new(struct fx_tmp *t, const char *name);
/* Remove the directory and everything under it (no shell, no symbolic
 * link followed out of it); t->dir is "" after. A no-op on "". */
void fx_tmp_free(struct fx_tmp *t);
/* t->dir/rel into buf; returns buf. */
const char *fx_path(const struct fx_tmp *t, const char *rel, char *buf, size_t len);
/* Write text to t->dir/rel, making the directories on the way. */
void fx_write(const struct fx_tmp *t, const char *rel, const char *text);
/* Run a shell command that must succeed (printf-style). */
void fx_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Set the variable name to value (NULL: unset it) and have the engine read
 * the environment again (env_read). */
void fx_env(const char *name, const char *value);

/* Tar t->dir/src's linux-source-6.1/ into t->dir/name.tar.xz, as Debian
 * ships it; its path into buf (returned). */
const char *fx_tarball(const struct fx_tmp *t, const char *src, const char *name, char *buf,
		       size_t len);
/* Point PAGEWALK_LINUX_SOURCE at t->dir/name.tar.xz. */
void fx_use_tarball(const struct fx_tmp *t, const char *name);
/* An empty cache for Linux's lines at t->dir/cache (removed if there),
 * XDG_CACHE_HOME pointing at it; its path into buf (returned). */
const char *fx_cache(const struct fx_tmp *t, char *buf, size_t len);

#endif

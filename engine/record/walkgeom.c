/* SPDX-License-Identifier: GPL-2.0-only */
/* walkgeom.c - the gdb scripts' walk geometry, from engine/paging. */
#include "record/walkgeom.h"

#include <stdio.h>

#include "paging/walk.h"

size_t walkgeom_text(const struct arch *a, char *buf, size_t len)
{
	size_t n = 0;
	int w;

#define PUT(...) do { w = snprintf(buf + (n < len ? n : len), n < len ? len - n : 0, \
				   __VA_ARGS__); n += w > 0 ? (size_t)w : 0; } while (0)
	if (len)
		buf[0] = 0;
	PUT("format=%s\n", a->family == FAMILY_ARM64 ? "arm64" : "x86");
	PUT("word=%u\ncr3-mask=0x%llx\nentry-mask=0x%llx\n", a->word_bits / 8,
	    (unsigned long long)walk_cr3_base(a, ~0ULL), (unsigned long long)walk_entry_addr(a, ~0ULL));
	for (int lv = LEVEL_PGD; lv < LEVEL_COUNT; lv++) {
		const struct level_info *li = &a->level[lv];
		if (li->folded)
			PUT("level=%s\n", level_name((enum level)lv));
		else
			PUT("level=%s:%u:%u:%u:%d\n", level_name((enum level)lv), li->shift,
			    arch_index_bits(a, (enum level)lv), a->entry_size,
			    lv != LEVEL_PTE && arch_large_page(a, (enum level)lv));
	}
#undef PUT
	return n;
}

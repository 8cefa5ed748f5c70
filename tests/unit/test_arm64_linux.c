/* SPDX-License-Identifier: GPL-2.0-only */
/* test_arm64_linux.c - the arm64 model's constants and names against Linux
 * 6.1's own source, read at test time from the installed linux-source-6.1
 * (engine/source/linuxsrc.h; never a copy):
 *   arch/arm64/include/asm/pgtable-hwdef.h  PTE_* and PMD_TABLE_* bits
 *   arch/arm64/include/asm/pgtable-prot.h   Linux's software bits
 *   arch/arm64/include/asm/esr.h            EC values, field shifts, FSC types
 *   arch/arm64/mm/fault.c                   fault_info[]: each status code's
 *                                           name and handler
 *   arch/arm64/kernel/traps.c               esr_class_str[] names
 * so a wrong bit, code or name in engine/paging/arm64*.c fails here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "paging/arm64.h"
#include "source/linuxsrc.h"

static struct linuxsrc *src;

static int setup(void **state)
{
	struct diag d = { 0 };

	(void)state;
	if (linuxsrc_open(&src, &d) < 0) {
		print_error("linux-source-6.1 is needed (make deps installs it): %s\n", d.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	linuxsrc_close(src);
	return 0;
}

/* A copy of the file (extracted when it is not there yet) into f, which
 * the test frees with linuxsrc_file_free. */
static void read_file(const char *name, struct linuxsrc_file *f)
{
	struct linuxsrc_file *had;
	struct diag d = { 0 };
	size_t len = 0;
	char *buf;

	if (linuxsrc_get(src, name, true, &had, &d) != 0)
		fail_msg("%s: %s", name, d.msg);
	for (size_t i = 0; i < had->nlines; i++)
		len += strlen(had->lines[i]) + 1;
	assert_non_null(buf = malloc(len + 1));
	len = 0;
	for (size_t i = 0; i < had->nlines; i++) {
		size_t n = strlen(had->lines[i]);
		memcpy(buf + len, had->lines[i], n);
		len += n;
		buf[len++] = '\n';
	}
	assert_int_equal(linuxsrc_file_from(f, buf, len), 0);
}

/* The value of `#define NAME ...`: the number after "<< " when the
 * definition shifts, else the first number in it; -1 when not found. */
static long long define_value(const struct linuxsrc_file *f, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < f->nlines; i++) {
		const char *l = f->lines[i], *p;
		if (strncmp(l, "#define ", 8) != 0 || strncmp(l + 8, name, n) != 0 ||
		    (l[8 + n] != ' ' && l[8 + n] != '\t'))
			continue;
		p = strstr(l + 8 + n, "<< ");
		if (p)
			return strtoll(p + 3, NULL, 0);
		for (p = l + 8 + n; *p && !(*p >= '0' && *p <= '9'); p++)
			;
		return *p ? strtoll(p, NULL, 0) : -1;
	}
	return -1;
}

static void test_descriptor_bits(void **state)
{
	static const struct { const char *name; uint64_t bit; } bits[] = {
		{ "PTE_VALID", A64_VALID }, { "PTE_TABLE_BIT", A64_TABLE }, { "PTE_USER", A64_AP1 },
		{ "PTE_RDONLY", A64_AP2 }, { "PTE_AF", A64_AF }, { "PTE_NG", A64_NG },
		{ "PTE_DBM", A64_DBM }, { "PTE_CONT", A64_CONT }, { "PTE_PXN", A64_PXN },
		{ "PTE_UXN", A64_UXN }, { "PMD_TABLE_PXN", A64_PXNTABLE },
		{ "PMD_TABLE_UXN", A64_UXNTABLE },
	};
	static const struct { const char *name; uint64_t bit; } sw[] = {
		{ "PTE_DIRTY", A64_SW_DIRTY }, { "PTE_SPECIAL", A64_SW_SPECIAL },
		{ "PTE_DEVMAP", A64_SW_DEVMAP }, { "PTE_PROT_NONE", A64_SW_PROT_NONE },
	};
	struct linuxsrc_file hw, prot;

	(void)state;
	read_file("arch/arm64/include/asm/pgtable-hwdef.h", &hw);
	read_file("arch/arm64/include/asm/pgtable-prot.h", &prot);
	for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
		long long v = define_value(&hw, bits[i].name);
		if (v < 0 || 1ULL << v != bits[i].bit)
			fail_msg("%s: Linux says bit %lld, the model 0x%llx", bits[i].name, v,
				 (unsigned long long)bits[i].bit);
	}
	for (size_t i = 0; i < sizeof sw / sizeof sw[0]; i++) {
		long long v = define_value(&prot, sw[i].name);
		if (v < 0 || 1ULL << v != sw[i].bit)
			fail_msg("%s: Linux says bit %lld, the model 0x%llx", sw[i].name, v,
				 (unsigned long long)sw[i].bit);
	}
	linuxsrc_file_free(&hw);
	linuxsrc_file_free(&prot);
}

static void test_esr_fields(void **state)
{
	static const struct { const char *name; long long want; } defs[] = {
		{ "ESR_ELx_EC_IABT_LOW", ESR_EC_IABT_LOW }, { "ESR_ELx_EC_IABT_CUR", ESR_EC_IABT_CUR },
		{ "ESR_ELx_EC_DABT_LOW", ESR_EC_DABT_LOW }, { "ESR_ELx_EC_DABT_CUR", ESR_EC_DABT_CUR },
		{ "ESR_ELx_EC_SHIFT", ESR_EC_SHIFT }, { "ESR_ELx_IL_SHIFT", 25 },
		{ "ESR_ELx_WNR_SHIFT", 6 }, { "ESR_ELx_FSC", ESR_FSC },
		{ "ESR_ELx_FSC_FAULT", ESR_FSC_FAULT }, { "ESR_ELx_FSC_ACCESS", ESR_FSC_ACCESS },
		{ "ESR_ELx_FSC_PERM", ESR_FSC_PERM },
	};
	struct linuxsrc_file esr;

	(void)state;
	read_file("arch/arm64/include/asm/esr.h", &esr);
	for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++) {
		long long v = define_value(&esr, defs[i].name);
		if (v != defs[i].want)
			fail_msg("%s: Linux says 0x%llx, the model 0x%llx", defs[i].name, v,
				 defs[i].want);
	}
	assert_int_equal(ESR_IL, 1u << 25);
	assert_int_equal(ESR_WNR, 1u << 6);
	linuxsrc_file_free(&esr);
}

/* fault_info[] in fault.c: entry i is status code i. */
static void test_fault_info(void **state)
{
	struct linuxsrc_file f;
	size_t i, code = 0;
	int seen = 0;

	(void)state;
	read_file("arch/arm64/mm/fault.c", &f);
	for (i = 0; i < f.nlines && !strstr(f.lines[i], "fault_info[] = {"); i++)
		;
	assert_true(i < f.nlines);
	for (i++; i < f.nlines && code < 16; i++) {
		const char *l = f.lines[i], *q1, *q2;
		char fn[48] = "", name[80];
		if (strstr(l, "};"))
			break;
		if (sscanf(l, " { %47[a-z_]", fn) != 1 || !(q1 = strchr(l, '"')) ||
		    !(q2 = strchr(q1 + 1, '"')))
			continue;
		snprintf(name, sizeof name, "%.*s", (int)(q2 - q1 - 1), q1 + 1);
		if (code >= 4) {
			const char *ours = arm64_fsc_name((unsigned)code);
			uint32_t esr = (uint32_t)ESR_EC_DABT_LOW << 26 | ESR_IL | (uint32_t)code;
			const char *route = arm64_abort_route(arch_by_name("arm64-4k-39"), esr, 0x1000);
			if (ours ? strcmp(ours, name) != 0 : strncmp(name, "unknown", 7) != 0)
				fail_msg("status code 0x%02zx: Linux names it \"%s\", the model \"%s\"",
					 code, name, ours ? ours : "(none)");
			/* the handler the route starts with, or do_bad for what the model
			 * never reports */
			if (strncmp(route, fn, strlen(fn)) != 0)
				fail_msg("status code 0x%02zx: Linux calls %s, the model's route is %s",
					 code, fn, route);
			seen++;
		}
		code++;
	}
	assert_int_equal(seen, 12);           /* codes 0x04 .. 0x0f */
	linuxsrc_file_free(&f);
}

/* esr_class_str[] in traps.c: "[ESR_ELx_EC_DABT_LOW] = "DABT (lower EL)",". */
static void test_class_names(void **state)
{
	static const struct { const char *define; unsigned ec; } ecs[] = {
		{ "[ESR_ELx_EC_IABT_LOW]", ESR_EC_IABT_LOW }, { "[ESR_ELx_EC_IABT_CUR]", ESR_EC_IABT_CUR },
		{ "[ESR_ELx_EC_DABT_LOW]", ESR_EC_DABT_LOW }, { "[ESR_ELx_EC_DABT_CUR]", ESR_EC_DABT_CUR },
	};
	struct linuxsrc_file f;

	(void)state;
	read_file("arch/arm64/kernel/traps.c", &f);
	for (size_t k = 0; k < sizeof ecs / sizeof ecs[0]; k++) {
		bool found = false;
		for (size_t i = 0; i < f.nlines && !found; i++) {
			const char *p = strstr(f.lines[i], ecs[k].define), *q1, *q2;
			if (!p || !(q1 = strchr(p, '"')) || !(q2 = strchr(q1 + 1, '"')))
				continue;
			found = true;
			if (strlen(arm64_ec_name(ecs[k].ec)) != (size_t)(q2 - q1 - 1) ||
			    strncmp(arm64_ec_name(ecs[k].ec), q1 + 1, (size_t)(q2 - q1 - 1)) != 0)
				fail_msg("%s: Linux says %.*s, the model %s", ecs[k].define,
					 (int)(q2 - q1 - 1), q1 + 1, arm64_ec_name(ecs[k].ec));
		}
		assert_true(found);
	}
	linuxsrc_file_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_descriptor_bits),
		cmocka_unit_test(test_esr_fields),
		cmocka_unit_test(test_fault_info),
		cmocka_unit_test(test_class_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

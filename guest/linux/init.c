/* SPDX-License-Identifier: GPL-2.0-only */
/* init.c - pagewalk's /init for real Linux (docs/linux.md). pagewalk
 * compiles it in and builds it for the kernel's ABI (the variant's cc= in
 * guest/linux/linux.tab: -m32, -m64, arm64's) into the initramfs it boots.
 * No libc: a syscall shim per ABI (arm64: svc #0, clone for fork). Mounts /proc, runs the steps named by
 * steps=NAME,NAME... on the kernel command line in order (the kernel hands
 * unknown name=value words to init as environment strings; a scenario's
 * steps are its row in linux.tab), prints "pagewalk: ..." markers on the
 * console before each step, then reboot(2): QEMU exits under -no-reboot.
 * Faults that must kill (SIGSEGV) happen in a child. An unknown step, or
 * no steps= at all, is said on the console and ends the run without its
 * "pagewalk: end" marker (the recorder then fails the run). */
typedef unsigned long ulong;

#if defined(__aarch64__)
/* arm64's generic syscall table: no fork (clone with SIGCHLD does it), no
 * open (openat with AT_FDCWD); svc #0, the number in x8. */
enum { SYS_read = 63, SYS_write = 64, SYS_openat = 56, SYS_close = 57, SYS_mmap = 222,
       SYS_mprotect = 226, SYS_munmap = 215, SYS_clone = 220, SYS_exit = 93,
       SYS_wait4 = 260, SYS_mount = 40, SYS_reboot = 142 };
static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4),
			 "r"(x5) : "memory");
	return x0;
}
#elif defined(__x86_64__)
enum { SYS_read = 0, SYS_write = 1, SYS_open = 2, SYS_close = 3, SYS_mmap = 9,
       SYS_mprotect = 10, SYS_munmap = 11, SYS_fork = 57, SYS_exit = 60,
       SYS_wait4 = 61, SYS_mount = 165, SYS_reboot = 169, SYS_madvise = 28 };
static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	long r;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c),
			 "r"(r10), "r"(r8), "r"(r9) : "rcx", "r11", "memory");
	return r;
}
#else
enum { SYS_exit = 1, SYS_fork = 2, SYS_read = 3, SYS_write = 4, SYS_open = 5,
       SYS_close = 6, SYS_mount = 21, SYS_reboot = 88, SYS_munmap = 91, SYS_wait4 = 114,
       SYS_mprotect = 125, SYS_mmap = 192 /* mmap2: offset in pages */,
       SYS_madvise = 219 };
/* The sixth argument (ebp) is always 0 in our calls: mmap2's page offset. */
static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	long r;
	(void)f;
	__asm__ volatile("push %%ebp\n\txor %%ebp, %%ebp\n\tint $0x80\n\tpop %%ebp"
			 : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			 : "memory");
	return r;
}
#endif
#define sys3(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#if defined(__aarch64__)
static long fork_now(void) { return sys6(SYS_clone, 17 /* SIGCHLD */, 0, 0, 0, 0, 0); }
static long open_now(const char *path, long flags, long mode)
{
	return sys6(SYS_openat, -100 /* AT_FDCWD */, (long)path, flags, mode, 0, 0);
}
#else
static long fork_now(void) { return sys3(SYS_fork, 0, 0, 0); }
static long open_now(const char *path, long flags, long mode)
{
	return sys3(SYS_open, path, flags, mode);
}
#endif

#if defined(__aarch64__)
/* arm64's page is the kernel's granule (4K, 16K or 64K): the auxiliary
 * vector's AT_PAGESZ, read by start_c. */
enum { PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20,
       O_RDWR = 2, O_CREAT = 0x40, O_TRUNC = 0x200, FILE_CHUNK = 4096 };
static ulong page_size = 4096;
#define PAGE page_size
#else
enum { PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20,
       PAGE = 4096, HPAGE = 2 << 20, MADV_HUGEPAGE = 14,
       O_RDWR = 2, O_CREAT = 0x40, O_TRUNC = 0x200, FILE_CHUNK = PAGE };
#endif

static ulong slen(const char *s) { ulong n = 0; while (s[n]) n++; return n; }
static void say(const char *s) { sys3(SYS_write, 1, s, slen(s)); }

static char *map(ulong len, int prot)
{
	return (char *)sys6(SYS_mmap, 0, (long)len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/* Run fn in a child and wait for it: faults that kill (SIGSEGV) stay there. */
static void in_child(void (*fn)(void))
{
	long pid = fork_now();
	int status = 0;
	if (pid == 0) { fn(); sys3(SYS_exit, 0, 0, 0); }
	sys6(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
}

static void demand(void)
{
	char *p = map(3 * PAGE, PROT_READ | PROT_WRITE);
	volatile char *v = p;
	say("pagewalk: demand read\n");  (void)v[0];          /* zero page */
	say("pagewalk: demand cow\n");   v[0] = 1;            /* COW of the zero page */
	say("pagewalk: demand write\n"); v[PAGE] = 2;         /* fresh write */
	sys3(SYS_munmap, p, 3 * PAGE, 0);
}

static void protection_child(void)
{
	char *p = map(PAGE, PROT_READ | PROT_WRITE);
	p[0] = 1;
	sys3(SYS_mprotect, p, PAGE, PROT_READ);
	say("pagewalk: protection write\n");
	*(volatile char *)p = 2;                              /* SIGSEGV */
}

static char *shared;
static void cow_child(void) { shared[0] = 3; }            /* COW after fork */
static void fork_cow(void)
{
	shared = map(PAGE, PROT_READ | PROT_WRITE);
	shared[0] = 1;
	say("pagewalk: fork cow\n");
	in_child(cow_child);
	shared[0] = 4;  /* parent: the page is still write-protected after fork */
}

static void grow(int depth)
{
	volatile char frame[4096];       /* a 4 KiB frame, whatever the page size */
	frame[0] = (char)depth;
	if (depth > 0) grow(depth - 1);
	(void)frame[0];
}
static void stack(void) { say("pagewalk: stack\n"); grow(40); }  /* past the first 128 KiB: expand_stack */

static void unmap_child(void)
{
	char *p = map(PAGE, PROT_READ | PROT_WRITE);
	p[0] = 1;
	sys3(SYS_munmap, p, PAGE, 0);
	say("pagewalk: munmap touch\n");
	*(volatile char *)p = 2;                              /* SIGSEGV */
}

static void vmalloc_trigger(void)
{
	long fd = open_now("/proc/pagewalk_vmalloc", 0, 0);
	char c;
	say("pagewalk: vmalloc\n");
	if (fd < 0) { say("pagewalk: no /proc/pagewalk_vmalloc\n"); return; }
	sys3(SYS_read, fd, &c, 1);
	sys3(SYS_close, fd, 0, 0);
}

#if !defined(__aarch64__)
/* The thp step is x86's (linux.tab runs its scenario in x86 modes only:
 * THP is built into the thppti variant only): an arm64 init leaves it
 * out. */

/* Transparent huge pages (x86_64 with the thppti variant, 560 MiB: THP is
 * off below 512 MiB). Two 2 MiB-aligned regions madvised MADV_HUGEPAGE: a
 * read of the first maps the huge zero page, a write to the second a new
 * huge page (the walk ends at the pmd, PS); a write to a page of an
 * ordinary mapping beside them is a 4 KiB fault, for contrast. */
static void thp(void)
{
	char *p = map(3 * HPAGE, PROT_READ | PROT_WRITE);
	char *small = map(PAGE, PROT_READ | PROT_WRITE);
	volatile char *h = (char *)(((ulong)p + HPAGE - 1) & ~(ulong)(HPAGE - 1));
	if (sys6(SYS_madvise, (long)h, 2 * HPAGE, MADV_HUGEPAGE, 0, 0, 0) != 0) {
		say("pagewalk: thp madvise failed\n");
		return;
	}
	/* inside the pages, not at their start: the offsets show in cr2 */
	say("pagewalk: thp read\n");  (void)h[0x2345];             /* huge zero page */
	say("pagewalk: thp write\n"); h[HPAGE + 0x1abcd] = 1;      /* a new huge page */
	say("pagewalk: thp small\n"); ((volatile char *)small)[0x123] = 1; /* a 4 KiB page */
	sys3(SYS_munmap, small, PAGE, 0);
	sys3(SYS_munmap, p, 3 * HPAGE, 0);
}
#endif

static char *map_file(long fd, int prot, int flags)
{
	return (char *)sys6(SYS_mmap, 0, 4 * PAGE, prot, flags, fd, 0);
}

/* File-backed faults on a file of the initramfs's ramfs (its ->fault is
 * filemap_fault), each in a mapping of its own: a private read (fault-
 * around maps it from the page cache), a private write (do_cow_fault), a
 * shared write (do_shared_fault), a shared read then write (do_read_fault,
 * then do_wp_page: wp_page_shared). */
static void file(void)
{
	static char buf[FILE_CHUNK];    /* arm64: a page is PAGE / 4096 of them */
	long fd = open_now("/pagewalk-file", O_RDWR | O_CREAT | O_TRUNC, 0600);
	volatile char *p;
	ulong i;
	if (fd < 0) { say("pagewalk: file open failed\n"); return; }
	for (i = 0; i < 4; i++) {       /* four pages: "aaa...", "bbb...", ... */
		ulong k;
		for (k = 0; k < sizeof buf; k += 64)
			buf[k] = (char)('a' + i);
		for (k = 0; k < PAGE; k += sizeof buf)
			sys3(SYS_write, fd, buf, sizeof buf);
	}
	p = map_file(fd, PROT_READ, MAP_PRIVATE);
	say("pagewalk: file private read\n");  (void)p[0];
	p = map_file(fd, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	say("pagewalk: file private write\n"); p[PAGE] = 'x';
	p = map_file(fd, PROT_READ | PROT_WRITE, MAP_SHARED);
	say("pagewalk: file shared write\n");  p[2 * PAGE] = 'y';
	p = map_file(fd, PROT_READ | PROT_WRITE, MAP_SHARED);
	say("pagewalk: file shared read\n");   (void)p[3 * PAGE];
	say("pagewalk: file shared write after read\n"); p[3 * PAGE] = 'z';
	sys3(SYS_close, fd, 0, 0);
}

static void protection(void) { in_child(protection_child); }
static void munmap_touch(void) { in_child(unmap_child); }

/* The steps a scenario row may name (guest/linux/linux.tab). */
static const struct step { const char *name; void (*run)(void); } steps[] = {
	{ "demand", demand }, { "protection", protection }, { "fork", fork_cow },
	{ "stack", stack }, { "munmap", munmap_touch }, { "vmalloc", vmalloc_trigger },
#if !defined(__aarch64__)
	{ "thp", thp },
#endif
	{ "file", file },
};

/* Run the comma-separated steps in list; 0, or -1 at an unknown one. */
static int run(const char *list)
{
	while (*list) {
		ulong n = 0, i;
		while (list[n] && list[n] != ',')
			n++;
		for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
			const char *a = steps[i].name;
			ulong k = 0;
			while (k < n && a[k] && a[k] == list[k])
				k++;
			if (k == n && !a[k])
				break;
		}
		if (i == sizeof steps / sizeof steps[0]) {
			say("pagewalk: unknown step in steps=\n");
			return -1;
		}
		steps[i].run();
		list += n + (list[n] == ',');
	}
	return 0;
}

/* The kernel passes unknown name=value words of its command line to init
 * as environment strings: look for steps=LIST. */
void start_c(long *sp);
void start_c(long *sp)
{
	long argc = sp[0];
	char **envp = (char **)(sp + argc + 2);
	const char *list = 0;
	for (; *envp; envp++) {
		const char *e = *envp, *k = "steps=";
		while (*k && *e == *k) e++, k++;
		if (!*k) list = e;
	}
#if defined(__aarch64__)
	{
		ulong *aux = (ulong *)envp + 1;
		for (; aux[0]; aux += 2)
			if (aux[0] == 6 /* AT_PAGESZ */)
				page_size = aux[1];
	}
#endif
	open_now("/dev/console", 2, 0);   /* fd 0 */
	open_now("/dev/console", 2, 0);   /* fd 1 */
	sys6(SYS_mount, (long)"proc", (long)"/proc", (long)"proc", 0, 0, 0);
	say("pagewalk: begin\n");
	if (!list)
		say("pagewalk: no steps= on the kernel command line\n");
	else if (run(list) == 0)
		say("pagewalk: end\n");
	sys6(SYS_reboot, 0xfee1dead, 672274793, 0x01234567, 0, 0, 0);
	for (;;) ;
}

#if defined(__aarch64__)
__asm__(".globl _start\n_start:\n\tmov x0, sp\n\tbl start_c\n1:\tb 1b\n");
#elif defined(__x86_64__)
__asm__(".globl _start\n_start:\n\tmov %rsp, %rdi\n\tand $-16, %rsp\n\tcall start_c\n\thlt\n");
#else
__asm__(".globl _start\n_start:\n\tmov %esp, %eax\n\tand $-16, %esp\n\tsub $12, %esp\n\tpush %eax\n\tcall start_c\n\thlt\n");
#endif

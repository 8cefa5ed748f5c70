/* SPDX-License-Identifier: GPL-2.0-only */
/* progrun.c - the /init of a `pagewalk record --program` run (docs/
 * linux.md, "Your own program"): it runs the learner's program and
 * nothing else. Built like init.c (guest/linux/init.args, the variant's
 * cc=; no libc, a syscall shim per ABI) but kept apart from it, so the
 * scenarios' init, and with it every recording of them, stays as it is.
 *
 * Mounts /proc, lowers kernel.threads-max (tinyconfig has no users but
 * root, whom RLIMIT_NPROC does not hold: a fork bomb finds fork failing),
 * reads the program's arguments from /args (NUL-separated, argv[0]
 * first) and starts /prog with vfork + execve (spawn, in assembly: the
 * child runs on our stack until execve, so none of our pages is copied and
 * every fault of the program is in an address space of its own), stdin
 * an empty pipe, stdout and stderr a pipe it reads. The output goes to the
 * console as hex ("pagewalk: out HEX", 64 bytes a line: nothing the
 * console or a terminal could change), at most PROGRAM_OUT bytes
 * ("pagewalk: out-cut N" counts the rest), then "pagewalk: exit status=N"
 * or "signal=N", "pagewalk: end" and reboot(2): QEMU exits under
 * -no-reboot. Each line is one write, and the kernel's messages below
 * errors are kept off the console while the program runs, so none lands
 * inside a line. The steps= word of the command line must be "program". */
typedef unsigned long ulong;

#if defined(__aarch64__)
/* arm64's generic table: no open (openat with AT_FDCWD), no dup2 (dup3;
 * never with equal fds here), no vfork (spawn uses clone). */
enum { SYS_read = 63, SYS_write = 64, SYS_openat = 56, SYS_close = 57, SYS_dup3 = 24,
       SYS_wait4 = 260, SYS_mount = 40, SYS_reboot = 142, SYS_pipe2 = 59, SYS_syslog = 116 };
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
/* gcc calls memset to clear a local array (x86 clears it inline); the
 * volatile store keeps this loop from becoming a call to itself */
void *memset(void *to, int c, unsigned long n);
void *memset(void *to, int c, unsigned long n)
{
	volatile char *p = to;
	while (n--)
		*p++ = (char)c;
	return to;
}
#define SYS_OPEN(path, flags) sys6(SYS_openat, -100 /* AT_FDCWD */, (long)(path), flags, 0, 0, 0)
#define SYS_DUP2(from, to) sys6(SYS_dup3, from, to, 0, 0, 0, 0)
#elif defined(__x86_64__)
enum { SYS_read = 0, SYS_write = 1, SYS_open = 2, SYS_close = 3, SYS_dup2 = 33,
       SYS_wait4 = 61, SYS_mount = 165, SYS_reboot = 169, SYS_pipe2 = 293, SYS_syslog = 103 };
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
enum { SYS_read = 3, SYS_write = 4, SYS_open = 5, SYS_close = 6, SYS_mount = 21,
       SYS_dup2 = 63, SYS_reboot = 88, SYS_wait4 = 114, SYS_pipe2 = 331, SYS_syslog = 103 };
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
#if !defined(__aarch64__)
#define SYS_OPEN(path, flags) sys3(SYS_open, path, flags, 0)
#define SYS_DUP2(from, to) sys3(SYS_dup2, from, to, 0)
#endif

enum { PROGRAM_OUT = 16384, PROGRAM_ARGS = 64, O_CLOEXEC = 02000000 };

/* vfork, and in the child execve (exit 127 if that fails); the parent
 * gets the child's pid (or -errno). */
long spawn(const char *path, char *const *argv, char *const *envp);

static ulong slen(const char *s) { ulong n = 0; while (s[n]) n++; return n; }
static void say(const char *s) { sys3(SYS_write, 1, s, slen(s)); }

/* "WHAT N\n" in one write: a kernel message printed between two writes
 * (the PS/2 probe's, on a slow boot) would split the line the recorder
 * reads. */
static void say_num(const char *what, ulong n)
{
	char line[80], b[24];
	int i = sizeof b;
	ulong k = 0;
	b[--i] = 0;
	b[--i] = '\n';
	do b[--i] = (char)('0' + n % 10); while ((n /= 10) && i > 0);
	for (; *what && k < sizeof line - sizeof b; what++)
		line[k++] = *what;
	for (; b[i]; i++)
		line[k++] = b[i];
	sys3(SYS_write, 1, line, k);
}

static void say_hex(const char *p, long n)
{
	static const char digits[] = "0123456789abcdef";
	char line[16 + 2 * 64 + 2] = "pagewalk: out ";
	long k = 14;
	for (long i = 0; i < n; i++) {
		line[k++] = digits[(unsigned char)p[i] >> 4];
		line[k++] = digits[(unsigned char)p[i] & 15];
	}
	line[k++] = '\n';
	sys3(SYS_write, 1, line, k);
}

/* Run /prog to its end, relaying its output; 0, or -1 when it could not
 * start (said on the console). */
static int program(void)
{
	char args[4096], buf[4096], *argv[PROGRAM_ARGS + 1];
	char *const envp[] = { (char *)"PATH=/", (char *)"HOME=/", 0 };
	long fd = SYS_OPEN("/args", 0), n = 0, argc = 0, pid, got;
	ulong shown = 0, cut = 0;
	int out[2], in[2], status = 0;

	if (fd >= 0) {
		n = sys3(SYS_read, fd, args, sizeof args - 1);
		sys3(SYS_close, fd, 0, 0);
	}
	for (long i = 0; i < n && argc < PROGRAM_ARGS; i++)
		if (i == 0 || args[i - 1] == 0)
			argv[argc++] = args + i;
	argv[argc] = 0;
	if (argc == 0 || args[n - 1] != 0) {
		say("pagewalk: no /args for the program\n");
		return -1;
	}
	fd = SYS_OPEN("/proc/sys/kernel/threads-max", 1);
	if (fd >= 0) {
		sys3(SYS_write, fd, "64\n", 3);
		sys3(SYS_close, fd, 0, 0);
	}
	if (sys3(SYS_pipe2, out, O_CLOEXEC, 0) < 0 || sys3(SYS_pipe2, in, O_CLOEXEC, 0) < 0) {
		say("pagewalk: no pipe for the program\n");
		return -1;
	}
	say("pagewalk: program\n");
	SYS_DUP2(in[0], 0);
	SYS_DUP2(out[1], 1);
	SYS_DUP2(out[1], 2);
	pid = spawn("/prog", argv, envp);
	fd = SYS_OPEN("/dev/console", 2);
	SYS_DUP2(fd, 0);
	SYS_DUP2(fd, 1);
	SYS_DUP2(fd, 2);
	sys3(SYS_close, fd, 0, 0);
	sys3(SYS_close, out[1], 0, 0);
	sys3(SYS_close, in[1], 0, 0);
	sys3(SYS_close, in[0], 0, 0);
	if (pid < 0) {
		say("pagewalk: the program could not start\n");
		return -1;
	}
	while ((got = sys3(SYS_read, out[0], buf, sizeof buf)) > 0)
		for (long i = 0; i < got; i += 64) {
			long all = got - i < 64 ? got - i : 64, k = all;
			if (shown + (ulong)k > PROGRAM_OUT)
				k = (long)(PROGRAM_OUT - shown);
			if (k > 0)
				say_hex(buf + i, k);
			shown += (ulong)k;
			cut += (ulong)(all - k);
		}
	sys3(SYS_close, out[0], 0, 0);
	sys6(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
	if (cut)
		say_num("pagewalk: out-cut ", cut);
	if ((status & 0x7f) == 0)
		say_num("pagewalk: exit status=", (ulong)(status >> 8) & 0xff);
	else
		say_num("pagewalk: exit signal=", (ulong)status & 0x7f);
	return 0;
}

void start_c(long *sp);
void start_c(long *sp)
{
	long argc = sp[0];
	char **envp = (char **)(sp + argc + 2);
	int ok = 0;
	for (; *envp; envp++) {
		const char *e = *envp, *k = "steps=program";
		while (*k && *e == *k) e++, k++;
		ok |= !*k && !*e;
	}
	SYS_OPEN("/dev/console", 2);   /* fd 0 */
	SYS_OPEN("/dev/console", 2);   /* fd 1 */
	sys6(SYS_mount, (long)"proc", (long)"/proc", (long)"proc", 0, 0, 0);
	say("pagewalk: begin\n");
	/* the kernel's own messages off the console from here (console
	 * loglevel 4: errors and worse only): a late one, such as the PS/2
	 * mouse's "input: ..." at the end of its probe, landed inside one of
	 * our lines under load and cut it ("pagewalk: exit st" ... "atus=0") */
	sys3(SYS_syslog, 8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, 0, 4);
	if (!ok)
		say("pagewalk: this init runs steps=program only\n");
	else if (program() == 0)
		say("pagewalk: end\n");
	sys6(SYS_reboot, 0xfee1dead, 672274793, 0x01234567, 0, 0, 0);
	for (;;) ;
}

#if defined(__aarch64__)
/* spawn: clone(CLONE_VM | CLONE_VFORK | SIGCHLD, no new stack) is vfork;
 * the child keeps x9-x11 (path, argv, envp) across the svc. */
__asm__(".globl _start\n_start:\n\tmov x0, sp\n\tbl start_c\n1:\tb 1b\n");
__asm__(".globl spawn\nspawn:\n\tmov x9, x0\n\tmov x10, x1\n\tmov x11, x2\n"
	"\tmov x0, #0x4111\n\tmov x1, #0\n\tmov x2, #0\n\tmov x3, #0\n\tmov x4, #0\n"
	"\tmov x8, #220\n\tsvc #0\n\tcbnz x0, 1f\n"
	"\tmov x0, x9\n\tmov x1, x10\n\tmov x2, x11\n\tmov x8, #221\n\tsvc #0\n"
	"\tmov x0, #127\n\tmov x8, #93\n\tsvc #0\n1:\tret\n");
#elif defined(__x86_64__)
__asm__(".globl _start\n_start:\n\tmov %rsp, %rdi\n\tand $-16, %rsp\n\tcall start_c\n\thlt\n");
__asm__(".globl spawn\nspawn:\n\tmov $58, %eax\n\tsyscall\n\ttest %rax, %rax\n\tjnz 1f\n"
	"\tmov $59, %eax\n\tsyscall\n\tmov $60, %eax\n\tmov $127, %edi\n\tsyscall\n1:\tret\n");
#else
__asm__(".globl _start\n_start:\n\tmov %esp, %eax\n\tand $-16, %esp\n\tsub $12, %esp\n\tpush %eax\n\tcall start_c\n\thlt\n");
__asm__(".globl spawn\nspawn:\n\tpush %ebx\n\tmov 8(%esp), %ebx\n\tmov 12(%esp), %ecx\n"
	"\tmov 16(%esp), %edx\n\tmov $190, %eax\n\tint $0x80\n\ttest %eax, %eax\n\tjnz 1f\n"
	"\tmov $11, %eax\n\tint $0x80\n\tmov $1, %eax\n\tmov $127, %ebx\n\tint $0x80\n"
	"1:\tpop %ebx\n\tret\n");
#endif

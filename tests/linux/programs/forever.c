// SPDX-License-Identifier: GPL-2.0-only
// A program that never ends (tests/linux/program.sh: --timeout stops it).
int main(void)
{
	for (;;)
		;
}

// SPDX-License-Identifier: GPL-2.0-only
// A program that does not compile (tests/linux/program.sh).
int main(void)
{
	return undeclared_name;
}

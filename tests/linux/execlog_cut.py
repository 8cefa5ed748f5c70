# SPDX-License-Identifier: GPL-2.0-only
# tests/linux/execlog_cut.py LOG [CODE] [--arm]: the blocks
# guest/linux/execlog.py lists for each page fault of QEMU's log LOG, one
# line per fault, "-" for a BREAK (tests/linux/execlog.sh). CODE lists the
# facts the tracer takes from vmlinux for the log's addresses ("ADDR traced
# [after-call]" or "ADDR untraced"); without it every address is traced.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../guest/linux"))
import execlog  # noqa: E402

args = [a for a in sys.argv[1:] if a != "--arm"]
traced, after = None, set()
if len(args) > 1:
    traced = set()
    with open(args[1]) as f:
        for line in f:
            w = line.split()
            if w[1] == "traced":
                traced.add(int(w[0], 16))
            if "after-call" in w[2:]:
                after.add(int(w[0], 16))
with open(args[0]) as f:
    per = execlog.cut(f, "--arm" in sys.argv, lambda pc: traced is None or pc in traced,
                      lambda pc: pc in after)
for k, tbs in enumerate(per):
    print("fault %d: %s" % (k + 1, " ".join("-" if t is execlog.BREAK else "%x" % t for t in tbs)))

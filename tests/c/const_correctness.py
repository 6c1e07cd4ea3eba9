#!/usr/bin/env python3
"""Proves the header's const-correctness with the C compiler itself.

For every function of include/numconc.h whose first parameter is a handle
(`struct numconc_<type> *`), a one-line C program passes it a handle that
is `const`, compiled with `-std=c11 -Wall -Wextra -Werror -pedantic`:
- a query (`const struct numconc_<type> *`) must compile;
- a call that modifies the handle (a command, a free) must NOT compile
  (`-Werror=discarded-qualifiers`): a `const` handle cannot reach it.
The calls that modify a campaign are listed here, so a command made
`const` by mistake (or a query made non-const) fails this test.

Usage: const_correctness.py INCLUDE_DIR WORK_DIR
"""

import re
import subprocess
import sys
from pathlib import Path

MUTATING = {
    "numconc_campaign_execute_json",
    "numconc_campaign_select",
    "numconc_campaign_reject",
    "numconc_campaign_withdraw",
    "numconc_campaign_record_condition",
    "numconc_campaign_prepare",
    "numconc_campaign_ship",
    "numconc_campaign_deliver",
    "numconc_campaign_qc",
    "numconc_campaign_return",
    "numconc_campaign_publish",
    "numconc_campaign_preserve",
    "numconc_campaign_close",
    "numconc_store_campaign",
    "numconc_store_snapshot",
    "numconc_store_close",
}
FLAGS = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-fsyntax-only"]


def functions(header: str):
    """(name, handle type, is const, the other parameters) of every function
    whose first parameter is a numconc handle."""
    decls = re.findall(r"^\w[\w \*]*?\b(numconc_\w+)\(([^;]*?)\);", header, re.M | re.S)
    for name, params in decls:
        parts = [p.strip() for p in params.split(",")]
        m = re.match(r"(const )?struct (numconc_\w+) \*\w+$", parts[0])
        if m:
            yield name, m.group(2), bool(m.group(1)), parts[1:]


def zero(param: str) -> str:
    """A value of a parameter's type: a struct passed by value is `{0}`."""
    m = re.match(r"(?:const )?struct (\w+) \w+$", param)
    return f"(struct {m.group(1)}){{0}}" if m else "0"


def compiles(include: Path, work: Path, name: str, handle: str, rest: list) -> bool:
    args = ", ".join(["h"] + [zero(p) for p in rest])
    src = work / f"const_{name}.c"
    src.write_text(
        '#include "numconc.h"\n'
        f"void f(const {handle} *h);\n"
        f"void f(const {handle} *h) {{ (void){name}({args}); }}\n",
        encoding="utf-8",
    )
    r = subprocess.run(["cc", *FLAGS, f"-I{include}", str(src)], capture_output=True, text=True)
    return r.returncode == 0


def main() -> int:
    include, work = Path(sys.argv[1]), Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    header = (include / "numconc.h").read_text(encoding="utf-8")
    found = list(functions(header))
    failures = []
    seen_mutating = set()
    for name, handle, const, rest in found:
        if name.endswith("_free"):
            expect_const = False
        else:
            expect_const = name not in MUTATING
        if name in MUTATING:
            seen_mutating.add(name)
        if const != expect_const:
            failures.append(f"{name}: first parameter is {'const' if const else 'non-const'}")
            continue
        ok = compiles(include, work, name, handle, rest)
        if ok != const:
            failures.append(f"{name}: a const handle {'does not compile' if const else 'compiles'}")
    for name in sorted(MUTATING - seen_mutating):
        failures.append(f"{name}: not found in the header")
    queries = sum(1 for f in found if f[2])
    print(f"{len(found)} calls on handles: {queries} take a const handle and compile with one, "
          f"{len(found) - queries} refuse it")
    for f in failures:
        print("FAIL", f)
    return 1 if failures or not found else 0


if __name__ == "__main__":
    sys.exit(main())

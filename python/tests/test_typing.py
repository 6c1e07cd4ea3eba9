"""The stubs describe the API to a type checker: a correct program passes
mypy --strict, and misuses (a float for money, a string for a day) fail."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent / "typecheck"


def mypy(path: Path) -> "tuple[int, str]":
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir=/dev/null", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return run.returncode, run.stdout + run.stderr


def test_a_correct_program_type_checks() -> None:
    code, out = mypy(HERE / "good.py")
    assert code == 0, out


def test_misuses_are_caught() -> None:
    code, out = mypy(HERE / "bad.py")
    assert code == 1, out
    expected = {
        n for n, line in enumerate((HERE / "bad.py").read_text().splitlines(), 1) if "# E:" in line
    }
    flagged = {int(m) for m in re.findall(r"bad\.py:(\d+): error", out)}
    assert flagged == expected, out

"""The Python guide (docs/guide-python.md) runs as written."""

from __future__ import annotations

import doctest

from conftest import REPO


def test_the_python_guide_runs() -> None:
    result = doctest.testfile(str(REPO / "docs" / "guide-python.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 15
    assert result.failed == 0

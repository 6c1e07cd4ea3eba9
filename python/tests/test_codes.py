"""Every stable code that can reach Python as an exception has its own
class, chosen by the code's kind in Rust (an exhaustive match), and every
such code of ``docs/codes.md`` is covered."""

import pathlib

import pytest

import numconc
import numconc.errors
from numconc import _native

DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "codes.md"

EXPECTED = {
    ("command", "INVALID_VALUE"): "ValidationError",
    ("command", "NOT_ELIGIBLE"): "IneligibleError",
    ("command", "UNKNOWN_DOCUMENT"): "NotFoundError",
    ("command", "DUPLICATE_ID"): "DuplicateIdError",
    ("command", "NOT_AT_PROVIDER"): "TransitionError",
    ("command", "CAMPAIGN_CLOSED"): "TransitionError",
    ("load", "INVALID_VALUE"): "ValidationError",
    ("load", "UNKNOWN_PRESET"): "NotFoundError",
    ("load", "INVALID_EVENT"): "LoadError",
    ("load", "INVALID_JSON"): "LoadError",
    ("budget", "AMOUNT_OVERFLOW"): "BudgetError",
    ("import", "NO_HEADER"): "SpreadsheetError",
    ("store", "STORE_LOCKED"): "StoreError",
    ("store", "STORE_CORRUPT"): "StoreError",
}


def docs_codes(kinds: set[str]) -> set[tuple[str, str]]:
    out = set()
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if line.startswith("- `") and "(retired)" not in line:
            code = line.split("`")[1]
            kind = line.split("`")[2].split()[0]
            if kind in kinds:
                out.add((kind, code))
    return out


def test_every_exception_code_has_a_class_of_numconc_errors() -> None:
    listed = _native._exception_classes()
    assert listed
    for kind, code, cls in listed:
        klass = getattr(numconc.errors, cls)
        assert issubclass(klass, numconc.NumconcError), (kind, code, cls)
        assert klass is not numconc.NumconcError
        assert cls == EXPECTED.get((kind, code), cls), (kind, code, cls)
    assert set(EXPECTED) <= {(kind, code) for kind, code, _ in listed}


def test_every_code_of_the_docs_reaches_python_with_its_class() -> None:
    listed = {(kind, code) for kind, code, _ in _native._exception_classes()}
    assert docs_codes({"command", "load", "budget", "import", "store"}) == listed


def test_typed_commands_keep_the_precedence_of_errors(campaign: numconc.Campaign) -> None:
    """A typed call builds its command from checked values, after the
    closed check: CAMPAIGN_CLOSED wins over INVALID_VALUE (domain.md §9.14),
    and every bad value is named at its field."""
    import datetime

    with pytest.raises(numconc.ValidationError) as e:
        campaign.qc("", -1, 2**70, 0, date=datetime.date(2026, 4, 2))
    assert sorted(i.path for i in e.value.issues) == ["doc", "major", "sample"]
    with pytest.raises(numconc.ValidationError) as e:
        campaign.ship("S1", "P", ["D1", "D1"], date=datetime.date(2026, 4, 2))
    assert [(i.code, i.path) for i in e.value.issues] == [("DUPLICATE_ID", "docs[1]")]
    before = campaign.dumps()
    fresh = numconc.Campaign.loads(before)
    fresh.close_campaign(date=datetime.date(2026, 4, 2)) if not fresh.closed else None
    if fresh.closed:
        with pytest.raises(numconc.TransitionError) as t:
            fresh.deliver("", 0, date=datetime.date(2026, 4, 3))
        assert t.value.code == "CAMPAIGN_CLOSED"

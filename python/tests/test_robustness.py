"""No PanicException can reach a user: extreme and random inputs end in a
numconc exception, TypeError or ValueError, never in a panic, and a refused
command leaves the campaign as it was."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any, Callable, List

import pytest

import numconc
from conftest import D, INSTITUTION_ID, convention, document, institution

ALLOWED = (numconc.NumconcError, TypeError, ValueError)


def outcome(call: Callable[[], Any]) -> str:
    try:
        call()
    except numconc.InternalError as e:  # a panic caught at the boundary: still a bug
        pytest.fail(f"internal error: {e}")
    except ALLOWED as e:
        return type(e).__name__
    except BaseException as e:  # a PanicException derives from BaseException
        pytest.fail(f"{type(e).__module__}.{type(e).__name__}: {e}")
    return "ok"


def test_extreme_amounts_and_counts(programme: numconc.Programme) -> None:
    # Every value at its limit (domain.md §9.1), then one past it.
    data = programme.to_dict()
    data["prices"]["default_per_view"] = "10000"
    data["prices"]["ocr_per_view"] = "10000"
    data["prices"]["per_view"] = []
    data["prices"]["per_document_fee"] = "1000000000000.00"
    big = numconc.Programme.from_dict(data)
    for key, past in (("default_per_view", "10000.0001"), ("per_document_fee", "1000000000000.01")):
        at_limit = data["prices"][key]
        data["prices"][key] = past
        assert outcome(lambda: numconc.Programme.from_dict(data)) == "ValidationError"
        data["prices"][key] = at_limit
    most = Decimal("1000000000000.00")
    c = numconc.Campaign(
        big,
        id="x",
        year=2026,
        ends_on=D(2027, 6, 30),
        institutions=[institution()],
        conventions=[convention("C1"), convention("C2", kind="national_library")],
        documents=[
            document(f"D{i}", views=1_000_000_000, insured_value=most, ocr=True, fragile=True) for i in range(5)
        ],
        shared_costs={"a": most, "b": most},
    )
    with pytest.raises(numconc.BudgetError) as e:
        c.budget(as_of=D(2026, 4, 1))
    assert e.value.code == "AMOUNT_OVERFLOW"
    for i in range(5):
        c.select(f"D{i}", date=D(2026, 4, 2))
        c.record_condition(f"D{i}", "good", date=D(2026, 4, 2))
        c.prepare(f"D{i}", issues=1_000_000_000, date=D(2026, 4, 2))
    assert outcome(lambda: c.prepare("D0", issues=1_000_000_001, date=D(2026, 4, 2))) == "ValidationError"
    c.ship("S1", "P", [f"D{i}" for i in range(5)], date=D(2026, 4, 3))
    assert c.shipments()[0]["insured_total"] == Decimal("5000000000000.00")
    c.deliver("D0", 1_000_000_000, date=D(2026, 4, 4))
    assert outcome(lambda: c.qc("D0", 1_000_000_001, 0, 0, date=D(2026, 4, 5))) == "ValidationError"
    assert outcome(lambda: c.qc("D0", 1_000_000_000, 1_000_000_000, 1_000_000_000, date=D(2026, 4, 5))) == "ok"
    assert outcome(lambda: c.budget("actual")) == "BudgetError"
    assert outcome(lambda: c.deliver("D1", 2**64 - 1, date=D(2026, 4, 6))) == "ValidationError"
    assert outcome(lambda: c.deliver("D1", 2**64, date=D(2026, 4, 6))) == "ValidationError"  # a ValueError with the stable code OUT_OF_RANGE
    assert outcome(lambda: c.deliver("D1", -(2**63) - 1, date=D(2026, 4, 6))) == "ValidationError"
    assert outcome(lambda: c.deliver("D1", -1, date=D(2026, 4, 6))) == "ValidationError"
    assert outcome(lambda: c.record_membership(INSTITUTION_ID, 0, date=D(2026, 4, 6))) == "ValidationError"
    assert outcome(lambda: c.record_membership(INSTITUTION_ID, 10000, date=D(2026, 4, 6))) == "ValidationError"
    assert outcome(
        lambda: numconc.Campaign(big, id="y", year=2026, ends_on=D(2027, 6, 30), shared_costs={"a": 10**30})
    ) == "ValidationError"


def test_extreme_days(programme: numconc.Programme) -> None:
    # The first and last days there are, in the data and in queries; commands
    # are dated inside the campaign's window (domain.md §9.14).
    lo, hi = datetime.date.min, datetime.date.max
    first, last = D(2025, 1, 1), D(2028, 6, 30)
    campaign = numconc.Campaign(
        programme,
        id="hdf-2026",
        year=2026,
        ends_on=D(2027, 6, 30),
        institutions=[institution()],
        conventions=[
            convention("C1"),
            convention("C2", kind="national_library"),
            # + termination_notice_months is past the last day there is.
            convention("CT", kind="funding", signed_on=lo, starts_on=lo, ends_on=hi, termination={"notice_received_on": hi}),
        ],
        documents=[document("D1")],
    )
    campaign.register_convention(
        convention("CX", starts_on=lo, signed_on=lo, ends_on=hi, amendments=[{"signed_on": hi, "ends_on": hi}]),
        date=first,
    )
    campaign.register_convention(
        convention("CY", kind="national_library", starts_on=lo, signed_on=lo, ends_on=hi), date=first
    )
    campaign.notify_termination("CX", date=last)
    for day in (lo, hi):
        campaign.eligibility_all(as_of=day)
        campaign.budget(as_of=day)
        campaign.custody_report(as_of=day)
    for day in (lo, hi):
        assert outcome(lambda: campaign.select("D1", date=day)) == "ValidationError"
    campaign.select("D1", date=last)
    campaign.record_condition("D1", "good", date=last)
    campaign.prepare("D1", issues=1, date=last)
    campaign.ship("S1", "P", ["D1"], date=last)
    report = campaign.custody_report(as_of=lo)
    assert report[0]["days_out"] < 0 and report[0]["overdue"] is False
    assert campaign.custody_report(as_of=hi)[0]["overdue"] is True
    assert campaign.custody_report(as_of=last)[0]["days_out"] == 0
    assert numconc.Campaign.loads(campaign.dumps()).dumps() == campaign.dumps()


POOL: List[Any] = [
    None, True, False, 0, 1, -1, 2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63),
    "", " ", "D1", "D2", "D404", "S1", "gallica", "armarium", "ark:/12148/bpt6k205233j",
    "good", "unfit", "\x00", "é" * 300, Decimal("1.5"), Decimal("NaN"), 1.5,
    D(2026, 4, 2), D(2026, 4, 1), datetime.date.min, datetime.date.max,
    datetime.datetime(2026, 4, 2), "2026-04-02", "2026-02-30", [], ["D1"], ["D1", "D1"],
    ["good"], {}, {"id": "X"}, [None], [1.5],
]
TYPES = [
    "register_institution", "register_convention", "propose", "amend_convention",
    "notify_termination", "record_membership", "select", "reject", "withdraw",
    "record_condition", "prepare", "ship", "deliver", "qc", "return", "publish",
    "preserve", "close_campaign", "fly",
]
KEYS = [
    "doc", "docs", "grades", "early", "shipment", "provider", "views", "sample", "major",
    "minor", "target", "identifier", "issues", "reason", "grade", "year", "institution",
    "convention", "document", "amendment", "actor", "note",
]


def test_random_commands_never_panic(campaign: numconc.Campaign) -> None:
    rng = random.Random(20260402)
    outcomes = set()
    for _ in range(3000):
        command = {"type": rng.choice(TYPES), "date": rng.choice(POOL[-14:] + [D(2026, 4, 2)] * 5)}
        for key in rng.sample(KEYS, rng.randint(0, 4)):
            command[key] = rng.choice(POOL)
        before = campaign.dumps()
        result = outcome(lambda: campaign.execute(command))
        outcomes.add(result)
        if result != "ok":
            assert campaign.dumps() == before, command
    assert {"ValidationError", "TypeError"} <= outcomes
    assert numconc.Campaign.loads(campaign.dumps()).dumps() == campaign.dumps()


def test_random_spreadsheets_never_panic() -> None:
    rng = random.Random(7)
    cells = ["", "Presse", "presse", "domaine public", "1 200", "vers 1850", "XIXe siècle", '"', '""',
             ";", ",", "\n", "\r", "é", "\ufeff", "oui", "12/03/1850", "1 500,00 €", "Gallica / Armarium", "x" * 100]
    header = "identifiant;titre;typologie;droits;vues;date;valeur;diffusion;fragile\n"
    outcomes = set()
    for _ in range(500):
        body = "".join(rng.choice(cells) for _ in range(rng.randint(0, 60)))
        for source in (header + body, body, (header + body).encode("utf-8")[: rng.randint(0, 200)]):
            try:
                report = numconc.import_proposals(source, institution=INSTITUTION_ID, proposed_on=D(2026, 2, 10))
            except numconc.SpreadsheetError as e:
                # A whole-file problem has a code of the import's table.
                assert e.code in {"NOT_UTF8", "EMPTY_FILE", "NO_HEADER", "MISSING_COLUMN",
                                  "DUPLICATE_COLUMN", "CSV_SYNTAX", "INVALID_INSTITUTION"}, e.code
                outcomes.add(e.code)
                continue
            # Every row is reported once; the documents are those of the rows not in error.
            lines = [r.line for r in report.rows]
            assert lines == sorted(set(lines))
            ok = [r for r in report.rows if r.status != "error"]
            assert len(report.documents) == len(ok)
            assert all(r.errors for r in report.rows if r.status == "error")
            outcomes.add("report")
    assert "report" in outcomes and len(outcomes) > 2


def test_random_saved_files_never_panic(campaign: numconc.Campaign) -> None:
    campaign.select("D1", date=D(2026, 4, 2))
    text = campaign.dumps()
    rng = random.Random(11)
    outcomes = set()
    for _ in range(300):
        i = rng.randrange(len(text))
        mutated = text[:i] + rng.choice(['"', "}", "9", "-", "x", ""]) + text[i + 1 :]
        try:
            loaded = numconc.Campaign.loads(mutated)
        except (numconc.LoadError, numconc.ValidationError, numconc.NotFoundError) as e:
            assert e.code in {"INVALID_JSON", "MISSING_SCHEMA_VERSION", "UNSUPPORTED_SCHEMA_VERSION",
                              "INVALID_VALUE", "INVALID_EVENT", "UNKNOWN_PRESET"}, e.code
            outcomes.add(e.code)
            continue
        # What loads re-saves to text that loads to the same bytes.
        assert numconc.Campaign.loads(loaded.dumps()).dumps() == loaded.dumps()
        outcomes.add("loaded")
    assert "INVALID_JSON" in outcomes and len(outcomes) > 1


def test_a_panic_becomes_internal_error() -> None:
    from numconc import _native

    with pytest.raises(numconc.InternalError) as e:
        _native._panic_inside_guard()
    assert e.value.code == "INTERNAL_ERROR"
    assert "report" in e.value.message_en and "signaler" in e.value.message_fr

"""Types at the boundary: money is decimal.Decimal (never a float, NaN or
bool), days are datetime.date (never a datetime, a string or a number),
counts are int (never a bool or a float). A refused argument raises
TypeError or ValueError naming the parameter, and changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Callable, Dict, List, Tuple

import pytest

import numconc
from conftest import D, INSTITUTION_ID, convention, document, institution

GOOD_DAY = D(2026, 4, 2)


class MyDecimal(Decimal):
    pass


class MyDate(datetime.date):
    pass


# ---- days ---------------------------------------------------------------------

BAD_DAYS: List[Tuple[str, Any]] = [
    ("str", "2026-04-02"),
    ("datetime", datetime.datetime(2026, 4, 2, 10, 30)),
    ("int", 20260402),
    ("float", 2026.0402),
    ("None", None),
    ("Decimal", Decimal("2026")),
    ("tuple", (2026, 4, 2)),
]
try:  # a pandas.Timestamp is a datetime: refused too
    import pandas

    BAD_DAYS.append(("Timestamp", pandas.Timestamp("2026-04-02")))
except ImportError:  # pragma: no cover
    pass

DayCall = Callable[[numconc.Campaign, Any], Any]

# Every parameter that is a day, on every method that has one.
DAY_PARAMETERS: Dict[str, Tuple[str, DayCall]] = {
    "register_institution": ("date", lambda c, d: c.register_institution(institution("FR-590000101"), date=d)),
    "register_convention": ("date", lambda c, d: c.register_convention(convention("C9"), date=d)),
    "propose": ("date", lambda c, d: c.propose(document("D9"), date=d)),
    "amend_convention": ("date", lambda c, d: c.amend_convention("C1", {"signed_on": GOOD_DAY}, date=d)),
    "notify_termination": ("date", lambda c, d: c.notify_termination("C1", date=d)),
    "record_membership": ("date", lambda c, d: c.record_membership(INSTITUTION_ID, 2027, date=d)),
    "select": ("date", lambda c, d: c.select("D1", date=d)),
    "reject": ("date", lambda c, d: c.reject("D1", "non", date=d)),
    "withdraw": ("date", lambda c, d: c.withdraw("D1", "non", date=d)),
    "record_condition": ("date", lambda c, d: c.record_condition("D1", "good", date=d)),
    "prepare": ("date", lambda c, d: c.prepare("D1", issues=1, date=d)),
    "ship": ("date", lambda c, d: c.ship("S1", "P", ["D1"], date=d)),
    "deliver": ("date", lambda c, d: c.deliver("D1", 10, date=d)),
    "qc": ("date", lambda c, d: c.qc("D1", 10, 0, 0, date=d)),
    "return_": ("date", lambda c, d: c.return_(["D1"], ["good"], date=d)),
    "publish": ("date", lambda c, d: c.publish("D1", "armarium", "x", date=d)),
    "preserve": ("date", lambda c, d: c.preserve("D1", date=d)),
    "close_campaign": ("date", lambda c, d: c.close_campaign(date=d)),
    "eligibility": ("as_of", lambda c, d: c.eligibility("D1", as_of=d)),
    "eligibility_all": ("as_of", lambda c, d: c.eligibility_all(as_of=d)),
    "budget": ("as_of", lambda c, d: c.budget("estimate", as_of=d)),
    "custody_report": ("as_of", lambda c, d: c.custody_report(as_of=d)),
    "Campaign": (
        "ends_on",
        lambda c, d: numconc.Campaign(c.programme, id="x", year=2026, ends_on=d),
    ),
    "import_proposals": (
        "proposed_on",
        lambda c, d: numconc.import_proposals("typologie;droits\n", institution="BM", proposed_on=d),
    ),
}


def test_every_command_has_a_day_parameter_in_the_matrix() -> None:
    commands = {
        "register_institution", "register_convention", "propose", "amend_convention",
        "notify_termination", "record_membership", "select", "reject", "withdraw",
        "record_condition", "prepare", "ship", "deliver", "qc", "return_", "publish",
        "preserve", "close_campaign",
    }
    assert commands <= set(DAY_PARAMETERS)


@pytest.mark.parametrize("bad_name,bad", BAD_DAYS, ids=[b[0] for b in BAD_DAYS])
@pytest.mark.parametrize("method", sorted(DAY_PARAMETERS))
def test_bad_day_is_a_type_error(campaign: numconc.Campaign, method: str, bad_name: str, bad: Any) -> None:
    param, call = DAY_PARAMETERS[method]
    if bad is None and method == "budget":
        # as_of=None is the default: an estimate without a day is refused as such
        with pytest.raises(TypeError, match="as_of"):
            call(campaign, bad)
        return
    before = campaign.dumps()
    with pytest.raises(TypeError) as e:
        call(campaign, bad)
    assert param in str(e.value)
    assert "datetime.date" in str(e.value)
    assert campaign.dumps() == before


@pytest.mark.parametrize("method", sorted(DAY_PARAMETERS))
def test_date_subclass_is_a_day(campaign: numconc.Campaign, method: str) -> None:
    """A subclass of datetime.date is taken as the same day: the call gives
    exactly what it gives with a plain date (the same result, or the same
    refusal by the rules of the domain, and the same campaign after it)."""
    _, call = DAY_PARAMETERS[method]
    twin = numconc.Campaign.loads(campaign.dumps())

    def run(c: numconc.Campaign, day: datetime.date) -> Any:
        try:
            result = call(c, day)
        except numconc.NumconcError as e:
            return ("refused", e.code, e.message_en)
        return ("ok", repr(result) if not hasattr(result, "to_records") else result.to_records())

    with_subclass = run(campaign, MyDate(2026, 4, 2))
    with_date = run(twin, datetime.date(2026, 4, 2))
    assert with_subclass == with_date
    assert campaign.dumps() == twin.dumps()


@pytest.mark.parametrize("bad_name,bad", BAD_DAYS[1:], ids=[b[0] for b in BAD_DAYS[1:]])
def test_bad_day_inside_a_dict(campaign: numconc.Campaign, bad_name: str, bad: Any) -> None:
    """Days inside data dicts: datetime.date or the ISO string of the v1 form."""
    campaign.propose(document("D8", proposed_on="2026-02-11"), date=GOOD_DAY)  # the v1 form
    with pytest.raises((TypeError, ValueError)) as e:
        campaign.propose(document("D9", proposed_on=bad), date=GOOD_DAY)
    if isinstance(e.value, TypeError):
        assert "proposed_on" in str(e.value)
    else:  # an int, a Decimal, None or a tuple reaches the core, which names the field
        assert isinstance(e.value, numconc.ValidationError)
        assert e.value.issues[0].path == "document.proposed_on"
    assert [d["id"] for d in campaign.documents()][-1] == "D8"


# ---- money --------------------------------------------------------------------

BAD_MONEY: List[Tuple[str, Any, type]] = [
    ("float", 1200.0, TypeError),
    ("float-nan", float("nan"), TypeError),
    ("float-inf", float("inf"), TypeError),
    ("Decimal-NaN", Decimal("NaN"), ValueError),
    ("Decimal-sNaN", Decimal("sNaN"), ValueError),
    ("Decimal-inf", Decimal("Infinity"), ValueError),
    ("Decimal-minus-inf", Decimal("-Infinity"), ValueError),
    ("bool-true", True, TypeError),
    ("bool-false", False, TypeError),
    ("None", None, TypeError),
    ("str", "1200.00", TypeError),
    ("list", [1200], TypeError),
]


def shared_cost_campaign(programme: numconc.Programme, amount: Any) -> numconc.Campaign:
    return numconc.Campaign(
        programme, id="c", year=2026, ends_on=D(2027, 6, 30), shared_costs={"transport": amount}
    )


@pytest.mark.parametrize("name,bad,error", BAD_MONEY, ids=[b[0] for b in BAD_MONEY])
def test_bad_money_argument(programme: numconc.Programme, name: str, bad: Any, error: type) -> None:
    with pytest.raises(error) as e:
        shared_cost_campaign(programme, bad)
    message = str(e.value)
    assert "shared_costs" in message and "transport" in message
    if error is TypeError:
        assert "Decimal" in message
    if name == "float":
        assert "float" in message


@pytest.mark.parametrize(
    "amount,expected",
    [
        (Decimal("1200"), Decimal("1200.00")),
        (Decimal("1200.5"), Decimal("1200.50")),
        (Decimal("1200.500"), Decimal("1200.50")),  # exact: trailing zeros are not decimals
        (Decimal("1.2E+3"), Decimal("1200.00")),
        (MyDecimal("99.99"), Decimal("99.99")),
        (1200, Decimal("1200.00")),
    ],
)
def test_good_money_argument(programme: numconc.Programme, amount: Any, expected: Decimal) -> None:
    c = shared_cost_campaign(programme, amount)
    assert json_amount(c) == expected


def json_amount(c: numconc.Campaign) -> Decimal:
    import json

    return Decimal(json.loads(c.dumps())["campaign"]["shared_costs"][0]["amount"])


@pytest.mark.parametrize("amount,issue", [(Decimal("12.345"), "INVALID_MONEY"), (Decimal("-5"), "INVALID_MONEY"), (-5, "INVALID_MONEY")])
def test_money_the_core_refuses(programme: numconc.Programme, amount: Any, issue: str) -> None:
    with pytest.raises(numconc.ValidationError) as e:
        shared_cost_campaign(programme, amount)
    assert e.value.issues[0].code == issue
    assert e.value.issues[0].path == "shared_costs[0].amount"


MONEY_IN_DICTS: List[Tuple[str, Any, type]] = [
    ("float", 3000.0, TypeError),
    ("float-nan", float("nan"), TypeError),
    ("Decimal-NaN", Decimal("NaN"), ValueError),
    ("Decimal-inf", Decimal("Infinity"), ValueError),
    ("bool", True, numconc.ValidationError),  # a JSON boolean: the core says WRONG_TYPE
    ("int", 3000, numconc.ValidationError),  # a JSON number is never money in the v1 form
    ("too-precise", Decimal("0.001"), numconc.ValidationError),
]


@pytest.mark.parametrize("name,bad,error", MONEY_IN_DICTS, ids=[m[0] for m in MONEY_IN_DICTS])
def test_bad_money_in_a_document(campaign: numconc.Campaign, name: str, bad: Any, error: type) -> None:
    before = campaign.dumps()
    with pytest.raises(error) as e:
        campaign.propose(document("D9", insured_value=bad), date=GOOD_DAY)
    assert issubclass(error, (TypeError, ValueError))
    if isinstance(e.value, numconc.ValidationError):
        assert e.value.issues[0].path == "document.insured_value"
    else:
        assert "document.insured_value" in str(e.value)
    assert campaign.dumps() == before


def test_money_none_in_a_dict_is_absent(campaign: numconc.Campaign) -> None:
    """In data dicts None is JSON null: an optional field left out (insured
    value 0.00); a required amount left out is MISSING_FIELD."""
    campaign.propose(document("D9", insured_value=None), date=GOOD_DAY)
    assert campaign.documents()[-1]["insured_value"] == Decimal("0.00")
    with pytest.raises(numconc.ValidationError) as e:
        numconc.Campaign.from_dict(
            campaign.programme,
            {"id": "x", "year": 2026, "ends_on": D(2027, 6, 30), "shared_costs": [{"label": "t", "amount": None}]},
        )
    assert (e.value.issues[0].code, e.value.issues[0].path) == ("MISSING_FIELD", "shared_costs[0].amount")


PROGRAMME_AMOUNTS = [
    ("prices", "per_document_fee"),
    ("prices", "default_per_view"),
    ("prices", "ocr_per_view"),
    ("prices", "fragile_surcharge_rate"),
]


@pytest.mark.parametrize("section,key", PROGRAMME_AMOUNTS)
@pytest.mark.parametrize("bad,error", [(5.0, TypeError), (Decimal("NaN"), ValueError), (True, numconc.ValidationError)])
def test_bad_amounts_in_a_programme(programme: numconc.Programme, section: str, key: str, bad: Any, error: type) -> None:
    data = programme.to_dict()
    data[section][key] = bad
    with pytest.raises(error) as e:
        numconc.Programme.from_dict(data)
    assert f"{section}.{key}" in str(e.value) or any(
        i.path == f"{section}.{key}" for i in getattr(e.value, "issues", [])
    )


@pytest.mark.parametrize("bad,error", [(50000.0, TypeError), (Decimal("Infinity"), ValueError)])
def test_bad_funder_envelope(programme: numconc.Programme, bad: Any, error: type) -> None:
    data = programme.to_dict()
    data["funders"][2]["envelope"] = bad
    with pytest.raises(error, match=r"funders\[2\]\.envelope"):
        numconc.Programme.from_dict(data)


def test_money_out_is_decimal(campaign: numconc.Campaign) -> None:
    b = campaign.budget(as_of=D(2026, 4, 1))
    values: List[Any] = [b.total, b.partner_total, *b.funders.values()]
    for line in b.lines:
        values += [line.cost, line.partner, *line.shares.values()]
    for inst in b.institutions.values():
        values += list(inst.values())
    values += [r["cost"] for r in b.to_records()]
    values += [campaign.documents()[0]["insured_value"]]
    assert values and all(type(v) is Decimal and v.as_tuple().exponent == -2 for v in values)


# ---- counts and other arguments -----------------------------------------------

BAD_COUNTS: List[Tuple[str, Any]] = [("bool", True), ("float", 12.0), ("str", "12"), ("None", None), ("Decimal", Decimal(12))]

COUNT_PARAMETERS: Dict[str, Callable[[numconc.Campaign, Any], Any]] = {
    "deliver.views": lambda c, n: c.deliver("D1", n, date=GOOD_DAY),
    "qc.sample": lambda c, n: c.qc("D1", n, 0, 0, date=GOOD_DAY),
    "qc.major": lambda c, n: c.qc("D1", 10, n, 0, date=GOOD_DAY),
    "qc.minor": lambda c, n: c.qc("D1", 10, 0, n, date=GOOD_DAY),
    "prepare.issues": lambda c, n: c.prepare("D1", issues=n, date=GOOD_DAY),
    "record_membership.year": lambda c, n: c.record_membership(INSTITUTION_ID, n, date=GOOD_DAY),
    "Campaign.year": lambda c, n: numconc.Campaign(c.programme, id="x", year=n, ends_on=GOOD_DAY),
}


@pytest.mark.parametrize("bad_name,bad", BAD_COUNTS, ids=[b[0] for b in BAD_COUNTS])
@pytest.mark.parametrize("param", sorted(COUNT_PARAMETERS))
def test_bad_count(campaign: numconc.Campaign, param: str, bad_name: str, bad: Any) -> None:
    if param == "prepare.issues" and bad is None:
        return  # issues=None is the default (no collation)
    before = campaign.dumps()
    with pytest.raises(TypeError, match=param.split(".")[1]):
        COUNT_PARAMETERS[param](campaign, bad)
    assert campaign.dumps() == before


def test_huge_integer_is_a_value_error(campaign: numconc.Campaign) -> None:
    with pytest.raises(ValueError, match="views"):
        campaign.deliver("D1", 2**70, date=GOOD_DAY)


@pytest.mark.parametrize("bad", ["D1", ("D1", 2), None, {"D1": 1}])
def test_bad_document_lists(campaign: numconc.Campaign, bad: Any) -> None:
    with pytest.raises(TypeError, match="docs"):
        campaign.ship("S1", "P", bad, date=GOOD_DAY)


def test_bad_dicts(campaign: numconc.Campaign) -> None:
    with pytest.raises(TypeError, match="document: expected a dict"):
        campaign.propose(["D9"], date=GOOD_DAY)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="keys must be str"):
        campaign.propose({1: "x"}, date=GOOD_DAY)  # type: ignore[dict-item]
    with pytest.raises(TypeError, match="document.labels"):
        campaign.propose(document("D9", labels={"a"}), date=GOOD_DAY)
    with pytest.raises(TypeError):
        campaign.select(1, date=GOOD_DAY)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        campaign.return_(["D1"], ["good"], early=1, date=GOOD_DAY)  # type: ignore[arg-type]

"""The Pythonic API over the whole job: programmes, campaigns, commands,
eligibility, budgets, states, custody, the event log, saving and loading."""

from __future__ import annotations

import copy
import csv
import datetime
import doctest
import io
import json
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Callable

import pytest

import numconc
from conftest import INSTITUTION_ID, OTHER_ID, D, convention, document, institution

AS_OF = D(2026, 4, 1)


# ---- package ------------------------------------------------------------------


def test_package_exports_and_version() -> None:
    assert numconc.__version__ == "0.1.0"
    for name in numconc.__all__:
        assert hasattr(numconc, name), name
    assert numconc.Campaign.__module__ == "numconc"
    assert (Path(numconc.__file__).parent / "py.typed").exists()
    assert (Path(numconc.__file__).parent / "_native.pyi").exists()


def test_exception_hierarchy() -> None:
    for cls in (
        numconc.ValidationError,
        numconc.IneligibleError,
        numconc.TransitionError,
        numconc.NotFoundError,
        numconc.DuplicateIdError,
        numconc.LoadError,
        numconc.BudgetError,
        numconc.SpreadsheetError,
        numconc.InternalError,
    ):
        assert issubclass(cls, numconc.NumconcError)
    assert issubclass(numconc.NumconcError, Exception)
    assert issubclass(numconc.ValidationError, ValueError)
    assert issubclass(numconc.NotFoundError, LookupError)


def test_docstring_examples_run() -> None:
    import numconc.errors

    documented = (
        numconc,
        numconc.errors,
        numconc.Programme,
        numconc.Campaign,
        numconc.Budget,
        numconc.EligibilityReport,
        numconc.import_proposals,
    )
    for obj in documented:
        finder = doctest.DocTestFinder(recurse=False)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        tests = finder.find(obj, getattr(obj, "__name__", "x"), globs={})
        assert tests and tests[0].examples, f"{obj} has no example"
        for t in tests:
            runner.run(t)
        assert runner.failures == 0, obj


# ---- programme ----------------------------------------------------------------


def test_presets(programme: numconc.Programme) -> None:
    assert set(numconc.Programme.presets()) == {"hauts-de-france", "collex-persee", "pole-associe"}
    assert programme.id == "hauts-de-france"
    assert programme.currency == "EUR"
    assert programme.funder_ids == ["bnf", "drac", "ar2l"]
    ar2l = programme.funders[2]
    assert ar2l["envelope"] == Decimal("20000.00") and isinstance(ar2l["envelope"], Decimal)
    assert ar2l["lines"] == ["shared"]
    with pytest.raises(numconc.NotFoundError) as e:
        numconc.Programme.preset("atlantis")
    assert e.value.code == "UNKNOWN_PRESET"
    assert "atlantis" in e.value.message_fr and "atlantis" in e.value.message_en


def test_programme_from_json_dict_file(programme: numconc.Programme, tmp_path: Path) -> None:
    text = programme.to_json()
    assert numconc.Programme.from_json(text) == programme
    assert numconc.Programme.from_dict(programme.to_dict()) == programme
    f = tmp_path / "programme.json"
    f.write_text(text, encoding="utf-8")
    assert numconc.Programme.from_file(f) == programme
    assert numconc.Programme.from_file(str(f)) == programme
    with pytest.raises(FileNotFoundError):
        numconc.Programme.from_file(tmp_path / "nope.json")


def test_programme_from_dict_with_decimals(programme: numconc.Programme) -> None:
    data = programme.to_dict()
    data["prices"]["default_per_view"] = Decimal("0.3500")
    data["max_public_rate"] = Decimal("0.8")
    data["funders"][2]["envelope"] = Decimal("20000")
    assert numconc.Programme.from_dict(data) == programme


def test_programme_validation_lists_every_issue(programme: numconc.Programme) -> None:
    data = programme.to_dict()
    data["prices"]["default_per_view"] = "0.123456"
    data["funders"][0]["rates"][0]["rate"] = "1.5"
    data["colour"] = "blue"
    with pytest.raises(numconc.ValidationError) as e:
        numconc.Programme.from_dict(data)
    err = e.value
    assert err.code == "INVALID_VALUE"
    codes = {(i.code, i.path) for i in err.issues}
    assert ("INVALID_MONEY", "prices.default_per_view") in codes
    assert ("INVALID_RATE", "funders[0].rates[0].rate") in codes
    assert ("UNKNOWN_FIELD", "colour") in codes
    for i in err.issues:
        assert i.message_fr and i.message_en and i.message_fr != i.message_en
    with pytest.raises(numconc.ValidationError) as e2:
        numconc.Programme.from_json("{not json")
    assert e2.value.issues[0].code == "INVALID_JSON"


# ---- campaign and commands ----------------------------------------------------


def test_new_campaign_and_properties(campaign: numconc.Campaign, programme: numconc.Programme) -> None:
    assert campaign.id == "hdf-2026"
    assert campaign.year == 2026
    assert campaign.ends_on == D(2027, 6, 30)
    assert campaign.programme == programme
    assert campaign.closed is False
    assert campaign.last_date is None
    assert [d["id"] for d in campaign.documents()] == ["D1", "D2", "D3"]
    doc = campaign.documents()[0]
    assert doc["insured_value"] == Decimal("3000.00") and isinstance(doc["insured_value"], Decimal)
    assert doc["proposed_on"] == D(2026, 2, 10)
    assert [i["id"] for i in campaign.institutions()] == [INSTITUTION_ID, OTHER_ID]
    c1 = campaign.conventions()[0]
    assert c1["ends_on"] == D(2028, 12, 31) and c1["termination"] is None
    assert "hdf-2026" in repr(campaign)


def test_campaign_from_dict_and_json(programme: numconc.Programme, campaign: numconc.Campaign) -> None:
    saved = json.loads(campaign.dumps())
    data = saved["campaign"]
    again = numconc.Campaign.from_json(programme, json.dumps(data))
    assert again.dumps() == campaign.dumps()
    del data["programme"]
    assert numconc.Campaign.from_dict(programme, data).dumps() == campaign.dumps()
    data["programme"] = "another"
    with pytest.raises(numconc.ValidationError) as e:
        numconc.Campaign.from_dict(programme, data)
    assert e.value.issues[0].code == "INCONSISTENT"


def test_campaign_data_is_validated(programme: numconc.Programme) -> None:
    with pytest.raises(numconc.ValidationError) as e:
        numconc.Campaign(
            programme,
            id="c",
            year=2026,
            ends_on=D(2027, 6, 30),
            institutions=[institution("FR-123", kind="bookshop")],
            documents=[document("D1", inst="NOPE", date="vers 1870")],
        )
    paths = {(i.code, i.path) for i in e.value.issues}
    assert ("INVALID_ISIL", "institutions[0].id") in paths
    assert ("NOT_IN_VOCABULARY", "institutions[0].kind") in paths
    assert ("INVALID_EDTF", "documents[0].date") in paths


def test_full_lifecycle(campaign: numconc.Campaign) -> None:
    c = campaign
    c.select("D1", date=D(2026, 4, 2), actor="coordinatrice", note="comité du 2 avril")
    c.select("D2", date=D(2026, 4, 2))
    c.reject("D3", "hors thème", date=D(2026, 4, 2))
    assert c.state("D3").admin == "rejected"
    for d in ("D1", "D2"):
        c.record_condition(d, "good", date=D(2026, 4, 10))
    with pytest.raises(numconc.TransitionError) as e:
        c.prepare("D1", date=D(2026, 4, 11))
    assert e.value.code == "COLLATION_REQUIRED"
    c.prepare("D1", issues=52, date=D(2026, 4, 11))
    c.prepare("D2", issues=12, date=D(2026, 4, 11))
    c.ship("S1", "Prestataire SA", ["D1", "D2"], date=D(2026, 5, 2))
    s = c.state("D1")
    assert (s.custody, s.shipment, s.provider, s.since) == ("provider", "S1", "Prestataire SA", D(2026, 5, 2))
    shipments = c.shipments()
    assert shipments[0]["insured_total"] == Decimal("6000.00")
    assert shipments[0]["still_out"] == ["D1", "D2"]
    custody = c.custody_report(as_of=D(2026, 9, 1))
    assert [r["document"] for r in custody] == ["D1", "D2"]
    assert custody[0]["days_out"] == 122 and custody[0]["overdue"] is True
    assert custody[0]["since"] == D(2026, 5, 2)
    c.deliver("D1", 1180, date=D(2026, 6, 1))
    c.deliver("D2", 1200, date=D(2026, 6, 1))
    c.qc("D1", 60, 0, 0, date=D(2026, 6, 3))
    c.qc("D2", sample=60, major=1, minor=0, date=D(2026, 6, 3))
    assert c.state("D2").digital == "qc_failed"
    c.deliver("D2", 1210, date=D(2026, 6, 20))
    c.qc("D2", 61, 0, 1, date=D(2026, 6, 21))
    with pytest.raises(numconc.TransitionError) as e:
        c.publish("D1", "gallica", "ark:/12148/BAD", date=D(2026, 6, 25))
    assert e.value.code == "INVALID_ARK"
    c.return_(["D1", "D2"], ["good", "poor"], date=D(2026, 6, 30))
    s2 = c.state("D2")
    assert s2.return_grade == "poor" and s2.round == 2 and s2.views == 1210
    assert s2.incidents == [
        {"code": "CONDITION_DEGRADED", "date": D(2026, 6, 30), "departure_grade": "good", "return_grade": "poor"}
    ]
    c.publish("D1", "gallica", "ark:/12148/bpt6k205233j", date=D(2026, 7, 1))
    c.publish("D1", "armarium", "arm-1", date=D(2026, 7, 1))
    c.preserve("D1", date=D(2026, 7, 2))
    s1 = c.state("D1")
    assert s1.published == ["armarium", "gallica"]
    assert s1.publications == {"armarium": "arm-1", "gallica": "ark:/12148/bpt6k205233j"}
    assert s1.preserved is True
    assert c.funnel() == {
        "proposed": 3,
        "selected": 2,
        "at_provider": 0,
        "delivered": 2,
        "passed": 2,
        "returned": 2,
        "published": 1,
    }
    actual = c.budget("actual")
    assert actual.mode == "actual" and actual.as_of is None
    assert {l.document: l.views for l in actual.lines if l.kind == "document"} == {"D1": 1180, "D2": 1210}
    c.close_campaign(date=D(2026, 7, 10))
    assert c.closed
    with pytest.raises(numconc.TransitionError) as e:
        c.preserve("D1", date=D(2026, 7, 11))
    assert e.value.code == "CAMPAIGN_CLOSED"
    events = c.events()
    assert len(events) == 19
    assert events[0] == {
        "date": D(2026, 4, 2),
        "type": "select",
        "actor": "coordinatrice",
        "note": "comité du 2 avril",
        "doc": "D1",
    }
    assert events[-1]["type"] == "close_campaign"
    assert events.columns[:2] == ["date", "type"]


def test_refused_command_changes_nothing(campaign: numconc.Campaign) -> None:
    campaign.select("D1", date=D(2026, 4, 2))
    before = campaign.dumps()
    with pytest.raises(numconc.TransitionError) as e:
        campaign.select("D2", date=D(2026, 4, 1))
    assert e.value.code == "DATE_OUT_OF_ORDER"
    with pytest.raises(numconc.NotFoundError):
        campaign.ship("S1", "P", ["D1", "D404"], date=D(2026, 5, 1))
    with pytest.raises(numconc.TransitionError) as e:
        campaign.ship("S1", "P", ["D1"], date=D(2026, 5, 1))
    assert e.value.code == "INVALID_TRANSITION"
    with pytest.raises(numconc.ValidationError):
        campaign.deliver("D1", 0, date=D(2026, 5, 1))
    with pytest.raises(numconc.ValidationError):
        campaign.ship("S1", "P", [], date=D(2026, 5, 1))
    assert campaign.dumps() == before


def test_not_eligible_explains_itself(campaign: numconc.Campaign) -> None:
    campaign.propose(document("D9", views=0, themes=[], title=None), date=D(2026, 2, 11))
    with pytest.raises(numconc.IneligibleError) as e:
        campaign.select("D9", date=D(2026, 4, 2))
    err = e.value
    assert err.code == "NOT_ELIGIBLE" and err.document == "D9"
    assert [r.code for r in err.reasons] == ["THEME_NOT_ELIGIBLE", "INFORMATION_INCOMPLETE", "VIEWS_OUT_OF_RANGE"]
    assert "D9" in err.message_fr and "D9" in err.message_en
    assert "éligible" in err.message_fr and "eligible" in err.message_en
    for r in err.reasons:
        assert r.message_fr != r.message_en


def test_reasons_say_what_is_wrong(campaign: numconc.Campaign) -> None:
    campaign.propose(document("D9", views=0, themes=[], title=None, author=" "), date=D(2026, 2, 11))
    x = campaign.explain("D9", as_of=D(2026, 4, 2))
    assert x["eligible"] is False
    codes = [r["code"] for r in x["reasons"]]
    assert codes == [r.code for r in campaign.eligibility("D9", as_of=D(2026, 4, 2)).reasons]
    incomplete = x["reasons"][codes.index("INFORMATION_INCOMPLETE")]
    assert incomplete["detail"] == {"kind": "missing_fields", "fields": ["title", "author"]}
    assert incomplete["message_fr"].endswith("champs manquants : titre, auteur")
    assert incomplete["message_en"].endswith("missing fields: title, author")
    views = x["reasons"][codes.index("VIEWS_OUT_OF_RANGE")]
    assert views["detail"]["kind"] == "views" and views["detail"]["views"] == 0
    assert campaign.explain("D1", as_of=D(2026, 4, 2)) == {"eligible": True, "reasons": [], "warnings": []}
    with pytest.raises(numconc.NotFoundError):
        campaign.explain("D404", as_of=D(2026, 4, 2))


def test_registration_and_agreements(campaign: numconc.Campaign) -> None:
    c = campaign
    c.register_institution(
        institution("FR-590000101", kind="museum", size="small", membership_years=[2025]),
        date=D(2026, 3, 1),
    )
    with pytest.raises(numconc.DuplicateIdError) as e:
        c.register_institution(institution("FR-590000101"), date=D(2026, 3, 1))
    assert e.value.code == "DUPLICATE_ID"
    c.register_convention(convention("C9", "FR-590000101"), date=D(2026, 3, 1))
    c.propose(document("M1", inst="FR-590000101", targets=["armarium"]), date=D(2026, 3, 1))
    assert c.eligibility("M1", as_of=AS_OF).reasons[0].code == "MEMBERSHIP_MISSING"
    c.record_membership("FR-590000101", 2026, date=D(2026, 3, 2))
    assert c.eligibility("M1", as_of=AS_OF).eligible
    c.notify_termination("C9", date=D(2026, 3, 3))
    e2 = c.eligibility("M1", as_of=D(2026, 4, 3))
    assert [r.code for r in e2.reasons] == ["COORDINATOR_CONVENTION_MISSING"]
    with pytest.raises(numconc.TransitionError):
        c.notify_termination("C9", date=D(2026, 3, 4))
    c.amend_convention("C1", {"signed_on": D(2026, 3, 5), "ends_on": D(2029, 12, 31)}, date=D(2026, 3, 5))
    assert c.conventions()[0]["amendments"] == [{"signed_on": D(2026, 3, 5), "ends_on": D(2029, 12, 31)}]
    with pytest.raises(numconc.NotFoundError) as e3:
        c.amend_convention("C404", {"signed_on": D(2026, 3, 5)}, date=D(2026, 3, 5))
    assert e3.value.code == "UNKNOWN_CONVENTION"
    c.withdraw("M1", "retiré par l'établissement", date=D(2026, 3, 6))
    assert c.state("M1").admin == "withdrawn"


def test_execute_a_command_dict(campaign: numconc.Campaign) -> None:
    campaign.execute({"type": "select", "doc": "D1", "date": D(2026, 4, 2)})
    campaign.execute({"type": "select", "doc": "D2", "date": "2026-04-02"})
    assert campaign.state("D2").admin == "selected"
    with pytest.raises(numconc.ValidationError) as e:
        campaign.execute({"type": "fly", "date": D(2026, 4, 2)})
    assert e.value.issues[0].path == "type"


# ---- eligibility --------------------------------------------------------------


def test_eligibility_report(campaign: numconc.Campaign) -> None:
    campaign.propose(document("D9", rights="protected"), date=D(2026, 2, 11))
    report = campaign.eligibility_all(as_of=AS_OF)
    assert len(report) == 4 and "D1" in report and "D404" not in report
    assert list(report) == ["D1", "D2", "D3", "D9"]
    assert report.eligible() == ["D1", "D2", "D3"]
    assert report.as_of == AS_OF
    e = report["D9"]
    assert not e.eligible and e.document == "D9" and e.as_of == AS_OF
    assert e.to_dict() == {"eligible": False, "reasons": ["RIGHTS_NOT_CLEARED"], "warnings": []}
    assert e.reasons[0].code == "RIGHTS_NOT_CLEARED"
    with pytest.raises(KeyError):
        report["D404"]
    with pytest.raises(numconc.NotFoundError) as nf:
        campaign.eligibility("D404", as_of=AS_OF)
    assert nf.value.code == "UNKNOWN_DOCUMENT"
    records = report.to_records()
    assert records[3] == {"document": "D9", "eligible": False, "reasons": ["RIGHTS_NOT_CLEARED"], "warnings": []}
    html = report._repr_html_()
    assert "<table>" in html and "RIGHTS_NOT_CLEARED" in html
    df = report.to_pandas()
    assert list(df.columns) == ["document", "eligible", "reasons", "warnings"]
    assert df["eligible"].tolist() == [True, True, True, False]


def test_warning_when_agreement_ends_before_campaign(campaign: numconc.Campaign) -> None:
    campaign.register_institution(institution("FR-590000102"), date=D(2026, 3, 1))
    campaign.register_convention(
        convention("C8", "FR-590000102", ends_on=D(2026, 12, 31)), date=D(2026, 3, 1)
    )
    campaign.propose(document("W1", inst="FR-590000102", targets=[]), date=D(2026, 3, 1))
    e = campaign.eligibility("W1", as_of=AS_OF)
    assert e.eligible
    assert [w.code for w in e.warnings] == ["CONVENTION_ENDS_BEFORE_CAMPAIGN"]


# ---- budget -------------------------------------------------------------------


def test_budget_estimate(campaign: numconc.Campaign) -> None:
    b = campaign.budget("estimate", as_of=AS_OF)
    assert b.mode == "estimate" and b.as_of == AS_OF and b.currency == "EUR"
    assert isinstance(b.total, Decimal)
    assert len(b.lines) == 4  # three documents and one shared line
    for line in b.lines:
        assert sum(line.shares.values()) == line.cost
        assert line.shares["partner"] == line.partner
    assert b.total == sum(l.cost for l in b.lines)
    assert b.total == sum(b.funders.values()) + b.partner_total
    assert b.funder_total("ar2l") == Decimal("1200.00")
    with pytest.raises(KeyError):
        b.funder_total("nobody")
    assert b.funder_names["drac"] == "DRAC Hauts-de-France"
    inst = b.institutions[INSTITUTION_ID]
    assert inst["cost"] == inst["funded"] + inst["partner"]
    assert b.warnings == []
    records = b.to_records()
    assert list(records[0]) == ["institution", "kind", "document", "label", "views", "cost", "bnf", "drac", "ar2l", "partner"]
    assert records[-1]["kind"] == "shared" and records[-1]["label"] == "transport"
    df = b.to_pandas()
    assert len(df) == 4 and df["cost"].sum() == b.total
    assert b.to_dict()["total"] == str(b.total)


def test_budget_csv_for_a_finance_officer(campaign: numconc.Campaign) -> None:
    b = campaign.budget(as_of=AS_OF)
    text = b.to_csv()
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][0] == "Établissement"
    assert rows[-1][0] == "TOTAL"
    assert rows[0][3:5] == ["Titre", "Cote"]
    assert rows[-1][7] == str(b.total).replace(".", ",")


def test_budget_html_shows_the_table(campaign: numconc.Campaign) -> None:
    b = campaign.budget(as_of=AS_OF)
    html = b._repr_html_()
    assert html.count("<tr>") == 1 + len(b.lines) + 1
    assert "TOTAL" in html and "DRAC Hauts-de-France" in html and str(b.total) in html
    try:
        numconc.set_language("fr")
        assert "Budget prévisionnel" in b._repr_html_()
    finally:
        numconc.set_language("en")


def test_budget_mode_arguments(campaign: numconc.Campaign) -> None:
    with pytest.raises(TypeError, match="as_of"):
        campaign.budget("estimate")
    with pytest.raises(TypeError, match="as_of"):
        campaign.budget("actual", as_of=AS_OF)
    with pytest.raises(ValueError, match="mode"):
        campaign.budget("forecast", as_of=AS_OF)
    assert campaign.budget("actual").lines == []


def test_budget_with_funder_minimum_warning(programme: numconc.Programme) -> None:
    collex = numconc.Programme.preset("collex-persee")
    c = numconc.Campaign(
        collex,
        id="collex-2026",
        year=2026,
        ends_on=D(2027, 6, 30),
        institutions=[institution("FR-751052111", kind="research_library")],
        documents=[document("J1", inst="FR-751052111", typology="journals", views=100, targets=[])],
    )
    b = c.budget(as_of=AS_OF)
    assert b.warnings and b.warnings[0]["code"] == "FUNDER_MINIMUM_NOT_MET"
    assert "FUNDER_MINIMUM_NOT_MET" in b._repr_html_()


# ---- tables, states -----------------------------------------------------------


def test_states_table(campaign: numconc.Campaign) -> None:
    campaign.select("D1", date=D(2026, 4, 2))
    t = campaign.states()
    assert len(t) == 3 and t.columns[0] == "document"
    assert t[0]["admin"] == "selected" and t[-1]["admin"] == "proposed"
    with pytest.raises(IndexError):
        t[3]
    recs = t.to_records()
    recs[0]["admin"] = "changed"
    assert t[0]["admin"] == "selected"  # records are copies
    df = t.to_pandas()
    assert df["admin"].tolist() == ["selected", "proposed", "proposed"]
    assert "<table>" in t._repr_html_()
    with pytest.raises(numconc.NotFoundError):
        campaign.state("D404")
    assert campaign.state("D1").to_dict()["admin"] == "selected"


def test_language_of_messages(campaign: numconc.Campaign) -> None:
    with pytest.raises(numconc.NotFoundError) as e:
        campaign.select("D404", date=D(2026, 4, 2))
    err = e.value
    assert str(err) == "UNKNOWN_DOCUMENT: unknown document: D404"
    assert err.message("fr") == "document inconnu : D404"
    try:
        numconc.set_language("fr")
        assert numconc.get_language() == "fr"
        assert str(err) == "UNKNOWN_DOCUMENT: document inconnu : D404"
        reason = campaign.eligibility("D1", as_of=D(2029, 1, 1)).reasons[0]
        assert reason.message() == reason.message_fr
    finally:
        numconc.set_language("en")
    with pytest.raises(ValueError):
        numconc.set_language("de")
    with pytest.raises(ValueError):
        err.message("de")


def test_campaign_html_summary(campaign: numconc.Campaign) -> None:
    html = campaign._repr_html_()
    assert "<table>" in html and "hdf-2026" in html


# ---- saving, loading, replay --------------------------------------------------


def test_save_and_load(campaign: numconc.Campaign, tmp_path: Path) -> None:
    campaign.select("D1", date=D(2026, 4, 2))
    f = tmp_path / "campagne.json"
    campaign.save(f)
    assert not (tmp_path / "campagne.json.tmp").exists()
    loaded = numconc.Campaign.load(f)
    assert loaded.dumps() == campaign.dumps()
    assert loaded.state("D1").admin == "selected"
    assert numconc.Campaign.load(str(f)).dumps() == campaign.dumps()
    with pytest.raises(FileNotFoundError):
        numconc.Campaign.load(tmp_path / "nope.json")


def test_load_errors(campaign: numconc.Campaign) -> None:
    campaign.select("D1", date=D(2026, 4, 2))
    text = campaign.dumps()
    with pytest.raises(numconc.LoadError) as e:
        numconc.Campaign.loads(text[: len(text) // 2])
    assert e.value.code == "INVALID_JSON"
    data = json.loads(text)
    data["schema_version"] = 99
    with pytest.raises(numconc.LoadError) as e:
        numconc.Campaign.loads(json.dumps(data))
    assert e.value.code == "UNSUPPORTED_SCHEMA_VERSION"
    data["schema_version"] = 1
    data["events"].append({"type": "deliver", "doc": "D1", "views": 10, "date": "2026-05-01"})
    with pytest.raises(numconc.LoadError) as e:
        numconc.Campaign.loads(json.dumps(data))
    assert e.value.code == "INVALID_EVENT" and e.value.event == 2
    assert isinstance(e.value.cause, numconc.TransitionError)
    assert e.value.cause.code == "NOT_AT_PROVIDER"


def test_replay_events(make_campaign: Callable[..., numconc.Campaign]) -> None:
    a = make_campaign()
    a.select("D1", date=D(2026, 4, 2))
    a.record_condition("D1", "fair", date=D(2026, 4, 3))
    a.prepare("D1", issues=3, date=D(2026, 4, 3))
    events = a.events().to_records()
    b = make_campaign()
    b.replay(events)
    assert b.dumps() == a.dumps()
    assert a.replayed().dumps() == a.dumps()
    c = make_campaign()
    bad = events + [{"type": "deliver", "doc": "D1", "views": 5, "date": D(2026, 4, 4)}]
    with pytest.raises(numconc.LoadError) as e:
        c.replay(bad)
    assert e.value.event == 4 and e.value.cause is not None and e.value.cause.code == "NOT_AT_PROVIDER"
    assert len(c.events()) == 0  # all or nothing: the events before the refused one are undone
    d = make_campaign()
    with pytest.raises(numconc.LoadError) as e:
        d.replay(events[:1] + [{"type": "select", "date": D(2026, 4, 5)}])
    assert e.value.event == 2 and isinstance(e.value.cause, numconc.ValidationError)
    assert len(d.events()) == 0


def test_copy_and_pickle(campaign: numconc.Campaign) -> None:
    campaign.select("D1", date=D(2026, 4, 2))
    other = campaign.copy()
    other.select("D2", date=D(2026, 4, 3))
    assert campaign.state("D2").admin == "proposed"
    assert pickle.loads(pickle.dumps(campaign)).dumps() == campaign.dumps()
    assert copy.deepcopy(campaign).dumps() == campaign.dumps()
    err = numconc.ValidationError("INVALID_VALUE", "fr", "en")
    again = pickle.loads(pickle.dumps(err))
    assert (again.code, again.message_fr, again.message_en, again.issues) == ("INVALID_VALUE", "fr", "en", [])


def test_to_pandas_without_pandas(campaign: numconc.Campaign, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        campaign.budget(as_of=AS_OF).to_pandas()
    # everything else works without pandas
    assert campaign.budget(as_of=AS_OF).to_records()


def test_typed_results_round_trip_as_input(campaign: numconc.Campaign, programme: numconc.Programme) -> None:
    """documents() and conventions() give dicts that the API takes back."""
    again = numconc.Campaign(
        programme,
        id="copy",
        year=2026,
        ends_on=D(2027, 6, 30),
        institutions=campaign.institutions(),
        conventions=campaign.conventions(),
        documents=campaign.documents(),
    )
    assert again.documents() == campaign.documents()
    assert again.conventions() == campaign.conventions()


def test_repr_of_results(campaign: numconc.Campaign) -> None:
    assert "eligible" in repr(campaign.eligibility("D1", as_of=AS_OF))
    assert "Budget" in repr(campaign.budget(as_of=AS_OF))
    assert "D1" in repr(campaign.state("D1"))
    r = campaign.eligibility("D1", as_of=D(2029, 6, 1)).reasons[0]
    assert r.code in repr(r) and r.code in str(r)
    assert hash(r) == hash(campaign.eligibility("D1", as_of=D(2029, 6, 1)).reasons[0])



def test_reports_render_json_in_rust(campaign: numconc.Campaign) -> None:
    """to_json() is the vector-shaped JSON text, written in Rust: the same
    data as to_dict() / to_records(), keys sorted, no spaces."""
    import json

    day = datetime.date(2026, 4, 2)
    budget = campaign.budget("estimate", as_of=day)
    text = budget.to_json()
    assert json.loads(text) == budget.to_dict()
    assert text == json.dumps(budget.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    report = campaign.eligibility_all(as_of=day)
    text = report.to_json()
    expected = {r.pop("document"): r for r in report.to_records()}
    assert json.loads(text) == expected
    assert list(json.loads(text)) == sorted(expected) == report.keys()
    # The report keeps its day's answers when the campaign changes after it.
    n = len(report)
    campaign.propose(
        {"id": "ZZ-NEW", "institution": campaign.documents()[0]["institution"], "typology": "press",
         "rights": "public_domain", "proposed_on": datetime.date(2026, 2, 10)},
        date=day,
    )
    assert len(report) == n and "ZZ-NEW" not in report
    assert "ZZ-NEW" in campaign.eligibility_all(as_of=day)


def test_columnar_results(campaign: numconc.Campaign) -> None:
    """to_arrow() tables are built from columns in Rust, money exact as
    decimal128(18, 2); to_pandas() comes from them, exact or float."""
    pa = pytest.importorskip("pyarrow")
    pd = pytest.importorskip("pandas")
    day = datetime.date(2026, 4, 2)
    budget = campaign.budget("estimate", as_of=day)
    table = budget.to_arrow()
    assert table.num_rows == len(budget.to_records())
    assert table.schema.field("cost").type == pa.decimal128(18, 2)
    assert table.schema.field("views").type == pa.int64()
    assert table.to_pylist() == budget.to_records()
    frame = budget.to_pandas()
    assert isinstance(frame["cost"].dtype, pd.ArrowDtype)
    assert frame["cost"].sum() == budget.total
    assert frame.to_dict("records")[0]["cost"] == budget.to_records()[0]["cost"]
    floats = budget.to_pandas(money="float")
    assert floats["cost"].dtype == "float64"
    assert abs(floats["cost"].sum() - float(budget.total)) < 0.01
    with pytest.raises(ValueError, match="money"):
        budget.to_pandas(money="cents")
    report = campaign.eligibility_all(as_of=day)
    t = report.to_arrow()
    assert t.to_pylist() == report.to_records()
    assert report.to_pandas()["eligible"].tolist() == [r["eligible"] for r in report.to_records()]

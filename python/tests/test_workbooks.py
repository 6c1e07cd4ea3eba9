"""The note informative as partners send it: .xlsx and .ods workbooks and
Windows-1252 CSV (written by tests/data/make_sheets.py from the two example
notes) import to the same proposals as the UTF-8 CSV; the format is
recognised by content, not by the file name."""

from __future__ import annotations

import importlib.util
import pathlib
from typing import Any

import pytest

import numconc
from conftest import EXAMPLES, INSTITUTION_ID, REPO, D

DAY = D(2026, 2, 10)
NOTES = sorted(EXAMPLES.glob("note-informative-*.csv"))

_spec = importlib.util.spec_from_file_location("make_sheets", REPO / "tests" / "data" / "make_sheets.py")
assert _spec and _spec.loader
make_sheets: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_sheets)


def summary(report: numconc.ImportReport) -> list[tuple[Any, ...]]:
    return [(r.id, r.status, [e.code for e in r.errors]) for r in report.rows]


@pytest.mark.parametrize("note", NOTES, ids=[n.stem for n in NOTES])
def test_workbooks_and_windows_1252_import_like_the_utf8_csv(note: pathlib.Path, tmp_path: pathlib.Path) -> None:
    expected = numconc.import_proposals_file(note, institution=INSTITUTION_ID, proposed_on=DAY)
    assert expected.documents and expected.format == "csv" and expected.warnings == []
    text = note.read_text(encoding="utf-8")
    rows = make_sheets.typed_rows(text)
    for fmt, data in (("xlsx", make_sheets.xlsx(rows)), ("ods", make_sheets.ods(rows)), ("csv", make_sheets.cp1252(text))):
        # A misleading name: the content decides.
        path = tmp_path / f"note.{ 'csv' if fmt != 'csv' else 'xlsx' }"
        path.write_bytes(data)
        for report in (
            numconc.import_proposals_file(path, institution=INSTITUTION_ID, proposed_on=DAY),
            numconc.import_proposals(data, institution=INSTITUTION_ID, proposed_on=DAY),
        ):
            assert report.format == fmt
            assert report.documents == expected.documents
            assert summary(report) == summary(expected)
            if fmt == "csv":
                assert [w["code"] for w in report.warnings] == ["DECODED_WINDOWS_1252"]
                assert "Windows-1252" in report._repr_html_()
            else:
                assert report.sheet == "Note" and report.warnings == []


def test_sheet_choice_and_workbook_errors() -> None:
    rows = make_sheets.typed_rows(NOTES[0].read_text(encoding="utf-8"))
    data = make_sheets.xlsx(rows, sheet="Propositions")
    kw: dict[str, Any] = {"institution": INSTITUTION_ID, "proposed_on": DAY}
    assert numconc.import_proposals(data, sheet="propositions", **kw).sheet == "Propositions"
    assert numconc.import_proposals(data, sheet=0, **kw).documents
    for sheet in ("Budget", 3):
        with pytest.raises(numconc.SpreadsheetError) as e:
            numconc.import_proposals(data, sheet=sheet, **kw)
        assert e.value.code == "UNKNOWN_SHEET"
        assert "Propositions" in e.value.message_fr
    with pytest.raises(ValueError):
        numconc.import_proposals(data, sheet=-1, **kw)
    with pytest.raises(TypeError, match="sheet"):
        numconc.import_proposals(data, sheet=1.5, **kw)  # type: ignore[arg-type]
    no_header = make_sheets.ods([["Mode d'emploi"], ["une ligne par document"]])
    with pytest.raises(numconc.SpreadsheetError) as e:
        numconc.import_proposals(no_header, **kw)
    assert e.value.code == "NO_SHEET_WITH_HEADER"
    with pytest.raises(numconc.SpreadsheetError) as e:
        numconc.import_proposals(data[: len(data) // 2], **kw)
    assert e.value.code == "WORKBOOK_CORRUPT"


def test_budget_dossier_workbook(campaign: numconc.Campaign, tmp_path: pathlib.Path) -> None:
    import zipfile, io

    budget = campaign.budget(as_of=D(2026, 4, 1))
    data = budget.to_xlsx(lang="fr")
    assert isinstance(data, bytes) and data[:4] == b"PK\x03\x04"
    assert budget.to_xlsx(lang="fr") == data  # same budget, same bytes
    path = tmp_path / "dossier.xlsx"
    assert budget.to_xlsx(path, lang="en") is None
    assert path.read_bytes() == budget.to_xlsx(lang="en")
    assert [p.name for p in tmp_path.iterdir()] == ["dossier.xlsx"]  # no temporary file left
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        book = z.read("xl/workbook.xml").decode()
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert 'name="Budget"' in book and 'name="Financeurs"' in book and 'name="Établissements"' in book
    assert "<f>SUM(" in sheet
    # A total formula's stored result is the budget's total.
    assert f"<v>{budget.total}</v>" in sheet
    with pytest.raises(ValueError):
        budget.to_xlsx(lang="de")
    with pytest.raises(FileNotFoundError):
        budget.to_xlsx(tmp_path / "missing" / "dossier.xlsx")


def test_programme_in_words_one_language_at_a_time() -> None:
    p = numconc.Programme.preset("hauts-de-france")
    fr = p.describe("fr")
    en = p.describe("en")
    assert "Grille de prix" in fr and "Financeurs" in fr and "presse" in fr
    assert "Price grid" in en and "Funders" in en and "press" in en
    assert "Grille" not in en and "Price grid" not in fr
    before = numconc.get_language()
    try:
        numconc.set_language("fr")
        html = p._repr_html_()
        assert "grille de prix" in html and "Financeurs" in html and "0,4500 EUR" in html
        numconc.set_language("en")
        html = p._repr_html_()
        assert "price grid" in html and "Funders" in html and "0.4500 EUR" in html
        assert "Financeurs" not in html
    finally:
        numconc.set_language(before)


def test_tables_for_people_speak_one_language(campaign: numconc.Campaign) -> None:
    campaign.select("D1", date=D(2026, 4, 15))
    before = numconc.get_language()
    try:
        numconc.set_language("fr")
        states = campaign.states()
        html = states._repr_html_()
        assert states.title == "États des documents"
        assert "sélectionné" in html and "proposé" in html and "statut" in html
        assert "selected" not in html and "Document states" not in html
        assert states[0]["admin"] == "selected"  # the records keep the data
        events = campaign.events()._repr_html_()
        assert "Journal des commandes" in events and "sélection" in events
        numconc.set_language("en")
        html = campaign.states()._repr_html_()
        assert "selected" in html and "sélectionné" not in html and "status" in html
    finally:
        numconc.set_language(before)

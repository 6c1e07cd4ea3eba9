"""Proposals from a spreadsheet (the note informative exported to CSV), with
a report per row that loses no row."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import numconc
from conftest import EXAMPLES, INSTITUTION_ID, D

DAY = D(2026, 2, 10)
SHEETS = sorted(EXAMPLES.glob("note-informative-*.csv"))

FRENCH = (
    "\ufeffCote;Titre;Auteur;Date;Typologie;Format;Nombre de vues;Thèmes;Droits;Diffusion;Fragile;OCR;Valeur d'assurance;Remarque\n"
    "Res. 1;Journal de Lille;Anonyme;vers 1850;Presse;A2;1 200;Intérêt régional;Domaine public;Gallica, Armarium;oui;non;1 500,00;urgent\n"
    ";;;;;;;;;;;;;\n"
    "Res. 2;Atlas;;XIXe siècle;Cartes et plans;A0;12;Rare et précieux;Protégé;;non;non;;\n"
    "Res. 3;Registre;X;1850;Bandes dessinées;A4;douze;Intérêt régional;Domaine public;;non;non;;\n"
)


def test_the_example_sheets_are_there() -> None:
    assert len(SHEETS) == 2


@pytest.mark.parametrize("sheet", SHEETS, ids=[s.stem for s in SHEETS])
def test_no_row_is_lost(sheet: Path) -> None:
    text = sheet.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    data_lines = [n for n, line in enumerate(lines[1:], 2) if line.strip(" ;,")]
    for report in (
        numconc.import_proposals_file(sheet, institution=INSTITUTION_ID, proposed_on=DAY),
        numconc.import_proposals_file(str(sheet), institution=INSTITUTION_ID, proposed_on=DAY),
        numconc.import_proposals(sheet.read_bytes(), institution=INSTITUTION_ID, proposed_on=DAY),
        numconc.import_proposals(text, institution=INSTITUTION_ID, proposed_on=DAY),
    ):
        assert [r.line for r in report.rows] == data_lines
        assert len(report) == len(data_lines)
        imported = [r.id for r in report.rows if r.status != "error"]
        assert [d["id"] for d in report.documents] == imported
        assert report.ok == all(r.status != "error" for r in report.rows)
        for row in report.rows:
            assert (row.status == "error") == bool(row.errors)
            assert (row.status == "ok_with_notes") == (bool(row.notes) and not row.errors)


def test_french_sheet() -> None:
    report = numconc.import_proposals(FRENCH, institution=INSTITUTION_ID, proposed_on=DAY)
    assert report.empty_lines == 1
    assert report.ignored_columns == ["Remarque"]
    assert [(r.line, r.status) for r in report.rows] == [(2, "ok_with_notes"), (4, "ok_with_notes"), (5, "error")]
    first = report.documents[0]
    assert first["id"] == f"{INSTITUTION_ID}-1"
    assert first["shelfmark"] == "Res. 1"
    assert first["typology"] == "press"
    assert first["views"] == 1200
    assert first["date"] == "1850~"
    assert first["themes"] == ["regional_interest"]
    assert first["targets"] == ["gallica", "armarium"]
    assert first["fragile"] is True and first["ocr"] is False
    assert first["insured_value"] == Decimal("1500.00") and isinstance(first["insured_value"], Decimal)
    assert first["proposed_on"] == DAY
    note = report.rows[0].notes[0]
    assert (note.field, note.value, note.converted) == ("date", "vers 1850", "1850~")
    assert note.message_fr != note.message_en
    assert report.documents[1]["date"] == "18XX"
    assert report.documents[1]["author"] is None  # missing: an incomplete proposal, not an error
    bad = report.rows[2]
    assert bad.id == f"{INSTITUTION_ID}-3"
    assert {(e.field, e.code) for e in bad.errors} == {("typology", "UNKNOWN_TYPOLOGY"), ("views", "INVALID_VIEWS")}
    for e in bad.errors:
        assert e.message_fr and e.message_en and e.message("fr") == e.message_fr


def test_imported_proposals_go_into_a_campaign(campaign: numconc.Campaign) -> None:
    report = numconc.import_proposals(FRENCH, institution=INSTITUTION_ID, proposed_on=DAY)
    for doc in report.documents:
        campaign.propose(doc, date=D(2026, 2, 11))
    eligibility = campaign.eligibility_all(as_of=D(2026, 4, 1))
    assert eligibility[f"{INSTITUTION_ID}-1"].eligible
    # no author: an incomplete proposal (protected rights, but no target to publish on)
    assert [r.code for r in eligibility[f"{INSTITUTION_ID}-2"].reasons] == ["INFORMATION_INCOMPLETE"]


def test_report_as_tables() -> None:
    report = numconc.import_proposals(FRENCH, institution=INSTITUTION_ID, proposed_on=DAY)
    records = report.to_records()
    assert [r["status"] for r in records] == ["ok_with_notes", "ok_with_notes", "error"]
    assert records[2]["codes"] == ["UNKNOWN_TYPOLOGY", "INVALID_VIEWS"]
    assert records[2]["fields"] == ["typology", "views"]
    assert "Bandes dessinées" in records[2]["messages"][0]
    assert records[0]["fields"] == ["date"]
    df = report.to_pandas()
    assert list(df["line"]) == [2, 4, 5]
    html = report._repr_html_()
    assert html.count("<tr>") == 1 + 3
    assert "UNKNOWN_TYPOLOGY" in html and "Remarque" in html
    d = report.to_dict()
    assert d["empty_lines"] == 1 and len(d["rows"]) == 3 and len(d["documents"]) == 2
    assert report.rows[0].to_dict()["status"] == "ok_with_notes"


def test_english_sheet_with_commas() -> None:
    text = "id,title,author,date,type,format,views,themes,rights,targets\nE1,Map,Someone,1890,maps_plans,A1,4,rare_precious,public_domain,gallica\n"
    report = numconc.import_proposals(text, institution="BM-TEST", proposed_on=DAY)
    assert report.ok and report.documents[0]["id"] == "E1"
    assert report.documents[0]["institution"] == "BM-TEST"


@pytest.mark.parametrize(
    "source,code",
    [
        ("", "EMPTY_FILE"),
        ("foo;bar\n1;2\n", "NO_HEADER"),
        ("titre;auteur\nA;B\n", "MISSING_COLUMN"),
        ("typologie;droits;vues;nombre de vues\npresse;domaine public;1;2\n", "DUPLICATE_COLUMN"),
        ('typologie;droits\n"presse;domaine public\n', "CSV_SYNTAX"),
        (b"typologie;droits\nPresse;\x81\n", "NOT_UTF8"),  # neither UTF-8 nor Windows-1252
        (b"PK\x03\x04 not a workbook", "WORKBOOK_CORRUPT"),
    ],
)
def test_file_level_problems(source: "str | bytes", code: str) -> None:
    with pytest.raises(numconc.SpreadsheetError) as e:
        numconc.import_proposals(source, institution=INSTITUTION_ID, proposed_on=DAY)
    assert e.value.code == code
    assert e.value.message_fr and e.value.message_en


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(numconc.SpreadsheetError) as e:
        numconc.import_proposals("typologie;droits\n", institution="FR-12", proposed_on=DAY)
    assert e.value.code == "INVALID_INSTITUTION"
    with pytest.raises(TypeError, match="str or bytes"):
        numconc.import_proposals(Path("x.csv"), institution=INSTITUTION_ID, proposed_on=DAY)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="proposed_on"):
        numconc.import_proposals("typologie;droits\n", institution=INSTITUTION_ID, proposed_on="2026-02-10")  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        numconc.import_proposals_file(tmp_path / "nope.csv", institution=INSTITUTION_ID, proposed_on=DAY)

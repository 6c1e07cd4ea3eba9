"""Writes the example notes informatives as partners send them: .xlsx and
.ods workbooks with typed cells (numbers, booleans, years as numbers) and
Windows-1252 CSV, from the UTF-8 CSV. Standard library only, so that the
Python and C tests can use it anywhere; the Rust tests write their own with
rust_xlsxwriter (core/tests/spreadsheets.rs).

    python3 tests/data/make_sheets.py OUT_DIR    # writes OUT_DIR/<note>.{xlsx,ods,cp1252.csv}
"""

from __future__ import annotations

import csv
import io
import pathlib
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

HERE = pathlib.Path(__file__).resolve().parent
NOTES = sorted(HERE.glob("note-informative-*.csv"))

Cell = "str | float | bool | None"


def _number(v: str) -> float | None:
    t = "".join(c for c in v if not c.isspace() and c != "€").replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def typed_rows(text: str) -> list[list[str | float | bool | None]]:
    """The records of a CSV note, each cell typed by its column as a person
    types it in a spreadsheet program."""
    body = text.lstrip("\ufeff")
    first = body.splitlines()[0]
    sep = ";" if first.count(";") >= first.count(",") else ","
    records = list(csv.reader(io.StringIO(body), delimiter=sep))
    header = [h.lower() for h in records[0]]
    rows: list[list[str | float | bool | None]] = [list(records[0])]
    for rec in records[1:]:
        row: list[str | float | bool | None] = []
        for i, v in enumerate(rec):
            v = v.strip()
            h = header[i] if i < len(header) else ""
            cell: str | float | bool | None = v or None
            if v and h in ("vues", "nombre de vues", "valeur d'assurance"):
                n = _number(v)
                cell = v if n is None else n
            elif v and h in ("fragile", "ocr"):
                cell = {"oui": True, "x": True, "yes": True, "non": False, "no": False}.get(v.lower(), v)
            elif v and h == "date" and len(v) == 4 and v.isdigit():
                cell = float(v)
            row.append(cell)
        rows.append(row)
    return rows


def _col(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _num(n: float) -> str:
    return str(int(n)) if n == int(n) else repr(n)


def xlsx(rows: list[list[str | float | bool | None]], sheet: str = "Note") -> bytes:
    """A minimal Office Open XML workbook (inline strings) of one sheet."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    data = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(row):
            ref = f"{_col(c)}{r}"
            if v is None:
                continue
            if isinstance(v, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(v)}</v></c>')
            elif isinstance(v, float):
                cells.append(f'<c r="{ref}"><v>{_num(v)}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(v)}</t></is></c>')
        data.append(f'<row r="{r}">{"".join(cells)}</row>')
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
        f"<sheets><sheet name={quoteattr(sheet)} sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">'
        f'<sheetData>{"".join(data)}</sheetData></worksheet>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return out.getvalue()


def ods(rows: list[list[str | float | bool | None]], sheet: str = "Note") -> bytes:
    """An OpenDocument spreadsheet of one sheet, laid out as LibreOffice
    does (the uncompressed `mimetype` first)."""
    body = []
    for row in rows:
        cells = []
        for v in row:
            if v is None:
                cells.append("<table:table-cell/>")
            elif isinstance(v, bool):
                cells.append(
                    f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(v).lower()}">'
                    f"<text:p>{'VRAI' if v else 'FAUX'}</text:p></table:table-cell>"
                )
            elif isinstance(v, float):
                cells.append(
                    f'<table:table-cell office:value-type="float" office:value="{_num(v)}">'
                    f"<text:p>{_num(v)}</text:p></table:table-cell>"
                )
            else:
                cells.append(f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>')
        body.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:spreadsheet><table:table table:name={quoteattr(sheet)}>{''.join(body)}"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def cp1252(text: str) -> bytes:
    """The note as French Excel saves "CSV (séparateur : point-virgule)"."""
    return text.lstrip("\ufeff").encode("cp1252")


def write_all(out_dir: pathlib.Path) -> list[pathlib.Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for note in NOTES:
        text = note.read_text(encoding="utf-8")
        rows = typed_rows(text)
        for suffix, data in ((".xlsx", xlsx(rows)), (".ods", ods(rows)), (".cp1252.csv", cp1252(text))):
            path = out_dir / (note.stem + suffix)
            path.write_bytes(data)
            written.append(path)
    return written


if __name__ == "__main__":
    for p in write_all(pathlib.Path(sys.argv[1])):
        print(p)

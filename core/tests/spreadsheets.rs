//! The note informative as partners really send it: `.xlsx` and `.ods`
//! workbooks with typed cells, Windows-1252 and tab-separated CSV. Each is
//! generated here from the two example notes and must import to the same
//! proposals as the UTF-8 CSV.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::io::Write;

use numconc::import::{
    import_proposals, import_proposals_bytes, import_spreadsheet, ImportError, ImportReport,
    SheetChoice, SourceFormat,
};
use numconc::Date;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const AMIENS: &str = include_str!("../../tests/data/note-informative-bm-amiens.csv");
const AISNE: &str = include_str!("../../tests/data/note-informative-ad-aisne.csv");
const AMIENS_ISIL: &str = "FR-800216101";
const AISNE_ID: &str = "AD02";

fn day() -> Date {
    Date::from_ymd_opt(2026, 2, 10).unwrap()
}

/// A cell as a person types it in a spreadsheet program: numbers and
/// booleans are typed, the rest is text.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Day(u16, u8, u8),
}

/// The records of a CSV note, cells typed by their column.
fn typed_rows(csv_text: &str) -> Vec<Vec<Cell>> {
    let body = csv_text.trim_start_matches('\u{feff}');
    let first = body.lines().next().unwrap();
    let sep = if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(body.as_bytes());
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let header: Vec<String> = records[0].iter().map(|h| h.to_lowercase()).collect();
    let mut out = vec![records[0].iter().map(|h| Cell::Text(h.clone())).collect()];
    for r in &records[1..] {
        out.push(
            r.iter()
                .enumerate()
                .map(|(i, v)| typed(header.get(i).map_or("", String::as_str), v))
                .collect(),
        );
    }
    out
}

fn typed(header: &str, v: &str) -> Cell {
    let v = v.trim();
    if v.is_empty() {
        return Cell::Empty;
    }
    let number = |s: &str| {
        let t: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '€')
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        t.parse::<f64>().ok()
    };
    match header {
        "vues" | "nombre de vues" | "valeur d'assurance" => {
            number(v).map_or_else(|| Cell::Text(v.into()), Cell::Number)
        }
        "fragile" | "ocr" => match v.to_lowercase().as_str() {
            "oui" | "x" | "yes" => Cell::Bool(true),
            "non" | "no" => Cell::Bool(false),
            _ => Cell::Text(v.into()),
        },
        "date" if v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()) => {
            Cell::Number(v.parse().unwrap())
        }
        _ => Cell::Text(v.into()),
    }
}

/// An `.xlsx` of these sheets (name, rows), written by `rust_xlsxwriter`.
fn xlsx(sheets: &[(&str, Vec<Vec<Cell>>)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            let r = u32::try_from(r).unwrap();
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).unwrap();
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) => {
                        sheet.write_string(r, c, s).unwrap();
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r, c, *n).unwrap();
                    }
                    Cell::Bool(b) => {
                        sheet.write_boolean(r, c, *b).unwrap();
                    }
                    Cell::Day(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        sheet
                            .write_datetime_with_format(r, c, &dt, &date_format)
                            .unwrap();
                    }
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An `.ods` of these sheets, laid out as LibreOffice does (a zip whose
/// first entry is the uncompressed `mimetype`).
fn ods(sheets: &[(&str, Vec<Vec<Cell>>)]) -> Vec<u8> {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet>"#,
    );
    for (name, rows) in sheets {
        content.push_str(&format!(
            r#"<table:table table:name="{}">"#,
            xml_escape(name)
        ));
        for row in rows {
            content.push_str("<table:table-row>");
            for cell in row {
                content.push_str(&match cell {
                    Cell::Empty => "<table:table-cell/>".to_string(),
                    Cell::Text(s) => format!(
                        r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                        xml_escape(s)
                    ),
                    Cell::Number(n) => format!(
                        r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                    ),
                    Cell::Bool(b) => format!(
                        r#"<table:table-cell office:value-type="boolean" office:boolean-value="{b}"><text:p>{}</text:p></table:table-cell>"#,
                        if *b { "VRAI" } else { "FAUX" }
                    ),
                    Cell::Day(y, m, d) => format!(
                        r#"<table:table-cell office:value-type="date" office:date-value="{y:04}-{m:02}-{d:02}"><text:p>{d:02}/{m:02}/{y:04}</text:p></table:table-cell>"#
                    ),
                });
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.finish().unwrap().into_inner()
}

/// What must be equal whatever the format: the proposals, and per row its
/// id, status and error codes.
fn same_proposals(a: &ImportReport, b: &ImportReport) {
    assert_eq!(a.documents, b.documents);
    let summary = |r: &ImportReport| {
        r.rows
            .iter()
            .map(|row| {
                (
                    row.id.clone(),
                    row.status,
                    row.errors
                        .iter()
                        .map(|e| e.code.clone())
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(summary(a), summary(b));
}

fn notes() -> [(&'static str, &'static str); 2] {
    [(AMIENS, AMIENS_ISIL), (AISNE, AISNE_ID)]
}

#[test]
fn xlsx_and_ods_import_to_the_same_proposals_as_the_csv() {
    for (csv_text, institution) in notes() {
        let expected = import_proposals(csv_text, institution, day()).unwrap();
        assert!(!expected.documents.is_empty());
        let rows = typed_rows(csv_text);
        for (bytes, format) in [
            (xlsx(&[("Note", rows.clone())]), SourceFormat::Xlsx),
            (ods(&[("Note", rows.clone())]), SourceFormat::Ods),
        ] {
            let got = import_spreadsheet(&bytes, institution, day(), &SheetChoice::Auto)
                .unwrap_or_else(|e| panic!("{format:?}: {e}"));
            assert_eq!(got.format, format);
            assert_eq!(got.sheet.as_deref(), Some("Note"));
            assert!(got.warnings.is_empty());
            same_proposals(&got, &expected);
        }
    }
}

#[test]
fn windows_1252_and_tab_separated_csv_import_to_the_same_proposals() {
    for (csv_text, institution) in notes() {
        let expected = import_proposals(csv_text, institution, day()).unwrap();
        let body = csv_text.trim_start_matches('\u{feff}');
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(body);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err(), "the note has accents");
        let got = import_spreadsheet(&bytes, institution, day(), &SheetChoice::Auto).unwrap();
        same_proposals(&got, &expected);
        assert_eq!(got.format, SourceFormat::Csv);
        assert_eq!(got.warnings.len(), 1);
        assert_eq!(got.warnings[0].code, "DECODED_WINDOWS_1252");
        assert!(got.warnings[0].message_fr.contains("Windows-1252"));
        assert!(got.warnings[0].message_fr.contains("ligne "));
        // A paste from Excel: tab-separated.
        let tsv: String = typed_rows(csv_text)
            .iter()
            .map(|row| {
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| match c {
                        Cell::Empty => String::new(),
                        Cell::Text(s) => s.clone(),
                        Cell::Number(n) => n.to_string(),
                        Cell::Bool(b) => if *b { "oui" } else { "non" }.to_string(),
                        Cell::Day(y, m, d) => format!("{y}-{m:02}-{d:02}"),
                    })
                    .collect();
                cells.join("\t") + "\n"
            })
            .collect();
        let got = import_proposals(&tsv, institution, day()).unwrap();
        same_proposals(&got, &expected);
    }
}

#[test]
fn windows_1252_details_and_files_that_are_neither() {
    // Windows-1252 "é" on line 2.
    let r =
        import_proposals_bytes(b"type;droits\r\nPresse;prot\xe9g\xe9\r\n", "I1", day()).unwrap();
    assert_eq!(r.documents[0].rights.as_str(), "protected");
    assert!(r.warnings[0].message_en.contains("line 2"));
    // A byte Windows-1252 leaves undefined, a control character, a UTF-8
    // BOM over other bytes: neither encoding.
    for (bytes, line) in [
        (&b"type;droits\nPresse;\x81\n"[..], 2),
        (&b"type;droits\nPresse;domaine public\n\x00\xff\n"[..], 3),
        (&b"\xef\xbb\xbftype;droits\nPresse;prot\xe9g\xe9\n"[..], 2),
    ] {
        assert_eq!(
            import_proposals_bytes(bytes, "I1", day()).err(),
            Some(ImportError::NotUtf8 { line })
        );
    }
}

#[test]
fn typed_cells_keep_their_meaning() {
    let t = |s: &str| Cell::Text(s.into());
    let rows = vec![
        vec![
            t("Identifiant"),
            t("Titre"),
            t("Date"),
            t("Typologie"),
            t("Vues"),
            t("Droits"),
            t("Fragile"),
            t("Valeur d'assurance"),
        ],
        vec![
            t("D1"),
            t("Le Progrès"),
            Cell::Number(1871.0),
            t("Presse"),
            Cell::Number(1200.0),
            t("domaine public"),
            Cell::Bool(true),
            Cell::Number(1500.5),
        ],
        vec![
            t("D2"),
            t("Cartulaire"),
            Cell::Day(1905, 6, 12),
            t("Manuscrits"),
            Cell::Number(12.0),
            t("domaine public"),
            Cell::Bool(false),
            Cell::Empty,
        ],
        vec![],
        vec![
            t("D3"),
            t("Plan"),
            t("vers 1790"),
            t("Cartes et plans"),
            Cell::Number(12.5),
            t("domaine public"),
            Cell::Empty,
            Cell::Empty,
        ],
    ];
    for bytes in [
        xlsx(&[("Feuil1", rows.clone())]),
        ods(&[("Feuille1", rows.clone())]),
    ] {
        let r = import_spreadsheet(&bytes, "I1", day(), &SheetChoice::Auto).unwrap();
        let docs = &r.documents;
        assert_eq!(docs.len(), 2, "{:?}", r.rows);
        assert_eq!(docs[0].date.as_ref().unwrap().as_str(), "1871");
        assert_eq!(docs[0].views, Some(1200));
        assert!(docs[0].fragile);
        assert_eq!(docs[0].insured_value.to_string(), "1500.50");
        assert_eq!(docs[1].date.as_ref().unwrap().as_str(), "1905-06-12");
        assert!(!docs[1].fragile);
        assert_eq!(r.empty_lines, 1);
        let row3 = &r.rows[2];
        assert_eq!(row3.line, 5, "the row number the spreadsheet shows");
        assert_eq!(row3.errors[0].code, "INVALID_VIEWS");
        assert_eq!(row3.errors[0].value, "12.5");
    }
}

#[test]
fn sheets_are_chosen_by_header_name_or_position() {
    let t = |s: &str| Cell::Text(s.into());
    let notice = vec![
        vec![t("Mode d'emploi : une ligne par document")],
        vec![t("Merci !")],
    ];
    let note = vec![
        vec![t("Titre"), t("Typologie"), t("Droits")],
        vec![t("Le Progrès"), t("Presse"), t("domaine public")],
    ];
    let sheets = [("Notice", notice.clone()), ("Propositions", note.clone())];
    for bytes in [xlsx(&sheets), ods(&sheets)] {
        let read = |choice: SheetChoice| import_spreadsheet(&bytes, "I1", day(), &choice);
        assert_eq!(
            read(SheetChoice::Auto).unwrap().sheet.as_deref(),
            Some("Propositions")
        );
        let by_name = read(SheetChoice::Name("propositions".into())).unwrap();
        assert_eq!(by_name.documents.len(), 1);
        assert_eq!(read(SheetChoice::Index(1)).unwrap().documents.len(), 1);
        assert_eq!(
            read(SheetChoice::Index(0)).err(),
            Some(ImportError::NoHeader { line: 1 })
        );
        let e = read(SheetChoice::Name("Budget".into())).unwrap_err();
        assert_eq!(e.code(), "UNKNOWN_SHEET");
        assert!(
            e.message_fr().contains("« Notice », « Propositions »"),
            "{}",
            e.message_fr()
        );
        assert_eq!(
            read(SheetChoice::Index(2)).unwrap_err().code(),
            "UNKNOWN_SHEET"
        );
    }
    for bytes in [
        xlsx(&[("Notice", notice.clone())]),
        ods(&[("Notice", notice)]),
    ] {
        let e = import_spreadsheet(&bytes, "I1", day(), &SheetChoice::Auto).unwrap_err();
        assert_eq!(
            e,
            ImportError::NoSheetWithHeader {
                sheets: vec!["Notice".into()]
            }
        );
        assert!(e.message_en().contains("\"Notice\""));
    }
    let empty = xlsx(&[("Feuil1", vec![])]);
    assert_eq!(
        import_spreadsheet(&empty, "I1", day(), &SheetChoice::Auto).err(),
        Some(ImportError::EmptyFile)
    );
    // The institution is checked first, as for CSV.
    assert_eq!(
        import_spreadsheet(&xlsx(&sheets), "FR-1", day(), &SheetChoice::Auto)
            .unwrap_err()
            .code(),
        "INVALID_INSTITUTION"
    );
}

#[test]
fn unreadable_workbooks_are_typed_errors() {
    let good = xlsx(&[("Feuil1", typed_rows(AMIENS))]);
    let cut = &good[..good.len() / 2];
    let mut corrupt_ods = ods(&[("Feuil1", typed_rows(AMIENS))]);
    let n = corrupt_ods.len();
    corrupt_ods.truncate(n - 30);
    for bytes in [
        &b"PK\x03\x04 not really a zip"[..],
        cut,
        &corrupt_ods,
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0][..],
    ] {
        let e = import_spreadsheet(bytes, "I1", day(), &SheetChoice::Auto).unwrap_err();
        assert_eq!(e.code(), "WORKBOOK_CORRUPT", "{e:?}");
        assert!(
            !e.message_fr().contains("zip"),
            "no reader jargon in the message"
        );
    }
}

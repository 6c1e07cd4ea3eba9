//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`) read with `calamine`, from
//! memory: each row of the chosen sheet becomes a record of cell texts, and
//! the rules of the CSV import apply unchanged.
//!
//! Typed cells keep their meaning: a number is written as the number
//! (`1200`, not `1200.0`; `1871` stays a year), a date cell as `YYYY-MM-DD`
//! (the time of day is dropped), a boolean as `oui`/`non`, an error cell as
//! Excel writes it (`#REF!`, then refused by the column's rule).

use std::io::Cursor;

use calamine::{Data, Ods, Range, Reader, Xls, Xlsx};

use super::{is_blank, names_known_column, ImportError, Record, SheetChoice, SourceFormat};

/// The workbook format of `bytes`, from their first bytes: a zip (`PK\3\4`)
/// is an `.ods` when it starts with the OpenDocument `mimetype` entry and an
/// `.xlsx` otherwise; an OLE container (`D0 CF 11 E0`) is an `.xls` (or an
/// encrypted `.xlsx`). `None`: not a workbook (CSV text).
pub(super) fn sniff(bytes: &[u8]) -> Option<SourceFormat> {
    if bytes.starts_with(b"PK\x03\x04") {
        let head = bytes.get(..bytes.len().min(128)).unwrap_or_default();
        let ods = head.get(30..38) == Some(b"mimetype".as_slice())
            && find(head, b"application/vnd.oasis.opendocument.spreadsheet");
        Some(if ods {
            SourceFormat::Ods
        } else {
            SourceFormat::Xlsx
        })
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(SourceFormat::Xls)
    } else {
        None
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// One opened workbook, whatever its format.
enum Book<'a> {
    Xlsx(Xlsx<Cursor<&'a [u8]>>),
    Xls(Xls<Cursor<&'a [u8]>>),
    Ods(Ods<Cursor<&'a [u8]>>),
}

/// Why a format's reader refused the bytes.
enum OpenError {
    Encrypted,
    Corrupt(String),
}

fn open_as(bytes: &[u8], format: SourceFormat) -> Result<Book<'_>, OpenError> {
    let cursor = Cursor::new(bytes);
    match format {
        SourceFormat::Ods => match Ods::new(cursor) {
            Ok(b) => Ok(Book::Ods(b)),
            Err(calamine::OdsError::Password) => Err(OpenError::Encrypted),
            Err(e) => Err(OpenError::Corrupt(e.to_string())),
        },
        SourceFormat::Xls => match Xls::new(cursor) {
            Ok(b) => Ok(Book::Xls(b)),
            Err(calamine::XlsError::Password) => Err(OpenError::Encrypted),
            Err(e) => Err(OpenError::Corrupt(e.to_string())),
        },
        // `.xlsx`, `.xlsm`; an encrypted `.xlsx` is an OLE container that the
        // xlsx reader recognises (`EncryptedPackage`).
        SourceFormat::Xlsx | SourceFormat::Csv => match Xlsx::new(cursor) {
            Ok(b) => Ok(Book::Xlsx(b)),
            Err(calamine::XlsxError::Password) => Err(OpenError::Encrypted),
            Err(e) => Err(OpenError::Corrupt(e.to_string())),
        },
    }
}

/// Opens the workbook: the sniffed format first, then the other formats of
/// the same container (an `.ods` whose `mimetype` is not first, an encrypted
/// `.xlsx` in an OLE container).
fn open(bytes: &[u8], format: SourceFormat) -> Result<Book<'_>, ImportError> {
    let others: &[SourceFormat] = match format {
        SourceFormat::Xls => &[SourceFormat::Xlsx],
        SourceFormat::Ods => &[SourceFormat::Xlsx],
        _ => &[SourceFormat::Ods],
    };
    let first = match open_as(bytes, format) {
        Ok(book) => return Ok(book),
        Err(OpenError::Encrypted) => return Err(ImportError::WorkbookEncrypted),
        Err(OpenError::Corrupt(detail)) => detail,
    };
    for other in others {
        match open_as(bytes, *other) {
            Ok(book) => return Ok(book),
            Err(OpenError::Encrypted) => return Err(ImportError::WorkbookEncrypted),
            Err(OpenError::Corrupt(_)) => {}
        }
    }
    Err(ImportError::WorkbookCorrupt { detail: first })
}

impl Book<'_> {
    fn names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(b) => b.sheet_names(),
            Book::Xls(b) => b.sheet_names(),
            Book::Ods(b) => b.sheet_names(),
        }
    }

    fn range(&mut self, name: &str) -> Result<Range<Data>, ImportError> {
        let r = match self {
            Book::Xlsx(b) => b.worksheet_range(name).map_err(|e| e.to_string()),
            Book::Xls(b) => b.worksheet_range(name).map_err(|e| e.to_string()),
            Book::Ods(b) => b.worksheet_range(name).map_err(|e| e.to_string()),
        };
        r.map_err(|detail| ImportError::WorkbookCorrupt { detail })
    }
}

/// The chosen sheet of the workbook: its name and its rows as records (the
/// line of a record is the row number shown by the spreadsheet, from 1;
/// empty rows above the first used one are blank records).
pub(super) fn read(
    bytes: &[u8],
    format: SourceFormat,
    choice: &SheetChoice,
) -> Result<(String, Vec<Record>), ImportError> {
    let mut book = open(bytes, format)?;
    let names = book.names();
    let unknown = |asked: String| ImportError::UnknownSheet {
        asked,
        sheets: names.clone(),
    };
    match choice {
        SheetChoice::Name(asked) => {
            let name = names
                .iter()
                .find(|n| *n == asked)
                .or_else(|| {
                    names
                        .iter()
                        .find(|n| n.to_lowercase() == asked.to_lowercase())
                })
                .ok_or_else(|| unknown(asked.clone()))?
                .clone();
            let records = records(&book.range(&name)?);
            Ok((name, records))
        }
        SheetChoice::Index(i) => {
            let name = names
                .get(*i)
                .ok_or_else(|| unknown((i + 1).to_string()))?
                .clone();
            let records = records(&book.range(&name)?);
            Ok((name, records))
        }
        SheetChoice::Auto => {
            let mut any_cell = false;
            for name in &names {
                let records = records(&book.range(name)?);
                let Some(first) = records.iter().find(|r| !is_blank(&r.cells)) else {
                    continue;
                };
                any_cell = true;
                if first.cells.iter().any(|c| names_known_column(c)) {
                    return Ok((name.clone(), records));
                }
            }
            if any_cell {
                Err(ImportError::NoSheetWithHeader { sheets: names })
            } else {
                Err(ImportError::EmptyFile)
            }
        }
    }
}

fn records(range: &Range<Data>) -> Vec<Record> {
    let Some((row0, col0)) = range.start() else {
        return Vec::new();
    };
    let (row0, col0) = (row0 as usize, col0 as usize);
    let mut out: Vec<Record> = (0..row0)
        .map(|r| Record {
            line: r + 1,
            cells: vec![String::new()],
        })
        .collect();
    for (i, row) in range.rows().enumerate() {
        let mut cells: Vec<String> = vec![String::new(); col0];
        cells.extend(row.iter().map(cell_text));
        // Trailing empty cells say nothing (a CSV line has none).
        while cells.last().is_some_and(String::is_empty) && cells.len() > 1 {
            cells.pop();
        }
        out.push(Record {
            line: row0 + i + 1,
            cells,
        });
    }
    out
}

/// The text of a cell, as the rules of the CSV import read it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "oui" } else { "non" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        // ODS: `1871-03-12` or `1871-03-12T10:00:00`.
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or_default().to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A number as people write it: whole numbers without `.0`, others in the
/// shortest form that reads back to the same number (`1500.5`).
fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        // Exact: a whole number below 2^53.
        #[allow(clippy::cast_possible_truncation)]
        let i = f as i64;
        i.to_string()
    } else {
        f.to_string()
    }
}

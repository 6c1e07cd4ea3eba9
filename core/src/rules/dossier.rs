//! The grant dossier workbook (`.xlsx`): the budget as a person reads and
//! recomputes it — one row per line with the document's title and
//! shelfmark, a subtotal per institution and a total as `SUM` formulas whose
//! results are stored (a viewer shows them before any recalculation),
//! amounts in a currency format; then the funders and the institutions.
//! Written to memory with `rust_xlsxwriter` (no file I/O).

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError,
};

use super::budget::Budget;
use crate::lang::{labels, Lang};
use crate::programme::describe::funder_rules;
use crate::values::money::Money;
use crate::values::vocabulary::LineKind;

/// The column letters of a 0-based column (`0` → `A`, `26` → `AA`).
#[must_use]
pub fn column_name(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        // r < 26: always an ASCII capital.
        s.push(char::from(b'A' + u8::try_from(r).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    s.iter().rev().collect()
}

/// A cell reference (`H12`) of a 0-based row and column.
fn cell(row: u32, col: u16) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// The number a spreadsheet stores for an amount (exact for every amount
/// below 2^53 cents).
#[allow(clippy::cast_precision_loss)]
fn number(m: Money) -> f64 {
    m.cents() as f64 / 100.0
}

/// `SUM` of these cells, nested by 200 so that no call passes Excel's 255
/// arguments.
fn sum_of(cells: &[String]) -> String {
    if cells.len() <= 200 {
        return format!("SUM({})", cells.join(","));
    }
    let parts: Vec<String> = cells.chunks(200).map(sum_of).collect();
    sum_of(&parts)
}

struct Formats {
    header: Format,
    money: Format,
    money_bold: Format,
    count: Format,
    count_bold: Format,
    bold: Format,
    percent: Format,
    wrap: Format,
}

impl Formats {
    fn new(currency: &str, lang: Lang) -> Formats {
        let symbol = if currency == "EUR" { "€" } else { currency };
        // `#,##0.00`: the viewer's own thousands and decimal signs.
        let money = match lang {
            Lang::Fr => format!("#,##0.00\\ \"{symbol}\";-#,##0.00\\ \"{symbol}\""),
            Lang::En => format!("\"{symbol}\"#,##0.00;-\"{symbol}\"#,##0.00"),
        };
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            money: Format::new().set_num_format(&money),
            money_bold: Format::new().set_num_format(&money).set_bold(),
            count: Format::new().set_num_format("#,##0"),
            count_bold: Format::new().set_num_format("#,##0").set_bold(),
            bold: Format::new().set_bold(),
            percent: Format::new().set_num_format("0.0%"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// Where the Budget sheet put each institution's subtotal and the total.
struct Layout {
    /// Per institution (budget order): the row of its subtotal.
    subtotal_rows: Vec<u32>,
    total_row: u32,
    /// The columns: views, cost, first funder, partner.
    views_col: u16,
    cost_col: u16,
    partner_col: u16,
}

fn col(i: usize) -> Result<u16, XlsxError> {
    u16::try_from(i).map_err(|_| XlsxError::ParameterError("too many columns".into()))
}

fn row(i: usize) -> Result<u32, XlsxError> {
    u32::try_from(i).map_err(|_| XlsxError::ParameterError("too many rows".into()))
}

/// Names the sheet, writes its header row (frozen) and sets the column
/// widths: `(French, English, width)` per column.
fn start_sheet(
    sheet: &mut Worksheet,
    name: &str,
    columns: &[(&str, &str, f64)],
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    for (i, (fr, en, width)) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, col(i)?, lang.pick(fr, en), &f.header)?;
        sheet.set_column_width(col(i)?, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn budget_sheet(
    sheet: &mut Worksheet,
    b: &Budget,
    lang: Lang,
    f: &Formats,
) -> Result<Layout, XlsxError> {
    let nf = b.funder_names.len();
    start_sheet(
        sheet,
        "Budget",
        &[
            ("Établissement", "Institution", 34.0),
            ("Document", "Document", 16.0),
            ("Titre", "Title", 44.0),
            ("Cote", "Shelfmark", 16.0),
            ("Typologie", "Typology", 16.0),
            ("Format", "Format", 11.0),
            ("Vues", "Views", 10.0),
            ("Coût", "Cost", 14.0),
        ],
        lang,
        f,
    )?;
    let views_col = 6;
    let cost_col = 7;
    let partner_col = col(8 + nf)?;
    let more = b
        .funder_names
        .iter()
        .map(String::as_str)
        .chain([lang.pick("Part de l'établissement", "Institution's share")]);
    for (i, name) in more.enumerate() {
        sheet.write_string_with_format(0, col(8 + i)?, name, &f.header)?;
        sheet.set_column_width(col(8 + i)?, 16.0)?;
    }
    let mut r: u32 = 1;
    let mut subtotal_rows = Vec::with_capacity(b.institutions.len());
    let mut start = 0_usize;
    for inst in &b.institutions {
        let n = b.lines[start..]
            .iter()
            .take_while(|l| l.institution == inst.institution)
            .count();
        let group = &b.lines[start..start + n];
        start += n;
        let first = r;
        for l in group {
            sheet.write_string(r, 0, &inst.name)?;
            match l.kind {
                LineKind::Document => {
                    if let Some(d) = &l.document {
                        sheet.write_string(r, 1, d)?;
                    }
                    if let Some(t) = &l.title {
                        sheet.write_string(r, 2, t)?;
                    }
                    if let Some(s) = &l.shelfmark {
                        sheet.write_string(r, 3, s)?;
                    }
                    if let Some(t) = l.typology {
                        sheet.write_string(r, 4, labels::typology(t, lang))?;
                    }
                    if let Some(x) = l.format {
                        sheet.write_string(r, 5, labels::format(x, lang))?;
                    }
                }
                LineKind::Shared => {
                    if let Some(label) = &l.label {
                        sheet.write_string(r, 2, label)?;
                    }
                    sheet.write_string(r, 4, labels::line_kind(l.kind, lang))?;
                }
            }
            if let Some(v) = l.views {
                #[allow(clippy::cast_precision_loss)]
                sheet.write_number_with_format(r, views_col, v as f64, &f.count)?;
            }
            sheet.write_number_with_format(r, cost_col, number(l.cost), &f.money)?;
            for (j, m) in l.funders.iter().enumerate() {
                sheet.write_number_with_format(r, col(8 + j)?, number(*m), &f.money)?;
            }
            sheet.write_number_with_format(r, partner_col, number(l.partner), &f.money)?;
            r += 1;
        }
        let last = r - 1;
        let label = format!("{} — {}", lang.pick("Sous-total", "Subtotal"), inst.name);
        sheet.write_string_with_format(r, 0, &label, &f.bold)?;
        let range = |c: u16| format!("SUM({}:{})", cell(first, c), cell(last, c));
        sheet.write_formula_with_format(
            r,
            views_col,
            Formula::new(range(views_col)).set_result(inst.views.to_string()),
            &f.count_bold,
        )?;
        let mut amounts: Vec<(u16, Money)> = vec![(cost_col, inst.cost)];
        for j in 0..nf {
            let share = group.iter().try_fold(Money::ZERO, |acc, l| {
                l.funders.get(j).and_then(|m| acc.checked_add(*m))
            });
            amounts.push((col(8 + j)?, share.unwrap_or(Money::ZERO)));
        }
        amounts.push((partner_col, inst.partner));
        for (c, m) in amounts {
            sheet.write_formula_with_format(
                r,
                c,
                Formula::new(range(c)).set_result(m.to_string()),
                &f.money_bold,
            )?;
        }
        subtotal_rows.push(r);
        r += 1;
    }
    let total_row = r;
    sheet.write_string_with_format(total_row, 0, lang.pick("Total", "Total"), &f.bold)?;
    let total_of = |c: u16| {
        let cells: Vec<String> = subtotal_rows.iter().map(|&s| cell(s, c)).collect();
        if cells.is_empty() {
            "0".to_string()
        } else {
            sum_of(&cells)
        }
    };
    let views: u64 = b.institutions.iter().map(|i| i.views).sum();
    sheet.write_formula_with_format(
        total_row,
        views_col,
        Formula::new(total_of(views_col)).set_result(views.to_string()),
        &f.count_bold,
    )?;
    let mut totals: Vec<(u16, Money)> = vec![(cost_col, b.total)];
    for (j, m) in b.funder_totals.iter().enumerate() {
        totals.push((col(8 + j)?, *m));
    }
    totals.push((partner_col, b.partner_total));
    for (c, m) in totals {
        sheet.write_formula_with_format(
            total_row,
            c,
            Formula::new(total_of(c)).set_result(m.to_string()),
            &f.money_bold,
        )?;
    }
    sheet.autofilter(0, 0, total_row.saturating_sub(1).max(1), partner_col)?;
    Ok(Layout {
        subtotal_rows,
        total_row,
        views_col,
        cost_col,
        partner_col,
    })
}

fn funders_sheet(
    sheet: &mut Worksheet,
    b: &Budget,
    lang: Lang,
    f: &Formats,
    layout: &Layout,
) -> Result<(), XlsxError> {
    start_sheet(
        sheet,
        lang.pick("Financeurs", "Funders"),
        &[
            ("Financeur", "Funder", 28.0),
            ("Identifiant", "Id", 14.0),
            ("Total", "Total", 16.0),
            ("Règles", "Rules", 70.0),
            ("Enveloppe", "Envelope", 16.0),
            (
                "Part de l'enveloppe utilisée",
                "Share of the envelope used",
                16.0,
            ),
        ],
        lang,
        f,
    )?;
    for (j, name) in b.funder_names.iter().enumerate() {
        let r = row(j + 1)?;
        sheet.write_string(r, 0, name)?;
        if let Some(id) = b.funder_ids.get(j) {
            sheet.write_string(r, 1, id)?;
        }
        let total = b.funder_totals.get(j).copied().unwrap_or(Money::ZERO);
        let source = format!("Budget!{}", cell(layout.total_row, col(8 + j)?));
        sheet.write_formula_with_format(
            r,
            2,
            Formula::new(source).set_result(total.to_string()),
            &f.money,
        )?;
        if let Some(funder) = b.funders.get(j) {
            sheet.write_string_with_format(r, 3, funder_rules(funder, lang).join("\n"), &f.wrap)?;
            if let Some(env) = funder.envelope {
                sheet.write_number_with_format(r, 4, number(env), &f.money)?;
                if env.cents() > 0 {
                    #[allow(clippy::cast_precision_loss)]
                    let used = total.cents() as f64 / env.cents() as f64;
                    let formula = format!("{}/{}", cell(r, 2), cell(r, 4));
                    sheet.write_formula_with_format(
                        r,
                        5,
                        Formula::new(formula).set_result(used.to_string()),
                        &f.percent,
                    )?;
                }
            }
        }
    }
    Ok(())
}

fn institutions_sheet(
    sheet: &mut Worksheet,
    b: &Budget,
    lang: Lang,
    f: &Formats,
    layout: &Layout,
) -> Result<(), XlsxError> {
    start_sheet(
        sheet,
        lang.pick("Établissements", "Institutions"),
        &[
            ("Établissement", "Institution", 34.0),
            ("Identifiant", "Id", 16.0),
            ("Documents", "Documents", 12.0),
            ("Vues", "Views", 10.0),
            ("Coût", "Cost", 16.0),
            ("Financé", "Funded", 16.0),
            ("Part de l'établissement", "Institution's share", 16.0),
        ],
        lang,
        f,
    )?;
    let nf = b.funder_names.len();
    for (i, (inst, &sub)) in b.institutions.iter().zip(&layout.subtotal_rows).enumerate() {
        let r = row(i + 1)?;
        sheet.write_string(r, 0, &inst.name)?;
        sheet.write_string(r, 1, &inst.institution)?;
        #[allow(clippy::cast_precision_loss)]
        sheet.write_number_with_format(r, 2, inst.documents as f64, &f.count)?;
        let at = |c: u16| format!("Budget!{}", cell(sub, c));
        sheet.write_formula_with_format(
            r,
            3,
            Formula::new(at(layout.views_col)).set_result(inst.views.to_string()),
            &f.count,
        )?;
        sheet.write_formula_with_format(
            r,
            4,
            Formula::new(at(layout.cost_col)).set_result(inst.cost.to_string()),
            &f.money,
        )?;
        let funded = if nf == 0 {
            "0".to_string()
        } else {
            format!("SUM(Budget!{}:{})", cell(sub, 8), cell(sub, col(7 + nf)?))
        };
        sheet.write_formula_with_format(
            r,
            5,
            Formula::new(funded).set_result(inst.funded.to_string()),
            &f.money,
        )?;
        sheet.write_formula_with_format(
            r,
            6,
            Formula::new(at(layout.partner_col)).set_result(inst.partner.to_string()),
            &f.money,
        )?;
    }
    Ok(())
}

impl Budget {
    /// The grant dossier workbook (`.xlsx` bytes), in one language:
    /// sheets *Budget* (one row per line, a subtotal per institution and a
    /// total as `SUM` formulas with their results stored, frozen header,
    /// autofilter), *Financeurs* (total, rules in words, envelope and the
    /// share of it used) and *Établissements* (cost, funded, own share,
    /// documents, views), or *Funders* and *Institutions* in English.
    /// Amounts are numbers in a currency format; the workbook's totals are
    /// the budget's to the cent. The same budget gives the same bytes.
    ///
    /// # Errors
    /// Never in practice (the workbook is written to memory); a writer
    /// error is reported as text.
    pub fn to_xlsx(&self, lang: Lang) -> Result<Vec<u8>, String> {
        self.write_xlsx(lang).map_err(|e| e.to_string())
    }

    fn write_xlsx(&self, lang: Lang) -> Result<Vec<u8>, XlsxError> {
        let f = Formats::new(&self.currency, lang);
        let mut book = Workbook::new();
        // The same budget gives the same bytes: the creation date of the
        // document properties is fixed rather than read from the clock.
        let epoch = ExcelDateTime::from_ymd(2000, 1, 1)?;
        book.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
        let layout = budget_sheet(book.add_worksheet(), self, lang, &f)?;
        funders_sheet(book.add_worksheet(), self, lang, &f, &layout)?;
        institutions_sheet(book.add_worksheet(), self, lang, &f, &layout)?;
        book.save_to_buffer()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn sums_nest_past_200_arguments() {
        let cells: Vec<String> = (0..450).map(|i| format!("A{i}")).collect();
        let f = sum_of(&cells);
        assert!(f.starts_with("SUM(SUM(A0,"));
        assert_eq!(f.matches("SUM(").count(), 4);
    }
}

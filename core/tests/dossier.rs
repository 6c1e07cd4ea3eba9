//! The grant dossier workbook of the worked campaign: read back with
//! calamine, every formula is recomputed from the cells of the workbook and
//! must equal both its stored result and the budget, to the cent. Where
//! LibreOffice is installed, the workbook is also converted headless to CSV
//! and the totals it shows compared.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "../examples/campagne/data.rs"]
mod data;

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use numconc::{Budget, BudgetMode, Campaign, CampaignData, Date, Lang, Programme};

fn worked_budget() -> Budget {
    let programme = Programme::preset("hauts-de-france").unwrap();
    let data = CampaignData::from_value(&data::campaign()).unwrap();
    let c = Campaign::new(programme, data).unwrap();
    let as_of = Date::from_ymd_opt(2026, 4, 1).unwrap();
    c.budget(BudgetMode::Estimate { as_of }).unwrap()
}

/// A sheet: its values and formulas by (row, column), both 0-based.
struct Sheet {
    values: HashMap<(u32, u32), Data>,
    formulas: HashMap<(u32, u32), String>,
}

fn read_book(bytes: &[u8]) -> (Vec<String>, HashMap<String, Sheet>) {
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let names = book.sheet_names();
    let mut sheets = HashMap::new();
    for name in &names {
        let range = book.worksheet_range(name).unwrap();
        let mut values = HashMap::new();
        if let Some((r0, c0)) = range.start() {
            for (i, row) in range.rows().enumerate() {
                for (j, v) in row.iter().enumerate() {
                    values.insert((r0 + i as u32, c0 + j as u32), v.clone());
                }
            }
        }
        let f = book.worksheet_formula(name).unwrap();
        let mut formulas = HashMap::new();
        if let Some((r0, c0)) = f.start() {
            for (i, row) in f.rows().enumerate() {
                for (j, v) in row.iter().enumerate() {
                    if !v.is_empty() {
                        formulas.insert((r0 + i as u32, c0 + j as u32), v.clone());
                    }
                }
            }
        }
        sheets.insert(name.clone(), Sheet { values, formulas });
    }
    (names, sheets)
}

fn number(d: Option<&Data>) -> f64 {
    match d {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        Some(Data::Empty) | None => 0.0,
        other => panic!("not a number: {other:?}"),
    }
}

fn cents(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

/// `H12` → (11, 7).
fn parse_ref(s: &str) -> (u32, u32) {
    let letters: String = s.chars().take_while(char::is_ascii_uppercase).collect();
    let digits = &s[letters.len()..];
    let col = letters
        .bytes()
        .fold(0_u32, |acc, b| acc * 26 + u32::from(b - b'A') + 1)
        - 1;
    (digits.parse::<u32>().unwrap() - 1, col)
}

/// A tiny evaluator for the formulas the dossier writes: `SUM(…)` of
/// ranges, references and nested `SUM`s, a reference (`Budget!H12`), a
/// division of two references, a number.
struct Eval<'a> {
    sheets: &'a HashMap<String, Sheet>,
}

impl Eval<'_> {
    fn cell(&self, sheet: &str, r: u32, c: u32) -> f64 {
        let s = &self.sheets[sheet];
        match s.formulas.get(&(r, c)) {
            Some(f) => self.eval(sheet, f),
            None => number(s.values.get(&(r, c))),
        }
    }

    fn split_args(s: &str) -> Vec<&str> {
        let (mut depth, mut start, mut out) = (0, 0, Vec::new());
        for (i, ch) in s.char_indices() {
            match ch {
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(&s[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        out.push(&s[start..]);
        out
    }

    fn eval(&self, sheet: &str, f: &str) -> f64 {
        let f = f.trim().trim_start_matches('=');
        if let Some(inner) = f.strip_prefix("SUM(").and_then(|x| x.strip_suffix(')')) {
            return Self::split_args(inner)
                .into_iter()
                .map(|a| self.eval(sheet, a))
                .sum();
        }
        if let Ok(n) = f.parse::<f64>() {
            return n;
        }
        if let Some((a, b)) = f.split_once('/') {
            return self.eval(sheet, a) / self.eval(sheet, b);
        }
        let (target, reference) = match f.split_once('!') {
            Some((s, r)) => (s.trim_matches('\''), r),
            None => (sheet, f),
        };
        if let Some((a, b)) = reference.split_once(':') {
            let ((r1, c1), (r2, c2)) = (parse_ref(a), parse_ref(b));
            let mut sum = 0.0;
            for r in r1..=r2 {
                for c in c1..=c2 {
                    sum += self.cell(target, r, c);
                }
            }
            return sum;
        }
        let (r, c) = parse_ref(reference);
        self.cell(target, r, c)
    }
}

fn find_row(sheet: &Sheet, col0: &str) -> u32 {
    sheet
        .values
        .iter()
        .find(|(k, v)| k.1 == 0 && matches!(v, Data::String(s) if s == col0))
        .map(|(k, _)| k.0)
        .unwrap_or_else(|| panic!("no row {col0}"))
}

#[test]
fn every_formula_recomputes_to_its_stored_result_and_to_the_budget() {
    let b = worked_budget();
    assert!(b.institutions.len() >= 3 && b.lines.len() > 8);
    for lang in Lang::ALL {
        let bytes = b.to_xlsx(lang).unwrap();
        assert_eq!(b.to_xlsx(lang).unwrap(), bytes, "same budget, same bytes");
        let (names, sheets) = read_book(&bytes);
        let expected_names = match lang {
            Lang::Fr => ["Budget", "Financeurs", "Établissements"],
            Lang::En => ["Budget", "Funders", "Institutions"],
        };
        assert_eq!(names, expected_names);
        let eval = Eval { sheets: &sheets };
        let mut n_formulas = 0;
        for name in &names {
            let sheet = &sheets[name];
            for (&(r, c), f) in &sheet.formulas {
                n_formulas += 1;
                let recomputed = eval.eval(name, f);
                let stored = number(sheet.values.get(&(r, c)));
                if f.contains('/') {
                    assert!((recomputed - stored).abs() < 1e-9, "{name}!{r},{c} {f}");
                } else {
                    assert_eq!(cents(recomputed), cents(stored), "{name}!{r},{c} ={f}");
                }
            }
        }
        // One subtotal per institution and the total: views, cost, each funder, partner.
        let nf = b.funder_ids.len();
        assert!(n_formulas >= (b.institutions.len() + 1) * (nf + 3));

        // The totals equal the budget's, to the cent.
        let budget = &sheets["Budget"];
        let total_row = find_row(budget, "Total");
        let cost_col = 7;
        assert_eq!(
            cents(eval.cell("Budget", total_row, cost_col)),
            b.total.cents()
        );
        for (j, m) in b.funder_totals.iter().enumerate() {
            assert_eq!(
                cents(eval.cell("Budget", total_row, 8 + j as u32)),
                m.cents()
            );
        }
        assert_eq!(
            cents(eval.cell("Budget", total_row, 8 + nf as u32)),
            b.partner_total.cents()
        );
        // Every line is there with its title and shelfmark.
        for l in b.lines.iter().filter(|l| l.document.is_some()) {
            let doc = l.document.as_deref().unwrap();
            let row = budget
                .values
                .iter()
                .find(|(k, v)| k.1 == 1 && matches!(v, Data::String(s) if s == doc))
                .map(|(k, _)| k.0)
                .unwrap();
            assert_eq!(
                budget.values.get(&(row, 2)),
                Some(&Data::String(l.title.clone().unwrap()))
            );
            assert_eq!(
                budget.values.get(&(row, 3)),
                Some(&Data::String(l.shelfmark.clone().unwrap()))
            );
            assert_eq!(cents(number(budget.values.get(&(row, 7)))), l.cost.cents());
        }
        // Institutions: cost, funded, own share.
        let inst_sheet = expected_names[2];
        for (i, t) in b.institutions.iter().enumerate() {
            let r = i as u32 + 1;
            assert_eq!(
                sheets[inst_sheet].values.get(&(r, 1)),
                Some(&Data::String(t.institution.clone()))
            );
            assert_eq!(cents(eval.cell(inst_sheet, r, 4)), t.cost.cents());
            assert_eq!(cents(eval.cell(inst_sheet, r, 5)), t.funded.cents());
            assert_eq!(cents(eval.cell(inst_sheet, r, 6)), t.partner.cents());
        }
        // Funders: totals, and rules in words in the language.
        let fsheet = &sheets[expected_names[1]];
        for (j, m) in b.funder_totals.iter().enumerate() {
            assert_eq!(
                cents(eval.cell(expected_names[1], j as u32 + 1, 2)),
                m.cents()
            );
        }
        let rules: Vec<&String> = fsheet
            .values
            .iter()
            .filter(|(k, _)| k.1 == 3 && k.0 > 0)
            .filter_map(|(_, v)| match v {
                Data::String(s) => Some(s),
                _ => None,
            })
            .collect();
        assert_eq!(rules.len(), nf);
        let word = lang.pick("finance", "funds");
        assert!(rules.iter().all(|r| r.contains(word)), "{rules:?}");
    }
}

#[test]
fn french_and_english_labels_do_not_mix() {
    let b = worked_budget();
    let (_, fr) = read_book(&b.to_xlsx(Lang::Fr).unwrap());
    let (_, en) = read_book(&b.to_xlsx(Lang::En).unwrap());
    let header = |s: &Sheet| -> Vec<String> {
        let mut h: Vec<(u32, String)> = s
            .values
            .iter()
            .filter(|(k, _)| k.0 == 0)
            .filter_map(|(k, v)| match v {
                Data::String(x) => Some((k.1, x.clone())),
                _ => None,
            })
            .collect();
        h.sort();
        h.into_iter().map(|x| x.1).collect()
    };
    let fr_head = header(&fr["Budget"]);
    let en_head = header(&en["Budget"]);
    assert_eq!(fr_head[0], "Établissement");
    assert_eq!(en_head[0], "Institution");
    assert!(fr_head.contains(&"Part de l'établissement".to_string()));
    assert!(en_head.contains(&"Institution's share".to_string()));
    let texts = |s: &Sheet| -> Vec<String> {
        s.values
            .values()
            .filter_map(|v| match v {
                Data::String(x) => Some(x.clone()),
                _ => None,
            })
            .collect()
    };
    let fr_texts = texts(&fr["Budget"]);
    assert!(fr_texts.iter().any(|t| t == "coût mutualisé"));
    assert!(fr_texts.iter().any(|t| t.starts_with("Sous-total — ")));
    assert!(!fr_texts
        .iter()
        .any(|t| t == "shared cost" || t.starts_with("Subtotal")));
    let en_texts = texts(&en["Budget"]);
    assert!(en_texts.iter().any(|t| t == "shared cost"));
    assert!(!en_texts.iter().any(|t| t == "coût mutualisé"));
}

/// Where LibreOffice is installed: the workbook converts headless to CSV
/// and the total LibreOffice shows equals the budget's.
#[test]
fn libreoffice_opens_the_workbook_and_finds_the_same_total() {
    let Ok(out) = std::process::Command::new("soffice")
        .arg("--version")
        .output()
    else {
        eprintln!("soffice not installed: skipped (the formulas are recomputed above)");
        return;
    };
    assert!(out.status.success());
    let b = worked_budget();
    let dir = std::env::temp_dir().join(format!("numconc-dossier-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("dossier.xlsx");
    std::fs::write(&path, b.to_xlsx(Lang::En).unwrap()).unwrap();
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.display()
        ))
        // Comma-separated, double quotes, UTF-8 (76).
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&path)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let csv_text = std::fs::read_to_string(dir.join("dossier.csv")).unwrap();
    let total = csv_text
        .lines()
        .find(|l| l.starts_with("Total,"))
        .unwrap_or_else(|| panic!("no total row in {csv_text}"));
    let fields: Vec<String> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(total.as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let amount = |s: &str| -> i64 {
        let t: String = s
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
            .collect();
        cents(t.parse::<f64>().unwrap())
    };
    assert_eq!(amount(&fields[7]), b.total.cents(), "{total}");
    assert_eq!(
        amount(&fields[8 + b.funder_ids.len()]),
        b.partner_total.cents()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

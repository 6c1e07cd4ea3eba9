//! The bodies of numconc's fuzz targets, one function per target, so that
//! the same code runs under libFuzzer (`fuzz_targets/*.rs`, built by
//! `cargo fuzz`) and as ordinary tests over the committed corpora
//! (`tests/corpus.rs`, plain `cargo test` on stable).
//!
//! Each body takes arbitrary bytes and asserts a property the library
//! documents; a failed assertion (or any panic) is a finding.
//!
//! | target | property |
//! |---|---|
//! | [`programme`] | `from_json` → `to_value` → `from_json` gives an equal programme |
//! | [`campaign`] | `from_json` → `write_json` (= `to_value` text) → `from_json` gives equal data |
//! | [`command`] | on a loaded campaign, a refused command changes nothing; an accepted one adds one event, the log replays to the same campaign, and its budgets check out |
//! | [`saved`] | `load_json_bytes` → `save_json` → `load_json` → `save_json` is byte-identical; budgets check out ([`check_budget`]) and do not depend on the order of the data |
//! | [`import`] | the CSV import reports every non-blank data row, in order, at its line |
//! | [`rejected_unchanged`] | commands (one per line) applied in order: after each refused one the saved text is byte-identical |
//! | [`oai`] | any query string gets one well-formed OAI-PMH response (one verb element or errors), and a resumption token it gives is accepted |

use std::path::Path;
use std::sync::OnceLock;

use numconc::import::{import_proposals_bytes, ImportError, RowStatus};
use numconc::values::vocabulary::LineKind;
use numconc::{Budget, BudgetMode, Campaign, CampaignData, Command, Document, Money, Programme};
use serde_json::Value;

/// The body of a fuzz target.
pub type Body = fn(&[u8]);

/// Every target: its name and its body.
pub const TARGETS: &[(&str, Body)] = &[
    ("programme", programme),
    ("campaign", campaign),
    ("command", command),
    ("saved", saved),
    ("import", import),
    ("rejected_unchanged", rejected_unchanged),
    ("oai", oai),
];

/// The vector whose campaign the command targets use.
const LIFECYCLE: &str = include_str!("../../tests/vectors/07_lifecycle_full.json");

/// The institution the CSV import is called for.
pub const IMPORT_INSTITUTION: &str = "FR-801216101";

fn text_of(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

// ---------------------------------------------------------------- programme

/// `Programme::from_json`; when it accepts, the programme's `to_value` text
/// reads back to an equal programme, whose `to_value` is the same value.
pub fn programme(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(p) = Programme::from_json(text) else {
        return;
    };
    let value = p.to_value();
    let written = text_of(&value);
    let again = Programme::from_json(&written);
    assert!(
        again.as_ref() == Ok(&p),
        "programme does not round-trip through to_value:\n  input: {text}\n  written: {written}\n  read back: {again:?}"
    );
    if let Ok(again) = again {
        assert_eq!(
            again.to_value(),
            value,
            "to_value differs after a round trip"
        );
    }
}

// ---------------------------------------------------------------- campaign

/// `CampaignData::from_json`; when it accepts, `write_json` writes exactly
/// the text of `to_value`, which reads back to equal data.
pub fn campaign(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(d) = CampaignData::from_json(text) else {
        return;
    };
    let mut written = String::new();
    d.write_json(&mut written);
    let value = d.to_value();
    assert_eq!(
        written,
        text_of(&value),
        "write_json differs from the text of to_value"
    );
    let again = CampaignData::from_json(&written);
    assert!(
        again.as_ref() == Ok(&d),
        "campaign does not round-trip through write_json:\n  input: {text}\n  written: {written}\n  read back: {again:?}"
    );
    let from_value = CampaignData::from_value(&value);
    assert!(
        from_value.as_ref() == Ok(&d),
        "campaign does not round-trip through to_value / from_value: {from_value:?}"
    );
    if let Ok(again) = again {
        let mut rewritten = String::new();
        again.write_json(&mut rewritten);
        assert_eq!(rewritten, written, "write_json is not stable");
    }
}

// ---------------------------------------------------------------- queries

fn sum(amounts: impl IntoIterator<Item = Money>) -> i128 {
    amounts.into_iter().map(|m| i128::from(m.cents())).sum()
}

/// The invariants of domain.md §6 a budget can be checked against on its
/// own: every line's shares add up exactly to its cost, no share is
/// negative, no funder exceeds the highest of its rates on a line, its
/// envelope or its per-institution maximum, and an institution gets 0 or
/// at least a funder's minimum; the public cap and the partner minimum
/// hold on every line; the totals are the sums of the lines; lines in the
/// canonical order (institution id; document lines by id, then shared).
pub fn check_budget(programme: &Programme, b: &Budget) {
    let nf = programme.funders.len();
    assert_eq!(b.funder_ids.len(), nf);
    assert_eq!(b.funder_totals.len(), nf);
    for l in &b.lines {
        assert_eq!(l.funders.len(), nf, "line {l:?}");
        assert!(l.cost.cents() >= 0, "negative cost: {l:?}");
        assert!(l.partner.cents() >= 0, "negative partner share: {l:?}");
        assert!(
            l.funders.iter().all(|m| m.cents() >= 0),
            "negative share: {l:?}"
        );
        assert_eq!(
            sum(l.funders.iter().copied()) + i128::from(l.partner.cents()),
            i128::from(l.cost.cents()),
            "shares do not add up to the cost: {l:?}"
        );
        for (f, share) in programme.funders.iter().zip(&l.funders) {
            if !f.lines.contains(&l.kind) {
                assert_eq!(
                    share.cents(),
                    0,
                    "{} funds a {:?} line: {l:?}",
                    f.id,
                    l.kind
                );
            }
            let highest = f
                .rates
                .iter()
                .flat_map(|r| {
                    [
                        Some(r.rate),
                        r.by_size.small,
                        r.by_size.medium,
                        r.by_size.large,
                    ]
                })
                .flatten()
                .max();
            let cap = highest.map_or(0, |r| r.floor_of(l.cost).cents());
            assert!(share.cents() <= cap, "{} above its rates: {l:?}", f.id);
        }
        if let Some(rate) = programme.max_public_rate {
            let public = sum(programme
                .funders
                .iter()
                .zip(&l.funders)
                .filter(|(f, _)| f.public)
                .map(|(_, m)| *m));
            assert!(
                public <= i128::from(rate.floor_of(l.cost).cents()),
                "public funding above max_public_rate: {l:?}"
            );
        }
        if let Some(rate) = programme.min_partner_rate {
            assert!(
                sum(l.funders.iter().copied())
                    <= i128::from(rate.complement().floor_of(l.cost).cents()),
                "partner share below min_partner_rate: {l:?}"
            );
        }
    }
    let key = |l: &numconc::BudgetLine| {
        (
            l.institution.clone(),
            l.kind == LineKind::Shared,
            l.document.clone(),
        )
    };
    for pair in b.lines.windows(2) {
        let (a, z) = (key(&pair[0]), key(&pair[1]));
        assert!(
            a.0 < z.0 || (a.0 == z.0 && (a.1, &a.2) <= (z.1, &z.2)),
            "lines out of order: {a:?} before {z:?}"
        );
    }
    assert_eq!(
        sum(b.lines.iter().map(|l| l.cost)),
        i128::from(b.total.cents())
    );
    assert_eq!(
        sum(b.lines.iter().map(|l| l.partner)),
        i128::from(b.partner_total.cents())
    );
    for (i, f) in programme.funders.iter().enumerate() {
        let total = sum(b.lines.iter().map(|l| l.funders[i]));
        assert_eq!(
            total,
            i128::from(b.funder_totals[i].cents()),
            "total of {}",
            f.id
        );
        if let Some(envelope) = f.envelope {
            assert!(
                total <= i128::from(envelope.cents()),
                "{} above its envelope",
                f.id
            );
        }
        for inst in &b.institutions {
            let given = sum(b
                .lines
                .iter()
                .filter(|l| l.institution == inst.institution)
                .map(|l| l.funders[i]));
            if let Some(max) = f.per_institution_max {
                assert!(
                    given <= i128::from(max.cents()),
                    "{} above its maximum",
                    f.id
                );
            }
            if let Some(min) = f.per_institution_min {
                assert!(
                    given == 0 || given >= i128::from(min.cents()),
                    "{} gives {} less than its minimum",
                    f.id,
                    inst.institution
                );
            }
        }
    }
    assert_eq!(
        sum(b.institutions.iter().map(|i| i.cost)),
        i128::from(b.total.cents())
    );
    for inst in &b.institutions {
        assert_eq!(
            i128::from(inst.funded.cents()) + i128::from(inst.partner.cents()),
            i128::from(inst.cost.cents()),
            "institution totals: {inst:?}"
        );
    }
}

/// The day the queries of a campaign are asked on: its last event's, else
/// the campaign's last day.
fn query_day(c: &Campaign) -> numconc::Date {
    c.last_date().unwrap_or(c.data().ends_on)
}

/// Asks a campaign every query (none may panic) and checks its budgets
/// ([`check_budget`]) and their JSON and CSV forms.
pub fn queries(c: &Campaign) {
    let day = query_day(c);
    let _ = c.eligibility_all(day);
    let _ = c.custody_report(day);
    let _ = c.shipment_statuses();
    let _ = c.funnel().to_value();
    for (d, _) in c.documents() {
        let _ = c.state_value(&d.id);
    }
    for mode in [BudgetMode::Estimate { as_of: day }, BudgetMode::Actual] {
        if let Ok(b) = c.budget(mode) {
            check_budget(c.programme(), &b);
            let _ = b.to_value();
            let _ = b.to_csv();
        }
    }
}

/// The same campaign with its institutions, conventions and documents
/// given in reverse order, and the same log replayed.
fn reversed(c: &Campaign) -> Campaign {
    let mut v = c.initial_data().to_value();
    for key in ["institutions", "conventions", "documents"] {
        if let Some(list) = v.get_mut(key).and_then(Value::as_array_mut) {
            list.reverse();
        }
    }
    let data = match CampaignData::from_value(&v) {
        Ok(data) => data,
        Err(e) => panic!("reordered data refused: {e:?}"),
    };
    let mut r = match Campaign::new(c.programme().clone(), data) {
        Ok(r) => r,
        Err(e) => panic!("reordered data refused: {e:?}"),
    };
    let replayed = r.replay(c.events());
    assert!(
        replayed.is_ok(),
        "the log is refused on the reordered data: {:?}",
        replayed.err()
    );
    r
}

/// "The result does not depend on the order in which documents or
/// institutions were given" (domain.md §6): budgets and eligibility of
/// the campaign and of [`reversed`] are equal.
pub fn check_order_independence(c: &Campaign) {
    let r = reversed(c);
    let day = query_day(c);
    assert!(
        c.eligibility_all(day) == r.eligibility_all(day),
        "eligibility depends on the order of the data"
    );
    for mode in [BudgetMode::Estimate { as_of: day }, BudgetMode::Actual] {
        match (c.budget(mode), r.budget(mode)) {
            (Ok(a), Ok(b)) => assert!(
                a == b,
                "the {mode:?} budget depends on the order of the data:\n{a:?}\n{b:?}"
            ),
            (Err(_), Err(_)) => {}
            (a, b) => panic!("the {mode:?} budget depends on the order of the data: {a:?} / {b:?}"),
        }
    }
}

// ---------------------------------------------------------------- fixed campaigns

/// A campaign at some point of the lifecycle vector, with its saved text.
pub struct Snapshot {
    /// How many commands of the vector were accepted to reach it.
    pub accepted: usize,
    /// The campaign.
    pub campaign: Campaign,
    /// Its `save_json()`.
    pub saved: String,
}

impl Snapshot {
    fn new(accepted: usize, campaign: Campaign) -> Snapshot {
        let saved = campaign.save_json();
        Snapshot {
            accepted,
            campaign,
            saved,
        }
    }
}

/// The campaign of `tests/vectors/07_lifecycle_full.json` at several points
/// of its steps: none run, then after 3, 10 and 20 accepted commands (the
/// documents selected, prepared, at the provider, delivered, passed QC),
/// before closing and closed. Built once.
pub fn snapshots() -> &'static [Snapshot] {
    static SNAPSHOTS: OnceLock<Vec<Snapshot>> = OnceLock::new();
    SNAPSHOTS.get_or_init(|| {
        let vector: Value = serde_json::from_str(LIFECYCLE).unwrap_or_default();
        let programme = Programme::from_reference(&vector["programme"]);
        assert!(programme.is_ok(), "vector 07 programme: {programme:?}");
        let data = CampaignData::from_value(&vector["campaign"]);
        assert!(data.is_ok(), "vector 07 campaign: {data:?}");
        let (Ok(programme), Ok(data)) = (programme, data) else {
            return Vec::new();
        };
        let started = Campaign::new(programme, data);
        assert!(started.is_ok(), "vector 07: {started:?}");
        let Ok(mut campaign) = started else {
            return Vec::new();
        };
        let commands: Vec<&Value> = vector["steps"]
            .as_array()
            .map(|steps| steps.iter().filter_map(|s| s.get("command")).collect())
            .unwrap_or_default();
        let mut accepted = 0;
        let mut out = vec![Snapshot::new(0, campaign.clone())];
        let mut before_close = None;
        for c in commands {
            let closing = c["type"] == "close_campaign";
            if closing {
                before_close = Some(campaign.clone());
            }
            if campaign.execute_value(c).is_ok() {
                accepted += 1;
                if [3, 10, 20].contains(&accepted) {
                    out.push(Snapshot::new(accepted, campaign.clone()));
                }
                if closing {
                    if let Some(open) = before_close.take() {
                        out.push(Snapshot::new(accepted - 1, open));
                    }
                }
            }
        }
        assert!(
            campaign.is_closed(),
            "vector 07 does not close its campaign"
        );
        out.push(Snapshot::new(accepted, campaign));
        out
    })
}

/// Asserts that the log replays to `campaign` and that its saved text
/// loads back to it.
fn assert_replays(campaign: &Campaign, after: &str) {
    let replayed = campaign.replayed();
    assert!(
        replayed.as_ref() == Ok(campaign),
        "the log does not replay to the same campaign after {after}: {:?}",
        replayed.as_ref().err()
    );
    let saved = campaign.save_json();
    let loaded = Campaign::load_json(&saved);
    assert!(
        loaded.as_ref() == Ok(campaign),
        "the saved campaign does not load back after {after}: {:?}",
        loaded.as_ref().err()
    );
}

/// Runs one command text on `campaign` and checks what the library
/// promises: refused, nothing changed (the saved text is byte-identical to
/// `saved_before`); accepted, one more event, and (when `replay`) both the
/// replayed log and the saved-and-loaded campaign equal the campaign.
/// Returns whether it was accepted.
fn execute_checked(
    campaign: &mut Campaign,
    saved_before: &str,
    command: &str,
    replay: bool,
) -> bool {
    let events_before = campaign.events().len();
    match campaign.execute_json(command) {
        Err(e) => {
            let saved_after = campaign.save_json();
            assert!(
                saved_after == saved_before,
                "refused command ({}) changed the campaign: {command}",
                e.code()
            );
            assert_eq!(
                campaign.events().len(),
                events_before,
                "refused command changed the log"
            );
            false
        }
        Ok(()) => {
            assert_eq!(
                campaign.events().len(),
                events_before + 1,
                "accepted command did not add exactly one event: {command}"
            );
            if replay {
                assert_replays(campaign, command);
                queries(campaign);
            }
            true
        }
    }
}

// ---------------------------------------------------------------- command

/// The input as one command (JSON text), run on each snapshot of the
/// lifecycle campaign (see [`execute_checked`] for what is asserted).
pub fn command(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for snapshot in snapshots() {
        let mut c = snapshot.campaign.clone();
        execute_checked(&mut c, &snapshot.saved, text, true);
    }
}

// ---------------------------------------------------------------- rejected_unchanged

/// The input as command texts, one per line, run in order on the lifecycle
/// campaign before any step: after each refused one, the saved text is
/// byte-identical to what it was before it, and each accepted one adds one
/// event; at the end, the log replays to the campaign and its saved text
/// loads back to it (checked once, not after each command: fast enough to
/// explore long sequences).
pub fn rejected_unchanged(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(start) = snapshots().first() else {
        return;
    };
    let mut c = start.campaign.clone();
    let mut saved = start.saved.clone();
    for line in text.split('\n') {
        if execute_checked(&mut c, &saved, line, false) {
            saved = c.save_json();
        }
    }
    assert_replays(&c, "the last command");
    queries(&c);
}

// ---------------------------------------------------------------- saved

/// `Campaign::load_json_bytes`; when it accepts, save → load → save is
/// byte-identical and the reloaded campaign is equal.
pub fn saved(data: &[u8]) {
    let Ok(c) = Campaign::load_json_bytes(data) else {
        return;
    };
    let first = c.save_json();
    let loaded = Campaign::load_json(&first);
    assert!(
        loaded.is_ok(),
        "a saved campaign does not load: {:?}\n{first}",
        loaded.as_ref().err()
    );
    let Ok(loaded) = loaded else {
        return;
    };
    let second = loaded.save_json();
    assert!(
        first == second,
        "save → load → save differs:\n{first}\n---\n{second}"
    );
    assert!(
        loaded == c,
        "the reloaded campaign differs from the loaded one"
    );
}

// ---------------------------------------------------------------- import

/// A record of a CSV text, as `spec/import.md` (and the module
/// documentation of `numconc::import`) describe the file. Written apart
/// from the library's parser, so that the two can disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRecord {
    /// The line the record starts on, from 1.
    pub line: usize,
    /// Whether every cell is empty or spaces.
    pub blank: bool,
}

/// What the file-level reading of a CSV text should give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvShape {
    /// No line with anything but spaces, separators and quotes.
    Empty,
    /// A quoted field not closed; the line where it opens.
    Unclosed(usize),
    /// The records.
    Records(Vec<CsvRecord>),
}

/// The separator: from the first line that has anything but spaces,
/// separators and quotes, the one more frequent outside quotes (`;` on a tie).
fn separator(text: &str) -> Option<char> {
    let line = text.split(['\n', '\r']).find(|l| {
        l.chars()
            .any(|c| !(c.is_whitespace() || matches!(c, ';' | ',' | '"')))
    })?;
    let (mut semicolons, mut commas, mut quoted) = (0, 0, false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    Some(if commas > semicolons { ',' } else { ';' })
}

/// Splits a CSV text into records: RFC 4180 quotes (only at the start of
/// a cell; `""` inside quotes is a quote; anything else is kept as
/// written), line ends `\n`, `\r\n` or `\r`, a last line without a line end.
pub fn csv_shape(text: &str) -> CsvShape {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(sep) = separator(text) else {
        return CsvShape::Empty;
    };
    let mut records = Vec::new();
    let mut line = 1;
    let mut start = 1;
    let mut pending = false; // anything read since the last record ended
    let mut blank = true;
    let mut cell_start = true;
    let mut quoted_since = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        pending = true;
        let line_end = c == '\n' || c == '\r';
        if c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
        }
        if quoted_since.is_some() {
            if line_end {
                line += 1;
            } else if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    blank = false;
                } else {
                    quoted_since = None;
                }
            } else if !c.is_whitespace() {
                blank = false;
            }
        } else if line_end {
            records.push(CsvRecord { line: start, blank });
            line += 1;
            start = line;
            (pending, blank, cell_start) = (false, true, true);
        } else if c == sep {
            cell_start = true;
        } else if c == '"' && cell_start {
            quoted_since = Some(line);
            cell_start = false;
        } else {
            cell_start = false;
            if !c.is_whitespace() {
                blank = false;
            }
        }
    }
    if let Some(opened) = quoted_since {
        return CsvShape::Unclosed(opened);
    }
    if pending {
        records.push(CsvRecord { line: start, blank });
    }
    CsvShape::Records(records)
}

/// Line ends in `bytes`: `\n`, `\r\n` or `\r`.
fn line_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' || (b == b'\n' && (i == 0 || bytes[i - 1] != b'\r')))
        .count()
}

/// The CSV import of proposals (`import_proposals_bytes`) for
/// [`IMPORT_INSTITUTION`] on 2026-03-01, checked against its documentation:
/// a file-level error only when the file calls for one; otherwise one row
/// report per non-blank record after the header, in file order, at the
/// record's first line; blank records counted in `empty_lines`; a row's
/// status agrees with its errors and notes; the documents are the rows not
/// in error, in order, with distinct ids, for the institution and day of
/// the call, and each reads back from its JSON.
pub fn import(data: &[u8]) {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
    let result = import_proposals_bytes(data, IMPORT_INSTITUTION, day);
    let text = match std::str::from_utf8(data) {
        Ok(text) => text,
        Err(e) => {
            let valid = &data[..e.valid_up_to()];
            let expected = ImportError::NotUtf8 {
                line: 1 + line_breaks(valid),
            };
            assert!(
                result.as_ref().err() == Some(&expected),
                "not UTF-8: expected {expected:?}, got {result:?}"
            );
            return;
        }
    };
    let records = match csv_shape(text) {
        CsvShape::Empty => {
            assert!(
                result.as_ref().err() == Some(&ImportError::EmptyFile),
                "expected EMPTY_FILE, got {result:?}"
            );
            return;
        }
        CsvShape::Unclosed(line) => {
            let expected = ImportError::CsvSyntax { line };
            assert!(
                result.as_ref().err() == Some(&expected),
                "expected {expected:?}, got {result:?}"
            );
            return;
        }
        CsvShape::Records(records) => records,
    };
    let Some(header) = records.iter().position(|r| !r.blank) else {
        assert!(
            result.as_ref().err() == Some(&ImportError::EmptyFile),
            "only blank records: expected EMPTY_FILE, got {result:?}"
        );
        return;
    };
    let report = match result {
        Ok(report) => report,
        Err(
            ImportError::NoHeader { .. }
            | ImportError::MissingColumn(_)
            | ImportError::DuplicateColumn { .. },
        ) => return,
        Err(e) => panic!("unexpected file-level error {e:?} for records {records:?}"),
    };
    let rows: Vec<usize> = records[header + 1..]
        .iter()
        .filter(|r| !r.blank)
        .map(|r| r.line)
        .collect();
    let reported: Vec<usize> = report.rows.iter().map(|r| r.line).collect();
    assert_eq!(
        reported, rows,
        "the rows reported (by line) are not the non-blank records after the header"
    );
    let blank = records.iter().filter(|r| r.blank).count();
    assert_eq!(report.empty_lines, blank, "empty_lines");
    let mut ids = std::collections::HashSet::new();
    let mut documents = report.documents.iter();
    for row in &report.rows {
        match row.status {
            RowStatus::Error => assert!(
                !row.errors.is_empty(),
                "row in error without errors: {row:?}"
            ),
            RowStatus::Ok => assert!(
                row.errors.is_empty() && row.notes.is_empty(),
                "ok row with errors or notes: {row:?}"
            ),
            RowStatus::OkWithNotes => assert!(
                row.errors.is_empty() && !row.notes.is_empty(),
                "ok_with_notes row without notes or with errors: {row:?}"
            ),
        }
        if row.status == RowStatus::Error {
            continue;
        }
        let doc = documents.next();
        assert!(doc.is_some(), "no document for row {row:?}");
        let Some(doc) = doc else { return };
        assert_eq!(
            row.id.as_deref(),
            Some(doc.id.as_str()),
            "document of row {}",
            row.line
        );
        assert!(
            ids.insert(doc.id.clone()),
            "two documents with id {:?}",
            doc.id
        );
        assert_eq!(doc.institution, IMPORT_INSTITUTION);
        assert_eq!(doc.proposed_on, day);
        let again = Document::from_value(&doc.to_value());
        assert!(
            again.as_ref() == Ok(doc),
            "imported document does not read back from its JSON: {doc:?} → {again:?}"
        );
    }
    assert!(
        documents.next().is_none(),
        "more documents than rows not in error"
    );
}

// ---------------------------------------------------------------- corpus files

/// The files of a corpus directory, sorted (none when it does not exist).
pub fn corpus_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The `main` of a target built without libFuzzer: runs `body` over each
/// file named on the command line (a directory: each file in it), printing
/// the file before it runs, so that a panic names its input.
pub fn replay_main(name: &str, body: fn(&[u8])) -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: {name} FILE_OR_DIR...   (runs the `{name}` fuzz body over each file)");
        return std::process::ExitCode::from(2);
    }
    let mut n = 0;
    for arg in args {
        let path = Path::new(&arg);
        let files = if path.is_dir() {
            corpus_files(path)
        } else {
            vec![path.to_path_buf()]
        };
        for file in files {
            match std::fs::read(&file) {
                Ok(bytes) => {
                    eprintln!("{name}: {}", file.display());
                    body(&bytes);
                    n += 1;
                }
                Err(e) => {
                    eprintln!("{name}: cannot read {}: {e}", file.display());
                    return std::process::ExitCode::FAILURE;
                }
            }
        }
    }
    eprintln!("{name}: {n} inputs, no failure");
    std::process::ExitCode::SUCCESS
}

/// A command of a vector step as one line of compact JSON.
pub fn command_line(command: &Value) -> String {
    text_of(command)
}

/// `Command::from_value` then `to_value`, for seeds: the command as the
/// library writes it, when it reads it.
pub fn normalised_command(command: &Value) -> Option<String> {
    Command::from_value(command)
        .ok()
        .map(|c| text_of(&c.to_value()))
}

// ---------------------------------------------------------------- oai

/// The worked campaign of `cargo run --example campagne`, saved.
const WORKED: &str =
    include_str!("../../core/tests/fixtures/campagne-saved-before-typed-core.json");

fn worked() -> Option<&'static Campaign> {
    static WORKED_CAMPAIGN: OnceLock<Option<Campaign>> = OnceLock::new();
    WORKED_CAMPAIGN
        .get_or_init(|| Campaign::load_json(WORKED).ok())
        .as_ref()
}

/// The response to a query (the input, as lossy UTF-8) over the worked
/// campaign with pages of 2: one XML declaration, one `OAI-PMH` root,
/// `responseDate` and `request`, then one verb element or errors; a
/// resumption token it gives is accepted on the next call.
pub fn oai(data: &[u8]) {
    use numconc::publication::oai::{Options, Repository};
    let Some(c) = worked() else {
        panic!("the worked campaign does not load");
    };
    let query = String::from_utf8_lossy(data);
    let cs = [c];
    let Ok(repo) = Repository::new(
        &cs,
        "https://bibliotheques.example.org/oai",
        Options {
            page_size: 2,
            ..Options::default()
        },
    ) else {
        panic!("the repository is refused");
    };
    let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default();
    let xml = repo.respond(&query, now);
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH "),
        "{xml}"
    );
    assert!(xml.ends_with("</OAI-PMH>\n"), "{xml}");
    assert_eq!(xml.matches("<OAI-PMH ").count(), 1, "{xml}");
    assert!(
        xml.contains("<responseDate>2026-09-21T14:13:20Z</responseDate><request"),
        "{xml}"
    );
    let verbs = [
        "<Identify>",
        "<ListMetadataFormats>",
        "<ListSets>",
        "<ListIdentifiers>",
        "<ListRecords>",
        "<GetRecord>",
    ];
    let bodies = verbs.iter().filter(|v| xml.contains(*v)).count();
    let errors = xml.matches("<error code=\"").count();
    assert!((bodies == 1) != (errors > 0), "{xml}");
    for c in xml.chars() {
        assert!(numconc::publication::xml::xml_char(c), "{c:?} in {xml}");
    }
    if let Some((verb, token)) = token_of(&xml) {
        let encoded: String = token
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        let next = repo.respond(&format!("verb={verb}&resumptionToken={encoded}"), now);
        assert!(!next.contains("badResumptionToken"), "{token}: {next}");
    }
}

/// The verb and the text of a non-empty resumption token of a response.
fn token_of(xml: &str) -> Option<(&'static str, String)> {
    let verb = ["ListIdentifiers", "ListRecords"]
        .into_iter()
        .find(|v| xml.contains(&format!("<{v}>")))?;
    let after = xml.split_once("<resumptionToken")?.1;
    let (open, rest) = after.split_once('>')?;
    if open.ends_with('/') {
        return None;
    }
    let text = rest.split_once("</resumptionToken>")?.0;
    Some((verb, text.replace("&amp;", "&")))
}

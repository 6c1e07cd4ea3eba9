//! The yearly campaign's data: institutions, agreements, proposals
//! (documents) and shared costs — the v1 `Campaign` object (domain.md §3).

mod fast_reader;

use std::collections::{BTreeMap, HashMap};

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::convention::Convention;
use crate::error::{Issue, IssueCode, ValidationError};
use crate::format::json::{
    finish, p_bool, p_date, p_id, p_list, p_money, p_str, p_u64, p_vocab, p_year, strs, wrong_type,
    Fields, Issues, Out, Path, ROOT,
};
use crate::values::edtf::DocDate;
use crate::values::identifiers::{institution_id_valid, siren_valid};
use crate::values::money::Money;
use crate::values::vocabulary::{Format, InstitutionKind, Rights, Size, Theme, Typology};
use crate::Date;

/// A partner institution (établissement partenaire).
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use numconc::Institution;
/// let i = Institution::from_value(&serde_json::json!({
///     "id": "FR-801216101", "name": "Bibliothèque d'Amiens", "kind": "municipal_library",
///     "size": "medium", "membership_years": [2025, 2026]}))?;
/// assert_eq!(i.size.as_str(), "medium");
/// // An ISIL is FR- and a 9-character RCR: every problem at its field.
/// let bad = Institution::from_value(&serde_json::json!({
///     "id": "FR-12", "name": "", "kind": "libary", "size": "medium", "membership_years": []}));
/// let paths: Vec<String> = bad.unwrap_err().issues.into_iter().map(|i| i.path).collect();
/// assert!(paths.contains(&"id".to_string()) && paths.contains(&"kind".to_string()));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Institution {
    /// Identifier; an ISIL when it starts with `FR-`.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: InstitutionKind,
    /// Size tier.
    pub size: Size,
    /// Years of membership (adhésion).
    pub membership_years: Vec<i32>,
    /// SIREN, if given.
    pub siren: Option<String>,
}

/// A proposal (note informative): one document to digitise.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use numconc::Document;
/// let d = Document::from_value(&serde_json::json!({
///     "id": "D1", "institution": "FR-801216101", "title": "Le Progrès de la Somme",
///     "date": "18XX", "typology": "press", "views": 1200, "themes": ["regional_interest"],
///     "rights": "public_domain", "proposed_on": "2026-02-10"}))?;
/// assert_eq!(d.date.as_ref().map(|x| x.latest_year()), Some(1899));
/// // Missing author and format: still a proposal, but an incomplete one.
/// assert!(d.information_incomplete());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Identifier.
    pub id: String,
    /// The institution that holds it.
    pub institution: String,
    /// Title (may be missing: an incomplete proposal).
    pub title: Option<String>,
    /// Author (may be `anonyme`, or missing).
    pub author: Option<String>,
    /// Date (EDTF subset), if known.
    pub date: Option<DocDate>,
    /// Type.
    pub typology: Typology,
    /// Format, if known.
    pub format: Option<Format>,
    /// Number of views, if known.
    pub views: Option<u64>,
    /// Themes it answers.
    pub themes: Vec<Theme>,
    /// Rights status.
    pub rights: Rights,
    /// Where it is to be published (`gallica`, `armarium`, …).
    pub targets: Vec<String>,
    /// Fragile (surcharge).
    pub fragile: bool,
    /// OCR wanted.
    pub ocr: bool,
    /// Insured value for shipment.
    pub insured_value: Money,
    /// An existing digitisation, if any (then it is not eligible).
    pub existing_digitization: Option<String>,
    /// Day of the proposal.
    pub proposed_on: Date,
    /// Shelfmark (cote).
    pub shelfmark: Option<String>,
    /// Free labels (funding rules may test them).
    pub labels: Vec<String>,
}

/// The members of a document (the v1 `Document` object).
const DOCUMENT_FIELDS: [&str; 18] = [
    "id",
    "institution",
    "title",
    "author",
    "date",
    "typology",
    "format",
    "views",
    "themes",
    "rights",
    "targets",
    "fragile",
    "ocr",
    "insured_value",
    "existing_digitization",
    "proposed_on",
    "shelfmark",
    "labels",
];

/// A shared cost of the campaign (coûts mutualisés).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedCost {
    /// Label (`transport`).
    pub label: String,
    /// Amount.
    pub amount: Money,
}

/// The data of a yearly campaign, indexed for linear-time queries.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use numconc::CampaignData;
/// let data = CampaignData::from_json(r#"{"id": "hdf-2026", "programme": "hauts-de-france",
///   "year": 2026, "ends_on": "2027-06-30",
///   "institutions": [{"id": "FR-801216101", "name": "BM", "kind": "municipal_library",
///                     "size": "medium", "membership_years": [2026]}],
///   "documents": [{"id": "D1", "institution": "FR-801216101", "typology": "press",
///                  "rights": "public_domain", "proposed_on": "2026-02-10"}]}"#)?;
/// assert_eq!(data.documents().len(), 1);
/// assert_eq!(data.document_institution_position(0), data.institution_position("FR-801216101"));
/// // A document of an unknown institution is refused, at its path.
/// let bad = CampaignData::from_json(r#"{"id": "c", "programme": "p", "year": 2026,
///   "ends_on": "2027-06-30", "documents": [{"id": "D1", "institution": "FR-000000000",
///   "typology": "press", "rights": "public_domain", "proposed_on": "2026-02-10"}]}"#);
/// assert_eq!(bad.unwrap_err().issues[0].path, "documents[0].institution");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignData {
    /// Identifier (`hdf-2026`).
    pub id: String,
    /// The id of its programme.
    pub programme: String,
    /// The campaign year (membership is checked against it).
    pub year: i32,
    /// Last day of the campaign.
    pub ends_on: Date,
    institutions: Vec<Institution>,
    conventions: Vec<Convention>,
    documents: Vec<Document>,
    shared_costs: Vec<SharedCost>,
    institution_index: HashMap<String, usize>,
    convention_index: HashMap<String, usize>,
    document_index: HashMap<String, usize>,
    conventions_by_institution: Vec<Vec<usize>>,
    /// The institution position of each document (`usize::MAX`: none).
    document_institutions: Vec<usize>,
    /// The document positions in id order, computed on first use and
    /// forgotten when a document is added.
    by_id: PositionsById,
}

/// A cache of the document positions in id order: not part of the data
/// (two campaigns are equal whether or not they computed it).
#[derive(Debug, Default, Clone)]
struct PositionsById(std::sync::OnceLock<std::sync::Arc<[u32]>>);

impl PartialEq for PositionsById {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for PositionsById {}

fn nonblank(s: Option<&String>) -> bool {
    s.is_some_and(|s| !s.trim().is_empty())
}

impl Institution {
    /// Reads an institution, reporting every problem at its path.
    ///
    /// # Errors
    /// [`ValidationError`].
    pub fn from_value(v: &Value) -> Result<Institution, ValidationError> {
        let mut issues = Vec::new();
        let read = Self::read(v, &ROOT, &mut issues);
        finish(read, issues)
    }

    pub(crate) fn read(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Institution> {
        let f = Fields::new(
            v,
            path,
            &["id", "name", "kind", "size", "membership_years", "siren"],
            issues,
        )?;
        let before = issues.len();
        let id = f.req("id", issues, p_id);
        if let Some(id) = &id {
            if !institution_id_valid(id) {
                issues.push(Issue::new(
                    IssueCode::InvalidIsil,
                    f.path_of("id"),
                    id.clone(),
                ));
            }
        }
        let name = f.req("name", issues, p_str);
        let kind = f.req("kind", issues, p_vocab(InstitutionKind::parse));
        let size = f.req("size", issues, p_vocab(Size::parse));
        let membership_years = f.opt("membership_years", issues, p_list(p_year));
        let siren = f.opt("siren", issues, p_str);
        if let Some(s) = &siren {
            if !siren_valid(s) {
                issues.push(Issue::new(
                    IssueCode::InvalidSiren,
                    f.path_of("siren"),
                    s.clone(),
                ));
            }
        }
        if issues.len() != before {
            return None;
        }
        Some(Institution {
            id: id?,
            name: name?,
            kind: kind?,
            size: size?,
            membership_years: membership_years.unwrap_or_default(),
            siren,
        })
    }

    /// The institution as a v1 JSON value.
    #[must_use]
    pub fn to_value(&self) -> Value {
        Out::new()
            .put("id", self.id.as_str())
            .put("name", self.name.as_str())
            .put("kind", self.kind.as_str())
            .put("size", self.size.as_str())
            .put("membership_years", self.membership_years.clone())
            .put_opt("siren", self.siren.as_deref())
            .build()
    }
}

impl Document {
    /// Whether title, author, date, format or views is missing (absent, null or blank).
    #[must_use]
    pub fn information_incomplete(&self) -> bool {
        !nonblank(self.title.as_ref())
            || !nonblank(self.author.as_ref())
            || self.date.is_none()
            || self.format.is_none()
            || self.views.is_none()
    }

    /// Whether an existing digitisation is recorded.
    #[must_use]
    pub fn already_digitized(&self) -> bool {
        nonblank(self.existing_digitization.as_ref())
    }

    /// Whether the document is to be published on `target`.
    #[must_use]
    pub fn targets_include(&self, target: &str) -> bool {
        self.targets.iter().any(|t| t == target)
    }

    /// Reads a document, reporting every problem at its path.
    ///
    /// # Errors
    /// [`ValidationError`].
    pub fn from_value(v: &Value) -> Result<Document, ValidationError> {
        let mut issues = Vec::new();
        let read = Self::read(v, &ROOT, &mut issues);
        finish(read, issues)
    }

    pub(crate) fn read(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Document> {
        let f = Fields::new(v, path, &DOCUMENT_FIELDS, issues)?;
        let before = issues.len();
        let id = f.req("id", issues, p_id);
        let institution = f.req("institution", issues, p_id);
        let title = f.opt("title", issues, p_str);
        let author = f.opt("author", issues, p_str);
        let date = f.opt(
            "date",
            issues,
            |v: &Value, path: &Path<'_>, issues: &mut Issues| {
                let Value::String(s) = v else {
                    wrong_type(issues, path, "an EDTF date string", v);
                    return None;
                };
                let d = DocDate::parse(s);
                if d.is_none() {
                    issues.push(Issue::new(
                        IssueCode::InvalidEdtf,
                        path,
                        crate::format::json::quote(s),
                    ));
                }
                d
            },
        );
        let typology = f.req("typology", issues, p_vocab(Typology::parse));
        let format = f.opt("format", issues, p_vocab(Format::parse));
        let views = f.opt("views", issues, p_u64);
        let themes = f.opt("themes", issues, p_list(p_vocab(Theme::parse)));
        let rights = f.req("rights", issues, p_vocab(Rights::parse));
        let targets = f.opt("targets", issues, p_list(p_id));
        let fragile = f.opt("fragile", issues, p_bool);
        let ocr = f.opt("ocr", issues, p_bool);
        let insured_value = f.opt("insured_value", issues, p_money);
        let existing_digitization = f.opt("existing_digitization", issues, p_str);
        let proposed_on = f.req("proposed_on", issues, p_date);
        let shelfmark = f.opt("shelfmark", issues, p_str);
        let labels = f.opt("labels", issues, p_list(p_str));
        if issues.len() != before {
            return None;
        }
        Some(Document {
            id: id?,
            institution: institution?,
            title,
            author,
            date,
            typology: typology?,
            format,
            views,
            themes: themes.unwrap_or_default(),
            rights: rights?,
            targets: targets.unwrap_or_default(),
            fragile: fragile.unwrap_or(false),
            ocr: ocr.unwrap_or(false),
            insured_value: insured_value.unwrap_or(Money::ZERO),
            existing_digitization,
            proposed_on: proposed_on?,
            shelfmark,
            labels: labels.unwrap_or_default(),
        })
    }

    /// Writes the document as JSON text: the bytes of `to_value()`
    /// serialised (keys sorted), without a tree.
    pub(crate) fn write_json(&self, w: &mut crate::format::writer::JsonText) {
        let date = self.date.as_ref().map(DocDate::as_str);
        w.raw("{\"author\":")
            .opt_string(self.author.as_deref())
            .raw(",\"date\":")
            .opt_string(date)
            .raw(",\"existing_digitization\":")
            .opt_string(self.existing_digitization.as_deref())
            .raw(",\"format\":")
            .opt_string(self.format.map(Format::as_str))
            .raw(",\"fragile\":")
            .raw(if self.fragile { "true" } else { "false" })
            .raw(",\"id\":")
            .string(&self.id)
            .raw(",\"institution\":")
            .string(&self.institution)
            .raw(",\"insured_value\":")
            .display(self.insured_value, true)
            .raw(",\"labels\":")
            .strings(self.labels.iter().map(String::as_str))
            .raw(",\"ocr\":")
            .raw(if self.ocr { "true" } else { "false" })
            .raw(",\"proposed_on\":")
            .display(self.proposed_on, true)
            .raw(",\"rights\":")
            .string(self.rights.as_str());
        if let Some(s) = &self.shelfmark {
            w.raw(",\"shelfmark\":").string(s);
        }
        w.raw(",\"targets\":")
            .strings(self.targets.iter().map(String::as_str))
            .raw(",\"themes\":")
            .strings(self.themes.iter().map(|t| t.as_str()))
            .raw(",\"title\":")
            .opt_string(self.title.as_deref())
            .raw(",\"typology\":")
            .string(self.typology.as_str())
            .raw(",\"views\":");
        match self.views {
            Some(v) => w.display(v, false),
            None => w.raw("null"),
        };
        w.raw("}");
    }

    /// The document as a v1 JSON value.
    #[must_use]
    pub fn to_value(&self) -> Value {
        Out::new()
            .put("id", self.id.as_str())
            .put("institution", self.institution.as_str())
            .put(
                "title",
                self.title.as_deref().map_or(Value::Null, Value::from),
            )
            .put(
                "author",
                self.author.as_deref().map_or(Value::Null, Value::from),
            )
            .put(
                "date",
                self.date
                    .as_ref()
                    .map_or(Value::Null, |d| Value::from(d.as_str())),
            )
            .put("typology", self.typology.as_str())
            .put(
                "format",
                self.format.map_or(Value::Null, |x| Value::from(x.as_str())),
            )
            .put("views", self.views.map_or(Value::Null, Value::from))
            .put("themes", strs(&self.themes))
            .put("rights", self.rights.as_str())
            .put("targets", strs(&self.targets))
            .put("fragile", self.fragile)
            .put("ocr", self.ocr)
            .put("insured_value", self.insured_value.to_string())
            .put(
                "existing_digitization",
                self.existing_digitization
                    .as_deref()
                    .map_or(Value::Null, Value::from),
            )
            .put("proposed_on", self.proposed_on.to_string())
            .put_opt("shelfmark", self.shelfmark.as_deref())
            .put("labels", strs(&self.labels))
            .build()
    }
}

impl SharedCost {
    fn read(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<SharedCost> {
        let f = Fields::new(v, path, &["label", "amount"], issues)?;
        let label = f.req("label", issues, p_id);
        let amount = f.req("amount", issues, p_money);
        Some(SharedCost {
            label: label?,
            amount: amount?,
        })
    }

    fn to_value(&self) -> Value {
        Out::new()
            .put("label", self.label.as_str())
            .put("amount", self.amount.to_string())
            .build()
    }
}

/// The lists of a campaign object.
const LISTS: [&str; 4] = ["institutions", "conventions", "documents", "shared_costs"];

/// Lists given as raw elements, by key, with the depth of their elements
/// in the whole JSON document.
#[derive(Default)]
struct RawLists<'a> {
    lists: BTreeMap<&'static str, Vec<&'a RawValue>>,
    depth: usize,
    /// The documents, already read (all valid) by the fast reader from a
    /// serde source.
    documents: std::cell::Cell<Option<Vec<Document>>>,
}

/// Reads the list `key` of `f` (or its raw elements, when `raw` has them),
/// keeping the position of each valid element; absent or null is empty.
/// `fast`, when given, reads a valid element straight from its text (and
/// gives up on anything else, which `elem` then reads for its issues).
fn list<T: Send>(
    f: &Fields<'_, '_>,
    key: &'static str,
    raw: &RawLists<'_>,
    issues: &mut Issues,
    elem: impl Fn(&Value, &Path<'_>, &mut Issues) -> Option<T>,
    fast: Option<fn(&str) -> Option<T>>,
) -> Vec<(usize, T)> {
    let path = f.path_of(key);
    let mut out = Vec::new();
    if let Some(items) = raw.lists.get(key) {
        out.reserve(items.len());
        let mut fast_read = fast.map(|read| read_all(items, read)).unwrap_or_default();
        for (i, item) in items.iter().enumerate() {
            if let Some(x) = fast_read.get_mut(i).and_then(Option::take) {
                out.push((i, x));
                continue;
            }
            let at = Path::Index(&path, i);
            match crate::format::json::parse_at(item.get(), raw.depth) {
                Ok(v) => out.extend(elem(&v, &at, issues).map(|x| (i, x))),
                Err(problem) => issues.push(problem.at(&at.to_string())),
            }
        }
        return out;
    }
    match f.get(key) {
        None => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                out.extend(elem(item, &Path::Index(&path, i), issues).map(|x| (i, x)));
            }
        }
        Some(other) => wrong_type(issues, &path, "array", other),
    }
    out
}

/// Reads every element with `read`, on the machine's cores when the list is
/// long (two halves in two threads: the answers, in order, are the same as
/// on one core).
fn read_all<T: Send>(items: &[&RawValue], read: fn(&str) -> Option<T>) -> Vec<Option<T>> {
    const PARALLEL_FROM: usize = 50_000;
    let one = |part: &[&RawValue]| part.iter().map(|x| read(x.get())).collect::<Vec<_>>();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    if items.len() < PARALLEL_FROM || threads < 2 {
        return one(items);
    }
    let (first, second) = items.split_at(items.len() / 2);
    std::thread::scope(|s| {
        let other = s.spawn(|| one(second));
        let mut out = one(first);
        match other.join() {
            Ok(rest) => out.extend(rest),
            // A panic in the other half: read it here (it will panic again
            // where a caller's boundary catches it).
            Err(_) => out.extend(one(second)),
        }
        out
    })
}

impl CampaignData {
    /// Reads a campaign from a JSON value, reporting every problem (including
    /// duplicate ids and references to unknown institutions).
    ///
    /// # Errors
    /// [`ValidationError`] with every issue and its field path.
    pub fn from_value(v: &Value) -> Result<CampaignData, ValidationError> {
        let mut issues = Vec::new();
        let read = Self::read(v, &ROOT, &mut issues);
        finish(read, issues)
    }

    /// Reads a campaign from JSON text (strictly: a key named twice or
    /// nesting deeper than 128 levels is refused; a byte-order mark is skipped).
    ///
    /// # Errors
    /// [`ValidationError`] (`INVALID_JSON`, `DUPLICATE_KEY`, `TOO_DEEP` or
    /// the issues of the object).
    pub fn from_json(text: &str) -> Result<CampaignData, ValidationError> {
        Self::from_json_at(text, 0)
    }

    /// Reads a campaign from JSON text that stands `depth` levels below the
    /// root of a larger document (a saved file).
    pub(crate) fn from_json_at(text: &str, depth: usize) -> Result<CampaignData, ValidationError> {
        use crate::format::json::{parse_at, raw_entries, JsonProblem};
        // A national campaign is read list element by list element, never as
        // one JSON tree: the top level and each list are first split into
        // raw (unparsed) values.
        let Some(top) = raw_entries(text).map_err(JsonProblem::into_error)? else {
            // JSON, but not an object: the tree reader gives the error.
            let v = parse_at(text, depth).map_err(JsonProblem::into_error)?;
            return Self::from_value(&v);
        };
        let mut object = Map::new();
        let mut raw = RawLists {
            lists: BTreeMap::new(),
            depth: depth + 2,
            documents: std::cell::Cell::new(None),
        };
        let mut issues = Vec::new();
        for (key, value) in top {
            let list = LISTS.iter().find(|k| **k == key).and_then(|k| {
                serde_json::from_str::<Vec<&RawValue>>(value.get())
                    .ok()
                    .map(|items| (*k, items))
            });
            match list {
                Some((k, items)) => {
                    raw.lists.insert(k, items);
                    object.insert(key, Value::Array(Vec::new()));
                }
                None => match parse_at(value.get(), depth + 1) {
                    Ok(v) => {
                        object.insert(key, v);
                    }
                    Err(problem) => issues.push(problem.at(&key)),
                },
            }
        }
        if !issues.is_empty() {
            return Err(ValidationError { issues });
        }
        let read = Self::read_with(&Value::Object(object), &ROOT, &mut issues, &raw);
        finish(read, issues)
    }

    /// Reads a campaign from a serde source when every document is valid:
    /// the documents straight into their type (no tree), the rest (a few
    /// small lists) by the issue-collecting reader. `None` when the fast
    /// reader gives up (a document it does not take, a key named twice, the
    /// source failing): then read the whole value with the tree reader.
    pub(crate) fn read_serde_fast<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Option<Result<CampaignData, ValidationError>> {
        let (object, documents) = d.deserialize_map(fast_reader::CampaignSeed).ok()?;
        let raw = RawLists {
            documents: std::cell::Cell::new(documents),
            ..RawLists::default()
        };
        let mut issues = Vec::new();
        let read = Self::read_with(&Value::Object(object), &ROOT, &mut issues, &raw);
        Some(finish(read, issues))
    }

    pub(crate) fn read(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<CampaignData> {
        Self::read_with(v, path, issues, &RawLists::default())
    }

    /// Reads a campaign whose lists may be given apart, as raw elements
    /// (`raw`, by key): those are parsed and read one at a time.
    fn read_with(
        v: &Value,
        path: &Path<'_>,
        issues: &mut Issues,
        raw: &RawLists<'_>,
    ) -> Option<CampaignData> {
        let f = Fields::new(
            v,
            path,
            &[
                "id",
                "programme",
                "year",
                "ends_on",
                "institutions",
                "conventions",
                "documents",
                "shared_costs",
            ],
            issues,
        )?;
        let id = f.req("id", issues, p_id);
        let programme = f.req("programme", issues, p_id);
        let year = f.req("year", issues, p_year);
        let ends_on = f.req("ends_on", issues, p_date);
        let before = issues.len();
        let institutions = list(&f, "institutions", raw, issues, Institution::read, None);
        let institutions_complete = issues.len() == before;
        let conventions = list(&f, "conventions", raw, issues, Convention::read, None);
        let documents = match raw.documents.take() {
            Some(docs) => docs.into_iter().enumerate().collect(),
            None => list(
                &f,
                "documents",
                raw,
                issues,
                Document::read,
                Some(fast_reader::read_document),
            ),
        };
        let shared_costs = list(&f, "shared_costs", raw, issues, SharedCost::read, None);
        let mut data = CampaignData {
            id: id?,
            programme: programme?,
            year: year?,
            ends_on: ends_on?,
            institutions: Vec::new(),
            conventions: Vec::new(),
            documents: Vec::new(),
            shared_costs: Vec::new(),
            institution_index: HashMap::new(),
            convention_index: HashMap::new(),
            document_index: HashMap::new(),
            conventions_by_institution: Vec::new(),
            document_institutions: Vec::new(),
            by_id: PositionsById::default(),
        };
        let p = |kind: &str, i: usize, key: &str| format!("{}[{i}].{key}", f.path_of(kind));
        for (i, x) in institutions {
            if data.institution_index.contains_key(&x.id) {
                issues.push(Issue::new(
                    IssueCode::DuplicateId,
                    p("institutions", i, "id"),
                    x.id.clone(),
                ));
            } else {
                data.add_institution(x);
            }
        }
        for (i, x) in conventions {
            if data.convention_index.contains_key(&x.id) {
                issues.push(Issue::new(
                    IssueCode::DuplicateId,
                    p("conventions", i, "id"),
                    x.id.clone(),
                ));
            } else if institutions_complete && !data.institution_index.contains_key(&x.institution)
            {
                issues.push(Issue::new(
                    IssueCode::UnknownInstitution,
                    p("conventions", i, "institution"),
                    x.institution.clone(),
                ));
            } else {
                data.add_convention(x);
            }
        }
        for (i, x) in documents {
            if data.document_index.contains_key(&x.id) {
                issues.push(Issue::new(
                    IssueCode::DuplicateId,
                    p("documents", i, "id"),
                    x.id.clone(),
                ));
            } else if institutions_complete && !data.institution_index.contains_key(&x.institution)
            {
                issues.push(Issue::new(
                    IssueCode::UnknownInstitution,
                    p("documents", i, "institution"),
                    x.institution.clone(),
                ));
            } else {
                data.add_document(x);
            }
        }
        let mut labels = std::collections::HashSet::with_capacity(shared_costs.len());
        for (i, x) in shared_costs {
            if !labels.insert(x.label.clone()) {
                issues.push(Issue::new(
                    IssueCode::DuplicateId,
                    p("shared_costs", i, "label"),
                    x.label.clone(),
                ));
            } else {
                data.shared_costs.push(x);
            }
        }
        Some(data)
    }

    /// The campaign as a v1 JSON value.
    #[must_use]
    pub fn to_value(&self) -> Value {
        Out::new()
            .put("id", self.id.as_str())
            .put("programme", self.programme.as_str())
            .put("year", self.year)
            .put("ends_on", self.ends_on.to_string())
            .put(
                "institutions",
                self.institutions
                    .iter()
                    .map(Institution::to_value)
                    .collect::<Vec<_>>(),
            )
            .put(
                "conventions",
                self.conventions
                    .iter()
                    .map(Convention::to_value)
                    .collect::<Vec<_>>(),
            )
            .put(
                "documents",
                self.documents
                    .iter()
                    .map(Document::to_value)
                    .collect::<Vec<_>>(),
            )
            .put(
                "shared_costs",
                self.shared_costs
                    .iter()
                    .map(SharedCost::to_value)
                    .collect::<Vec<_>>(),
            )
            .build()
    }

    /// Writes the campaign as JSON text, exactly as `to_value` serialised
    /// (keys in order), one list element at a time: no JSON tree of the
    /// whole campaign is built.
    pub fn write_json(&self, out: &mut String) {
        fn text(v: &Value, out: &mut String) {
            // Serialising a Value cannot fail (keys are strings).
            out.push_str(&serde_json::to_string(v).unwrap_or_default());
        }
        fn list<T>(items: &[T], one: impl Fn(&T) -> Value, out: &mut String) {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                text(&one(x), out);
            }
            out.push(']');
        }
        // The keys in the order of serde_json's map (sorted).
        out.push_str("{\"conventions\":");
        list(&self.conventions, Convention::to_value, out);
        out.push_str(",\"documents\":[");
        // Written directly: most of a national campaign's text.
        let mut w = crate::format::writer::JsonText::continuing(std::mem::take(out));
        for (i, d) in self.documents.iter().enumerate() {
            if i > 0 {
                w.raw(",");
            }
            d.write_json(&mut w);
        }
        *out = w.finish();
        out.push(']');
        out.push_str(",\"ends_on\":");
        text(&Value::from(self.ends_on.to_string()), out);
        out.push_str(",\"id\":");
        text(&Value::from(self.id.as_str()), out);
        out.push_str(",\"institutions\":");
        list(&self.institutions, Institution::to_value, out);
        out.push_str(",\"programme\":");
        text(&Value::from(self.programme.as_str()), out);
        out.push_str(",\"shared_costs\":");
        list(&self.shared_costs, SharedCost::to_value, out);
        out.push_str(",\"year\":");
        text(&Value::from(self.year), out);
        out.push('}');
    }

    /// The institutions, in the order they were given.
    #[must_use]
    pub fn institutions(&self) -> &[Institution] {
        &self.institutions
    }

    /// The conventions, in the order they were given.
    #[must_use]
    pub fn conventions(&self) -> &[Convention] {
        &self.conventions
    }

    /// The documents, in the order they were proposed.
    #[must_use]
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The shared costs, in campaign order.
    #[must_use]
    pub fn shared_costs(&self) -> &[SharedCost] {
        &self.shared_costs
    }

    /// The position of an institution.
    #[must_use]
    pub fn institution_position(&self, id: &str) -> Option<usize> {
        self.institution_index.get(id).copied()
    }

    /// An institution by id.
    #[must_use]
    pub fn institution(&self, id: &str) -> Option<&Institution> {
        self.institution_position(id).map(|i| &self.institutions[i])
    }

    /// The position of a convention.
    #[must_use]
    pub fn convention_position(&self, id: &str) -> Option<usize> {
        self.convention_index.get(id).copied()
    }

    /// A convention by id.
    #[must_use]
    pub fn convention(&self, id: &str) -> Option<&Convention> {
        self.convention_position(id).map(|i| &self.conventions[i])
    }

    /// The position of a document.
    #[must_use]
    pub fn document_position(&self, id: &str) -> Option<usize> {
        self.document_index.get(id).copied()
    }

    /// The document positions in id order (Unicode code points, §9.6),
    /// computed once and kept until a document is added.
    #[must_use]
    pub fn positions_by_id(&self) -> std::sync::Arc<[u32]> {
        self.by_id
            .0
            .get_or_init(|| {
                let docs = &self.documents;
                let mut order: Vec<u32> = (0..docs.len())
                    .filter_map(|i| u32::try_from(i).ok())
                    .collect();
                order.sort_unstable_by(|&a, &b| docs[a as usize].id.cmp(&docs[b as usize].id));
                order.into()
            })
            .clone()
    }

    /// The position of the institution of the document at `position`.
    #[must_use]
    pub fn document_institution_position(&self, position: usize) -> Option<usize> {
        self.document_institutions
            .get(position)
            .copied()
            .filter(|&i| i != usize::MAX)
    }

    /// A document by id.
    #[must_use]
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.document_position(id).map(|i| &self.documents[i])
    }

    /// The conventions of an institution (by institution position).
    pub fn conventions_of(&self, institution: usize) -> impl Iterator<Item = &Convention> {
        self.conventions_by_institution
            .get(institution)
            .into_iter()
            .flatten()
            .map(move |&i| &self.conventions[i])
    }

    pub(crate) fn add_institution(&mut self, x: Institution) {
        self.institution_index
            .insert(x.id.clone(), self.institutions.len());
        self.institutions.push(x);
        self.conventions_by_institution.push(Vec::new());
    }

    pub(crate) fn add_convention(&mut self, x: Convention) {
        let pos = self.conventions.len();
        if let Some(&inst) = self.institution_index.get(&x.institution) {
            if let Some(list) = self.conventions_by_institution.get_mut(inst) {
                list.push(pos);
            }
        }
        self.convention_index.insert(x.id.clone(), pos);
        self.conventions.push(x);
    }

    pub(crate) fn add_document(&mut self, x: Document) {
        self.by_id = PositionsById::default();
        self.document_index
            .insert(x.id.clone(), self.documents.len());
        let inst = self.institution_position(&x.institution);
        self.document_institutions.push(inst.unwrap_or(usize::MAX));
        self.documents.push(x);
    }

    pub(crate) fn institution_mut(&mut self, pos: usize) -> Option<&mut Institution> {
        self.institutions.get_mut(pos)
    }

    pub(crate) fn convention_mut(&mut self, pos: usize) -> Option<&mut Convention> {
        self.conventions.get_mut(pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the code and path of every issue of a read.
    fn assert_issues(read: Result<CampaignData, ValidationError>, expected: &[(&str, &str)]) {
        let issues = read.err().map(|e| e.issues).unwrap_or_default();
        let got: Vec<(&str, &str)> = issues
            .iter()
            .map(|i| (i.code.code(), i.path.as_str()))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn every_problem_with_its_path() {
        let v = serde_json::json!({
            "id": "c", "programme": "p", "year": 2026, "ends_on": "2027-06-31",
            "institutions": [
                {"id": "FR-123", "name": "x", "kind": "bookshop", "size": "small", "siren": "215901868"},
                {"id": "I1", "name": "x", "kind": "museum", "size": "small"},
                {"id": "I1", "name": "y", "kind": "museum", "size": "small"}
            ],
            "documents": [
                {"id": "D1", "institution": "I1", "typology": "press", "rights": "public_domain",
                 "proposed_on": "2026-01-01", "date": "vers 1870", "insured_value": 12, "color": 1},
                {"id": "D2", "institution": "NOPE", "typology": "press", "rights": "public_domain",
                 "proposed_on": "2026-01-01"}
            ]
        });
        assert_issues(
            CampaignData::from_value(&v),
            &[
                ("INVALID_DATE", "ends_on"),
                ("INVALID_ISIL", "institutions[0].id"),
                ("NOT_IN_VOCABULARY", "institutions[0].kind"),
                ("INVALID_SIREN", "institutions[0].siren"),
                ("UNKNOWN_FIELD", "documents[0].color"),
                ("INVALID_EDTF", "documents[0].date"),
                ("WRONG_TYPE", "documents[0].insured_value"),
            ],
        );
    }

    #[test]
    fn a_duplicate_is_named_at_its_own_position() {
        // An invalid element before a duplicate does not shift its path.
        let v = serde_json::json!({
            "id": "c", "programme": "p", "year": 2026, "ends_on": "2027-06-30",
            "institutions": [{"id": "I1", "name": "x", "kind": "museum", "size": "small"}],
            "documents": [
                {"id": "D0", "institution": "I1", "typology": "nope", "rights": "public_domain",
                 "proposed_on": "2026-01-01"},
                {"id": "D1", "institution": "I1", "typology": "press", "rights": "public_domain",
                 "proposed_on": "2026-01-01"},
                {"id": "D1", "institution": "I1", "typology": "press", "rights": "public_domain",
                 "proposed_on": "2026-01-01"}
            ]
        });
        for read in [
            CampaignData::from_value(&v),
            CampaignData::from_json(&v.to_string()),
        ] {
            assert_issues(
                read,
                &[
                    ("NOT_IN_VOCABULARY", "documents[0].typology"),
                    ("DUPLICATE_ID", "documents[2].id"),
                ],
            );
        }
    }

    #[test]
    fn references_and_duplicates() {
        let v = serde_json::json!({
            "id": "c", "programme": "p", "year": 2026, "ends_on": "2027-06-30",
            "institutions": [
                {"id": "I1", "name": "x", "kind": "museum", "size": "small"},
                {"id": "I1", "name": "y", "kind": "museum", "size": "small"}
            ],
            "conventions": [{"id": "C1", "institution": "I2", "kind": "coordinator", "signed_on": "2025-01-01",
                             "starts_on": "2025-01-01", "ends_on": "2025-12-31"}],
            "documents": [
                {"id": "D2", "institution": "NOPE", "typology": "press", "rights": "public_domain",
                 "proposed_on": "2026-01-01"}
            ]
        });
        let err = CampaignData::from_value(&v)
            .err()
            .map(|e| e.issues)
            .unwrap_or_default();
        let got: Vec<(&str, &str)> = err
            .iter()
            .map(|i| (i.code.code(), i.path.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("DUPLICATE_ID", "institutions[1].id"),
                ("UNKNOWN_INSTITUTION", "conventions[0].institution"),
                ("UNKNOWN_INSTITUTION", "documents[0].institution"),
            ]
        );
    }
}

//! An OAI-PMH 2.0 repository of what was digitised, pure: a request's
//! query string in, the response XML out, the response date given by the
//! caller.
//!
//! The records are the published documents of one or several campaigns
//! (a repository spans years), in `oai_dc`. Item identifiers are
//! `oai:<repository-id>:<campaign>/<document>`; the datestamp of a record
//! is the day of its latest `publish` command (day granularity); the sets
//! are `campaign:<id>`, `institution:<id>` and `target:<name>` under the
//! top-level sets `campaign`, `institution` and `target`. Lists are paged
//! by resumption tokens that carry the position of the last record given
//! and the request's arguments: each page is a range of each campaign's
//! publication index (by datestamp, then position; whole, per institution
//! or per target for a set), found in O(log n), so a page costs time
//! proportional to its size, not to the repository.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use numconc::publication::oai;
//! let now = chrono::DateTime::from_timestamp(1_780_000_000, 0).ok_or("time")?;
//! let xml = oai::respond(&[], "verb=Identify", "https://bm.example.org/oai", now)?;
//! assert!(xml.contains("<granularity>YYYY-MM-DD</granularity>"));
//! let bad = oai::respond(&[], "verb=Fly", "https://bm.example.org/oai", now)?;
//! assert!(bad.contains(r#"<error code="badVerb">"#));
//! # Ok(())
//! # }
//! ```

pub mod names;
pub mod request;
pub mod token;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use chrono::{DateTime, Utc};

use crate::error::{IssueCode, ValidationError};
use crate::lifecycle::Campaign;
use crate::publication::dublin_core::{
    is_record, DublinCore, DC_NAMESPACE, OAI_DC_NAMESPACE, OAI_DC_SCHEMA, XSI_NAMESPACE,
};
use crate::publication::xml::Xml;
use crate::Date;

use names::{is_domain_name, local_identifier, parse_local_identifier, SetSpec, TOP_SETS};
use request::{Request, Verb};
use token::Token;

/// The namespace of OAI-PMH 2.0.
pub const OAI_NAMESPACE: &str = "http://www.openarchives.org/OAI/2.0/";
/// The schema of OAI-PMH 2.0.
pub const OAI_SCHEMA: &str = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";
/// The metadata prefix of unqualified Dublin Core.
pub const OAI_DC: &str = "oai_dc";
/// The page size when none is given.
pub const DEFAULT_PAGE_SIZE: usize = 100;
/// The largest page size accepted.
pub const MAX_PAGE_SIZE: usize = 10_000;

/// An error code of the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// `badArgument`.
    BadArgument,
    /// `badResumptionToken`.
    BadResumptionToken,
    /// `badVerb`.
    BadVerb,
    /// `cannotDisseminateFormat`.
    CannotDisseminateFormat,
    /// `idDoesNotExist`.
    IdDoesNotExist,
    /// `noRecordsMatch`.
    NoRecordsMatch,
    /// `noMetadataFormats`.
    NoMetadataFormats,
    /// `noSetHierarchy`.
    NoSetHierarchy,
}

impl Code {
    /// The code as the protocol writes it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Code::BadArgument => "badArgument",
            Code::BadResumptionToken => "badResumptionToken",
            Code::BadVerb => "badVerb",
            Code::CannotDisseminateFormat => "cannotDisseminateFormat",
            Code::IdDoesNotExist => "idDoesNotExist",
            Code::NoRecordsMatch => "noRecordsMatch",
            Code::NoMetadataFormats => "noMetadataFormats",
            Code::NoSetHierarchy => "noSetHierarchy",
        }
    }
}

/// One protocol error of a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OaiError {
    /// Its code.
    pub code: Code,
    /// What was wrong, in English.
    pub detail: String,
}

impl OaiError {
    /// An error.
    #[must_use]
    pub fn new(code: Code, detail: String) -> OaiError {
        OaiError { code, detail }
    }
}

/// What a repository says of itself beyond its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// `repositoryName`; by default the programmes' names.
    pub repository_name: Option<String>,
    /// The namespace of item identifiers (`oai:<this>:…`); by default the
    /// host of the base URL. Letters, digits, `-` and `.` only.
    pub repository_id: Option<String>,
    /// `adminEmail`s (at least one is written: by default
    /// `admin@<repository-id>`).
    pub admin_emails: Vec<String>,
    /// Records or identifiers per page of a list (1 to
    /// [`MAX_PAGE_SIZE`]).
    pub page_size: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            repository_name: None,
            repository_id: None,
            admin_emails: Vec::new(),
            page_size: DEFAULT_PAGE_SIZE,
        }
    }
}

/// An OAI-PMH repository over campaigns, checked once and answering any
/// number of requests.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use numconc::publication::oai::{Options, Repository};
/// let campaigns = [];
/// let repo = Repository::new(&campaigns, "https://bm.example.org/oai", Options {
///     admin_emails: vec!["numerique@bm.example.org".into()],
///     page_size: 50,
///     ..Options::default()
/// })?;
/// assert_eq!(repo.identifier("hdf-2026", "AMI 1"), "oai:bm.example.org:hdf-2026/AMI%201");
/// let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).ok_or("time")?;
/// let xml = repo.respond("verb=ListRecords&metadataPrefix=oai_dc", now);
/// assert!(xml.contains(r#"<error code="noRecordsMatch">"#));
/// // A wrong repository is an error, not a response.
/// assert!(Repository::new(&campaigns, "ftp://bm.example.org", Options::default()).is_err());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Repository<'a> {
    campaigns: &'a [&'a Campaign],
    base_url: String,
    id: String,
    name: String,
    admin_emails: Vec<String>,
    page_size: usize,
}

fn invalid(code: IssueCode, path: &str, detail: String) -> ValidationError {
    ValidationError::single(code, path, detail)
}

/// The host of an `http(s)` URL without query or fragment.
fn host_of(base_url: &str) -> Option<&str> {
    let rest = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"))?;
    if base_url.contains(['?', '#'])
        || base_url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return None;
    }
    let authority = rest.split('/').next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = if host_port.starts_with('[') {
        host_port.split_inclusive(']').next()?
    } else {
        host_port.split(':').next()?
    };
    (!host.is_empty()).then_some(host)
}

fn repository_id_valid(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 255
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'))
}

impl<'a> Repository<'a> {
    /// A repository over `campaigns` answering at `base_url`.
    ///
    /// # Errors
    /// [`ValidationError`]: `INVALID_URL` for a base URL that is not an
    /// `http(s)` URL without query, or a repository id other than letters,
    /// digits, `-` and `.`; `DUPLICATE_ID` for two campaigns of one id;
    /// `OUT_OF_RANGE` for a page size outside 1 to [`MAX_PAGE_SIZE`];
    /// `INCONSISTENT` for an admin email without `@`.
    pub fn new(
        campaigns: &'a [&'a Campaign],
        base_url: &str,
        options: Options,
    ) -> Result<Repository<'a>, ValidationError> {
        let Some(host) = host_of(base_url) else {
            return Err(invalid(
                IssueCode::InvalidUrl,
                "base_url",
                format!(
                    "{}: not an http(s) URL without query or fragment",
                    crate::limits::quote(base_url)
                ),
            ));
        };
        let id = match options.repository_id {
            Some(id) if repository_id_valid(&id) => id,
            Some(id) => {
                return Err(invalid(
                    IssueCode::InvalidUrl,
                    "repository_id",
                    format!(
                        "{}: letters, digits, '-' and '.' only",
                        crate::limits::quote(&id)
                    ),
                ))
            }
            None => host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .replace(':', "-")
                .to_ascii_lowercase(),
        };
        if options.page_size == 0 || options.page_size > MAX_PAGE_SIZE {
            return Err(invalid(
                IssueCode::OutOfRange,
                "page_size",
                format!("{}: from 1 to {MAX_PAGE_SIZE}", options.page_size),
            ));
        }
        for (i, e) in options.admin_emails.iter().enumerate() {
            if !e.contains('@') || e.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(invalid(
                    IssueCode::Inconsistent,
                    &format!("admin_emails[{i}]"),
                    format!("{}: not an email address", crate::limits::quote(e)),
                ));
            }
        }
        let mut seen = BTreeSet::new();
        for (i, c) in campaigns.iter().enumerate() {
            if !seen.insert(c.data().id.as_str()) {
                return Err(invalid(
                    IssueCode::DuplicateId,
                    &format!("campaigns[{i}]"),
                    format!(
                        "campaign {} given twice",
                        crate::limits::quote(&c.data().id)
                    ),
                ));
            }
        }
        let name = options.repository_name.unwrap_or_else(|| {
            let mut names: Vec<&str> = campaigns
                .iter()
                .map(|c| c.programme().name.as_str())
                .collect();
            names.dedup();
            if names.is_empty() {
                "numconc".to_string()
            } else {
                names.join(" ; ")
            }
        });
        let admin_emails = if options.admin_emails.is_empty() {
            vec![format!("admin@{id}")]
        } else {
            options.admin_emails
        };
        Ok(Repository {
            campaigns,
            base_url: base_url.to_string(),
            id,
            name,
            admin_emails,
            page_size: options.page_size,
        })
    }

    /// The namespace of item identifiers.
    #[must_use]
    pub fn repository_id(&self) -> &str {
        &self.id
    }

    /// The item identifier of a document.
    #[must_use]
    pub fn identifier(&self, campaign: &str, doc: &str) -> String {
        format!("oai:{}:{}", self.id, local_identifier(campaign, doc))
    }

    /// The response to a request (its query string, or its form body for
    /// a POST), dated `now`. Never fails: what is wrong with the request is
    /// the response's protocol errors.
    #[must_use]
    pub fn respond(&self, query: &str, now: DateTime<Utc>) -> String {
        let mut x = Xml::document();
        let schema = format!("{OAI_NAMESPACE} {OAI_SCHEMA}");
        x.open(
            "OAI-PMH",
            &[
                ("xmlns", OAI_NAMESPACE),
                ("xmlns:xsi", XSI_NAMESPACE),
                ("xsi:schemaLocation", &schema),
            ],
        );
        x.leaf(
            "responseDate",
            &[],
            &now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        );
        match request::parse(query) {
            Err(errors) => {
                // badVerb / badArgument: the request is echoed without
                // attributes (section 3.2), here and below.
                x.leaf("request", &[], &self.base_url);
                write_errors(&mut x, &errors);
            }
            Ok(req) => {
                let answer = self.answer(&req, now.date_naive());
                let bare = answer.as_ref().is_err_and(|errors| {
                    errors
                        .iter()
                        .any(|e| matches!(e.code, Code::BadArgument | Code::BadVerb))
                });
                if bare {
                    x.leaf("request", &[], &self.base_url);
                } else {
                    let mut attrs: Vec<(&str, &str)> = vec![("verb", req.verb.as_str())];
                    attrs.extend(req.args.iter().map(|(k, v)| (*k, v.as_str())));
                    x.leaf("request", &attrs, &self.base_url);
                }
                match answer {
                    Ok(body) => x.raw(&body),
                    Err(errors) => write_errors(&mut x, &errors),
                }
            }
        }
        x.close("OAI-PMH");
        x.push_newline();
        x.finish()
    }

    fn answer(&self, req: &Request, today: Date) -> Result<String, Vec<OaiError>> {
        let mut x = Xml::fragment();
        match req.verb {
            Verb::Identify => self.identify(&mut x, today),
            Verb::ListMetadataFormats => self.list_metadata_formats(&mut x, req)?,
            Verb::ListSets => self.list_sets(&mut x, req)?,
            Verb::GetRecord => self.get_record(&mut x, req)?,
            Verb::ListIdentifiers | Verb::ListRecords => self.list(&mut x, req)?,
        }
        Ok(x.finish())
    }

    fn identify(&self, x: &mut Xml, today: Date) {
        let earliest = self
            .campaigns
            .iter()
            .filter_map(|c| c.publications().all().first().map(|(d, _)| *d))
            .min()
            .unwrap_or(today);
        x.open("Identify", &[]);
        x.leaf("repositoryName", &[], &self.name);
        x.leaf("baseURL", &[], &self.base_url);
        x.leaf("protocolVersion", &[], "2.0");
        for e in &self.admin_emails {
            x.leaf("adminEmail", &[], e);
        }
        x.leaf("earliestDatestamp", &[], &earliest.to_string());
        // Publication is never undone and a published document cannot be
        // withdrawn: no record is ever deleted.
        x.leaf("deletedRecord", &[], "no");
        x.leaf("granularity", &[], "YYYY-MM-DD");
        if is_domain_name(&self.id) {
            let ns = "http://www.openarchives.org/OAI/2.0/oai-identifier";
            let schema = format!("{ns} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd");
            x.open("description", &[]);
            x.open(
                "oai-identifier",
                &[
                    ("xmlns", ns),
                    ("xmlns:xsi", XSI_NAMESPACE),
                    ("xsi:schemaLocation", &schema),
                ],
            );
            x.leaf("scheme", &[], "oai");
            x.leaf("repositoryIdentifier", &[], &self.id);
            x.leaf("delimiter", &[], ":");
            // A record's identifier when there is one.
            let sample = self
                .campaigns
                .iter()
                .find_map(|c| {
                    let (_, pos) = c.publications().all().first()?;
                    let (doc, _) = c.document_at(*pos)?;
                    Some(self.identifier(&c.data().id, &doc.id))
                })
                .unwrap_or_else(|| self.identifier("campaign", "document"));
            x.leaf("sampleIdentifier", &[], &sample);
            x.close("oai-identifier");
            x.close("description");
        }
        x.close("Identify");
    }

    /// The campaign and document position an item identifier names, when
    /// it is a record.
    fn find(&self, identifier: &str) -> Option<(&'a Campaign, usize)> {
        let local = identifier
            .strip_prefix("oai:")?
            .strip_prefix(self.id.as_str())?
            .strip_prefix(':')?;
        let (campaign, doc) = parse_local_identifier(local)?;
        let c = self.campaigns.iter().find(|c| c.data().id == campaign)?;
        let pos = c.data().document_position(&doc)?;
        let (_, state) = c.document_at(pos)?;
        is_record(state).then_some((*c, pos))
    }

    fn no_such_item(identifier: &str) -> Vec<OaiError> {
        vec![OaiError::new(
            Code::IdDoesNotExist,
            format!(
                "{} is not the identifier of a record of this repository",
                crate::limits::quote(identifier)
            ),
        )]
    }

    fn list_metadata_formats(&self, x: &mut Xml, req: &Request) -> Result<(), Vec<OaiError>> {
        if let Some(id) = req.arg("identifier") {
            if self.find(id).is_none() {
                return Err(Self::no_such_item(id));
            }
        }
        x.open("ListMetadataFormats", &[]);
        x.open("metadataFormat", &[]);
        x.leaf("metadataPrefix", &[], OAI_DC);
        x.leaf("schema", &[], OAI_DC_SCHEMA);
        x.leaf("metadataNamespace", &[], OAI_DC_NAMESPACE);
        x.close("metadataFormat");
        x.close("ListMetadataFormats");
        Ok(())
    }

    fn list_sets(&self, x: &mut Xml, req: &Request) -> Result<(), Vec<OaiError>> {
        if let Some(t) = req.arg("resumptionToken") {
            return Err(vec![OaiError::new(
                Code::BadResumptionToken,
                format!(
                    "{}: the list of sets is given whole, with no resumption token",
                    crate::limits::quote(t)
                ),
            )]);
        }
        if self.campaigns.is_empty() {
            return Err(vec![OaiError::new(
                Code::NoSetHierarchy,
                "the repository holds no campaign, hence no set".into(),
            )]);
        }
        let mut sets: BTreeMap<String, String> = BTreeMap::new();
        for c in self.campaigns {
            let data = c.data();
            sets.insert(
                SetSpec::Campaign(data.id.clone()).spec(),
                format!("{} {} ({})", data.id, data.year, c.programme().name),
            );
            for i in data.institutions() {
                sets.entry(SetSpec::Institution(i.id.clone()).spec())
                    .or_insert_with(|| i.name.clone());
            }
            for d in data.documents() {
                for t in &d.targets {
                    sets.entry(SetSpec::Target(t.clone()).spec())
                        .or_insert_with(|| t.clone());
                }
            }
        }
        x.open("ListSets", &[]);
        for (spec, name) in TOP_SETS {
            write_set(x, spec, name);
        }
        for (spec, name) in &sets {
            write_set(x, spec, name);
        }
        x.close("ListSets");
        Ok(())
    }

    fn get_record(&self, x: &mut Xml, req: &Request) -> Result<(), Vec<OaiError>> {
        let id = req.arg("identifier").unwrap_or_default();
        let prefix = req.arg("metadataPrefix").unwrap_or_default();
        let found = self.find(id);
        let mut errors = Vec::new();
        if found.is_none() {
            errors.extend(Self::no_such_item(id));
        }
        if prefix != OAI_DC {
            errors.push(cannot_disseminate(prefix));
        }
        let Some((c, pos)) = found.filter(|_| errors.is_empty()) else {
            return Err(errors);
        };
        x.open("GetRecord", &[]);
        self.write_item(x, c, pos, true);
        x.close("GetRecord");
        Ok(())
    }

    fn list(&self, x: &mut Xml, req: &Request) -> Result<(), Vec<OaiError>> {
        let records = req.verb == Verb::ListRecords;
        let (harvest, resumed) = match req.arg("resumptionToken") {
            Some(t) => match Token::decode(t, req.verb) {
                Some(token) => {
                    let harvest = self.harvest_of_token(&token).ok_or_else(|| {
                        vec![bad_token(
                            t,
                            "it names a campaign this repository no longer holds",
                        )]
                    })?;
                    (harvest, true)
                }
                None => {
                    return Err(vec![bad_token(
                        t,
                        &format!("not a token this repository gave for {}", req.verb.as_str()),
                    )])
                }
            },
            None => (self.harvest_of_request(req)?, false),
        };
        let mut page: Vec<(usize, Date, usize)> = Vec::with_capacity(self.page_size.min(1024));
        let mut more = false;
        for item in self.matching(&harvest) {
            if page.len() == self.page_size {
                more = true;
                break;
            }
            page.push(item);
        }
        if page.is_empty() {
            if resumed {
                // The records after the token's position are gone (never
                // happens: publication is not undone); say so.
                return Err(vec![OaiError::new(
                    Code::NoRecordsMatch,
                    "no record is left after this resumption token".into(),
                )]);
            }
            return Err(vec![OaiError::new(
                Code::NoRecordsMatch,
                "no record matches the request".into(),
            )]);
        }
        let verb = req.verb.as_str();
        x.open(verb, &[]);
        for &(ci, _, pos) in &page {
            self.write_item(x, self.campaigns[ci], pos, records);
        }
        // `given` comes from the token, hence from the client: saturate.
        let given = harvest
            .given
            .saturating_add(u64::try_from(page.len()).unwrap_or(u64::MAX));
        let cursor = harvest.given.to_string();
        if more {
            if let Some(&(ci, date, pos)) = page.last() {
                let token = Token {
                    verb: req.verb,
                    prefix: harvest.prefix.clone(),
                    set: harvest.set_text.clone(),
                    from: harvest.from,
                    until: harvest.until,
                    campaign: self.campaigns[ci].data().id.clone(),
                    date,
                    pos,
                    given,
                };
                x.leaf("resumptionToken", &[("cursor", &cursor)], &token.encode());
            }
        } else if resumed {
            x.leaf("resumptionToken", &[("cursor", &cursor)], "");
        }
        x.close(verb);
        Ok(())
    }

    fn harvest_of_request(&self, req: &Request) -> Result<Harvest, Vec<OaiError>> {
        let mut errors = Vec::new();
        let mut day = |name: &str| -> Option<Date> {
            let v = req.arg(name)?;
            let d = parse_day(v);
            if d.is_none() {
                errors.push(OaiError::new(
                    Code::BadArgument,
                    format!(
                        "{name}={}: a day YYYY-MM-DD is expected (the repository's granularity)",
                        crate::limits::quote(v)
                    ),
                ));
            }
            d
        };
        let from = day("from");
        let until = day("until");
        if let (Some(f), Some(u)) = (from, until) {
            if f > u {
                errors.push(OaiError::new(
                    Code::BadArgument,
                    format!("from {f} is after until {u}"),
                ));
            }
        }
        let prefix = req.arg("metadataPrefix").unwrap_or_default();
        if prefix != OAI_DC {
            errors.push(cannot_disseminate(prefix));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let set_text = req.arg("set").map(str::to_string);
        let set = match &set_text {
            None => None,
            Some(s) => Some(SetSpec::parse(s).ok_or_else(|| {
                vec![OaiError::new(
                    Code::NoRecordsMatch,
                    format!(
                        "{} is not a set of this repository",
                        crate::limits::quote(s)
                    ),
                )]
            })?),
        };
        Ok(Harvest {
            prefix: prefix.to_string(),
            set,
            set_text,
            from,
            until,
            after: None,
            given: 0,
        })
    }

    fn harvest_of_token(&self, t: &Token) -> Option<Harvest> {
        let ci = self
            .campaigns
            .iter()
            .position(|c| c.data().id == t.campaign)?;
        let set = match &t.set {
            Some(s) => Some(SetSpec::parse(s)?),
            None => None,
        };
        if t.prefix != OAI_DC || matches!((t.from, t.until), (Some(f), Some(u)) if f > u) {
            return None;
        }
        Some(Harvest {
            prefix: t.prefix.clone(),
            set,
            set_text: t.set.clone(),
            from: t.from,
            until: t.until,
            after: Some((ci, t.date, t.pos)),
            given: t.given,
        })
    }

    /// The records a harvest matches, in repository order (campaign, then
    /// datestamp, then position), after its position: each campaign's
    /// publication index is entered by a range, never scanned from the start.
    fn matching<'h>(&'h self, h: &'h Harvest) -> impl Iterator<Item = (usize, Date, usize)> + 'h {
        let first = h.after.map_or(0, |(ci, _, _)| ci);
        self.campaigns
            .iter()
            .enumerate()
            .skip(first)
            .filter(move |(_, c)| match &h.set {
                Some(SetSpec::Campaign(id)) => c.data().id == *id,
                _ => true,
            })
            .flat_map(move |(ci, c)| {
                let low_from = h.from.map(|f| (f, 0_usize));
                let lower = match (h.after, low_from) {
                    (Some((aci, d, p)), low) if aci == ci && low.is_none_or(|l| (d, p) >= l) => {
                        Bound::Excluded((d, p))
                    }
                    (_, Some(l)) => Bound::Included(l),
                    (_, None) => Bound::Unbounded,
                };
                let upper = h
                    .until
                    .map_or(Bound::Unbounded, |u| Bound::Included((u, usize::MAX)));
                let index = c.publications();
                let set = match &h.set {
                    Some(SetSpec::Institution(id)) => index.of_institution(id),
                    Some(SetSpec::Target(t)) => index.of_target(t),
                    _ => Some(index.all()),
                };
                let range = set
                    .filter(|_| !range_is_empty(&lower, &upper))
                    .map(|s| s.range((lower, upper)));
                range
                    .into_iter()
                    .flatten()
                    .filter(move |(_, pos)| {
                        c.document_at(*pos)
                            .is_some_and(|(_, state)| is_record(state))
                    })
                    .map(move |&(d, pos)| (ci, d, pos))
            })
    }

    fn write_item(&self, x: &mut Xml, c: &Campaign, pos: usize, metadata: bool) {
        let Some((doc, state)) = c.document_at(pos) else {
            return;
        };
        let data = c.data();
        if metadata {
            x.open("record", &[]);
        }
        x.open("header", &[]);
        x.leaf("identifier", &[], &self.identifier(&data.id, &doc.id));
        let date = state
            .published_on
            .map(|d| d.to_string())
            .unwrap_or_default();
        x.leaf("datestamp", &[], &date);
        x.leaf("setSpec", &[], &SetSpec::Campaign(data.id.clone()).spec());
        x.leaf(
            "setSpec",
            &[],
            &SetSpec::Institution(doc.institution.clone()).spec(),
        );
        for target in state.published.keys() {
            x.leaf("setSpec", &[], &SetSpec::Target(target.clone()).spec());
        }
        x.close("header");
        if metadata {
            if let Some(dc) = DublinCore::of(c, pos) {
                x.open("metadata", &[]);
                dc.write(x);
                x.close("metadata");
            }
            x.close("record");
        }
    }
}

/// Whether a range of the publication index would be empty (a
/// `BTreeSet::range` with crossed bounds panics).
fn range_is_empty(lower: &Bound<(Date, usize)>, upper: &Bound<(Date, usize)>) -> bool {
    match (lower, upper) {
        (Bound::Included(l), Bound::Included(u)) => l > u,
        (Bound::Included(l) | Bound::Excluded(l), Bound::Excluded(u))
        | (Bound::Excluded(l), Bound::Included(u)) => l >= u,
        _ => false,
    }
}

/// A list request, from its arguments or its token.
#[derive(Debug, Clone)]
struct Harvest {
    prefix: String,
    set: Option<SetSpec>,
    set_text: Option<String>,
    from: Option<Date>,
    until: Option<Date>,
    /// (campaign index, datestamp, position) of the last record given.
    after: Option<(usize, Date, usize)>,
    given: u64,
}

fn parse_day(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shape
        .then(|| Date::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

fn cannot_disseminate(prefix: &str) -> OaiError {
    OaiError::new(
        Code::CannotDisseminateFormat,
        format!(
            "{}: this repository gives oai_dc only",
            crate::limits::quote(prefix)
        ),
    )
}

fn bad_token(t: &str, why: &str) -> OaiError {
    OaiError::new(
        Code::BadResumptionToken,
        format!("{}: {why}", crate::limits::quote(t)),
    )
}

fn write_errors(x: &mut Xml, errors: &[OaiError]) {
    for e in errors {
        x.leaf("error", &[("code", e.code.as_str())], &e.detail);
    }
}

fn write_set(x: &mut Xml, spec: &str, name: &str) {
    x.open("set", &[]);
    x.leaf("setSpec", &[], spec);
    x.leaf("setName", &[], name);
    x.close("set");
}

/// The response of a repository over `campaigns` at `base_url`, with the
/// default [`Options`], to the request `query` (its query string, without
/// `?`), dated `now`.
///
/// # Errors
/// [`ValidationError`] when the repository itself is wrong (see
/// [`Repository::new`]); a wrong request is answered with the protocol's
/// errors.
pub fn respond(
    campaigns: &[&Campaign],
    query: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<String, ValidationError> {
    Ok(Repository::new(campaigns, base_url, Options::default())?.respond(query, now))
}

/// The namespaces a response uses, for readers: OAI-PMH, `oai_dc`, Dublin
/// Core, XML Schema instances.
pub const NAMESPACES: [(&str, &str); 4] = [
    ("oai", OAI_NAMESPACE),
    ("oai_dc", OAI_DC_NAMESPACE),
    ("dc", DC_NAMESPACE),
    ("xsi", XSI_NAMESPACE),
];

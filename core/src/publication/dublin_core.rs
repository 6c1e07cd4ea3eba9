//! The Dublin Core record of a published document (`oai_dc`): what a
//! harvester such as Gallica or l'Armarium takes from the repository.

use crate::campaign_data::Document;
use crate::error::CommandError;
use crate::lifecycle::state::{Admin, DocumentState};
use crate::lifecycle::Campaign;
use crate::publication::xml::Xml;
use crate::values::vocabulary::{Format, Rights, Typology};

/// The namespace of `oai_dc`.
pub const OAI_DC_NAMESPACE: &str = "http://www.openarchives.org/OAI/2.0/oai_dc/";
/// The schema of `oai_dc`.
pub const OAI_DC_SCHEMA: &str = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";
/// The namespace of the Dublin Core elements.
pub const DC_NAMESPACE: &str = "http://purl.org/dc/elements/1.1/";
/// The namespace of XML Schema instances.
pub const XSI_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// Where a Gallica ARK resolves: the identifier `ark:/12148/…` is given as
/// `https://gallica.bnf.fr/ark:/12148/…`.
pub const GALLICA_BASE: &str = "https://gallica.bnf.fr/";

/// One Dublin Core element: its name (`title`, …), its language when the
/// value is a word of numconc (`fr`, `en`), its value as the data holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// The element name, without prefix (`title`, `creator`, …).
    pub name: &'static str,
    /// `xml:lang` of a value written by numconc; `None` for the data's own.
    pub lang: Option<&'static str>,
    /// The value.
    pub value: String,
}

/// The Dublin Core record of one published document, elements in order.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use numconc::{Campaign, Programme};
/// let programme = Programme::preset("hauts-de-france")?;
/// let campaign = Campaign::from_json(programme, r#"{"id": "hdf-2026",
///   "programme": "hauts-de-france", "year": 2026, "ends_on": "2027-06-30",
///   "institutions": [], "conventions": [], "documents": [], "shared_costs": []}"#)?;
/// // Only published documents have a record; an unknown one is an error.
/// assert_eq!(campaign.dublin_core("D1").unwrap_err().code(), "UNKNOWN_DOCUMENT");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DublinCore {
    /// The elements.
    pub elements: Vec<Element>,
}

/// The DCMI type of a typology.
#[must_use]
pub fn dcmi_type(t: Typology) -> &'static str {
    match t {
        Typology::Press
        | Typology::Journals
        | Typology::PrintedBooks
        | Typology::Theses
        | Typology::Manuscripts
        | Typology::Archives => "Text",
        Typology::MapsPlans | Typology::Postcards | Typology::Photographs => "StillImage",
    }
}

/// A typology in words, French and English.
#[must_use]
pub fn typology_words(t: Typology) -> (&'static str, &'static str) {
    match t {
        Typology::Press => ("presse", "newspaper"),
        Typology::Journals => ("revue", "journal"),
        Typology::PrintedBooks => ("imprimé", "printed book"),
        Typology::Theses => ("thèse", "thesis"),
        Typology::Manuscripts => ("manuscrit", "manuscript"),
        Typology::Archives => ("archives", "archives"),
        Typology::MapsPlans => ("carte ou plan", "map or plan"),
        Typology::Postcards => ("carte postale", "postcard"),
        Typology::Photographs => ("photographie", "photograph"),
    }
}

/// A rights status in words, French and English (`protected` is never
/// published).
#[must_use]
pub fn rights_words(r: Rights) -> (&'static str, &'static str) {
    match r {
        Rights::PublicDomain => ("domaine public", "public domain"),
        Rights::Cleared => ("droits levés", "rights cleared"),
        Rights::Protected => ("protégé", "protected"),
    }
}

fn format_words(f: Format) -> (&'static str, &'static str) {
    match f {
        Format::Oversize => ("hors format", "oversize"),
        other => (other.as_str(), other.as_str()),
    }
}

/// The identifier of a publication as a reader reaches it: a Gallica ARK
/// as its address on Gallica, any other identifier as given.
#[must_use]
pub fn publication_identifier(target: &str, identifier: &str) -> String {
    if target == "gallica" && identifier.starts_with("ark:/") {
        format!("{GALLICA_BASE}{identifier}")
    } else {
        identifier.to_string()
    }
}

/// Whether a document is a record of the repository: published on at
/// least one target and not withdrawn.
#[must_use]
pub fn is_record(state: &DocumentState) -> bool {
    !state.published.is_empty() && state.published_on.is_some() && state.admin != Admin::Withdrawn
}

impl DublinCore {
    /// The record of the document at `pos` of `campaign`; `None` when it is
    /// not a record (unknown position, not published, withdrawn).
    #[must_use]
    pub fn of(campaign: &Campaign, pos: usize) -> Option<DublinCore> {
        let (doc, state) = campaign.document_at(pos)?;
        is_record(state).then(|| DublinCore::build(campaign, doc, state))
    }

    fn build(campaign: &Campaign, doc: &Document, state: &DocumentState) -> DublinCore {
        fn own(e: &mut Vec<Element>, name: &'static str, value: String) {
            e.push(Element {
                name,
                lang: None,
                value,
            });
        }
        fn words(e: &mut Vec<Element>, name: &'static str, fr: String, en: String) {
            e.push(Element {
                name,
                lang: Some("fr"),
                value: fr,
            });
            e.push(Element {
                name,
                lang: Some("en"),
                value: en,
            });
        }
        let mut e = Vec::with_capacity(20);
        if let Some(title) = &doc.title {
            own(&mut e, "title", title.clone());
        }
        if let Some(author) = &doc.author {
            let a = author.trim();
            if !a.is_empty() && !a.eq_ignore_ascii_case("anonyme") {
                own(&mut e, "creator", author.clone());
            }
        }
        if let Some(date) = &doc.date {
            own(&mut e, "date", date.as_str().to_string());
        }
        own(&mut e, "type", dcmi_type(doc.typology).to_string());
        let (fr, en) = typology_words(doc.typology);
        words(&mut e, "type", fr.to_string(), en.to_string());
        let views = state.views.or(doc.views);
        match (views, doc.format.map(format_words)) {
            (Some(v), Some((ffr, fen))) => words(
                &mut e,
                "format",
                format!("{v} vues ; format {ffr}"),
                format!("{v} views; format {fen}"),
            ),
            (Some(v), None) => words(&mut e, "format", format!("{v} vues"), format!("{v} views")),
            (None, Some((ffr, fen))) => words(
                &mut e,
                "format",
                format!("format {ffr}"),
                format!("format {fen}"),
            ),
            (None, None) => {}
        }
        for (target, identifier) in &state.published {
            own(
                &mut e,
                "identifier",
                publication_identifier(target, identifier),
            );
        }
        let data = campaign.data();
        let name = data
            .institution(&doc.institution)
            .map_or(doc.institution.as_str(), |i| i.name.as_str());
        own(
            &mut e,
            "source",
            match &doc.shelfmark {
                Some(shelfmark) => format!("{name}, {shelfmark}"),
                None => name.to_string(),
            },
        );
        own(&mut e, "publisher", name.to_string());
        let (rfr, ren) = rights_words(doc.rights);
        words(&mut e, "rights", rfr.to_string(), ren.to_string());
        let programme = &campaign.programme().name;
        let campaign_id = &data.id;
        words(
            &mut e,
            "relation",
            format!("Programme de numérisation concertée : {programme}"),
            format!("Concerted digitisation programme: {programme}"),
        );
        words(
            &mut e,
            "relation",
            format!("Campagne {campaign_id}"),
            format!("Campaign {campaign_id}"),
        );
        DublinCore { elements: e }
    }

    /// The values of one element, in order.
    pub fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.elements
            .iter()
            .filter(move |e| e.name == name)
            .map(|e| e.value.as_str())
    }

    pub(crate) fn write(&self, x: &mut Xml) {
        let schema = format!("{OAI_DC_NAMESPACE} {OAI_DC_SCHEMA}");
        x.open(
            "oai_dc:dc",
            &[
                ("xmlns:oai_dc", OAI_DC_NAMESPACE),
                ("xmlns:dc", DC_NAMESPACE),
                ("xmlns:xsi", XSI_NAMESPACE),
                ("xsi:schemaLocation", &schema),
            ],
        );
        let mut name = String::with_capacity(16);
        for e in &self.elements {
            name.clear();
            name.push_str("dc:");
            name.push_str(e.name);
            match e.lang {
                Some(lang) => x.leaf(&name, &[("xml:lang", lang)], &e.value),
                None => x.leaf(&name, &[], &e.value),
            }
        }
        x.close("oai_dc:dc");
    }

    /// The record as an `oai_dc:dc` XML element (no XML declaration).
    #[must_use]
    pub fn to_xml(&self) -> String {
        let mut x = Xml::fragment();
        self.write(&mut x);
        x.finish()
    }
}

impl Campaign {
    /// The Dublin Core record (`oai_dc:dc` XML element) of a document;
    /// `None` when it is not published (or withdrawn).
    ///
    /// # Errors
    /// [`CommandError::UnknownDocument`].
    pub fn dublin_core(&self, doc: &str) -> Result<Option<String>, CommandError> {
        let pos = self
            .data()
            .document_position(doc)
            .ok_or_else(|| CommandError::UnknownDocument(doc.to_string()))?;
        Ok(DublinCore::of(self, pos).map(|r| r.to_xml()))
    }
}

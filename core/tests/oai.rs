//! The OAI-PMH repository and the Dublin Core records, on the worked
//! campaign of `cargo run --example campagne` (its saved file): every verb,
//! every protocol error, paging by resumption tokens, selective harvesting,
//! the structure the OAI-PMH 2.0 and oai_dc schemas demand, and text that
//! XML cannot carry.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use numconc::publication::oai::{self, Options, Repository};
use numconc::Campaign;
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::{json, Value};

const SAVED: &str = include_str!("fixtures/campagne-saved-before-typed-core.json");
const BASE: &str = "https://bibliotheques.example.org/oai";
const PUBLISHED: [&str; 7] = [
    "AMI-01", "AMI-02", "AD02-02", "AMI-03", "AMI-04", "AD02-01", "SAP-03",
];

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_790_000_000, 0).unwrap()
}

fn worked() -> Campaign {
    Campaign::load_json(SAVED).unwrap()
}

/// The worked campaign before it was closed, so that more can happen.
fn open_worked() -> Campaign {
    let mut v: Value = serde_json::from_str(SAVED).unwrap();
    let events = v["events"].as_array_mut().unwrap();
    assert_eq!(events.pop().unwrap()["type"], "close_campaign");
    Campaign::load_json(&v.to_string()).unwrap()
}

/// One parsed element: name, attributes, text, children.
#[derive(Debug, Default, Clone)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<El>,
}

impl El {
    fn attr(&self, k: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.as_str())
    }
    fn child(&self, n: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == n)
    }
    fn all(&self, n: &str) -> Vec<&El> {
        self.children.iter().filter(|c| c.name == n).collect()
    }
    fn names(&self) -> Vec<&str> {
        self.children.iter().map(|c| c.name.as_str()).collect()
    }
}

fn parse(xml: &str) -> El {
    let mut r = Reader::from_str(xml);
    let mut stack: Vec<El> = vec![El::default()];
    loop {
        match r.read_event().unwrap() {
            Event::Start(s) | Event::Empty(s) => {
                let empty = xml[..usize::try_from(r.buffer_position()).unwrap()].ends_with("/>");
                let el = El {
                    name: String::from_utf8(s.name().as_ref().to_vec()).unwrap(),
                    attrs: s
                        .attributes()
                        .map(|a| {
                            let a = a.unwrap();
                            (
                                String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                    .unwrap()
                                    .into_owned(),
                            )
                        })
                        .collect(),
                    ..El::default()
                };
                if empty {
                    stack.last_mut().unwrap().children.push(el);
                } else {
                    stack.push(el);
                }
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(el);
            }
            Event::Text(t) => {
                let t = t.xml_content(quick_xml::XmlVersion::Implicit1_0).unwrap();
                stack.last_mut().unwrap().text.push_str(&t);
            }
            Event::GeneralRef(g) => {
                let name = String::from_utf8(g.to_vec()).unwrap();
                let c = match name.as_str() {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    n if n.starts_with("#x") => {
                        char::from_u32(u32::from_str_radix(&n[2..], 16).unwrap())
                            .unwrap()
                            .to_string()
                    }
                    n => panic!("entity {n}"),
                };
                stack.last_mut().unwrap().text.push_str(&c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1);
    let mut doc = stack.pop().unwrap();
    assert_eq!(doc.children.len(), 1, "one root");
    doc.children.pop().unwrap()
}

/// What the OAI-PMH 2.0 schema demands of every response; gives the root.
fn checked(xml: &str) -> El {
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    let root = parse(xml);
    assert_eq!(root.name, "OAI-PMH");
    assert_eq!(
        root.attr("xmlns"),
        Some("http://www.openarchives.org/OAI/2.0/")
    );
    assert_eq!(
        root.attr("xmlns:xsi"),
        Some("http://www.w3.org/2001/XMLSchema-instance")
    );
    assert_eq!(
        root.attr("xsi:schemaLocation"),
        Some(
            "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
        )
    );
    let names = root.names();
    assert_eq!(names[0], "responseDate");
    assert_eq!(root.children[0].text, "2026-09-21T14:13:20Z");
    assert_eq!(names[1], "request");
    assert_eq!(root.children[1].text, BASE);
    let rest = &names[2..];
    let verbs = [
        "Identify",
        "ListMetadataFormats",
        "ListSets",
        "ListIdentifiers",
        "ListRecords",
        "GetRecord",
    ];
    assert!(
        (rest.len() == 1 && verbs.contains(&rest[0]))
            || (!rest.is_empty() && rest.iter().all(|n| *n == "error")),
        "{rest:?}"
    );
    for e in root.all("error") {
        assert!(e.attr("code").is_some());
    }
    if let Some(verb) = rest.first().filter(|n| **n != "error") {
        assert_eq!(root.children[1].attr("verb"), Some(*verb));
        let body = &root.children[2];
        for item in body.all("record").iter().copied().chain(body.all("header")) {
            let header = if item.name == "record" {
                assert_eq!(item.names()[0], "header");
                assert!(
                    item.names().len() <= 2 && item.names().get(1).is_none_or(|n| *n == "metadata")
                );
                &item.children[0]
            } else {
                item
            };
            let h = header.names();
            assert_eq!(&h[..2], ["identifier", "datestamp"]);
            assert!(h[2..].iter().all(|n| *n == "setSpec"));
            let d = &header.children[1].text;
            assert!(
                d.len() == 10 && chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok(),
                "{d}"
            );
            if let Some(m) = item.child("metadata") {
                check_oai_dc(&m.children[0]);
            }
        }
    }
    root
}

/// What the oai_dc schema demands.
fn check_oai_dc(dc: &El) {
    assert_eq!(dc.name, "oai_dc:dc");
    assert_eq!(
        dc.attr("xmlns:oai_dc"),
        Some("http://www.openarchives.org/OAI/2.0/oai_dc/")
    );
    assert_eq!(
        dc.attr("xmlns:dc"),
        Some("http://purl.org/dc/elements/1.1/")
    );
    let allowed = [
        "title",
        "creator",
        "subject",
        "description",
        "publisher",
        "contributor",
        "date",
        "type",
        "format",
        "identifier",
        "source",
        "language",
        "relation",
        "coverage",
        "rights",
    ];
    for e in &dc.children {
        let n = e.name.strip_prefix("dc:").unwrap();
        assert!(allowed.contains(&n), "{n}");
        assert!(e.children.is_empty());
        assert!(e.attrs.iter().all(|(k, _)| k == "xml:lang"));
    }
}

fn repo<'a>(campaigns: &'a [&'a Campaign], page_size: usize) -> Repository<'a> {
    Repository::new(
        campaigns,
        BASE,
        Options {
            page_size,
            admin_emails: vec!["numerique@bibliotheques.example.org".into()],
            ..Options::default()
        },
    )
    .unwrap()
}

fn errors(root: &El) -> Vec<String> {
    root.all("error")
        .iter()
        .map(|e| e.attr("code").unwrap().to_string())
        .collect()
}

fn ask(r: &Repository<'_>, q: &str) -> El {
    checked(&r.respond(q, now()))
}

/// Follows resumption tokens to the end; (identifier, datestamp) of each item.
fn harvest(r: &Repository<'_>, verb: &str, args: &str) -> Vec<(String, String, El)> {
    let mut out = Vec::new();
    let mut q = format!("verb={verb}&{args}");
    loop {
        let root = ask(r, &q);
        assert!(errors(&root).is_empty(), "{q}: {:?}", errors(&root));
        let body = root.child(verb).unwrap();
        for item in &body.children {
            let header = match item.name.as_str() {
                "record" => &item.children[0],
                "header" => item,
                _ => continue,
            };
            out.push((
                header.children[0].text.clone(),
                header.children[1].text.clone(),
                item.clone(),
            ));
        }
        match body.child("resumptionToken") {
            Some(t) if !t.text.is_empty() => {
                assert_eq!(body.names().last(), Some(&"resumptionToken"));
                q = format!("verb={verb}&resumptionToken={}", pct(&t.text));
            }
            _ => break,
        }
    }
    out
}

/// The resumption token element of a list response.
fn token_of<'a>(root: &'a El, verb: &str) -> &'a El {
    root.child(verb).unwrap().child("resumptionToken").unwrap()
}

/// A request to resume a list.
fn resume(verb: &str, token: &El) -> String {
    format!("verb={verb}&resumptionToken={}", pct(&token.text))
}

fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn id(doc: &str) -> String {
    format!("oai:bibliotheques.example.org:hdf-2026/{doc}")
}

#[test]
fn identify() {
    let c = worked();
    let cs = [&c];
    let r = repo(&cs, 3);
    let root = ask(&r, "verb=Identify");
    let i = root.child("Identify").unwrap();
    assert_eq!(
        &i.names()[..8],
        [
            "repositoryName",
            "baseURL",
            "protocolVersion",
            "adminEmail",
            "earliestDatestamp",
            "deletedRecord",
            "granularity",
            "description"
        ]
    );
    assert_eq!(i.child("baseURL").unwrap().text, BASE);
    assert_eq!(i.child("protocolVersion").unwrap().text, "2.0");
    assert_eq!(i.child("earliestDatestamp").unwrap().text, "2026-09-01");
    assert_eq!(i.child("granularity").unwrap().text, "YYYY-MM-DD");
    assert_eq!(i.child("deletedRecord").unwrap().text, "no");
    assert_eq!(
        root.children[1].attrs,
        [("verb".to_string(), "Identify".to_string())]
    );
    let sample = &i.child("description").unwrap().children[0]
        .child("sampleIdentifier")
        .unwrap()
        .text;
    assert!(sample.starts_with("oai:bibliotheques.example.org:"));
    assert_eq!(errors(&ask(&r, "verb=Identify&set=x")), ["badArgument"]);
}

#[test]
fn list_records_gives_every_published_document_once_through_tokens() {
    let c = worked();
    let cs = [&c];
    for page in [1, 2, 3, 7, 100] {
        let r = repo(&cs, page);
        let items = harvest(&r, "ListRecords", "metadataPrefix=oai_dc");
        let ids: Vec<&str> = items.iter().map(|(i, _, _)| i.as_str()).collect();
        let unique: BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(ids.len(), unique.len(), "page {page}: once each");
        let expected: BTreeSet<String> = PUBLISHED.iter().map(|d| id(d)).collect();
        assert_eq!(
            unique,
            expected.iter().map(String::as_str).collect(),
            "page {page}"
        );
        // Datestamp order; the publication day of each.
        let dates: Vec<&str> = items.iter().map(|(_, d, _)| d.as_str()).collect();
        let mut sorted = dates.clone();
        sorted.sort_unstable();
        assert_eq!(dates, sorted);
        let headers = harvest(&r, "ListIdentifiers", "metadataPrefix=oai_dc");
        assert_eq!(
            headers.iter().map(|(i, d, _)| (i, d)).collect::<Vec<_>>(),
            items.iter().map(|(i, d, _)| (i, d)).collect::<Vec<_>>()
        );
    }
    // The cursor of each page and the empty token on the last.
    let r = repo(&cs, 3);
    let first = ask(&r, "verb=ListRecords&metadataPrefix=oai_dc");
    let t = token_of(&first, "ListRecords");
    assert_eq!(t.attr("cursor"), Some("0"));
    let second = ask(&r, &resume("ListRecords", t));
    // Stable across calls.
    assert_eq!(
        r.respond(&resume("ListRecords", t), now()),
        r.respond(&resume("ListRecords", t), now())
    );
    let t2 = token_of(&second, "ListRecords");
    assert_eq!(t2.attr("cursor"), Some("3"));
    let third = ask(&r, &resume("ListRecords", t2));
    let t3 = token_of(&third, "ListRecords");
    assert_eq!((t3.attr("cursor"), t3.text.as_str()), (Some("6"), ""));
    // A list that fits one page has no token.
    let r = repo(&cs, 100);
    assert!(ask(&r, "verb=ListRecords&metadataPrefix=oai_dc")
        .child("ListRecords")
        .unwrap()
        .child("resumptionToken")
        .is_none());
}

#[test]
fn the_record_of_a_document() {
    let c = worked();
    let cs = [&c];
    let r = repo(&cs, 10);
    let root = ask(
        &r,
        &format!(
            "verb=GetRecord&metadataPrefix=oai_dc&identifier={}",
            pct(&id("AMI-01"))
        ),
    );
    let rec = &root.child("GetRecord").unwrap().children[0];
    let header = &rec.children[0];
    assert_eq!(
        header.children[1].text, "2026-09-02",
        "the latest publication"
    );
    let specs: Vec<&str> = header
        .all("setSpec")
        .iter()
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(
        specs,
        [
            "campaign:hdf-2026",
            "institution:FR-801216101",
            "target:armarium",
            "target:gallica"
        ]
    );
    let dc = &rec.child("metadata").unwrap().children[0];
    let values = |n: &str| -> Vec<String> {
        dc.children
            .iter()
            .filter(|e| e.name == format!("dc:{n}"))
            .map(|e| e.text.clone())
            .collect()
    };
    assert_eq!(values("title"), ["Le Progrès de la Somme (1871-1872)"]);
    assert!(values("creator").is_empty(), "Anonyme is no creator");
    assert_eq!(values("date"), ["1871/1872"]);
    assert_eq!(values("type"), ["Text", "presse", "newspaper"]);
    assert_eq!(
        values("identifier"),
        [
            "armarium:ami-01",
            "https://gallica.bnf.fr/ark:/12148/bpt6k205233j"
        ]
    );
    assert_eq!(values("rights"), ["domaine public", "public domain"]);
    assert!(
        values("format")[1].contains("views; format A2"),
        "{:?}",
        values("format")
    );
    assert_eq!(values("relation").len(), 4);
    assert_eq!(values("source").len(), 1);
    assert_eq!(values("publisher").len(), 1);
    // The same record from the campaign.
    let alone = c.dublin_core("AMI-01").unwrap().unwrap();
    check_oai_dc(&parse(&alone));
    assert!(alone.contains("<dc:title>Le Progrès de la Somme (1871-1872)</dc:title>"));
    let verne = c.dublin_core("AMI-04").unwrap().unwrap();
    assert!(verne.contains("<dc:creator>J.-B. Devermont</dc:creator>"));
    assert_eq!(c.dublin_core("MJV-01").unwrap(), None, "withdrawn");
    assert_eq!(c.dublin_core("AMI-05").unwrap(), None, "never published");
    assert_eq!(
        c.dublin_core("NOPE").unwrap_err().code(),
        "UNKNOWN_DOCUMENT"
    );
}

#[test]
fn metadata_formats_and_sets() {
    let c = worked();
    let cs = [&c];
    let r = repo(&cs, 10);
    for q in [
        "verb=ListMetadataFormats".to_string(),
        format!("verb=ListMetadataFormats&identifier={}", pct(&id("AMI-02"))),
    ] {
        let root = ask(&r, &q);
        let f = &root.child("ListMetadataFormats").unwrap().children[0];
        assert_eq!(f.names(), ["metadataPrefix", "schema", "metadataNamespace"]);
        assert_eq!(f.children[0].text, "oai_dc");
    }
    assert_eq!(
        errors(&ask(
            &r,
            &format!("verb=ListMetadataFormats&identifier={}", pct(&id("MJV-01")))
        )),
        ["idDoesNotExist"]
    );
    let sets = ask(&r, "verb=ListSets");
    let specs: Vec<String> = sets
        .child("ListSets")
        .unwrap()
        .all("set")
        .iter()
        .map(|s| s.children[0].text.clone())
        .collect();
    for s in [
        "campaign",
        "institution",
        "target",
        "campaign:hdf-2026",
        "institution:FR-801216101",
        "institution:AD02",
        "target:gallica",
        "target:armarium",
    ] {
        assert!(specs.contains(&s.to_string()), "{s} in {specs:?}");
    }
    assert_eq!(
        errors(&ask(&r, "verb=ListSets&resumptionToken=x")),
        ["badResumptionToken"]
    );
    let none: [&Campaign; 0] = [];
    assert_eq!(
        errors(&ask(&repo(&none, 10), "verb=ListSets")),
        ["noSetHierarchy"]
    );
}

#[test]
fn selective_harvesting_by_set_and_day() {
    let c = worked();
    let cs = [&c];
    let r = repo(&cs, 2);
    let ids = |args: &str| -> Vec<String> {
        let mut v: Vec<String> = harvest(&r, "ListIdentifiers", args)
            .into_iter()
            .map(|(i, _, _)| i)
            .collect();
        v.sort();
        v
    };
    let of = |docs: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = docs.iter().map(|d| id(d)).collect();
        v.sort();
        v
    };
    assert_eq!(
        ids("metadataPrefix=oai_dc&set=target:gallica"),
        of(&["AMI-01", "AMI-02", "AD02-02"])
    );
    assert_eq!(
        ids("metadataPrefix=oai_dc&set=institution:AD02"),
        of(&["AD02-01", "AD02-02"])
    );
    assert_eq!(ids("metadataPrefix=oai_dc&set=campaign:hdf-2026").len(), 7);
    assert_eq!(ids("metadataPrefix=oai_dc&set=campaign").len(), 7);
    assert_eq!(
        ids("metadataPrefix=oai_dc&until=2026-09-01"),
        of(&["AMI-02", "AD02-02"])
    );
    assert_eq!(ids("metadataPrefix=oai_dc&from=2026-09-02").len(), 5);
    assert_eq!(
        ids("metadataPrefix=oai_dc&from=2026-09-01&until=2026-09-02").len(),
        7
    );
    assert_eq!(
        ids("metadataPrefix=oai_dc&from=2026-09-02&until=2026-09-02&set=target:gallica"),
        of(&["AMI-01"])
    );
    for q in [
        "metadataPrefix=oai_dc&from=2026-09-03",
        "metadataPrefix=oai_dc&until=2026-08-31",
        "metadataPrefix=oai_dc&set=institution:NOWHERE",
        "metadataPrefix=oai_dc&set=shelf:x",
        "metadataPrefix=oai_dc&set=campaign:other",
    ] {
        assert_eq!(
            errors(&ask(&r, &format!("verb=ListRecords&{q}"))),
            ["noRecordsMatch"],
            "{q}"
        );
    }
}

#[test]
fn every_protocol_error() {
    let c = worked();
    let cs = [&c];
    let r = repo(&cs, 2);
    let cases: &[(&str, &[&str])] = &[
        ("", &["badVerb"]),
        ("verb=Dance", &["badVerb"]),
        ("verb=Identify&verb=ListSets", &["badVerb"]),
        ("verb=Identify&extra=1", &["badArgument"]),
        ("verb=ListRecords", &["badArgument"]),
        ("verb=ListIdentifiers", &["badArgument"]),
        ("verb=GetRecord&metadataPrefix=oai_dc", &["badArgument"]),
        ("verb=GetRecord&identifier=x", &["badArgument"]),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc",
            &["badArgument"],
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-9-1",
            &["badArgument"],
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-09-01T00:00:00Z",
            &["badArgument"],
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-02-30",
            &["badArgument"],
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-09-02&until=2026-09-01",
            &["badArgument"],
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x",
            &["badArgument"],
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&set=%ZZ",
            &["badArgument"],
        ),
        (
            "verb=ListRecords&resumptionToken=garbage",
            &["badResumptionToken"],
        ),
        (
            "verb=ListIdentifiers&resumptionToken=1",
            &["badResumptionToken"],
        ),
        (
            "verb=ListRecords&metadataPrefix=marc21",
            &["cannotDisseminateFormat"],
        ),
        (
            "verb=ListIdentifiers&metadataPrefix=oai_ead",
            &["cannotDisseminateFormat"],
        ),
        (
            "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:x:y",
            &["idDoesNotExist"],
        ),
        (
            "verb=GetRecord&metadataPrefix=marc21&identifier=oai:x:y",
            &["idDoesNotExist", "cannotDisseminateFormat"],
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01",
            &["noRecordsMatch"],
        ),
    ];
    for (q, want) in cases {
        let xml = r.respond(q, now());
        let root = checked(&xml);
        assert_eq!(errors(&root), *want, "{q}: {xml}");
        let bad_request = want.iter().any(|w| *w == "badVerb" || *w == "badArgument");
        assert_eq!(
            root.children[1].attrs.is_empty(),
            bad_request,
            "{q}: the request echo"
        );
    }
    // A token of ListIdentifiers is no token for ListRecords, nor is an
    // edited one.
    let root = ask(&r, "verb=ListIdentifiers&metadataPrefix=oai_dc");
    let t = root
        .child("ListIdentifiers")
        .unwrap()
        .child("resumptionToken")
        .unwrap()
        .text
        .clone();
    assert_eq!(
        errors(&ask(
            &r,
            &format!("verb=ListRecords&resumptionToken={}", pct(&t))
        )),
        ["badResumptionToken"]
    );
    assert_eq!(
        errors(&ask(
            &r,
            &format!(
                "verb=ListIdentifiers&resumptionToken={}",
                pct(&t.replace("oai_dc", "marc21"))
            )
        )),
        ["badResumptionToken"]
    );
    assert!(errors(&ask(
        &r,
        &format!("verb=ListIdentifiers&resumptionToken={}", pct(&t))
    ))
    .is_empty());
    // A token forged with the largest count is still answered.
    let forged = format!("{}!18446744073709551615", t.rsplit_once('!').unwrap().0);
    let root = ask(
        &r,
        &format!("verb=ListIdentifiers&resumptionToken={}", pct(&forged)),
    );
    assert!(errors(&root).is_empty());
    assert_eq!(
        token_of(&root, "ListIdentifiers").attr("cursor"),
        Some("18446744073709551615")
    );
    // The token of another repository's campaign.
    let other = open_worked();
    let mut v: Value = serde_json::from_str(&other.save_json()).unwrap();
    v["campaign"]["id"] = json!("hdf-2027");
    let other = Campaign::load_json(&v.to_string()).unwrap();
    let os = [&other];
    let r2 = repo(&os, 2);
    let t2 = ask(&r2, "verb=ListIdentifiers&metadataPrefix=oai_dc")
        .child("ListIdentifiers")
        .unwrap()
        .child("resumptionToken")
        .unwrap()
        .text
        .clone();
    assert_eq!(
        errors(&ask(
            &r,
            &format!("verb=ListIdentifiers&resumptionToken={}", pct(&t2))
        )),
        ["badResumptionToken"]
    );
}

#[test]
fn several_campaigns_and_a_replaced_identifier() {
    let mut a = open_worked();
    // A replaced identifier updates the record and its datestamp.
    a.execute_json(r#"{"type": "publish", "doc": "AMI-03", "target": "armarium", "identifier": "armarium:ami-03-v2", "date": "2026-09-20"}"#).unwrap();
    let mut v: Value = serde_json::from_str(&worked().save_json()).unwrap();
    v["campaign"]["id"] = json!("hdf 2027/é");
    let b = Campaign::load_json(&v.to_string()).unwrap();
    let cs = [&a, &b];
    let r = repo(&cs, 4);
    let items = harvest(&r, "ListRecords", "metadataPrefix=oai_dc");
    assert_eq!(items.len(), 14);
    let ami03 = items.iter().find(|(i, _, _)| *i == id("AMI-03")).unwrap();
    assert_eq!(ami03.1, "2026-09-20");
    let xml_ids: Vec<&str> = ami03.2.child("metadata").unwrap().children[0]
        .children
        .iter()
        .filter(|e| e.name == "dc:identifier")
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(xml_ids, ["armarium:ami-03-v2"]);
    // The other campaign's identifiers are percent-encoded and found again.
    let other = "oai:bibliotheques.example.org:hdf%202027%2F%C3%A9/AMI-03";
    assert!(items.iter().any(|(i, _, _)| i == other));
    let root = ask(
        &r,
        &format!(
            "verb=GetRecord&metadataPrefix=oai_dc&identifier={}",
            pct(other)
        ),
    );
    assert!(errors(&root).is_empty());
    assert_eq!(ids_of_set(&r, "campaign:hdf~202027~2F~C3~A9"), 7);
    assert_eq!(ids_of_set(&r, "campaign:hdf-2026"), 7);
    // Selective harvesting on the day of the replacement.
    assert_eq!(ids_of_set_from(&r, "2026-09-20"), vec![id("AMI-03")]);
}

fn ids_of_set(r: &Repository<'_>, set: &str) -> usize {
    harvest(
        r,
        "ListIdentifiers",
        &format!("metadataPrefix=oai_dc&set={}", pct(set)),
    )
    .len()
}

fn ids_of_set_from(r: &Repository<'_>, from: &str) -> Vec<String> {
    harvest(
        r,
        "ListIdentifiers",
        &format!("metadataPrefix=oai_dc&from={from}"),
    )
    .into_iter()
    .map(|(i, _, _)| i)
    .collect()
}

#[test]
fn any_unicode_and_text_xml_cannot_carry() {
    let mut v: Value = serde_json::from_str(&open_worked().save_json()).unwrap();
    let docs = v["campaign"]["documents"].as_array_mut().unwrap();
    let d = docs.iter_mut().find(|d| d["id"] == "SAP-03").unwrap();
    d["title"] = json!("Histoire <d'Amiens> & \"de\" la ville\u{1}\u{b}\r\n\t😀 \u{FFFF}");
    d["author"] = json!("]]> Dusevel");
    let c = Campaign::load_json(&v.to_string()).unwrap();
    let xml = c.dublin_core("SAP-03").unwrap().unwrap();
    let dc = parse(&xml);
    check_oai_dc(&dc);
    let title = &dc
        .children
        .iter()
        .find(|e| e.name == "dc:title")
        .unwrap()
        .text;
    assert_eq!(
        title,
        "Histoire <d'Amiens> & \"de\" la ville\u{FFFD}\u{FFFD}\r\n\t😀 \u{FFFD}"
    );
    assert!(xml.contains("<dc:creator>]]&gt; Dusevel</dc:creator>"));
    let cs = [&c];
    let r = repo(&cs, 100);
    let root = ask(&r, "verb=ListRecords&metadataPrefix=oai_dc");
    assert_eq!(root.child("ListRecords").unwrap().all("record").len(), 7);
    // A request with text XML cannot carry is echoed safely.
    let root = ask(&r, "verb=GetRecord&metadataPrefix=oai_dc&identifier=%01%3C");
    assert_eq!(errors(&root), ["idDoesNotExist"]);
    assert_eq!(root.children[1].attr("identifier"), Some("\u{FFFD}<"));
}

#[test]
fn a_wrong_repository_is_an_error_not_a_response() {
    let c = worked();
    let cs = [&c, &c];
    let e = Repository::new(&cs, BASE, Options::default()).unwrap_err();
    assert_eq!(
        (e.issues[0].code.code(), e.issues[0].path.as_str()),
        ("DUPLICATE_ID", "campaigns[1]")
    );
    let one = [&c];
    for (url, opts, code) in [
        ("ftp://x.org/oai", Options::default(), "INVALID_URL"),
        (
            "https://x.org/oai?verb=Identify",
            Options::default(),
            "INVALID_URL",
        ),
        ("https:///oai", Options::default(), "INVALID_URL"),
        (
            BASE,
            Options {
                page_size: 0,
                ..Options::default()
            },
            "OUT_OF_RANGE",
        ),
        (
            BASE,
            Options {
                repository_id: Some("a b".into()),
                ..Options::default()
            },
            "INVALID_URL",
        ),
        (
            BASE,
            Options {
                admin_emails: vec!["nobody".into()],
                ..Options::default()
            },
            "INCONSISTENT",
        ),
    ] {
        let e = Repository::new(&one, url, opts).unwrap_err();
        assert_eq!(e.issues[0].code.code(), code, "{url}");
    }
    let xml = oai::respond(&one, "verb=Identify", "http://127.0.0.1:8080/oai", now()).unwrap();
    assert!(xml.contains("<adminEmail>admin@127.0.0.1</adminEmail>"));
    assert!(
        !xml.contains("oai-identifier"),
        "127.0.0.1 is no domain name"
    );
}

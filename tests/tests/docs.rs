//! What ships in `docs/` stays true (issue 14):
//! - the rules `docs/spec/*.md` and the conformance vectors `tests/vectors/`
//!   are the normative ones of `../shared/spec/` byte for byte, when that
//!   directory is there (a clone without it skips, saying so);
//! - the JSON Schemas of `docs/schemas/` name the core's vocabularies,
//!   command types and limits, and each object of a schema has exactly the
//!   members the core's reader accepts, the required ones required;
//! - the README and the header point only to files inside the repository.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use numconc::values::vocabulary::{
    ConventionKind, Format, Grade, InstitutionKind, LineKind, Rights, SharedCostKey, Size, Theme,
    Typology, Vocabulary,
};
use numconc::{CampaignData, Command, Programme, ValidationError};
use serde_json::{json, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The normative spec: `NUMCONC_SPEC_DIR`, else `../shared/spec` beside the
/// repository; `None` (with a note) when it is not there.
fn spec_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("NUMCONC_SPEC_DIR")
        .map_or_else(|| root().join("../shared/spec"), PathBuf::from);
    if dir.join("domain.md").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "note: {} not found: the drift check of docs/spec and tests/vectors is skipped",
            dir.display()
        );
        None
    }
}

#[test]
fn the_rules_in_docs_are_the_normative_ones() {
    let Some(spec) = spec_dir() else { return };
    for name in ["domain.md", "import.md", "vectors.md"] {
        let ours = std::fs::read(root().join("docs/spec").join(name)).unwrap();
        let theirs = std::fs::read(spec.join(name)).unwrap();
        assert!(
            ours == theirs,
            "docs/spec/{name} differs from {}: copy it again",
            spec.join(name).display()
        );
    }
}

#[test]
fn the_public_vectors_are_copied_unchanged() {
    let Some(spec) = spec_dir() else { return };
    let mut seen = 0;
    for entry in std::fs::read_dir(spec.join("vectors")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let name = path.file_name().unwrap();
        let ours = root().join("tests/vectors").join(name);
        assert!(
            ours.is_file(),
            "public vector {name:?} missing from tests/vectors"
        );
        assert!(
            std::fs::read(&ours).unwrap() == std::fs::read(&path).unwrap(),
            "tests/vectors/{} differs from {}",
            name.to_string_lossy(),
            path.display()
        );
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} public vectors");
}

fn schema(name: &str) -> Value {
    let path = root().join(format!("docs/schemas/{name}.schema.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn def<'a>(schema: &'a Value, name: &str) -> &'a Value {
    schema
        .pointer(&format!("/$defs/{name}"))
        .unwrap_or_else(|| panic!("no $defs/{name}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_schemas_name_the_vocabularies_command_types_and_limits_of_the_core() {
    let saved = schema("saved");
    let vocabularies: [(&str, &[&str]); 10] = [
        ("institution_kind", InstitutionKind::NAMES),
        ("size", Size::NAMES),
        ("typology", Typology::NAMES),
        ("format", Format::NAMES),
        ("theme", Theme::NAMES),
        ("rights", Rights::NAMES),
        ("convention_kind", ConventionKind::NAMES),
        ("grade", Grade::NAMES),
        ("line_kind", LineKind::NAMES),
        ("shared_cost_key", SharedCostKey::NAMES),
    ];
    for (name, names) in vocabularies {
        assert_eq!(strings(&def(&saved, name)["enum"]), names, "{name}");
    }
    let command = schema("command");
    assert_eq!(
        strings(&command["properties"]["type"]["enum"]),
        numconc::lifecycle::command::COMMAND_TYPES
    );
    assert_eq!(
        def(&saved, "count")["maximum"],
        json!(numconc::limits::MAX_COUNT)
    );
    assert_eq!(
        def(&saved, "id")["maxLength"],
        json!(numconc::limits::MAX_ID_CHARS)
    );
    assert_eq!(
        def(&saved, "text")["maxLength"],
        json!(numconc::limits::MAX_TEXT_CHARS)
    );
    let years = numconc::limits::YEARS;
    assert_eq!(def(&saved, "year")["minimum"], json!(years.start()));
    assert_eq!(def(&saved, "year")["maximum"], json!(years.end()));
    // The version the core writes (a saved file of Campaign.save_json
    // validates: python/tests/test_schemas.py).
    assert_eq!(saved["properties"]["schema_version"]["const"], json!(1));
    // The four files agree on every definition they share.
    for name in ["programme", "campaign", "command"] {
        let s = schema(name);
        for (key, value) in s["$defs"].as_object().unwrap() {
            assert_eq!(
                &saved["$defs"][key], value,
                "{name}.schema.json $defs/{key}"
            );
        }
    }
}

/// An object with every member of a schema object set to null, and one
/// member no reader knows.
fn probe(object: &Value, kind: Option<&str>) -> Value {
    let mut out = serde_json::Map::new();
    for key in object["properties"].as_object().unwrap().keys() {
        out.insert(key.clone(), Value::Null);
    }
    if let Some(kind) = kind {
        out.insert("type".into(), json!(kind));
    }
    out.insert("zz_not_a_member".into(), Value::Null);
    Value::Object(out)
}

/// The members a reader calls unknown and missing directly under `prefix`.
fn unknown_and_missing(
    result: Result<(), ValidationError>,
    prefix: &str,
) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut unknown = BTreeSet::new();
    let mut missing = BTreeSet::new();
    for issue in result.err().map(|e| e.issues).unwrap_or_default() {
        let Some(member) = issue.path.strip_prefix(prefix) else {
            continue;
        };
        if member.contains(['.', '[']) {
            continue;
        }
        match issue.code.code() {
            "UNKNOWN_FIELD" => unknown.insert(member.to_string()),
            "MISSING_FIELD" => missing.insert(member.to_string()),
            _ => false,
        };
    }
    (unknown, missing)
}

#[test]
fn each_schema_object_has_the_members_of_its_reader() {
    let saved = schema("saved");
    let programme = |v: &Value| Programme::from_value(v).map(drop);
    let campaign = |v: &Value| CampaignData::from_value(v).map(drop);
    // (definition, reader, where the probe goes, the path of its members)
    type Reader = dyn Fn(&Value) -> Result<(), ValidationError>;
    let cases: [(&str, &Reader, &str, &str); 16] = [
        ("programme", &programme, "PROBE", ""),
        (
            "eligibility",
            &programme,
            r#"{"eligibility": PROBE}"#,
            "eligibility.",
        ),
        ("prices", &programme, r#"{"prices": PROBE}"#, "prices."),
        (
            "price_entry",
            &programme,
            r#"{"prices": {"per_view": [PROBE]}}"#,
            "prices.per_view[0].",
        ),
        (
            "funder",
            &programme,
            r#"{"funders": [PROBE]}"#,
            "funders[0].",
        ),
        (
            "rate_rule",
            &programme,
            r#"{"funders": [{"rates": [PROBE]}]}"#,
            "funders[0].rates[0].",
        ),
        (
            "when",
            &programme,
            r#"{"funders": [{"rates": [{"when": PROBE}]}]}"#,
            "funders[0].rates[0].when.",
        ),
        (
            "by_size",
            &programme,
            r#"{"funders": [{"rates": [{"by_size": PROBE}]}]}"#,
            "funders[0].rates[0].by_size.",
        ),
        ("qc", &programme, r#"{"qc": PROBE}"#, "qc."),
        ("campaign", &campaign, "PROBE", ""),
        (
            "institution",
            &campaign,
            r#"{"institutions": [PROBE]}"#,
            "institutions[0].",
        ),
        (
            "convention",
            &campaign,
            r#"{"conventions": [PROBE]}"#,
            "conventions[0].",
        ),
        (
            "amendment",
            &campaign,
            r#"{"conventions": [{"amendments": [PROBE]}]}"#,
            "conventions[0].amendments[0].",
        ),
        (
            "termination",
            &campaign,
            r#"{"conventions": [{"termination": PROBE}]}"#,
            "conventions[0].termination.",
        ),
        (
            "document",
            &campaign,
            r#"{"documents": [PROBE]}"#,
            "documents[0].",
        ),
        (
            "shared_cost",
            &campaign,
            r#"{"shared_costs": [PROBE]}"#,
            "shared_costs[0].",
        ),
    ];
    let check = |name: &str, object: &Value, result, prefix: &str, skip: &[&str]| {
        let (unknown, missing) = unknown_and_missing(result, prefix);
        assert_eq!(
            unknown,
            BTreeSet::from(["zz_not_a_member".to_string()]),
            "{name}: the members of the schema the reader does not know"
        );
        let required: BTreeSet<String> = object
            .get("required")
            .map(strings)
            .unwrap_or_default()
            .into_iter()
            .filter(|k| !skip.contains(&k.as_str()))
            .collect();
        assert_eq!(missing, required, "{name}: required members");
    };
    for (name, read, wrapper, prefix) in cases {
        let object = def(&saved, name);
        let text = wrapper.replace("PROBE", &probe(object, None).to_string());
        check(
            name,
            object,
            read(&serde_json::from_str(&text).unwrap()),
            prefix,
            &[],
        );
    }
    for kind in numconc::lifecycle::command::COMMAND_TYPES {
        let name = format!("command_{kind}");
        let object = def(&saved, &name);
        let result = Command::from_value(&probe(object, Some(kind))).map(drop);
        check(&name, object, result, "", &["type"]);
    }
}

/// Files that point outside the repository (`../shared/…`): none of what a
/// user receives may.
#[test]
fn the_readme_and_the_header_point_inside_the_repository() {
    let mut files = vec![
        root().join("README.md"),
        root().join("core/README.md"),
        root().join("python/README.md"),
        root().join("include/numconc.h"),
        root().join("ffi/cbindgen.toml"),
    ];
    for dir in ["docs", "core/src", "ffi/src", "python/numconc", "tests/src"] {
        let mut stack = vec![root().join(dir)];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let p = entry.unwrap().path();
                if p.is_dir() {
                    // The copies of the spec are kept byte-identical (docs/README.md).
                    if !p.ends_with("docs/spec") {
                        stack.push(p);
                    }
                } else {
                    files.push(p);
                }
            }
        }
    }
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            assert!(
                !line.contains("../shared") && !line.contains("shared/spec"),
                "{}:{}: points outside the repository: {line}",
                file.display(),
                n + 1
            );
        }
    }
}

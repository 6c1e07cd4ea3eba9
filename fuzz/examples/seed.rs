//! Writes the seed corpora of the fuzz targets (`fuzz/corpus/<target>/`) and
//! the dictionaries (`fuzz/dict/`) from the conformance vectors
//! (`tests/vectors/*.json`) and the example spreadsheets (`tests/data/*.csv`):
//!
//! - `programme`: each vector's programme, and each shipped preset;
//! - `campaign`: each vector's campaign, before and after its commands;
//! - `command`: every command object of every vector (deduplicated);
//! - `saved`: each vector's campaign saved after half and after all of its
//!   commands;
//! - `rejected_unchanged`: each vector's commands, one per line;
//! - `import`: the example spreadsheets and a few hand-written edge cases;
//! - `dict/json.dict`: the keys and short words of the vectors;
//!   `dict/csv.dict`: the column headers and words of the import.
//!
//! `cargo run --manifest-path fuzz/Cargo.toml --example seed` (or
//! `fuzz/seed.sh`). The files are replaced, so the output only depends on
//! the vectors.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use numconc::{Campaign, CampaignData, Programme};
use serde_json::Value;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// Edge cases of the CSV reading (spec/import.md), beside the real examples.
const CSV_CASES: &[(&str, &str)] = &[
    (
        "quotes-and-line-ends.csv",
        "cote;titre;typologie;droits;vues\r\n\"Ms 1\";\"Titre \"\"cité\"\"\";manuscrits;domaine public;12\r\n\r\n\"Ms 2\";\"sur\ndeux lignes\";Manuscrits;droits levés;1 200\rMs 3;x\"y;archives;protégé;3\n;;;;\n",
    ),
    (
        "commas-bom-no-final-line-end.csv",
        "\u{feff}Identifier,Title,Type,Rights,Views,Date,Format,Fragile,OCR,Insured value\nA1,\"Le Journal, 1871\",press,public_domain,\"1 500\",vers 1850,a2,oui,non,\"1 500,00 €\"\nA1,Again,Livres,domaine public,12,XIXe siècle,hors format,x,,1.500,00\nA3,,Cartes et plans,autorisé,,s.d.,A0,no,yes,0",
    ),
    (
        "errors.csv",
        "\n\nid;typology;rights;views;themes;targets;date;;extra\n;press;public_domain;12;;;;\nB2;poetry;secret;douze;rare;Gallica / armarium;31/02/1850;;\nB3;press;public_domain;12;intérêt régional;gallica;1850-1860;;x\nB4;press;public_domain;\"1\n2\";;;entre 1850 et 1860\n",
    ),
    ("unclosed-quote.csv", "cote;typologie;droits\nx;\"press;public_domain\n"),
    ("no-header.csv", "a;b;c\n1;2;3\n"),
    ("duplicate-column.csv", "vues;views;typologie;droits\n1;2;press;public_domain\n"),
    ("missing-column.csv", "cote;titre\nx;y\n"),
    ("blank.csv", " ; ,\n\n\"\"\n"),
];

/// Column headers and words of the import, for `dict/csv.dict`.
const CSV_WORDS: &[&str] = &[
    "identifiant",
    "identifier",
    "n°",
    "numéro",
    "cote",
    "shelfmark",
    "call number",
    "titre",
    "title",
    "intitulé",
    "auteur",
    "author",
    "date",
    "dates",
    "typologie",
    "type",
    "typology",
    "format",
    "nombre de vues",
    "nb vues",
    "vues",
    "views",
    "thèmes",
    "themes",
    "droits",
    "statut juridique",
    "rights",
    "diffusion",
    "mise en ligne",
    "targets",
    "fragile",
    "ocr",
    "valeur d'assurance",
    "insured value",
    "déjà numérisé",
    "existing digitization",
    "Presse",
    "Revues",
    "Périodiques scientifiques",
    "Imprimés",
    "Livres",
    "Thèses",
    "Manuscrits",
    "Archives",
    "Cartes et plans",
    "Cartes postales",
    "Photographies",
    "domaine public",
    "droits levés",
    "autorisé",
    "protégé",
    "hors format",
    "oversize",
    "intérêt régional",
    "rare et précieux",
    "oui",
    "non",
    "vrai",
    "faux",
    "vers ",
    "ca. ",
    "circa ",
    "env. ",
    " ?",
    "XIXe siècle",
    "19e s.",
    "XIXème",
    "19th century",
    "années ",
    "s.d.",
    "sans date",
    "n.d.",
    "entre ",
    " et ",
    "de ",
    " à ",
    "\"\"",
    "\r\n",
    "\u{a0}",
    "\u{202f}",
    "\u{2009}",
    " €",
    "\u{feff}",
    "Anonyme",
];

fn write(dir: &Path, name: &str, text: &str) -> Res<()> {
    fs::write(dir.join(name), text)?;
    Ok(())
}

fn fresh_dir(path: PathBuf) -> Res<PathBuf> {
    if path.exists() {
        fs::remove_dir_all(&path)?;
    }
    fs::create_dir_all(&path)?;
    Ok(path)
}

/// Collects the keys and the short strings of a JSON value.
fn words(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                out.insert(format!("\"{k}\""));
                out.insert(format!("\"{k}\":"));
                words(x, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| words(x, out)),
        Value::String(s) if s.chars().count() <= 24 => {
            out.insert(format!("\"{s}\""));
        }
        _ => {}
    }
}

/// A libFuzzer dictionary entry: `"…"` with `\\`, `\"` and non-ASCII or
/// control bytes escaped as `\xNN`.
fn dict_entry(word: &str) -> String {
    let mut out = String::from("\"");
    for b in word.bytes() {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02X}")),
        }
    }
    out.push('"');
    out
}

fn write_dict(path: &Path, header: &str, words: &BTreeSet<String>) -> Res<()> {
    let mut text = format!("# {header}\n# Written by fuzz/examples/seed.rs.\n");
    for w in words {
        text.push_str(&dict_entry(w));
        text.push('\n');
    }
    fs::write(path, text)?;
    Ok(())
}

fn main() -> Res<()> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = fuzz.join("..");
    let corpus = fuzz.join("corpus");
    let dirs: Vec<PathBuf> = numconc_fuzz::TARGETS
        .iter()
        .map(|(name, _)| fresh_dir(corpus.join(name)))
        .collect::<Res<_>>()?;
    let dir = |name: &str| -> &Path {
        let i = numconc_fuzz::TARGETS
            .iter()
            .position(|(n, _)| *n == name)
            .unwrap_or(0);
        &dirs[i]
    };

    let mut json_words = BTreeSet::new();
    let mut vectors: Vec<PathBuf> = fs::read_dir(root.join("tests/vectors"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    vectors.sort();
    let mut commands_seen = BTreeSet::new();
    for path in &vectors {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("vector")
            .to_string();
        let vector: Value = serde_json::from_str(&fs::read_to_string(path)?)?;
        words(&vector["programme"], &mut json_words);
        words(&vector["campaign"], &mut json_words);
        let programme = Programme::from_reference(&vector["programme"])?;
        write(
            dir("programme"),
            &format!("{stem}.json"),
            &serde_json::to_string_pretty(&programme.to_value())?,
        )?;
        if vector["programme"].is_object() {
            // As written in the vector (key order, optional fields left out).
            write(
                dir("programme"),
                &format!("{stem}-as-written.json"),
                &serde_json::to_string(&vector["programme"])?,
            )?;
        }
        write(
            dir("campaign"),
            &format!("{stem}.json"),
            &serde_json::to_string_pretty(&vector["campaign"])?,
        )?;
        let data = CampaignData::from_value(&vector["campaign"])?;
        let mut campaign = Campaign::new(programme, data)?;
        let commands: Vec<&Value> = vector["steps"]
            .as_array()
            .map(|steps| steps.iter().filter_map(|s| s.get("command")).collect())
            .unwrap_or_default();
        let mut lines = Vec::new();
        for (i, c) in commands.iter().enumerate() {
            words(c, &mut json_words);
            let line = numconc_fuzz::command_line(c);
            if commands_seen.insert(line.clone()) {
                write(dir("command"), &format!("{stem}-{:02}.json", i + 1), &line)?;
            }
            lines.push(line);
            // Errors are expected: the vectors test refusals too.
            let _ = campaign.execute_value(c);
            if i + 1 == commands.len() / 2 {
                write(
                    dir("saved"),
                    &format!("{stem}-half.json"),
                    &campaign.save_json(),
                )?;
            }
        }
        write(dir("saved"), &format!("{stem}.json"), &campaign.save_json())?;
        let mut data_after = String::new();
        campaign.data().write_json(&mut data_after);
        write(dir("campaign"), &format!("{stem}-after.json"), &data_after)?;
        write(
            dir("rejected_unchanged"),
            &format!("{stem}.txt"),
            &lines.join("\n"),
        )?;
    }
    for id in numconc::Programme::preset_ids() {
        let p = Programme::preset(id)?;
        words(&p.to_value(), &mut json_words);
        write(
            dir("programme"),
            &format!("preset-{id}.json"),
            &serde_json::to_string_pretty(&p.to_value())?,
        )?;
    }

    let mut csvs: Vec<PathBuf> = fs::read_dir(root.join("tests/data"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    csvs.sort();
    for path in csvs {
        let name = path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("data.csv");
        fs::copy(&path, dir("import").join(name))?;
    }
    for (name, text) in CSV_CASES {
        write(dir("import"), name, text)?;
    }

    for w in [
        "{", "}", "[", "]", ":", ",", "null", "true", "false", "\"\"", "\\u0000", "1e999",
    ] {
        json_words.insert(w.to_string());
    }
    let dicts = fuzz.join("dict");
    fs::create_dir_all(&dicts)?;
    write_dict(
        &dicts.join("json.dict"),
        "JSON keys and words of the vectors.",
        &json_words,
    )?;
    let csv_words: BTreeSet<String> = CSV_WORDS.iter().map(|w| (*w).to_string()).collect();
    write_dict(
        &dicts.join("csv.dict"),
        "Column headers and words of the CSV import.",
        &csv_words,
    )?;

    for (name, _) in numconc_fuzz::TARGETS {
        let n = numconc_fuzz::corpus_files(dir(name)).len();
        println!("fuzz/corpus/{name}: {n} files");
    }
    Ok(())
}

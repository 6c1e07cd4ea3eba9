//! `docs/codes.md` lists every stable code of the table in `core/src/codes.rs`
//! (one a line: code, kind, English text), and codes are append-only: a code
//! that leaves the table must stay listed as retired.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use numconc::codes::{Entry, ALL, RETIRED};

const HEAD: &str = "# Stable codes

Every code numconc gives, one a line: the code, its kind, its English text.
Generated from the table in `core/src/codes.rs` and checked by
`core/tests/codes.rs` (`NUMCONC_BLESS=1 cargo test -p numconc --test codes`
rewrites it). Codes are append-only: a code never changes meaning and is
never reused; a code no longer produced stays at the end, marked retired.

";

fn line(e: &Entry, retired: bool) -> String {
    format!(
        "- `{}` {}{} — {}\n",
        e.code,
        e.kind.as_str(),
        if retired { " (retired)" } else { "" },
        e.en
    )
}

fn expected() -> String {
    let mut s = HEAD.to_string();
    for e in ALL {
        s.push_str(&line(e, false));
    }
    for e in RETIRED {
        s.push_str(&line(e, true));
    }
    s
}

#[test]
fn docs_codes_md_lists_every_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/codes.md");
    if std::env::var_os("NUMCONC_BLESS").is_some() {
        std::fs::write(path, expected()).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    // Every code ever listed is still in the table or retired.
    for l in committed.lines().filter(|l| l.starts_with("- `")) {
        let code = l.split('`').nth(1).unwrap();
        assert!(
            ALL.iter().chain(RETIRED).any(|e| e.code == code),
            "{code} left the table without being retired"
        );
    }
    assert_eq!(
        committed,
        expected(),
        "docs/codes.md differs from the table of codes"
    );
}

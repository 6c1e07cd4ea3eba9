//! The layout has no import circles: in `core/`, `ffi/` and `python/`, no
//! file reaches itself through the `crate::` paths it names (the core at
//! the bottom, codes at the bottom of the core).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`rules::budget`) → source text, for every file of `src`.
fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let rel = p.strip_prefix(src).unwrap().with_extension("");
                let rel = rel.to_string_lossy().replace('/', "::");
                let m = rel.trim_end_matches("::mod").to_string();
                let m = if m == "lib" { String::new() } else { m };
                let text = std::fs::read_to_string(&p).unwrap();
                // Test modules may reach anywhere.
                let text = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
                out.insert(m, text);
            }
        }
    }
    out
}

/// The modules each module names through `crate::…`.
fn graph(mods: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut g = BTreeMap::new();
    for (m, text) in mods {
        let mut deps = BTreeSet::new();
        for (i, _) in text.match_indices("crate::") {
            let rest = &text[i + 7..];
            let path: String = rest
                .chars()
                .take_while(|c| {
                    c.is_ascii_lowercase() || *c == '_' || *c == ':' || c.is_ascii_digit()
                })
                .collect();
            let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
            // The longest prefix that is a module.
            for n in (1..=parts.len()).rev() {
                let cand = parts[..n].join("::");
                if mods.contains_key(&cand) {
                    if cand != *m {
                        deps.insert(cand);
                    }
                    break;
                }
            }
        }
        g.insert(m.clone(), deps);
    }
    g
}

/// A cycle, if any: the path of modules that comes back to its start.
fn cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(m.to_string(), 1);
        path.push(m.to_string());
        for d in &g[m] {
            match state.get(d.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = path.iter().position(|p| p == d).unwrap();
                    let mut c = path[start..].to_vec();
                    c.push(d.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(d, g, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(m.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in g.keys() {
        if state.get(m.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(m, g, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn no_import_circle_in_core_ffi_or_python() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for krate in ["core/src", "ffi/src", "python/src"] {
        let mods = modules(&root.join(krate));
        assert!(mods.len() > 5, "{krate}: {} files", mods.len());
        let g = graph(&mods);
        assert_eq!(cycle(&g), None, "import circle in {krate}");
    }
}

#[test]
fn the_checker_finds_a_circle() {
    let mut mods = BTreeMap::new();
    mods.insert("a".to_string(), "use crate::b::X;".to_string());
    mods.insert("b".to_string(), "use crate::c::{Y};".to_string());
    mods.insert("c".to_string(), "fn f() { crate::a::g() }".to_string());
    mods.insert("d".to_string(), "use crate::a;".to_string());
    let c = cycle(&graph(&mods)).unwrap();
    assert_eq!(c.first(), c.last());
    assert_eq!(c.len(), 4);
    mods.insert("c".to_string(), String::new());
    assert_eq!(cycle(&graph(&mods)), None);
}

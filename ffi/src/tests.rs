//! Tests of the crate itself: the committed header, the version, the
//! strings handed to C. The C programs of `tests/c/` test the ABI from C.

use std::ffi::CStr;
use std::path::Path;

use crate::boundary::{free_string, give_string};
use crate::{numconc_version, NUMCONC_VERSION_MAJOR, NUMCONC_VERSION_MINOR, NUMCONC_VERSION_PATCH};

const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The header cbindgen generates now from `ffi/src` and `ffi/cbindgen.toml`
/// (the same as `cd ffi && cbindgen -o ../include/numconc.h`).
fn generated_header() -> Result<Vec<u8>, String> {
    let config = cbindgen::Config::from_root_or_default(DIR);
    let bindings = cbindgen::Builder::new()
        .with_crate(DIR)
        .with_config(config)
        .generate()
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    bindings.write(&mut out);
    Ok(out)
}

#[test]
fn header_is_up_to_date() {
    let path = Path::new(DIR).join("../include/numconc.h");
    let generated = generated_header();
    assert!(generated.is_ok(), "cbindgen failed: {generated:?}");
    let generated = generated.unwrap_or_default();
    if std::env::var_os("NUMCONC_BLESS").is_some() {
        let written = std::fs::write(&path, &generated);
        assert!(
            written.is_ok(),
            "cannot write {}: {written:?}",
            path.display()
        );
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/numconc.h differs from what cbindgen generates now: run \
         `NUMCONC_BLESS=1 cargo test -p numconc-ffi header` (or `cd ffi && cbindgen -o \
         ../include/numconc.h`) and commit the header"
    );
}

/// The `version` of `[workspace.package]` in the root Cargo.toml.
fn workspace_version() -> Option<String> {
    let text = std::fs::read_to_string(Path::new(DIR).join("../Cargo.toml")).ok()?;
    let mut in_package = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[workspace.package]";
        } else if in_package && line.starts_with("version") {
            return Some(line.split('"').nth(1)?.to_string());
        }
    }
    None
}

#[test]
fn version_matches_cargo_toml() {
    let version = workspace_version();
    assert!(version.is_some(), "no [workspace.package] version");
    let version = version.unwrap_or_default();
    assert_eq!(
        format!("{NUMCONC_VERSION_MAJOR}.{NUMCONC_VERSION_MINOR}.{NUMCONC_VERSION_PATCH}"),
        version,
        "update NUMCONC_VERSION_* in ffi/src/lib.rs (and regenerate the header)"
    );
    let p = numconc_version();
    assert!(!p.is_null());
    // SAFETY: numconc_version returns a static NUL-terminated string.
    let runtime = unsafe { CStr::from_ptr(p) }.to_str().unwrap_or_default();
    assert_eq!(runtime, version);
    assert_eq!(numconc::VERSION, version);
}

#[test]
fn strings_keep_their_bytes_even_with_a_nul() {
    for s in ["", "{}", "a\0b", "é;€\u{feff}"] {
        let (p, len) = give_string(s);
        assert_eq!(len, s.len());
        // SAFETY: give_string returns len + 1 readable bytes.
        let bytes = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len + 1) };
        assert_eq!(&bytes[..len], s.as_bytes());
        assert_eq!(bytes[len], 0);
        free_string(p);
    }
    free_string(std::ptr::null_mut());
}

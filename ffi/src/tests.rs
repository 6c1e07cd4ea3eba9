//! Tests of the crate itself: the committed header, the version, the
//! strings handed to C, the silence of the panic boundary. The C programs
//! of `tests/c/` test the ABI from C.

use std::ffi::{c_char, CStr};
use std::path::Path;
use std::process::Command;

use crate::boundary::{free_string, give_string};
use crate::campaign::{numconc_campaign, numconc_campaign_free, numconc_campaign_new};
use crate::last_error::{numconc_last_error_code, numconc_last_error_message};
use crate::programme::{numconc_programme, numconc_programme_free, numconc_programme_preset};
use crate::{
    numconc_lang, numconc_status, numconc_test_panic, numconc_version, NUMCONC_VERSION_MAJOR,
    NUMCONC_VERSION_MINOR, NUMCONC_VERSION_PATCH,
};

const DIR: &str = env!("CARGO_MANIFEST_DIR");

mod ffi_header;

/// The header cbindgen generates now from `ffi/src` and the configuration
/// `ffi/<config>` (for `cbindgen.toml`, the same as
/// `cd ffi && cbindgen -o ../include/numconc.h`).
fn generated_header(config: &str) -> Result<Vec<u8>, String> {
    let config = cbindgen::Config::from_file(Path::new(DIR).join(config))?;
    let bindings = cbindgen::Builder::new()
        .with_crate(DIR)
        .with_config(config)
        .generate()
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    bindings.write(&mut out);
    Ok(out)
}

/// Fails unless `include/<name>` holds `generated` (a header, or the
/// error that kept it from being generated); with `NUMCONC_BLESS` set,
/// writes it there first.
fn check_committed_header(name: &str, generated: Result<Vec<u8>, String>) {
    let path = Path::new(DIR).join("../include").join(name);
    assert!(generated.is_ok(), "cannot generate {name}: {generated:?}");
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
        "include/{name} differs from what cbindgen generates now: run \
         `NUMCONC_BLESS=1 cargo test -p numconc-ffi header` and commit the header"
    );
}

#[test]
fn header_is_up_to_date() {
    check_committed_header("numconc.h", generated_header("cbindgen.toml"));
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

/// A C string of the library as Rust text ("" for NULL).
fn text(p: *const c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: the last-error accessors return NULL or a NUL-terminated text
    // that stays valid until the next status-returning call of this thread.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// An empty campaign of the hauts-de-france preset, through the C ABI.
fn empty_campaign() -> *mut numconc_campaign {
    let id = "hauts-de-france";
    let mut programme: *mut numconc_programme = std::ptr::null_mut();
    let status = numconc_programme_preset(id.as_ptr().cast(), id.len(), &mut programme);
    assert_eq!(status, numconc_status::NUMCONC_OK);
    let json = r#"{"id": "hdf-2026", "programme": "hauts-de-france", "year": 2026,
        "ends_on": "2027-06-30", "institutions": [], "conventions": [], "documents": [],
        "shared_costs": []}"#;
    let mut campaign: *mut numconc_campaign = std::ptr::null_mut();
    let status = numconc_campaign_new(programme, json.as_ptr().cast(), json.len(), &mut campaign);
    numconc_programme_free(programme);
    assert_eq!(status, numconc_status::NUMCONC_OK);
    campaign
}

/// Set in the child process that `a_caught_panic_prints_nothing` runs.
const PANIC_CHILD: &str = "NUMCONC_FFI_TEST_PANIC_CHILD";
/// What the child writes to stderr between its two panics.
const MARK: &str = "-- after the boundary --";

/// The child: a panic inside a boundary, then the mark, then a panic
/// outside any boundary (which the previous hook, Rust's default, prints).
#[allow(clippy::panic)] // the panic outside the boundary is the point
fn panic_child() {
    let campaign = empty_campaign();
    assert_eq!(numconc_test_panic(campaign), numconc_status::NUMCONC_PANIC);
    assert_eq!(text(numconc_last_error_code()), "PANIC");
    let en = text(numconc_last_error_message(
        numconc_lang::NUMCONC_LANG_EN as u32,
    ));
    let fr = text(numconc_last_error_message(
        numconc_lang::NUMCONC_LANG_FR as u32,
    ));
    numconc_campaign_free(campaign);
    eprintln!("{MARK}");
    let outside = std::panic::catch_unwind(|| panic!("a panic outside numconc"));
    assert!(outside.is_err());
    let prefix =
        "internal error (panic) in numconc: numconc_test_panic: a deliberate panic for tests at ";
    assert!(en.starts_with(prefix), "{en}");
    let line = en
        .rsplit_once("lib.rs:")
        .map(|(_, line)| line.to_string())
        .unwrap_or_default();
    assert!(
        !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()),
        "no file:line in {en:?}"
    );
    assert!(
        fr.starts_with("erreur interne (panique) dans numconc : numconc_test_panic: "),
        "{fr}"
    );
    assert!(fr.contains(" à ") && fr.contains("lib.rs:"), "{fr}");
}

/// A panic caught at the boundary writes nothing to stderr (the host's);
/// its message and location are in the last error; a panic outside the
/// library still reaches the hook that was there before. Run in a child
/// process, whose stderr is read here.
#[test]
fn a_caught_panic_prints_nothing() {
    if std::env::var_os(PANIC_CHILD).is_some() {
        panic_child();
        return;
    }
    let exe = std::env::current_exe();
    assert!(exe.is_ok(), "{exe:?}");
    let Ok(exe) = exe else { return };
    let out = Command::new(exe)
        .args(["--exact", "tests::a_caught_panic_prints_nothing"])
        .args(["--nocapture", "--test-threads=1", "--quiet"])
        .env(PANIC_CHILD, "1")
        .env("RUST_BACKTRACE", "0")
        .output();
    assert!(out.is_ok(), "cannot run the child: {out:?}");
    let Ok(out) = out else { return };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "child failed: {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        out.status
    );
    let (before, after) = stderr.split_once(MARK).unwrap_or((&stderr, ""));
    assert_eq!(before, "", "the caught panic wrote to stderr");
    assert!(
        after.contains("a panic outside numconc"),
        "a panic outside a boundary no longer reaches the previous hook: {stderr:?}"
    );
}

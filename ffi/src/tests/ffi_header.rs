//! `include/numconc_ffi.h`: the header for foreign-function interfaces
//! that parse C declarations but run no preprocessor (PHP's `FFI::cdef`
//! and `FFI::load`, the Perl generator of `bindings/perl`).
//!
//! cbindgen writes it from `ffi/cbindgen-ffi.toml`; what it cannot be told
//! to leave out is rewritten here, deterministically, as a C17 compiler
//! would read it:
//!
//! - `#if __STDC_VERSION__ >= 202311L … #else … #endif`: the C17 branch is
//!   kept (an enum without `: uint32_t`, then `typedef uint32_t name;`);
//! - `#define NAME 123` (the version numbers): `enum { NAME = 123 };`.
//!
//! Any other preprocessor line is an error: the test then says which
//! line, and this rewriting (or the configuration) has to learn it.

use super::{check_committed_header, generated_header};

/// The one condition cbindgen writes in plain C: C23's typed enums.
const C23: &str = "#if __STDC_VERSION__ >= 202311L";

/// `text` without preprocessor lines (see the module's documentation).
fn without_preprocessor(text: &str) -> Result<String, String> {
    let mut out: Vec<String> = Vec::new();
    // Inside the C23 `#if`: Some(true) in its C23 branch (dropped),
    // Some(false) in its `#else` branch (kept).
    let mut in_c23: Option<bool> = None;
    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        let directive = line.trim_start();
        if !directive.starts_with('#') {
            if in_c23 == Some(true) {
                continue;
            }
            // The brace that followed the dropped `: uint32_t` joins its
            // enum's line: `enum numconc_status {`.
            if line == " {" && in_c23.is_none() {
                if let Some(previous) = out.last_mut() {
                    if previous.starts_with("enum ") {
                        previous.push_str(line);
                        continue;
                    }
                }
            }
            out.push(line.to_string());
        } else if directive == C23 && in_c23.is_none() {
            in_c23 = Some(true);
        } else if directive == "#else" && in_c23 == Some(true) {
            in_c23 = Some(false);
        } else if directive.starts_with("#endif") && in_c23.is_some() {
            in_c23 = None;
        } else if let Some(constant) = integer_define(directive) {
            out.push(constant);
        } else {
            return Err(format!(
                "line {n}: `{line}`: a preprocessor line that numconc_ffi.h cannot keep \
                 (teach ffi/src/tests/ffi_header.rs or ffi/cbindgen-ffi.toml)"
            ));
        }
    }
    if in_c23.is_some() {
        return Err(format!("`{C23}` is not closed"));
    }
    let mut text = out.join("\n");
    text.push('\n');
    Ok(text)
}

/// `#define NAME 123` as `enum { NAME = 123 };`; None for anything else.
fn integer_define(directive: &str) -> Option<String> {
    let mut words = directive.strip_prefix("#define ")?.split_whitespace();
    let (name, value) = (words.next()?, words.next()?);
    let is_name = name
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    let is_number = value.parse::<u32>().is_ok();
    (words.next().is_none() && is_name && is_number)
        .then(|| format!("enum {{ {name} = {value} }};"))
}

/// The header for FFIs, as generated now.
fn generated_ffi_header() -> Result<Vec<u8>, String> {
    let header = generated_header("cbindgen-ffi.toml")?;
    let header = String::from_utf8(header).map_err(|e| e.to_string())?;
    Ok(without_preprocessor(&header)?.into_bytes())
}

#[test]
fn ffi_header_is_up_to_date() {
    check_committed_header("numconc_ffi.h", generated_ffi_header());
}

#[test]
fn ffi_header_has_no_preprocessor_line_and_no_test_hook() {
    let header = generated_ffi_header().unwrap_or_default();
    let header = String::from_utf8_lossy(&header);
    assert!(header.contains("numconc_status numconc_campaign_select("));
    assert!(header.contains("enum numconc_status {\n"), "{header}");
    assert!(header.contains("typedef uint32_t numconc_status;\n"));
    assert!(header.contains("enum { NUMCONC_VERSION_MAJOR = "));
    for line in header.lines() {
        assert!(!line.trim_start().starts_with('#'), "{line}");
    }
    assert!(!header.contains("numconc_test_panic"));
    // Every function of numconc.h but the test hook is declared.
    let c_header = generated_header("cbindgen.toml").unwrap_or_default();
    let c_header = String::from_utf8_lossy(&c_header);
    for word in c_header.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
        if word.starts_with("numconc_") && word != "numconc_test_panic" {
            assert!(
                header.contains(word),
                "{word} is missing from numconc_ffi.h"
            );
        }
    }
}

#[test]
fn only_the_c17_reading_of_the_c23_condition_is_kept() {
    let text = "enum e\n#if __STDC_VERSION__ >= 202311L\n  : uint32_t\n#endif // c23\n {\n    A = 0,\n};\n\
                #if __STDC_VERSION__ >= 202311L\ntypedef enum e e;\n#else\ntypedef uint32_t e;\n\
                #endif // c23\n#define NUMCONC_X 3\n";
    assert_eq!(
        without_preprocessor(text),
        Ok("enum e {\n    A = 0,\n};\ntypedef uint32_t e;\nenum { NUMCONC_X = 3 };\n".to_string())
    );
    for refused in [
        "#include <stdint.h>\n",
        "#ifdef __cplusplus\n",
        "#define X \"a\"\n",
    ] {
        assert!(without_preprocessor(refused).is_err(), "{refused}");
    }
    assert!(without_preprocessor("#if __STDC_VERSION__ >= 202311L\nx\n").is_err());
}

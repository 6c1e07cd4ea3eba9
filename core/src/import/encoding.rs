//! The text of a CSV file: UTF-8, or else Windows-1252 (what Excel in French
//! writes for "CSV (séparateur : point-virgule)"), never silent mojibake.

use std::borrow::Cow;

use super::{count_line_breaks, ImportError, ImportWarning};
use crate::codes::ImportWarningCode;

/// The text of `bytes`, and the warning to put on the report when it was
/// read as Windows-1252.
///
/// Bytes that are not UTF-8 are decoded as Windows-1252 (with `encoding_rs`,
/// the WHATWG decoder) unless the result holds a character no spreadsheet
/// writes: a control character other than tab, line feed and carriage return,
/// or one of the five bytes Windows-1252 leaves undefined (`0x81`, `0x8D`,
/// `0x8F`, `0x90`, `0x9D`, decoded as C1 controls). Such a file is neither
/// UTF-8 nor Windows-1252: `NOT_UTF8`, with the line of that byte.
pub(super) fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Option<ImportWarning>), ImportError> {
    let first_bad = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((Cow::Borrowed(text), None)),
        Err(e) => e.valid_up_to(),
    };
    // A UTF-8 byte-order mark followed by other bytes than UTF-8: a file
    // pasted together from two encodings, not a Windows-1252 export.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        let line = 1 + count_line_breaks(bytes.get(..first_bad).unwrap_or_default());
        return Err(ImportError::NotUtf8 { line });
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    // Windows-1252 is one byte per character: the position of a bad
    // character is the position of its byte.
    if let Some(at) = text.chars().position(|c| {
        let n = u32::from(c);
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || (0x80..=0x9F).contains(&n)
    }) {
        let before = bytes.get(..at).unwrap_or_default();
        return Err(ImportError::NotUtf8 {
            line: 1 + count_line_breaks(before),
        });
    }
    let line = 1 + count_line_breaks(bytes.get(..first_bad).unwrap_or_default());
    let code = ImportWarningCode::DecodedWindows1252;
    let warning = ImportWarning {
        code: code.code().to_string(),
        message_fr: format!(
            "{} : premier caractère non UTF-8 à la ligne {line} ; les accents sont lus comme l'écrit Excel en français",
            code.text_fr()
        ),
        message_en: format!(
            "{}: first non-UTF-8 character on line {line}; accents are read as French Excel writes them",
            code.text_en()
        ),
    };
    Ok((Cow::Owned(text.into_owned()), Some(warning)))
}

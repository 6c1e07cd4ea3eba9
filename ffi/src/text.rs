//! Texts handed to C: NUL-terminated UTF-8 owned by a handle or by the
//! thread's last error.

use std::ffi::c_char;

/// A NUL-terminated UTF-8 text owned by a handle or by the thread's last
/// error; C reads it through `ptr()` for as long as its owner lives.
#[derive(Debug, Clone)]
pub(crate) struct CText(Box<[u8]>);

impl CText {
    pub(crate) fn new(s: &str) -> CText {
        let mut v = Vec::with_capacity(s.len() + 1);
        v.extend_from_slice(s.as_bytes());
        v.push(0);
        CText(v.into_boxed_slice())
    }

    pub(crate) fn ptr(&self) -> *const c_char {
        self.0.as_ptr().cast()
    }

    /// Length in bytes, without the terminating NUL.
    pub(crate) fn len(&self) -> usize {
        self.0.len() - 1
    }
}

/// The pointer of an optional text (NULL when absent).
pub(crate) fn opt_ptr(t: Option<&CText>) -> *const c_char {
    t.map_or(std::ptr::null(), CText::ptr)
}

/// The length of an optional text (0 when absent).
pub(crate) fn opt_len(t: Option<&CText>) -> usize {
    t.map_or(0, CText::len)
}

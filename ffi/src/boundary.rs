//! The panic boundary and the conversions of arguments and results.
//!
//! Every `unsafe` block of the crate that touches a caller's pointer lives
//! here, in a few small helpers; the exported functions only call them.

use std::ffi::c_char;
use std::mem::size_of;

use crate::last_error::{clear_last_error, set_last_error};
pub(crate) use crate::panic_hook::boundary_or;
use crate::panic_hook::guarded;
use crate::status::{numconc_status, Error};
pub(crate) use crate::text::{opt_len, opt_ptr, CText};

/// Runs the body of an exported function that returns a status: a panic
/// becomes `NUMCONC_PANIC` and never crosses into C, nor prints anything
/// (its message and location go to the last error). When the body is done,
/// the thread's last error is cleared (success) or replaced (error) — not
/// before, so that texts of the previous error may be passed to the call.
pub(crate) fn boundary<F>(body: F) -> numconc_status
where
    F: FnOnce() -> Result<(), Error>,
{
    match guarded(body) {
        Ok(Ok(())) => {
            clear_last_error();
            numconc_status::NUMCONC_OK
        }
        Ok(Err(e)) => {
            let status = e.status();
            set_last_error(e);
            status
        }
        Err(caught) => {
            set_last_error(Error::panic(caught.as_ref()));
            numconc_status::NUMCONC_PANIC
        }
    }
}

/// A handle argument: NULL is `NUMCONC_NULL_ARGUMENT`.
pub(crate) fn arg_ref<'a, T>(p: *const T, name: &'static str) -> Result<&'a T, Error> {
    // SAFETY: the header's contract: a non-NULL handle argument points to a
    // live object made by this library and not yet freed.
    unsafe { p.as_ref() }.ok_or_else(|| Error::null(name))
}

/// A string argument given as pointer + length: NULL is
/// `NUMCONC_NULL_ARGUMENT`, bytes that are not UTF-8 `NUMCONC_INVALID_UTF8`.
pub(crate) fn arg_str<'a>(
    p: *const c_char,
    len: usize,
    name: &'static str,
) -> Result<&'a str, Error> {
    if p.is_null() {
        return Err(Error::null(name));
    }
    if isize::try_from(len).is_err() {
        return Err(Error::invalid_argument(name, "length too large"));
    }
    // SAFETY: the header's contract: `p` points to `len` readable bytes
    // that stay unchanged during the call; `len` ≤ isize::MAX was checked.
    let bytes = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len) };
    std::str::from_utf8(bytes).map_err(|_| Error::utf8(name))
}

/// An array argument given as pointer + count: NULL is
/// `NUMCONC_NULL_ARGUMENT`.
pub(crate) fn arg_slice<'a, T>(
    p: *const T,
    count: usize,
    name: &'static str,
) -> Result<&'a [T], Error> {
    if p.is_null() {
        return Err(Error::null(name));
    }
    if count
        .checked_mul(size_of::<T>())
        .and_then(|n| isize::try_from(n).ok())
        .is_none()
    {
        return Err(Error::invalid_argument(name, "count too large"));
    }
    // SAFETY: the header's contract: `p` points to `count` initialised
    // elements that stay unchanged during the call; the size was checked.
    Ok(unsafe { std::slice::from_raw_parts(p, count) })
}

/// An out-parameter, checked for NULL before any work is done and written
/// only once the result is complete.
pub(crate) struct Out<T>(*mut T);

impl<T> Out<T> {
    pub(crate) fn new(p: *mut T, name: &'static str) -> Result<Out<T>, Error> {
        if p.is_null() {
            Err(Error::null(name))
        } else {
            Ok(Out(p))
        }
    }

    pub(crate) fn write(self, value: T) {
        // SAFETY: non-NULL (checked in `new`); the header's contract: an
        // out-parameter points to writable storage for one `T`. `write`
        // does not read or drop the old contents.
        unsafe { self.0.write(value) }
    }
}

/// An optional out-parameter: NULL means the caller does not want it.
pub(crate) struct OptOut<T>(*mut T);

impl<T> OptOut<T> {
    pub(crate) fn new(p: *mut T) -> OptOut<T> {
        OptOut(p)
    }

    pub(crate) fn write(self, value: T) {
        if !self.0.is_null() {
            // SAFETY: as `Out::write`, NULL excluded just above.
            unsafe { self.0.write(value) }
        }
    }
}

/// Bytes before a returned string that hold its length, so that
/// `numconc_string_free` can give back exactly what was allocated even when
/// the text holds a NUL byte.
const HEADER: usize = size_of::<usize>();

/// Hands a string to C: NUL-terminated, freed by `numconc_string_free`.
pub(crate) fn give_string(s: &str) -> (*mut c_char, usize) {
    let (p, len) = give_bytes(s.as_bytes());
    (p.cast(), len)
}

/// Hands bytes to C, followed by a NUL (so that a text is a C string),
/// freed by `numconc_string_free` or `numconc_bytes_free` (the same layout).
pub(crate) fn give_bytes(bytes: &[u8]) -> (*mut u8, usize) {
    let len = bytes.len();
    let mut buf = Vec::with_capacity(HEADER + len + 1);
    buf.extend_from_slice(&len.to_ne_bytes());
    buf.extend_from_slice(bytes);
    buf.push(0);
    let base = Box::into_raw(buf.into_boxed_slice()).cast::<u8>();
    // SAFETY: the allocation is HEADER + len + 1 bytes long, so HEADER is in bounds.
    let data = unsafe { base.add(HEADER) };
    (data, len)
}

/// Writes a string result to `out` (and its length to `out_len` if given).
pub(crate) fn write_string(out: Out<*mut c_char>, out_len: OptOut<usize>, s: &str) {
    let (p, len) = give_string(s);
    out.write(p);
    out_len.write(len);
}

/// Frees a string made by `give_string`; NULL is a no-op.
pub(crate) fn free_string(p: *mut c_char) {
    if p.is_null() {
        return;
    }
    // SAFETY: the header's contract: `p` was returned by this library as a
    // string and not freed yet, so HEADER bytes before it start the allocation.
    let base = unsafe { p.cast::<u8>().sub(HEADER) };
    let mut len = [0_u8; HEADER];
    // SAFETY: the HEADER bytes at `base` were written by `give_string`.
    unsafe { std::ptr::copy_nonoverlapping(base, len.as_mut_ptr(), HEADER) };
    let total = HEADER + usize::from_ne_bytes(len) + 1;
    // SAFETY: `base` and `total` are the pointer and length of the boxed
    // slice leaked by `give_string`; it is given back exactly once.
    drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(base, total)) });
}

/// Moves a handle to C.
pub(crate) fn give_handle<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Takes a handle back from C; `None` for NULL.
pub(crate) fn take_handle<T>(p: *mut T) -> Option<Box<T>> {
    if p.is_null() {
        return None;
    }
    // SAFETY: the header's contract: `p` was returned by this library's
    // matching constructor, is freed once, and no other call uses it now.
    Some(unsafe { Box::from_raw(p) })
}

/// Takes a handle back from C and drops it; NULL is a no-op.
pub(crate) fn free_handle<T>(p: *mut T) {
    drop(take_handle(p));
}

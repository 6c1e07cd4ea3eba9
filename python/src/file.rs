//! Files: reading a saved campaign, and saving one safely — a new temporary
//! file beside the target, written, flushed to disk, then renamed over it —
//! and the `OSError` that names the file when either fails.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use pyo3::exceptions::PyOSError;
use pyo3::PyErr;

/// Numbers the temporary files of this process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// How many names are tried when one is taken (by an earlier crash, another
/// process, or a link planted there) before giving up.
const ATTEMPTS: u32 = 32;

/// The characters of the target's name kept in the temporary name (the
/// suffix must fit in the 255 bytes a name may have).
const NAME_CHARS: usize = 64;

/// A number nobody can predict: std's hasher keys are drawn from the
/// operating system's random source.
fn unpredictable(n: u64) -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(n);
    h.finish()
}

/// Creates a new temporary file in `dir` named after `name`:
/// `NAME.PID.N.RANDOM.tmp`. It is opened with `create_new` (`O_CREAT |
/// O_EXCL`), which fails on any existing name, a symbolic link included,
/// and never follows one; std opens every file close-on-exec. (`O_NOFOLLOW`
/// would add nothing to `O_EXCL`, and the `libc` crate is not a dependency
/// of the bindings, so it is not passed.)
fn create_temporary(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let mut last = io::Error::new(io::ErrorKind::AlreadyExists, "no free temporary name");
    for _ in 0..ATTEMPTS {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(
            "{name}.{}.{n}.{:016x}.tmp",
            std::process::id(),
            unpredictable(n)
        ));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// Writes `bytes`, flushes them to disk and closes the file.
fn fill(mut file: File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

/// Flushes a directory's entries (the rename) to disk. A file system that
/// cannot flush a directory says so with `EINVAL` or `ENOTSUP`: the file
/// itself is written and flushed, so that is not a failure.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|d| d.sync_all()) {
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
            ) =>
        {
            Ok(())
        }
        done => done,
    }
}

/// Elsewhere a directory cannot be opened as a file; the rename is what the
/// system makes of it.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Replaces the file at `path` with `bytes`, all or nothing: a crash, a full
/// disk or an error leaves the previous file as it was, never half a file.
/// Saves to one path from several threads or processes each use their own
/// temporary file; the last rename wins. When `path` is a symbolic link,
/// the link itself is replaced by the new file (the file it pointed to is
/// left alone), as a rename does; a hard link likewise keeps the old content.
///
/// # Errors
/// The first I/O error; the temporary file is then removed.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let Some(name) = path.file_name() else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not the path of a file",
        ));
    };
    let name: String = name.to_string_lossy().chars().take(NAME_CHARS).collect();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let (tmp, file) = create_temporary(dir, &name)?;
    if let Err(e) = fill(file, bytes).and_then(|()| std::fs::rename(&tmp, path)) {
        // Best effort: the error to report is the one above.
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(dir)
}

/// The bytes of a file.
pub(crate) fn read(path: &Path) -> io::Result<Vec<u8>> {
    std::fs::read(path)
}

/// The `OSError` of `e` naming `path`: `FileNotFoundError(2, "No such file
/// or directory", path)` and the like, the subclass chosen by Python from
/// the error number.
pub(crate) fn os_error(path: &Path, e: &io::Error) -> PyErr {
    let filename: OsString = path.as_os_str().to_os_string();
    match e.raw_os_error() {
        Some(code) => {
            let text = e.to_string();
            let suffix = format!(" (os error {code})");
            let text = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
            PyOSError::new_err((code, text, filename))
        }
        None => PyOSError::new_err(format!("{}: {e}", path.display())),
    }
}

//! The panic hook of the library: a panic inside a boundary is kept for the
//! last error (its message and location) and prints nothing on the host's
//! stderr; and the guard that catches it.

use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

/// What the panic hook kept of a panic inside a boundary: its message and
/// where it happened (`file:line`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CaughtPanic {
    pub(crate) message: String,
    pub(crate) location: Option<String>,
}

/// The longest panic message kept, in bytes (a message may quote a value).
const MAX_PANIC_MESSAGE: usize = 1000;

thread_local! {
    /// Whether this thread is inside a boundary of this library now.
    static IN_BOUNDARY: Cell<bool> = const { Cell::new(false) };
    /// The last panic the hook saw inside a boundary on this thread.
    static CAUGHT: RefCell<Option<CaughtPanic>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs, once per process, a panic hook that keeps quiet about panics
/// inside a boundary of this library: the host's stderr is the host's, and
/// the panic is reported through the last error instead. A panic anywhere
/// else (the host's own Rust code, another thread) goes to the hook that
/// was installed before, as if this library were not there.
fn install_panic_hook() {
    // `take_hook` must not run while this thread panics (a boundary called
    // from a destructor during unwinding): install on a later call then.
    if std::thread::panicking() {
        return;
    }
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_BOUNDARY.try_with(Cell::get).unwrap_or(false) {
                let caught = caught_panic(info);
                let _ = CAUGHT.try_with(|c| c.replace(Some(caught)));
            } else {
                previous(info);
            }
        }));
    });
}

fn caught_panic(info: &PanicHookInfo<'_>) -> CaughtPanic {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message");
    let mut message = message.to_string();
    if message.len() > MAX_PANIC_MESSAGE {
        let mut end = MAX_PANIC_MESSAGE;
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        message.truncate(end);
        message.push('…');
    }
    CaughtPanic {
        message,
        location: info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line())),
    }
}

/// Marks this thread as inside a boundary while it lives; restores the
/// previous mark when dropped (boundaries may nest).
struct InBoundary {
    was: bool,
}

impl InBoundary {
    fn enter() -> InBoundary {
        install_panic_hook();
        let was = IN_BOUNDARY.try_with(|b| b.replace(true)).unwrap_or(false);
        InBoundary { was }
    }
}

impl Drop for InBoundary {
    fn drop(&mut self) {
        let _ = IN_BOUNDARY.try_with(|b| b.set(self.was));
    }
}

/// Runs `body`, catching a panic; gives what the hook kept of it.
pub(crate) fn guarded<T>(body: impl FnOnce() -> T) -> Result<T, Option<CaughtPanic>> {
    let _inside = InBoundary::enter();
    catch_unwind(AssertUnwindSafe(body)).map_err(|_| CAUGHT.try_with(RefCell::take).ok().flatten())
}

/// Runs the body of an exported function that cannot fail (accessors of
/// the last error, `_free`): a panic gives `fallback`, silently. The last
/// error is left as it is.
pub(crate) fn boundary_or<T, F>(fallback: T, body: F) -> T
where
    F: FnOnce() -> T,
{
    guarded(body).unwrap_or(fallback)
}

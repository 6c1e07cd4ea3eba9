//! Proof by faults. A child process (this test binary, re-run on its
//! `child` test with an environment variable) executes commands on a store
//! and prints each acknowledged sequence number; the test kills it with
//! SIGKILL at seeded random moments and, after each kill, reopens the store:
//! the log holds every acknowledged command, in order, and the state equals
//! a replay of the log. A full disk (`RLIMIT_FSIZE` in the child) refuses
//! the command with a typed error and leaves the store as it was. Truncated
//! and bit-flipped files give typed errors, never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use numconc::codes::StoreCode;
use numconc_store::{Options, Store, Synchronous};
use support::{command, command_text, data, programme, Rng};

const CHILD: &str = "NUMCONC_STORE_CHILD";

/// Not a test: the child's work when the environment asks for it.
#[test]
fn child() {
    let Ok(spec) = std::env::var(CHILD) else {
        return;
    };
    let (mode, path) = spec.split_once(':').unwrap();
    let mut store = Store::open(path).unwrap();
    // On a line of its own: libtest has written "test child ... " before.
    println!("\nopen {}", store.campaign().events().len());
    if mode == "full" {
        fill_disk(&mut store);
        return;
    }
    let mut i = store.campaign().events().len();
    loop {
        i += 1;
        store.execute_json(&command(i)).unwrap();
        println!("ack {i}");
        if i.is_multiple_of(7) {
            store.snapshot().unwrap();
            println!("snapshot {i}");
        }
    }
}

/// Limits the size of the files this process may write, then executes
/// commands until one is refused.
#[allow(unsafe_code)]
fn fill_disk(store: &mut Store) {
    let path = store.path().to_path_buf();
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let limit = size(&path).max(size(&wal)) + 12_345;
    // SAFETY: plain libc calls on this process; no Rust state involved.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let rl = libc::rlimit {
            rlim_cur: limit,
            rlim_max: libc::RLIM_INFINITY,
        };
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &raw const rl), 0);
    }
    let mut i = store.campaign().events().len();
    loop {
        i += 1;
        let before = store.export_json();
        match store.execute_json(&command(i)) {
            Ok(()) => println!("ack {i}"),
            Err(e) => {
                let unchanged = store.export_json() == before;
                println!("refused {} unchanged={unchanged}", e.code());
                // The next command is refused too, and changes nothing.
                let again = store.execute_json(&command(i));
                println!(
                    "again {} unchanged={}",
                    again.err().map_or("OK", |e| e.code()),
                    store.export_json() == before
                );
                return;
            }
        }
        assert!(i < 10_000, "the file size limit was never reached");
    }
}

/// A child process killed when the test lets go of it (a failed
/// assertion must not leave it running).
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(mode: &str, path: &Path) -> Child {
    let child = Process::new(std::env::current_exe().unwrap())
        .args(["child", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, format!("{mode}:{}", path.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Child(child)
}

/// The numbers after `ack` in the child's output, checked consecutive; a
/// last line the kill cut (no line end) acknowledges nothing.
fn acknowledged(out: &str, from: usize) -> usize {
    let mut last = from;
    let complete = out.split_inclusive('\n').filter(|l| l.ends_with('\n'));
    for line in complete.map(str::trim_end) {
        if let Some(n) = line.strip_prefix("ack ") {
            let n: usize = n.parse().unwrap();
            assert_eq!(n, last + 1, "acknowledgements out of order");
            last = n;
        }
    }
    last
}

/// Reopens the store and checks it against the acknowledged commands.
fn check_reopened(path: &Path, acked: usize) -> usize {
    let store = Store::open(path).unwrap_or_else(|e| panic!("reopen: {e}"));
    let c = store.campaign();
    let events = c.events();
    assert!(
        events.len() >= acked,
        "{} events on disk, {acked} acknowledged",
        events.len()
    );
    // At most the one command in flight when the child died is on disk
    // without its acknowledgement.
    assert!(events.len() <= acked + 1);
    for (i, e) in events.iter().enumerate() {
        assert_eq!(e.to_json(), command_text(i + 1), "event {}", i + 1);
    }
    assert_eq!(c, &c.replayed().unwrap(), "state differs from a replay");
    let n = events.len();
    store.close().unwrap();
    n
}

#[test]
fn killed_at_random_moments_the_store_keeps_every_acknowledged_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kill.numconc");
    Store::create(&path, programme(), data())
        .unwrap()
        .close()
        .unwrap();
    let mut rng = Rng::new(11);
    let started = Instant::now();
    let mut on_disk = 0;
    let mut kills = 0;
    while kills < 60 {
        let mut child = spawn("kill", &path);
        let mut stdout = child.0.stdout.take().unwrap();
        // Wait for the child to hold the store, then let it run a while.
        let mut reader = BufReader::new(&mut stdout);
        let mut first = String::new();
        for _ in 0..10 {
            first.clear();
            assert!(reader.read_line(&mut first).unwrap() > 0, "the child died");
            if first.starts_with("open ") {
                break;
            }
        }
        assert_eq!(first.trim(), format!("open {on_disk}"));
        if kills == 0 {
            // Another process holds the store: a typed refusal, at once.
            let held = Store::open(&path).map(|_| ()).unwrap_err();
            assert_eq!(held.store_code(), Some(StoreCode::Locked), "{held}");
        }
        std::thread::sleep(Duration::from_micros(rng.below(25_000)));
        child.0.kill().unwrap(); // SIGKILL
        child.0.wait().unwrap();
        kills += 1;
        let mut rest = String::new();
        reader.read_to_string(&mut rest).unwrap();
        let acked = acknowledged(&rest, on_disk);
        on_disk = check_reopened(&path, acked);
    }
    assert!(
        on_disk > 60,
        "the children did too little: {on_disk} commands"
    );
    eprintln!(
        "{kills} kills, {on_disk} commands on disk, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn a_full_disk_refuses_the_command_and_leaves_the_store_as_it_was() {
    for synchronous in [Synchronous::Full, Synchronous::Normal] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("full.numconc");
        let options = Options {
            synchronous,
            ..Options::default()
        };
        Store::create_with(&path, programme(), data(), options)
            .unwrap()
            .close()
            .unwrap();
        let mut child = spawn("full", &path);
        let mut out = String::new();
        child
            .0
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        let acked = acknowledged(&out, 0);
        let refused = out
            .lines()
            .find_map(|l| l.strip_prefix("refused "))
            .unwrap_or_else(|| panic!("no refusal in {out}"));
        let (code, unchanged) = refused.split_once(' ').unwrap();
        assert!(
            code == StoreCode::Full.code() || code == StoreCode::Io.code(),
            "{code}"
        );
        eprintln!("{synchronous:?}: {acked} commands acknowledged, then {code}");
        assert_eq!(unchanged, "unchanged=true");
        let again = out.lines().find_map(|l| l.strip_prefix("again ")).unwrap();
        assert!(again.ends_with("unchanged=true"), "{again}");
        assert!(acked > 0);
        // Reopened without the limit: exactly the acknowledged commands.
        assert_eq!(check_reopened(&path, acked), acked);
    }
}

fn small_store(dir: &Path) -> (PathBuf, String) {
    let path = dir.join("source.numconc");
    let mut store = Store::create(&path, programme(), data()).unwrap();
    for i in 1..=40 {
        store.execute_json(&command(i)).unwrap();
        if i == 30 {
            store.snapshot().unwrap();
        }
    }
    let saved = store.export_json();
    store.close().unwrap();
    (path, saved)
}

/// Opens a damaged copy: a typed error, or a campaign whose log is a
/// prefix of the original's and whose state is its replay. Never a panic.
fn open_damaged(path: &Path, original: &numconc::Campaign) -> Result<(), StoreCode> {
    let opened = std::panic::catch_unwind(|| Store::open(path));
    match opened {
        Err(_) => panic!("open panicked on a damaged file"),
        Ok(Err(e)) => Err(e
            .store_code()
            .unwrap_or_else(|| panic!("untyped store error: {e:?}"))),
        Ok(Ok(store)) => {
            let c = store.campaign();
            assert!(c.events().len() <= original.events().len());
            for (a, b) in c.events().iter().zip(original.events()) {
                assert_eq!(a, b);
            }
            assert_eq!(c, &c.replayed().unwrap());
            Ok(())
        }
    }
}

#[test]
fn truncated_and_bit_flipped_files_are_typed_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (source, saved) = small_store(dir.path());
    let original = numconc::Campaign::load_json(&saved).unwrap();
    let bytes = std::fs::read(&source).unwrap();
    let damaged = dir.path().join("damaged.numconc");
    let mut errors = 0;
    let mut rng = Rng::new(7);
    let mut cuts: Vec<usize> = vec![0, 1, 50, 99, 100, 4095, 4096, 4097];
    cuts.extend((0..40).map(|_| usize::try_from(rng.below(bytes.len() as u64)).unwrap()));
    for cut in cuts {
        std::fs::write(&damaged, &bytes[..cut]).unwrap();
        if open_damaged(&damaged, &original).is_err() {
            errors += 1;
        }
    }
    let mut identical = 0;
    for _ in 0..300 {
        let mut copy = bytes.clone();
        let at = usize::try_from(rng.below(copy.len() as u64)).unwrap();
        copy[at] ^= 1 << rng.below(8);
        std::fs::write(&damaged, &copy).unwrap();
        match open_damaged(&damaged, &original) {
            Err(_) => errors += 1,
            Ok(()) => {
                let store = Store::open(&damaged).unwrap();
                if store.export_json() == saved {
                    identical += 1;
                }
            }
        }
    }
    eprintln!("{errors} typed errors, {identical} flips without effect");
    assert!(errors > 100);
}

//! Runs every fuzz body over every file of its committed corpus
//! (`fuzz/corpus/<target>/`): what the fuzzers found interesting stays
//! checked on stable, without libFuzzer (`scripts/test-fuzz.sh`).

use std::path::{Path, PathBuf};

use numconc_fuzz::{corpus_files, TARGETS};

fn dir(kind: &str, target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(kind)
        .join(target)
}

/// Runs `target`'s body over the files of `dir`, catching each panic so
/// that every failing file is named; returns how many files ran.
fn run_over(target: &str, dir: &Path) -> usize {
    let (_, body) = TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .copied()
        .unwrap_or_else(|| panic!("no target {target}"));
    let files = corpus_files(dir);
    let mut failed = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        if std::panic::catch_unwind(|| body(&bytes)).is_err() {
            failed.push(file.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: {} of {} inputs fail (replay one with `cargo run --manifest-path \
         fuzz/Cargo.toml --bin {target} -- FILE`):\n  {}",
        failed.len(),
        files.len(),
        failed.join("\n  ")
    );
    files.len()
}

macro_rules! corpus_tests {
    ($($target:ident),* $(,)?) => {
        $(
            #[test]
            fn $target() {
                let n = run_over(stringify!($target), &dir("corpus", stringify!($target)));
                assert!(n > 0, "empty corpus: fuzz/corpus/{}/", stringify!($target));
            }
        )*

        #[test]
        fn every_target_has_a_corpus_test() {
            let tested = [$(stringify!($target)),*];
            for (name, _) in TARGETS {
                assert!(tested.contains(name), "no corpus test for {name}");
            }
        }

        /// The reproducers of known findings (`fuzz/artifacts/<target>/`):
        /// they fail until the bug they show is fixed.
        /// `cargo test --manifest-path fuzz/Cargo.toml -- --ignored`
        #[test]
        #[ignore = "reproducers of open findings fail until fixed"]
        fn artifacts() {
            $( run_over(stringify!($target), &dir("artifacts", stringify!($target))); )*
        }
    };
}

corpus_tests!(
    programme,
    campaign,
    command,
    saved,
    import,
    rejected_unchanged,
    oai
);

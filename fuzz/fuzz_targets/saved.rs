//! Fuzz target `saved`: see [`numconc_fuzz::saved`]. Under cargo-fuzz
//! (`--cfg fuzzing`) a libFuzzer target; otherwise a program that runs the
//! body over the files (or directories of files) given as arguments.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| numconc_fuzz::saved(data));

#[cfg(not(fuzzing))]
fn main() -> std::process::ExitCode {
    numconc_fuzz::replay_main("saved", numconc_fuzz::saved)
}

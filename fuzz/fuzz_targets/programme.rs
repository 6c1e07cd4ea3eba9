//! Fuzz target `programme`: see [`numconc_fuzz::programme`]. Under cargo-fuzz
//! (`--cfg fuzzing`) a libFuzzer target; otherwise a program that runs the
//! body over the files (or directories of files) given as arguments.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| numconc_fuzz::programme(data));

#[cfg(not(fuzzing))]
fn main() -> std::process::ExitCode {
    numconc_fuzz::replay_main("programme", numconc_fuzz::programme)
}

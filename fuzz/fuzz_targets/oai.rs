//! Fuzz target `oai`: see [`numconc_fuzz::oai`]. Under cargo-fuzz
//! (`--cfg fuzzing`) a libFuzzer target; otherwise a program that runs the
//! body over the files (or directories of files) given as arguments.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| numconc_fuzz::oai(data));

#[cfg(not(fuzzing))]
fn main() -> std::process::ExitCode {
    numconc_fuzz::replay_main("oai", numconc_fuzz::oai)
}

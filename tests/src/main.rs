//! `numconc-vectors check FILE...` and `numconc-vectors eval FILE`.

use std::process::ExitCode;

use numconc_vectors::{check, eval, Answer};
use serde_json::Value;

fn read(path: &str) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") if args.len() > 1 => {
            let (mut passed, mut failed) = (0_usize, 0_usize);
            for path in &args[1..] {
                match read(path).and_then(|v| check(&v)) {
                    Ok(results) => {
                        for r in results {
                            match r.mismatch {
                                None => passed += 1,
                                Some(m) => {
                                    failed += 1;
                                    println!("{path}: step {} ({}): {m}", r.step, r.kind);
                                }
                            }
                        }
                    }
                    Err(e) => {
                        failed += 1;
                        println!("{e}");
                    }
                }
            }
            println!("{passed} passed, {failed} failed");
            if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Some("eval") if args.len() == 2 => match read(&args[1]).and_then(|v| eval(&v)) {
            Ok(answers) => {
                for a in answers {
                    match a {
                        Answer::Value(v) => println!("{v}"),
                        Answer::Unsupported(k) => {
                            println!("{}", serde_json::json!({"unsupported": k}))
                        }
                    }
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: numconc-vectors check FILE...\n       numconc-vectors eval FILE");
            ExitCode::from(2)
        }
    }
}

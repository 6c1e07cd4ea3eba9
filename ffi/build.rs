//! Gives the shared library its SONAME, `libnumconc.so.MAJOR`, so that a
//! program linked against it records the major version and keeps working
//! across minor releases (the ABI policy of ffi/README.md), as a Debian
//! package requires.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_else(|_| "0".into());
    if os == "linux" || os == "freebsd" || os == "netbsd" || os == "openbsd" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libnumconc.so.{major}");
    }
}

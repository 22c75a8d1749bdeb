//! Lets the test suite know whether a PostgreSQL server was given for its PostgreSQL runs.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(hiroba_pg_tests)");
    println!("cargo::rerun-if-env-changed=HIROBA_TEST_POSTGRES_URL");
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var("HIROBA_TEST_POSTGRES_URL").is_ok_and(|url| !url.is_empty()) {
        println!("cargo::rustc-cfg=hiroba_pg_tests");
    }
}

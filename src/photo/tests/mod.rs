//! Photo tests over the files of `tests/data/photos` and over images built here with hand-made metadata.

mod build;
mod ingest;
mod inspect;
mod orientation;
mod rendition;

/// A file from `tests/data/photos`.
fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/photos/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

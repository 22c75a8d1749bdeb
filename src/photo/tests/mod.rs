//! Photo tests over the shared fixtures and over images built here with hand-made metadata.

mod build;
mod ingest;
mod inspect;
mod orientation;
mod rendition;

/// A file from `/work/shared/fixtures/photos`, next to the worktrees.
fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../shared/fixtures/photos/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

//! One run from files to a result file: read, check the input, match, check the result, explain,
//! write. The result is written to a temporary file beside the target and renamed, so bad input
//! or a crash leaves no half-written or stale-looking result.

use super::columns::Columns;
use super::read::read_tables;
use super::write::{result_csv, tables_csv, Encoding};
use crate::domain::nursery::checker::{check, Check};
use crate::domain::nursery::explain::explain;
use crate::domain::nursery::generate::{generate, Spec};
use crate::domain::nursery::{matcher, InputError, Instance, MatchSummary};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The files of a run.
#[derive(Debug, Clone)]
pub struct MatchFiles {
    pub children: PathBuf,
    pub facilities: PathBuf,
    pub combinations: Option<PathBuf>,
    pub columns: Option<PathBuf>,
    pub out: PathBuf,
    pub encoding: Encoding,
}

/// Why a run wrote nothing.
#[derive(Debug)]
pub enum MatchFailure {
    /// The input has problems (exit 65): every one of them.
    Input(Vec<InputError>),
    /// A file could not be read or written.
    Io(String),
}

/// What a run did, from the matcher and from the independent checker.
#[derive(Debug, Clone)]
pub struct MatchReport {
    pub summary: MatchSummary,
    pub check: Check,
    pub elapsed: Duration,
}

impl fmt::Display for MatchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.summary;
        writeln!(f, "申込児童 (children): {}", s.children)?;
        writeln!(
            f,
            "入所 (matched): {}（新規内定 {}、転園しない在籍継続 {} / newly admitted {}, transfers staying {}）",
            s.admitted + s.stayed,
            s.admitted,
            s.stayed,
            s.admitted,
            s.stayed
        )?;
        writeln!(f, "保留 (unmatched): {}", s.unplaced)?;
        writeln!(
            f,
            "ブロッキング・コアリション (blocking coalitions, checker): {}",
            self.check.blocking
        )?;
        writeln!(
            f,
            "定員超過のセル (over-capacity cells, checker): {}",
            self.check.over_capacity
        )?;
        if self.check.off_list > 0 {
            writeln!(
                f,
                "希望にない配置 (units on no listed option, checker): {}",
                self.check.off_list
            )?;
        }
        if self.check.blocking != s.blocking {
            writeln!(
                f,
                "注意: 照合側の数 {} と一致しません (the matcher counted {})",
                s.blocking, s.blocking
            )?;
        }
        writeln!(
            f,
            "安定化 (stabilising): 修正 {} 回、やり直し {} 回 ({} passes, {} restarts)",
            s.passes, s.restarts, s.passes, s.restarts
        )?;
        write!(f, "時間 (time): {:.3} 秒", self.elapsed.as_secs_f64())
    }
}

/// Reads, matches, checks and writes; nothing is written when the input has errors.
pub fn match_files(files: &MatchFiles) -> Result<MatchReport, MatchFailure> {
    let started = Instant::now();
    let read = |path: &Path| std::fs::read(path).map_err(|e| MatchFailure::Io(format!("{}: {e}", path.display())));
    let columns = match &files.columns {
        None => Columns::default(),
        Some(path) => {
            let bytes = read(path)?;
            let text = String::from_utf8(bytes).map_err(|_| {
                MatchFailure::Input(vec![InputError::new(
                    crate::domain::nursery::InputFile::Columns,
                    0,
                    None,
                    crate::domain::nursery::Problem::BadColumnsFile("UTF-8 ではありません / not UTF-8".into()),
                )])
            })?;
            Columns::parse(&text).map_err(|e| MatchFailure::Input(vec![e]))?
        }
    };
    let children = read(&files.children)?;
    let facilities = read(&files.facilities)?;
    let combinations = files.combinations.as_deref().map(read).transpose()?;
    let renamed = |errors: Vec<InputError>| {
        MatchFailure::Input(
            errors
                .into_iter()
                .map(|mut e| {
                    e.column = e.column.map(|c| columns.rename(&c));
                    e
                })
                .collect(),
        )
    };
    let tables = read_tables(&children, &facilities, combinations.as_deref(), &columns).map_err(renamed)?;
    let instance = Instance::build(&tables).map_err(renamed)?;
    let outcome = matcher::run(&instance);
    let check = check(&instance, &outcome.seats);
    let results = explain(&instance, &outcome);
    write_atomically(&files.out, &result_csv(&results, files.encoding))?;
    Ok(MatchReport {
        summary: outcome.summary,
        check,
        elapsed: started.elapsed(),
    })
}

/// Writes a generated instance as 申込者.csv, 保育所.csv and 組み合わせ.csv in `dir`.
pub fn generate_files(spec: Spec, dir: &Path, encoding: Encoding) -> Result<[PathBuf; 3], String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let [children, facilities, combinations] = tables_csv(&generate(spec), encoding);
    let paths = ["申込者.csv", "保育所.csv", "組み合わせ.csv"].map(|name| dir.join(name));
    for (path, bytes) in paths.iter().zip([children, facilities, combinations]) {
        write_atomically(path, &bytes).map_err(|e| match e {
            MatchFailure::Io(message) => message,
            MatchFailure::Input(_) => String::new(),
        })?;
    }
    Ok(paths)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), MatchFailure> {
    let io = |e: std::io::Error| MatchFailure::Io(format!("{}: {e}", path.display()));
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, bytes).map_err(io)?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        io(e)
    })
}

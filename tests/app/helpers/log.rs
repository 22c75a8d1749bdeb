//! The access log as the app writes it, captured in memory for tests that check what it keeps.

use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

static LINES: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.target().starts_with("actix_web::middleware::logger")
    }

    fn log(&self, record: &log::Record) {
        if self.enabled(record.metadata()) {
            if let Ok(mut lines) = LINES.lock() {
                lines.push(record.args().to_string());
            }
        }
    }

    fn flush(&self) {}
}

/// Starts capturing the access log of every app in this test process (once; later calls do nothing).
pub fn capture_access_log() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if log::set_boxed_logger(Box::new(Capture)).is_ok() {
            log::set_max_level(log::LevelFilter::Info);
        }
    });
}

/// The captured access-log lines containing `marker`, waiting up to five seconds for at least
/// `count` of them (the line is written as the response ends, which may be after the client has it).
pub fn access_log_lines(marker: &str, count: usize) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let found: Vec<String> = LINES
            .lock()
            .map(|lines| lines.iter().filter(|l| l.contains(marker)).cloned().collect())
            .unwrap_or_default();
        if found.len() >= count || Instant::now() > deadline {
            return found;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

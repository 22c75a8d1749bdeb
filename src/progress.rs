//! Progress of the long commands (`import`, `readers simulate`, the demo's seeding) on a terminal.
//! indicatif draws nothing when stderr is not a terminal, so scripts and logs stay quiet.

use indicatif::{ProgressBar, ProgressStyle};
use std::time::Duration;

/// A bar counting `total` things, named by `what`.
pub fn bar(total: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    bar
}

/// A spinner for work of unknown size; `set_message` names the step under way.
pub fn spinner(what: &str) -> ProgressBar {
    let spinner = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        spinner.set_style(style);
    }
    spinner.set_message(what.to_string());
    spinner.enable_steady_tick(Duration::from_millis(120));
    spinner
}

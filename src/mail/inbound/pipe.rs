//! `hiroba mail-in`: one message on stdin from Postfix's pipe(8), answered by exit status only.
//!
//! Postfix bounces the mail on any status but 0 and 75 (EX_TEMPFAIL, try later) — and 65/67 are
//! the bounces we mean. A panic would be 101 and a bounce, so every path ends in one of
//! 0/65/67/75: panics are caught, and a watchdog ends the process with 75 after `TIME_CAP`
//! (well below Postfix's `command_time_limit` of 1000 s). Nothing is printed with `eprintln!`,
//! which panics when stderr is a closed pipe: the status never depends on stdout or stderr.

use crate::config::Settings;
use crate::db;
use crate::mail::inbound::intake::{self, Received, Refusal, EX_OK, EX_TEMPFAIL};
use std::fmt::Display;
use std::io::{Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

pub const TIME_CAP: Duration = Duration::from_secs(60);

/// Reads the message from `input` and stores it; returns the exit status.
pub fn mail_in(settings: Result<Settings, String>, recipient: &str, sender: Option<&str>, input: impl Read) -> u8 {
    std::thread::spawn(|| {
        std::thread::sleep(TIME_CAP);
        tell_mta(format_args!(
            "gave up after {} s; the MTA will try again",
            TIME_CAP.as_secs()
        ));
        std::process::exit(i32::from(EX_TEMPFAIL));
    });
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        fault_injection();
        let settings = settings.map_err(Refusal::Transient)?;
        store(&settings, recipient, sender, input)
    }));
    match outcome {
        Ok(Ok(Received::Stored(id))) => {
            log::info!("stored inbound mail {id} for {recipient}");
            EX_OK
        }
        Ok(Ok(Received::Duplicate)) => {
            log::info!("redelivered mail for {recipient}: already stored");
            EX_OK
        }
        Ok(Err(refusal)) => {
            tell_mta(&refusal);
            refusal.exit_code()
        }
        Err(_) => {
            tell_mta("internal error; the MTA will try again");
            EX_TEMPFAIL
        }
    }
}

/// A line on stderr for the MTA's log, if anyone still listens: Postfix may have closed the pipe,
/// and a failed write must not turn the status into a panic's 101.
pub fn tell_mta(message: impl Display) {
    let _ = writeln!(std::io::stderr().lock(), "hiroba mail-in: {message}");
}

fn store(settings: &Settings, recipient: &str, sender: Option<&str>, input: impl Read) -> Result<Received, Refusal> {
    let max = settings.mail.max_message_bytes;
    let mut raw = Vec::new();
    // One byte more than allowed tells an oversized message from one exactly at the limit.
    input
        .take(max as u64 + 1)
        .read_to_end(&mut raw)
        .map_err(|e| Refusal::Transient(format!("reading stdin: {e}")))?;
    if raw.len() > max {
        return Err(Refusal::TooLarge(max));
    }
    let mut conn = db::connect_one(&settings.database).map_err(|e| Refusal::Transient(e.to_string()))?;
    db::migrate_one(&mut conn).map_err(|e| Refusal::Transient(e.to_string()))?;
    db::durable_commits(&mut conn)?;
    let mail = &settings.mail;
    let received = intake::receive(
        &mut conn,
        &mail.domain,
        mail.bounce_secret.as_deref(),
        max,
        &[recipient],
        sender,
        &raw,
    )?;
    Ok(received[0])
}

/// Debug builds only: `HIROBA_MAIL_IN_FAULT=panic` makes the handler panic, so the tests can
/// prove that a panic still ends in status 75.
fn fault_injection() {
    #[cfg(debug_assertions)]
    if std::env::var("HIROBA_MAIL_IN_FAULT").as_deref() == Ok("panic") {
        panic!("fault injected by HIROBA_MAIL_IN_FAULT");
    }
}

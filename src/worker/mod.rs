//! Workers: run queued jobs and send the outbox, inside `serve` or as `hiroba worker`.
//!
//! Each round claims a batch of due jobs and a batch of due mails (see `db::queue` for how
//! claiming stays exclusive with several workers on either backend, and how a dead worker's claims
//! are taken over), does them, and records the outcome. Idle workers poll every `IDLE_POLL`, and
//! in `serve` wake at once when a request has queued mail (`Wakeup`).

mod jobs;
mod pacing;
mod sending;
mod wakeup;

pub use wakeup::Wakeup;

use crate::context::Context;
use crate::db::queue::Queue;
use crate::db::{DbConn, DbPool};
use crate::mail::outbound::dkim::DkimSigner;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an idle worker waits before looking for work again.
const IDLE_POLL: Duration = Duration::from_millis(200);
/// How long a worker waits after the database failed before trying again.
const ERROR_PAUSE: Duration = Duration::from_secs(5);
/// How often a worker checks reader health and deletes expired watch data.
const MAINTENANCE_EVERY: Duration = Duration::from_secs(60);

pub struct Worker {
    ctx: Arc<Context>,
    pool: DbPool,
    /// Signalled when this process queued work, so an idle worker need not wait for its poll.
    wakeup: Arc<Wakeup>,
    dkim: Option<DkimSigner>,
    last_maintenance: Mutex<Option<Instant>>,
    /// How long handing one mail over took lately (sizes the claims).
    per_mail: Mutex<Option<Duration>>,
}

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub jobs: usize,
    pub mails: usize,
}

impl Worker {
    /// Reads the DKIM key if one is configured.
    pub fn new(ctx: Arc<Context>, pool: DbPool, wakeup: Arc<Wakeup>) -> Result<Worker, String> {
        let dkim = match &ctx.settings.mail.dkim {
            Some(key) => {
                let pem = std::fs::read(&key.private_key_pem)
                    .map_err(|e| format!("DKIM key {}: {e}", key.private_key_pem.display()))?;
                Some(
                    DkimSigner::from_pem(&ctx.settings.mail.domain, &key.selector, &pem)
                        .map_err(|e| format!("DKIM key {}: {e}", key.private_key_pem.display()))?,
                )
            }
            None => None,
        };
        Ok(Worker {
            ctx,
            pool,
            wakeup,
            dkim,
            last_maintenance: Mutex::new(None),
            per_mail: Mutex::new(None),
        })
    }

    /// One round: due jobs first (they may queue mail), then due mail.
    pub fn round(&self) -> Result<Round, diesel::result::Error> {
        let mut conn = self.conn()?;
        if let Err(e) = self.maintain_if_due(&mut conn) {
            // Maintenance waits for its next turn; the mail does not wait for it.
            log::warn!("worker maintenance: {e}");
        }
        let jobs = jobs::run_due(&self.ctx, &mut conn)?;
        let mails = sending::send_due(self, &mut conn)?;
        Ok(Round { jobs, mails })
    }

    /// Runs until no job or mail is due now; returns the totals. Work scheduled for later (a retry
    /// after a failure) is left for a running worker.
    pub fn run_until_idle(&self) -> Result<Round, diesel::result::Error> {
        let mut total = Round::default();
        loop {
            let round = self.round()?;
            total.jobs += round.jobs;
            total.mails += round.mails;
            if round == Round::default() {
                return Ok(total);
            }
        }
    }

    /// Runs for as long as the process does.
    pub fn run_forever(&self) {
        loop {
            // Read before the round: a notification during it makes the wait below return at once.
            let seen = self.wakeup.generation();
            match self.round() {
                Ok(round) if round == Round::default() => self.wakeup.wait(seen, IDLE_POLL),
                Ok(_) => {}
                Err(e) => {
                    log::error!("worker: {e}");
                    std::thread::sleep(ERROR_PAUSE);
                }
            }
        }
    }

    /// Starts `count` workers in background threads.
    pub fn spawn(ctx: &Arc<Context>, pool: &DbPool, wakeup: &Arc<Wakeup>, count: usize) -> Result<(), String> {
        for n in 0..count {
            let worker = Worker::new(Arc::clone(ctx), pool.clone(), Arc::clone(wakeup))?;
            std::thread::Builder::new()
                .name(format!("worker-{n}"))
                .spawn(move || worker.run_forever())
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    /// Periodic work that several workers may do at once without harm (see `watch::health`).
    fn maintain_if_due(&self, conn: &mut DbConn) -> Result<(), diesel::result::Error> {
        {
            let mut last = self.last_maintenance.lock().unwrap_or_else(|e| e.into_inner());
            if last.is_some_and(|t| t.elapsed() < MAINTENANCE_EVERY) {
                return Ok(());
            }
            *last = Some(Instant::now());
        }
        let settings = &self.ctx.settings;
        let now = crate::db::now();
        let reported = crate::watch::health::check(conn, settings, now)?;
        let purged = crate::watch::retention::purge(conn, settings, now)?;
        if reported > 0 || purged.passes > 0 || purged.events > 0 {
            log::info!("watch: {reported} readers reported silent; deleted {purged:?}");
        }
        crate::notebook::maintenance::run(&self.ctx, conn, now)?;
        let purged = sending::purge(&self.ctx.settings.mail, conn, now)?;
        if purged > 0 {
            log::info!("outbox: deleted {purged} finished mails past their retention");
        }
        let mails = crate::mail::inbound::retention::purge(conn, settings, now)?;
        if mails > 0 {
            log::info!("mail: deleted {mails} processed inbound mails past their retention");
        }
        Ok(())
    }

    /// The recent time per mail handed over, if any was measured.
    fn per_mail(&self) -> Option<Duration> {
        *self.per_mail.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds one hand-over's time to the running average (the last few mails weigh most).
    fn measured(&self, took: Duration) {
        let mut per_mail = self.per_mail.lock().unwrap_or_else(|e| e.into_inner());
        *per_mail = Some(match *per_mail {
            Some(before) => (before * 7 + took) / 8,
            None => took,
        });
    }

    fn conn(&self) -> Result<DbConn, diesel::result::Error> {
        self.pool
            .get()
            .map_err(|e| diesel::result::Error::QueryBuilderError(e.to_string().into()))
    }

    /// Jobs and mails not finished yet (for `hiroba worker --until-idle` to report).
    pub fn backlog(&self) -> Result<(i64, i64), diesel::result::Error> {
        let mut conn = self.conn()?;
        Ok((Queue::Jobs.unfinished(&mut conn)?, Queue::Outbox.unfinished(&mut conn)?))
    }
}

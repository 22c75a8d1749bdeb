//! The `hiroba` command: serve, demo, migrate, member, mail-in, worker, readers, nursery.

use clap::{Parser, Subcommand};
use hiroba::auth::admin::{add_member, describe_member, AddMember};
use hiroba::config::Settings;
use hiroba::domain::role::{MemberStatus, Role};
use hiroba::startup::{build_state, Application};
use hiroba::watch::import::ImportError;
use hiroba::watch::roster::{parse_roster, RosterKind};
use hiroba::watch::simulate::{self, Participants, Scenario};
use hiroba::worker::Worker;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(name = "hiroba", version, about = "Hiroba: child-rearing support service")]
struct Cli {
    /// Settings file (TOML); HIROBA_* environment variables override it.
    #[arg(long, global = true, env = "HIROBA_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web pages.
    Serve,
    /// Serve, seeding demo notices into an empty database (by default hiroba-data/hiroba.db at 127.0.0.1:8080).
    Demo,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Add or show members (to bootstrap the first coordinator, and for scripts).
    #[command(subcommand)]
    Member(MemberCommand),
    /// Store one mail from stdin (Postfix pipe). Exit status: 0 stored, 65 unusable, 67 unknown
    /// recipient, 75 try again later.
    MailIn {
        /// The envelope recipient (Postfix: ${recipient}).
        #[arg(long)]
        recipient: String,
        /// The envelope sender (Postfix: ${sender}).
        #[arg(long)]
        sender: Option<String>,
    },
    /// Import a school roster (CSV from Excel, Shift_JIS or UTF-8): readers, children or guardians.
    /// All of it or nothing; exit status 65 when the file has errors (listed per line).
    Import {
        /// readers, children or guardians
        kind: RosterKind,
        file: PathBuf,
    },
    /// Run jobs and send mail from the outbox.
    Worker {
        /// Run every pending job and mail, then exit (for scripts and tests).
        #[arg(long)]
        until_idle: bool,
    },
    /// IC-tag readers: play reader traffic against a running server.
    #[command(subcommand)]
    Readers(ReadersCommand),
    /// 保育所入所選考 (nursery admission): match children to facilities from the municipal files.
    #[command(subcommand)]
    Nursery(NurseryCommand),
}

#[derive(Subcommand)]
enum NurseryCommand {
    /// Read the municipal files, place the children, check the result independently and write
    /// the result file with the reasons (理由). Exit status 65 when the input has errors (all
    /// listed, nothing written).
    Match {
        /// 申込者データ (one row per child): CSV, UTF-8 or Shift_JIS.
        #[arg(long)]
        children: PathBuf,
        /// 保育所データ (one row per facility).
        #[arg(long)]
        facilities: PathBuf,
        /// 組み合わせファイル: ranked options of sibling households.
        #[arg(long)]
        combinations: Option<PathBuf>,
        /// Column names other than the defaults (TOML: 申請者番号 = "受付番号").
        #[arg(long)]
        columns: Option<PathBuf>,
        /// The result CSV.
        #[arg(long)]
        out: PathBuf,
        /// Write UTF-8 (with BOM) instead of Shift_JIS.
        #[arg(long)]
        utf8: bool,
    },
    /// Write a generated instance (申込者.csv, 保育所.csv, 組み合わせ.csv) for tests and
    /// benchmarks: about 10 % of children in sibling households and 5 % transfers.
    Generate {
        #[arg(long)]
        children: usize,
        #[arg(long)]
        facilities: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out_dir: PathBuf,
        /// Write UTF-8 (with BOM) instead of Shift_JIS.
        #[arg(long)]
        utf8: bool,
    },
}

#[derive(Subcommand)]
enum ReadersCommand {
    /// Play a morning rush (登校) or a dismissal (下校) through the reader API of a running server,
    /// with the readers, secrets and tags in the database (for demos and benchmarks).
    Simulate {
        /// The running server's base URL (plain http).
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        url: String,
        /// Only this school (by name); default: every school.
        #[arg(long)]
        school: Option<String>,
        /// morning: arrivals at the gates, some after a waypoint; dismissal: departures, some on
        /// to a waypoint such as 学童クラブ.
        #[arg(long)]
        scenario: Scenario,
        /// Spread the reads over this many minutes in real time; 0 sends them as fast as possible.
        #[arg(long, default_value_t = 0)]
        minutes: u32,
        /// The most events per request and reader (1-500).
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u16).range(1..=500))]
        batch: u16,
        /// Readers sending in parallel (one thread each for its share of the readers).
        #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..))]
        concurrency: u16,
        /// Seed of the plan: the same seed sends the same children through the same readers.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Send a batch again after a 5xx, 409 or no answer, up to this many times, as a reader
        /// does (same seq values, re-signed, after 1 s, 2 s, 4 s … or Retry-After).
        #[arg(long, default_value_t = 0)]
        retries: u32,
    },
}

#[derive(Subcommand)]
enum MemberCommand {
    /// Add an approved member whose address counts as verified.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password: String,
        /// guardian, supporter, teacher, coordinator or admin; repeat or separate with commas.
        #[arg(long = "role", required = true, value_delimiter = ',')]
        roles: Vec<String>,
        /// Nickname shown to other members.
        #[arg(long)]
        name: String,
        /// Real name (coordinators only); defaults to the nickname.
        #[arg(long)]
        real_name: Option<String>,
        /// Community area, by name.
        #[arg(long)]
        area: Option<String>,
    },
    /// Show a member's roles, addresses and their health.
    Show {
        #[arg(long)]
        email: String,
    },
}

fn main() -> ExitCode {
    hiroba::startup::return_large_blocks();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Postfix must only ever see 0/65/67/75 from mail-in: a broken master.cf line keeps the
        // mail queued rather than bouncing it.
        Err(e) if std::env::args().any(|a| a == "mail-in") => {
            hiroba::mail::inbound::pipe::tell_mta(e);
            return ExitCode::from(hiroba::mail::inbound::intake::EX_TEMPFAIL);
        }
        Err(e) => e.exit(),
    };
    let settings = Settings::load(cli.config.as_deref(), |name| std::env::var(name).ok()).map_err(|e| e.to_string());
    let outcome = match cli.command {
        Command::Import { kind, file } => {
            return match settings
                .map_err(ImportFailure::Other)
                .and_then(|settings| import(settings, kind, &file))
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(ImportFailure::Data(message)) => {
                    eprintln!("{message}");
                    ExitCode::from(hiroba::mail::inbound::intake::EX_DATAERR)
                }
                Err(ImportFailure::Other(message)) => {
                    eprintln!("hiroba: {message}");
                    ExitCode::FAILURE
                }
            };
        }
        Command::Nursery(command) => return nursery(command),
        Command::MailIn { recipient, sender } => {
            let input = std::io::stdin().lock();
            return ExitCode::from(hiroba::mail::inbound::pipe::mail_in(
                settings,
                &recipient,
                sender.as_deref(),
                input,
            ));
        }
        command => settings.and_then(|settings| run(settings, command)),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("hiroba: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(settings: Settings, command: Command) -> Result<(), String> {
    match command {
        Command::Migrate => {
            build_state(settings).map_err(|e| e.to_string())?;
            println!("データベースは最新です (database is up to date)");
            Ok(())
        }
        Command::Serve => serve(settings, false),
        Command::Demo => serve(hiroba::demo::settings(settings), true),
        Command::Member(command) => member(settings, command),
        Command::MailIn { .. } | Command::Import { .. } | Command::Nursery(_) => Err("dispatched by main".into()),
        Command::Worker { until_idle } => worker(settings, until_idle),
        Command::Readers(command) => readers(settings, command),
    }
}

fn readers(settings: Settings, command: ReadersCommand) -> Result<(), String> {
    let ReadersCommand::Simulate {
        url,
        school,
        scenario,
        minutes,
        batch,
        concurrency,
        seed,
        retries,
    } = command;
    let state = build_state(settings).map_err(|e| e.to_string())?;
    let participants = {
        let mut conn = state.pool.get().map_err(|e| e.to_string())?;
        Participants::load(&mut conn, school.as_deref()).map_err(|e| e.to_string())?
    };
    // The run needs no database: close the pool before it rather than at exit.
    drop(state);
    let options = simulate::Options {
        url,
        scenario,
        minutes,
        batch: usize::from(batch),
        concurrency: usize::from(concurrency),
        seed,
        retries,
    };
    let summary = simulate::simulate(&participants, &options).map_err(|e| e.to_string())?;
    print!("{summary}");
    if summary.undelivered > 0 {
        return Err(format!(
            "{} 件のイベントを送れませんでした ({} events not delivered; {} requests failed)",
            summary.undelivered, summary.undelivered, summary.failed
        ));
    }
    Ok(())
}

fn member(settings: Settings, command: MemberCommand) -> Result<(), String> {
    let state = build_state(settings).map_err(|e| e.to_string())?;
    let mut conn = state.pool.get().map_err(|e| e.to_string())?;
    match command {
        MemberCommand::Add {
            email,
            password,
            roles,
            name,
            real_name,
            area,
        } => {
            let roles = roles
                .iter()
                .map(|r| Role::parse(r.trim()).ok_or_else(|| format!("役割「{r}」はありません (unknown role)")))
                .collect::<Result<Vec<_>, _>>()?;
            let (id, stored) = add_member(
                &mut conn,
                &state.ctx.profiles,
                &AddMember {
                    email: &email,
                    password: &password,
                    roles: &roles,
                    nickname: &name,
                    real_name: real_name.as_deref().unwrap_or(&name),
                    area: area.as_deref(),
                    status: MemberStatus::Approved,
                },
            )?;
            println!("会員を登録しました (member added): id {id}, {stored}");
        }
        MemberCommand::Show { email } => {
            print!("{}", describe_member(&mut conn, &email, &state.settings().mail.domain)?)
        }
    }
    Ok(())
}

/// Why an import stopped: the file (exit 65) or anything else (exit 1).
enum ImportFailure {
    Data(String),
    Other(String),
}

impl From<String> for ImportFailure {
    fn from(message: String) -> Self {
        ImportFailure::Other(message)
    }
}

fn import(settings: Settings, kind: RosterKind, file: &std::path::Path) -> Result<(), ImportFailure> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let roster = parse_roster(kind, &bytes).map_err(|e| {
        ImportFailure::Data(format!(
            "{} を取り込めませんでした。何も登録していません。\n{e}",
            file.display()
        ))
    })?;
    let state = build_state(settings).map_err(|e| e.to_string())?;
    let mut conn = state.pool.get().map_err(|e| e.to_string())?;
    let progress = hiroba::progress::spinner("名簿を取り込んでいます (importing the roster)");
    let imported = hiroba::watch::import::import(&mut conn, &roster);
    progress.finish_and_clear();
    match imported {
        Ok(done) => {
            println!(
                "{}の名簿を取り込みました (imported): 追加 {} 件、更新 {} 件",
                kind.label(),
                done.added,
                done.updated
            );
            Ok(())
        }
        Err(ImportError::Roster(e)) => Err(ImportFailure::Data(format!(
            "{} を取り込めませんでした。何も登録していません。\n{e}",
            file.display()
        ))),
        Err(ImportError::Db(e)) => Err(ImportFailure::Other(e.to_string())),
    }
}

/// The nursery commands need no settings and no database.
fn nursery(command: NurseryCommand) -> ExitCode {
    use hiroba::nursery::{Encoding, MatchFailure, MatchFiles};
    let encoding = |utf8: bool| if utf8 { Encoding::Utf8 } else { Encoding::ShiftJis };
    match command {
        NurseryCommand::Match {
            children,
            facilities,
            combinations,
            columns,
            out,
            utf8,
        } => {
            let files = MatchFiles {
                children,
                facilities,
                combinations,
                columns,
                out,
                encoding: encoding(utf8),
            };
            let progress = hiroba::progress::spinner("入所選考をしています (matching)");
            let done = hiroba::nursery::match_files(&files);
            progress.finish_and_clear();
            match done {
                Ok(report) => {
                    println!("{report}");
                    println!("結果 (result): {}", files.out.display());
                    ExitCode::SUCCESS
                }
                Err(MatchFailure::Input(errors)) => {
                    eprintln!(
                        "入力に {} 件の誤りがあります。結果は書いていません。 ({} problems in the input; nothing written)",
                        errors.len(),
                        errors.len()
                    );
                    for error in errors {
                        eprintln!("{error}");
                    }
                    ExitCode::from(hiroba::mail::inbound::intake::EX_DATAERR)
                }
                Err(MatchFailure::Io(message)) => {
                    eprintln!("hiroba: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        NurseryCommand::Generate {
            children,
            facilities,
            seed,
            out_dir,
            utf8,
        } => {
            let spec = hiroba::domain::nursery::generate::Spec {
                children,
                facilities,
                seed,
            };
            match hiroba::nursery::generate_files(spec, &out_dir, encoding(utf8)) {
                Ok(paths) => {
                    for path in paths {
                        println!("{}", path.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("hiroba: {message}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn worker(settings: Settings, until_idle: bool) -> Result<(), String> {
    let state = build_state(settings).map_err(|e| e.to_string())?;
    let worker = Worker::new(state.ctx, state.pool, state.wakeup)?;
    if !until_idle {
        worker.run_forever();
        return Ok(());
    }
    let done = worker.run_until_idle().map_err(|e| e.to_string())?;
    let (jobs, mails) = worker.backlog().map_err(|e| e.to_string())?;
    println!(
        "処理しました (done): ジョブ {} 件、メール {} 件。後で再試行 (waiting for a retry): ジョブ {jobs} 件、メール {mails} 件",
        done.jobs, done.mails
    );
    Ok(())
}

fn serve(settings: Settings, demo: bool) -> Result<(), String> {
    let state = build_state(settings).map_err(|e| e.to_string())?;
    if demo {
        let progress = hiroba::progress::spinner("デモデータを用意しています (seeding the demo)");
        let seeded = hiroba::demo::seed_showing(&state.ctx, &state.pool, &progress)?;
        progress.finish_and_clear();
        log::info!("demo data: {} notices added", seeded.notices);
        let asked = hiroba::demo::seed_live(&state.ctx, &state.pool, &seeded)?;
        log::info!("demo data: {asked} support requests asked today");
        if seeded.demo_logins {
            println!("{}", hiroba::demo::logins());
        }
        if let Some(path) = seeded.home_board_path() {
            println!(
                "ホーム端末 (the demo's home board): {}{path}",
                state.settings().base_url
            );
        }
    }
    let state = Arc::new(state);
    let base_url = state.settings().base_url.clone();
    let app = Application::build(Arc::clone(&state)).map_err(|e| e.to_string())?;
    println!("Hiroba: {base_url} (port {})", app.port());
    let mail = &state.settings().mail;
    if let Some(addr) = mail.listen {
        let listener = std::net::TcpListener::bind(addr).map_err(|e| format!("SMTP {addr}: {e}"))?;
        hiroba::mail::inbound::listener::spawn(
            listener,
            state.pool.clone(),
            &mail.domain,
            mail.bounce_secret.as_deref(),
            mail.max_message_bytes,
        )
        .map_err(|e| e.to_string())?;
        println!("SMTP: {addr} (entry@{} など)", mail.domain);
    }
    Worker::spawn(&state.ctx, &state.pool, &state.wakeup, mail.workers)?;
    hiroba::stats::counter::spawn_flusher(Arc::clone(&state.page_views), state.pool.clone())
        .map_err(|e| e.to_string())?;
    if let hiroba::config::Transport::Directory(dir) = &mail.transport {
        println!("送信メールの保存先 (outgoing mail is written to): {}", dir.display());
    }
    let stopped = actix_web::rt::System::new()
        .block_on(app.run_until_stopped())
        .map_err(|e| e.to_string());
    // The last seconds' page views.
    hiroba::stats::counter::flush_now(&state.page_views, &state.pool);
    stopped
}

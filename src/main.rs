//! The `hiroba` command: serve, demo, migrate.

use clap::{Parser, Subcommand};
use hiroba::config::Settings;
use hiroba::startup::{build_state, Application};
use std::path::PathBuf;
use std::process::ExitCode;

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
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("hiroba: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let settings = Settings::load(cli.config.as_deref(), |name| std::env::var(name).ok()).map_err(|e| e.to_string())?;
    match cli.command {
        Command::Migrate => {
            build_state(settings).map_err(|e| e.to_string())?;
            println!("データベースは最新です (database is up to date)");
            Ok(())
        }
        Command::Serve => serve(settings, false),
        Command::Demo => serve(settings, true),
    }
}

fn serve(settings: Settings, demo: bool) -> Result<(), String> {
    let state = build_state(settings).map_err(|e| e.to_string())?;
    if demo {
        let seeded = hiroba::demo::seed(&state.pool)?;
        log::info!("demo data: {seeded} notices added");
    }
    let base_url = state.settings.base_url.clone();
    let app = Application::build(state).map_err(|e| e.to_string())?;
    println!("Hiroba: {base_url} (port {})", app.port());
    actix_web::rt::System::new()
        .block_on(app.run_until_stopped())
        .map_err(|e| e.to_string())
}

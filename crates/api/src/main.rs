//! `onestop`: serve the API and web app, apply migrations, seed data, print the OpenAPI document.

use anyhow::Context;
use clap::{Parser, Subcommand};
use onestop_api::clock::{Clock, SystemClock};
use onestop_api::config::Settings;
use onestop_api::db::Db;
use onestop_api::{openapi, seed, telemetry, Application};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "onestop",
    version,
    about = "一站式学生社区 — the one-stop student community platform"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API, its docs and the web app (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load units (and with --demo, demo accounts). Safe to run again.
    Seed {
        /// Also create the demo accounts (password demo1234).
        #[arg(long)]
        demo: bool,
        /// A plan.json to load units from instead of the built-in plan.
        #[arg(long, value_name = "FILE")]
        plan: Option<PathBuf>,
        /// Also add this many synthetic requests, for benchmarks (needs --demo's grid).
        #[arg(long, value_name = "N")]
        bulk_requests: Option<usize>,
    },
    /// Print the OpenAPI document (what openapi/openapi.json must hold).
    Openapi,
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Some(Command::Openapi) = cli.command {
        print!("{}", openapi::document_json());
        return Ok(());
    }
    let settings = Settings::from_env()?;
    telemetry::init(settings.log_format);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(settings, Arc::new(SystemClock)).await?;
            tracing::info!(port = app.port(), "onestop is listening");
            app.run().await?;
            tracing::info!("stopped");
        }
        Command::Migrate => {
            let db = Db::connect(&settings.database_url, 1)?;
            let n = db.migrate()?;
            println!("{n} migration(s) applied");
        }
        Command::Seed {
            demo,
            plan,
            bulk_requests,
        } => {
            let db = Db::connect(&settings.database_url, 2)?;
            db.migrate()?;
            let clock = SystemClock;
            if let Some(path) = plan {
                let json = std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                let n = seed::units(&db, &clock, &json)?;
                seed::sla_defaults(&db, &clock)?;
                let now = clock.now();
                let tasks = db.write_now(|c| seed::plan::load(c, &json, now))?;
                println!("{tasks} plan tasks loaded");
                println!("{n} units loaded from {}", path.display());
            }
            if demo {
                let report = seed::demo(&db, &clock, seed::grid::DemoScale::FULL)?;
                println!(
                    "demo data ready: {} units, {} new demo accounts, {} new beds (password {})",
                    report.units,
                    report.users_created,
                    report.beds,
                    seed::DEMO_PASSWORD
                );
            }
            if let Some(n) = bulk_requests {
                let made = seed::bulk::requests(&db, n, clock.now())?;
                println!("{made} synthetic requests added");
            }
        }
        Command::Openapi => {}
    }
    Ok(())
}

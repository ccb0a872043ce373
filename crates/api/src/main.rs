//! `onestop`: serve the API and web app, apply migrations, seed data, print the OpenAPI document.

use anyhow::Context;
use clap::{Parser, Subcommand};
use onestop_api::clock;
use onestop_api::config::Settings;
use onestop_api::db::Db;
use onestop_api::{openapi, seed, setup, telemetry, Application};
use std::path::PathBuf;

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
    /// Prepare a real deployment on an empty database: the plan's units and
    /// tasks, the colleges, the default deadlines. Safe to run again.
    Init {
        /// The plan document (see crates/api/seed/plan.json).
        #[arg(long, value_name = "FILE")]
        plan: PathBuf,
        /// The university's colleges (see crates/api/seed/colleges.json).
        #[arg(long, value_name = "FILE")]
        colleges: Option<PathBuf>,
    },
    /// Administrators, from the console (the password is asked for, never an argument).
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Demo data: units, colleges, the grid, demo accounts (password demo1234),
    /// requests and reform progress. Safe to run again; refused on a real deployment.
    Seed {
        /// Create the demo data (required: seeding is only ever the demo).
        #[arg(long, required = true)]
        demo: bool,
        /// Also add this many synthetic requests, for benchmarks.
        #[arg(long, value_name = "N")]
        bulk_requests: Option<usize>,
    },
    /// Print the OpenAPI document (what openapi/openapi.json must hold).
    Openapi,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an administrator. The password is read from the terminal (asked
    /// twice) or, when stdin is not a terminal, from its first line.
    Create {
        username: String,
        /// The name shown to others.
        #[arg(long, default_value = "系统管理员")]
        name: String,
    },
    /// Set an account's password (e.g. a locked-out administrator's); its sessions end.
    SetPassword { username: String },
}

/// A password from the terminal without echo (twice, to catch typos), or the
/// first line of stdin when it is a pipe (for scripts and `docker compose run -T`).
fn read_password() -> anyhow::Result<String> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let again = rpassword::prompt_password("Password again: ")?;
        anyhow::ensure!(
            first == again,
            "the two passwords differ; nothing was changed"
        );
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
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
            let clock = clock::configured(settings.clock_start);
            let app = Application::build(settings, clock).await?;
            tracing::info!(port = app.port(), "onestop is listening");
            app.run().await?;
            tracing::info!("stopped");
        }
        Command::Migrate => {
            let db = Db::connect(&settings.database_url, 1)?;
            let n = db.migrate()?;
            println!("{n} migration(s) applied");
        }
        Command::Init { plan, colleges } => {
            let db = Db::connect(&settings.database_url, 2)?;
            db.migrate()?;
            let shared = clock::configured(settings.clock_start);
            let read = |p: &PathBuf| {
                std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))
            };
            let plan_json = read(&plan)?;
            let colleges_json = colleges.as_ref().map(read).transpose()?;
            let done = setup::init(&db, shared.as_ref(), &plan_json, colleges_json.as_deref())?;
            println!(
                "ready: {} units, {} plan tasks loaded. Next: onestop admin create <username>",
                done.units, done.tasks
            );
            if colleges.is_none() {
                println!("no colleges were loaded; run again with --colleges FILE to add them");
            }
        }
        Command::Admin { command } => {
            let db = Db::connect(&settings.database_url, 2)?;
            db.migrate()?;
            let shared = clock::configured(settings.clock_start);
            match command {
                AdminCommand::Create { username, name } => {
                    let password = read_password()?;
                    setup::create_admin(&db, shared.as_ref(), &username, &name, &password)?;
                    println!("administrator {username} created; sign in at /");
                }
                AdminCommand::SetPassword { username } => {
                    let password = read_password()?;
                    setup::set_password(&db, shared.as_ref(), &username, &password)?;
                    println!("password of {username} set; its sessions have ended");
                }
            }
        }
        Command::Seed {
            demo: _,
            bulk_requests,
        } => {
            let db = Db::connect(&settings.database_url, 2)?;
            db.migrate()?;
            let shared = clock::configured(settings.clock_start);
            let clock = shared.as_ref();
            let report = seed::demo(&db, clock, seed::grid::DemoScale::FULL)?;
            println!(
                "demo data ready: {} units, {} new demo accounts, {} new beds (password {})",
                report.units,
                report.users_created,
                report.beds,
                seed::DEMO_PASSWORD
            );
            if let Some(n) = bulk_requests {
                let made = seed::bulk::requests(&db, n, clock.now())?;
                println!("{made} synthetic requests added");
            }
        }
        Command::Openapi => {}
    }
    Ok(())
}

//! The `frontdesk` command: parse the command line, set up logging, call into the library.

use clap::{Parser, Subcommand};
use frontdesk::app::{shutdown_signal, App, BuildOptions};
use frontdesk::config::Config;
use frontdesk::store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "frontdesk",
    version,
    about = "AI receptionist: missed-call text-back and SMS conversations"
)]
struct Cli {
    /// Settings file (default: ./frontdesk.toml if it exists; environment variables win).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the webhooks and run the outbox worker.
    Serve {
        /// Import the example business (Dave's Plumbing) if the database has none.
        #[arg(long)]
        demo: bool,
    },
    /// Create the database if needed and apply pending migrations.
    Migrate,
    /// Manage business profiles.
    Business {
        #[command(subcommand)]
        command: BusinessCommand,
    },
    /// Run the conversation evaluation suite (evals/scenarios) and score the receptionist.
    Eval {
        /// The folder with businesses/, calendars/ and scenarios/.
        #[arg(long, default_value = "evals")]
        dir: PathBuf,
        /// Only scenarios whose name or file contains this.
        #[arg(long)]
        only: Option<String>,
        /// Also write the report as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Scenarios run at once.
        #[arg(long, default_value_t = 4)]
        parallel: usize,
    },
    /// Dashboard accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Check that this installation is ready for real callers: settings, database, each
    /// business (numbers, provider, who is alerted, dashboard accounts, calendar feeds) and the
    /// model endpoint, each with a line saying how to fix it. Exits non-zero on a problem.
    Doctor,
    /// Calendar feeds, open slots and the bookings feed.
    Calendar {
        #[command(subcommand)]
        command: CalendarCommand,
    },
    /// Callers' data.
    Contact {
        #[command(subcommand)]
        command: ContactCommand,
    },
    /// Copy the SQLite database to a new file while the server runs (PostgreSQL: use pg_dump).
    Backup { file: PathBuf },
}

#[derive(Subcommand)]
enum ContactCommand {
    /// Erase a caller's texts and details on their request; keep only their opt-out, so they
    /// are never texted again. Upcoming bookings keep their time, without the caller's details.
    Forget {
        /// The caller's number, e.g. +15551234567.
        number: String,
        /// Only at this business (by name or number); default: every business.
        #[arg(long)]
        business: Option<String>,
    },
}

#[derive(Subcommand)]
enum CalendarCommand {
    /// Health of each calendar feed: last success, last error, events.
    Status { name_or_number: String },
    /// Fetch every feed of the business now.
    Refresh { name_or_number: String },
    /// Print the secret address of the bookings feed to subscribe to.
    Url { name_or_number: String },
    /// Show what would be offered now.
    Slots {
        name_or_number: String,
        /// A service from the profile (default: the slot length).
        #[arg(long)]
        service: Option<String>,
        /// The caller's words about timing, e.g. "tomorrow after 3".
        #[arg(long, default_value = "")]
        when: String,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Give someone access to a business's dashboard (creating the account if needed). Prints a
    /// one-time password for a new account, unless --password-stdin gives the password.
    Add {
        /// The business, by name or phone number.
        #[arg(long)]
        business: String,
        #[arg(long)]
        email: String,
        /// owner (everything) or staff (inbox and bookings).
        #[arg(long)]
        role: String,
        /// Shown on their replies (default: the part of the email before @).
        #[arg(long)]
        name: Option<String>,
        /// Read the password from standard input instead of generating a one-time password.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List the accounts of a business.
    List { business: String },
    /// Give an account a new one-time password (printed once) and end its sessions.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
enum BusinessCommand {
    /// Create or update a business from a profile TOML file (matched by phone number).
    Import { file: PathBuf },
    /// Print a business's profile as TOML.
    Export { name_or_number: String },
    /// List businesses.
    List,
}

fn init_logging(json: bool, quiet: bool) {
    let default = if quiet { "warn" } else { "info,sqlx=warn" };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colours only on a terminal: not as escape codes in a redirected log.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("frontdesk: {e}");
            return ExitCode::from(2);
        }
    };
    init_logging(config.log_json, matches!(cli.command, Command::Eval { .. }));
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("frontdesk: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command, config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("frontdesk: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    if let Command::Eval {
        dir,
        only,
        json,
        parallel,
    } = &command
    {
        let report =
            frontdesk::eval::run_suite(dir, only.as_deref(), config.llm.clone(), *parallel).await?;
        print!("{}", frontdesk::eval::render(&report));
        if let Some(path) = json {
            std::fs::write(path, serde_json::to_string_pretty(&report)?)?;
        }
        if report.totals.hard_failures > 0 {
            anyhow::bail!(
                "{} hard failures (grounding, missed emergency hand-off, or a text after STOP)",
                report.totals.hard_failures
            );
        }
        return Ok(());
    }
    if let Command::Doctor = command {
        let report = frontdesk::doctor::check(&config, std::time::Duration::from_secs(5)).await;
        print!("{}", report.render());
        if report.failed() {
            std::process::exit(1);
        }
        return Ok(());
    }
    let store = Store::open(&config.database_url, config.db_max_connections).await?;
    match command {
        Command::Serve { demo } => {
            if demo {
                if let Some(name) = frontdesk::cli::ensure_demo_business(&store).await? {
                    tracing::info!("demo: imported the example business '{name}'");
                }
                if let Some((email, password)) = frontdesk::cli::ensure_demo_owner(&store).await? {
                    tracing::info!(
                        "demo: dashboard at http://{}/login: sign in as {email} with the one-time password {password}",
                        config.listen
                    );
                }
            }
            let app = App::build(
                config,
                BuildOptions {
                    store: Some(store),
                    ..Default::default()
                },
            )
            .await?;
            // Who answers callers, said once at start-up.
            match &app.state().llm {
                Some(llm) => tracing::info!(
                    "receptionist: the model '{}' at {} (the built-in policy answers if it fails)",
                    llm.model,
                    app.state().config.llm.as_ref().map(|l| l.base_url.as_str()).unwrap_or("")
                ),
                None => tracing::info!(
                    "receptionist: the built-in policy (no model configured; set OPENAI_BASE_URL to use one)"
                ),
            }
            if demo {
                // A new call and caller each run: the same ones again would be a duplicate webhook
                // and inside the caller's text-back cooldown, and do nothing.
                let run = chrono::Utc::now().timestamp();
                tracing::info!(
                    "demo: simulate a missed call with\n  curl --data-urlencode CallSid=CAdemo{run} --data-urlencode From=+1555013{:04} --data-urlencode To=+15550100200 http://{}/webhooks/twilio/voice",
                    run % 10_000,
                    app.local_addr()
                );
            }
            app.run_until_stopped(shutdown_signal()).await
        }
        Command::Contact {
            command: ContactCommand::Forget { number, business },
        } => {
            let out = frontdesk::cli::contact_forget(&store, &number, business.as_deref()).await?;
            print!("{out}");
            Ok(())
        }
        Command::Backup { file } => {
            print!("{}", frontdesk::cli::backup(&store, &file).await?);
            Ok(())
        }
        Command::User { command } => {
            let out = match command {
                UserCommand::Add {
                    business,
                    email,
                    role,
                    name,
                    password_stdin,
                } => {
                    let password = if password_stdin {
                        let mut line = String::new();
                        std::io::stdin().read_line(&mut line)?;
                        Some(line.trim_end_matches(['\r', '\n']).to_string())
                    } else {
                        None
                    };
                    frontdesk::cli::user_add(
                        &store,
                        &business,
                        &email,
                        &role,
                        name.as_deref(),
                        password.as_deref(),
                    )
                    .await?
                }
                UserCommand::List { business } => {
                    frontdesk::cli::user_list(&store, &business).await?
                }
                UserCommand::ResetPassword { email } => {
                    frontdesk::cli::user_reset_password(&store, &email).await?
                }
            };
            print!("{out}");
            Ok(())
        }
        Command::Migrate => {
            println!("database is up to date");
            Ok(())
        }
        Command::Eval { .. } | Command::Doctor => unreachable!("handled above"),
        Command::Calendar { command } => {
            let state = frontdesk::app::AppState::new(config, store, None)?;
            let out = match command {
                CalendarCommand::Status { name_or_number } => {
                    frontdesk::cli::calendar_status(&state, &name_or_number).await?
                }
                CalendarCommand::Refresh { name_or_number } => {
                    frontdesk::cli::calendar_refresh(&state, &name_or_number).await?
                }
                CalendarCommand::Url { name_or_number } => {
                    frontdesk::cli::calendar_url(&state, &name_or_number).await?
                }
                CalendarCommand::Slots {
                    name_or_number,
                    service,
                    when,
                } => {
                    frontdesk::cli::calendar_slots(
                        &state,
                        &name_or_number,
                        service.as_deref(),
                        &when,
                    )
                    .await?
                }
            };
            print!("{out}");
            Ok(())
        }
        Command::Business { command } => {
            let out = match command {
                BusinessCommand::Import { file } => {
                    frontdesk::cli::import(&store, &file, config.feed_policy()).await? + "\n"
                }
                BusinessCommand::Export { name_or_number } => {
                    frontdesk::cli::export(&store, &name_or_number).await?
                }
                BusinessCommand::List => frontdesk::cli::list(&store).await?,
            };
            print!("{out}");
            Ok(())
        }
    }
}

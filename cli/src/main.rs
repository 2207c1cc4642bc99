//! `dermaroll`: the terminal shell over the dermaroll core. Like the phone
//! shells it decides nothing: it asks the core and prints the answer.

mod paths;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dermaroll_core::protocol::{self, Experience, RollerInput, SkinSensitivity, Verdict};

/// Guided at-home dermarolling for acne scars: the terminal shell.
#[derive(Debug, Parser)]
#[command(name = "dermaroll", version, about)]
struct Cli {
    /// The journal file (default: journal.sqlite3 in the platform's data directory).
    #[arg(long, global = true, env = "DERMAROLL_JOURNAL")]
    journal: Option<PathBuf>,
    /// Print data as JSON, for scripts.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check whether a roller is right for you at home (the safety gate).
    CheckRoller {
        /// Needle length in millimetres, as printed on the roller.
        #[arg(long)]
        needle_mm: f64,
        /// How easily your skin reacts.
        #[arg(long, value_enum, default_value_t = Skin::Normal)]
        skin: Skin,
        /// Whether you have rolled before.
        #[arg(long)]
        experienced: bool,
    },
}

/// Skin sensitivity as typed on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Skin {
    Sensitive,
    Normal,
    Resilient,
}

impl From<Skin> for SkinSensitivity {
    fn from(skin: Skin) -> Self {
        match skin {
            Skin::Sensitive => Self::Sensitive,
            Skin::Normal => Self::Normal,
            Skin::Resilient => Self::Resilient,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dermaroll: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<()> {
    let journal = paths::journal_path(cli.journal.clone())?;
    match &cli.command {
        None => overview(cli.json, &journal),
        Some(Command::CheckRoller {
            needle_mm,
            skin,
            experienced,
        }) => check_roller(cli.json, *needle_mm, *skin, *experienced),
    }
}

/// What `dermaroll` with no command prints: where the journal lives and what to try.
fn overview(json: bool, journal: &std::path::Path) -> anyhow::Result<()> {
    if json {
        let value = serde_json::json!({
            "version": env!("CARGO_PKG_VERSION"),
            "journal": journal.display().to_string(),
        });
        println!("{value}");
        return Ok(());
    }
    println!("dermaroll {}", env!("CARGO_PKG_VERSION"));
    println!("journal: {}", journal.display());
    println!();
    println!("Try: dermaroll check-roller --needle-mm 0.5 --skin normal");
    println!("     dermaroll --help");
    Ok(())
}

fn check_roller(json: bool, needle_mm: f64, skin: Skin, experienced: bool) -> anyhow::Result<()> {
    let experience = if experienced {
        Experience::Experienced
    } else {
        Experience::FirstTimer
    };
    let check = protocol::check_roller(RollerInput {
        needle_mm,
        sensitivity: skin.into(),
        experience,
    })?;
    if json {
        println!("{}", serde_json::to_string(&check)?);
        return Ok(());
    }
    let headline = match check.verdict {
        Verdict::Go => "Go: this roller is fine for a home session.",
        Verdict::GoWithCautions => "Go, with cautions:",
        Verdict::Refused => "Not at home:",
    };
    println!("{headline}");
    for reason in &check.reasons {
        println!("  - {}", reason.text);
    }
    Ok(())
}

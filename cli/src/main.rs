//! `dermaroll`: the terminal shell over the dermaroll core. Like the phone
//! shells it decides nothing: it asks the core and prints the answer.

mod args;
mod chart;
mod clock;
mod commands;
mod files;
mod io;
mod layout;
mod passphrase;
mod paths;
mod speech;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dermaroll: {}", one_line(&error));
            ExitCode::FAILURE
        }
    }
}

/// An error as one line: what failed, then each cause that adds something
/// (a cause already said by the line before it is not repeated), newlines
/// flattened.
fn one_line(error: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = cause.to_string().replace('\n', " ");
        if !parts.iter().any(|said| said.contains(text.as_str())) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

fn run(cli: &Cli) -> anyhow::Result<()> {
    use commands::*;
    let json = cli.json;
    // The demo keeps its own scratch journal; it never touches the real one.
    if let Some(Command::Demo(args)) = &cli.command {
        return demo::run(json, args);
    }
    if let Some(Command::CheckRoller(args)) = &cli.command {
        return entries::check_roller(json, args);
    }
    let path = paths::journal_path(cli.journal.clone())?;
    let journal = paths::open(&path)?;
    match &cli.command {
        None => journal::overview(json, &journal),
        Some(Command::Profile(args)) => entries::profile(json, &journal, args),
        Some(Command::Roller(args)) => entries::roller(json, &journal, args),
        Some(Command::Checkin(args)) => entries::checkin(json, &journal, args),
        Some(Command::Scar(args)) => entries::scar(json, &journal, args),
        Some(Command::Photo(args)) => entries::photo(json, &journal, args),
        Some(Command::Journal(args)) => journal::timeline(json, &journal, args),
        Some(Command::Progress(args)) => progress::run(json, &journal, args),
        Some(Command::Plan(args)) => plan::run(json, &journal, args),
        Some(Command::Export(args)) => transfer::export(&journal, args),
        Some(Command::Import(args)) => transfer::import(json, &journal, args),
        Some(Command::Sync(args)) => sync::run(json, &journal, args),
        Some(Command::Note(args)) => edit::note(json, &journal, args),
        Some(Command::Delete(args)) => edit::delete(json, &journal, args),
        Some(Command::Session(args)) => session::run(json, &journal, args),
        Some(Command::Demo(_)) | Some(Command::CheckRoller(_)) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_one_line_that_never_repeats_a_cause() {
        let inner = anyhow::anyhow!("no such folder: /photos");
        let outer = inner
            .context("reading /photos: no such folder: /photos")
            .context("exporting the sync file");
        assert_eq!(
            one_line(&outer),
            "exporting the sync file: reading /photos: no such folder: /photos"
        );
        let multi = anyhow::anyhow!("first line\nsecond line");
        assert_eq!(one_line(&multi), "first line second line");
    }
}

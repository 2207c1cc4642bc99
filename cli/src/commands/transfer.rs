//! `dermaroll export` and `dermaroll import`.

use std::io::Write;

use anyhow::Context;
use dermaroll_core::journal::export_csv::CsvTable;
use dermaroll_core::journal::Journal;

use super::print_json;
use crate::args::{ExportArgs, ExportFormat, ImportArgs};
use crate::{clock, files};

/// `dermaroll export`: writes the export to `--out` or stdout. The export is
/// data already, so `--json` changes nothing.
pub fn export(journal: &Journal, args: &ExportArgs) -> anyhow::Result<()> {
    let mut buffer = Vec::new();
    match args.format {
        ExportFormat::Json => journal.export_json(&mut buffer)?,
        ExportFormat::CsvSessions => journal.export_csv(CsvTable::Sessions, &mut buffer)?,
        ExportFormat::CsvCheckIns => journal.export_csv(CsvTable::CheckIns, &mut buffer)?,
        ExportFormat::CsvRatings => journal.export_csv(CsvTable::Ratings, &mut buffer)?,
    }
    match &args.out {
        Some(path) => {
            files::write_atomically(path, |file| Ok(file.write_all(&buffer)?))?;
            eprintln!("exported to {}", path.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&buffer).context("writing stdout")?;
            out.flush().context("writing stdout")?;
        }
    }
    Ok(())
}

/// `dermaroll import`: one transaction into an empty journal.
pub fn import(json: bool, journal: &Journal, args: &ImportArgs) -> anyhow::Result<()> {
    let bytes = if args.file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).context("reading stdin")?;
        bytes
    } else {
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?
    };
    journal.import_json(bytes.as_slice(), &clock::now())?;
    let totals = journal.totals()?;
    if json {
        return print_json(&totals);
    }
    println!("Imported {}.", super::journal::totals_line(&totals));
    Ok(())
}

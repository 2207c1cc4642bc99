//! `dermaroll progress`: a scar's ratings as a chart file and a sparkline.

use std::path::PathBuf;

use anyhow::bail;
use dermaroll_core::journal::queries::ScarSeries;
use dermaroll_core::journal::Journal;
use serde::Serialize;

use super::{name, print_json};
use crate::args::ProgressArgs;
use crate::chart;

#[derive(Serialize)]
struct Progress {
    series: ScarSeries,
    chart: String,
    sparkline: String,
}

/// Writes the chart of `scar_id` (or the first scar) to `out` (or
/// `progress-<id>.svg` in `dir`) and returns the series, the file and the sparkline.
pub fn chart_for(
    journal: &Journal,
    scar_id: Option<&str>,
    out: Option<PathBuf>,
    dir: &std::path::Path,
) -> anyhow::Result<(ScarSeries, PathBuf, String)> {
    let id = match scar_id {
        Some(id) => id.to_string(),
        None => match journal.scars()?.first() {
            Some(scar) => scar.id.clone(),
            None => bail!("no scars followed yet: dermaroll scar add --area left-cheek --kind rolling --baseline 7"),
        },
    };
    let series = journal.scar_series(&id)?;
    // The baseline is the chart's first point.
    let mut points = vec![(series.scar.created.at, series.scar.input.baseline)];
    points.extend(series.ratings.iter().map(|r| (r.at.at, r.rating)));
    points.sort_by_key(|p| p.0);
    let ratings: Vec<u32> = points.iter().map(|p| p.1).collect();
    let path = out.unwrap_or_else(|| dir.join(format!("progress-{}.svg", &id[..id.len().min(8)])));
    let title = format!(
        "Scar on the {} ({}): visibility over time",
        name(&series.scar.input.area),
        name(&series.scar.input.kind)
    );
    chart::write_svg(&path, &title, &points)?;
    Ok((series, path, chart::sparkline(&ratings)))
}

/// `dermaroll progress`.
pub fn run(json: bool, journal: &Journal, args: &ProgressArgs) -> anyhow::Result<()> {
    // The chart goes beside the journal (the data folder) unless --out says
    // otherwise: never into whatever folder the command was run from.
    let folder = journal.path().parent().map_or_else(
        || std::path::PathBuf::from("."),
        std::path::Path::to_path_buf,
    );
    let (series, path, sparkline) =
        chart_for(journal, args.scar.as_deref(), args.out.clone(), &folder)?;
    if json {
        return print_json(&Progress {
            series,
            chart: path.display().to_string(),
            sparkline,
        });
    }
    print_summary(&series, &sparkline, &path);
    Ok(())
}

/// Prints a scar's sparkline, first and latest rating, and the chart's path.
pub fn print_summary(series: &ScarSeries, sparkline: &str, path: &std::path::Path) {
    let latest = series
        .ratings
        .last()
        .map_or(series.scar.input.baseline, |r| r.rating);
    println!(
        "{} ({}): {sparkline}  {} -> {} out of 10 ({} ratings)",
        name(&series.scar.input.area),
        name(&series.scar.input.kind),
        series.scar.input.baseline,
        latest,
        series.ratings.len()
    );
    println!("chart: {}", path.display());
}

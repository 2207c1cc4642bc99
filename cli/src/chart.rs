//! A scar's ratings as a chart: an SVG file (plotters' SVG backend writes
//! text as SVG text, so no font has to be installed) and a terminal
//! sparkline from the eight block characters.

use std::path::Path;

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use plotters::prelude::*;

/// One point: when, and the rating 0 – 10.
pub type Point = (DateTime<Utc>, u32);

/// Writes the chart of `points` to `path` as SVG, with a title, axes,
/// axis labels and dates.
pub fn write_svg(path: &Path, title: &str, points: &[Point]) -> anyhow::Result<()> {
    let (first, last) = match (points.first(), points.last()) {
        (Some(first), Some(last)) => (first.0, last.0),
        _ => anyhow::bail!("no ratings to chart"),
    };
    // A little room on both sides, and at least a week of span.
    let span = (last - first).max(Duration::days(7));
    let margin = span / 20;
    let (from, until) = (first - margin, last + margin);
    let root = SVGBackend::new(path, (900, 500)).into_drawing_area();
    let draw = |e: DrawingAreaErrorKind<_>| anyhow::anyhow!("drawing the chart: {e:?}");
    root.fill(&WHITE).map_err(draw)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 24))
        .margin(20)
        .x_label_area_size(50)
        .y_label_area_size(60)
        .build_cartesian_2d(from..until, 0u32..10u32)
        .map_err(draw)?;
    chart
        .configure_mesh()
        .x_desc("date")
        .y_desc("visibility (0 = invisible, 10 = very visible)")
        .x_labels(8)
        .y_labels(11)
        .x_label_formatter(&|at: &DateTime<Utc>| at.format("%Y-%m-%d").to_string())
        .draw()
        .map_err(draw)?;
    chart
        .draw_series(LineSeries::new(
            points.iter().copied(),
            BLUE.stroke_width(2),
        ))
        .map_err(draw)?
        .label("rating")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLUE));
    chart
        .draw_series(
            points
                .iter()
                .map(|&(at, rating)| Circle::new((at, rating), 4, BLUE.filled())),
        )
        .map_err(draw)?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE)
        .border_style(BLACK)
        .draw()
        .map_err(draw)?;
    root.present()
        .map_err(draw)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// The ratings as a sparkline: one block per rating, taller = more visible.
pub fn sparkline(ratings: &[u32]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    ratings
        .iter()
        .map(|&r| BLOCKS[usize::try_from(r.min(10) * 7 / 10).unwrap_or(7)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_spans_the_blocks() {
        assert_eq!(sparkline(&[0, 5, 10]), "▁▄█");
        assert_eq!(sparkline(&[]), "");
    }
}

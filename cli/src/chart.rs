//! A scar's ratings as a chart: an SVG file (plotters' SVG backend writes
//! text as SVG text, so no font has to be installed) and a terminal
//! sparkline from the eight block characters.

use std::path::Path;

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use plotters::prelude::*;

/// How a date label reads on the x axis.
const DATE_LABEL: &str = "%Y-%m-%d";

/// Date labels on the x axis (the axis spans at least a week, so no two
/// fall on the same date).
const X_LABELS: usize = 8;

/// One point: when, and the rating 0 – 10.
pub type Point = (DateTime<Utc>, u32);

/// Writes the chart of `points` to `path` as SVG, with a title, axes,
/// axis labels and dates.
pub fn write_svg(path: &Path, title: &str, points: &[Point]) -> anyhow::Result<()> {
    let (first, last) = match (points.first(), points.last()) {
        (Some(first), Some(last)) => (first.0, last.0),
        _ => anyhow::bail!("no ratings to chart"),
    };
    // At least a week on the axis (a shorter one would repeat its date
    // labels), and a little room on both sides.
    let last = last.max(first + Duration::days(7));
    let margin = (last - first) / 20;
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
        .x_labels(X_LABELS)
        .y_labels(11)
        .x_label_formatter(&|at: &DateTime<Utc>| at.format(DATE_LABEL).to_string())
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

    fn x_labels(svg: &str) -> Vec<String> {
        // Dates are the only texts of the form YYYY-MM-DD.
        svg.split('>')
            .filter_map(|part| part.split('<').next())
            .map(str::trim)
            .filter(|text| {
                text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-'
            })
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_x_axis_never_repeats_a_date() {
        let dir = tempfile::tempdir().unwrap();
        let start = DateTime::parse_from_rfc3339("2026-11-01T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        for (span_days, points) in [(0, 1), (2, 3), (6, 4), (30, 5), (400, 13)] {
            let series: Vec<Point> = (0..points)
                .map(|i| {
                    let offset = if points > 1 {
                        span_days * i / (points - 1)
                    } else {
                        0
                    };
                    (
                        start + Duration::days(offset),
                        7 - u32::try_from(i % 7).unwrap(),
                    )
                })
                .collect();
            let path = dir.path().join(format!("chart-{span_days}.svg"));
            write_svg(&path, "test", &series).unwrap();
            let labels = x_labels(&std::fs::read_to_string(&path).unwrap());
            let mut unique = labels.clone();
            unique.sort();
            unique.dedup();
            assert!(labels.len() >= 2, "{span_days} days: {labels:?}");
            assert_eq!(unique.len(), labels.len(), "{span_days} days: {labels:?}");
        }
    }

    #[test]
    fn sparkline_spans_the_blocks() {
        assert_eq!(sparkline(&[0, 5, 10]), "▁▄█");
        assert_eq!(sparkline(&[]), "");
    }
}

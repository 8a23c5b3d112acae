//! Measured values as the pages show them: the value in its unit with its 95 % margin, n,
//! the figure beside it, whether it rests on too few answers, and a small trend over waves.

use super::markdown::escape;
use crate::analysis::measured::{self, Point};
use crate::analysis::metrics::{self, Aggregate};
use crate::labels::Labels;
use crate::model::{Metric, Scale};
use serde::Serialize;

/// One measured value, in words and numbers ready for a template.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// The value in its unit: `75%`, `+25`, `5.5`.
    pub value: String,
    /// `±4.2`, or empty when the margin is unknown.
    pub margin: String,
    /// The number of answers.
    pub n: u32,
    /// The figure shown beside: the mean for CSAT, the share of 5-7 for CES.
    pub beside: String,
    /// True below `measurements.min_n`: shown greyed and marked.
    pub thin: bool,
    /// The value on the emotion scale, one decimal.
    pub emotion: String,
    /// The wave's name.
    pub wave: String,
    /// The wave's date.
    pub date: String,
}

/// A value of a metric in its unit, as the language writes numbers: the one rule of
/// [`measured::shown`] (`+12.5`, `73.1%`, `2.8`).
pub fn value(metric: Metric, value: f64, labels: &Labels) -> String {
    labels.localise(measured::shown(metric, value))
}

/// A margin in the value's unit: points for NPS and CSAT, the mean's unit for CES and score.
fn margin(margin: Option<f64>, labels: &Labels) -> String {
    margin.map_or_else(String::new, |m| labels.localise(measured::shown_margin(m)))
}

/// The figure of one point of a series.
pub fn figure(point: &Point<'_>, min_n: u32, scale: &Scale, labels: &Labels) -> Figure {
    let a = &point.aggregate;
    Figure {
        value: value(a.metric, a.value, labels),
        margin: margin(a.margin, labels),
        n: a.n,
        beside: beside(a, labels),
        thin: a.n < min_n,
        emotion: labels.signed(metrics::as_emotion(a.metric, a.value, point.scale, scale)),
        wave: point.wave.name.clone(),
        date: point.wave.date.clone(),
    }
}

fn beside(a: &Aggregate, labels: &Labels) -> String {
    let Some(figure) = a.beside else {
        return String::new();
    };
    match a.metric {
        Metric::Csat => labels.fill("measured.mean", &[("value", labels.decimal(figure))]),
        Metric::Ces => labels.fill(
            "measured.agree",
            &[("value", labels.localise(measured::shown_share(figure)))],
        ),
        Metric::Nps | Metric::Score => String::new(),
    }
}

/// The change of the last of `points` from the one before, in the metric's unit, with the
/// earlier wave: "+13.0 points since Autumn 2026 survey"; `None` with fewer than two.
pub fn change(points: &[Point<'_>], labels: &Labels) -> Option<String> {
    let [.., before, latest] = points else {
        return None;
    };
    let shown = measured::shown_gap(latest.aggregate.value - before.aggregate.value);
    let signed = if shown.starts_with('-') || shown == "0.0" {
        shown
    } else {
        format!("+{shown}")
    };
    let change = match latest.aggregate.metric {
        Metric::Nps | Metric::Csat => {
            labels.fill("plans.points", &[("count", labels.localise(signed))])
        }
        Metric::Ces | Metric::Score => labels.localise(signed),
    };
    Some(labels.fill(
        "measured.change",
        &[("change", change), ("wave", before.wave.name.clone())],
    ))
}

/// A small line of a series' values over waves, as inline SVG; `None` for fewer than two.
/// Each value is placed by where it lies between its metric's worst and best.
pub fn trend(points: &[Point<'_>], labels: &Labels) -> Option<String> {
    if points.len() < 2 {
        return None;
    }
    let (width, height, pad) = (84.0, 24.0, 3.0);
    let step = (width - 2.0 * pad) / (points.len() - 1) as f64;
    let fractions: Vec<f64> = points
        .iter()
        .map(|p| metrics::fraction(p.aggregate.metric, p.aggregate.value, p.scale))
        .collect();
    // The band shown is the values' own, widened to a fifth of the metric's range at least,
    // so a change shows without a small one looking large.
    let low = fractions.iter().copied().fold(f64::INFINITY, f64::min);
    let high = fractions.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let middle = (low + high) / 2.0;
    let half = ((high - low) / 2.0).max(0.1);
    let (band_low, band_high) = (middle - half, middle + half);
    let xy: Vec<(f64, f64)> = fractions
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let placed = (f - band_low) / (band_high - band_low);
            (
                pad + step * i as f64,
                pad + (1.0 - placed) * (height - 2.0 * pad),
            )
        })
        .collect();
    let line: Vec<String> = xy.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
    let said: Vec<String> = points
        .iter()
        .map(|p| value(p.aggregate.metric, p.aggregate.value, labels))
        .collect();
    let name = labels.fill("measured.trend_alt", &[("values", said.join(" → "))]);
    let (last_x, last_y) = xy[xy.len() - 1];
    Some(format!(
        "<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\"><polyline points=\"{}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/><circle cx=\"{last_x:.1}\" cy=\"{last_y:.1}\" r=\"2.5\" fill=\"currentColor\"/></svg>",
        escape(&name),
        line.join(" ")
    ))
}

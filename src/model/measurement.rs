//! Measured experience: survey results per journey and touchpoint, gathered in waves (a
//! named survey round with a date), from `content/measurements/<wave>.yaml`.

use super::Labelled;
use super::enumerated::enumerated;
use crate::diagnostics::Location;
use serde::Serialize;

enumerated! {
    /// What a measured value means and how it is computed from the answers.
    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
    )]
    pub enum Metric {
        /// Net Promoter Score, -100..100, from answers 0..10.
        Nps = "nps",
        /// Customer satisfaction: % of answers 4 or 5 on 1..5.
        Csat = "csat",
        /// Customer Effort Score: the mean of answers on 1..7 (7 = easy).
        Ces = "ces",
        /// The mean of answers on a scale the measurement declares (a 1..10 grade).
        Score = "score",
    }
}

impl Labelled for Metric {
    const GROUP: &'static str = "metric";
}

impl Metric {
    /// The answers' scale when the metric fixes it (`score` declares its own).
    pub fn answer_scale(self) -> Option<(f64, f64)> {
        match self {
            Metric::Nps => Some((0.0, 10.0)),
            Metric::Csat => Some((1.0, 5.0)),
            Metric::Ces => Some((1.0, 7.0)),
            Metric::Score => None,
        }
    }

    /// The range of the metric's value, given the answers' scale.
    pub fn value_range(self, scale: (f64, f64)) -> (f64, f64) {
        match self {
            Metric::Nps => (-100.0, 100.0),
            Metric::Csat => (0.0, 100.0),
            Metric::Ces | Metric::Score => scale,
        }
    }
}

/// One metric measured at one touchpoint in one wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measurement {
    /// The journey id.
    pub journey: String,
    /// The touchpoint id.
    pub touchpoint: String,
    /// NPS, CSAT, CES or score.
    pub metric: Metric,
    /// The number of valid answers, at least 1.
    pub n: u32,
    /// The metric's value (see [`Metric`]).
    pub value: f64,
    /// The answers' scale, lowest and highest (fixed by the metric but for `score`).
    pub scale: (f64, f64),
    /// How many answers gave each whole value of the scale, lowest first, when known.
    pub distribution: Vec<u32>,
    /// The 95 % margin of error written in the file, for values computed elsewhere.
    pub margin: Option<f64>,
    /// Where the measurement is written.
    pub location: Location,
}

/// A survey round: its measurements and when it was held.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wave {
    /// Id: the file stem.
    pub id: String,
    /// Display name (the id when none is given).
    pub name: String,
    /// ISO date (`2026-03-31`) of the round.
    pub date: String,
    /// Measurements in file order.
    pub measurements: Vec<Measurement>,
    /// The wave file.
    pub location: Location,
}

/// The rows of the table of measured values over the waves (and so its number of pages):
/// one per touchpoint of `journeys` and metric that any of `waves` measured.
pub fn measured_rows(journeys: &[std::sync::Arc<super::Journey>], waves: &[Wave]) -> usize {
    let ids: std::collections::HashSet<&str> = journeys.iter().map(|j| j.id.as_str()).collect();
    let series: std::collections::HashSet<(&str, &str, Metric)> = waves
        .iter()
        .flat_map(|w| &w.measurements)
        .filter(|m| ids.contains(m.journey.as_str()))
        .map(|m| (m.journey.as_str(), m.touchpoint.as_str(), m.metric))
        .collect();
    series.len()
}

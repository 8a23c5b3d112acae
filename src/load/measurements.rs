//! Reads `content/measurements/<wave>.yaml`: a survey wave's name and date and, per journey
//! and touchpoint, the metrics measured there; then checks that each names a journey and a
//! touchpoint that exist.

use super::decode::Decoder;
use super::resolve::DeclaredJourneys;
use super::site::is_iso_date;
use super::yaml::Node;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Listing, Location, did_you_mean};
use crate::model::{Enumerated, Measurement, Metric, Wave};
use crate::msg;

const WAVE_KEYS: [&str; 3] = ["name", "date", "measurements"];
const PLACE_KEYS: [&str; 3] = ["journey", "touchpoint", "metrics"];
const METRIC_KEYS: [&str; 6] = ["metric", "n", "value", "scale", "distribution", "margin"];

/// The most answers a measurement may count.
const MAX_N: i64 = 100_000_000;

/// A journey and touchpoint a wave file names, to check once every journey is read.
#[derive(Debug, Clone)]
pub struct Place {
    /// The journey id.
    pub journey: String,
    /// The touchpoint id.
    pub touchpoint: String,
    /// Where the touchpoint is named.
    pub location: Location,
}

/// Reads one wave file, whose id is its file stem; the places it names go to `places`.
pub fn decode_wave(
    decoder: &mut Decoder<'_>,
    node: &Node,
    id: String,
    places: &mut Vec<Place>,
) -> Option<Wave> {
    let fields = decoder.fields(node, "what.wave_file", &WAVE_KEYS)?;
    let name = match fields.get("name") {
        Some(n) => decoder.required_text(n, "name"),
        None => Some(id.clone()),
    };
    let date = fields
        .required(decoder, "date")
        .and_then(|n| date(decoder, n, "date"));
    let mut measurements = Vec::new();
    if let Some(n) = fields.required(decoder, "measurements")
        && let Some(items) = decoder.list(n, "measurements")
    {
        for item in items {
            decode_place(decoder, item, &mut measurements, places);
        }
    }
    Some(Wave {
        id,
        name: name?,
        date: date?,
        measurements,
        location: decoder.file_start(),
    })
}

/// An ISO date (`2026-03-31`), as text.
pub fn date(decoder: &mut Decoder<'_>, node: &Node, key: &str) -> Option<String> {
    let text = decoder.required_text(node, key)?;
    if is_iso_date(text.trim()) {
        return Some(text.trim().to_string());
    }
    decoder
        .error(
            Code::InvalidValue,
            node,
            msg!("error.not_a_date", date = text),
        )
        .report_help(msg!("help.date"));
    None
}

/// One `{journey, touchpoint, metrics}` entry: its metrics are added to `out`.
fn decode_place(
    decoder: &mut Decoder<'_>,
    node: &Node,
    out: &mut Vec<Measurement>,
    places: &mut Vec<Place>,
) {
    let Some(fields) = decoder.fields(node, "what.measured_touchpoint", &PLACE_KEYS) else {
        return;
    };
    let journey = fields
        .required(decoder, "journey")
        .and_then(|n| decoder.required_text(n, "journey"));
    let touchpoint = fields
        .required(decoder, "touchpoint")
        .and_then(|n| decoder.required_text(n, "touchpoint"));
    let Some(items) = fields
        .required(decoder, "metrics")
        .and_then(|n| decoder.list(n, "metrics"))
    else {
        return;
    };
    let location = decoder.location(fields.get("touchpoint").unwrap_or(node));
    if let (Some(j), Some(t)) = (&journey, &touchpoint) {
        places.push(Place {
            journey: j.clone(),
            touchpoint: t.clone(),
            location: location.clone(),
        });
    }
    let mut seen: Vec<Metric> = Vec::new();
    for item in items {
        let Some(mut measurement) = decode_metric(decoder, item) else {
            continue;
        };
        if seen.contains(&measurement.metric) {
            let metric = measurement.metric.as_str();
            decoder
                .error(Code::DuplicateId, item, msg!("error.metric_twice", metric))
                .report_help(msg!("help.metric_twice"));
            continue;
        }
        seen.push(measurement.metric);
        if let (Some(j), Some(t)) = (&journey, &touchpoint) {
            measurement.journey = j.clone();
            measurement.touchpoint = t.clone();
            measurement.location = location.clone();
            out.push(measurement);
        }
    }
}

/// One `{metric, n, value, scale?, distribution?, margin?}`.
fn decode_metric(decoder: &mut Decoder<'_>, node: &Node) -> Option<Measurement> {
    let fields = decoder.fields(node, "what.metric_entry", &METRIC_KEYS)?;
    let metric = fields
        .required(decoder, "metric")
        .and_then(|n| decoder.choice::<Metric>(n, "metric", "what.metric"))?;
    let n = fields
        .required(decoder, "n")
        .and_then(|node| decoder.int_in(node, "n", 1, MAX_N));
    let scale = match (metric.answer_scale(), fields.get("scale")) {
        (Some(fixed), None) => Some(fixed),
        (Some(_), Some(node)) => {
            decoder
                .error(
                    Code::UnknownKey,
                    node,
                    msg!("error.fixed_scale", metric = metric.as_str()),
                )
                .report_help(msg!("help.fixed_scale"));
            None
        }
        (None, Some(node)) => decoder.scale(node),
        (None, None) => {
            decoder
                .error(Code::MissingKey, node, msg!("error.score_needs_scale"))
                .report_help(msg!("help.score_scale"));
            None
        }
    }?;
    let range = metric.value_range(scale);
    let value = fields.required(decoder, "value").and_then(|node| {
        let value = decoder.number(node, "value")?;
        if value < range.0 || value > range.1 {
            let (low, high) = (range.0, range.1);
            decoder.error(
                Code::OutOfRange,
                node,
                msg!(
                    "error.metric_out_of_range",
                    metric = metric.as_str(),
                    value,
                    low,
                    high
                ),
            );
            return None;
        }
        Some(value)
    });
    let margin = match fields.get("margin") {
        Some(node) => Some(
            decoder
                .number(node, "margin")
                .filter(|m| *m >= 0.0)
                .or_else(|| {
                    decoder.error(Code::OutOfRange, node, msg!("error.negative_margin"));
                    None
                })?,
        ),
        None => None,
    };
    let n = n?;
    let distribution = match fields.get("distribution") {
        Some(node) => distribution(decoder, node, scale, n)?,
        None => Vec::new(),
    };
    Some(Measurement {
        journey: String::new(),
        touchpoint: String::new(),
        metric,
        n: u32::try_from(n).unwrap_or(u32::MAX),
        value: value?,
        scale,
        distribution,
        margin,
        location: decoder.location(node),
    })
}

/// `distribution: [counts]`: one whole count per whole answer of the scale, lowest first,
/// adding up to `n`.
fn distribution(
    decoder: &mut Decoder<'_>,
    node: &Node,
    scale: (f64, f64),
    n: i64,
) -> Option<Vec<u32>> {
    let items = decoder.list(node, "distribution")?;
    let counts: Vec<u32> = items
        .iter()
        .filter_map(|item| decoder.int_in(item, "distribution", 0, MAX_N))
        .map(|c| u32::try_from(c).unwrap_or(u32::MAX))
        .collect();
    if counts.len() != items.len() {
        return None;
    }
    let whole = scale.0.fract() == 0.0 && scale.1.fract() == 0.0;
    let expected = (scale.1 - scale.0) as usize + 1;
    if !whole || counts.len() != expected {
        let (low, high) = scale;
        decoder
            .error(
                Code::InvalidValue,
                node,
                msg!(
                    "error.distribution_length",
                    count = counts.len(),
                    low,
                    high,
                    expected
                ),
            )
            .report_help(msg!("help.distribution_length"));
        return None;
    }
    let sum: u64 = counts.iter().map(|c| u64::from(*c)).sum();
    if sum != n.unsigned_abs() {
        decoder
            .error(
                Code::InvalidValue,
                node,
                msg!("error.distribution_sum", sum, n),
            )
            .report_help(msg!("help.distribution_sum"));
        return None;
    }
    Some(counts)
}

/// Reports measurements of journeys or touchpoints that do not exist, with the closest.
pub fn check_references(
    places: &[Place],
    declared: &DeclaredJourneys,
    diagnostics: &mut Diagnostics,
) {
    for measurement in places {
        let journey = measurement.journey.as_str();
        match declared.get(journey) {
            None => {
                let help = did_you_mean(
                    journey,
                    declared.keys().map(String::as_str),
                    Listing::Otherwise(msg!("list.journeys")),
                )
                .help;
                diagnostics.push(
                    Diagnostic::error(
                        Code::UnknownJourney,
                        measurement.location.clone(),
                        msg!("error.unknown_journey", id = journey),
                    )
                    .with_help(help),
                );
            }
            Some(None) => {}
            Some(Some(touchpoints)) => {
                let touchpoint = measurement.touchpoint.as_str();
                if touchpoints.contains(touchpoint) {
                    continue;
                }
                let subject = msg!("list.touchpoints_of", journey_id = journey);
                let help = did_you_mean(
                    touchpoint,
                    touchpoints.iter().map(String::as_str),
                    Listing::Otherwise(subject),
                )
                .help;
                diagnostics.push(
                    Diagnostic::error(
                        Code::UnknownTouchpoint,
                        measurement.location.clone(),
                        msg!("error.no_touchpoint_in", journey_id = journey, touchpoint),
                    )
                    .with_help(help),
                );
            }
        }
    }
}

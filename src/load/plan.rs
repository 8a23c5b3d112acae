//! Reads an improvement option's `plan: {owner, measure: {touchpoint, metric, target},
//! due, status}`.

use super::decode::Decoder;
use super::measurements::date;
use super::yaml::Node;
use crate::diagnostics::{Code, Diagnostic, Listing, did_you_mean};
use crate::model::{Enumerated, Metric, Plan, PlanMeasure, PlanStatus};
use std::collections::BTreeSet;

const PLAN_KEYS: [&str; 4] = ["owner", "measure", "due", "status"];
const MEASURE_KEYS: [&str; 3] = ["touchpoint", "metric", "target"];

/// Reads a plan; `declared` are the touchpoint ids of its journey.
pub fn decode_plan(
    decoder: &mut Decoder<'_>,
    node: &Node,
    declared: &BTreeSet<String>,
) -> Option<Plan> {
    let fields = decoder.fields(node, "a plan", &PLAN_KEYS)?;
    let owner = match fields.get("owner") {
        Some(n) => Some(decoder.required_text(n, "owner")?),
        None => None,
    };
    let measure = match fields.get("measure") {
        Some(n) => Some(decode_measure(decoder, n, declared)?),
        None => None,
    };
    let due = match fields.get("due") {
        Some(n) => Some(date(decoder, n, "due")?),
        None => None,
    };
    let status = fields
        .required(decoder, "status")
        .and_then(|n| decoder.choice::<PlanStatus>(n, "status", "plan status"))?;
    Some(Plan {
        owner,
        measure,
        due,
        status,
        location: decoder.location(node),
    })
}

fn decode_measure(
    decoder: &mut Decoder<'_>,
    node: &Node,
    declared: &BTreeSet<String>,
) -> Option<PlanMeasure> {
    let fields = decoder.fields(node, "a plan's measure", &MEASURE_KEYS)?;
    let touchpoint = fields.required(decoder, "touchpoint").and_then(|n| {
        let id = decoder.required_text(n, "touchpoint")?;
        if declared.contains(&id) {
            return Some(id);
        }
        let known = declared.iter().map(String::as_str);
        let help = did_you_mean(&id, known, Listing::Otherwise("the touchpoints of this journey"));
        let d = Diagnostic::error(
            Code::UnknownTouchpoint,
            decoder.location(n),
            format!("this journey has no touchpoint `{id}`"),
        )
        .with_help(Some(help.help));
        decoder.report(d);
        None
    });
    let metric = fields
        .required(decoder, "metric")
        .and_then(|n| decoder.choice::<Metric>(n, "metric", "metric"));
    let target_node = fields.required(decoder, "target");
    let target = target_node.and_then(|n| decoder.number(n, "target"));
    let (metric, target) = (metric?, target?);
    if let (Some(scale), Some(n)) = (metric.answer_scale(), target_node) {
        let (low, high) = metric.value_range(scale);
        if target < low || target > high {
            decoder.error(
                Code::OutOfRange,
                n,
                format!(
                    "a {} target of {target} is outside its range {low} to {high}",
                    metric.as_str()
                ),
            );
            return None;
        }
    }
    Some(PlanMeasure {
        touchpoint: touchpoint?,
        metric,
        target,
    })
}

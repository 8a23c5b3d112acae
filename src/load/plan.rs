//! Reads an improvement option's `plan: {owner, measure: {touchpoint, metric, target},
//! due, status}`.

use super::decode::Decoder;
use super::measurements::date;
use super::yaml::Node;
use crate::diagnostics::{Code, Diagnostic, Listing, did_you_mean};
use crate::model::{Enumerated, Metric, Plan, PlanMeasure, PlanStatus};
use crate::msg;
use std::collections::BTreeSet;

const PLAN_KEYS: [&str; 4] = ["owner", "measure", "due", "status"];
const MEASURE_KEYS: [&str; 3] = ["touchpoint", "metric", "target"];

/// Reads a plan; `declared` are the touchpoint ids of its journey.
pub fn decode_plan(
    decoder: &mut Decoder<'_>,
    node: &Node,
    declared: &BTreeSet<String>,
) -> Option<Plan> {
    let fields = decoder.fields(node, "what.plan", &PLAN_KEYS)?;
    // Each key is read before any failure returns, so every error of the plan is reported.
    let owner = fields
        .get("owner")
        .map(|n| decoder.required_text(n, "owner"));
    let measure = fields
        .get("measure")
        .map(|n| decode_measure(decoder, n, declared));
    let due = fields.get("due").map(|n| date(decoder, n, "due"));
    let status = fields
        .required(decoder, "status")
        .and_then(|n| decoder.choice::<PlanStatus>(n, "status", "what.plan_status"));
    Some(Plan {
        owner: owner.map_or(Some(None), |o| o.map(Some))?,
        measure: measure.map_or(Some(None), |m| m.map(Some))?,
        due: due.map_or(Some(None), |d| d.map(Some))?,
        status: status?,
        location: decoder.location(node),
    })
}

fn decode_measure(
    decoder: &mut Decoder<'_>,
    node: &Node,
    declared: &BTreeSet<String>,
) -> Option<PlanMeasure> {
    let fields = decoder.fields(node, "what.plan_measure", &MEASURE_KEYS)?;
    let touchpoint = fields.required(decoder, "touchpoint").and_then(|n| {
        let id = decoder.required_text(n, "touchpoint")?;
        if declared.contains(&id) {
            return Some(id);
        }
        let known = declared.iter().map(String::as_str);
        let help = did_you_mean(
            &id,
            known,
            Listing::Otherwise(msg!("list.touchpoints_here")),
        );
        let d = Diagnostic::error(
            Code::UnknownTouchpoint,
            decoder.location(n),
            msg!("error.no_touchpoint_here", id),
        )
        .with_help(help.help);
        decoder.report(d);
        None
    });
    let metric = fields
        .required(decoder, "metric")
        .and_then(|n| decoder.choice::<Metric>(n, "metric", "what.metric"));
    let target_node = fields.required(decoder, "target");
    let target = target_node.and_then(|n| decoder.number(n, "target"));
    let (metric, target) = (metric?, target?);
    if let (Some(scale), Some(n)) = (metric.answer_scale(), target_node) {
        let (low, high) = metric.value_range(scale);
        if target < low || target > high {
            decoder.error(
                Code::OutOfRange,
                n,
                msg!(
                    "error.target_out_of_range",
                    metric = metric.as_str(),
                    target,
                    low,
                    high
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

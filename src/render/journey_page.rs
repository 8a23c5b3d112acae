//! The page of one journey: its touchpoints, findings, peak-end figures, promises,
//! ranked improvement options and notes.

use super::{links, markdown};
use crate::analysis::{
    Analysis, CurveSummary, DeliveryTrace, JourneyAnalysis, PromiseTrace, TouchpointRef,
};
use crate::labels::Labels;
use crate::model::{Journey, Page, Project};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The promises a journey makes and delivers, with their traces.
#[derive(Default)]
pub struct JourneyPromises<'a> {
    /// Where the journey makes a promise.
    pub made: Vec<(&'a PromiseTrace, &'a TouchpointRef)>,
    /// Where the journey delivers on one.
    pub delivered: Vec<(&'a PromiseTrace, &'a DeliveryTrace)>,
}

/// The promises of every journey, gathered in one pass over the traces.
pub fn promises_by_journey(analysis: &Analysis) -> BTreeMap<&str, JourneyPromises<'_>> {
    let mut index: BTreeMap<&str, JourneyPromises<'_>> = BTreeMap::new();
    for trace in &analysis.promises {
        for made in &trace.made_at {
            index
                .entry(made.journey.as_str())
                .or_default()
                .made
                .push((trace, made));
        }
        for delivery in &trace.deliveries {
            index
                .entry(delivery.at.journey.as_str())
                .or_default()
                .delivered
                .push((trace, delivery));
        }
    }
    index
}

/// The data of a journey page. `notes` are the published pages attached to the journey.
pub fn data(
    journey: &Journey,
    facts: &JourneyAnalysis,
    project: &Project,
    promises: &JourneyPromises<'_>,
    labels: &Labels,
    notes: &[&Page],
) -> Value {
    let none = labels.get("term.none");
    let mut impressions = facts.impressions.iter();
    let stages: Vec<Value> = journey
        .stages
        .iter()
        .map(|stage| {
            let touchpoints: Vec<Value> = stage
                .touchpoints
                .iter()
                .map(|t| {
                    let impression = impressions.next().map_or("neutral", |i| i.as_str());
                    let mut qualifiers = Vec::new();
                    if !t.direct {
                        qualifiers.push(labels.get("journey.indirect"));
                    }
                    if !t.in_process {
                        qualifiers.push(labels.get("journey.outside_process"));
                    }
                    let tp_notes: Vec<Value> = notes
                        .iter()
                        .filter(|n| n.touchpoint.as_deref() == Some(t.id.as_str()))
                        .map(|n| json!({"title": n.title, "link": links::page(&n.url)}))
                        .collect();
                    json!({
                        "id": t.id,
                        "name": t.name,
                        "qualifiers": qualifiers.join(", "),
                        "kind": t.kind.as_str(),
                        "kind_label": labels.get(&format!("kind.{}", t.kind.as_str())),
                        "channel": t.channel.as_deref().unwrap_or(none),
                        "owner": t.owner.as_deref().unwrap_or(none),
                        "emotion": t.emotion,
                        "target": t.target.map_or(none.to_string(), |v| v.to_string()),
                        "impression": impression,
                        "impression_label": labels.get(&format!("impression.{impression}")),
                        "moment": t.moment.as_str(),
                        "moment_label": labels.get(&format!("moment.{}", t.moment.as_str())),
                        "basis_label": labels.get(&format!("basis.{}", t.basis.as_str())),
                        "asks": if t.asks.is_empty() { none.to_string() } else { t.asks.join(", ") },
                        "notes_html": t.notes.as_deref().map(|n| markdown::inline_html(n, labels)),
                        "notes": tp_notes,
                    })
                })
                .collect();
            json!({"id": stage.id, "name": stage.name, "touchpoints": touchpoints})
        })
        .collect();
    let name_of = |id: &str| {
        journey
            .touchpoint(id)
            .map_or(id.to_string(), |t| t.name.clone())
    };
    let curve = |label: &str, c: &CurveSummary| {
        json!({
            "label": labels.get(label),
            "peak": name_of(&c.peak.touchpoint),
            "peak_emotion": c.peak.emotion,
            "end": name_of(&c.end.touchpoint),
            "end_emotion": c.end.emotion,
            "remembered": labels.signed(c.remembered),
            "mean": labels.signed(c.mean),
        })
    };
    let mut curves = vec![curve("journey.current", &facts.current)];
    if let Some(desired) = &facts.desired {
        curves.push(curve("journey.desired", desired));
    }
    let mut promises_made = Vec::new();
    let mut promises_delivered = Vec::new();
    for (trace, made) in &promises.made {
        let Some(promise) = project.promise(&trace.id) else {
            continue;
        };
        promises_made.push(json!({
            "id": trace.id,
            "text": promise.text,
            "source": promise.source.as_deref().unwrap_or(none),
            "touchpoint": name_of(&made.touchpoint),
            "touchpoint_id": made.touchpoint,
            "status": trace.status.as_str(),
            "status_label": labels.get(&format!("status.{}", trace.status.as_str())),
        }));
    }
    for (trace, d) in &promises.delivered {
        let Some(promise) = project.promise(&trace.id) else {
            continue;
        };
        promises_delivered.push(json!({
            "id": trace.id,
            "text": promise.text,
            "touchpoint": name_of(&d.at.touchpoint),
            "touchpoint_id": d.at.touchpoint,
            "result": d.result.as_str(),
            "result_label": labels.get(&format!("result.{}", d.result.as_str())),
            "evidence": d.evidence.as_deref().unwrap_or(none),
        }));
    }
    let criteria: Vec<Value> = project
        .site
        .criteria
        .iter()
        .map(|c| {
            let label = c
                .label
                .clone()
                .unwrap_or_else(|| labels.get(&format!("criterion.{}", c.id)).to_string());
            json!({"label": label, "weight": format_weight(c.weight)})
        })
        .collect();
    let improvements: Vec<Value> = facts
        .improvements
        .iter()
        .filter_map(|ranked| {
            let option = journey.improvements.get(ranked.index)?;
            let scores: Vec<String> = project
                .site
                .criteria
                .iter()
                .map(|c| {
                    option
                        .scores
                        .get(&c.id)
                        .map_or(none.to_string(), |s| s.to_string())
                })
                .collect();
            let touchpoints: Vec<String> =
                option.touchpoints.iter().map(|id| name_of(id)).collect();
            Some(json!({
                "rank": ranked.rank,
                "title": option.title,
                "touchpoints": touchpoints.join(" · "),
                "scores": scores,
                "score": labels.decimal(ranked.score),
            }))
        })
        .collect();
    let findings: Vec<Value> = facts
        .findings
        .iter()
        .map(|f| json!({"code": f.code.as_str(), "message_html": markdown::message_html(&f.message(labels))}))
        .collect();
    let journey_notes: Vec<Value> = notes
        .iter()
        .map(|n| json!({"title": n.title, "link": links::page(&n.url)}))
        .collect();
    json!({
        "journey": {
            "id": journey.id,
            "title": journey.title,
            "persona": journey.persona,
            "owner": journey.owner,
            "brand_values": if journey.brand_values.is_empty() { Value::Null } else { json!(journey.brand_values.join(", ")) },
            "summary_html": journey.summary.as_deref().map(|s| markdown::inline_html(s, labels)),
        },
        "facts": summary_facts(facts, labels),
        "stages": stages,
        "findings": findings,
        "curves": curves,
        "promises_made": promises_made,
        "promises_delivered": promises_delivered,
        "criteria": criteria,
        "improvements": improvements,
        "notes": journey_notes,
    })
}

/// The headline figures of a journey, as shown on its page and its home-page card.
pub fn summary_facts(facts: &JourneyAnalysis, labels: &Labels) -> Value {
    use crate::analysis::Impression;
    json!({
        "touchpoints": facts.counts.touchpoints,
        "magic": facts.counts.impression(Impression::Magic),
        "miserable": facts.counts.impression(Impression::Miserable),
        "remembered": labels.signed(facts.current.remembered),
        "mean": labels.signed(facts.current.mean),
        "consistency": labels.percent(facts.consistency_index),
        "findings": facts.findings.len(),
        "handoffs": facts.handoffs.len(),
    })
}

fn format_weight(weight: f64) -> String {
    if weight.fract() == 0.0 {
        format!("{weight:.0}")
    } else {
        format!("{weight}")
    }
}

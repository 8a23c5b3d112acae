//! Findings: the moments and promises a consultant should look at, each with a stable code
//! and the place in the project it concerns.

use super::asks::RepeatedAsk;
use super::handoffs::StageHandoffs;
use super::promises::{PromiseStatus, PromiseTrace};
use super::{CurveSummary, Impression};
use crate::diagnostics::{Code, Diagnostic, Location, Severity};
use crate::model::{DeliveryResult, Journey, Moment, Project, Site, Touchpoint};
use serde::Serialize;

/// Something worth a look; shown by `check` as a warning and on the pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `truth-below-zone`.
    pub code: Code,
    /// The journey it is about; `None` for the site as a whole.
    pub journey: Option<String>,
    /// The touchpoints involved, in journey order.
    pub touchpoints: Vec<String>,
    /// The promise involved, if any.
    pub promise: Option<String>,
    /// What was found, naming the touchpoints and values.
    pub message: String,
    /// Where the touchpoint (or promise) is written.
    pub location: Location,
}

impl Finding {
    /// The finding as a warning diagnostic.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            code: self.code,
            message: self.message.clone(),
            location: self.location.clone(),
            label: None,
            help: None,
        }
    }
}

fn quoted(t: &Touchpoint) -> String {
    format!("\"{}\" ({})", t.name, t.id)
}

fn zone(site: &Site) -> String {
    let [low, high] = site.scale.indifference;
    format!("{low} to {high}")
}

/// Findings about single touchpoints and the shape of a journey's curve.
pub fn moment_findings(
    journey: &Journey,
    impressions: &[Impression],
    current: &CurveSummary,
    site: &Site,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let scale = &site.scale;
    let [low, high] = scale.indifference;
    let finding = |code: Code, t: &Touchpoint, message: String| Finding {
        code,
        journey: Some(journey.id.clone()),
        touchpoints: vec![t.id.clone()],
        promise: None,
        message,
        location: t.location.clone(),
    };
    for ((_, t), impression) in journey.touchpoints().zip(impressions) {
        if *impression == Impression::Miserable {
            findings.push(finding(
                Code::MiserableMoment,
                t,
                format!(
                    "{} is a Miserable Moment: emotion {}, at or below {}",
                    quoted(t),
                    t.emotion,
                    scale.miserable
                ),
            ));
        }
        if t.moment == Moment::Truth && t.emotion < low {
            findings.push(finding(
                Code::TruthBelowZone,
                t,
                format!(
                    "the moment of truth {} scores {}, below the zone of indifference ({})",
                    quoted(t),
                    t.emotion,
                    zone(site)
                ),
            ));
        }
        if t.moment == Moment::Excel && t.emotion <= high {
            findings.push(finding(
                Code::ExcelNotPositive,
                t,
                format!(
                    "the excel moment {} scores {}, not above the zone of indifference ({})",
                    quoted(t),
                    t.emotion,
                    zone(site)
                ),
            ));
        }
    }
    if let Some((_, last)) = journey.touchpoints().last()
        && current.end.emotion < low
    {
        findings.push(finding(
            Code::LowEnding,
            last,
            format!(
                "the journey ends below the zone of indifference: the last touchpoint, {}, scores {}",
                quoted(last),
                last.emotion
            ),
        ));
    }
    if !impressions.contains(&Impression::Magic) {
        findings.push(Finding {
            code: Code::NoMagicMoment,
            journey: Some(journey.id.clone()),
            touchpoints: Vec::new(),
            promise: None,
            message: format!(
                "the journey \"{}\" has no Magic Moment: no touchpoint scores {} or more",
                journey.title, scale.magic
            ),
            location: journey.location.clone(),
        });
    }
    findings
}

/// Findings about information asked more than once.
pub fn ask_findings(journey: &Journey, repeated: &[RepeatedAsk]) -> Vec<Finding> {
    repeated
        .iter()
        .filter_map(|ask| {
            let second = journey.touchpoint(ask.touchpoints.get(1)?)?;
            Some(Finding {
                code: Code::RepeatedAsk,
                journey: Some(journey.id.clone()),
                touchpoints: ask.touchpoints.clone(),
                promise: None,
                message: format!(
                    "`{}` is asked at {} touchpoints: {}",
                    ask.item,
                    ask.touchpoints.len(),
                    ask.touchpoints.join(", ")
                ),
                location: second.location.clone(),
            })
        })
        .collect()
}

/// Findings about stages with more handoffs than the site allows.
pub fn handoff_findings(
    journey: &Journey,
    per_stage: &[StageHandoffs],
    site: &Site,
) -> Vec<Finding> {
    let allowed = site.findings.max_handoffs_per_stage as usize;
    per_stage
        .iter()
        .filter(|s| s.count > allowed)
        .filter_map(|s| {
            let stage = journey.stages.iter().find(|st| st.id == s.stage)?;
            let owners: Vec<&str> = stage
                .touchpoints
                .iter()
                .filter_map(|t| t.owner.as_deref())
                .collect();
            let mut chain: Vec<&str> = Vec::new();
            for owner in owners {
                if chain.last() != Some(&owner) {
                    chain.push(owner);
                }
            }
            Some(Finding {
                code: Code::HandoffChain,
                journey: Some(journey.id.clone()),
                touchpoints: stage.touchpoints.iter().map(|t| t.id.clone()).collect(),
                promise: None,
                message: format!(
                    "the stage \"{}\" hands the customer over {} times, more than the {} allowed: {}",
                    stage.name,
                    s.count,
                    allowed,
                    chain.join(" → ")
                ),
                location: stage.location.clone(),
            })
        })
        .collect()
}

/// Findings about promises: undelivered, broken, at risk, delivered before they are made.
pub fn promise_findings(project: &Project, traces: &[PromiseTrace]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for trace in traces {
        let Some(promise) = project.promise(&trace.id) else {
            continue;
        };
        let touchpoint =
            |journey: &str, id: &str| project.journey(journey).and_then(|j| j.touchpoint(id));
        if trace.status == PromiseStatus::Undelivered {
            if trace.made_at.is_empty() {
                findings.push(Finding {
                    code: Code::UndeliveredPromise,
                    journey: None,
                    touchpoints: Vec::new(),
                    promise: Some(trace.id.clone()),
                    message: format!(
                        "the promise `{}` (\"{}\") is neither made nor delivered at any touchpoint",
                        trace.id, promise.text
                    ),
                    location: promise.location.clone(),
                });
            }
            for made in &trace.made_at {
                let Some(t) = touchpoint(&made.journey, &made.touchpoint) else {
                    continue;
                };
                findings.push(Finding {
                    code: Code::UndeliveredPromise,
                    journey: Some(made.journey.clone()),
                    touchpoints: vec![t.id.clone()],
                    promise: Some(trace.id.clone()),
                    message: format!(
                        "{} promises `{}` (\"{}\"), but no touchpoint delivers it",
                        quoted(t),
                        trace.id,
                        promise.text
                    ),
                    location: t.location.clone(),
                });
            }
        }
        for delivery in &trace.deliveries {
            let Some(t) = touchpoint(&delivery.at.journey, &delivery.at.touchpoint) else {
                continue;
            };
            let evidence = delivery
                .evidence
                .as_ref()
                .map(|e| format!(": {e}"))
                .unwrap_or_default();
            let base = |code: Code, message: String| Finding {
                code,
                journey: Some(delivery.at.journey.clone()),
                touchpoints: vec![t.id.clone()],
                promise: Some(trace.id.clone()),
                message,
                location: delivery.location.clone(),
            };
            match delivery.result {
                DeliveryResult::Broken => findings.push(base(
                    Code::BrokenPromise,
                    format!(
                        "{} breaks the promise `{}` (\"{}\"){evidence}",
                        quoted(t),
                        trace.id,
                        promise.text
                    ),
                )),
                DeliveryResult::Partly => findings.push(base(
                    Code::PromiseAtRisk,
                    format!(
                        "{} keeps the promise `{}` only partly{evidence}",
                        quoted(t),
                        trace.id
                    ),
                )),
                DeliveryResult::Kept | DeliveryResult::Exceeded => {}
            }
            let first_made = trace
                .made_at
                .iter()
                .filter(|m| m.journey == delivery.at.journey)
                .map(|m| m.position)
                .min();
            if let Some(made_position) = first_made
                && delivery.at.position < made_position
            {
                let maker = trace
                    .made_at
                    .iter()
                    .find(|m| m.journey == delivery.at.journey && m.position == made_position)
                    .and_then(|m| touchpoint(&m.journey, &m.touchpoint));
                let maker = maker.map(quoted).unwrap_or_default();
                findings.push(base(
                    Code::DeliveryBeforePromise,
                    format!(
                        "{} delivers on `{}` before {} makes the promise (touchpoint {} of the journey, made at {})",
                        quoted(t),
                        trace.id,
                        maker,
                        delivery.at.position + 1,
                        made_position + 1
                    ),
                ));
            }
        }
    }
    findings
}

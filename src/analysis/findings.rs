//! Findings: the moments and promises a consultant should look at, each with a stable code,
//! the values involved and the place in the project it concerns. The wording lives in the
//! label catalogues, so a Dutch site gets Dutch findings.

use super::asks::RepeatedAsk;
use super::handoffs::{Handoff, chains};
use super::promises::{PromiseStatus, PromiseTrace, TouchpointRef};
use super::{CurveSummary, Impression};
use crate::diagnostics::{Code, Diagnostic, FindingSeverity, Location, Message, Position};
use crate::labels::Labels;
use crate::model::{DeliveryResult, Journey, Moment, Project, Site, Touchpoint};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// Something worth a look; shown by `check` as a warning and on the pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `truth-below-zone`.
    pub code: Code,
    /// How much it matters (see [`crate::diagnostics::FINDINGS`]).
    pub severity: FindingSeverity,
    /// The reason the journey gives for accepting it; `None` while it is open.
    pub accepted: Option<String>,
    /// The journey it is about; `None` for the site as a whole.
    pub journey: Option<String>,
    /// The touchpoints involved, in journey order.
    pub touchpoints: Vec<String>,
    /// The promise involved, if any.
    pub promise: Option<String>,
    /// The label that words the finding, e.g. `finding.low-ending`.
    pub label: String,
    /// The values named in the wording, by placeholder.
    pub params: Vec<(&'static str, String)>,
    /// Where the touchpoint (or promise) is written.
    pub location: Location,
    /// True for a finding about a desired journey: a problem the design still has.
    pub design: bool,
}

impl Finding {
    /// A finding of `code`, open; its severity is the code's.
    pub fn new(code: Code, label: String, location: Location) -> Self {
        Finding {
            code,
            severity: code.finding_severity().unwrap_or(FindingSeverity::Low),
            accepted: None,
            journey: None,
            touchpoints: Vec::new(),
            promise: None,
            label,
            params: Vec::new(),
            location,
            design: false,
        }
    }

    /// The order findings are listed in: most severe first, then by place and code.
    pub fn order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
        (a.severity, &a.location, a.code).cmp(&(b.severity, &b.location, b.code))
    }

    /// [`Finding::order`] as a key, given the place of the finding's file among the files of
    /// the findings sorted, sorted by name: integers compare faster than file names.
    pub fn order_key(&self, file_place: usize) -> (FindingSeverity, usize, Option<Position>, Code) {
        (self.severity, file_place, self.location.position, self.code)
    }

    /// The label that words a finding with `code`: `finding.` and the code.
    pub fn label_of(code: Code) -> String {
        format!("finding.{code}")
    }

    /// The label of an undelivered promise that no touchpoint makes either.
    pub fn site_wide_label() -> String {
        format!("{}-site", Self::label_of(Code::UndeliveredPromise))
    }

    /// The finding in words, in the language of `labels`; emotions (`-1.5`) and measured
    /// values and targets (`73.1%`) are written as the language writes numbers.
    pub fn message(&self, labels: &Labels) -> String {
        let params: Vec<(&str, String)> = self
            .params
            .iter()
            .map(|(key, value)| match *key {
                "emotion" | "value" | "target" | "measured" => {
                    (*key, labels.localise(value.clone()))
                }
                _ => (*key, value.clone()),
            })
            .collect();
        let message = labels.fill(&self.label, &params);
        if self.design {
            labels.fill("finding.in_design", &[("finding", message)])
        } else {
            message
        }
    }

    /// The finding as a warning diagnostic, worded in the run's language when reported.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let key = crate::labels::static_key(&self.label).unwrap_or("term.finding");
        let message = self
            .params
            .iter()
            .fold(Message::new(key), |m, (name, value)| m.with(name, value));
        let message = if self.design {
            crate::msg!("finding.in_design", finding = message)
        } else {
            message
        };
        Diagnostic::warning(self.code, self.location.clone(), message)
    }
}

/// A name as a finding quotes it: “Buys the hairdryer”.
pub(super) fn quote(name: &str) -> String {
    ["\u{201c}", name, "\u{201d}"].concat()
}

/// An item asked for as a reader says it: `customer-number` as "customer number".
pub fn asked(item: &str) -> String {
    if crate::model::is_kebab_case(item) {
        item.replace('-', " ")
    } else {
        item.to_string()
    }
}

pub(super) fn quoted(t: &Touchpoint) -> String {
    quote(&t.name)
}

pub(super) fn touchpoint_finding(
    journey: &Journey,
    code: Code,
    t: &Touchpoint,
    params: Vec<(&'static str, String)>,
) -> Finding {
    Finding {
        journey: Some(journey.id.clone()),
        touchpoints: vec![t.id.clone()],
        params,
        ..Finding::new(code, Finding::label_of(code), t.location.clone())
    }
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
    for ((_, t), impression) in journey.touchpoints().zip(impressions) {
        if *impression == Impression::Miserable {
            findings.push(touchpoint_finding(
                journey,
                Code::MiserableMoment,
                t,
                vec![
                    ("touchpoint", quoted(t)),
                    ("emotion", t.emotion.to_string()),
                    ("threshold", scale.miserable.to_string()),
                ],
            ));
        }
        if t.moment == Moment::Truth && t.emotion < low {
            findings.push(touchpoint_finding(
                journey,
                Code::TruthBelowZone,
                t,
                vec![
                    ("touchpoint", quoted(t)),
                    ("emotion", t.emotion.to_string()),
                    ("low", low.to_string()),
                    ("high", high.to_string()),
                ],
            ));
        }
        if t.moment == Moment::Excel && t.emotion <= high {
            findings.push(touchpoint_finding(
                journey,
                Code::ExcelNotPositive,
                t,
                vec![
                    ("touchpoint", quoted(t)),
                    ("emotion", t.emotion.to_string()),
                    ("high", high.to_string()),
                ],
            ));
        }
    }
    if let Some((_, last)) = journey.touchpoints().last()
        && current.end.emotion < low
    {
        findings.push(touchpoint_finding(
            journey,
            Code::LowEnding,
            last,
            vec![
                ("touchpoint", quoted(last)),
                ("emotion", last.emotion.to_string()),
            ],
        ));
    }
    if !impressions.contains(&Impression::Magic) {
        let code = Code::NoMagicMoment;
        findings.push(Finding {
            journey: Some(journey.id.clone()),
            params: vec![
                ("journey", quote(&journey.title)),
                ("threshold", scale.magic.to_string()),
            ],
            ..Finding::new(code, Finding::label_of(code), journey.location.clone())
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
            let names: Vec<String> = ask
                .touchpoints
                .iter()
                .map(|id| journey.touchpoint(id).map_or_else(|| quote(id), quoted))
                .collect();
            let code = Code::RepeatedAsk;
            Some(Finding {
                journey: Some(journey.id.clone()),
                touchpoints: ask.touchpoints.clone(),
                params: vec![
                    ("item", quote(&asked(&ask.item))),
                    ("count", ask.touchpoints.len().to_string()),
                    ("touchpoints", names.join(", ")),
                ],
                ..Finding::new(code, Finding::label_of(code), second.location.clone())
            })
        })
        .collect()
}

/// Findings about runs of more handoffs in a row than the site allows, over the whole
/// journey: a customer passed on twice in a row is a chain, whichever stages they are in.
pub fn handoff_findings(journey: &Journey, handoffs: &[Handoff], site: &Site) -> Vec<Finding> {
    let allowed = site.findings.max_handoffs_in_a_row as usize;
    chains(handoffs)
        .into_iter()
        .filter(|run| run.len() > allowed)
        .filter_map(|run| {
            let first = journey.touchpoint(&run.first()?.from)?;
            let last = journey.touchpoint(&run.last()?.to)?;
            let mut chain = vec![site.owner_name(&run[0].from_owner)];
            chain.extend(run.iter().map(|h| site.owner_name(&h.to_owner)));
            let mut touchpoints = vec![first.id.clone()];
            touchpoints.extend(run.iter().map(|h| h.to.clone()));
            let code = Code::HandoffChain;
            Some(Finding {
                journey: Some(journey.id.clone()),
                touchpoints,
                params: vec![
                    ("count", run.len().to_string()),
                    ("allowed", allowed.to_string()),
                    ("chain", chain.join(" → ")),
                    ("from", quoted(first)),
                    ("to", quoted(last)),
                ],
                ..Finding::new(code, Finding::label_of(code), first.location.clone())
            })
        })
        .collect()
}

/// Findings about promises: undelivered, broken, at risk, delivered before they are made.
pub fn promise_findings(project: &Project, traces: &[PromiseTrace]) -> Vec<Finding> {
    traces
        .par_iter()
        .flat_map_iter(|trace| trace_findings(project, trace))
        .collect()
}

/// The findings about one promise.
fn trace_findings(project: &Project, trace: &PromiseTrace) -> Vec<Finding> {
    findings_about(project, trace, None)
}

/// The findings about one promise in one journey: those [`promise_findings`] gives it.
pub fn trace_findings_in(project: &Project, trace: &PromiseTrace, journey: &str) -> Vec<Finding> {
    findings_about(project, trace, Some(journey))
}

/// The findings about one promise, in one journey only when `journey` names it (then the
/// finding about a promise made nowhere, which is about the site, is left out).
fn findings_about(project: &Project, trace: &PromiseTrace, journey: Option<&str>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let wanted = |id: &str| journey.is_none_or(|j| j == id);
    let Some(promise) = project.promise(&trace.id) else {
        return findings;
    };
    let named = quote(promise.text.trim_end_matches('.'));
    let touchpoint =
        |journey: &str, id: &str| project.journey(journey).and_then(|j| j.touchpoint(id));
    let mut first_made_in: HashMap<&str, &TouchpointRef> = HashMap::new();
    for made in trace.made_at.iter().filter(|m| wanted(&m.journey)) {
        let first = first_made_in.entry(made.journey.as_str()).or_insert(made);
        if made.position < first.position {
            *first = made;
        }
    }
    if trace.status == PromiseStatus::Undelivered {
        if trace.made_at.is_empty() && journey.is_none() {
            findings.push(Finding {
                promise: Some(trace.id.clone()),
                params: vec![("promise", named.clone())],
                ..Finding::new(
                    Code::UndeliveredPromise,
                    Finding::site_wide_label(),
                    promise.location.clone(),
                )
            });
        }
        for made in trace.made_at.iter().filter(|m| wanted(&m.journey)) {
            let Some(t) = touchpoint(&made.journey, &made.touchpoint) else {
                continue;
            };
            let code = Code::UndeliveredPromise;
            findings.push(Finding {
                journey: Some(made.journey.clone()),
                touchpoints: vec![t.id.clone()],
                promise: Some(trace.id.clone()),
                params: vec![("touchpoint", quoted(t)), ("promise", named.clone())],
                ..Finding::new(code, Finding::label_of(code), t.location.clone())
            });
        }
    }
    for delivery in trace.deliveries.iter().filter(|d| wanted(&d.at.journey)) {
        let Some(t) = touchpoint(&delivery.at.journey, &delivery.at.touchpoint) else {
            continue;
        };
        let evidence = delivery
            .evidence
            .as_ref()
            .map(|e| format!(": {}", e.trim_end_matches('.')))
            .unwrap_or_default();
        let finding = |code: Code, params: Vec<(&'static str, String)>| Finding {
            journey: Some(delivery.at.journey.clone()),
            touchpoints: vec![t.id.clone()],
            promise: Some(trace.id.clone()),
            params,
            ..Finding::new(code, Finding::label_of(code), delivery.location.clone())
        };
        match delivery.result {
            DeliveryResult::Broken => findings.push(finding(
                Code::BrokenPromise,
                vec![
                    ("touchpoint", quoted(t)),
                    ("promise", named.clone()),
                    ("evidence", evidence.clone()),
                ],
            )),
            DeliveryResult::Partly => findings.push(finding(
                Code::PromiseAtRisk,
                vec![
                    ("touchpoint", quoted(t)),
                    ("promise", named.clone()),
                    ("evidence", evidence.clone()),
                ],
            )),
            DeliveryResult::Kept | DeliveryResult::Exceeded => {}
        }
        let first_made = first_made_in.get(delivery.at.journey.as_str());
        if let Some(made) = first_made
            && delivery.at.position < made.position
        {
            let maker = touchpoint(&made.journey, &made.touchpoint)
                .map(quoted)
                .unwrap_or_default();
            findings.push(finding(
                Code::DeliveryBeforePromise,
                vec![
                    ("touchpoint", quoted(t)),
                    ("promise", named.clone()),
                    ("maker", maker),
                    ("position", (delivery.at.position + 1).to_string()),
                    ("made_position", (made.position + 1).to_string()),
                ],
            ));
        }
    }
    findings
}

//! The page of one journey: its touchpoints, findings, peak-end figures, promises,
//! ranked improvement options and notes.

use super::department_page::OwnerLinks;
use super::{links, markdown, plans_page};
use crate::analysis::measured::{Point, SeriesKey};
use crate::analysis::{
    CurveSummary, DeliveryTrace, Finding, Impression, JourneyAnalysis, PromiseTrace, TouchpointRef,
};
use crate::labels::Labels;
use crate::model::{Enumerated, Journey, Page, Project};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The promises a journey makes and delivers, with their traces.
#[derive(Default)]
pub struct JourneyPromises<'a> {
    /// Where the journey makes a promise.
    pub made: Vec<(&'a PromiseTrace, &'a TouchpointRef)>,
    /// Where the journey delivers on one.
    pub delivered: Vec<(&'a PromiseTrace, &'a DeliveryTrace)>,
}

/// The promises of every journey, gathered in one pass over the traces.
pub fn promises_by_journey<'a>(
    traces: impl IntoIterator<Item = &'a PromiseTrace>,
) -> HashMap<&'a str, JourneyPromises<'a>> {
    let mut index: HashMap<&str, JourneyPromises<'_>> = HashMap::new();
    for trace in traces {
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

/// The data of a journey page, for the journey template; built from typed fields (no JSON
/// values on the way), as it is rendered for every journey.
#[derive(Serialize)]
pub struct JourneyPage<'a> {
    journey: Head<'a>,
    facts: SummaryFacts<'a>,
    stages: Vec<StageRow<'a>>,
    findings: Vec<FindingRow<'a>>,
    accepted_findings: Vec<FindingRow<'a>>,
    curves: Vec<CurveRow<'a>>,
    promises_made: Vec<PromiseMade<'a>>,
    promises_delivered: Vec<PromiseDelivered<'a>>,
    criteria: Vec<CriterionColumn>,
    improvements: Vec<ImprovementRow<'a>>,
    notes: Vec<NoteLink<'a>>,
}

#[derive(Serialize)]
struct Head<'a> {
    id: &'a str,
    title: &'a str,
    persona: Option<&'a str>,
    owner: Option<&'a str>,
    /// The link to the owner's department page, when the owner has one.
    owner_link: Option<String>,
    brand_values: Option<String>,
    summary_html: Option<String>,
}

#[derive(Serialize)]
struct StageRow<'a> {
    id: &'a str,
    name: &'a str,
    touchpoints: Vec<TouchpointRow<'a>>,
}

#[derive(Serialize)]
struct TouchpointRow<'a> {
    id: &'a str,
    name: &'a str,
    qualifiers: String,
    kind: &'a str,
    kind_label: &'a str,
    channel: &'a str,
    owner: &'a str,
    /// The link to the owner's department page, when the owner has one.
    owner_link: Option<String>,
    emotion: String,
    target: String,
    impression: &'a str,
    impression_label: &'a str,
    moment: &'a str,
    moment_label: &'a str,
    basis_label: &'a str,
    asks: String,
    notes_html: Option<String>,
    notes: Vec<NoteLink<'a>>,
}

#[derive(Serialize)]
struct NoteLink<'a> {
    title: &'a str,
    link: String,
}

#[derive(Serialize)]
struct CurveRow<'a> {
    label: &'a str,
    peak: String,
    peak_emotion: String,
    end: String,
    end_emotion: String,
    remembered: String,
    mean: String,
}

#[derive(Serialize)]
struct PromiseMade<'a> {
    id: &'a str,
    text: &'a str,
    source: &'a str,
    touchpoint: String,
    touchpoint_id: &'a str,
    status: &'a str,
    status_label: &'a str,
}

#[derive(Serialize)]
struct PromiseDelivered<'a> {
    id: &'a str,
    text: &'a str,
    touchpoint: String,
    touchpoint_id: &'a str,
    result: &'a str,
    result_label: &'a str,
    evidence: &'a str,
}

#[derive(Serialize)]
struct CriterionColumn {
    label: String,
    weight: String,
}

#[derive(Serialize)]
struct ImprovementRow<'a> {
    /// The row's id, which the plans page links to.
    anchor: String,
    rank: usize,
    title: &'a str,
    touchpoints: String,
    scores: Vec<String>,
    score: String,
    plan: Option<PlanLine<'a>>,
}

/// An option's plan in one line under its name: who carries it out, by when, how far along.
#[derive(Serialize)]
struct PlanLine<'a> {
    /// The link to the plan on the plans page.
    link: String,
    /// The plan's id on the plans page and in the report.
    anchor: String,
    status: &'static str,
    status_label: &'a str,
    owner: &'a str,
    /// The link to the owner's department page, when the owner has one.
    owner_link: Option<String>,
    due: Option<&'a str>,
    /// That it is past its due date by the latest survey, when it is still to do.
    overdue: Option<String>,
    /// Where it stands by its latest measured value.
    outcome: Option<plans_page::Outcome>,
}

/// A finding as pages show it: a sentence with names, its severity, and its code as a
/// secondary detail; an accepted one with the reason.
#[derive(Serialize)]
pub struct FindingRow<'a> {
    code: &'static str,
    severity: &'static str,
    severity_label: &'a str,
    message_html: String,
    reason_html: Option<String>,
}

/// A finding for a page, in the language of `labels`.
pub fn finding_row<'a>(finding: &Finding, labels: &'a Labels) -> FindingRow<'a> {
    FindingRow {
        code: finding.code.as_str(),
        severity: finding.severity.as_str(),
        severity_label: labels.named("severity", finding.severity.as_str()),
        message_html: markdown::message_html(&finding.message(labels)),
        reason_html: finding.accepted.as_deref().map(markdown::message_html),
    }
}

/// How many of a journey's most severe open findings its card and the report's summary show.
pub const TOP_FINDINGS: usize = 3;

/// A journey's `count` most severe open findings, about different touchpoints where it can:
/// within one severity a touchpoint already named gives way to the next finding, and is named
/// again only when too few of that severity are left; a less severe finding never displaces
/// a more severe one.
pub fn most_severe(facts: &JourneyAnalysis, count: usize) -> Vec<&Finding> {
    let mut open: Vec<&Finding> = facts.open_findings().collect();
    open.sort_by(|a, b| Finding::order(a, b));
    let mut chosen: Vec<&Finding> = Vec::with_capacity(count);
    for same_severity in open.chunk_by(|a, b| a.severity == b.severity) {
        let mut repeats: Vec<&Finding> = Vec::new();
        for &finding in same_severity {
            let named = chosen.iter().any(|c| {
                c.touchpoints
                    .iter()
                    .any(|t| finding.touchpoints.contains(t))
            });
            if named {
                repeats.push(finding);
            } else if chosen.len() < count {
                chosen.push(finding);
            }
        }
        let missing = count.saturating_sub(chosen.len());
        chosen.extend(repeats.into_iter().take(missing));
        if chosen.len() == count {
            break;
        }
    }
    chosen.sort_by(|a, b| Finding::order(a, b));
    chosen
}

/// The headline figures of a journey, as shown on its page and its home-page card.
#[derive(Serialize)]
pub struct SummaryFacts<'a> {
    touchpoints: usize,
    magic: usize,
    miserable: usize,
    remembered: String,
    mean: String,
    consistency: String,
    findings: usize,
    accepted: Option<String>,
    top_findings: Vec<FindingRow<'a>>,
    handoffs: usize,
}

impl JourneyPage<'_> {
    /// Puts each part into a template context under its own name.
    pub fn insert_into(&self, context: &mut tera::Context) {
        context.insert("journey", &self.journey);
        context.insert("facts", &self.facts);
        context.insert("stages", &self.stages);
        context.insert("findings", &self.findings);
        context.insert("accepted_findings", &self.accepted_findings);
        context.insert("curves", &self.curves);
        context.insert("promises_made", &self.promises_made);
        context.insert("promises_delivered", &self.promises_delivered);
        context.insert("criteria", &self.criteria);
        context.insert("improvements", &self.improvements);
        context.insert("notes", &self.notes);
    }
}

fn note_link(page: &Page) -> NoteLink<'_> {
    NoteLink {
        title: &page.title,
        link: links::page(&page.url),
    }
}

/// What a journey page links to outside the journey.
pub struct Links<'a, 'l> {
    /// The published pages attached to the journey (or to one of its touchpoints).
    pub notes: &'l [&'a Page],
    /// The department page of each owner that has one.
    pub owners: &'l OwnerLinks<'l>,
    /// The project's measured series, for the outcome of the journey's plans.
    pub series: &'l BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
}

/// The data of a journey page. `design` is the analysis of its desired journey, when it has
/// one; `around` holds its notes and the department pages of its owners.
pub fn data<'a>(
    journey: &'a Journey,
    facts: &'a JourneyAnalysis,
    design: Option<&'a JourneyAnalysis>,
    project: &'a Project,
    promises: &JourneyPromises<'a>,
    labels: &'a Labels,
    around: Links<'a, '_>,
) -> JourneyPage<'a> {
    let Links {
        notes,
        owners,
        series,
    } = around;
    let none = labels.get("term.none");
    let mut impressions = facts.impressions.iter();
    let stages = journey
        .stages
        .iter()
        .map(|stage| {
            let touchpoints = stage
                .touchpoints
                .iter()
                .map(|t| {
                    let impression = impressions.next().copied().unwrap_or(Impression::Neutral);
                    let mut qualifiers = Vec::new();
                    if !t.direct {
                        qualifiers.push(labels.get("journey.indirect"));
                    }
                    if !t.in_process {
                        qualifiers.push(labels.get("journey.outside_process"));
                    }
                    TouchpointRow {
                        id: &t.id,
                        name: &t.name,
                        qualifiers: qualifiers.join(", "),
                        kind: t.kind.as_str(),
                        kind_label: labels.of(t.kind),
                        channel: t.channel.as_deref().unwrap_or(none),
                        owner: t
                            .owner
                            .as_deref()
                            .map_or(none, |o| project.site.owner_name(o)),
                        owner_link: t
                            .owner
                            .as_deref()
                            .and_then(|o| owners.of(o))
                            .map(str::to_string),
                        emotion: labels.emotion(t.emotion),
                        target: t.target.map_or(none.to_string(), |v| labels.emotion(v)),
                        impression: impression.as_str(),
                        impression_label: labels.of(impression),
                        moment: t.moment.as_str(),
                        moment_label: labels.of(t.moment),
                        basis_label: labels.of(t.basis),
                        asks: if t.asks.is_empty() {
                            none.to_string()
                        } else {
                            let asks: Vec<String> =
                                t.asks.iter().map(|a| crate::analysis::asked(a)).collect();
                            asks.join(", ")
                        },
                        notes_html: t.notes.as_deref().map(|n| markdown::inline_html(n, labels)),
                        notes: notes
                            .iter()
                            .filter(|n| n.touchpoint.as_deref() == Some(t.id.as_str()))
                            .map(|n| note_link(n))
                            .collect(),
                    }
                })
                .collect();
            StageRow {
                id: &stage.id,
                name: &stage.name,
                touchpoints,
            }
        })
        .collect();
    let name_in =
        |of: &Journey, id: &str| of.touchpoint(id).map_or(id.to_string(), |t| t.name.clone());
    let name_of = |id: &str| name_in(journey, id);
    let curve_of = |label: &str, c: &CurveSummary, of: &Journey| CurveRow {
        label: labels.get(label),
        peak: name_in(of, &c.peak.touchpoint),
        peak_emotion: labels.emotion(c.peak.emotion),
        end: name_in(of, &c.end.touchpoint),
        end_emotion: labels.emotion(c.end.emotion),
        remembered: labels.signed(c.remembered),
        mean: labels.signed(c.mean),
    };
    let today = if journey.desired_for.is_some() {
        "journey.designed"
    } else {
        "journey.current"
    };
    let mut curves = vec![curve_of(today, &facts.current, journey)];
    if let Some(desired) = &facts.desired {
        curves.push(curve_of("journey.desired", desired, journey));
    }
    if let (Some(design), Some(facts)) = (project.desired_of(&journey.id), design) {
        curves.push(curve_of("journey.desired", &facts.current, design));
    }
    let promises_made = promises
        .made
        .iter()
        .filter_map(|(trace, made)| {
            let promise = project.promise(&trace.id)?;
            Some(PromiseMade {
                id: &trace.id,
                text: &promise.text,
                source: promise.source.as_deref().unwrap_or(none),
                touchpoint: name_of(&made.touchpoint),
                touchpoint_id: &made.touchpoint,
                status: trace.status.as_str(),
                status_label: labels.of(trace.status),
            })
        })
        .collect();
    let promises_delivered = promises
        .delivered
        .iter()
        .filter_map(|(trace, d)| {
            let promise = project.promise(&trace.id)?;
            Some(PromiseDelivered {
                id: &trace.id,
                text: &promise.text,
                touchpoint: name_of(&d.at.touchpoint),
                touchpoint_id: &d.at.touchpoint,
                result: d.result.as_str(),
                result_label: labels.of(d.result),
                evidence: d.evidence.as_deref().unwrap_or(none),
            })
        })
        .collect();
    let criteria = project
        .site
        .criteria
        .iter()
        .map(|c| CriterionColumn {
            label: c
                .label
                .clone()
                .unwrap_or_else(|| labels.named("criterion", &c.id).to_string()),
            weight: format_weight(c.weight),
        })
        .collect();
    let improvements = facts
        .improvements
        .iter()
        .filter_map(|ranked| {
            let option = journey.improvements.get(ranked.index)?;
            let scores = project
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
            Some(ImprovementRow {
                anchor: links::option_anchor(&journey.id, ranked.index),
                rank: ranked.rank,
                title: &option.title,
                touchpoints: touchpoints.join(" · "),
                scores,
                score: labels.decimal(ranked.score),
                plan: option.plan.as_ref().map(|plan| PlanLine {
                    link: links::plan(&journey.id, ranked.index),
                    anchor: links::plan_anchor(&journey.id, ranked.index),
                    status: plan.status.as_str(),
                    status_label: labels.of(plan.status),
                    owner: plans_page::owner_name(project, plan, labels),
                    owner_link: plan
                        .owner
                        .as_deref()
                        .and_then(|o| owners.of(o))
                        .map(str::to_string),
                    due: plan.due.as_deref(),
                    overdue: plans_page::overdue(project, plan, labels),
                    outcome: plans_page::outcome(journey, plan, labels, series),
                }),
            })
        })
        .collect();
    let (accepted, open): (Vec<&Finding>, Vec<&Finding>) =
        facts.findings.iter().partition(|f| f.accepted.is_some());
    let findings = open.iter().map(|f| finding_row(f, labels)).collect();
    let accepted_findings = accepted.iter().map(|f| finding_row(f, labels)).collect();
    JourneyPage {
        journey: Head {
            id: &journey.id,
            title: &journey.title,
            persona: journey.persona.as_deref().map(|p| {
                project
                    .persona(p.trim())
                    .map_or(p, |persona| persona.name.as_str())
            }),
            owner: journey.owner.as_deref().map(|o| project.site.owner_name(o)),
            owner_link: journey
                .owner
                .as_deref()
                .and_then(|o| owners.of(o))
                .map(str::to_string),
            brand_values: (!journey.brand_values.is_empty())
                .then(|| journey.brand_values.join(", ")),
            summary_html: journey
                .summary
                .as_deref()
                .map(|s| markdown::inline_html(s, labels)),
        },
        facts: summary_facts(facts, labels),
        stages,
        findings,
        accepted_findings,
        curves,
        promises_made,
        promises_delivered,
        criteria,
        improvements,
        notes: notes.iter().map(|n| note_link(n)).collect(),
    }
}

/// The headline figures of a journey, as shown on its page and its home-page card.
pub fn summary_facts<'a>(facts: &JourneyAnalysis, labels: &'a Labels) -> SummaryFacts<'a> {
    let open = facts.open_findings().count();
    let accepted = facts.findings.len() - open;
    SummaryFacts {
        touchpoints: facts.counts.touchpoints,
        magic: facts.counts.impression(Impression::Magic),
        miserable: facts.counts.impression(Impression::Miserable),
        remembered: labels.signed(facts.current.remembered),
        mean: labels.signed(facts.current.mean),
        consistency: labels.percent(facts.consistency_index),
        findings: open,
        accepted: (accepted > 0)
            .then(|| labels.fill("facts.accepted", &[("count", accepted.to_string())])),
        top_findings: most_severe(facts, TOP_FINDINGS)
            .into_iter()
            .map(|f| finding_row(f, labels))
            .collect(),
        handoffs: facts.handoffs.len(),
    }
}

fn format_weight(weight: f64) -> String {
    if weight.fract() == 0.0 {
        format!("{weight:.0}")
    } else {
        format!("{weight}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::diagnostics::FindingSeverity;
    use crate::test_support::{journey, project};

    #[test]
    fn the_most_severe_findings_prefer_other_touchpoints_only_within_one_severity() {
        let yaml = journey(&[
            "{name: Waits on the phone, kind: human, emotion: -3, moment: truth}",
            "{name: Gets the bill, kind: functional, emotion: -2, asks: [meter], moment: excel}",
            "{name: Hears from a friend, kind: human, emotion: -3}",
            "{name: Pays, kind: functional, emotion: 0, asks: [meter]}",
        ]);
        let project = project("", "", &[("j", yaml.as_str())]);
        let analysis = analyse(&project);
        let facts = analysis.journey("j").unwrap();
        let codes = |count| -> Vec<(String, Vec<String>)> {
            most_severe(facts, count)
                .into_iter()
                .map(|f| (f.code.to_string(), f.touchpoints.clone()))
                .collect()
        };
        let high = |code: &str, t: &str| (code.to_string(), vec![t.to_string()]);
        // Two high findings about the phone, one about the friend: the friend's comes second.
        let two = codes(2);
        assert_eq!(two.len(), 2);
        assert!(
            two.contains(&high("miserable-moment", "waits-on-the-phone")),
            "{two:?}"
        );
        assert!(
            two.contains(&high("miserable-moment", "hears-from-a-friend")),
            "{two:?}"
        );
        // Three: the phone's second high finding, not a medium one about another touchpoint.
        let three = codes(3);
        assert!(
            three.contains(&high("truth-below-zone", "waits-on-the-phone")),
            "{three:?}"
        );
        let severities: Vec<FindingSeverity> =
            most_severe(facts, 3).iter().map(|f| f.severity).collect();
        assert_eq!(severities, [FindingSeverity::High; 3]);
    }
}

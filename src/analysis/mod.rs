//! Analysis: derived facts and findings, computed once from the validated model by pure
//! functions, and used as they are by `check`, the site and `model.json`.

mod asks;
mod blueprint;
mod counts;
mod curve;
pub mod departments;
mod desired;
mod findings;
mod handoffs;
mod impression;
mod improvements;
pub mod measured;
pub mod metrics;
mod promises;

pub use asks::RepeatedAsk;
pub use counts::Counts;
pub use curve::{CurvePoint, CurveSummary, summarise};
pub use desired::{Comparison, DesiredAnalysis, Figures, TouchpointChange, design_traces};
pub use findings::{Finding, asked};
pub use handoffs::{Handoff, StageHandoffs};
pub use impression::Impression;
pub use improvements::RankedImprovement;
pub use promises::{
    DeliveryTrace, InJourney, PromiseStatus, PromiseTrace, TouchpointRef, status as promise_status,
};

use crate::model::{Journey, Project};
use measured::{Point, SeriesKey};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Everything derived about one journey.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JourneyAnalysis {
    /// Journey id.
    pub id: String,
    /// The impression of each touchpoint, in journey order.
    pub impressions: Vec<Impression>,
    /// Peak, end, remembered score and mean of today's experience.
    pub current: CurveSummary,
    /// The same for the desired journey (targets, or today's emotion where no target is
    /// given); `None` when no touchpoint has a target.
    pub desired: Option<CurveSummary>,
    /// Every handoff, in order.
    pub handoffs: Vec<Handoff>,
    /// Handoffs inside each stage.
    pub handoffs_per_stage: Vec<StageHandoffs>,
    /// Information asked at two or more touchpoints.
    pub repeated_asks: Vec<RepeatedAsk>,
    /// Touchpoints per kind, moment class and impression.
    pub counts: Counts,
    /// Improvement options, best first.
    pub improvements: Vec<RankedImprovement>,
    /// Consistency index in percent; `None` without deliveries or undelivered promises.
    pub consistency_index: Option<f64>,
    /// Findings about this journey, most severe first (see [`Finding::order`]); those the
    /// journey accepts carry the reason.
    pub findings: Vec<Finding>,
    /// The journey's `accept` entries that match none of its findings, by index.
    pub unmatched_accepts: Vec<usize>,
    /// Per touchpoint in journey order, its latest measured value placed on the emotion
    /// scale, when a wave measured it.
    pub measured: Vec<Option<measured::OnScale>>,
}

impl JourneyAnalysis {
    /// The findings the journey does not accept.
    pub fn open_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.accepted.is_none())
    }
}

/// The analysis of a whole project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// One per journey, in the project's journey order. Shared, so that `serve` keeps the
    /// analysis of a journey that did not change without copying it.
    pub journeys: Vec<Arc<JourneyAnalysis>>,
    /// One per promise, in the project's promise order. Shared, so that `serve` keeps the
    /// traces an edit did not change without copying them.
    pub promises: Vec<Arc<PromiseTrace>>,
    /// Touchpoints of the whole site per kind, moment class and impression.
    pub counts: Counts,
    /// Consistency index of the site in percent.
    pub consistency_index: Option<f64>,
    /// Findings about the site as a whole (a promise made and delivered nowhere).
    pub site_findings: Vec<Finding>,
    /// The design of each current journey that has a desired journey, by current id: kept
    /// apart from every figure about today.
    pub desired: Vec<DesiredAnalysis>,
}

impl Analysis {
    /// The analysis of a journey, by id: a binary search, as journeys come in the project's
    /// order, sorted by id (a linear search for a project built in another order).
    pub fn journey(&self, id: &str) -> Option<&JourneyAnalysis> {
        self.shared_journey(id).map(Arc::as_ref)
    }

    /// [`Analysis::journey`], shared: for a rebuild that keeps it.
    pub fn shared_journey(&self, id: &str) -> Option<&Arc<JourneyAnalysis>> {
        match self.journeys.binary_search_by(|j| j.id.as_str().cmp(id)) {
            Ok(index) => self.journeys.get(index),
            Err(_) => self.journeys.iter().find(|j| j.id == id),
        }
    }

    /// The design of a current journey and its comparison with today, if it has one.
    pub fn desired_of(&self, current: &str) -> Option<&DesiredAnalysis> {
        self.desired.iter().find(|d| d.journey == current)
    }

    /// The analysis of a desired journey, by its own id.
    pub fn design(&self, id: &str) -> Option<&JourneyAnalysis> {
        self.desired.iter().map(|d| &d.design).find(|d| d.id == id)
    }

    /// Every finding no journey accepts, the site's and each journey's, most severe first.
    pub fn findings(&self) -> Vec<&Finding> {
        let mut all: Vec<&Finding> = self
            .site_findings
            .iter()
            .chain(self.journeys.iter().flat_map(|j| j.open_findings()))
            .collect();
        all.sort_by(|a, b| Finding::order(a, b));
        all
    }

    /// The number of findings that journeys accept.
    pub fn accepted(&self) -> usize {
        self.journeys
            .iter()
            .map(|j| j.findings.len() - j.open_findings().count())
            .sum()
    }
}

/// Analyses a validated project.
pub fn analyse(project: &Project) -> Analysis {
    analyse_reusing(project, None)
}

/// Analyses a validated project, reusing the analysis of each journey that is the same as
/// in `before` (a previous version of the project, with the same site settings, waves and
/// promises, and plans in some journey or none) instead of analysing it again; only what
/// depends on other journeys (promises, consistency) is computed anew. Gives the same
/// analysis as [`analyse`].
pub fn analyse_reusing(project: &Project, before: Option<(&Project, &Analysis)>) -> Analysis {
    // A journey's own findings quote promises (`unsupported-promise`): a changed register
    // changes them. Whether any journey has plans decides findings about every journey's
    // options.
    let before = before.filter(|(p, _)| {
        p.site == project.site
            && p.waves == project.waves
            && p.promises == project.promises
            && p.has_plans() == project.has_plans()
    });
    let traces = promises::trace(project);
    let plans_used = project.has_plans();
    let mut site_findings = Vec::new();
    let mut by_journey: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    for finding in findings::promise_findings(project, &traces) {
        match &finding.journey {
            Some(journey) => by_journey.entry(journey.clone()).or_default().push(finding),
            None => site_findings.push(finding),
        }
    }
    let indices = promises::journey_indices(&traces);
    let series = measured::series(project);
    let journeys: Vec<Arc<JourneyAnalysis>> = project
        .journeys
        .par_iter()
        .map(|journey| {
            let index = indices.get(journey.id.as_str()).copied().flatten();
            let promise_findings = by_journey.get(&journey.id).into_iter().flatten().collect();
            let previous = before.and_then(|(p, a)| {
                let same = p
                    .journey(&journey.id)
                    .is_some_and(|j| std::ptr::eq(j, journey.as_ref()) || j == journey.as_ref());
                same.then(|| a.shared_journey(&journey.id)).flatten()
            });
            journey_analysis(
                journey,
                project,
                &series,
                index,
                promise_findings,
                previous,
                plans_used,
            )
        })
        .collect();
    let mut counts = Counts::default();
    for analysis in &journeys {
        counts.merge(&analysis.counts);
    }
    let desired = project
        .desired
        .par_iter()
        .filter_map(|design| {
            let current_id = design.desired_for.as_deref()?;
            let current = project.journey(current_id)?;
            let today = journeys.iter().find(|j| j.id == current_id)?;
            Some(analyse_design(
                design, current, today, project, &series, plans_used,
            ))
        })
        .collect();
    Analysis {
        journeys,
        desired,
        consistency_index: promises::site_index(&traces),
        promises: traces.into_iter().map(Arc::new).collect(),
        counts,
        site_findings,
    }
}

/// The analysis of a journey with its consistency `index` and the findings about the promises
/// it makes or delivers; `previous` is its analysis in an earlier build when the journey (and
/// the site settings, waves and promises) are the same, so that only the promise findings
/// may differ.
#[allow(clippy::too_many_arguments)]
fn journey_analysis<'a>(
    journey: &'a Journey,
    project: &Project,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
    index: Option<f64>,
    mut promise_findings: Vec<&Finding>,
    previous: Option<&Arc<JourneyAnalysis>>,
    plans_used: bool,
) -> Arc<JourneyAnalysis> {
    promise_findings.sort_by(|a, b| Finding::order(a, b));
    if let Some(previous) = previous
        && previous.consistency_index == index
        && same_promise_findings(previous, &promise_findings)
    {
        return previous.clone();
    }
    let mut analysis = match previous {
        Some(previous) => {
            let mut analysis = JourneyAnalysis::clone(previous);
            analysis.consistency_index = index;
            analysis.findings.retain(|f| f.promise.is_none());
            analysis
        }
        None => analyse_journey(journey, project, series, index, plans_used),
    };
    analysis
        .findings
        .extend(promise_findings.into_iter().cloned());
    analysis.findings.sort_by(Finding::order);
    analysis.unmatched_accepts = accept(journey, &mut analysis.findings);
    Arc::new(analysis)
}

/// The analysis right after the journeys `edited` changed, for `serve` to show their pages
/// first: `project` is `last`'s project with those journeys read anew (as
/// [`crate::load::reload_journeys`] gives it, so the site settings, waves and promises are
/// the same). The edited journeys' analyses and every promise trace are exact; every other
/// journey's analysis and the site's figures are still `last`'s, until [`analyse_reusing`]
/// brings them up to date.
pub fn analyse_edited(project: &Project, last: (&Project, &Analysis), edited: &[&str]) -> Analysis {
    let (before, facts) = last;
    let plans_used = project.has_plans();
    let mut touched = std::collections::BTreeSet::new();
    for id in edited {
        let versions = [before.journey(id), project.journey(id)];
        for (_, t) in versions.into_iter().flatten().flat_map(|j| j.touchpoints()) {
            let named = t
                .promises
                .iter()
                .chain(t.delivers.iter().map(|d| &d.promise));
            touched.extend(named.filter_map(|p| project.promises.place(p)));
        }
    }
    let mut traces = facts.promises.clone();
    let sorted = project.journeys.is_sorted_by(|a, b| a.id < b.id);
    if sorted {
        for &place in &touched {
            for id in edited {
                if let Some(journey) = project.journey(id) {
                    traces[place] = Arc::new(promises::retrace(&traces[place], journey));
                }
            }
        }
    } else {
        traces = promises::trace(project).into_iter().map(Arc::new).collect();
    }
    let touched_traces: Vec<&PromiseTrace> = touched.iter().map(|&i| traces[i].as_ref()).collect();
    let mut journeys = facts.journeys.clone();
    let series = measured::series(project);
    for id in edited {
        let (Some(place), Some(journey)) = (
            project.journeys.iter().position(|j| j.id == *id),
            project.journey(id),
        ) else {
            continue;
        };
        let findings: Vec<Finding> = touched_traces
            .iter()
            .flat_map(|trace| findings::trace_findings_in(project, trace, id))
            .collect();
        let index = promises::journey_index(touched_traces.iter().copied(), id);
        journeys[place] = journey_analysis(
            journey,
            project,
            &series,
            index,
            findings.iter().collect(),
            None,
            plans_used,
        );
    }
    Analysis {
        journeys,
        promises: traces,
        counts: facts.counts.clone(),
        consistency_index: facts.consistency_index,
        site_findings: facts.site_findings.clone(),
        desired: facts.desired.clone(),
    }
}

/// Whether the promise findings of `previous` (a journey's analysis in an earlier build) are
/// `fresh`, the promise findings of this build sorted in finding order, apart from whether the
/// journey accepts them (which is the same for the same journey and findings).
fn same_promise_findings(previous: &JourneyAnalysis, fresh: &[&Finding]) -> bool {
    let kept = previous.findings.iter().filter(|f| f.promise.is_some());
    kept.clone().count() == fresh.len() && kept.zip(fresh).all(|(a, b)| same_but_acceptance(a, b))
}

/// Whether two findings are the same apart from their acceptance (every field is named, so
/// that a new one is not forgotten here).
fn same_but_acceptance(a: &Finding, b: &Finding) -> bool {
    let Finding {
        code,
        severity,
        accepted: _,
        journey,
        touchpoints,
        promise,
        label,
        params,
        location,
        design,
    } = a;
    (*code, *severity, journey, touchpoints, promise)
        == (b.code, b.severity, &b.journey, &b.touchpoints, &b.promise)
        && (label, params, location, *design) == (&b.label, &b.params, &b.location, b.design)
}

/// Marks the findings a journey accepts with the reason it gives, and returns the indices of
/// its `accept` entries that match no finding. An entry matches the findings of its code,
/// and when it names a touchpoint, only those about that touchpoint.
fn accept(journey: &Journey, findings: &mut [Finding]) -> Vec<usize> {
    let mut unmatched = Vec::new();
    for finding in findings.iter_mut() {
        finding.accepted = None;
    }
    for (index, acceptance) in journey.accept.iter().enumerate() {
        let mut matched = false;
        for finding in findings.iter_mut() {
            let about = acceptance
                .touchpoint
                .as_ref()
                .is_none_or(|t| finding.touchpoints.contains(t));
            if finding.code == acceptance.finding && about {
                matched = true;
                if finding.accepted.is_none() {
                    finding.accepted = Some(acceptance.reason.clone());
                }
            }
        }
        if !matched {
            unmatched.push(index);
        }
    }
    unmatched
}

/// The analysis of one journey on its own; `plans_used` says whether any journey of the
/// project plans an improvement option (asked once per project, not once per journey).
fn analyse_journey<'a>(
    journey: &'a Journey,
    project: &Project,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
    consistency_index: Option<f64>,
    plans_used: bool,
) -> JourneyAnalysis {
    let site = &project.site;
    let scale = &site.scale;
    let impressions: Vec<Impression> = journey
        .touchpoints()
        .map(|(_, t)| Impression::of(t.emotion, scale))
        .collect();
    let mut counts = Counts::default();
    for ((_, t), impression) in journey.touchpoints().zip(&impressions) {
        counts.add(t, *impression);
    }
    let current = summarise(
        journey
            .touchpoints()
            .map(|(_, t)| (t.id.as_str(), t.emotion)),
    )
    .unwrap_or_else(empty_curve);
    let has_targets = journey.touchpoints().any(|(_, t)| t.target.is_some());
    let desired = has_targets
        .then(|| {
            summarise(
                journey
                    .touchpoints()
                    .map(|(_, t)| (t.id.as_str(), t.target.unwrap_or(t.emotion))),
            )
        })
        .flatten();
    let handoffs = handoffs::handoffs(journey);
    let handoffs_per_stage = handoffs::per_stage(journey, &handoffs);
    let repeated_asks = asks::repeated_asks(journey);
    let mut findings = findings::moment_findings(journey, &impressions, &current, site);
    findings.extend(findings::ask_findings(journey, &repeated_asks));
    findings.extend(findings::handoff_findings(journey, &handoffs, site));
    findings.extend(blueprint::blueprint_findings(journey, project));
    let improvements = improvements::rank(&journey.improvements, &site.criteria);
    findings.extend(measured::findings(
        journey,
        project,
        series,
        &improvements,
        plans_used,
    ));
    let measured = measured::on_scale(journey, project, series);
    JourneyAnalysis {
        id: journey.id.clone(),
        impressions,
        current,
        desired,
        handoffs,
        handoffs_per_stage,
        repeated_asks,
        counts,
        improvements,
        consistency_index,
        findings,
        unmatched_accepts: Vec::new(),
        measured,
    }
}

/// A desired journey analysed as a design: its figures, its deliveries' consistency index,
/// the findings that make sense for a design (marked so), and the comparison with today.
fn analyse_design<'a>(
    design: &'a Journey,
    current: &Journey,
    today: &JourneyAnalysis,
    project: &Project,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
    plans_used: bool,
) -> DesiredAnalysis {
    let index = desired::design_index(design);
    let mut analysis = analyse_journey(design, project, series, index, plans_used);
    analysis
        .findings
        .extend(desired::design_promise_findings(project, design));
    // Measurements and plans are about today: a design is neither measured nor planned.
    analysis.findings.retain(|f| !about_today_only(f.code));
    for finding in &mut analysis.findings {
        finding.design = true;
    }
    analysis.findings.sort_by(Finding::order);
    analysis.unmatched_accepts = accept(design, &mut analysis.findings);
    DesiredAnalysis {
        journey: current.id.clone(),
        comparison: desired::compare(current, today, design, &analysis),
        design: analysis,
    }
}

/// Whether findings of this code are about today's measured and planned journey only.
fn about_today_only(code: crate::diagnostics::Code) -> bool {
    use crate::diagnostics::Code;
    matches!(
        code,
        Code::MeasuredContradicts
            | Code::SmallSample
            | Code::UnmeasuredTruth
            | Code::UnplannedOption
            | Code::PlanWithoutOwner
            | Code::PlanMissedTarget
    )
}

/// The summary of a journey without touchpoints; the loader never lets one through.
fn empty_curve() -> CurveSummary {
    let none = CurvePoint {
        touchpoint: String::new(),
        emotion: crate::model::Emotion::default(),
    };
    CurveSummary {
        peak: none.clone(),
        end: none,
        remembered: 0.0,
        mean: 0.0,
    }
}

#[cfg(test)]
mod tests;

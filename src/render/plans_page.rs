//! The page `plans/`: every improvement option with a plan, by owner and status, each with
//! its measure's value per wave against the target.

use super::department_page::OwnerLinks;
use super::links;
use super::measured_figures;
use crate::analysis::measured::{self, Point, SeriesKey, Verdict};
use crate::labels::Labels;
use crate::model::{Enumerated, Improvement, Journey, Plan, Project};
use serde::Serialize;
use std::collections::BTreeMap;

/// A plan as the plans page and a department page list it.
#[derive(Debug, Serialize)]
pub struct PlanRow<'a> {
    option: &'a str,
    journey: &'a str,
    journey_link: String,
    status: &'static str,
    status_label: &'a str,
    due: Option<&'a str>,
    measure: Option<String>,
    waves: Vec<WaveValue<'a>>,
}

/// The measure's value in one wave.
#[derive(Debug, Serialize)]
struct WaveValue<'a> {
    wave: String,
    date: String,
    value: String,
    n: u32,
    thin: bool,
    /// `met`, `missed` or `before` (not judged: see [`measured::verdict`]).
    verdict: &'static str,
    /// The verdict in words.
    verdict_label: &'a str,
}

/// The plans of one owner.
#[derive(Debug, Serialize)]
struct OwnerPlans<'a> {
    owner: String,
    /// The link to the owner's department page, when the owner has one.
    link: Option<String>,
    plans: Vec<PlanRow<'a>>,
}

/// The data of `plans/index.html`; `owners` link each owner with a department page to it.
pub fn data<'a>(
    project: &'a Project,
    labels: &'a Labels,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
    owners: &OwnerLinks<'_>,
) -> serde_json::Value {
    let mut by_owner: BTreeMap<(bool, String), Vec<(crate::model::PlanStatus, PlanRow)>> =
        BTreeMap::new();
    // Owners are grouped by the name readers see; the name links to the department page of
    // the first owner by that name that has one.
    let mut owner_links: BTreeMap<String, String> = BTreeMap::new();
    for (journey, option, plan) in plans(project) {
        let owner = match &plan.owner {
            Some(o) => (false, project.site.owner_name(o).to_string()),
            None => (true, labels.get("plans.no_owner").to_string()),
        };
        if let Some(link) = plan.owner.as_deref().and_then(|o| owners.of(o)) {
            owner_links
                .entry(owner.1.clone())
                .or_insert_with(|| link.to_string());
        }
        by_owner.entry(owner).or_default().push((
            plan.status,
            plan_row(project, journey, option, plan, labels, series),
        ));
    }
    let owners: Vec<OwnerPlans> = by_owner
        .into_iter()
        .map(|((unowned, owner), mut plans)| {
            plans.sort_by_key(|(status, _)| *status);
            OwnerPlans {
                link: (!unowned)
                    .then(|| owner_links.get(&owner).cloned())
                    .flatten(),
                owner,
                plans: plans.into_iter().map(|(_, p)| p).collect(),
            }
        })
        .collect();
    serde_json::json!({ "owners": owners })
}

/// The plans `owner` (as journeys write it) owns, by status, as its department page lists
/// them.
pub fn owned_by<'a>(
    owner: &str,
    project: &'a Project,
    labels: &'a Labels,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
) -> Vec<PlanRow<'a>> {
    let mut rows: Vec<(crate::model::PlanStatus, PlanRow)> = plans(project)
        .filter(|(_, _, plan)| plan.owner.as_deref() == Some(owner))
        .map(|(journey, option, plan)| {
            let row = plan_row(project, journey, option, plan, labels, series);
            (plan.status, row)
        })
        .collect();
    rows.sort_by_key(|(status, _)| *status);
    rows.into_iter().map(|(_, row)| row).collect()
}

/// Every improvement option with a plan, in the order of the journeys and their options.
fn plans(project: &Project) -> impl Iterator<Item = (&Journey, &Improvement, &Plan)> {
    project.journeys.iter().flat_map(|journey| {
        journey
            .improvements
            .iter()
            .filter_map(move |option| Some((&**journey, option, option.plan.as_ref()?)))
    })
}

/// One plan as the plans page and a department page list it: the option, its journey, the
/// status, the due date, and the measure's value in each wave with its verdict.
fn plan_row<'a>(
    project: &'a Project,
    journey: &'a Journey,
    option: &'a Improvement,
    plan: &'a Plan,
    labels: &'a Labels,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
) -> PlanRow<'a> {
    let min_n = project.site.measurements.min_n;
    let measure = plan.measure.as_ref();
    let waves = measure
        .and_then(|m| series.get(&(journey.id.as_str(), m.touchpoint.as_str(), m.metric)))
        .map(|points| {
            let last = points.len().saturating_sub(1);
            points
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let target = measure?.target;
                    let verdict =
                        measured::verdict(plan, target, &p.wave.date, i == last, p.aggregate.value);
                    let (verdict, key) = match verdict {
                        Verdict::Met => ("met", "plans.met"),
                        Verdict::Missed => ("missed", "plans.missed"),
                        Verdict::Before => ("before", "plans.before"),
                    };
                    Some(WaveValue {
                        wave: p.wave.name.clone(),
                        date: p.wave.date.clone(),
                        value: measured_figures::value(
                            p.aggregate.metric,
                            p.aggregate.value,
                            labels,
                        ),
                        n: p.aggregate.n,
                        thin: p.aggregate.n < min_n,
                        verdict,
                        verdict_label: labels.get(key),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let measure_text = measure.map(|m| {
        let touchpoint = journey
            .touchpoint(&m.touchpoint)
            .map_or(m.touchpoint.as_str(), |t| t.name.as_str());
        labels.fill(
            "plans.measure_text",
            &[
                ("metric", labels.of(m.metric).to_string()),
                ("touchpoint", touchpoint.to_string()),
                (
                    "target",
                    measured_figures::value(m.metric, m.target, labels),
                ),
            ],
        )
    });
    PlanRow {
        option: &option.title,
        journey: &journey.title,
        journey_link: links::journey(&journey.id),
        status: plan.status.as_str(),
        status_label: labels.of(plan.status),
        due: plan.due.as_deref(),
        measure: measure_text,
        waves,
    }
}

//! The page `plans/`: every improvement option with a plan, by owner and status, each with
//! its measure's value per wave against the target.

use super::department_page::OwnerLinks;
use super::links;
use super::measured_figures;
use crate::analysis::measured::{self, Point, SeriesKey, Verdict};
use crate::labels::Labels;
use crate::model::{Improvement, Journey, Metric, Plan, PlanStatus, Project};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A plan as the plans page and a department page list it.
#[derive(Debug, Serialize)]
pub struct PlanRow<'a> {
    /// The plan's id on the plans page (see [`links::plan`]).
    anchor: String,
    option: &'a str,
    journey: &'a str,
    /// The link to the option on its journey page.
    journey_link: String,
    /// Who carries it out, as readers see the name (shown where the list is not by owner).
    owner: &'a str,
    /// The link to the owner's department page, where the list shows the owner.
    owner_link: Option<String>,
    /// Whether the plan names no owner (`owner` then says so).
    unowned: bool,
    status: PlanStatus,
    status_label: &'a str,
    due: Option<&'a str>,
    /// "overdue by Winter 2026 (2026-12-15)", for a plan still to do past its due date.
    overdue: Option<String>,
    measure: Option<String>,
    outcome: Option<Outcome>,
    waves: Vec<WaveValue>,
}

/// Where a plan stands by its latest measured value, in words: what a reader looks for first.
#[derive(Debug, Serialize)]
pub struct Outcome {
    /// Met, missed or open (the plan is not done: not judged yet); never a baseline.
    verdict: Verdict,
    /// "Target missed: CES 2.8 in Autumn 2026, 0.7 below the target of 3.5".
    pub text: String,
}

/// The measure's value in one wave.
#[derive(Debug, Serialize)]
struct WaveValue {
    wave: String,
    date: String,
    value: String,
    /// The number of answers, in words: "64 answers".
    answers: String,
    thin: bool,
    /// See [`measured::verdict`].
    verdict: Verdict,
    /// The verdict in words, with the distance to the target when not judged.
    verdict_label: String,
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
    let mut by_owner: BTreeMap<(bool, String), Vec<(Order, PlanRow)>> = BTreeMap::new();
    // Owners are grouped by the name readers see; the name links to the department page of
    // the first owner by that name that has one.
    let mut owner_links: BTreeMap<String, String> = BTreeMap::new();
    for (journey, index, option, plan) in plans(project) {
        let owner = (
            plan.owner.is_none(),
            owner_name(project, plan, labels).to_string(),
        );
        if let Some(link) = plan.owner.as_deref().and_then(|o| owners.of(o)) {
            owner_links
                .entry(owner.1.clone())
                .or_insert_with(|| link.to_string());
        }
        by_owner.entry(owner).or_default().push((
            order(plan),
            plan_row(project, journey, index, option, plan, labels, series),
        ));
    }
    let owners: Vec<OwnerPlans> = by_owner
        .into_iter()
        .map(|((unowned, owner), mut plans)| {
            plans.sort_by(|(a, _), (b, _)| a.cmp(b));
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

/// The plans `owner` (as journeys write it) owns, in the plans page's order, as its
/// department page lists them.
pub fn owned_by<'a>(
    owner: &str,
    project: &'a Project,
    labels: &'a Labels,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
) -> Vec<PlanRow<'a>> {
    listed(project, labels, series, None, |_, _, plan| {
        plan.owner.as_deref() == Some(owner)
    })
}

/// Every plan of the project, in the plans page's order (not grouped by owner).
pub fn all<'a>(
    project: &'a Project,
    labels: &'a Labels,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
) -> Vec<PlanRow<'a>> {
    listed(project, labels, series, None, |_, _, _| true)
}

/// The plans of `journey` that are not dropped, in the plans page's order, each with the
/// option's place among the journey's options.
pub fn of_journey<'a>(
    project: &'a Project,
    journey: &'a Journey,
    labels: &'a Labels,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
) -> Vec<(usize, PlanRow<'a>)> {
    let mut rows: Vec<(Order, usize, PlanRow)> = (journey.improvements.iter().enumerate())
        .filter_map(|(index, option)| Some((index, option, option.plan.as_ref()?)))
        .filter(|(_, _, plan)| plan.status != PlanStatus::Dropped)
        .map(|(index, option, plan)| {
            let row = plan_row(project, journey, index, option, plan, labels, series);
            (order(plan), index, row)
        })
        .collect();
    rows.sort_by(|(a, _, _), (b, _, _)| a.cmp(b));
    rows.into_iter()
        .map(|(_, index, row)| (index, row))
        .collect()
}

/// The plans of other owners (or of none) that change a touchpoint `owner` owns, in the plans
/// page's order, each linked to its owner's department page (`owners`): what is about to
/// change in a department's part of the journeys.
pub fn touching<'a>(
    owner: &str,
    project: &'a Project,
    labels: &'a Labels,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
    owners: &OwnerLinks<'_>,
) -> Vec<PlanRow<'a>> {
    let changes_its_own = |journey: &Journey, option: &Improvement, plan: &Plan| {
        changed_owners(journey, option, plan).contains(owner)
    };
    listed(project, labels, series, Some(owners), changes_its_own)
}

/// The owners, other than the plan's own, of the touchpoints an option changes: the
/// departments whose part of the journey the plan changes (see [`touching`]).
pub fn changed_owners<'a>(
    journey: &'a Journey,
    option: &'a Improvement,
    plan: &Plan,
) -> BTreeSet<&'a str> {
    option
        .touchpoints
        .iter()
        .filter_map(|id| journey.touchpoint(id)?.owner.as_deref())
        .filter(|o| Some(*o) != plan.owner.as_deref())
        .collect()
}

/// The plans of others (or of no one) on the journeys `owner` owns that [`touching`] does not
/// list already: a journey's owner answers for every change to it.
pub fn on_journeys_of<'a>(
    owner: &str,
    project: &'a Project,
    labels: &'a Labels,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
    owners: &OwnerLinks<'_>,
) -> Vec<PlanRow<'a>> {
    let on_its_journey = |journey: &Journey, option: &Improvement, plan: &Plan| {
        journey.owner.as_deref() == Some(owner)
            && plan.owner.as_deref() != Some(owner)
            && !changed_owners(journey, option, plan).contains(owner)
    };
    listed(project, labels, series, Some(owners), on_its_journey)
}

/// The plans `keep` keeps, in the plans page's order; with `owners`, each links its owner to
/// the owner's department page.
fn listed<'a>(
    project: &'a Project,
    labels: &'a Labels,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
    owners: Option<&OwnerLinks<'_>>,
    keep: impl Fn(&Journey, &Improvement, &Plan) -> bool,
) -> Vec<PlanRow<'a>> {
    let mut rows: Vec<(Order, PlanRow)> = plans(project)
        .filter(|(journey, _, option, plan)| keep(journey, option, plan))
        .map(|(journey, index, option, plan)| {
            let mut row = plan_row(project, journey, index, option, plan, labels, series);
            row.owner_link = owners
                .zip(plan.owner.as_deref())
                .and_then(|(owners, owner)| owners.of(owner))
                .map(str::to_string);
            (order(plan), row)
        })
        .collect();
    rows.sort_by(|(a, _), (b, _)| a.cmp(b));
    rows.into_iter().map(|(_, row)| row).collect()
}

/// How many of `rows` stand at each status, in words, with the done ones that missed their
/// target: "2 in progress, 1 done, 1 of them short of the target.".
pub fn summary(rows: &[PlanRow<'_>], labels: &Labels) -> String {
    // In the order plans are listed: what is under way first.
    let statuses = [
        PlanStatus::Doing,
        PlanStatus::Planned,
        PlanStatus::Idea,
        PlanStatus::Done,
        PlanStatus::Dropped,
    ];
    let counts = statuses
        .iter()
        .filter_map(|status| {
            let of_status: Vec<&PlanRow> = rows.iter().filter(|r| r.status == *status).collect();
            let missed = of_status
                .iter()
                .filter(|r| {
                    r.outcome
                        .as_ref()
                        .is_some_and(|o| o.verdict == Verdict::Missed)
                })
                .count();
            let count = labels.fill(
                "plans.count_of",
                &[
                    ("count", of_status.len().to_string()),
                    ("status", labels.of(*status).to_lowercase()),
                ],
            );
            (!of_status.is_empty()).then(|| match missed {
                0 => count,
                _ => labels.fill(
                    "plans.count_missed",
                    &[("count", count), ("missed", missed.to_string())],
                ),
            })
        })
        .collect::<Vec<_>>()
        .join(", ");
    labels.fill("plans.summary", &[("statuses", counts)])
}

/// The order plans are listed in: what is still to do first, the soonest due first (a plan
/// without a due date after those with one), then the done and the dropped ones.
type Order = (u8, bool, Option<String>, PlanStatus);

fn order(plan: &Plan) -> Order {
    let group = match plan.status {
        PlanStatus::Idea | PlanStatus::Planned | PlanStatus::Doing => 0,
        PlanStatus::Done => 1,
        PlanStatus::Dropped => 2,
    };
    (group, plan.due.is_none(), plan.due.clone(), plan.status)
}

/// Every improvement option with a plan, with its place among the journey's options, in the
/// order of the journeys and their options.
fn plans(project: &Project) -> impl Iterator<Item = (&Journey, usize, &Improvement, &Plan)> {
    project.journeys.iter().flat_map(|journey| {
        journey
            .improvements
            .iter()
            .enumerate()
            .filter_map(move |(index, option)| {
                Some((&**journey, index, option, option.plan.as_ref()?))
            })
    })
}

/// Where `plan`, of an option of `journey`, stands by the latest wave that measured its
/// measure; `None` without a measure or a wave that measured it.
pub fn outcome(
    journey: &Journey,
    plan: &Plan,
    labels: &Labels,
    series: &BTreeMap<SeriesKey<'_>, Vec<Point<'_>>>,
) -> Option<Outcome> {
    let measure = plan.measure.as_ref()?;
    let points = measured::of_measure(series, &journey.id, measure);
    let (verdict, latest) = measured::outcome(plan, points)?;
    let (verdict, key) = match verdict {
        Verdict::Met => (Verdict::Met, "plans.outcome_met"),
        Verdict::Missed => (Verdict::Missed, "plans.outcome_missed"),
        Verdict::Baseline | Verdict::Open => (Verdict::Open, "plans.outcome_open"),
    };
    let metric = measure.metric;
    let value = latest.aggregate.value;
    let text = labels.fill(
        key,
        &[
            ("metric", labels.of(metric).to_string()),
            ("value", measured_figures::value(metric, value, labels)),
            (
                "target",
                measured_figures::value(metric, measure.target, labels),
            ),
            ("wave", latest.wave.name.clone()),
            ("gap", gap(metric, value, measure.target, labels)),
        ],
    );
    Some(Outcome { verdict, text })
}

/// The name readers see for the owner of `plan`, or that it has none ("No owner yet").
pub fn owner_name<'a>(project: &'a Project, plan: &'a Plan, labels: &'a Labels) -> &'a str {
    plan.owner.as_deref().map_or_else(
        || labels.get("plans.no_owner"),
        |o| project.site.owner_name(o),
    )
}

/// "overdue by Winter 2026 (2026-12-15)": the survey by which a plan still to do is past its
/// due date (see [`measured::overdue`]).
pub fn overdue(project: &Project, plan: &Plan, labels: &Labels) -> Option<String> {
    let wave = measured::overdue(plan, &project.waves)?;
    Some(labels.fill(
        "plans.overdue",
        &[("wave", wave.name.clone()), ("date", wave.date.clone())],
    ))
}

/// How far `value` is from `target`: "0.7 below the target of 3.5", or that it reached it.
fn gap(metric: Metric, value: f64, target: f64, labels: &Labels) -> String {
    let target_text = measured_figures::value(metric, target, labels);
    if value >= target {
        return labels.fill("plans.reached", &[("target", target_text)]);
    }
    let distance = labels.localise(measured::shown_gap(target - value));
    let distance = match metric {
        Metric::Nps | Metric::Csat => labels.fill("plans.points", &[("count", distance)]),
        Metric::Ces | Metric::Score => distance,
    };
    labels.fill("plans.below", &[("gap", distance), ("target", target_text)])
}

/// One plan as the plans page and a department page list it: the option, its journey, the
/// status, the due date, and the measure's value in each wave with its verdict.
fn plan_row<'a>(
    project: &'a Project,
    journey: &'a Journey,
    index: usize,
    option: &'a Improvement,
    plan: &'a Plan,
    labels: &'a Labels,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
) -> PlanRow<'a> {
    let min_n = project.site.measurements.min_n;
    let measure = plan.measure.as_ref();
    let waves = measure
        .map(|m| measured::of_measure(series, &journey.id, m))
        .map(|points| {
            let last = points.len().saturating_sub(1);
            points
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let target = measure?.target;
                    let value = p.aggregate.value;
                    let verdict = measured::verdict(plan, target, &p.wave.date, i == last, value);
                    let with_gap = |key| {
                        let gap = gap(p.aggregate.metric, value, target, labels);
                        labels.fill(key, &[("gap", gap)])
                    };
                    let verdict_label = match verdict {
                        Verdict::Met => labels.get("plans.met").to_string(),
                        Verdict::Missed => with_gap("plans.missed"),
                        Verdict::Baseline => with_gap("plans.baseline"),
                        Verdict::Open => with_gap("plans.open"),
                    };
                    Some(WaveValue {
                        wave: p.wave.name.clone(),
                        date: p.wave.date.clone(),
                        value: measured_figures::value(
                            p.aggregate.metric,
                            p.aggregate.value,
                            labels,
                        ),
                        answers: labels.fill("plans.answers", &[("n", p.aggregate.n.to_string())]),
                        thin: p.aggregate.n < min_n,
                        verdict,
                        verdict_label,
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
        anchor: links::plan_anchor(&journey.id, index),
        option: &option.title,
        journey: &journey.title,
        journey_link: links::option(&journey.id, index),
        owner_link: None,
        unowned: plan.owner.is_none(),
        owner: owner_name(project, plan, labels),
        status: plan.status,
        status_label: labels.of(plan.status),
        due: plan.due.as_deref(),
        overdue: overdue(project, plan, labels),
        measure: measure_text,
        outcome: outcome(journey, plan, labels, series),
        waves,
    }
}

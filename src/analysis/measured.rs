//! Measured experience over waves: each touchpoint's metrics per wave, the latest of them,
//! and the findings they give (a value that contradicts the typed emotion, a small sample, a
//! moment of truth nobody measured) with those of action plans (the best option without a
//! plan, a plan without an owner, a plan done that missed its target).

use super::findings::Finding;
use super::improvements::RankedImprovement;
use super::metrics::{self, Aggregate};
use crate::diagnostics::Code;
use crate::model::{Enumerated, Journey, Metric, Moment, Project, Wave};
use serde::Serialize;
use std::collections::BTreeMap;

/// One metric of one touchpoint in one wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point<'a> {
    /// The wave.
    pub wave: &'a Wave,
    /// The figures.
    pub aggregate: Aggregate,
    /// The answers' scale.
    pub scale: (f64, f64),
}

/// Where a series is measured: journey, touchpoint and metric.
pub type SeriesKey<'a> = (&'a str, &'a str, Metric);

/// Every measured metric of the project, oldest wave first.
pub fn series(project: &Project) -> BTreeMap<SeriesKey<'_>, Vec<Point<'_>>> {
    let mut all: BTreeMap<SeriesKey<'_>, Vec<Point<'_>>> = BTreeMap::new();
    for wave in &project.waves {
        for m in &wave.measurements {
            all.entry((m.journey.as_str(), m.touchpoint.as_str(), m.metric))
                .or_default()
                .push(Point {
                    wave,
                    aggregate: metrics::of_measurement(m),
                    scale: m.scale,
                });
        }
    }
    all
}

/// The series of one journey's touchpoint, by metric.
pub fn of_touchpoint<'s, 'a>(
    all: &'s BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
    journey: &str,
    touchpoint: &str,
) -> Vec<(Metric, &'s [Point<'a>])> {
    all.iter()
        .filter(|((j, t, _), _)| *j == journey && *t == touchpoint)
        .map(|((_, _, metric), points)| (*metric, points.as_slice()))
        .collect()
}

/// A touchpoint's latest measured value on the emotion scale (the first metric measured, in
/// the order NPS, CSAT, CES, score), for the journey curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OnScale {
    /// The value placed on the emotion scale.
    pub emotion: f64,
    /// The metric.
    pub metric: Metric,
    /// The value in the metric's unit, as quoted.
    pub value: String,
    /// The wave's name.
    pub wave: String,
}

/// Each touchpoint's latest measured value on the emotion scale, in journey order.
pub fn on_scale(journey: &Journey, project: &Project) -> Vec<Option<OnScale>> {
    if project.waves.is_empty() {
        return vec![None; journey.touchpoints().count()];
    }
    let all = series(project);
    journey
        .touchpoints()
        .map(|(_, t)| {
            let (metric, points) = of_touchpoint(&all, &journey.id, &t.id).into_iter().next()?;
            let latest = points.last()?;
            let value = latest.aggregate.value;
            Some(OnScale {
                emotion: metrics::as_emotion(metric, value, latest.scale, &project.site.scale),
                metric,
                value: shown(metric, value),
                wave: latest.wave.name.clone(),
            })
        })
        .collect()
}

/// A value as findings and tables quote it: whole for NPS and CSAT (with `%`), one decimal
/// for means.
pub fn shown(metric: Metric, value: f64) -> String {
    match metric {
        Metric::Nps => format!("{value:.0}"),
        Metric::Csat => format!("{value:.0}%"),
        Metric::Ces | Metric::Score => format!("{value:.1}"),
    }
}

/// Findings about the measurements and plans of one journey; `plans_used` says whether any
/// journey of the project plans an option (then the best option of each should have a plan).
pub fn findings(
    journey: &Journey,
    project: &Project,
    ranked: &[RankedImprovement],
    plans_used: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let site = &project.site;
    let all = series(project);
    let touchpoints = journey.touchpoints().filter(|_| !project.waves.is_empty());
    let scale = &site.scale;
    let [low, high] = scale.indifference;
    let span = f64::from(scale.max) - f64::from(scale.min);
    for (_, t) in touchpoints {
        let measured = of_touchpoint(&all, &journey.id, &t.id);
        let finding = |code: Code, params: Vec<(&'static str, String)>| Finding {
            journey: Some(journey.id.clone()),
            touchpoints: vec![t.id.clone()],
            params,
            ..Finding::new(code, Finding::label_of(code), t.location.clone())
        };
        let quoted = quote(&t.name);
        if t.moment == Moment::Truth && measured.is_empty() && !project.waves.is_empty() {
            out.push(finding(
                Code::UnmeasuredTruth,
                vec![("touchpoint", quoted.clone())],
            ));
        }
        let mut contradicted = false;
        for (metric, points) in &measured {
            let Some(latest) = points.last() else {
                continue;
            };
            let value = latest.aggregate.value;
            let emotion = metrics::as_emotion(*metric, value, latest.scale, scale);
            let typed = f64::from(t.emotion);
            let opposite = (typed > f64::from(high) && emotion < f64::from(low))
                || (typed < f64::from(low) && emotion > f64::from(high));
            if !contradicted && ((typed - emotion).abs() >= span / 2.0 || opposite) {
                contradicted = true;
                out.push(finding(
                    Code::MeasuredContradicts,
                    vec![
                        ("touchpoint", quoted.clone()),
                        ("metric", metric.as_str().to_uppercase()),
                        ("value", shown(*metric, value)),
                        ("wave", quote(&latest.wave.name)),
                        ("measured", format!("{emotion:.1}")),
                        ("emotion", t.emotion.to_string()),
                    ],
                ));
            }
            if latest.aggregate.n < site.measurements.min_n {
                out.push(finding(
                    Code::SmallSample,
                    vec![
                        ("touchpoint", quoted.clone()),
                        ("metric", metric.as_str().to_uppercase()),
                        ("wave", quote(&latest.wave.name)),
                        ("n", latest.aggregate.n.to_string()),
                        ("min", site.measurements.min_n.to_string()),
                    ],
                ));
            }
        }
    }
    out.extend(plan_findings(journey, ranked, &all, plans_used));
    out
}

/// Findings about the plans of a journey's improvement options.
fn plan_findings(
    journey: &Journey,
    ranked: &[RankedImprovement],
    all: &BTreeMap<SeriesKey<'_>, Vec<Point<'_>>>,
    plans_used: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let finding = |code: Code, location: &crate::diagnostics::Location, params| Finding {
        journey: Some(journey.id.clone()),
        params,
        ..Finding::new(code, Finding::label_of(code), location.clone())
    };
    if plans_used
        && let Some(best) = ranked.first()
        && let Some(option) = journey.improvements.get(best.index)
        && option.plan.is_none()
    {
        out.push(finding(
            Code::UnplannedOption,
            &option.location,
            vec![("option", quote(&option.title))],
        ));
    }
    for option in &journey.improvements {
        let Some(plan) = &option.plan else {
            continue;
        };
        if plan.owner.is_none() {
            out.push(finding(
                Code::PlanWithoutOwner,
                &plan.location,
                vec![("option", quote(&option.title))],
            ));
        }
        if plan.status != crate::model::PlanStatus::Done {
            continue;
        }
        let Some(measure) = &plan.measure else {
            continue;
        };
        let key = (
            journey.id.as_str(),
            measure.touchpoint.as_str(),
            measure.metric,
        );
        let Some(latest) = all.get(&key).and_then(|points| points.last()) else {
            continue;
        };
        if latest.aggregate.value < measure.target {
            let metric = measure.metric;
            let mut missed = finding(
                Code::PlanMissedTarget,
                &plan.location,
                vec![
                    ("option", quote(&option.title)),
                    ("metric", metric.as_str().to_uppercase()),
                    ("value", shown(metric, latest.aggregate.value)),
                    ("target", shown(metric, measure.target)),
                    ("wave", quote(&latest.wave.name)),
                ],
            );
            missed.touchpoints = vec![measure.touchpoint.clone()];
            out.push(missed);
        }
    }
    out
}

fn quote(name: &str) -> String {
    ["\u{201c}", name, "\u{201d}"].concat()
}

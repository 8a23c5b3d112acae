//! Measured experience over waves: each touchpoint's metrics per wave, the latest of them,
//! and the findings they give (a value that contradicts the typed emotion, a small sample, a
//! moment of truth nobody measured) with those of action plans (the best option without a
//! plan, a plan without an owner, a plan done that missed its target).

use super::findings::Finding;
use super::improvements::RankedImprovement;
use super::metrics::{self, Aggregate};
use crate::diagnostics::Code;
use crate::model::{
    Enumerated, Journey, Metric, Moment, Plan, PlanMeasure, PlanStatus, Project, Wave,
};
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

/// The series of one journey's touchpoint, by metric (in the order NPS, CSAT, CES, score).
pub fn of_touchpoint<'s, 'a>(
    all: &'s BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
    journey: &'a str,
    touchpoint: &'a str,
) -> Vec<(Metric, &'s [Point<'a>])> {
    all.range((journey, touchpoint, Metric::Nps)..=(journey, touchpoint, Metric::Score))
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

/// Each touchpoint's latest measured value on the emotion scale, in journey order; `all` is
/// the project's [`series`].
pub fn on_scale<'a>(
    journey: &'a Journey,
    project: &Project,
    all: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
) -> Vec<Option<OnScale>> {
    if project.waves.is_empty() {
        return vec![None; journey.touchpoints().count()];
    }
    journey
        .touchpoints()
        .map(|(_, t)| {
            let (metric, points) = of_touchpoint(all, &journey.id, &t.id).into_iter().next()?;
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

/// A metric's value as every page, tooltip and finding writes it (in English; a page
/// localises it), the one rule of docs/measurements.md: one decimal, rounded half away from
/// zero, always written: an NPS signed (`+12.5`, `-16.7`, `0.0`), a CSAT with `%` (`25.0%`,
/// `73.1%`), a CES or score mean as a number (`2.8`).
pub fn shown(metric: Metric, value: f64) -> String {
    let value = round1(value);
    match metric {
        Metric::Nps if value > 0.0 => format!("+{value:.1}"),
        Metric::Nps | Metric::Ces | Metric::Score => format!("{value:.1}"),
        Metric::Csat => format!("{value:.1}%"),
    }
}

/// A 95 % margin of error as the pages write it: `±4.2`, in points for NPS and CSAT, in the
/// mean's unit for CES and score; one decimal, as the value.
pub fn shown_margin(margin: f64) -> String {
    format!("±{:.1}", round1(margin))
}

/// A share of answers (CES: the share of 5 to 7) as the pages write it: `62.0%`, one
/// decimal as a CSAT.
pub fn shown_share(share: f64) -> String {
    format!("{:.1}%", round1(share))
}

/// A distance between two values of a metric, as the pages write it: `0.7`, one decimal.
pub fn shown_gap(gap: f64) -> String {
    format!("{:.1}", round1(gap))
}

/// Rounds half away from zero to one decimal; never `-0.0`.
fn round1(value: f64) -> f64 {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// How a plan's measured value in one wave reads against the plan's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Judged, and at or above the target.
    Met,
    /// Judged, and below the target.
    Missed,
    /// Not judged: a done plan's value measured before it was done (a baseline).
    Baseline,
    /// Not judged yet: the plan is not done (an idea, planned, in progress or dropped).
    Open,
}

/// The verdict on a plan's measured `value` in a wave of `date`; `latest` says whether that
/// wave is the latest that measured the plan's measure. A value is judged only once the plan
/// is `done`, and then only in the latest wave (the value the finding `plan-missed-target`
/// judges) and in the waves measured after its due date: a wave on or before the due date,
/// or an earlier wave of a plan without one, was most likely measured before the change and
/// is a baseline. A plan that is not done (an idea, planned, in progress or dropped) is never
/// judged, however late the wave.
pub fn verdict(plan: &Plan, target: f64, date: &str, latest: bool, value: f64) -> Verdict {
    // ISO dates (checked when loaded) compare as text.
    let after_due = plan.due.as_deref().is_some_and(|due| date > due);
    if plan.status != PlanStatus::Done {
        Verdict::Open
    } else if !(latest || after_due) {
        Verdict::Baseline
    } else if value >= target {
        Verdict::Met
    } else {
        Verdict::Missed
    }
}

/// The latest of `waves` dated after the due date of a plan still to do (an idea, planned or
/// in progress): the survey by which the plan is overdue. A build never reads the clock, so
/// the latest survey stands for "now".
pub fn overdue<'w>(plan: &Plan, waves: &'w [Wave]) -> Option<&'w Wave> {
    let due = plan.due.as_deref()?;
    let open = matches!(
        plan.status,
        PlanStatus::Idea | PlanStatus::Planned | PlanStatus::Doing
    );
    // ISO dates (checked when loaded) compare as text.
    let latest = waves.iter().max_by(|a, b| a.date.cmp(&b.date))?;
    (open && latest.date.as_str() > due).then_some(latest)
}

/// The series of a plan's `measure` in the journey `journey`, oldest wave first; empty when
/// no wave measured it.
pub fn of_measure<'s>(
    all: &'s BTreeMap<SeriesKey<'s>, Vec<Point<'s>>>,
    journey: &'s str,
    measure: &'s PlanMeasure,
) -> &'s [Point<'s>] {
    all.get(&(journey, measure.touchpoint.as_str(), measure.metric))
        .map_or(&[], Vec::as_slice)
}

/// Where a plan with a measure stands by the latest wave that measured it: that wave's point
/// and its verdict (met or missed once the plan is done, open before); `None` when no wave
/// measured it. The value the finding `plan-missed-target` judges.
pub fn outcome<'p, 'a>(plan: &Plan, points: &'p [Point<'a>]) -> Option<(Verdict, &'p Point<'a>)> {
    let measure = plan.measure.as_ref()?;
    let latest = points.last()?;
    let value = latest.aggregate.value;
    Some((
        verdict(plan, measure.target, &latest.wave.date, true, value),
        latest,
    ))
}

/// Findings about the measurements and plans of one journey; `all` is the project's
/// [`series`]; `plans_used` says whether any journey of the project plans an option (then
/// the best option of each should have a plan).
pub fn findings<'a>(
    journey: &'a Journey,
    project: &Project,
    all: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
    ranked: &[RankedImprovement],
    plans_used: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let site = &project.site;
    let touchpoints = journey.touchpoints().filter(|_| !project.waves.is_empty());
    let scale = &site.scale;
    let [low, high] = scale.indifference;
    let span = f64::from(scale.max) - f64::from(scale.min);
    for (_, t) in touchpoints {
        let measured = of_touchpoint(all, &journey.id, &t.id);
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
    out.extend(plan_findings(journey, ranked, all, plans_used));
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
        let Some(measure) = &plan.measure else {
            continue;
        };
        let points = of_measure(all, &journey.id, measure);
        if let Some((Verdict::Missed, latest)) = outcome(plan, points) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Measurement;

    /// A wave of `date` (also its id and name) without measurements.
    fn wave(date: &str) -> Wave {
        Wave {
            id: date.to_string(),
            name: date.to_string(),
            date: date.to_string(),
            measurements: Vec::new(),
            location: crate::diagnostics::Location::file("w.yaml".into()),
        }
    }

    fn plan(status: PlanStatus, due: Option<&str>) -> Plan {
        Plan {
            owner: None,
            measure: None,
            due: due.map(str::to_string),
            status,
            location: crate::diagnostics::Location::file("x".into()),
        }
    }

    #[test]
    fn a_touchpoints_series_are_exactly_its_own_by_metric() {
        let measurement = |journey: &str, touchpoint: &str, metric: Metric| Measurement {
            journey: journey.to_string(),
            touchpoint: touchpoint.to_string(),
            metric,
            n: 40,
            value: 3.0,
            scale: (1.0, 7.0),
            distribution: Vec::new(),
            margin: None,
            location: crate::diagnostics::Location::file("w.yaml".into()),
        };
        let wave = Wave {
            id: "w".to_string(),
            name: "W".to_string(),
            date: "2026-03-31".to_string(),
            // Neighbours in the map's order: a longer id of the same start, a journey whose
            // id starts with the other's, and the touchpoint's own metrics out of order.
            measurements: vec![
                measurement("a", "call-2", Metric::Csat),
                measurement("a", "call", Metric::Score),
                measurement("a-b", "call", Metric::Nps),
                measurement("a", "call", Metric::Nps),
                measurement("a", "cal", Metric::Ces),
                measurement("b", "call", Metric::Ces),
            ],
            location: crate::diagnostics::Location::file("w.yaml".into()),
        };
        let mut all: BTreeMap<SeriesKey<'_>, Vec<Point<'_>>> = BTreeMap::new();
        for m in &wave.measurements {
            all.entry((&m.journey, &m.touchpoint, m.metric))
                .or_default()
                .push(Point {
                    wave: &wave,
                    aggregate: metrics::of_measurement(m),
                    scale: m.scale,
                });
        }
        let metrics: Vec<Metric> = of_touchpoint(&all, "a", "call")
            .into_iter()
            .map(|(metric, points)| {
                assert_eq!(points.len(), 1);
                metric
            })
            .collect();
        assert_eq!(metrics, [Metric::Nps, Metric::Score]);
        assert!(of_touchpoint(&all, "a", "ca").is_empty());
        assert_eq!(of_touchpoint(&all, "b", "call").len(), 1);
    }

    #[test]
    fn a_plan_still_to_do_is_overdue_by_a_survey_after_its_due_date() {
        let waves = [wave("2026-12-15"), wave("2026-03-31")];
        let by = |status, due| overdue(&plan(status, due), &waves).map(|w| w.date.as_str());
        assert_eq!(
            by(PlanStatus::Doing, Some("2026-06-30")),
            Some("2026-12-15")
        );
        assert_eq!(by(PlanStatus::Idea, Some("2026-12-14")), Some("2026-12-15"));
        assert_eq!(
            by(PlanStatus::Planned, Some("2026-12-15")),
            None,
            "due that day"
        );
        assert_eq!(by(PlanStatus::Doing, None), None, "no due date");
        assert_eq!(by(PlanStatus::Done, Some("2026-06-30")), None);
        assert_eq!(by(PlanStatus::Dropped, Some("2026-06-30")), None);
        assert!(overdue(&plan(PlanStatus::Doing, Some("2026-06-30")), &[]).is_none());
    }

    #[test]
    fn a_plans_outcome_is_its_latest_waves_verdict() {
        let (spring, autumn) = (wave("2026-03-31"), wave("2026-09-30"));
        let point = |wave, value| Point {
            wave,
            aggregate: metrics::of_measurement(&Measurement {
                journey: "j".to_string(),
                touchpoint: "t".to_string(),
                metric: Metric::Ces,
                n: 40,
                value,
                scale: (1.0, 7.0),
                distribution: Vec::new(),
                margin: None,
                location: crate::diagnostics::Location::file("w.yaml".into()),
            }),
            scale: (1.0, 7.0),
        };
        let points = [point(&spring, 2.1), point(&autumn, 3.6)];
        let measured = |status| Plan {
            measure: Some(PlanMeasure {
                touchpoint: "t".to_string(),
                metric: Metric::Ces,
                target: 3.5,
            }),
            ..plan(status, None)
        };
        let (verdict, latest) = outcome(&measured(PlanStatus::Done), &points).unwrap();
        assert_eq!(
            (verdict, latest.wave.date.as_str()),
            (Verdict::Met, "2026-09-30")
        );
        let (verdict, _) = outcome(&measured(PlanStatus::Done), &points[..1]).unwrap();
        assert_eq!(verdict, Verdict::Missed);
        let (verdict, _) = outcome(&measured(PlanStatus::Doing), &points).unwrap();
        assert_eq!(verdict, Verdict::Open);
        assert!(outcome(&measured(PlanStatus::Done), &[]).is_none());
        assert!(outcome(&plan(PlanStatus::Done, None), &points).is_none());
    }

    #[test]
    fn only_a_done_plan_is_judged_in_its_latest_wave_and_after_its_due_date() {
        let done = plan(PlanStatus::Done, Some("2026-11-30"));
        // Measured before the due date, and not the latest: a baseline.
        assert_eq!(
            verdict(&done, 3.5, "2026-09-30", false, 2.1),
            Verdict::Baseline
        );
        // On the due date itself: still before.
        assert_eq!(
            verdict(&done, 3.5, "2026-11-30", false, 2.1),
            Verdict::Baseline
        );
        // After the due date, or the latest wave (what `plan-missed-target` judges).
        assert_eq!(
            verdict(&done, 3.5, "2026-12-15", false, 2.8),
            Verdict::Missed
        );
        assert_eq!(
            verdict(&done, 3.5, "2026-09-30", true, 2.8),
            Verdict::Missed
        );
        assert_eq!(verdict(&done, 3.5, "2026-12-15", true, 3.5), Verdict::Met);
        // A done plan without a due date: only its latest wave.
        let undated = plan(PlanStatus::Done, None);
        assert_eq!(
            verdict(&undated, 60.0, "2026-09-30", false, 25.0),
            Verdict::Baseline
        );
        assert_eq!(
            verdict(&undated, 60.0, "2026-12-15", true, 38.0),
            Verdict::Missed
        );
        // A plan not done is never judged, not even past its due date.
        for status in [
            PlanStatus::Idea,
            PlanStatus::Planned,
            PlanStatus::Doing,
            PlanStatus::Dropped,
        ] {
            let late = plan(status, Some("2026-01-31"));
            assert_eq!(
                verdict(&late, 60.0, "2026-12-15", true, 25.0),
                Verdict::Open
            );
            assert_eq!(
                verdict(&late, 60.0, "2026-12-15", true, 75.0),
                Verdict::Open
            );
        }
    }

    #[test]
    fn each_metric_is_written_with_one_decimal_always() {
        assert_eq!(shown(Metric::Nps, -16.666), "-16.7");
        assert_eq!(shown(Metric::Nps, -10.687), "-10.7");
        assert_eq!(shown(Metric::Nps, 10.0), "+10.0");
        assert_eq!(shown(Metric::Nps, -0.04), "0.0");
        assert_eq!(shown(Metric::Csat, 25.0), "25.0%");
        assert_eq!(shown(Metric::Csat, 38.028), "38.0%");
        assert_eq!(shown(Metric::Csat, 73.1), "73.1%");
        assert_eq!(shown(Metric::Csat, 62.25), "62.3%");
        assert_eq!(shown(Metric::Ces, 2.8), "2.8");
        assert_eq!(shown(Metric::Score, 7.0), "7.0");
        assert_eq!(shown_margin(4.0), "±4.0");
        assert_eq!(shown_margin(0.349), "±0.3");
        assert_eq!(shown_share(62.0), "62.0%");
    }
}

//! Promises traced across the site: where each is made, where delivered and how, its
//! status, and the consistency index of a journey and of the site.

use crate::diagnostics::Location;
use crate::model::{DeliveryResult, Labelled, Project, enumerated};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

enumerated! {
    /// Where a promise stands overall.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
    pub enum PromiseStatus {
        /// Some delivery breaks it.
        Broken = "broken",
        /// No touchpoint delivers it.
        Undelivered = "undelivered",
        /// Some delivery keeps it only partly.
        AtRisk = "at-risk",
        /// Every delivery keeps or exceeds it.
        Kept = "kept",
    }
}

impl Labelled for PromiseStatus {
    const GROUP: &'static str = "status";
}

/// A touchpoint of a journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TouchpointRef {
    /// Journey id.
    pub journey: String,
    /// Touchpoint id.
    pub touchpoint: String,
    /// Position of the touchpoint in its journey (0-based).
    pub position: usize,
}

/// One delivery on a promise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeliveryTrace {
    /// Where it is delivered.
    pub at: TouchpointRef,
    /// How.
    pub result: DeliveryResult,
    /// What shows it.
    pub evidence: Option<String>,
    /// Where the delivery is written.
    pub location: Location,
}

/// A promise with everything known about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromiseTrace {
    /// Promise id.
    pub id: String,
    /// Touchpoints that make it, in journey order.
    pub made_at: Vec<TouchpointRef>,
    /// Deliveries, in journey order.
    pub deliveries: Vec<DeliveryTrace>,
    /// Overall status.
    pub status: PromiseStatus,
}

/// Traces every promise of the project, in the project's promise order: one pass over the
/// touchpoints, in journey order.
pub fn trace(project: &Project) -> Vec<PromiseTrace> {
    let index: HashMap<&str, usize> = project
        .promises
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut made_at: Vec<Vec<TouchpointRef>> = vec![Vec::new(); project.promises.len()];
    let mut deliveries: Vec<Vec<DeliveryTrace>> = vec![Vec::new(); project.promises.len()];
    for journey in &project.journeys {
        for (position, (_, t)) in journey.touchpoints().enumerate() {
            let at = || TouchpointRef {
                journey: journey.id.clone(),
                touchpoint: t.id.clone(),
                position,
            };
            let mut made: Vec<usize> = t
                .promises
                .iter()
                .filter_map(|id| index.get(id.as_str()).copied())
                .collect();
            made.sort_unstable();
            made.dedup();
            for i in made {
                made_at[i].push(at());
            }
            for d in &t.delivers {
                if let Some(&i) = index.get(d.promise.as_str()) {
                    deliveries[i].push(DeliveryTrace {
                        at: at(),
                        result: d.result,
                        evidence: d.evidence.clone(),
                        location: d.location.clone(),
                    });
                }
            }
        }
    }
    project
        .promises
        .iter()
        .zip(made_at.into_iter().zip(deliveries))
        .map(|(promise, (made_at, deliveries))| PromiseTrace {
            id: promise.id.clone(),
            status: status(deliveries.iter().map(|d| d.result)),
            made_at,
            deliveries,
        })
        .collect()
}

/// `trace` again after one journey changed: its entries replaced by those of `journey` as
/// it is now, the others kept. Traces list their entries in journey order, and the loader's
/// journeys are sorted by id, so the journey's entries go between those of the journeys
/// before and after it.
pub fn retrace(trace: &PromiseTrace, journey: &crate::model::Journey) -> PromiseTrace {
    let id = journey.id.as_str();
    let mut made_at: Vec<TouchpointRef> = Vec::with_capacity(trace.made_at.len());
    let mut deliveries: Vec<DeliveryTrace> = Vec::with_capacity(trace.deliveries.len());
    made_at.extend(trace.made_at.iter().filter(|m| *m.journey < *id).cloned());
    deliveries.extend(
        trace
            .deliveries
            .iter()
            .filter(|d| *d.at.journey < *id)
            .cloned(),
    );
    for (position, (_, t)) in journey.touchpoints().enumerate() {
        let at = || TouchpointRef {
            journey: journey.id.clone(),
            touchpoint: t.id.clone(),
            position,
        };
        if t.promises.contains(&trace.id) {
            made_at.push(at());
        }
        for d in t.delivers.iter().filter(|d| d.promise == trace.id) {
            deliveries.push(DeliveryTrace {
                at: at(),
                result: d.result,
                evidence: d.evidence.clone(),
                location: d.location.clone(),
            });
        }
    }
    made_at.extend(trace.made_at.iter().filter(|m| *m.journey > *id).cloned());
    deliveries.extend(
        trace
            .deliveries
            .iter()
            .filter(|d| *d.at.journey > *id)
            .cloned(),
    );
    PromiseTrace {
        id: trace.id.clone(),
        status: status(deliveries.iter().map(|d| d.result)),
        made_at,
        deliveries,
    }
}

/// What a promise looks like in each journey that makes or delivers it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InJourney {
    /// Results of the deliveries in the journey.
    pub results: Vec<DeliveryResult>,
    /// True when the journey makes the promise.
    pub made: bool,
}

impl PromiseTrace {
    /// The promise per journey id, for the journeys that make or deliver it.
    pub fn by_journey(&self) -> std::collections::BTreeMap<&str, InJourney> {
        let mut map: std::collections::BTreeMap<&str, InJourney> =
            std::collections::BTreeMap::new();
        for made in &self.made_at {
            map.entry(made.journey.as_str()).or_default().made = true;
        }
        for delivery in &self.deliveries {
            map.entry(delivery.at.journey.as_str())
                .or_default()
                .results
                .push(delivery.result);
        }
        map
    }
}

/// The status of a promise from the results of its deliveries.
pub fn status(results: impl IntoIterator<Item = DeliveryResult>) -> PromiseStatus {
    let results: Vec<DeliveryResult> = results.into_iter().collect();
    if results.is_empty() {
        PromiseStatus::Undelivered
    } else if results.contains(&DeliveryResult::Broken) {
        PromiseStatus::Broken
    } else if results.contains(&DeliveryResult::Partly) {
        PromiseStatus::AtRisk
    } else {
        PromiseStatus::Kept
    }
}

/// What one delivery counts for in the consistency index.
fn weight(result: DeliveryResult) -> f64 {
    match result {
        DeliveryResult::Exceeded | DeliveryResult::Kept => 1.0,
        DeliveryResult::Partly => 0.5,
        DeliveryResult::Broken => 0.0,
    }
}

/// The consistency index (percent) over some deliveries and undelivered promises (which count
/// 0); `None` when there is neither. The sum starts at `0.0`: `Iterator::sum` of no floats
/// is `-0.0`, which model.json would show as such.
pub fn consistency_index(deliveries: &[DeliveryResult], undelivered: usize) -> Option<f64> {
    let count = deliveries.len() + undelivered;
    let kept = deliveries.iter().fold(0.0, |sum, r| sum + weight(*r));
    (count > 0).then(|| 100.0 * kept / count as f64)
}

/// The consistency index of every journey that makes or delivers a promise: its deliveries,
/// plus the promises made in it that no touchpoint of the site delivers. One pass.
pub fn journey_indices(traces: &[PromiseTrace]) -> BTreeMap<&str, Option<f64>> {
    let mut per_journey: BTreeMap<&str, (Vec<DeliveryResult>, usize)> = BTreeMap::new();
    for trace in traces {
        for delivery in &trace.deliveries {
            per_journey
                .entry(delivery.at.journey.as_str())
                .or_default()
                .0
                .push(delivery.result);
        }
        if trace.status == PromiseStatus::Undelivered {
            let mut journeys: Vec<&str> =
                trace.made_at.iter().map(|m| m.journey.as_str()).collect();
            journeys.dedup();
            for journey in journeys {
                per_journey.entry(journey).or_default().1 += 1;
            }
        }
    }
    per_journey
        .into_iter()
        .map(|(journey, (results, undelivered))| {
            (journey, consistency_index(&results, undelivered))
        })
        .collect()
}

/// The consistency index of one journey (as [`journey_indices`] gives it) from the traces of
/// the promises it makes or delivers, in the project's promise order.
pub fn journey_index<'a>(
    traces: impl IntoIterator<Item = &'a PromiseTrace>,
    journey: &str,
) -> Option<f64> {
    let (mut results, mut undelivered) = (Vec::new(), 0);
    for trace in traces {
        let here = trace.deliveries.iter().filter(|d| d.at.journey == journey);
        results.extend(here.map(|d| d.result));
        let made_here = trace.made_at.iter().any(|m| m.journey == journey);
        if trace.status == PromiseStatus::Undelivered && made_here {
            undelivered += 1;
        }
    }
    consistency_index(&results, undelivered)
}

/// The consistency index of the site: every delivery and every undelivered promise.
pub fn site_index(traces: &[PromiseTrace]) -> Option<f64> {
    let deliveries: Vec<DeliveryResult> = traces
        .iter()
        .flat_map(|t| &t.deliveries)
        .map(|d| d.result)
        .collect();
    let undelivered = traces
        .iter()
        .filter(|t| t.status == PromiseStatus::Undelivered)
        .count();
    consistency_index(&deliveries, undelivered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use DeliveryResult::*;

    #[test]
    fn status_rules() {
        assert_eq!(status([]), PromiseStatus::Undelivered);
        assert_eq!(status([Kept, Exceeded]), PromiseStatus::Kept);
        assert_eq!(status([Kept, Partly]), PromiseStatus::AtRisk);
        assert_eq!(status([Partly, Broken, Exceeded]), PromiseStatus::Broken);
    }

    #[test]
    fn index_weights() {
        assert_eq!(
            consistency_index(&[Exceeded, Kept, Partly, Broken], 0),
            Some(62.5)
        );
        assert_eq!(consistency_index(&[Kept], 1), Some(50.0));
        assert_eq!(consistency_index(&[], 0), None);
        assert_eq!(consistency_index(&[], 2), Some(0.0));
        let none_kept = [consistency_index(&[], 2), consistency_index(&[Broken], 1)];
        assert!(
            none_kept
                .iter()
                .all(|i| i.is_some_and(f64::is_sign_positive)),
            "no negative zero: {none_kept:?}"
        );
    }
}

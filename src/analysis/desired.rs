//! A desired journey analysed as a design beside today's: its own figures and the findings
//! that make sense for a design, and the comparison of the two (what the design removes,
//! adds and changes, and each headline figure today and desired).

use super::{Finding, Impression, JourneyAnalysis, promises};
use crate::diagnostics::Code;
use crate::model::{DeliveryResult, Emotion, Journey, Project, Touchpoint};
use serde::Serialize;
use std::sync::Arc;

/// The design of one current journey, for `model.json` and the pages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DesiredAnalysis {
    /// The current journey's id.
    pub journey: String,
    /// The desired journey's own analysis; its findings are marked as about the design.
    pub design: JourneyAnalysis,
    /// Today compared with the design.
    pub comparison: Comparison,
}

/// A touchpoint the design removes, adds or changes, with the options that bring it about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TouchpointChange {
    /// Touchpoint id.
    pub touchpoint: String,
    /// Its emotion today; `None` for one the design adds.
    pub before: Option<Emotion>,
    /// Its emotion in the design; `None` for one the design removes.
    pub after: Option<Emotion>,
    /// Titles of the improvement options that deliver the change (`creates`, or for a
    /// removed touchpoint the options that name it in `touchpoints`).
    pub options: Vec<String>,
}

/// The headline figures of one journey.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Remembered score (peak-end).
    pub remembered: f64,
    /// Mean emotion.
    pub mean: f64,
    /// Magic Moments.
    pub magic: usize,
    /// Miserable Moments.
    pub miserable: usize,
    /// Handoffs between departments.
    pub handoffs: usize,
    /// Items asked more than once.
    pub repeated_asks: usize,
    /// Consistency index in percent.
    pub consistency_index: Option<f64>,
}

impl Figures {
    /// The figures of an analysed journey.
    pub fn of(analysis: &JourneyAnalysis) -> Self {
        Figures {
            remembered: analysis.current.remembered,
            mean: analysis.current.mean,
            magic: analysis.counts.impression(Impression::Magic),
            miserable: analysis.counts.impression(Impression::Miserable),
            handoffs: analysis.handoffs.len(),
            repeated_asks: analysis.repeated_asks.len(),
            consistency_index: analysis.consistency_index,
        }
    }
}

/// Today against the design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The desired journey's id.
    pub desired: String,
    /// Touchpoints of today that the design leaves out, in today's order.
    pub removed: Vec<TouchpointChange>,
    /// Touchpoints only the design has, in its order.
    pub added: Vec<TouchpointChange>,
    /// Touchpoints in both whose emotion, name, kind, channel, owner or moment differ.
    pub changed: Vec<TouchpointChange>,
    /// Today's figures.
    pub today: Figures,
    /// The design's figures.
    pub desired_figures: Figures,
}

/// True when the design changes a touchpoint it keeps.
fn differs(today: &Touchpoint, design: &Touchpoint) -> bool {
    today.emotion != design.emotion
        || today.name != design.name
        || today.kind != design.kind
        || today.channel != design.channel
        || today.owner != design.owner
        || today.moment != design.moment
}

/// Compares a current journey with its design.
pub fn compare(
    current: &Journey,
    today: &JourneyAnalysis,
    design: &Journey,
    desired: &JourneyAnalysis,
) -> Comparison {
    let creating = |id: &str| -> Vec<String> {
        current
            .improvements
            .iter()
            .filter(|i| i.creates.iter().any(|c| c == id))
            .map(|i| i.title.clone())
            .collect()
    };
    let removed = current
        .touchpoints()
        .filter(|(_, t)| design.touchpoint(&t.id).is_none())
        .map(|(_, t)| TouchpointChange {
            touchpoint: t.id.clone(),
            before: Some(t.emotion),
            after: None,
            options: current
                .improvements
                .iter()
                .filter(|i| i.touchpoints.contains(&t.id))
                .map(|i| i.title.clone())
                .collect(),
        })
        .collect();
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for (_, t) in design.touchpoints() {
        match current.touchpoint(&t.id) {
            None => added.push(TouchpointChange {
                touchpoint: t.id.clone(),
                before: None,
                after: Some(t.emotion),
                options: creating(&t.id),
            }),
            Some(before) if differs(before, t) => changed.push(TouchpointChange {
                touchpoint: t.id.clone(),
                before: Some(before.emotion),
                after: Some(t.emotion),
                options: creating(&t.id),
            }),
            Some(_) => {}
        }
    }
    Comparison {
        desired: design.id.clone(),
        removed,
        added,
        changed,
        today: Figures::of(today),
        desired_figures: Figures::of(desired),
    }
}

/// The consistency index of a design: its own deliveries only.
pub fn design_index(design: &Journey) -> Option<f64> {
    let results: Vec<DeliveryResult> = design
        .touchpoints()
        .flat_map(|(_, t)| &t.delivers)
        .map(|d| d.result)
        .collect();
    promises::consistency_index(&results, 0)
}

/// The promises a design makes and delivers, traced over the design alone: statuses from its
/// own deliveries, as no figure about today counts a design.
pub fn design_traces(project: &Project, design: &Journey) -> Vec<promises::PromiseTrace> {
    promises::trace(&alone(project, design))
}

/// A project of the design alone, with the site's settings and promises.
fn alone(project: &Project, design: &Journey) -> Project {
    Project {
        journeys: vec![Arc::new(design.clone())],
        desired: Vec::new(),
        pages: Vec::new(),
        assets: Vec::new(),
        theme_files: Vec::new(),
        site: project.site.clone(),
        promises: project.promises.clone(),
        personas: None,
        waves: Vec::new(),
    }
}

/// The promise findings that make sense for a design: a promise it still breaks or keeps
/// only partly, or delivers before it makes it.
pub fn design_promise_findings(project: &Project, design: &Journey) -> Vec<Finding> {
    let alone = alone(project, design);
    let traces = promises::trace(&alone);
    super::findings::promise_findings(&alone, &traces)
        .into_iter()
        .filter(|f| {
            f.journey.as_deref() == Some(design.id.as_str())
                && matches!(
                    f.code,
                    Code::BrokenPromise | Code::PromiseAtRisk | Code::DeliveryBeforePromise
                )
        })
        .collect()
}

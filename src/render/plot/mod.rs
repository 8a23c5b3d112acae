//! SVG plots, drawn with plotters' SVG backend: the journey curve, the priority matrix, the
//! promise heat map and the home-page sparklines. Each is drawn once per build and inlined
//! or written as a standalone file from that one drawing.

mod canvas;
mod curve;
mod heatmap;
mod legend;
mod markers;
mod priorities;
mod sparkline;
mod style;

pub use canvas::{Document, with_instance};

use crate::analysis::Analysis;
use crate::labels::Labels;
use crate::model::Project;
use std::collections::BTreeMap;

/// The plots of one journey.
pub struct JourneyPlots {
    /// The journey curve.
    pub curve: Document,
    /// The priority matrix.
    pub priorities: Document,
    /// The home-page sparkline.
    pub sparkline: Document,
}

/// Every plot of a site.
pub struct Plots {
    /// By journey id.
    pub journeys: BTreeMap<String, JourneyPlots>,
    /// The promise heat map.
    pub promises: Document,
}

/// The id prefix of a journey's curve; other ids derive from the plot's own prefix.
pub fn curve_id(journey: &str) -> String {
    format!("jm-curve-{journey}")
}

/// Draws every plot of a site.
pub fn draw_all(project: &Project, analysis: &Analysis, labels: &Labels) -> Result<Plots, String> {
    let scale = &project.site.scale;
    let mut journeys = BTreeMap::new();
    for journey in &project.journeys {
        let Some(facts) = analysis.journey(&journey.id) else {
            continue;
        };
        journeys.insert(
            journey.id.clone(),
            JourneyPlots {
                curve: curve::journey_curve(journey, facts, scale, labels, &curve_id(&journey.id))?,
                priorities: priorities::priorities(
                    journey,
                    facts,
                    scale,
                    labels,
                    &format!("jm-priorities-{}", journey.id),
                )?,
                sparkline: sparkline::sparkline(
                    journey,
                    scale,
                    labels,
                    &format!("jm-spark-{}", journey.id),
                )?,
            },
        );
    }
    Ok(Plots {
        journeys,
        promises: heatmap::promise_map(project, analysis, labels, "jm-promises")?,
    })
}

#[cfg(test)]
mod tests;

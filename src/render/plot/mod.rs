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
use rayon::prelude::*;
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
    let drawn: Result<Vec<(String, JourneyPlots)>, String> = project
        .journeys
        .par_iter()
        .filter_map(|journey| analysis.journey(&journey.id).map(|facts| (journey, facts)))
        .map(|(journey, facts)| {
            let id = &journey.id;
            Ok((
                id.clone(),
                JourneyPlots {
                    curve: curve::journey_curve(journey, facts, scale, labels, &curve_id(id))?,
                    priorities: priorities::priorities(
                        journey,
                        facts,
                        scale,
                        labels,
                        &format!("jm-priorities-{id}"),
                    )?,
                    sparkline: sparkline::sparkline(
                        journey,
                        scale,
                        labels,
                        &format!("jm-spark-{id}"),
                    )?,
                },
            ))
        })
        .collect();
    let journeys: BTreeMap<String, JourneyPlots> = drawn?.into_iter().collect();
    Ok(Plots {
        journeys,
        promises: heatmap::promise_map(project, analysis, labels, "jm-promises")?,
    })
}

#[cfg(test)]
mod tests;

//! SVG plots, drawn with plotters into compact SVG (`backend`): the journey curve, the priority matrix, the
//! promise heat map and the home-page sparklines. Each is drawn once per build and inlined
//! or written as a standalone file from that one drawing.

mod backend;
mod blueprint;
mod canvas;
mod comparison;
mod curve;
mod heatmap;
mod label;
mod legend;
mod markers;
mod priorities;
mod sparkline;
mod style;

pub use blueprint::{blueprint, blueprint_parts, has_blueprint};
pub use canvas::{Document, with_instance};
pub use priorities::has_priorities;

use crate::analysis::Analysis;
use crate::analysis::JourneyAnalysis;
use crate::labels::Labels;
use crate::model::{Journey, Project, Scale};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The plots of one journey's page, drawn when that page is rendered.
pub struct JourneyPlots {
    /// The journey curve.
    pub curve: Document,
    /// The priority matrix.
    pub priorities: Document,
}

/// The plots several pages share, drawn once before the pages: the sparklines of the home
/// page, the promise heat map, and the curves that notes show in `plot` views.
pub struct SharedPlots {
    /// Sparklines by journey id.
    pub sparklines: BTreeMap<String, Document>,
    /// Curves by journey id, for the journeys a note shows.
    pub viewed_curves: BTreeMap<String, Document>,
    /// The promise heat map, when the pages to render show it.
    pub promises: Option<Document>,
}

/// Which shared plots the pages to render need.
pub struct Needs<'a> {
    /// The sparklines of the home page's cards.
    pub sparklines: bool,
    /// The promise heat map (the consistency report, or a page showing all of it).
    pub promise_map: bool,
    /// The journeys whose curve a note to render shows.
    pub viewed: &'a BTreeSet<&'a str>,
}

/// The id prefix of a journey's blueprint.
pub fn blueprint_id(journey: &str) -> String {
    format!("jm-blueprint-{journey}")
}

/// The id prefix of a journey's curve; other ids derive from the plot's own prefix.
pub fn curve_id(journey: &str) -> String {
    format!("jm-curve-{journey}")
}

/// Draws the curve of a journey.
pub fn draw_curve(
    journey: &Journey,
    facts: &JourneyAnalysis,
    scale: &Scale,
    labels: &Labels,
) -> Result<Document, String> {
    curve::journey_curve(journey, facts, scale, labels, &curve_id(&journey.id))
}

/// Draws the curve of a journey's page: the comparison with its desired journey when it has
/// one, else its own curve. `journey` may be a current or a desired journey.
pub fn draw_page_curve(
    project: &Project,
    analysis: &Analysis,
    journey: &Journey,
    facts: &JourneyAnalysis,
    labels: &Labels,
) -> Result<Document, String> {
    let scale = &project.site.scale;
    match (
        project.desired_of(&journey.id),
        analysis.desired_of(&journey.id),
    ) {
        (Some(design), Some(desired)) => comparison::comparison_curve(
            journey,
            facts,
            design,
            &desired.comparison,
            scale,
            labels,
            &curve_id(&journey.id),
        ),
        _ => draw_curve(journey, facts, scale, labels),
    }
}

/// Draws the comparison curve that a `plot: <desired id>` view shows: the current journey
/// and that design; `None` when `id` is no desired journey.
pub fn draw_design_view(
    project: &Project,
    analysis: &Analysis,
    id: &str,
    labels: &Labels,
) -> Option<Result<Document, String>> {
    let design = project.design(id)?;
    let current = project.journey(design.desired_for.as_deref()?)?;
    let today = analysis.journey(&current.id)?;
    let desired = analysis.desired_of(&current.id)?;
    Some(comparison::comparison_curve(
        current,
        today,
        design,
        &desired.comparison,
        &project.site.scale,
        labels,
        &curve_id(id),
    ))
}

/// Draws the plots of a journey's page; a curve that a note shows was drawn with the shared
/// plots and is reused.
pub fn draw_journey(
    project: &Project,
    analysis: &Analysis,
    journey: &Journey,
    facts: &JourneyAnalysis,
    labels: &Labels,
    shared: &SharedPlots,
) -> Result<JourneyPlots, String> {
    let scale = &project.site.scale;
    let curve = match shared.viewed_curves.get(&journey.id) {
        Some(curve) if journey.desired_for.is_none() => curve.clone(),
        _ => draw_page_curve(project, analysis, journey, facts, labels)?,
    };
    Ok(JourneyPlots {
        curve,
        priorities: priorities::priorities(
            journey,
            facts,
            scale,
            labels,
            &format!("jm-priorities-{}", journey.id),
        )?,
    })
}

/// A journey's shared plots: its id, sparkline and viewed curve, each when needed.
type JourneyShared = (String, Option<Document>, Option<Document>);

/// Draws the shared plots the pages to render need.
pub fn draw_shared(
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
    needs: &Needs<'_>,
) -> Result<SharedPlots, String> {
    let scale = &project.site.scale;
    let viewed = needs.viewed;
    let drawn: Result<Vec<JourneyShared>, String> = project
        .journeys
        .par_iter()
        .filter(|journey| needs.sparklines || viewed.contains(journey.id.as_str()))
        .filter_map(|journey| analysis.journey(&journey.id).map(|facts| (journey, facts)))
        .map(|(journey, facts)| {
            let id = &journey.id;
            let sparkline = if needs.sparklines {
                Some(sparkline::sparkline(
                    journey,
                    scale,
                    labels,
                    &format!("jm-spark-{id}"),
                )?)
            } else {
                None
            };
            let curve = if viewed.contains(id.as_str()) {
                Some(draw_page_curve(project, analysis, journey, facts, labels)?)
            } else {
                None
            };
            Ok((id.clone(), sparkline, curve))
        })
        .collect();
    let mut sparklines = BTreeMap::new();
    let mut viewed_curves = BTreeMap::new();
    for id in viewed.iter() {
        if let Some(drawn) = draw_design_view(project, analysis, id, labels) {
            viewed_curves.insert(id.to_string(), drawn?);
        }
    }
    for (id, sparkline, curve) in drawn? {
        if let Some(curve) = curve {
            viewed_curves.insert(id.clone(), curve);
        }
        if let Some(sparkline) = sparkline {
            sparklines.insert(id, sparkline);
        }
    }
    let promises = if needs.promise_map {
        Some(heatmap::promise_map(
            project,
            analysis,
            labels,
            "jm-promises",
        )?)
    } else {
        None
    };
    Ok(SharedPlots {
        sparklines,
        viewed_curves,
        promises,
    })
}

#[cfg(test)]
mod tests;

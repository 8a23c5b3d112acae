//! What a journey page shows of desired journeys: on a current journey's page, the link to
//! its design and the comparison table (today → desired); on a design's page, the link back
//! and a word that it is a design, not a measurement.

use super::links;
use crate::analysis::{Analysis, Figures, TouchpointChange};
use crate::labels::Labels;
use crate::model::{Enumerated, Journey, Project};
use serde::Serialize;

/// The desired-journey part of a journey page.
#[derive(Serialize)]
pub struct DesiredPart {
    /// `current` on a current journey's page, `design` on a desired journey's.
    role: &'static str,
    /// The other journey's title and link.
    other_title: String,
    other_link: String,
    /// Figures, today → desired (current page only).
    figures: Vec<FigureRow>,
    removed: Vec<ChangeRow>,
    added: Vec<ChangeRow>,
    changed: Vec<ChangeRow>,
}

#[derive(Serialize)]
struct FigureRow {
    label: String,
    today: String,
    desired: String,
}

#[derive(Serialize)]
struct ChangeRow {
    id: String,
    name: String,
    /// The design's name of a kept touchpoint, when the design renames it.
    renamed: Option<String>,
    before: String,
    after: String,
    options: Vec<OptionCell>,
}

/// An improvement option that delivers a change, with its plan's status when it has one.
#[derive(Serialize)]
struct OptionCell {
    title: String,
    status: Option<&'static str>,
    status_label: Option<String>,
    /// The link to its plan on the plans page.
    plan_link: Option<String>,
}

/// The option of `journey` titled `title`, with its plan's status.
fn option_cell(journey: &Journey, title: &str, labels: &Labels) -> OptionCell {
    let found = journey
        .improvements
        .iter()
        .enumerate()
        .find(|(_, o)| o.title == title);
    let plan = found.and_then(|(index, o)| Some((index, o.plan.as_ref()?)));
    OptionCell {
        title: title.to_string(),
        status: plan.map(|(_, p)| p.status.as_str()),
        status_label: plan.map(|(_, p)| labels.of(p.status).to_string()),
        plan_link: plan.map(|(index, _)| links::plan(&journey.id, index)),
    }
}

/// The part for `journey`'s page; `None` when it neither has nor is a desired journey.
pub fn data(
    project: &Project,
    analysis: &Analysis,
    journey: &Journey,
    labels: &Labels,
) -> Option<DesiredPart> {
    if let Some(current_id) = journey.desired_for.as_deref() {
        let current = project.journey(current_id)?;
        return Some(DesiredPart {
            role: "design",
            other_title: current.title.clone(),
            other_link: links::journey(&current.id),
            figures: Vec::new(),
            removed: Vec::new(),
            added: Vec::new(),
            changed: Vec::new(),
        });
    }
    let design = project.desired_of(&journey.id)?;
    let comparison = &analysis.desired_of(&journey.id)?.comparison;
    let none = labels.get("term.none");
    let name = |id: &str| {
        journey
            .touchpoint(id)
            .or(design.touchpoint(id))
            .map_or(id.to_string(), |t| t.name.clone())
    };
    let rows = |changes: &[TouchpointChange]| -> Vec<ChangeRow> {
        changes
            .iter()
            .map(|c| ChangeRow {
                id: c.touchpoint.clone(),
                name: name(&c.touchpoint),
                renamed: journey
                    .touchpoint(&c.touchpoint)
                    .zip(design.touchpoint(&c.touchpoint))
                    .filter(|(today, designed)| today.name != designed.name)
                    .map(|(_, designed)| {
                        labels.fill("desired.renamed", &[("name", designed.name.clone())])
                    }),
                before: c.before.map_or(none.to_string(), |e| labels.emotion(e)),
                after: c.after.map_or(none.to_string(), |e| labels.emotion(e)),
                options: c
                    .options
                    .iter()
                    .map(|title| option_cell(journey, title, labels))
                    .collect(),
            })
            .collect()
    };
    Some(DesiredPart {
        role: "current",
        other_title: design.title.clone(),
        other_link: links::journey(&design.id),
        figures: figure_rows(&comparison.today, &comparison.desired_figures, labels),
        removed: rows(&comparison.removed),
        added: rows(&comparison.added),
        changed: rows(&comparison.changed),
    })
}

/// Each headline figure, today and desired, as the language writes it.
fn figure_rows(today: &Figures, desired: &Figures, labels: &Labels) -> Vec<FigureRow> {
    let row = |key: &str, today: String, desired: String| FigureRow {
        label: labels.get(key).to_string(),
        today,
        desired,
    };
    vec![
        row(
            "term.remembered",
            labels.signed(today.remembered),
            labels.signed(desired.remembered),
        ),
        row(
            "term.mean",
            labels.signed(today.mean),
            labels.signed(desired.mean),
        ),
        row(
            "term.magic_moments",
            today.magic.to_string(),
            desired.magic.to_string(),
        ),
        row(
            "term.miserable_moments",
            today.miserable.to_string(),
            desired.miserable.to_string(),
        ),
        row(
            "facts.handoffs",
            today.handoffs.to_string(),
            desired.handoffs.to_string(),
        ),
        row(
            "desired.repeated_asks",
            today.repeated_asks.to_string(),
            desired.repeated_asks.to_string(),
        ),
        row(
            "term.consistency_index",
            labels.percent(today.consistency_index),
            labels.percent(desired.consistency_index),
        ),
    ]
}

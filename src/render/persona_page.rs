//! A persona's page: who they are, in their words, their goals, and their journeys with the
//! curves.

use super::{markdown, plot};
use crate::address;
use crate::analysis::Analysis;
use crate::labels::Labels;
use crate::model::{Journey, Persona, Project};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The link to a persona's page.
pub fn link(id: &str) -> String {
    address::link(&address::persona_page(id))
}

/// The template data of a persona's page: every journey that names the persona, each
/// desired journey right after the journey it redesigns (marked as a design); an error when a
/// curve cannot be drawn.
pub fn data(
    persona: &Persona,
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
) -> Result<Value, String> {
    let names = |j: &Journey| j.persona.as_deref().map(str::trim) == Some(persona.id.as_str());
    // The designs that name the persona, by the journey they redesign, in project order.
    let mut designs: BTreeMap<&str, Vec<&Journey>> = BTreeMap::new();
    for design in project.desired.iter().filter(|d| names(d)) {
        let current = design.desired_for.as_deref().unwrap_or_default();
        designs.entry(current).or_default().push(design);
    }
    let mut listed: Vec<&Journey> = Vec::new();
    for journey in &project.journeys {
        if names(journey) {
            listed.push(journey);
        }
        listed.extend(designs.remove(journey.id.as_str()).unwrap_or_default());
    }
    // A design of a journey that is not there (a project made some other way) comes last.
    listed.extend(designs.into_values().flatten());
    let mut journeys = Vec::new();
    for journey in listed {
        let design = journey.desired_for.is_some();
        let facts = if design {
            analysis.design(&journey.id)
        } else {
            analysis.journey(&journey.id)
        };
        let Some(facts) = facts else {
            continue;
        };
        let curve = plot::draw_curve(journey, facts, &project.site.scale, labels)?;
        journeys.push(json!({
            "title": journey.title,
            "link": super::links::journey(&journey.id),
            "design": design,
            "summary_html": journey.summary.as_deref().map(|s| markdown::inline_html(s, labels)),
            "plot": {
                "svg": curve.inline(),
                "file": address::link(&address::journey_curve(&journey.id)),
                "title": journey.title,
                "link": super::links::journey(&journey.id),
            },
        }));
    }
    Ok(json!({
        "name": persona.name,
        "description_html": persona.description.as_deref().map(|d| markdown::inline_html(d, labels)),
        "quote": persona.quote,
        "image": persona.image.as_deref().map(address::link),
        "goals": persona.goals,
        "journeys": journeys,
    }))
}

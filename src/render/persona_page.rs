//! A persona's page: who they are, in their words, their goals, and their journeys with the
//! curves.

use super::{markdown, plot};
use crate::address;
use crate::analysis::Analysis;
use crate::labels::Labels;
use crate::model::{Persona, Project};
use serde_json::{Value, json};

/// The link to a persona's page.
pub fn link(id: &str) -> String {
    address::link(&address::persona_page(id))
}

/// The template data of a persona's page; an error when a curve cannot be drawn.
pub fn data(
    persona: &Persona,
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
) -> Result<Value, String> {
    let mut journeys = Vec::new();
    for journey in &project.journeys {
        if journey.persona.as_deref().map(str::trim) != Some(persona.id.as_str()) {
            continue;
        }
        let Some(facts) = analysis.journey(&journey.id) else {
            continue;
        };
        let curve = plot::draw_curve(journey, facts, &project.site.scale, labels)?;
        journeys.push(json!({
            "title": journey.title,
            "link": super::links::journey(&journey.id),
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

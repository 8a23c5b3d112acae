//! The home page's list of journeys: a card per journey (figures, sparkline, most severe
//! findings) for a project of a few journeys; for more, one table of every journey that a
//! reader can sort and narrow down (`theme/tables.js`), as cards by the hundred are a wall.

use super::{journey_page, links, plot};
use crate::analysis::Analysis;
use crate::labels::Labels;
use crate::model::Project;
use std::collections::BTreeMap;

/// The most journeys the home page shows as cards; a project with more gets the table.
pub const CARDS_UP_TO: usize = 12;

/// Whether the home page shows the project's journeys as cards (else as one table).
pub fn shows_cards(project: &Project) -> bool {
    project.journeys.len() <= CARDS_UP_TO
}

/// Whether the home page's template gets the cards: when it shows them, or always for a
/// theme's own home page (`own_home`), which may have been written for the cards alone.
pub fn cards_wanted(project: &Project, own_home: bool) -> bool {
    shows_cards(project) || own_home
}

/// A journey's card: its headline figures, sparkline and link.
#[derive(serde::Serialize)]
pub struct HomeCard<'a> {
    #[serde(flatten)]
    facts: journey_page::SummaryFacts<'a>,
    sparkline: Option<String>,
    title: &'a str,
    persona: Option<&'a str>,
    link: String,
    /// The title of the journey's desired journey, when it has one.
    design_title: Option<&'a str>,
    /// The link to that design's page.
    design_link: Option<String>,
}

/// The cards of every journey, with the sparklines drawn for them.
pub fn cards<'a>(
    project: &'a Project,
    analysis: &Analysis,
    labels: &'a Labels,
    sparklines: &BTreeMap<String, plot::Document>,
) -> Vec<HomeCard<'a>> {
    project
        .journeys
        .iter()
        .filter_map(|j| {
            let facts = analysis.journey(&j.id)?;
            let design = project.desired_of(&j.id);
            Some(HomeCard {
                facts: journey_page::summary_facts(facts, labels),
                sparkline: sparklines.get(&j.id).map(plot::Document::inline),
                title: &j.title,
                persona: project.persona_name(j),
                link: links::journey(&j.id),
                design_title: design.map(|d| d.title.as_str()),
                design_link: design.map(|d| links::journey(&d.id)),
            })
        })
        .collect()
}

//! A table of journeys with their headline figures, that a reader can put in another order
//! and narrow down by typing (`theme/tables.js`): every journey on a large project's home
//! page, the journeys a department owns on its page.

use super::department_page::OwnerLinks;
use super::links;
use crate::analysis::{Analysis, Impression};
use crate::diagnostics::FindingSeverity;
use crate::labels::Labels;
use crate::model::{Journey, Project};

/// A table of journeys as the `views/journey_table.html` template gets it.
#[derive(serde::Serialize)]
pub struct JourneyTable<'a> {
    /// The id of the table element, which its order and filter controls name.
    id: &'static str,
    /// Whether any journey has an owner (the table then has an owner column).
    owners: bool,
    /// Whether the rows say how many touchpoints a department runs (a department's page).
    own: bool,
    /// Whether the order and filter controls are offered (not for a handful of rows).
    tools: bool,
    rows: Vec<JourneyRow<'a>>,
}

/// Tables of up to this many rows come without order and filter controls.
pub const TOOLS_ABOVE: usize = 12;

impl<'a> JourneyTable<'a> {
    /// A table of `rows` as element `id`.
    pub fn new(id: &'static str, rows: Vec<JourneyRow<'a>>) -> Self {
        JourneyTable {
            id,
            owners: rows.iter().any(|r| r.owner.is_some()),
            own: rows.iter().any(|r| r.own.is_some()),
            tools: rows.len() > TOOLS_ABOVE,
            rows,
        }
    }
}

/// A journey's row. Each figure comes as shown and, for sorting, as a plain number (`None`
/// where the figure does not apply).
#[derive(serde::Serialize)]
pub struct JourneyRow<'a> {
    title: &'a str,
    link: String,
    persona: Option<&'a str>,
    design_title: Option<&'a str>,
    design_link: Option<String>,
    owner: Option<&'a str>,
    owner_link: Option<String>,
    /// Its touchpoints a department runs itself, on that department's page.
    own: Option<usize>,
    touchpoints: usize,
    magic: usize,
    miserable: usize,
    remembered: String,
    remembered_value: String,
    consistency: String,
    consistency_value: Option<String>,
    high: usize,
    findings: usize,
}

/// The row of each of `journeys` that the analysis knows, in the order given.
pub fn rows<'a>(
    project: &'a Project,
    journeys: impl Iterator<Item = &'a Journey>,
    analysis: &Analysis,
    labels: &Labels,
    owner_links: &OwnerLinks<'_>,
) -> Vec<JourneyRow<'a>> {
    journeys
        .filter_map(|j| row(project, j, analysis, labels, owner_links))
        .collect()
}

/// The row of a journey; `None` when the analysis does not know it.
pub fn row<'a>(
    project: &'a Project,
    journey: &'a Journey,
    analysis: &Analysis,
    labels: &Labels,
    owner_links: &OwnerLinks<'_>,
) -> Option<JourneyRow<'a>> {
    let facts = analysis.journey(&journey.id)?;
    let design = project.desired_of(&journey.id);
    let owner = journey.owner.as_deref();
    let impressions = |i| facts.counts.impression(i);
    Some(JourneyRow {
        title: &journey.title,
        link: links::journey(&journey.id),
        persona: project.persona_name(journey),
        design_title: design.map(|d| d.title.as_str()),
        design_link: design.map(|d| links::journey(&d.id)),
        owner,
        owner_link: owner.and_then(|o| owner_links.of(o)).map(str::to_string),
        own: None,
        touchpoints: facts.counts.touchpoints,
        magic: impressions(Impression::Magic),
        miserable: impressions(Impression::Miserable),
        remembered: labels.signed(facts.current.remembered),
        remembered_value: sort_value(facts.current.remembered),
        consistency: labels.percent(facts.consistency_index),
        consistency_value: facts.consistency_index.map(sort_value),
        high: facts
            .open_findings()
            .filter(|f| f.severity == FindingSeverity::High)
            .count(),
        findings: facts.open_findings().count(),
    })
}

impl JourneyRow<'_> {
    /// The row as a department's page shows it: with the touchpoints the department runs
    /// itself, and without the owner (the department itself).
    pub fn on_department_page(mut self, own: usize) -> Self {
        self.own = Some(own);
        self.owner = None;
        self.owner_link = None;
        self
    }
}

/// A figure as the table sorts it: one decimal, a point for the decimal separator whatever
/// the language, as the page shows it rounded.
fn sort_value(value: f64) -> String {
    format!("{:.1}", crate::labels::round1(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::test_support::{journey, project};

    #[test]
    fn a_row_carries_the_figures_shown_and_plain_numbers_to_sort_by() {
        let yaml = journey(&[
            "{name: Waits on the phone, kind: human, emotion: -3, moment: truth}",
            "{name: Gets the bill, kind: functional, emotion: 2}",
        ]);
        let project = project("language: nl\n", "", &[("j", yaml.as_str())]);
        let analysis = analyse(&project);
        let labels = Labels::new(crate::model::Language::Nl);
        let links = OwnerLinks::none();
        let rows = rows(
            &project,
            project.journeys.iter().map(|j| &**j),
            &analysis,
            &labels,
            &links,
        );
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!((row.touchpoints, row.magic, row.miserable), (2, 0, 1));
        let facts = analysis.journey("j").unwrap();
        // Shown with a decimal comma in Dutch; sorted by a number with a point.
        assert_eq!(row.remembered, labels.signed(facts.current.remembered));
        assert!(row.remembered.contains(','), "{}", row.remembered);
        assert_eq!(row.remembered_value, sort_value(facts.current.remembered));
        assert!(row.remembered_value.contains('.'));
        assert_eq!(row.consistency_value, None);
        assert!(row.high >= 1, "the Miserable Moment is a high finding");
        assert_eq!(row.findings, facts.open_findings().count());
    }

    #[test]
    fn sort_values_have_one_decimal_and_no_negative_zero() {
        assert_eq!(sort_value(-0.04), "0.0");
        assert_eq!(sort_value(-1.25), "-1.3");
        assert_eq!(sort_value(2.0), "2.0");
        assert_eq!(sort_value(62.5), "62.5");
    }
}

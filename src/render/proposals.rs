//! The changes a report proposes, at a glance, for its summary: per journey, its best-scored
//! improvement option when that has no plan yet, then its options with a plan (not the
//! dropped ones), with who carries each out, by when and where it stands.

use super::links;
use super::plans_page::{self, PlanRow};
use crate::analysis::JourneyAnalysis;
use crate::analysis::measured::{Point, SeriesKey};
use crate::labels::Labels;
use crate::model::{Journey, Project};
use serde::Serialize;
use std::collections::BTreeMap;

/// The most changes the summary lists; the others are in the journeys' parts.
pub const MAX_SHOWN: usize = 40;

/// The summary's table of changes.
#[derive(Debug, Serialize)]
pub struct Proposals<'a> {
    journeys: Vec<JourneyChanges<'a>>,
    /// "and 12 more changes, in the journeys' parts", past [`MAX_SHOWN`].
    more: Option<String>,
}

/// The changes of one journey.
#[derive(Debug, Serialize)]
struct JourneyChanges<'a> {
    title: &'a str,
    /// Its journey page (the report leads it to the journey's part).
    link: String,
    changes: Vec<Change<'a>>,
}

/// One improvement option: with its plan, or the best-scored one without a plan yet.
#[derive(Debug, Serialize)]
struct Change<'a> {
    option: &'a str,
    /// The option's row on its journey page (the report leads it to the row in its part).
    link: String,
    plan: Option<PlanRow<'a>>,
}

impl Proposals<'_> {
    /// Whether there is nothing to list: no journey has an improvement option.
    pub fn is_empty(&self) -> bool {
        self.journeys.is_empty()
    }
}

/// The changes of `journeys` (each with its analysis), in their order.
pub fn proposals<'a>(
    project: &'a Project,
    journeys: &[(&'a Journey, &JourneyAnalysis)],
    labels: &'a Labels,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
) -> Proposals<'a> {
    let mut shown = 0;
    let mut left = 0;
    let mut out = Vec::new();
    for (journey, facts) in journeys {
        let change = |index: usize, plan: Option<PlanRow<'a>>| {
            journey.improvements.get(index).map(|option| Change {
                option: &option.title,
                link: links::option(&journey.id, index),
                plan,
            })
        };
        let unplanned = (facts.improvements.first())
            .map(|best| best.index)
            .filter(|&index| {
                journey
                    .improvements
                    .get(index)
                    .is_some_and(|o| o.plan.is_none())
            })
            .and_then(|index| change(index, None));
        let planned = plans_page::of_journey(project, journey, labels, series)
            .into_iter()
            .filter_map(|(index, row)| change(index, Some(row)));
        let mut changes: Vec<Change> = unplanned.into_iter().chain(planned).collect();
        let room = MAX_SHOWN - shown;
        if changes.len() > room {
            left += changes.len() - room;
            changes.truncate(room);
        }
        shown += changes.len();
        if !changes.is_empty() {
            out.push(JourneyChanges {
                title: &journey.title,
                link: links::journey(&journey.id),
                changes,
            });
        }
    }
    Proposals {
        journeys: out,
        more: (left > 0)
            .then(|| labels.fill("report.changes_more", &[("count", left.to_string())])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::test_support::{journey, project};

    /// A journey of one touchpoint with `options` (YAML list items).
    fn with_options(options: &[String]) -> String {
        format!(
            "{}improvements:\n{}",
            journey(&["{name: Calls, id: calls, kind: human, emotion: -2}"]),
            options.concat()
        )
    }

    fn option(title: &str, score: u8, plan: &str) -> String {
        format!(
            "  - title: {title}\n    scores: {{distinctive: {score}, brand_fit: {score}, ease: {score}, customer_impact: {score}, business_impact: {score}}}\n{plan}"
        )
    }

    fn listed(project: &Project) -> serde_json::Value {
        let analysis = analyse(project);
        let labels = Labels::new(project.site.language);
        let series = crate::analysis::measured::series(project);
        let journeys: Vec<(&Journey, &JourneyAnalysis)> = (project.journeys.iter())
            .zip(&analysis.journeys)
            .map(|(j, a)| (&**j, &**a))
            .collect();
        serde_json::to_value(proposals(project, &journeys, &labels, &series)).unwrap()
    }

    #[test]
    fn the_best_option_without_a_plan_comes_first_then_the_plans_but_no_dropped_one() {
        let a = with_options(&[
            option(
                "Call back",
                2,
                "    plan: {status: doing, owner: sales, due: 2027-01-31}\n",
            ),
            option("Answer at once", 5, ""),
            option(
                "Hire more staff",
                3,
                "    plan: {status: dropped, owner: sales}\n",
            ),
            option("Chat in the app", 1, "    plan: {status: idea}\n"),
            option("A letter", 1, ""),
        ]);
        let b = journey(&["{name: Pays, kind: functional, emotion: 1}"]);
        let project = project("", "", &[("a", a.as_str()), ("b", b.as_str())]);
        let listed = listed(&project);
        let journeys = listed["journeys"].as_array().unwrap();
        assert_eq!(journeys.len(), 1, "a journey without options is not listed");
        let changes = journeys[0]["changes"].as_array().unwrap();
        let options: Vec<&str> = changes
            .iter()
            .map(|c| c["option"].as_str().unwrap())
            .collect();
        assert_eq!(options, ["Answer at once", "Call back", "Chat in the app"]);
        assert!(changes[0]["plan"].is_null());
        assert_eq!(changes[0]["link"], "journeys/a/index.html#option-a-2");
        assert_eq!(changes[1]["plan"]["unowned"], false);
        assert_eq!(changes[2]["plan"]["unowned"], true);
        assert_eq!(changes[2]["plan"]["owner"], "No owner yet");
        assert!(listed["more"].is_null());
    }

    #[test]
    fn a_long_list_stops_at_the_most_shown_and_says_how_many_more() {
        let options: Vec<String> = (0..MAX_SHOWN + 5)
            .map(|i| {
                option(
                    &format!("Option {i}"),
                    3,
                    "    plan: {status: planned, owner: sales}\n",
                )
            })
            .collect();
        let a = with_options(&options);
        let project = project("", "", &[("a", a.as_str())]);
        let listed = listed(&project);
        assert_eq!(
            listed["journeys"][0]["changes"].as_array().unwrap().len(),
            MAX_SHOWN
        );
        assert_eq!(
            listed["more"],
            "And 5 more changes, in the journeys' parts."
        );
    }
}

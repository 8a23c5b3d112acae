//! The printable report (`report/index.html`): one document for the whole site, with a
//! cover, contents, an executive summary, a section per journey, the action plans, the
//! consistency report and the inventory as an appendix. A site of more than [`MAX_JOURNEYS`] journeys gets the
//! first of them, and links to its consistency report and inventory instead of copies.

use super::department_page::OwnerLinks;
use super::desired_page::DesiredPart;
use super::journey_page::{self, FindingRow, JourneyPage, JourneyPromises, finding_row};
use super::measurements_page::MeasuredRow;
use super::proposals::{Proposals, proposals};
use super::{plans_page, plot};
use crate::address;
use crate::analysis::measured::{Point, SeriesKey};
use crate::analysis::{Analysis, Impression, JourneyAnalysis, PromiseStatus};
use crate::diagnostics::FindingSeverity;
use crate::labels::Labels;
use crate::model::{Enumerated, Journey, Metric, Project, Site};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The most journeys the report has a section for: a longer document is not read in print.
pub const MAX_JOURNEYS: usize = 100;

/// The report as its template gets it (`report`); the consistency report and the inventory
/// are given as their views get them.
#[derive(Serialize)]
pub struct Report<'a> {
    cover: Cover<'a>,
    summary: Vec<SummaryRow<'a>>,
    journeys: Vec<Section<'a>>,
    left_out: Option<String>,
    /// Whether any option of the project has a plan.
    has_plans: bool,
    /// How many plans stand at each status, for the summary ("2 in progress, 1 done.").
    plans_summary: Option<String>,
    /// The changes proposed per journey, for the summary.
    changes: Option<Proposals<'a>>,
    /// The action plans by owner, when some option has one and the report holds the whole
    /// site (a longer one links to the plans page instead).
    plans: serde_json::Value,
    /// What the asterisk of a thin measured value means.
    measured_thin_note: String,
    /// The terms the report uses, explained for a reader new to journey mapping.
    glossary: Vec<Term>,
    /// What the report covers, in figures.
    scope: Scope<'a>,
}

/// What the report covers, for the opening of its summary: the journeys and touchpoints it
/// holds, for whom, the surveys behind its measured values, the scale of its emotions and its
/// headline counts.
#[derive(Serialize)]
struct Scope<'a> {
    journeys: usize,
    touchpoints: usize,
    /// The personas of its journeys, each once, in the journeys' order.
    personas: Vec<&'a str>,
    /// Each survey wave as "name (date)".
    waves: Vec<String>,
    /// "-3 to +3; indifferent from -1 to +1".
    scale: String,
    magic: usize,
    miserable: usize,
    /// Open high-severity findings.
    high: usize,
    /// Promises broken or never delivered, over the whole site.
    broken: usize,
}

/// A term of the report's glossary and what it means.
#[derive(Serialize)]
struct Term {
    term: String,
    meaning: String,
}

/// The cover: who the report is for, by whom and when.
#[derive(Serialize)]
struct Cover<'a> {
    client: Option<&'a str>,
    author: Option<&'a str>,
    date: Option<&'a str>,
}

/// One journey's line of the executive summary.
#[derive(Serialize)]
struct SummaryRow<'a> {
    title: &'a str,
    anchor: String,
    remembered: String,
    consistency: String,
    magic: Vec<&'a str>,
    miserable: Vec<&'a str>,
    findings: Vec<FindingRow<'a>>,
}

/// One journey's section: its page's data, its curve and its key moments, what surveys
/// measured, what its desired journey changes and the blueprints behind both.
#[derive(Serialize)]
struct Section<'a> {
    anchor: String,
    page: JourneyPage<'a>,
    curve_svg: String,
    magic: Vec<&'a str>,
    miserable: Vec<&'a str>,
    measured: Vec<MeasuredRow<'a>>,
    desired: Option<DesiredPart>,
    blueprints: Vec<Blueprint>,
}

/// A service blueprint drawn in the report: of the journey today or of its desired journey.
#[derive(Serialize)]
pub struct Blueprint {
    /// "Service blueprint of Returning a hairdryer".
    pub title: String,
    /// The drawing in parts of whole stages (see [`BLUEPRINT_COLUMNS`]), as inline SVG.
    pub parts: Vec<String>,
}

/// The most touchpoints a part of a blueprint in the report shows side by side (a wider stage
/// is a part of its own): four fit the width of an A4 page at a size that can still be read.
pub const BLUEPRINT_COLUMNS: usize = 4;

/// A journey as the report shows it: its analysis, promises and drawn curve.
pub struct ReportJourney<'a> {
    /// The journey.
    pub journey: &'a Journey,
    /// Its analysis.
    pub facts: &'a JourneyAnalysis,
    /// The analysis of its desired journey, when it has one.
    pub design: Option<&'a JourneyAnalysis>,
    /// The promises it makes and delivers.
    pub promises: &'a JourneyPromises<'a>,
    /// Its curve, as inline SVG.
    pub curve_svg: String,
    /// Its touchpoints' latest measured values.
    pub measured: Vec<MeasuredRow<'a>>,
    /// How its desired journey differs from it, when it has one.
    pub desired: Option<DesiredPart>,
    /// The blueprints of the journey and of its desired journey, those that have lanes.
    pub blueprints: Vec<Blueprint>,
}

/// Whether the report holds the whole site (every journey, the consistency report and the
/// inventory).
pub fn is_whole(project: &Project) -> bool {
    project.journeys.len() <= MAX_JOURNEYS
}

/// The anchor of a journey's section.
fn anchor(id: &str) -> String {
    format!("journey-{id}")
}

/// The report's HTML with every link to the page of a journey it has a part for (or to a
/// place on that page) led to that part instead, or to the option's row for a link to one,
/// and, when the report holds the action plans (`plans`), every link to a plan led to the
/// plan in the report: a printed report holds no link into the folder it was printed from,
/// and a report read on screen stays one document. `root` is the report's way back to the
/// site's root (`../`).
pub fn links_within(html: &str, root: &str, parts: &[&str], plans: bool) -> String {
    let start = format!("href=\"{root}journeys/");
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(&start) {
        let (before, link) = rest.split_at(at);
        out.push_str(before);
        let target = &link[start.len()..];
        let end = target.find('"').unwrap_or(target.len());
        let (id, page) = target[..end].split_once('/').unwrap_or(("", ""));
        let own_page = page == "index.html" || page.starts_with("index.html#");
        if own_page && parts.contains(&id) {
            // An option's row has the same id in the report as on its page.
            let option = page
                .strip_prefix("index.html#")
                .filter(|fragment| fragment.starts_with("option-"));
            match option {
                Some(fragment) => out.push_str(&format!("href=\"#{fragment}\"")),
                None => out.push_str(&format!("href=\"#{}\"", anchor(id))),
            }
            rest = &target[(end + 1).min(target.len())..];
        } else {
            out.push_str(&start);
            rest = target;
        }
    }
    out.push_str(rest);
    if plans {
        let to_plan = format!("href=\"{root}{}#", address::link(address::PLANS));
        out = out.replace(&to_plan, "href=\"#");
    }
    out
}

/// The names of the touchpoints of a journey with an impression, in journey order.
fn named<'a>(journey: &'a Journey, facts: &JourneyAnalysis, which: Impression) -> Vec<&'a str> {
    journey
        .touchpoints()
        .zip(&facts.impressions)
        .filter(|(_, impression)| **impression == which)
        .map(|((_, t), _)| t.name.as_str())
        .collect()
}

/// The terms every report explains, by the name of their labels (`glossary.<name>` and
/// `glossary.<name>_text`).
const TERMS: [&str; 12] = [
    "touchpoint",
    "emotion",
    "zone",
    "magic",
    "miserable",
    "truth",
    "excel",
    "remembered",
    "promise",
    "consistency",
    "handoff",
    "finding",
];

/// The terms a report explains when the project has what they name: blueprint lanes, survey
/// waves (and then each metric measured, named as the metric is), action plans.
const TERMS_WHEN_USED: [&str; 4] = ["blueprint", "wave", "on_scale", "plan"];

/// Every label the glossary can use (checked to exist in every language).
#[cfg(test)]
pub fn glossary_keys() -> Vec<String> {
    TERMS
        .into_iter()
        .chain(TERMS_WHEN_USED)
        .chain(Metric::names())
        .flat_map(|name| [format!("glossary.{name}"), format!("glossary.{name}_text")])
        .collect()
}

/// The terms the report uses, each with its meaning in the project's own settings (its
/// scale, zone of indifference and thresholds); the terms of blueprints, surveys and plans
/// only when the project has them.
fn glossary(project: &Project, labels: &Labels) -> Vec<Term> {
    let scale = &project.site.scale;
    let metrics: BTreeSet<Metric> = project
        .waves
        .iter()
        .flat_map(|w| &w.measurements)
        .map(|m| m.metric)
        .collect();
    let blueprints = project
        .journeys
        .iter()
        .chain(&project.desired)
        .any(|j| plot::has_blueprint(j));
    let [blueprint, wave, on_scale, plan] = TERMS_WHEN_USED;
    let measured = !project.waves.is_empty();
    let names = TERMS
        .into_iter()
        .chain(blueprints.then_some(blueprint))
        .chain(measured.then_some(wave))
        .chain(metrics.into_iter().map(Metric::as_str))
        .chain(measured.then_some(on_scale))
        .chain(project.has_plans().then_some(plan));
    let params = |name: &str| -> Vec<(&str, String)> {
        match name {
            "emotion" => vec![
                ("min", scale.min.to_string()),
                ("max", scale.max.to_string()),
            ],
            "zone" => vec![
                ("low", scale.indifference[0].to_string()),
                ("high", scale.indifference[1].to_string()),
            ],
            "magic" => vec![("magic", scale.magic.to_string())],
            "miserable" => vec![("miserable", scale.miserable.to_string())],
            "on_scale" => {
                let (min, max) = (f64::from(scale.min), f64::from(scale.max));
                vec![
                    ("min", format!("{:+}", scale.min)),
                    ("max", format!("{:+}", scale.max)),
                    ("middle", labels.signed((min + max) / 2.0)),
                    ("csat", labels.signed(min + 0.75 * (max - min))),
                ]
            }
            _ => Vec::new(),
        }
    };
    names
        .map(|name| Term {
            term: labels.get(&format!("glossary.{name}")).to_string(),
            meaning: labels.fill(&format!("glossary.{name}_text"), &params(name)),
        })
        .collect()
}

/// What the report covers: its journeys' figures, and the site's broken promises.
fn scope<'a>(
    project: &'a Project,
    analysis: &Analysis,
    journeys: &[ReportJourney<'a>],
    labels: &Labels,
) -> Scope<'a> {
    let mut personas: Vec<&str> = Vec::new();
    for j in journeys {
        let name = project.persona_name(j.journey).map(str::trim);
        if let Some(name) = name.filter(|n| !n.is_empty() && !personas.contains(n)) {
            personas.push(name);
        }
    }
    let scale = &project.site.scale;
    let signed = |v: i32| {
        if v > 0 {
            format!("+{v}")
        } else {
            v.to_string()
        }
    };
    let count = |impression| -> usize {
        (journeys.iter())
            .map(|j| j.facts.counts.impression(impression))
            .sum()
    };
    Scope {
        journeys: journeys.len(),
        touchpoints: journeys.iter().map(|j| j.facts.counts.touchpoints).sum(),
        personas,
        waves: (project.waves.iter())
            .map(|w| format!("{} ({})", w.name, w.date))
            .collect(),
        scale: labels.fill(
            "report.scope_scale",
            &[
                ("min", signed(scale.min)),
                ("max", signed(scale.max)),
                ("low", signed(scale.indifference[0])),
                ("high", signed(scale.indifference[1])),
            ],
        ),
        magic: count(Impression::Magic),
        miserable: count(Impression::Miserable),
        high: (journeys.iter())
            .flat_map(|j| j.facts.open_findings())
            .filter(|f| f.severity == FindingSeverity::High)
            .count(),
        broken: (analysis.promises.iter())
            .filter(|p| matches!(p.status, PromiseStatus::Broken | PromiseStatus::Undelivered))
            .count(),
    }
}

/// The report of a project, with the journeys it has a section for (at most
/// [`MAX_JOURNEYS`], in the project's order); `series` are the project's measured series.
pub fn data<'a>(
    project: &'a Project,
    analysis: &Analysis,
    journeys: Vec<ReportJourney<'a>>,
    labels: &'a Labels,
    series: &BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>,
) -> Report<'a> {
    let site: &'a Site = &project.site;
    let scope = scope(project, analysis, &journeys, labels);
    let summary = journeys
        .iter()
        .map(|j| SummaryRow {
            title: &j.journey.title,
            anchor: anchor(&j.journey.id),
            remembered: labels.signed(j.facts.current.remembered),
            consistency: labels.percent(j.facts.consistency_index),
            magic: named(j.journey, j.facts, Impression::Magic),
            miserable: named(j.journey, j.facts, Impression::Miserable),
            findings: journey_page::most_severe(j.facts, journey_page::TOP_FINDINGS)
                .into_iter()
                .map(|f| finding_row(f, labels))
                .collect(),
        })
        .collect();
    let of_journeys: Vec<(&Journey, &JourneyAnalysis)> =
        journeys.iter().map(|j| (j.journey, j.facts)).collect();
    let changes = Some(proposals(project, &of_journeys, labels, series)).filter(|p| !p.is_empty());
    let left_out = (!is_whole(project)).then(|| {
        labels.fill(
            "report.left_out",
            &[
                ("max", MAX_JOURNEYS.to_string()),
                ("count", project.journeys.len().to_string()),
            ],
        )
    });
    let sections = journeys
        .into_iter()
        .map(|j| Section {
            anchor: anchor(&j.journey.id),
            page: journey_page::data(
                j.journey,
                j.facts,
                j.design,
                project,
                j.promises,
                labels,
                journey_page::Links {
                    notes: &[],
                    // The report leads to no other page: a printed one holds no file:// link.
                    owners: &OwnerLinks::none(),
                    series,
                },
            ),
            curve_svg: j.curve_svg,
            magic: named(j.journey, j.facts, Impression::Magic),
            miserable: named(j.journey, j.facts, Impression::Miserable),
            measured: j.measured,
            desired: j.desired,
            blueprints: j.blueprints,
        })
        .collect();
    Report {
        cover: Cover {
            client: site.report.client.as_deref(),
            author: site.report.author.as_deref(),
            date: site.report.date.as_deref(),
        },
        summary,
        journeys: sections,
        left_out,
        has_plans: project.has_plans(),
        changes,
        plans_summary: project
            .has_plans()
            .then(|| plans_page::summary(&plans_page::all(project, labels, series), labels)),
        glossary: glossary(project, labels),
        scope,
        measured_thin_note: labels.fill(
            "measured.thin_note",
            &[("min", project.site.measurements.min_n.to_string())],
        ),
        plans: if project.has_plans() && is_whole(project) {
            plans_page::data(project, labels, series, &OwnerLinks::none())
        } else {
            serde_json::Value::Null
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::model::Language;
    use crate::test_support::{journey, project};

    #[test]
    fn the_summary_names_moments_and_lists_the_most_severe_findings_first() {
        let yaml = journey(&[
            "{name: Sees the advert, kind: functional, emotion: 3}",
            "{name: Waits on the phone, kind: human, emotion: -3, moment: truth}",
            "{name: Gets the bill, kind: functional, emotion: -2, asks: [meter], moment: excel}",
            "{name: Pays, kind: functional, emotion: -2, asks: [meter]}",
        ]);
        let project = project("", "", &[("j", yaml.as_str())]);
        let analysis = analyse(&project);
        let labels = Labels::new(Language::En);
        let promises = JourneyPromises::default();
        let journey = &project.journeys[0];
        let report = data(
            &project,
            &analysis,
            vec![ReportJourney {
                journey,
                facts: analysis.journey("j").unwrap(),
                design: None,
                promises: &promises,
                curve_svg: "<svg></svg>".to_string(),
                measured: Vec::new(),
                desired: None,
                blueprints: Vec::new(),
            }],
            &labels,
            &BTreeMap::new(),
        );
        let json = serde_json::to_value(&report).unwrap();
        let row = &json["summary"][0];
        assert_eq!(row["magic"], serde_json::json!(["Sees the advert"]));
        assert_eq!(row["miserable"], serde_json::json!(["Waits on the phone"]));
        let codes: Vec<&str> = row["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes,
            ["miserable-moment", "truth-below-zone", "low-ending"],
            "{row}: the three high ones, before the medium one about the bill"
        );
        assert_eq!(json["journeys"][0]["anchor"], "journey-j");
        assert_eq!(json["left_out"], serde_json::Value::Null);
        assert_eq!(
            json["plans"],
            serde_json::Value::Null,
            "no option has a plan"
        );
    }

    #[test]
    fn the_glossary_explains_the_terms_in_the_projects_own_settings() {
        let yaml = journey(&["{name: Calls, kind: human, emotion: -2}"]);
        let project = project(
            "scale: {min: -5, max: 5, indifference: [-2, 2], magic: 4, miserable: -4}\n",
            "",
            &[("j", yaml.as_str())],
        );
        let terms = glossary(&project, &Labels::new(Language::En));
        let meaning = |term: &str| {
            terms
                .iter()
                .find(|t| t.term == term)
                .map(|t| t.meaning.as_str())
        };
        assert!(
            meaning("Zone of indifference")
                .unwrap()
                .starts_with("Emotions from -2 to 2")
        );
        assert!(
            meaning("Emotion")
                .unwrap()
                .contains("from -5 (very negative) to 5")
        );
        assert!(
            meaning("Magic Moment")
                .unwrap()
                .contains("scored 4 or higher")
        );
        assert!(
            meaning("Miserable Moment")
                .unwrap()
                .contains("scored -4 or lower")
        );
        for absent in [
            "Survey wave",
            "Action plan",
            "Service blueprint",
            "CSAT (customer satisfaction)",
        ] {
            assert!(meaning(absent).is_none(), "{absent}: the project has none");
        }
    }

    #[test]
    fn links_to_a_journeys_page_lead_to_its_part_of_the_report() {
        let html = concat!(
            r#"<a href="../journeys/a/index.html#tp-x">X</a> "#,
            r#"<a href="../journeys/a/index.html">A</a> "#,
            r#"<a href="../journeys/a/index.html#option-a-2">O</a> "#,
            r#"<a href="../journeys/a-desired/index.html">D</a> "#,
            r#"<a href="../journeys/a/journey.svg">SVG</a> "#,
            r#"<a href="../index.html">Home</a>"#,
        );
        assert_eq!(
            links_within(html, "../", &["a"], false),
            concat!(
                r##"<a href="#journey-a">X</a> "##,
                r##"<a href="#journey-a">A</a> "##,
                r##"<a href="#option-a-2">O</a> "##,
                r#"<a href="../journeys/a-desired/index.html">D</a> "#,
                r#"<a href="../journeys/a/journey.svg">SVG</a> "#,
                r#"<a href="../index.html">Home</a>"#,
            )
        );
        assert_eq!(
            links_within("<p>no links</p>", "../", &["a"], true),
            "<p>no links</p>"
        );
        let plan = r#"<a href="../plans/index.html#plan-a-1">Plan</a>"#;
        assert_eq!(
            links_within(plan, "../", &[], true),
            r##"<a href="#plan-a-1">Plan</a>"##
        );
        assert_eq!(links_within(plan, "../", &[], false), plan, "no plans part");
    }
}

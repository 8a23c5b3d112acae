//! The consistency report: every promise with where it is made and delivered, its status
//! (worst first), the consistency index per journey and for the site, and the promise by
//! journey matrix (for up to [`MATRIX_MAX_JOURNEYS`] journeys: a wider table helps nobody).

use super::links;
use crate::analysis::{Analysis, InJourney, PromiseStatus, PromiseTrace, promise_status};
use crate::labels::Labels;
use crate::model::{Enumerated, Journey, Project};
use serde::Serialize;

/// The most journeys the promise by journey matrix (and its heat map) has columns for.
pub const MATRIX_MAX_JOURNEYS: usize = crate::address::PROMISE_MAP_MAX_JOURNEYS;

/// Whether the site-wide report has the matrix and the heat map.
pub fn site_matrix_shown(project: &Project) -> bool {
    crate::address::promise_map_drawn(project.journeys.len())
}

/// The consistency report as the templates get it (`consistency`); built from typed,
/// borrowed fields, as the site-wide report lists every delivery of the site.
#[derive(Serialize)]
pub struct ConsistencyReport<'a> {
    promises: Vec<PromiseEntry<'a>>,
    journeys: Vec<JourneyIndex<'a>>,
    show_site: bool,
    site_index: String,
    matrix: Matrix<'a>,
    matrix_left_out: Option<String>,
    heatmap_svg: Option<String>,
    heatmap_file: &'static str,
}

impl ConsistencyReport<'_> {
    /// Adds the promise heat map, inlined above the matrix.
    pub fn with_heatmap(mut self, svg: Option<String>) -> Self {
        self.heatmap_svg = svg;
        self
    }
}

#[derive(Serialize)]
struct PromiseEntry<'a> {
    id: &'a str,
    text: &'a str,
    source: &'a str,
    status: &'static str,
    status_label: &'a str,
    made_at: Vec<Place<'a>>,
    deliveries: Vec<DeliveryRow<'a>>,
    /// In a journey's view: whether the promise is also made or delivered elsewhere.
    elsewhere: bool,
    /// In a journey's view: whether other journeys make it.
    made_elsewhere: bool,
    /// In a journey's view: whether other journeys deliver it.
    delivered_elsewhere: bool,
}

/// A touchpoint of a journey, linked.
#[derive(Serialize)]
struct Place<'a> {
    journey: &'a str,
    touchpoint: &'a str,
    link: String,
}

#[derive(Serialize)]
struct DeliveryRow<'a> {
    journey: &'a str,
    touchpoint: &'a str,
    link: String,
    result: &'static str,
    result_label: &'a str,
    evidence: Option<&'a str>,
}

#[derive(Serialize)]
struct JourneyIndex<'a> {
    title: &'a str,
    link: String,
    index: String,
}

#[derive(Serialize)]
struct Matrix<'a> {
    journeys: Vec<MatrixJourney<'a>>,
    rows: Vec<MatrixRow<'a>>,
}

#[derive(Serialize)]
struct MatrixJourney<'a> {
    title: &'a str,
    link: String,
}

#[derive(Serialize)]
struct MatrixRow<'a> {
    id: &'a str,
    text: &'a str,
    cells: Vec<Cell<'a>>,
}

/// What a promise looks like in one journey of the matrix.
#[derive(Serialize)]
struct Cell<'a> {
    status: Option<&'static str>,
    label: &'a str,
}

/// The report for the whole site, or for the promises one journey makes or delivers.
pub fn data<'a>(
    project: &'a Project,
    analysis: &'a Analysis,
    labels: &'a Labels,
    only: Option<&str>,
) -> ConsistencyReport<'a> {
    let involved = |trace: &PromiseTrace| {
        only.is_none_or(|id| {
            trace.made_at.iter().any(|m| m.journey == id)
                || trace.deliveries.iter().any(|d| d.at.journey == id)
        })
    };
    let mut traces: Vec<&PromiseTrace> = analysis
        .promises
        .iter()
        .map(AsRef::as_ref)
        .filter(|t| involved(t))
        .collect();
    // A journey's view gives each promise's status in that journey, as its column of the
    // matrix does (one made here and delivered only elsewhere comes last); the site's report
    // gives the status over every journey.
    let here = |journey: &str| only.is_none_or(|id| id == journey);
    traces.sort_by_key(|t| match only {
        Some(id) => {
            let status = status_in(t, t.by_journey().get(id));
            (status.is_none(), status)
        }
        None => (false, Some(t.status)),
    });
    let place = |journey_id: &'a str, touchpoint_id: &'a str| {
        let journey = project.journey(journey_id);
        Place {
            journey: journey.map_or(journey_id, |j| j.title.as_str()),
            touchpoint: journey
                .and_then(|j| j.touchpoint(touchpoint_id))
                .map_or(touchpoint_id, |t| t.name.as_str()),
            link: links::touchpoint(journey_id, touchpoint_id),
        }
    };
    let none = labels.get("term.none");
    let promises: Vec<PromiseEntry<'a>> = traces
        .iter()
        .filter_map(|trace| {
            let promise = project.promise(&trace.id)?;
            let (status, status_label) = match only {
                Some(id) => {
                    let c = cell(trace, trace.by_journey().get(id), labels);
                    (c.status.unwrap_or("made"), c.label)
                }
                None => (trace.status.as_str(), labels.of(trace.status)),
            };
            let elsewhere = trace
                .made_at
                .iter()
                .map(|m| m.journey.as_str())
                .chain(trace.deliveries.iter().map(|d| d.at.journey.as_str()))
                .any(|j| !here(j));
            Some(PromiseEntry {
                id: &trace.id,
                text: &promise.text,
                source: promise.source.as_deref().unwrap_or(none),
                status,
                status_label,
                made_at: trace
                    .made_at
                    .iter()
                    .filter(|m| here(&m.journey))
                    .map(|m| place(&m.journey, &m.touchpoint))
                    .collect(),
                elsewhere,
                made_elsewhere: trace.made_at.iter().any(|m| !here(&m.journey)),
                delivered_elsewhere: trace.deliveries.iter().any(|d| !here(&d.at.journey)),
                deliveries: trace
                    .deliveries
                    .iter()
                    .filter(|d| here(&d.at.journey))
                    .map(|d| {
                        let Place {
                            journey,
                            touchpoint,
                            link,
                        } = place(&d.at.journey, &d.at.touchpoint);
                        DeliveryRow {
                            journey,
                            touchpoint,
                            link,
                            result: d.result.as_str(),
                            result_label: labels.of(d.result),
                            evidence: d.evidence.as_deref(),
                        }
                    })
                    .collect(),
            })
        })
        .collect();
    let journeys: Vec<&'a Journey> = project
        .journeys
        .iter()
        .map(AsRef::as_ref)
        .filter(|j| only.is_none_or(|id| j.id == id))
        .collect();
    let per_journey = journeys
        .iter()
        .map(|j| JourneyIndex {
            title: &j.title,
            link: links::journey(&j.id),
            index: labels.percent(analysis.journey(&j.id).and_then(|a| a.consistency_index)),
        })
        .collect();
    let matrix_shown = journeys.len() <= MATRIX_MAX_JOURNEYS;
    let left_out = (!matrix_shown).then(|| {
        labels.fill(
            "consistency.matrix_left_out",
            &[
                ("max", MATRIX_MAX_JOURNEYS.to_string()),
                ("count", journeys.len().to_string()),
            ],
        )
    });
    let journeys: &[&Journey] = if matrix_shown { &journeys } else { &[] };
    let rows = traces
        .iter()
        .filter(|_| matrix_shown)
        .filter_map(|trace| {
            let promise = project.promise(&trace.id)?;
            let by_journey = trace.by_journey();
            let cells = journeys
                .iter()
                .map(|j| cell(trace, by_journey.get(j.id.as_str()), labels))
                .collect();
            Some(MatrixRow {
                id: &trace.id,
                text: &promise.text,
                cells,
            })
        })
        .collect();
    let matrix_journeys = journeys
        .iter()
        .map(|j| MatrixJourney {
            title: &j.title,
            link: links::journey(&j.id),
        })
        .collect();
    ConsistencyReport {
        promises,
        journeys: per_journey,
        show_site: only.is_none(),
        site_index: labels.percent(analysis.consistency_index),
        matrix: Matrix {
            journeys: matrix_journeys,
            rows,
        },
        matrix_left_out: left_out,
        heatmap_svg: None,
        heatmap_file: crate::address::PROMISE_MAP,
    }
}

/// What a promise looks like in one journey: the status of its deliveries there, "made"
/// when it is only made there, or nothing.
fn cell<'a>(trace: &PromiseTrace, here: Option<&InJourney>, labels: &'a Labels) -> Cell<'a> {
    let (status, label) = match (status_in(trace, here), here) {
        (Some(status), _) => (Some(status.as_str()), labels.of(status)),
        (None, Some(here)) if here.made => (Some("made"), labels.get("consistency.made")),
        _ => (None, ""),
    };
    Cell { status, label }
}

/// A promise's status in one journey: that of its deliveries there, or undelivered when it
/// is made there and delivered nowhere; `None` when the journey does not deliver it.
fn status_in(trace: &PromiseTrace, here: Option<&InJourney>) -> Option<PromiseStatus> {
    match here {
        Some(here) if !here.results.is_empty() => {
            Some(promise_status(here.results.iter().copied()))
        }
        Some(here) if here.made && trace.status == PromiseStatus::Undelivered => {
            Some(PromiseStatus::Undelivered)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::model::Language;
    use crate::test_support::{journey, project};

    fn site(journeys: usize) -> Project {
        let yaml = journey(&["{name: X, kind: human, emotion: 1, promises: [p]}"]);
        let ids: Vec<String> = (0..journeys).map(|i| format!("j{i:03}")).collect();
        let files: Vec<(&str, &str)> = ids.iter().map(|id| (id.as_str(), yaml.as_str())).collect();
        project("", "- {id: p, text: P}\n", &files)
    }

    #[test]
    fn the_matrix_has_a_column_per_journey_up_to_its_limit() {
        let labels = Labels::new(Language::En);
        let project = site(MATRIX_MAX_JOURNEYS);
        let analysis = analyse(&project);
        let shown = data(&project, &analysis, &labels, None);
        assert_eq!(shown.matrix.journeys.len(), MATRIX_MAX_JOURNEYS);
        assert_eq!(shown.matrix.rows[0].cells.len(), MATRIX_MAX_JOURNEYS);
        assert_eq!(shown.matrix.rows[0].cells[0].status, Some("undelivered"));
        assert_eq!(shown.matrix_left_out, None);
        let project = site(MATRIX_MAX_JOURNEYS + 1);
        let analysis = analyse(&project);
        let wide = data(&project, &analysis, &labels, None);
        assert!(wide.matrix.rows.is_empty());
        let text = wide.matrix_left_out.clone().unwrap_or_default();
        assert!(
            text.contains("up to 200 journeys") && text.contains("covers 201"),
            "{text}"
        );
        assert_eq!(
            wide.journeys.len(),
            MATRIX_MAX_JOURNEYS + 1,
            "every journey keeps its index"
        );
    }

    #[test]
    fn places_are_named_and_linked() {
        let yaml = journey(&[
            "{name: Sees the advert, id: advert, kind: functional, emotion: 1, promises: [p]}",
            "{name: Gets it, kind: human, emotion: 2, delivers: [{promise: p, result: kept, evidence: On time}]}",
        ]);
        let project = project("", "- {id: p, text: P}\n", &[("j", yaml.as_str())]);
        let analysis = analyse(&project);
        let labels = Labels::new(Language::En);
        let json = serde_json::to_value(data(&project, &analysis, &labels, None)).unwrap();
        let promise = &json["promises"][0];
        assert_eq!(promise["made_at"][0]["touchpoint"], "Sees the advert");
        assert_eq!(
            promise["made_at"][0]["link"],
            "journeys/j/index.html#tp-advert"
        );
        let delivery = &promise["deliveries"][0];
        assert_eq!(delivery["touchpoint"], "Gets it");
        assert_eq!(delivery["result"], "kept");
        assert_eq!(delivery["evidence"], "On time");
        assert_eq!(json["heatmap_svg"], serde_json::Value::Null);
    }

    #[test]
    fn a_journeys_view_gives_its_own_places_and_the_status_there() {
        let makes = journey(&[
            "{name: Sees the advert, id: advert, kind: functional, emotion: 1, promises: [p]}",
            "{name: Waits, kind: human, emotion: -2, delivers: [{promise: p, result: broken}]}",
        ]);
        let keeps = journey(&[
            "{name: Gets it, kind: human, emotion: 2, delivers: [{promise: p, result: kept}]}",
        ]);
        let files = [("a", makes.as_str()), ("b", keeps.as_str())];
        let project = project("", "- {id: p, text: P}\n", &files);
        let analysis = analyse(&project);
        let labels = Labels::new(Language::En);
        let view = |only| serde_json::to_value(data(&project, &analysis, &labels, only)).unwrap();
        let site = view(None);
        assert_eq!(site["promises"][0]["status"], "broken", "over all journeys");
        assert_eq!(
            site["promises"][0]["deliveries"].as_array().unwrap().len(),
            2
        );
        let b = view(Some("b"));
        let promise = &b["promises"][0];
        assert_eq!(
            promise["status"], "kept",
            "as kept in b, the matrix's column says so too"
        );
        assert_eq!(b["matrix"]["rows"][0]["cells"][0]["status"], "kept");
        assert_eq!(promise["made_at"].as_array().unwrap().len(), 0);
        assert_eq!(promise["made_elsewhere"], true);
        let deliveries = promise["deliveries"].as_array().unwrap();
        assert_eq!(deliveries.len(), 1);
        assert_eq!(deliveries[0]["touchpoint"], "Gets it");
        assert_eq!(promise["elsewhere"], true);
        let a = view(Some("a"));
        assert_eq!(a["promises"][0]["status"], "broken");
        assert_eq!(
            a["promises"][0]["made_at"][0]["touchpoint"],
            "Sees the advert"
        );
    }
}

//! The pages of measured experience: `measurements/` (every metric of every touchpoint over
//! the waves), `measurements/<wave>/` (one wave in full) and the measured section of each
//! journey page and of each department's page (the latest value with n, margin and a small
//! trend).

use super::links;
use super::measured_figures::{self, Figure};
use crate::address;
use crate::analysis::departments::OwnedTouchpoint;
use crate::analysis::measured::{self, Point, SeriesKey};
use crate::labels::Labels;
use crate::model::{Journey, Metric, Project, Touchpoint, Wave};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A wave in the list of waves.
#[derive(Debug, Serialize)]
pub struct WaveLink<'a> {
    name: &'a str,
    date: &'a str,
    link: String,
    count: usize,
}

/// A row of the table over waves: one metric of one touchpoint.
#[derive(Debug, Serialize)]
pub struct OverviewRow<'a> {
    journey: &'a str,
    journey_link: String,
    touchpoint: &'a str,
    touchpoint_link: String,
    metric: &'a str,
    /// One per wave, oldest first; `None` where the wave did not measure it.
    cells: Vec<Option<Figure>>,
    trend: Option<String>,
}

/// A row of a wave's page, or of a journey page's measured section.
#[derive(Debug, Serialize)]
pub struct MeasuredRow<'a> {
    journey: &'a str,
    journey_link: String,
    touchpoint: &'a str,
    touchpoint_link: String,
    metric: &'a str,
    figure: Figure,
    typed: String,
    trend: Option<String>,
    /// The change from the wave before ("+13.0 points since Autumn 2026 survey").
    change: Option<String>,
}

type Series<'a> = BTreeMap<SeriesKey<'a>, Vec<Point<'a>>>;

/// The rows of `measurements/`, in its order (journeys as the site lists them, each
/// journey's touchpoints in its order, a touchpoint's metrics in the order NPS, CSAT, CES,
/// score): as many as [`crate::model::measured_rows`] counts.
fn overview_rows<'s, 'a>(
    project: &'a Project,
    series: &'s Series<'a>,
) -> impl Iterator<Item = (&'a Journey, &'a Touchpoint, Metric, &'s [Point<'a>])> {
    project.journeys.iter().flat_map(move |journey| {
        journey.touchpoints().flat_map(move |(_, t)| {
            measured::of_touchpoint(series, &journey.id, &t.id)
                .into_iter()
                .map(move |(metric, points)| (&**journey, t, metric, points))
        })
    })
}

/// The data of page `page` (from 0) of `measurements/`: the waves, and the rows of the
/// page; `pagination` links the pages when there are several.
pub fn overview<'a>(
    project: &'a Project,
    labels: &'a Labels,
    series: &Series<'a>,
    page: usize,
) -> serde_json::Value {
    let min_n = project.site.measurements.min_n;
    let scale = &project.site.scale;
    let waves: Vec<WaveLink> = project
        .waves
        .iter()
        .map(|w| WaveLink {
            name: &w.name,
            date: &w.date,
            link: address::link(&address::wave_page(&w.id)),
            count: w.measurements.len(),
        })
        .collect();
    let size = address::MEASURED_ROWS_PER_PAGE;
    let rows: Vec<OverviewRow> = overview_rows(project, series)
        .skip(page * size)
        .take(size)
        .map(|(journey, t, metric, points)| {
            let cells = project
                .waves
                .iter()
                .map(|w| {
                    points
                        .iter()
                        .find(|p| p.wave.id == w.id)
                        .map(|p| measured_figures::figure(p, min_n, scale, labels))
                })
                .collect();
            OverviewRow {
                journey: &journey.title,
                journey_link: links::journey(&journey.id),
                touchpoint: &t.name,
                touchpoint_link: links::touchpoint(&journey.id, &t.id),
                metric: labels.of(metric),
                cells,
                trend: measured_figures::trend(points, labels),
            }
        })
        .collect();
    let total = crate::model::measured_rows(&project.journeys, &project.waves);
    serde_json::json!({
        "waves": waves,
        "rows": rows,
        "pagination": pagination(labels, page, total, &address::measurements_page),
        "thin_note": labels.fill("measured.thin_note", &[("min", min_n.to_string())]),
    })
}

/// The links between the pages of a measured table of `total` rows, page `page` current,
/// each page at `address`; `None` for a table of one page.
fn pagination(
    labels: &Labels,
    page: usize,
    total: usize,
    address: &dyn Fn(usize) -> String,
) -> Option<serde_json::Value> {
    let count = address::measured_pages(total);
    if count < 2 {
        return None;
    }
    let size = address::MEASURED_ROWS_PER_PAGE;
    let from = page * size + 1;
    let to = ((page + 1) * size).min(total);
    let root = links::root_of(&address(page));
    let pages: Vec<serde_json::Value> = (0..count)
        .map(|p| {
            serde_json::json!({
                "number": p + 1,
                "link": format!("{root}{}", address::link(&address(p))),
                "current": p == page,
            })
        })
        .collect();
    Some(serde_json::json!({
        "label": labels.get("measured.pages"),
        "rows": labels.fill(
            "measured.rows",
            &[
                ("from", from.to_string()),
                ("to", to.to_string()),
                ("total", total.to_string()),
            ],
        ),
        "pages": pages,
    }))
}

/// The data of page `page` (from 0) of one wave's page. Its rows come in the order of the
/// table of `measurements/`, not the wave file's: journeys as the site lists them, each
/// journey's touchpoints in its order, a touchpoint's metrics in the order NPS, CSAT, CES,
/// score.
pub fn wave<'a>(
    project: &'a Project,
    wave: &'a Wave,
    labels: &'a Labels,
    series: &Series<'a>,
    page: usize,
) -> serde_json::Value {
    let min_n = project.site.measurements.min_n;
    let place: HashMap<&str, usize> = project
        .journeys
        .iter()
        .enumerate()
        .map(|(i, j)| (j.id.as_str(), i))
        .collect();
    // Placed and sorted first; the figures are made for this page's rows only.
    let mut placed = Vec::new();
    for m in &wave.measurements {
        let Some(journey) = project.journey(&m.journey) else {
            continue;
        };
        let Some((position, t)) = journey
            .touchpoints()
            .map(|(_, t)| t)
            .enumerate()
            .find(|(_, t)| t.id == m.touchpoint)
        else {
            continue;
        };
        let order = (place.get(m.journey.as_str()).copied(), position, m.metric);
        placed.push((order, m, journey, t));
    }
    placed.sort_by_key(|(order, ..)| *order);
    let size = address::MEASURED_ROWS_PER_PAGE;
    let rows: Vec<MeasuredRow> = placed
        .iter()
        .skip(page * size)
        .take(size)
        .filter_map(|(_, m, journey, t)| {
            let key = (m.journey.as_str(), m.touchpoint.as_str(), m.metric);
            let points = series.get(&key)?;
            let at = points.iter().position(|p| p.wave.id == wave.id)?;
            let point = points.get(at)?;
            Some(MeasuredRow {
                journey: &journey.title,
                journey_link: links::journey(&journey.id),
                touchpoint: &t.name,
                touchpoint_link: links::touchpoint(&journey.id, &t.id),
                metric: labels.of(m.metric),
                figure: measured_figures::figure(point, min_n, &project.site.scale, labels),
                typed: labels.emotion(t.emotion),
                trend: None,
                change: measured_figures::change(points.get(..=at)?, labels),
            })
        })
        .collect();
    let at = |index: usize| address::wave_page_at(&wave.id, index);
    serde_json::json!({
        "wave": {"name": wave.name, "date": wave.date},
        "rows": rows,
        "pagination": pagination(labels, page, wave.measurements.len(), &at),
        "overview_link": address::link(address::MEASUREMENTS),
        "thin_note": labels.fill("measured.thin_note", &[("min", min_n.to_string())]),
    })
}

/// The measured section of a journey page: each touchpoint's latest value per metric.
pub fn journey_rows<'a>(
    project: &'a Project,
    journey: &'a Journey,
    labels: &'a Labels,
    series: &Series<'a>,
) -> Vec<MeasuredRow<'a>> {
    journey
        .touchpoints()
        .flat_map(|(_, t)| latest_rows(project, journey, t, labels, series))
        .collect()
}

/// The measured section of a department's page: the latest value per metric of each of the
/// touchpoints `owned` (those on the page), in their order.
pub fn department_rows<'a>(
    project: &'a Project,
    owned: &[OwnedTouchpoint<'a>],
    labels: &'a Labels,
    series: &Series<'a>,
) -> Vec<MeasuredRow<'a>> {
    owned
        .iter()
        .flat_map(|o| latest_rows(project, o.at.journey, o.at.touchpoint, labels, series))
        .collect()
}

/// A touchpoint's latest value of each metric measured, with the trend over the waves.
fn latest_rows<'a>(
    project: &'a Project,
    journey: &'a Journey,
    t: &'a Touchpoint,
    labels: &'a Labels,
    series: &Series<'a>,
) -> Vec<MeasuredRow<'a>> {
    let min_n = project.site.measurements.min_n;
    measured::of_touchpoint(series, &journey.id, &t.id)
        .into_iter()
        .filter_map(|(metric, points)| {
            let latest = points.last()?;
            Some(MeasuredRow {
                journey: &journey.title,
                journey_link: links::journey(&journey.id),
                touchpoint: &t.name,
                touchpoint_link: links::touchpoint(&journey.id, &t.id),
                metric: labels.of::<Metric>(metric),
                figure: measured_figures::figure(latest, min_n, &project.site.scale, labels),
                typed: labels.emotion(t.emotion),
                trend: measured_figures::trend(points, labels),
                change: measured_figures::change(points, labels),
            })
        })
        .collect()
}

//! The site-wide promise heat map: promises (rows) by journeys (columns), each cell coloured
//! and labelled with the promise's status in that journey.

use super::canvas::{Document, Pin, bold, fail, font, layer};
use super::label::{Fitted, fit, line_height};
use super::style;
use crate::analysis::{Analysis, PromiseStatus, promise_status};
use crate::labels::Labels;
use crate::model::Project;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const FONT: f64 = 11.0;
const LINE: i32 = 13;
const ROW: i32 = 30;
const COL: i32 = 112;
/// The widest a promise's text is set, in pixels, before it wraps.
const ROW_LABEL: f64 = 240.0;
/// The most lines a promise's text takes before it is shortened.
const ROW_LINES: usize = 3;

/// Draws the heat map of every promise of the site.
pub fn promise_map(
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
    id: &str,
) -> Result<Document, String> {
    let mut traces: Vec<_> = analysis.promises.iter().collect();
    traces.sort_by_key(|t| t.status);
    let texts: Vec<&str> = traces
        .iter()
        .map(|t| {
            project
                .promise(&t.id)
                .map_or(t.id.as_str(), |p| p.text.as_str())
        })
        .collect();
    let row_labels: Vec<Fitted> = texts
        .iter()
        .map(|text| fit(text, &[FONT, 10.0], ROW_LABEL, ROW_LINES))
        .collect();
    let left = row_labels
        .iter()
        .map(|l| l.width().ceil() as i32)
        .max()
        .unwrap_or(60)
        .clamp(60, ROW_LABEL as i32)
        + 20;
    let rows: Vec<i32> = row_labels
        .iter()
        .map(|l| ROW.max(l.lines.len() as i32 * line_height(l.font) + 10))
        .collect();
    let row_tops: Vec<i32> = rows
        .iter()
        .scan(0, |y, h| {
            let here = *y;
            *y += h;
            Some(here)
        })
        .collect();
    let rows_height: i32 = rows.iter().sum();
    let headers: Vec<Fitted> = project
        .journeys
        .iter()
        .map(|j| fit(&j.title, &[FONT, 10.0, 9.0], f64::from(COL - 10), 3))
        .collect();
    let header_height = headers
        .iter()
        .map(|f| f.lines.len() as i32 * line_height(f.font))
        .max()
        .unwrap_or(LINE)
        + 12;
    let top = 12 + header_height;
    let columns = project.journeys.len().max(1) as i32;
    let width = left + COL * columns + 16;
    let height = top + rows_height.max(ROW) + 16;
    let size = (width as u32, height as u32);
    let count = |s: PromiseStatus| traces.iter().filter(|t| t.status == s).count().to_string();
    let desc = labels.fill(
        "plot.heatmap_desc",
        &[
            ("promises", traces.len().to_string()),
            ("journeys", project.journeys.len().to_string()),
            ("broken", count(PromiseStatus::Broken)),
            ("undelivered", count(PromiseStatus::Undelivered)),
            ("at_risk", count(PromiseStatus::AtRisk)),
            ("kept", count(PromiseStatus::Kept)),
        ],
    );
    let mut doc = Document::new(size, id, labels.get("plot.heatmap_title"), &desc);
    for (c, (header, journey)) in headers.iter().zip(&project.journeys).enumerate() {
        let drawn = layer(size, |a| {
            let cx = left + COL * c as i32 + COL / 2;
            let lh = line_height(header.font);
            let first = top - 8 - lh * header.lines.len() as i32;
            for (k, line) in header.lines.iter().enumerate() {
                a.draw(&Text::new(
                    line.clone(),
                    (cx, first + lh * k as i32),
                    bold(header.font, style::INK).pos(Pos::new(HPos::Center, VPos::Top)),
                ))
                .map_err(fail)?;
            }
            Ok(())
        })?;
        let tooltip = header.abbreviated.then_some(journey.title.as_str());
        doc.group_with("header", None, tooltip, &drawn);
    }
    // From the top, so that the heads of the columns scrolled under the promises go too.
    let pin = Pin {
        top: 0,
        width: (left - 2) as u32,
        height: (top + rows_height) as u32,
    };
    let mut promises = Vec::with_capacity(traces.len());
    for (r, (label, trace)) in row_labels.iter().zip(&traces).enumerate() {
        let drawn = layer(size, |a| {
            let lh = line_height(label.font);
            let first = top + row_tops[r] + (rows[r] - lh * label.lines.len() as i32) / 2;
            for (k, line) in label.lines.iter().enumerate() {
                a.draw(&Text::new(
                    line.clone(),
                    (left - 10, first + lh * k as i32),
                    font(label.font, style::INK).pos(Pos::new(HPos::Right, VPos::Top)),
                ))
                .map_err(fail)?;
            }
            Ok(())
        })?;
        let tooltip = if label.abbreviated {
            format!("{} ({})", texts[r], trace.id)
        } else {
            trace.id.clone()
        };
        promises.push((tooltip, drawn));
    }
    doc.pinned("pinned", pin, |doc| {
        for (tooltip, drawn) in &promises {
            doc.group_with("promise", None, Some(tooltip), drawn);
        }
    });
    doc.group(
        "grid",
        &layer(size, |a| {
            let (x1, y1) = (left + COL * columns, top + rows_height);
            for y in row_tops.iter().chain([&rows_height]) {
                a.draw(&PathElement::new(
                    vec![(left, top + y), (x1, top + y)],
                    style::GRID.stroke_width(1),
                ))
                .map_err(fail)?;
            }
            for c in 0..=columns {
                a.draw(&PathElement::new(
                    vec![(left + COL * c, top), (left + COL * c, y1)],
                    style::GRID.stroke_width(1),
                ))
                .map_err(fail)?;
            }
            Ok(())
        })?,
    );
    let column: std::collections::BTreeMap<&str, usize> = project
        .journeys
        .iter()
        .enumerate()
        .map(|(c, j)| (j.id.as_str(), c))
        .collect();
    for (r, trace) in traces.iter().enumerate() {
        for (journey_id, here) in trace.by_journey() {
            let (Some(&c), Some(journey)) = (column.get(journey_id), project.journey(journey_id))
            else {
                continue;
            };
            let results = here.results;
            let made = here.made;
            let (status, text) = if !results.is_empty() {
                let s = promise_status(results);
                (Some(s), labels.of(s).to_string())
            } else if made && trace.status == PromiseStatus::Undelivered {
                (
                    Some(PromiseStatus::Undelivered),
                    labels.of(PromiseStatus::Undelivered).to_string(),
                )
            } else if made {
                (None, labels.get("consistency.made").to_string())
            } else {
                continue;
            };
            let x0 = left + COL * c as i32;
            let (y0, row) = (top + row_tops[r], rows[r]);
            let fill = style::status(status);
            let cell = layer(size, |a| {
                a.draw(&Rectangle::new(
                    [(x0 + 1, y0 + 1), (x0 + COL - 1, y0 + row - 1)],
                    fill.filled(),
                ))
                .map_err(fail)?;
                a.draw(&Text::new(
                    text.clone(),
                    (x0 + COL / 2, y0 + row / 2),
                    font(FONT - 1.0, style::text_on(fill))
                        .pos(Pos::new(HPos::Center, VPos::Center)),
                ))
                .map_err(fail)
            })?;
            let tooltip = format!("{} × {}: {text}", texts[r], journey.title);
            doc.group_titled(
                "cell",
                Some((&format!("{}:{}", trace.id, journey.id), &tooltip)),
                &cell,
            );
        }
    }
    Ok(doc)
}

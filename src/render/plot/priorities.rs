//! The priority matrix of a journey: impact (y) against frequency (x), 1 to 5, for the
//! touchpoints that have both, as numbered markers coloured by impression, with the
//! fix-first corner marked and a key below that gives each number its full name. Rows are
//! as tall as their markers need.

use super::canvas::{Document, bold, fail, font, layer};
use super::label::{Fitted, fit, line_height};
use super::style;
use crate::analysis::{Impression, JourneyAnalysis};
use crate::labels::Labels;
use crate::model::{Journey, Scale, Touchpoint};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::BTreeMap;

const CELL: i32 = 72;
const LEFT: i32 = 44;
const RIGHT: i32 = 12;
const TOP: i32 = 54;
const FONT: f64 = 11.0;
const FONTS: [f64; 3] = [11.0, 10.0, 9.0];
/// A marker's radius, the distance between markers and markers per row of a cell.
const MARK: i32 = 9;
const STEP: i32 = 21;
const PER_ROW: usize = 3;
/// The lowest height of a row of the grid.
const MIN_ROW: i32 = 36;
const WIDTH: i32 = LEFT + CELL * 5 + RIGHT;

/// A touchpoint in the matrix: its number, cell and impression.
struct Point<'a> {
    number: usize,
    touchpoint: &'a Touchpoint,
    impression: Impression,
    fix_first: bool,
}

/// Whether the priority matrix of a journey places any touchpoint: one with both an impact
/// and a frequency.
pub fn has_priorities(journey: &Journey) -> bool {
    journey
        .touchpoints()
        .any(|(_, t)| t.impact.is_some() && t.frequency.is_some())
}

/// Draws the priority matrix of a journey. `id` namespaces the SVG's ids.
pub fn priorities(
    journey: &Journey,
    facts: &JourneyAnalysis,
    scale: &Scale,
    labels: &Labels,
    id: &str,
) -> Result<Document, String> {
    let low = scale.indifference[0];
    let in_corner = |f: u8, i: u8| f >= 3 && i >= 3;
    let mut points = Vec::new();
    let mut cells: BTreeMap<(u8, u8), Vec<usize>> = BTreeMap::new();
    for ((_, t), impression) in journey.touchpoints().zip(&facts.impressions) {
        if let (Some(impact), Some(frequency)) = (t.impact, t.frequency) {
            cells
                .entry((frequency, impact))
                .or_default()
                .push(points.len());
            points.push(Point {
                number: points.len() + 1,
                touchpoint: t,
                impression: *impression,
                fix_first: in_corner(frequency, impact) && t.emotion < low,
            });
        }
    }
    let fix = points.iter().filter(|p| p.fix_first).count();
    // The rows of impact 5 down to 1: their tops and heights.
    let mut row_top = [0; 6];
    let mut row_height = [0; 6];
    let mut y = TOP;
    for impact in (1..=5u8).rev() {
        let most = (1..=5u8)
            .map(|f| cells.get(&(f, impact)).map_or(0, Vec::len))
            .max()
            .unwrap_or(0);
        let rows = most.div_ceil(PER_ROW) as i32;
        row_top[usize::from(impact)] = y;
        row_height[usize::from(impact)] = (rows * STEP + 12).max(MIN_ROW);
        y += row_height[usize::from(impact)];
    }
    let grid_bottom = y;
    let key_top = grid_bottom + 52;
    let key_width = f64::from(WIDTH - LEFT - RIGHT - 2 * MARK - 8);
    let names: Vec<Fitted> = points
        .iter()
        .map(|p| fit(&p.touchpoint.name, &FONTS, key_width, usize::MAX))
        .collect();
    let entry_height = |f: &Fitted| (f.lines.len() as i32 * line_height(f.font)).max(2 * MARK) + 6;
    let height = key_top + names.iter().map(entry_height).sum::<i32>() + 10;
    let size = (WIDTH as u32, height as u32);
    let title = labels.fill(
        "plot.priorities_title",
        &[("journey", journey.title.clone())],
    );
    let desc = if points.is_empty() {
        labels.get("plot.no_priorities").to_string()
    } else {
        labels.fill(
            "plot.priorities_desc",
            &[
                ("count", points.len().to_string()),
                ("fix", fix.to_string()),
            ],
        )
    };
    let mut doc = Document::new(size, id, &title, &desc);
    let x = |frequency: i32| LEFT + CELL * (frequency - 1);
    let top_of = |impact: u8| row_top[usize::from(impact)];
    let bottom_of = |impact: u8| row_top[usize::from(impact)] + row_height[usize::from(impact)];
    doc.group(
        "grid",
        &layer(size, |a| {
            a.draw(&Rectangle::new(
                [(x(3), top_of(5)), (x(6), bottom_of(3))],
                style::impression(Impression::Negative).mix(0.18).filled(),
            ))
            .map_err(fail)?;
            let caption = fit(
                labels.get("plot.fix_first"),
                &FONTS,
                f64::from(WIDTH - 80),
                1,
            );
            for line in caption.lines {
                a.draw(&Text::new(
                    line,
                    (x(6), TOP - 6),
                    bold(caption.font, style::INK).pos(Pos::new(HPos::Right, VPos::Bottom)),
                ))
                .map_err(fail)?;
            }
            for k in 1..=6 {
                a.draw(&PathElement::new(
                    vec![(x(k), TOP), (x(k), grid_bottom)],
                    style::GRID.stroke_width(1),
                ))
                .map_err(fail)?;
            }
            for impact in 1..=5u8 {
                for y in [top_of(impact), bottom_of(impact)] {
                    a.draw(&PathElement::new(
                        vec![(x(1), y), (x(6), y)],
                        style::GRID.stroke_width(1),
                    ))
                    .map_err(fail)?;
                }
                a.draw(&Text::new(
                    impact.to_string(),
                    (LEFT - 10, (top_of(impact) + bottom_of(impact)) / 2),
                    font(FONT, style::MUTED).pos(Pos::new(HPos::Right, VPos::Center)),
                ))
                .map_err(fail)?;
            }
            for v in 1..=5 {
                a.draw(&Text::new(
                    v.to_string(),
                    (x(v) + CELL / 2, grid_bottom + 8),
                    font(FONT, style::MUTED).pos(Pos::new(HPos::Center, VPos::Top)),
                ))
                .map_err(fail)?;
            }
            a.draw(&Text::new(
                labels.get("term.frequency").to_string(),
                (x(1) + CELL * 5 / 2, grid_bottom + 26),
                bold(FONT, style::INK).pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(fail)?;
            a.draw(&Text::new(
                labels.get("term.impact").to_string(),
                (4, TOP - 6),
                bold(FONT, style::INK).pos(Pos::new(HPos::Left, VPos::Bottom)),
            ))
            .map_err(fail)?;
            Ok(())
        })?,
    );
    for ((frequency, impact), members) in &cells {
        let (x0, y0) = (x(i32::from(*frequency)), top_of(*impact));
        for (k, &index) in members.iter().enumerate() {
            let p = &points[index];
            let at = (
                x0 + 6 + MARK + STEP * (k % PER_ROW) as i32,
                y0 + 6 + MARK + STEP * (k / PER_ROW) as i32,
            );
            let marker = layer(size, |a| draw_marker(a, at, p))?;
            let tooltip = format!(
                "{}. {} ({} {})",
                p.number,
                p.touchpoint.name,
                labels.get("term.emotion"),
                labels.emotion(p.touchpoint.emotion)
            );
            doc.group_titled("marker", Some((&p.touchpoint.id, &tooltip)), &marker);
        }
    }
    let mut y = key_top;
    for (p, name) in points.iter().zip(&names) {
        let entry = layer(size, |a| {
            draw_marker(a, (LEFT + MARK, y + MARK), p)?;
            let lh = line_height(name.font);
            let first = y + MARK - (lh * (name.lines.len() as i32 - 1)) / 2;
            let first = first.max(y + lh / 2);
            for (l, line) in name.lines.iter().enumerate() {
                let text_style = if p.fix_first {
                    bold(name.font, style::INK)
                } else {
                    font(name.font, style::INK)
                };
                a.draw(&Text::new(
                    line.clone(),
                    (LEFT + 2 * MARK + 8, first + lh * l as i32),
                    text_style.pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(fail)?;
            }
            Ok(())
        })?;
        let tooltip = name.abbreviated.then_some(p.touchpoint.name.as_str());
        doc.group_with("key", Some(&p.touchpoint.id), tooltip, &entry);
        y += entry_height(name);
    }
    Ok(doc)
}

/// A numbered marker: a circle in the impression's colour, with a heavier ring when the
/// touchpoint is to be fixed first.
fn draw_marker(
    a: &super::canvas::Area<'_>,
    at: (i32, i32),
    point: &Point<'_>,
) -> super::canvas::Drawn {
    let fill = style::impression(point.impression);
    a.draw(&Circle::new(at, MARK, fill.filled()))
        .map_err(fail)?;
    let ring = if point.fix_first { 2 } else { 1 };
    a.draw(&Circle::new(at, MARK, style::INK.stroke_width(ring)))
        .map_err(fail)?;
    a.draw(&Text::new(
        point.number.to_string(),
        at,
        bold(FONT - 1.0, style::text_on(fill)).pos(Pos::new(HPos::Center, VPos::Center)),
    ))
    .map_err(fail)
}

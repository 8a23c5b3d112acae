//! The priority matrix of a journey: impact (y) against frequency (x), 1 to 5, for the
//! touchpoints that have both, coloured by emotion, with the fix-first corner marked.

use super::canvas::{Document, bold, char_units, fail, font, layer, text_width, wrap};
use super::{markers, style};
use crate::analysis::{Impression, JourneyAnalysis};
use crate::labels::Labels;
use crate::model::{Journey, Moment, Scale};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::BTreeMap;

const CELL: i32 = 160;
const CELL_HEIGHT: i32 = 124;
const LEFT: i32 = 64;
const TOP: i32 = 40;
const FONT: f64 = 11.0;
const LINE: i32 = 14;

/// Draws the priority matrix of a journey. `id` namespaces the SVG's ids.
pub fn priorities(
    journey: &Journey,
    facts: &JourneyAnalysis,
    scale: &Scale,
    labels: &Labels,
    id: &str,
) -> Result<Document, String> {
    let width = LEFT + CELL * 5 + 24;
    let height = TOP + CELL_HEIGHT * 5 + 56;
    let size = (width as u32, height as u32);
    let mut cells: BTreeMap<(u8, u8), Vec<(&crate::model::Touchpoint, Impression)>> =
        BTreeMap::new();
    for ((_, t), impression) in journey.touchpoints().zip(&facts.impressions) {
        if let (Some(impact), Some(frequency)) = (t.impact, t.frequency) {
            cells
                .entry((frequency, impact))
                .or_default()
                .push((t, *impression));
        }
    }
    let low = scale.indifference[0];
    let in_corner = |f: u8, i: u8| f >= 3 && i >= 3;
    let count: usize = cells.values().map(Vec::len).sum();
    let fix: usize = cells
        .iter()
        .filter(|((f, i), _)| in_corner(*f, *i))
        .flat_map(|(_, v)| v)
        .filter(|(t, _)| t.emotion < low)
        .count();
    let title = labels.fill(
        "plot.priorities_title",
        &[("journey", journey.title.clone())],
    );
    let desc = if count == 0 {
        labels.get("plot.no_priorities").to_string()
    } else {
        labels.fill(
            "plot.priorities_desc",
            &[("count", count.to_string()), ("fix", fix.to_string())],
        )
    };
    let mut doc = Document::new(size, id, &title, &desc);
    let x = |frequency: i32| LEFT + CELL * (frequency - 1);
    let y = |impact: i32| TOP + CELL_HEIGHT * (5 - impact);
    doc.group(
        "grid",
        &layer(size, |a| {
            a.draw(&Rectangle::new(
                [(x(3), y(5)), (x(6), y(2))],
                style::impression(Impression::Negative).mix(0.18).filled(),
            ))
            .map_err(fail)?;
            a.draw(&Text::new(
                labels.get("plot.fix_first").to_string(),
                (x(6) - 6, y(5) - 6),
                bold(FONT, style::INK).pos(Pos::new(HPos::Right, VPos::Bottom)),
            ))
            .map_err(fail)?;
            for k in 0..=5 {
                a.draw(&PathElement::new(
                    vec![(x(1 + k), y(5)), (x(1 + k), y(0))],
                    style::GRID.stroke_width(1),
                ))
                .map_err(fail)?;
                a.draw(&PathElement::new(
                    vec![(x(1), y(5 - k)), (x(6), y(5 - k))],
                    style::GRID.stroke_width(1),
                ))
                .map_err(fail)?;
            }
            for v in 1..=5 {
                a.draw(&Text::new(
                    v.to_string(),
                    (x(v) + CELL / 2, y(0) + 8),
                    font(FONT, style::MUTED).pos(Pos::new(HPos::Center, VPos::Top)),
                ))
                .map_err(fail)?;
                a.draw(&Text::new(
                    v.to_string(),
                    (LEFT - 10, y(v) + CELL_HEIGHT / 2),
                    font(FONT, style::MUTED).pos(Pos::new(HPos::Right, VPos::Center)),
                ))
                .map_err(fail)?;
            }
            a.draw(&Text::new(
                labels.get("term.frequency").to_string(),
                (x(1) + CELL * 5 / 2, y(0) + 30),
                bold(FONT, style::INK).pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(fail)?;
            a.draw(&Text::new(
                labels.get("term.impact").to_string(),
                (LEFT - 10, TOP - 12),
                bold(FONT, style::INK).pos(Pos::new(HPos::Right, VPos::Bottom)),
            ))
            .map_err(fail)?;
            Ok(())
        })?,
    );
    let item = 2 * LINE + 2;
    let capacity = ((CELL_HEIGHT - 12) / item) as usize;
    for ((frequency, impact), touchpoints) in &cells {
        let (cx, cy) = (x(i32::from(*frequency)), y(i32::from(*impact)));
        let shown = if touchpoints.len() > capacity {
            capacity - 1
        } else {
            touchpoints.len()
        };
        for (k, (t, impression)) in touchpoints.iter().take(shown).enumerate() {
            let row_y = cy + 12 + item * k as i32;
            let lines = two_lines(&t.name, f64::from(CELL - 28));
            let point = layer(size, |a| {
                let fix_first = in_corner(*frequency, *impact) && t.emotion < low;
                markers::draw(
                    a,
                    (cx + 10, row_y),
                    t.kind,
                    markers::radius(Moment::Standard),
                    style::impression(*impression),
                )?;
                for (l, line) in lines.iter().enumerate() {
                    let text_style = if fix_first {
                        bold(FONT - 1.0, style::INK)
                    } else {
                        font(FONT - 1.0, style::INK)
                    };
                    a.draw(&Text::new(
                        line.clone(),
                        (cx + 20, row_y + LINE * l as i32),
                        text_style.pos(Pos::new(HPos::Left, VPos::Center)),
                    ))
                    .map_err(fail)?;
                }
                Ok(())
            })?;
            let tooltip = format!("{} ({} {})", t.name, labels.get("term.emotion"), t.emotion);
            doc.group_titled("marker", Some((&t.id, &tooltip)), &point);
        }
        if shown < touchpoints.len() {
            let more = labels.fill(
                "plot.more",
                &[("count", (touchpoints.len() - shown).to_string())],
            );
            let rest: Vec<&str> = touchpoints[shown..]
                .iter()
                .map(|(t, _)| t.name.as_str())
                .collect();
            let text = layer(size, |a| {
                a.draw(&Text::new(
                    more.clone(),
                    (cx + 6, cy + 12 + item * shown as i32),
                    font(FONT - 1.0, style::MUTED).pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(fail)
            })?;
            doc.group_titled("more", Some(("", &rest.join(", "))), &text);
        }
    }
    Ok(doc)
}

/// A name on at most two lines of a width, the second shortened with an ellipsis if need
/// be; the full name is in the tooltip.
fn two_lines(text: &str, max_px: f64) -> Vec<String> {
    let mut lines = wrap(text, FONT - 1.0, max_px);
    if lines.len() > 2 {
        let rest = lines[1..].join(" ");
        lines.truncate(1);
        lines.push(fit(&rest, max_px));
    }
    lines
}

/// The text shortened with an ellipsis to fit a width.
fn fit(text: &str, max_px: f64) -> String {
    if text_width(text, FONT - 1.0) <= max_px {
        return text.to_string();
    }
    let mut short = String::new();
    let mut units = 0.0;
    for c in text.chars() {
        let with_c = units + char_units(c);
        if (with_c + char_units('…')) * (FONT - 1.0) > max_px {
            break;
        }
        short.push(c);
        units = with_c;
    }
    format!("{}…", short.trim_end())
}

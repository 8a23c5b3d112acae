//! The legend of the journey curve: lines, kinds, moment classes and impressions, laid out
//! in rows that fit the plot's width.

use super::canvas::{Area, Drawn, fail, font, text_width};
use super::markers;
use super::style::{self, DESIRED, INK};
use crate::analysis::Impression;
use crate::labels::Labels;
use crate::model::{Enumerated, Kind, Moment};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

enum Symbol {
    Line,
    Dashed,
    Marker(Kind, Moment, RGBColor),
}

/// One legend entry: a symbol and its label.
pub struct Entry {
    symbol: Symbol,
    label: String,
}

const FONT: f64 = 11.0;
const ROW: i32 = 20;
const SYMBOL: i32 = 22;
const GAP: i32 = 16;

/// The entries of the journey curve's legend.
pub fn entries(labels: &Labels, with_desired: bool) -> Vec<Entry> {
    let neutral = style::impression(Impression::Neutral);
    let mut entries = vec![Entry {
        symbol: Symbol::Line,
        label: labels.get("plot.today").to_string(),
    }];
    if with_desired {
        entries.push(Entry {
            symbol: Symbol::Dashed,
            label: labels.get("plot.desired").to_string(),
        });
    }
    for &kind in Kind::ALL {
        entries.push(Entry {
            symbol: Symbol::Marker(kind, Moment::Standard, neutral),
            label: labels.of(kind).to_string(),
        });
    }
    for &moment in Moment::ALL {
        entries.push(Entry {
            symbol: Symbol::Marker(Kind::Human, moment, neutral),
            label: labels.of(moment).to_string(),
        });
    }
    for &impression in Impression::ALL {
        entries.push(Entry {
            symbol: Symbol::Marker(Kind::Human, Moment::Standard, style::impression(impression)),
            label: labels.of(impression).to_string(),
        });
    }
    entries
}

/// Places entries in rows within `width`; gives each entry's top-left corner and the height.
pub fn layout(entries: &[Entry], left: i32, width: i32) -> (Vec<(i32, i32)>, i32) {
    let mut places = Vec::with_capacity(entries.len());
    let (mut x, mut y) = (left, 0);
    for entry in entries {
        let w = SYMBOL + 4 + text_width(&entry.label, FONT).ceil() as i32;
        if x > left && x + w > left + width {
            x = left;
            y += ROW;
        }
        places.push((x, y));
        x += w + GAP;
    }
    (places, y + ROW)
}

/// Draws the legend with its top at `top`.
pub fn draw(area: &Area<'_>, entries: &[Entry], places: &[(i32, i32)], top: i32) -> Drawn {
    for (entry, (x, y)) in entries.iter().zip(places) {
        let cy = top + y + ROW / 2;
        match &entry.symbol {
            Symbol::Line => area
                .draw(&PathElement::new(
                    vec![(*x, cy), (x + SYMBOL, cy)],
                    INK.stroke_width(2),
                ))
                .map_err(fail)?,
            Symbol::Dashed => {
                for (from, to) in [(0, 8), (13, SYMBOL)] {
                    area.draw(&PathElement::new(
                        vec![(x + from, cy), (x + to, cy)],
                        DESIRED.stroke_width(2),
                    ))
                    .map_err(fail)?;
                }
            }
            Symbol::Marker(kind, moment, fill) => markers::draw(
                area,
                (x + SYMBOL / 2, cy),
                *kind,
                markers::radius(*moment),
                *fill,
            )?,
        }
        let style = font(FONT, INK).pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(entry.label.clone(), (x + SYMBOL + 4, cy), style))
            .map_err(fail)?;
    }
    Ok(())
}

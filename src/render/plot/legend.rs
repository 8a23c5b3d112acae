//! The legend of the journey curve: only what the plot shows, one group per encoding (the
//! lines, shape = kind, size = moment class, colour = impression), each group headed by its
//! name and drawn in a way no other group's entries look like.

use super::canvas::{Area, Drawn, bold, fail, font, layer, text_width};
use super::markers;
use super::style::{self, DESIRED, INK, MUTED, WHITE};
use crate::analysis::Impression;
use crate::labels::Labels;
use crate::model::{Enumerated, Kind, Moment};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

#[derive(Clone, Copy)]
enum Symbol {
    Today,
    Desired,
    Measured,
    Kind(Kind),
    Moment(Moment),
    Impression(Impression),
}

/// One legend entry: a symbol and its label.
struct Entry {
    symbol: Symbol,
    label: String,
}

/// A group of entries that share an encoding, with its heading.
pub struct Group {
    heading: Option<String>,
    entries: Vec<Entry>,
}

/// What the plot shows, for its legend.
pub struct Shown {
    /// Whether the desired journey is drawn.
    pub desired: bool,
    /// Whether the solid line is a desired journey of its own (a design), not today.
    pub design: bool,
    /// Whether a measured value is drawn beside a touchpoint.
    pub measured: bool,
    /// The kinds of the touchpoints.
    pub kinds: Vec<Kind>,
    /// The moment classes of the touchpoints.
    pub moments: Vec<Moment>,
    /// The impressions of the touchpoints.
    pub impressions: Vec<Impression>,
}

const FONT: f64 = 11.0;
const ROW: i32 = 22;
const SYMBOL: i32 = 22;
const GAP: i32 = 14;
const GROUP_GAP: i32 = 30;

/// The groups of the legend: the lines, then kinds, moment classes (left out when every
/// touchpoint is a standard moment, as size then says nothing) and impressions, each with
/// only the values the plot shows.
pub fn groups(labels: &Labels, shown: &Shown) -> Vec<Group> {
    let mut lines = vec![Entry {
        symbol: Symbol::Today,
        label: labels
            .get(if shown.design {
                "plot.design"
            } else {
                "plot.today"
            })
            .to_string(),
    }];
    if shown.desired {
        lines.push(Entry {
            symbol: Symbol::Desired,
            label: labels.get("plot.desired").to_string(),
        });
    }
    if shown.measured {
        lines.push(Entry {
            symbol: Symbol::Measured,
            label: labels.get("plot.measured").to_string(),
        });
    }
    let mut groups = vec![Group {
        heading: None,
        entries: lines,
    }];
    let mut add = |key: &str, entries: Vec<Entry>| {
        if !entries.is_empty() {
            groups.push(Group {
                heading: Some(labels.get(key).to_string()),
                entries,
            });
        }
    };
    add(
        "term.kind",
        Kind::ALL
            .iter()
            .filter(|k| shown.kinds.contains(*k))
            .map(|&k| Entry {
                symbol: Symbol::Kind(k),
                label: labels.of(k).to_string(),
            })
            .collect(),
    );
    let sized = shown.moments.iter().any(|m| *m != Moment::Standard);
    add(
        "term.moment",
        Moment::ALL
            .iter()
            .filter(|m| sized && shown.moments.contains(*m))
            .map(|&m| Entry {
                symbol: Symbol::Moment(m),
                label: labels.of(m).to_string(),
            })
            .collect(),
    );
    add(
        "term.impression",
        Impression::ALL
            .iter()
            .filter(|i| shown.impressions.contains(*i))
            .map(|&i| Entry {
                symbol: Symbol::Impression(i),
                label: labels.of(i).to_string(),
            })
            .collect(),
    );
    groups
}

/// Where a legend's headings and entries go: top-left corners, relative to the legend.
pub struct Places {
    headings: Vec<Option<(i32, i32)>>,
    entries: Vec<Vec<(i32, i32)>>,
    /// The legend's height.
    pub height: i32,
}

fn entry_width(entry: &Entry) -> i32 {
    SYMBOL + 5 + text_width(&entry.label, FONT).ceil() as i32
}

fn heading_width(heading: &str) -> i32 {
    text_width(heading, FONT).ceil() as i32 + 8
}

/// Places the groups in rows within `width` from `left`, a group kept on one row when it
/// fits one.
pub fn layout(groups: &[Group], left: i32, width: i32) -> Places {
    let mut places = Places {
        headings: Vec::new(),
        entries: Vec::new(),
        height: 0,
    };
    let (mut x, mut y) = (left, 0);
    for group in groups {
        let whole = group.heading.as_deref().map_or(0, heading_width)
            + group
                .entries
                .iter()
                .map(|e| entry_width(e) + GAP)
                .sum::<i32>()
            - GAP;
        if x > left {
            x += GROUP_GAP - GAP;
            if x + whole > left + width {
                x = left;
                y += ROW;
            }
        }
        places.headings.push(group.heading.as_deref().map(|h| {
            let at = (x, y);
            x += heading_width(h);
            at
        }));
        let mut entries = Vec::new();
        for entry in &group.entries {
            let w = entry_width(entry);
            if x > left && x + w > left + width {
                x = left;
                y += ROW;
            }
            entries.push((x, y));
            x += w + GAP;
        }
        places.entries.push(entries);
    }
    places.height = y + ROW;
    places
}

/// Draws the legend with its top at `top` into a plot of `size`; gives the SVG elements.
pub fn draw(
    size: (u32, u32),
    groups: &[Group],
    places: &Places,
    top: i32,
) -> Result<String, String> {
    let mut svg = String::new();
    for ((group, heading), entries) in groups.iter().zip(&places.headings).zip(&places.entries) {
        if let (Some(text), Some((x, y))) = (&group.heading, heading) {
            svg.push_str(&layer(size, |a| {
                a.draw(&Text::new(
                    format!("{text}:"),
                    (*x, top + y + ROW / 2),
                    bold(FONT, MUTED).pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(fail)
            })?);
        }
        for (entry, (x, y)) in group.entries.iter().zip(entries) {
            let cy = top + y + ROW / 2;
            let symbol = layer(size, |a| draw_symbol(a, entry.symbol, *x, cy))?;
            svg.push_str(&match entry.symbol {
                Symbol::Desired => style::dashed(&symbol, "polyline", style::DESIRED_DASH),
                Symbol::Moment(_) => style::dashed(&symbol, "circle", "3 2"),
                _ => symbol,
            });
            svg.push_str(&layer(size, |a| {
                a.draw(&Text::new(
                    entry.label.clone(),
                    (x + SYMBOL + 5, cy),
                    font(FONT, INK).pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(fail)
            })?);
        }
    }
    Ok(svg)
}

fn draw_symbol(a: &Area<'_>, symbol: Symbol, x: i32, cy: i32) -> Drawn {
    let middle = (x + SYMBOL / 2, cy);
    match symbol {
        Symbol::Today => a
            .draw(&PathElement::new(
                vec![(x, cy), (x + SYMBOL, cy)],
                INK.stroke_width(2),
            ))
            .map_err(fail),
        Symbol::Desired => a
            .draw(&PathElement::new(
                vec![(x, cy), (x + SYMBOL, cy)],
                DESIRED.stroke_width(style::DESIRED_WIDTH),
            ))
            .map_err(fail),
        Symbol::Measured => {
            let (mx, my, r) = (middle.0, middle.1, 5);
            let corners = vec![
                (mx, my - r),
                (mx + r, my),
                (mx, my + r),
                (mx - r, my),
                (mx, my - r),
            ];
            a.draw(&PathElement::new(corners, style::MEASURED.stroke_width(2)))
                .map_err(fail)
        }
        Symbol::Kind(kind) => {
            markers::draw(a, middle, kind, markers::radius(Moment::Standard), WHITE)
        }
        Symbol::Moment(moment) => a
            .draw(&Circle::new(
                middle,
                markers::radius(moment),
                MUTED.stroke_width(1),
            ))
            .map_err(fail),
        Symbol::Impression(impression) => {
            let corners = [(x + 2, cy - 5), (x + SYMBOL - 2, cy + 5)];
            a.draw(&Rectangle::new(
                corners,
                style::impression(impression).filled(),
            ))
            .map_err(fail)?;
            a.draw(&Rectangle::new(corners, INK.stroke_width(1)))
                .map_err(fail)
        }
    }
}

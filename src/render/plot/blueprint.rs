//! The service blueprint of a journey: stages as bands, touchpoints as columns, and the lanes
//! top to bottom (evidence, customer actions, front stage, back stage, support) with the
//! lines of interaction, visibility and internal interaction. Text is wrapped, never cut:
//! rows grow to hold it.

use super::super::markdown::escape;
use super::canvas::{Document, Pin};
use super::label::wrap;
use super::style::{BAND, INK, MUTED, WHITE, impression, text_on};
use crate::analysis::Impression;
use crate::labels::Labels;
use crate::model::{Enumerated, Journey, Lane, LaneItem, Site, Stage, Touchpoint};
use plotters::style::RGBColor;
use std::fmt::Write;

const PAD: i32 = 12;
const LABEL_W: i32 = 132;
const COLUMN_W: i32 = 176;
const GAP: i32 = 8;
const FONT: f64 = 12.0;
const LINE: i32 = 15;
const META_FONT: f64 = 11.0;
const META_LINE: i32 = 14;
const ITEM_PAD: i32 = 6;
const FAIL_R: i32 = 8;
/// Room above a row's items for the name of the line drawn over it.
const LINE_LABEL_ROOM: i32 = 16;
/// A fail point's colour: the theme's darkest red.
const FAIL: RGBColor = RGBColor(0xb0, 0x1e, 0x0f);

/// The rows of the blueprint, top to bottom; `None` is the customer actions (the touchpoints).
const ROWS: [Option<Lane>; 5] = [
    Some(Lane::Evidence),
    None,
    Some(Lane::Frontstage),
    Some(Lane::Backstage),
    Some(Lane::Support),
];

/// The label of the line drawn above a row, by row index: interaction above the front stage,
/// visibility above the back stage, internal interaction above the support processes.
fn line_above(row: usize) -> Option<(&'static str, &'static str)> {
    match row {
        2 => Some(("interaction", "blueprint.line_interaction")),
        3 => Some(("visibility", "blueprint.line_visibility")),
        4 => Some(("internal", "blueprint.line_internal")),
        _ => None,
    }
}

fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// A box of wrapped text: the item's lines, and its owner, system and wait below.
struct Cell {
    lines: Vec<String>,
    meta: Vec<String>,
    fail: bool,
    height: i32,
}

impl Cell {
    fn new(text: &str, meta: &str, fail: bool) -> Self {
        let room = f64::from(COLUMN_W - 2 * ITEM_PAD - if fail { 2 * FAIL_R + 4 } else { 0 });
        let lines = wrap(text, FONT, room);
        let meta = if meta.is_empty() {
            Vec::new()
        } else {
            wrap(meta, META_FONT, room)
        };
        let height = 2 * ITEM_PAD + LINE * lines.len() as i32 + META_LINE * meta.len() as i32;
        Cell {
            lines,
            meta,
            fail,
            height: height.max(2 * FAIL_R + 2 * ITEM_PAD),
        }
    }

    fn of_item(item: &LaneItem, site: &Site) -> Self {
        let mut meta: Vec<&str> = Vec::new();
        if let Some(owner) = &item.owner {
            meta.push(site.owner_name(owner));
        }
        meta.extend(item.system.as_deref());
        meta.extend(item.wait.as_deref());
        Cell::new(&item.text, &meta.join(" · "), item.fail)
    }
}

/// The cells of one touchpoint's column in a row.
fn cells(t: &Touchpoint, row: Option<Lane>, site: &Site) -> Vec<Cell> {
    match row {
        None => {
            let owner = t.owner.as_deref().map(|o| site.owner_name(o));
            vec![Cell::new(&t.name, owner.unwrap_or_default(), false)]
        }
        Some(lane) => t
            .lanes
            .of(lane)
            .iter()
            .map(|i| Cell::of_item(i, site))
            .collect(),
    }
}

fn text_lines(
    out: &mut String,
    x: i32,
    y: i32,
    lines: &[String],
    font: f64,
    line: i32,
    attrs: &str,
) {
    for (k, l) in lines.iter().enumerate() {
        let _ = writeln!(
            out,
            "<text x=\"{x}\" y=\"{}\" font-size=\"{font}\" {attrs}>{}</text>",
            y + line * k as i32,
            escape(l)
        );
    }
}

/// Whether a journey has a blueprint: a touchpoint with an item in some lane.
pub fn has_blueprint(journey: &Journey) -> bool {
    journey.touchpoints().any(|(_, t)| !t.lanes.is_empty())
}

/// Draws the blueprint of a journey in parts of whole stages, each at most `columns`
/// touchpoints wide (a wider stage makes a part of its own), with ids `{id}-1`, `{id}-2`...:
/// a page of a printed report holds a part at a size that can still be read.
pub fn blueprint_parts(
    journey: &Journey,
    impressions: &[Impression],
    site: &Site,
    labels: &Labels,
    id: &str,
    columns: usize,
) -> Vec<Document> {
    let mut groups: Vec<Vec<&Stage>> = Vec::new();
    let mut width = 0;
    for stage in &journey.stages {
        let count = stage.touchpoints.len();
        match groups.last_mut() {
            Some(group) if width + count <= columns => group.push(stage),
            _ => {
                groups.push(vec![stage]);
                width = 0;
            }
        }
        width += count;
    }
    let mut first = 0;
    groups
        .into_iter()
        .enumerate()
        .map(|(n, group)| {
            let count: usize = group.iter().map(|s| s.touchpoints.len()).sum();
            let part = Journey {
                stages: group.into_iter().cloned().collect(),
                ..journey.clone()
            };
            let shown = impressions.get(first..first + count).unwrap_or(&[]);
            first += count;
            blueprint(&part, shown, site, labels, &format!("{id}-{}", n + 1))
        })
        .collect()
}

/// Draws the blueprint of a journey; `impressions` colour the customer actions.
pub fn blueprint(
    journey: &Journey,
    impressions: &[Impression],
    site: &Site,
    labels: &Labels,
    id: &str,
) -> Document {
    let touchpoints: Vec<(&str, &Touchpoint)> = journey
        .touchpoints()
        .map(|(s, t)| (s.id.as_str(), t))
        .collect();
    let columns = touchpoints.len() as i32;
    let x_of = |column: i32| PAD + LABEL_W + GAP + column * (COLUMN_W + GAP);
    let width = x_of(columns) + PAD - GAP;
    // Stage names, wrapped over the width of their columns.
    let stage_names: Vec<(i32, i32, Vec<String>)> = {
        let mut spans = Vec::new();
        let mut first = 0;
        for stage in &journey.stages {
            let count = stage.touchpoints.len() as i32;
            if count > 0 {
                let room = f64::from(count * (COLUMN_W + GAP) - GAP - 2 * ITEM_PAD);
                spans.push((first, count, wrap(&stage.name, FONT, room)));
            }
            first += count;
        }
        spans
    };
    let stage_h = 2 * ITEM_PAD
        + LINE
            * stage_names
                .iter()
                .map(|s| s.2.len() as i32)
                .max()
                .unwrap_or(1);
    let grid: Vec<Vec<Vec<Cell>>> = ROWS
        .iter()
        .map(|row| {
            touchpoints
                .iter()
                .map(|(_, t)| cells(t, *row, site))
                .collect()
        })
        .collect();
    let row_names: Vec<Vec<String>> = ROWS
        .iter()
        .map(|row| {
            let name = match row {
                Some(lane) => labels.of(*lane),
                None => labels.get("blueprint.customer_actions"),
            };
            wrap(name, FONT, f64::from(LABEL_W - ITEM_PAD))
        })
        .collect();
    let row_heights: Vec<i32> = grid
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let items = row
                .iter()
                .map(|c| c.iter().map(|cell| cell.height + GAP).sum::<i32>())
                .max()
                .unwrap_or(0);
            let name = LINE * row_names[r].len() as i32;
            let room = if line_above(r).is_some() {
                LINE_LABEL_ROOM
            } else {
                0
            };
            room + GAP + items.max(name + GAP).max(LINE + 2 * ITEM_PAD + GAP)
        })
        .collect();
    let top = PAD + stage_h;
    let height = top + row_heights.iter().sum::<i32>() + PAD;
    let mut row_tops = Vec::new();
    let mut y = top;
    for h in &row_heights {
        row_tops.push(y);
        y += h;
    }
    let fail_points = touchpoints
        .iter()
        .flat_map(|(_, t)| t.lanes.items())
        .filter(|(_, i)| i.fail)
        .count();
    let title = labels.fill("blueprint.title", &[("journey", journey.title.clone())]);
    let desc = labels.fill(
        "blueprint.desc",
        &[
            ("touchpoints", columns.to_string()),
            ("stages", stage_names.len().to_string()),
            ("fail_points", fail_points.to_string()),
        ],
    );
    let mut doc = Document::new((width as u32, height as u32), id, &title, &desc);

    let mut bands = String::new();
    for (k, (first, count, lines)) in stage_names.iter().enumerate() {
        let x = x_of(*first) - GAP / 2;
        let w = count * (COLUMN_W + GAP);
        let fill = if k % 2 == 0 { hex(BAND) } else { hex(WHITE) };
        let _ = writeln!(
            bands,
            "<rect x=\"{x}\" y=\"{PAD}\" width=\"{w}\" height=\"{}\" fill=\"{fill}\" stroke=\"#d8dee4\"/>",
            height - 2 * PAD
        );
        text_lines(
            &mut bands,
            x + GAP / 2 + ITEM_PAD,
            PAD + ITEM_PAD + 11,
            lines,
            FONT,
            LINE,
            &format!("font-weight=\"bold\" fill=\"{}\"", hex(INK)),
        );
    }
    doc.group("blueprint-stages", &bands);

    for (r, row) in ROWS.iter().enumerate() {
        let mut out = String::new();
        let row_top = row_tops[r];
        let room = if line_above(r).is_some() {
            LINE_LABEL_ROOM
        } else {
            0
        };
        for (column, column_cells) in grid[r].iter().enumerate() {
            let x = x_of(column as i32);
            let mut y = row_top + room + GAP;
            for cell in column_cells {
                let (fill, ink, stroke) = match row {
                    None => {
                        let fill = impressions.get(column).map_or(WHITE, |i| impression(*i));
                        (fill, text_on(fill), INK)
                    }
                    Some(_) => (WHITE, INK, if cell.fail { FAIL } else { MUTED }),
                };
                let class = if cell.fail {
                    " class=\"fail-item\""
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "<rect{class} x=\"{x}\" y=\"{y}\" width=\"{COLUMN_W}\" height=\"{}\" rx=\"4\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
                    cell.height,
                    hex(fill),
                    hex(stroke),
                    if cell.fail { 2 } else { 1 }
                );
                let text_y = y + ITEM_PAD + 11;
                text_lines(
                    &mut out,
                    x + ITEM_PAD,
                    text_y,
                    &cell.lines,
                    FONT,
                    LINE,
                    &format!("fill=\"{}\"", hex(ink)),
                );
                let meta_y = text_y + LINE * cell.lines.len() as i32;
                let meta_ink = if row.is_none() { ink } else { MUTED };
                text_lines(
                    &mut out,
                    x + ITEM_PAD,
                    meta_y,
                    &cell.meta,
                    META_FONT,
                    META_LINE,
                    &format!("fill=\"{}\"", hex(meta_ink)),
                );
                if cell.fail {
                    let cx = x + COLUMN_W - ITEM_PAD - FAIL_R;
                    let cy = y + ITEM_PAD + FAIL_R;
                    let _ = writeln!(
                        out,
                        "<g class=\"fail-point\"><title>{}</title><circle cx=\"{cx}\" cy=\"{cy}\" r=\"{FAIL_R}\" fill=\"{f}\"/><text x=\"{cx}\" y=\"{}\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#ffffff\">F</text></g>",
                        escape(labels.get("blueprint.fail_point")),
                        cy + 4,
                        f = hex(FAIL)
                    );
                }
                y += cell.height + GAP;
            }
        }
        let name = match row {
            Some(lane) => lane.as_str(),
            None => "actions",
        };
        doc.group(&format!("lane lane-{name}"), &out);
    }

    // The lanes' names and the lines' names at the left, and the lines' start under them: the
    // strip a page keeps in view while the blueprint scrolls sideways.
    let names_width = x_of(0) - GAP / 2;
    for (r, _) in ROWS.iter().enumerate() {
        let Some((name, _)) = line_above(r) else {
            continue;
        };
        let y = row_tops[r];
        let mut out = String::new();
        let _ = writeln!(
            out,
            "<line x1=\"{names_width}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" stroke-dashoffset=\"{}\"/>",
            width - PAD,
            hex(INK),
            names_width - PAD
        );
        doc.group(&format!("blueprint-line line-{name}"), &out);
    }
    let pin = Pin {
        top: top as u32,
        width: names_width as u32,
        height: (height - PAD - top) as u32,
    };
    let names = |doc: &mut Document| {
        for (r, row) in ROWS.iter().enumerate() {
            let mut out = String::new();
            let room = if let Some((_, label)) = line_above(r) {
                let y = row_tops[r];
                let _ = writeln!(
                    out,
                    "<line x1=\"{PAD}\" y1=\"{y}\" x2=\"{names_width}\" y2=\"{y}\" stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
                    hex(INK)
                );
                let _ = writeln!(
                    out,
                    "<text x=\"{PAD}\" y=\"{}\" font-size=\"{META_FONT}\" font-style=\"italic\" fill=\"{}\">{}</text>",
                    y + 12,
                    hex(MUTED),
                    escape(labels.get(label))
                );
                LINE_LABEL_ROOM
            } else {
                0
            };
            text_lines(
                &mut out,
                PAD,
                row_tops[r] + room + GAP + 11,
                &row_names[r],
                FONT,
                LINE,
                &format!("font-weight=\"bold\" fill=\"{}\"", hex(INK)),
            );
            let name = match row {
                Some(lane) => lane.as_str(),
                None => "actions",
            };
            doc.group(&format!("lane-name lane-{name}"), &out);
        }
    };
    doc.pinned("pinned", pin, names);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::test_support;

    const JOURNEY: &str = "title: Hairdryer
stages:
  - name: Orientation
    touchpoints:
      - name: Reads the website
        kind: functional
        emotion: 1
        owner: communication
        evidence: [Product page with a very long description that must wrap over lines]
  - name: Service
    touchpoints:
      - name: Calls customer service
        kind: human
        emotion: -2
        owner: customer-service
        evidence: [IVR menu, hold music]
        frontstage: [Agent asks for the customer number]
        backstage:
          - text: Looks up the purchase in the CRM
            owner: customer-service
            wait: 3 min
        support:
          - text: CRM keeps no notes on a transfer
            owner: it
            system: CRM
            fail: true
";

    fn drawn() -> String {
        let project = test_support::project(
            "owners: {it: IT department}\n",
            "",
            &[("hairdryer", JOURNEY)],
        );
        let analysis = analyse(&project);
        let labels = Labels::new(project.site.language);
        let journey = &project.journeys[0];
        blueprint(
            journey,
            &analysis.journeys[0].impressions,
            &project.site,
            &labels,
            "jm-blueprint-hairdryer",
        )
        .standalone()
    }

    #[test]
    fn the_blueprint_has_five_lanes_three_lines_and_its_fail_point() {
        let svg = drawn();
        assert_eq!(svg.matches("<g class=\"lane lane-").count(), 5, "{svg}");
        for lane in ["evidence", "actions", "frontstage", "backstage", "support"] {
            assert!(svg.contains(&format!("lane lane-{lane}\"")), "{lane}");
        }
        assert_eq!(svg.matches("<g class=\"blueprint-line ").count(), 3);
        for line in ["interaction", "visibility", "internal"] {
            assert!(
                svg.contains(&format!("blueprint-line line-{line}\"")),
                "{line}"
            );
        }
        assert_eq!(svg.matches("<g class=\"fail-point\">").count(), 1);
        assert!(
            svg.contains(">IT department · CRM<"),
            "owner by display name"
        );
        assert!(svg.contains(">customer-service · 3 min<"));
        assert!(svg.contains(">Orientation<") && svg.contains(">Service<"));
        for word in ["very", "long", "description", "wrap", "lines"] {
            assert!(svg.contains(word), "no word is cut: {word}");
        }
    }

    #[test]
    fn the_lane_names_are_the_strip_kept_in_view() {
        let project = test_support::project("", "", &[("hairdryer", JOURNEY)]);
        let analysis = analyse(&project);
        let labels = Labels::new(project.site.language);
        let doc = blueprint(
            &project.journeys[0],
            &analysis.journeys[0].impressions,
            &project.site,
            &labels,
            "jm-blueprint-hairdryer",
        );
        let inline = doc.inline();
        assert!(
            inline.starts_with("<div class=\"plot-pin\"")
                && inline.contains("<use href=\"#jm-blueprint-hairdryer-pin\"/>")
        );
        let pinned = &inline[inline.find("id=\"jm-blueprint-hairdryer-pin\"").unwrap()..];
        let pinned = &pinned[..pinned.find("</g>\n</g>\n").unwrap()];
        assert_eq!(pinned.matches("<g class=\"lane-name ").count(), 5);
        for name in ["Customer actions", "Back stage", "Line of visibility"] {
            assert!(pinned.contains(&format!(">{name}<")), "{name} is pinned");
        }
        assert!(!doc.standalone().contains("plot-pin"));
    }

    #[test]
    fn a_blueprint_in_parts_keeps_stages_whole_and_each_touchpoint_once() {
        let project = test_support::project("", "", &[("hairdryer", JOURNEY)]);
        let analysis = analyse(&project);
        let labels = Labels::new(project.site.language);
        let journey = &project.journeys[0];
        let impressions = &analysis.journeys[0].impressions;
        let parts = |columns| -> Vec<String> {
            blueprint_parts(journey, impressions, &project.site, &labels, "b", columns)
                .iter()
                .map(Document::standalone)
                .collect()
        };
        // One touchpoint a stage: one part a stage at one column, both in one at two.
        let one = parts(1);
        assert_eq!(one.len(), 2);
        assert!(one[0].contains(">Orientation<") && !one[0].contains(">Service<"));
        assert!(one[1].contains(">Service<") && one[1].contains("Calls customer service"));
        assert!(one[1].contains("id=\"b-2-title\""), "ids of their own");
        assert_eq!(one[1].matches("<g class=\"fail-point\">").count(), 1);
        let two = parts(2);
        assert_eq!(two.len(), 1);
        assert!(two[0].contains(">Orientation<") && two[0].contains(">Service<"));
    }
}

//! The journey curve: touchpoints in order along x with stages as bands, the emotion scale
//! along y with the zone of indifference and the thresholds, today's curve and the desired
//! one, markers that carry kind, moment and impression, and the peak and end marked.

use super::canvas::{Document, Drawn, bold, fail, font, layer, text_width, wrap};
use super::{legend, markers, style};
use crate::analysis::JourneyAnalysis;
use crate::labels::Labels;
use crate::model::{Journey, Scale};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const FONT: f64 = 11.0;
const LINE: i32 = 13;
const LEFT: i32 = 56;
const RIGHT: i32 = 132;
const MARGIN: i32 = 16;
const INSET: i32 = 22;

/// Where things go.
struct Layout {
    width: i32,
    height: i32,
    col: i32,
    vertical: bool,
    legend_top: i32,
    stage_top: i32,
    plot_top: i32,
    plot_height: i32,
    label_top: i32,
    min: i32,
    max: i32,
}

impl Layout {
    fn x(&self, index: usize) -> i32 {
        LEFT + self.col * index as i32 + self.col / 2
    }

    /// The y of an emotion; the extremes keep `INSET` pixels from the plot's edges, so the
    /// peak and end labels fit inside the plot.
    fn y(&self, emotion: i32) -> i32 {
        let span = (self.max - self.min).max(1);
        self.plot_top + INSET + (self.max - emotion) * (self.plot_height - 2 * INSET) / span
    }
}

/// Draws the curve of a journey. `id` namespaces the SVG's ids.
pub fn journey_curve(
    journey: &Journey,
    facts: &JourneyAnalysis,
    scale: &Scale,
    labels: &Labels,
    id: &str,
) -> Result<Document, String> {
    let points: Vec<_> = journey.touchpoints().collect();
    let n = points.len().max(1);
    let vertical = n > 8;
    let name_lines: Vec<Vec<String>> = points
        .iter()
        .map(|(_, t)| {
            if vertical {
                wrap(&t.name, FONT, 220.0)
            } else {
                wrap(&t.name, FONT, 88.0)
            }
        })
        .collect();
    let most_lines = name_lines.iter().map(Vec::len).max().unwrap_or(1) as i32;
    let col = if vertical {
        (most_lines * LINE + 8).max(40)
    } else {
        96
    };
    let width = (LEFT + col * n as i32 + RIGHT).max(640);
    let entries = legend::entries(labels, facts.desired.is_some());
    let (legend_places, legend_height) = legend::layout(&entries, MARGIN, width - 2 * MARGIN);
    let stage_lines: Vec<Vec<String>> = journey
        .stages
        .iter()
        .map(|s| {
            wrap(
                &s.name,
                FONT * 1.1,
                (col * s.touchpoints.len() as i32 - 8) as f64,
            )
        })
        .collect();
    let stage_height = stage_lines.iter().map(Vec::len).max().unwrap_or(1) as i32 * LINE + 10;
    let legend_top = 10;
    let stage_top = legend_top + legend_height + 8;
    let plot_top = stage_top + stage_height + 10;
    let plot_height = ((scale.max - scale.min) * 34).clamp(170, 340) + 2 * INSET;
    let label_top = plot_top + plot_height + 14;
    let label_height = if vertical {
        name_lines
            .iter()
            .flatten()
            .map(|l| text_width(l, FONT).ceil() as i32)
            .max()
            .unwrap_or(0)
    } else {
        most_lines * LINE
    };
    let layout = Layout {
        width,
        height: label_top + label_height + 14,
        col,
        vertical,
        legend_top,
        stage_top,
        plot_top,
        plot_height,
        label_top,
        min: scale.min,
        max: scale.max,
    };
    let size = (layout.width as u32, layout.height as u32);
    let title = labels.fill("plot.curve_title", &[("journey", journey.title.clone())]);
    let desc = describe(journey, facts, labels);
    let mut doc = Document::new(size, id, &title, &desc);

    doc.group(
        "legend",
        &layer(size, |a| {
            legend::draw(a, &entries, &legend_places, layout.legend_top)
        })?,
    );
    let mut first = 0;
    for (i, (stage, lines)) in journey.stages.iter().zip(&stage_lines).enumerate() {
        let x0 = LEFT + layout.col * first as i32;
        let x1 = x0 + layout.col * stage.touchpoints.len() as i32;
        first += stage.touchpoints.len();
        let band = layer(size, |a| {
            let fill = if i % 2 == 0 {
                style::BAND
            } else {
                style::WHITE
            };
            a.draw(&Rectangle::new(
                [
                    (x0, layout.stage_top),
                    (x1, layout.plot_top + layout.plot_height),
                ],
                fill.filled(),
            ))
            .map_err(fail)?;
            for (k, line) in lines.iter().enumerate() {
                let style = bold(FONT, style::INK).pos(Pos::new(HPos::Center, VPos::Top));
                a.draw(&Text::new(
                    line.clone(),
                    ((x0 + x1) / 2, layout.stage_top + 4 + LINE * k as i32),
                    style,
                ))
                .map_err(fail)?;
            }
            Ok(())
        })?;
        doc.group("stage", &band);
    }
    let [low, high] = scale.indifference;
    let zone = layer(size, |a| {
        let x1 = LEFT + layout.col * n as i32;
        a.draw(&Rectangle::new(
            [(LEFT, layout.y(high)), (x1, layout.y(low))],
            style::ZONE.filled(),
        ))
        .map_err(fail)
    })?;
    doc.group("zone", &zone);
    doc.group(
        "scale",
        &layer(size, |a| draw_scale(a, &layout, scale, labels, n))?,
    );
    for (class, value, impression) in [
        (
            "threshold magic",
            scale.magic,
            crate::analysis::Impression::Magic,
        ),
        (
            "threshold miserable",
            scale.miserable,
            crate::analysis::Impression::Miserable,
        ),
    ] {
        let y = layout.y(value);
        let x1 = LEFT + layout.col * n as i32;
        let line = layer(size, |a| {
            a.draw(&PathElement::new(
                vec![(LEFT, y), (x1, y)],
                style::impression(impression).stroke_width(2),
            ))
            .map_err(fail)
        })?;
        doc.group(class, &line);
    }
    if facts.desired.is_some() {
        let desired = layer(size, |a| {
            let mut run: Vec<(i32, i32)> = Vec::new();
            let mut runs = Vec::new();
            for (i, (_, t)) in points.iter().enumerate() {
                match t.target {
                    Some(target) => run.push((layout.x(i), layout.y(target))),
                    None => runs.push(std::mem::take(&mut run)),
                }
            }
            runs.push(run);
            for run in runs.into_iter().filter(|r| r.len() > 1) {
                a.draw(&PathElement::new(run, style::DESIRED.stroke_width(2)))
                    .map_err(fail)?;
            }
            for (i, (_, t)) in points.iter().enumerate() {
                if let Some(target) = t.target {
                    a.draw(&Circle::new(
                        (layout.x(i), layout.y(target)),
                        3,
                        style::DESIRED.filled(),
                    ))
                    .map_err(fail)?;
                }
            }
            Ok(())
        })?;
        doc.group(
            "desired",
            &desired.replace("<polyline ", "<polyline stroke-dasharray=\"7 5\" "),
        );
    }
    doc.group(
        "current",
        &layer(size, |a| {
            let line: Vec<(i32, i32)> = points
                .iter()
                .enumerate()
                .map(|(i, (_, t))| (layout.x(i), layout.y(t.emotion)))
                .collect();
            a.draw(&PathElement::new(line, style::INK.stroke_width(2)))
                .map_err(fail)
        })?,
    );
    for (i, ((_, t), impression)) in points.iter().zip(&facts.impressions).enumerate() {
        let marker = layer(size, |a| {
            markers::draw(
                a,
                (layout.x(i), layout.y(t.emotion)),
                t.kind,
                markers::radius(t.moment),
                style::impression(*impression),
            )
        })?;
        let tooltip = format!(
            "{}: {} {} ({})",
            t.name,
            labels.get("term.emotion"),
            t.emotion,
            labels.of(*impression)
        );
        doc.group_titled("marker", Some((&t.id, &tooltip)), &marker);
    }
    doc.group(
        "peak-end",
        &layer(size, |a| draw_peak_end(a, &layout, journey, facts, labels))?,
    );
    doc.group(
        "names",
        &layer(size, |a| draw_names(a, &layout, &name_lines))?,
    );
    Ok(doc)
}

fn draw_scale(
    a: &super::canvas::Area<'_>,
    layout: &Layout,
    scale: &Scale,
    labels: &Labels,
    n: usize,
) -> Drawn {
    let x0 = LEFT;
    let x1 = LEFT + layout.col * n as i32;
    let [low, high] = scale.indifference;
    for e in scale.min..=scale.max {
        let y = layout.y(e);
        let color = if e == 0 { style::MUTED } else { style::GRID };
        a.draw(&PathElement::new(
            vec![(x0, y), (x1, y)],
            color.stroke_width(1),
        ))
        .map_err(fail)?;
        let text = if e > 0 {
            format!("+{e}")
        } else {
            e.to_string()
        };
        a.draw(&Text::new(
            text,
            (x0 - 8, y),
            font(FONT, style::MUTED).pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(fail)?;
    }
    a.draw(&Text::new(
        labels.get("term.emotion").to_string(),
        (8, layout.plot_top - 14),
        font(FONT, style::MUTED).pos(Pos::new(HPos::Left, VPos::Center)),
    ))
    .map_err(fail)?;
    let side = |a: &super::canvas::Area<'_>, y: i32, text: String, color: RGBColor| {
        a.draw(&Text::new(
            text,
            (x1 + 8, y),
            font(FONT, color).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(fail)
    };
    for (value, key, color) in [
        (
            scale.magic,
            "plot.magic",
            style::impression(crate::analysis::Impression::Magic),
        ),
        (
            scale.miserable,
            "plot.miserable",
            style::impression(crate::analysis::Impression::Miserable),
        ),
    ] {
        side(
            a,
            layout.y(value),
            labels.fill(key, &[("value", value.to_string())]),
            color,
        )?;
    }
    let zone_mid = (layout.y(high) + layout.y(low)) / 2;
    let zone_lines = wrap(labels.get("plot.zone"), FONT, f64::from(RIGHT - 14));
    let first = zone_mid - LINE * (zone_lines.len() as i32 - 1) / 2;
    for (k, line) in zone_lines.into_iter().enumerate() {
        side(a, first + LINE * k as i32, line, style::MUTED)?;
    }
    Ok(())
}

fn draw_peak_end(
    a: &super::canvas::Area<'_>,
    layout: &Layout,
    journey: &Journey,
    facts: &JourneyAnalysis,
    labels: &Labels,
) -> Drawn {
    let index_of = |id: &str| journey.touchpoints().position(|(_, t)| t.id == id);
    let (Some(peak), Some(end)) = (
        index_of(&facts.current.peak.touchpoint),
        index_of(&facts.current.end.touchpoint),
    ) else {
        return Ok(());
    };
    let mut marks = vec![(peak, labels.get("term.peak").to_string())];
    if end == peak {
        marks[0].1 = labels.get("plot.peak_and_end").to_string();
    } else {
        marks.push((end, labels.get("term.end").to_string()));
    }
    let midpoint = (layout.max + layout.min) / 2;
    for (index, text) in marks {
        let Some((_, t)) = journey.touchpoints().nth(index) else {
            continue;
        };
        let r = markers::radius(t.moment) + 4;
        let y = layout.y(t.emotion);
        let (y, v) = if t.emotion >= midpoint {
            (y - r, VPos::Bottom)
        } else {
            (y + r, VPos::Top)
        };
        let style = bold(FONT, style::INK).pos(Pos::new(HPos::Center, v));
        a.draw(&Text::new(text, (layout.x(index), y), style))
            .map_err(fail)?;
    }
    Ok(())
}

fn draw_names(a: &super::canvas::Area<'_>, layout: &Layout, names: &[Vec<String>]) -> Drawn {
    for (i, lines) in names.iter().enumerate() {
        let x = layout.x(i);
        let count = lines.len() as i32;
        for (k, line) in lines.iter().enumerate() {
            let k = k as i32;
            if layout.vertical {
                let offset = (2 * k - (count - 1)) * LINE / 2;
                let style = font(FONT, style::INK)
                    .pos(Pos::new(HPos::Right, VPos::Center))
                    .transform(FontTransform::Rotate270);
                a.draw(&Text::new(
                    line.clone(),
                    (x + offset, layout.label_top),
                    style,
                ))
                .map_err(fail)?;
            } else {
                let style = font(FONT, style::INK).pos(Pos::new(HPos::Center, VPos::Top));
                a.draw(&Text::new(
                    line.clone(),
                    (x, layout.label_top + LINE * k),
                    style,
                ))
                .map_err(fail)?;
            }
        }
    }
    Ok(())
}

/// One sentence that sums up the curve, for screen readers.
fn describe(journey: &Journey, facts: &JourneyAnalysis, labels: &Labels) -> String {
    let name = |id: &str| {
        journey
            .touchpoint(id)
            .map_or(id.to_string(), |t| t.name.clone())
    };
    labels.fill(
        "plot.curve_desc",
        &[
            ("count", facts.counts.touchpoints.to_string()),
            ("stages", journey.stages.len().to_string()),
            ("peak", name(&facts.current.peak.touchpoint)),
            ("peak_emotion", facts.current.peak.emotion.to_string()),
            ("end", name(&facts.current.end.touchpoint)),
            ("end_emotion", facts.current.end.emotion.to_string()),
            ("remembered", labels.signed(facts.current.remembered)),
            ("mean", labels.signed(facts.current.mean)),
        ],
    )
}

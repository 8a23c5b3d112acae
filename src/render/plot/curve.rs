//! The journey curve: touchpoints in order along x with stages as bands, the emotion scale
//! along y with the zone of indifference and the thresholds, today's curve and the desired
//! one, markers that carry kind, moment and impression, and the peak and end marked.

use super::canvas::{Document, Drawn, Pin, bold, fail, font, layer};
use super::label::{Fitted, fit, fit_all, line_height};
use super::{legend, markers, style};
use crate::analysis::{Impression, JourneyAnalysis};
use crate::labels::Labels;
use crate::model::{Emotion, Journey, Scale};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The width the curve is drawn for: a page's column at desktop width, which the page scales
/// it to fill.
const WIDTH: i32 = 1100;
const FONT: f64 = 11.0;
/// Font sizes a label may shrink to, largest first.
const FONTS: [f64; 3] = [11.0, 10.0, 9.0];
const LINE: i32 = 13;
const LEFT: i32 = 56;
const RIGHT: i32 = 132;
const MARGIN: i32 = 16;
const INSET: i32 = 22;
/// Room between the names of neighbouring touchpoints.
const GAP: i32 = 6;
/// Lines of a touchpoint name set horizontally.
const NAME_LINES: usize = 5;
/// Lines, and their length, of a touchpoint name set upright.
const UPRIGHT_LINES: usize = 3;
const UPRIGHT_LENGTH: f64 = 200.0;
/// The narrowest column of a touchpoint.
const MIN_COLUMN: i32 = 28;
/// The widest column of a touchpoint: a curve of few touchpoints is drawn narrower than the
/// page's column, so that a phone shows most of it.
const MAX_COLUMN: i32 = 150;

/// Where things go.
struct Layout {
    width: i32,
    height: i32,
    col: i32,
    upright: bool,
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
    fn y(&self, emotion: impl Into<Emotion>) -> i32 {
        let span = 100 * i64::from((self.max - self.min).max(1));
        let above = 100 * i64::from(self.max) - i64::from(emotion.into().hundredths());
        let room = i64::from(self.plot_height - 2 * INSET);
        // Within the scale, so the offset fits the plot's height.
        self.plot_top + INSET + (above * room / span) as i32
    }
}

/// The touchpoint names under the plot: their column width, and their lines set
/// horizontally when every name fits its column, else upright.
struct Names {
    upright: bool,
    col: i32,
    fitted: Vec<Fitted>,
    height: i32,
}

/// Fits the names: horizontally in columns that share the plot's width, at the largest font
/// where all fit; else upright in columns as wide as their lines need, shortened only when a
/// name does not fit even then.
fn fit_names(names: &[&str]) -> Names {
    let n = names.len().max(1) as i32;
    let share = ((WIDTH - LEFT - RIGHT) / n).min(MAX_COLUMN);
    let across = f64::from(share - GAP);
    if let Some(fitted) = fit_all(names.iter().copied(), &FONTS, across, NAME_LINES) {
        let height = fitted
            .iter()
            .map(|f| f.lines.len() as i32 * line_height(f.font))
            .max()
            .unwrap_or(0);
        return Names {
            upright: false,
            col: share,
            fitted,
            height,
        };
    }
    let smallest = FONTS[FONTS.len() - 1];
    let fitted = fit_all(names.iter().copied(), &FONTS, UPRIGHT_LENGTH, UPRIGHT_LINES)
        .unwrap_or_else(|| {
            names
                .iter()
                .map(|name| fit(name, &[smallest], UPRIGHT_LENGTH, UPRIGHT_LINES))
                .collect()
        });
    let font = fitted.first().map_or(FONT, |f| f.font);
    let most = fitted.iter().map(|f| f.lines.len()).max().unwrap_or(1) as i32;
    let col = share.max(most * line_height(font) + GAP).max(MIN_COLUMN);
    let height = fitted
        .iter()
        .map(|f| f.width().ceil() as i32)
        .max()
        .unwrap_or(0);
    Names {
        upright: true,
        col,
        fitted,
        height,
    }
}

/// One column of the curve: a touchpoint of today, of the design, or of both.
pub(super) struct Column<'a> {
    /// Touchpoint id.
    pub id: &'a str,
    /// The name under the column.
    pub name: &'a str,
    /// Kind, for the marker's shape.
    pub kind: crate::model::Kind,
    /// Moment class, for the marker's size.
    pub moment: crate::model::Moment,
    /// Today's emotion and impression; `None` for a touchpoint only the design has.
    pub today: Option<(Emotion, Impression)>,
    /// The desired emotion, and whether a dot marks it; `None` where no desired line runs.
    pub desired: Option<(Emotion, bool)>,
    /// What the design does to the touchpoint: `removed`, `added` or `changed`.
    pub change: Option<&'static str>,
}

/// The columns of a curve grouped into stages (name, number of columns).
pub(super) struct Columns<'a> {
    /// Stages in order, with their columns' count.
    pub stages: Vec<(&'a str, usize)>,
    /// Every column in order.
    pub columns: Vec<Column<'a>>,
    /// True when the columns are a desired journey's own (its line is the design's).
    pub design: bool,
}

/// The columns of one journey: today's emotions, and the targets as the desired line when
/// the journey has targets.
fn journey_columns<'a>(journey: &'a Journey, facts: &JourneyAnalysis) -> Columns<'a> {
    let desired = facts.desired.is_some();
    Columns {
        stages: journey
            .stages
            .iter()
            .map(|s| (s.name.as_str(), s.touchpoints.len()))
            .collect(),
        columns: journey
            .touchpoints()
            .zip(&facts.impressions)
            .map(|((_, t), impression)| Column {
                id: &t.id,
                name: &t.name,
                kind: t.kind,
                moment: t.moment,
                today: Some((t.emotion, *impression)),
                desired: desired.then(|| (t.target.unwrap_or(t.emotion), t.target.is_some())),
                change: None,
            })
            .collect(),
        design: journey.desired_for.is_some(),
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
    let columns = journey_columns(journey, facts);
    let title = labels.fill("plot.curve_title", &[("journey", journey.title.clone())]);
    let desc = describe(journey, facts, labels);
    draw_columns(&columns, facts, scale, labels, id, &title, &desc)
}

/// Draws a curve of columns: stage bands, scale, thresholds, the desired line, today's line
/// with its markers, peak and end (of `facts`), the marks of what a design changes, names.
pub(super) fn draw_columns(
    curve: &Columns<'_>,
    facts: &JourneyAnalysis,
    scale: &Scale,
    labels: &Labels,
    id: &str,
    title: &str,
    desc: &str,
) -> Result<Document, String> {
    let points = &curve.columns;
    let n = points.len().max(1);
    let names = fit_names(&points.iter().map(|c| c.name).collect::<Vec<_>>());
    let col = names.col;
    let width = LEFT + col * n as i32 + RIGHT;
    let shown = legend::Shown {
        desired: points.iter().any(|c| c.desired.is_some()),
        design: curve.design,
        measured: facts.measured.iter().any(Option::is_some),
        kinds: points.iter().map(|c| c.kind).collect(),
        moments: points.iter().map(|c| c.moment).collect(),
        impressions: points.iter().filter_map(|c| c.today.map(|t| t.1)).collect(),
    };
    let legend_groups = legend::groups(labels, &shown);
    let legend_places = legend::layout(&legend_groups, MARGIN, width - 2 * MARGIN);
    let stage_labels: Vec<Fitted> = curve
        .stages
        .iter()
        .map(|(name, count)| {
            let room = col * *count as i32 - GAP;
            if *count == 0 {
                fit("", &FONTS, 0.0, 0)
            } else {
                fit(name, &FONTS, f64::from(room), 2)
            }
        })
        .collect();
    let stage_height = stage_labels
        .iter()
        .map(|f| f.lines.len() as i32 * line_height(f.font))
        .max()
        .unwrap_or(LINE)
        .max(LINE)
        + 10;
    let legend_top = 10;
    let stage_top = legend_top + legend_places.height + 8;
    let marks = points.iter().any(|c| c.change.is_some());
    let plot_top = stage_top + stage_height + 10 + if marks { LINE + 4 } else { 0 };
    let plot_height = ((scale.max - scale.min) * 34).clamp(170, 340) + 2 * INSET;
    let label_top = plot_top + plot_height + 12;
    let layout = Layout {
        width,
        height: label_top + names.height + 12,
        col,
        upright: names.upright,
        legend_top,
        stage_top,
        plot_top,
        plot_height,
        label_top,
        min: scale.min,
        max: scale.max,
    };
    let size = (layout.width as u32, layout.height as u32);
    let mut doc = Document::new(size, id, title, desc);
    if layout.width <= WIDTH {
        doc = doc.filling();
    }
    if layout.width < WIDTH {
        doc = doc.widest((layout.width * 4 / 3).min(WIDTH) as u32);
    }

    doc.group(
        "legend",
        &legend::draw(size, &legend_groups, &legend_places, layout.legend_top)?,
    );
    let mut first = 0;
    for (i, ((name, count), label)) in curve.stages.iter().zip(&stage_labels).enumerate() {
        let x0 = LEFT + layout.col * first as i32;
        let x1 = x0 + layout.col * *count as i32;
        first += count;
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
            let lh = line_height(label.font);
            for (k, line) in label.lines.iter().enumerate() {
                let style = bold(label.font, style::INK).pos(Pos::new(HPos::Center, VPos::Top));
                a.draw(&Text::new(
                    line.clone(),
                    ((x0 + x1) / 2, layout.stage_top + 4 + lh * k as i32),
                    style,
                ))
                .map_err(fail)?;
            }
            Ok(())
        })?;
        let tooltip = label.abbreviated.then_some(*name);
        doc.group_with("stage", None, tooltip, &band);
    }
    let [low, high] = scale.indifference;
    let x_end = LEFT + layout.col * n as i32;
    let zone = layer(size, |a| {
        a.draw(&Rectangle::new(
            [(LEFT, layout.y(high)), (x_end, layout.y(low))],
            style::ZONE.filled(),
        ))
        .map_err(fail)
    })?;
    doc.group("zone", &zone);
    doc.group("scale", &layer(size, |a| draw_scale(a, &layout, scale, n))?);
    let axis_top = layout.plot_top - AXIS_ROOM;
    let axis = layer(size, |a| draw_axis(a, &layout, scale, labels))?;
    let pin = Pin {
        top: axis_top as u32,
        width: (LEFT - 2) as u32,
        height: (layout.plot_top + layout.plot_height - axis_top) as u32,
    };
    doc.pinned("pinned", pin, |doc| doc.group("axis", &axis));
    draw_sides(&mut doc, size, &layout, scale, labels, x_end)?;
    for (class, value, impression) in [
        ("threshold magic", scale.magic, Impression::Magic),
        (
            "threshold miserable",
            scale.miserable,
            Impression::Miserable,
        ),
    ] {
        let y = layout.y(value);
        let line = layer(size, |a| {
            a.draw(&PathElement::new(
                vec![(LEFT, y), (x_end, y)],
                style::impression(impression).stroke_width(2),
            ))
            .map_err(fail)
        })?;
        doc.group(
            class,
            &style::dashed(&line, "polyline", style::THRESHOLD_DASH),
        );
    }
    if shown.desired {
        draw_desired(&mut doc, size, &layout, points)?;
    }
    doc.group(
        "current",
        &layer(size, |a| {
            let line: Vec<(i32, i32)> = points
                .iter()
                .enumerate()
                .filter_map(|(i, c)| Some((layout.x(i), layout.y(c.today?.0))))
                .collect();
            a.draw(&PathElement::new(line, style::INK.stroke_width(2)))
                .map_err(fail)
        })?,
    );
    for (i, c) in points.iter().enumerate() {
        let Some((emotion, impression)) = c.today else {
            continue;
        };
        let marker = layer(size, |a| {
            markers::draw(
                a,
                (layout.x(i), layout.y(emotion)),
                c.kind,
                markers::radius(c.moment),
                style::impression(impression),
            )
        })?;
        let tooltip = format!(
            "{}: {} {} ({})",
            c.name,
            labels.get("term.emotion"),
            labels.emotion(emotion),
            labels.of(impression)
        );
        doc.group_titled("marker", Some((c.id, &tooltip)), &marker);
    }
    for (i, c) in points.iter().enumerate() {
        let Some(change) = c.change else {
            continue;
        };
        let text = labels.named("change", change);
        let fitted = fit(text, &FONTS, f64::from(layout.col - 2), 1);
        let drawn = layer(size, |a| {
            let color = match change {
                "added" => style::DESIRED,
                "removed" => style::MUTED,
                _ => style::INK,
            };
            let style = font(fitted.font, color).pos(Pos::new(HPos::Center, VPos::Bottom));
            for line in &fitted.lines {
                a.draw(&Text::new(
                    line.clone(),
                    (layout.x(i), layout.plot_top - 3),
                    style.clone(),
                ))
                .map_err(fail)?;
            }
            Ok(())
        })?;
        let tooltip = format!("{}: {}", c.name, text);
        doc.group_titled(&format!("change {change}"), Some((c.id, &tooltip)), &drawn);
    }
    draw_measured(&mut doc, size, &layout, points, facts, labels)?;
    doc.group(
        "peak-end",
        &layer(size, |a| draw_peak_end(a, &layout, points, facts, labels))?,
    );
    for (i, (c, name)) in points.iter().zip(&names.fitted).enumerate() {
        let drawn = layer(size, |a| draw_name(a, &layout, i, name))?;
        let tooltip = name.abbreviated.then_some(c.name);
        doc.group_with("name", Some(c.id), tooltip, &drawn);
    }
    Ok(doc)
}

/// Each touchpoint's latest measured value, placed on the emotion scale: a small hollow
/// diamond beside the touchpoint's marker, titled with the metric, value and wave. Today's
/// touchpoints are the columns with an emotion of today, in order (a design's own steps lie
/// between them).
fn draw_measured(
    doc: &mut Document,
    size: (u32, u32),
    layout: &Layout,
    points: &[Column<'_>],
    facts: &JourneyAnalysis,
    labels: &Labels,
) -> Drawn {
    let today = points
        .iter()
        .enumerate()
        .filter(|(_, c)| c.today.is_some())
        .map(|(i, _)| i);
    for (i, measured) in today.zip(&facts.measured) {
        let Some(m) = measured else { continue };
        let span = f64::from((layout.max - layout.min).max(1));
        let top = f64::from(layout.plot_top + INSET);
        let height = f64::from(layout.plot_height - 2 * INSET);
        let y = (top + (f64::from(layout.max) - m.emotion) * height / span).round() as i32;
        let x = layout.x(i) + 14;
        let r = 5;
        let diamond = layer(size, |a| {
            a.draw(&PathElement::new(
                vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y), (x, y - r)],
                style::MEASURED.stroke_width(2),
            ))
            .map_err(fail)
        })?;
        let tooltip = labels.fill(
            "measured.curve_title",
            &[
                ("metric", labels.of(m.metric).to_string()),
                ("value", labels.localise(m.value.clone())),
                ("wave", m.wave.clone()),
                ("emotion", labels.signed(m.emotion)),
            ],
        );
        doc.group_with("measured", None, Some(&tooltip), &diamond);
    }
    Ok(())
}

/// The desired journey as one continuous dashed line over a white halo that keeps it apart
/// from the thresholds and grid beneath: through each column's desired emotion; a dot marks
/// each target (or each touchpoint of a desired journey).
fn draw_desired(
    doc: &mut Document,
    size: (u32, u32),
    layout: &Layout,
    points: &[Column<'_>],
) -> Drawn {
    let line: Vec<(i32, i32)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((layout.x(i), layout.y(c.desired?.0))))
        .collect();
    let halo = layer(size, |a| {
        a.draw(&PathElement::new(
            line.clone(),
            style::WHITE.stroke_width(style::DESIRED_WIDTH + 4),
        ))
        .map_err(fail)
    })?;
    doc.group("desired-halo", &halo);
    let desired = layer(size, |a| {
        a.draw(&PathElement::new(
            line.clone(),
            style::DESIRED.stroke_width(style::DESIRED_WIDTH),
        ))
        .map_err(fail)?;
        for (i, c) in points.iter().enumerate() {
            if let Some((target, true)) = c.desired {
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
        &style::dashed(&desired, "polyline", style::DESIRED_DASH),
    );
    Ok(())
}

/// The grid line of each value of the scale.
fn draw_scale(a: &super::canvas::Area<'_>, layout: &Layout, scale: &Scale, n: usize) -> Drawn {
    let x0 = LEFT;
    let x1 = LEFT + layout.col * n as i32;
    for e in scale.min..=scale.max {
        let y = layout.y(e);
        let color = if e == 0 { style::MUTED } else { style::GRID };
        a.draw(&PathElement::new(
            vec![(x0, y), (x1, y)],
            color.stroke_width(1),
        ))
        .map_err(fail)?;
    }
    Ok(())
}

/// Room above the plot for the axis's name.
const AXIS_ROOM: i32 = 24;

/// The values of the scale left of the plot and the axis's name above them: the layer a
/// page keeps in view while the curve scrolls sideways.
fn draw_axis(
    a: &super::canvas::Area<'_>,
    layout: &Layout,
    scale: &Scale,
    labels: &Labels,
) -> Drawn {
    for e in scale.min..=scale.max {
        let text = if e > 0 {
            format!("+{e}")
        } else {
            e.to_string()
        };
        a.draw(&Text::new(
            text,
            (LEFT - 8, layout.y(e)),
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
    Ok(())
}

/// The labels right of the plot: the thresholds' beside their lines, the zone's beside its
/// middle; each a group of its own.
fn draw_sides(
    doc: &mut Document,
    size: (u32, u32),
    layout: &Layout,
    scale: &Scale,
    labels: &Labels,
    x1: i32,
) -> Drawn {
    let [low, high] = scale.indifference;
    let room = f64::from(RIGHT - 14);
    let magic = labels.fill("plot.magic", &[("value", scale.magic.to_string())]);
    let miserable = labels.fill("plot.miserable", &[("value", scale.miserable.to_string())]);
    let zone_mid = (layout.y(high) + layout.y(low)) / 2;
    for (y, text, lines, color) in [
        (
            layout.y(scale.magic),
            magic.as_str(),
            1,
            style::impression(crate::analysis::Impression::Magic),
        ),
        (
            layout.y(scale.miserable),
            miserable.as_str(),
            1,
            style::impression(crate::analysis::Impression::Miserable),
        ),
        (zone_mid, labels.get("plot.zone"), 3, style::MUTED),
    ] {
        let fitted = fit(text, &FONTS, room, lines);
        let drawn = layer(size, |a| {
            let lh = line_height(fitted.font);
            let first = y - lh * (fitted.lines.len() as i32 - 1) / 2;
            for (k, line) in fitted.lines.iter().enumerate() {
                a.draw(&Text::new(
                    line.clone(),
                    (x1 + 8, first + lh * k as i32),
                    font(fitted.font, color).pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(fail)?;
            }
            Ok(())
        })?;
        doc.group_with("side", None, fitted.abbreviated.then_some(text), &drawn);
    }
    Ok(())
}

fn draw_peak_end(
    a: &super::canvas::Area<'_>,
    layout: &Layout,
    points: &[Column<'_>],
    facts: &JourneyAnalysis,
    labels: &Labels,
) -> Drawn {
    let index_of = |id: &str| points.iter().position(|c| c.id == id && c.today.is_some());
    let (Some(peak), Some(end)) = (
        index_of(&facts.current.peak.touchpoint),
        index_of(&facts.current.end.touchpoint),
    ) else {
        return Ok(());
    };
    // The peak is the most intense moment; a client reads a "peak" at the bottom as a high.
    let low = facts.current.peak.emotion < Emotion::default();
    let peak_label = if low { "plot.low_peak" } else { "term.peak" };
    let mut marks = vec![(peak, labels.get(peak_label).to_string())];
    if end == peak {
        marks[0].1 = labels.get("plot.peak_and_end").to_string();
    } else {
        marks.push((end, labels.get("term.end").to_string()));
    }
    let midpoint = (layout.max + layout.min) / 2;
    for (index, text) in marks {
        let Some((c, Some((emotion, _)))) = points.get(index).map(|c| (c, c.today)) else {
            continue;
        };
        let r = markers::radius(c.moment) + 4;
        let y = layout.y(emotion);
        let (y, v) = if emotion >= midpoint {
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

/// Draws the name of touchpoint `i` under its column: centred lines, or upright lines side
/// by side that end at the top of the label area.
fn draw_name(a: &super::canvas::Area<'_>, layout: &Layout, i: usize, name: &Fitted) -> Drawn {
    let x = layout.x(i);
    let lh = line_height(name.font);
    let count = name.lines.len() as i32;
    for (k, line) in name.lines.iter().enumerate() {
        let k = k as i32;
        if layout.upright {
            let offset = (2 * k - (count - 1)) * lh / 2;
            let style = font(name.font, style::INK)
                .pos(Pos::new(HPos::Right, VPos::Center))
                .transform(FontTransform::Rotate270);
            a.draw(&Text::new(
                line.clone(),
                (x + offset, layout.label_top),
                style,
            ))
            .map_err(fail)?;
        } else {
            let style = font(name.font, style::INK).pos(Pos::new(HPos::Center, VPos::Top));
            a.draw(&Text::new(
                line.clone(),
                (x, layout.label_top + lh * k),
                style,
            ))
            .map_err(fail)?;
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
            ("peak_emotion", labels.emotion(facts.current.peak.emotion)),
            ("end", name(&facts.current.end.touchpoint)),
            ("end_emotion", labels.emotion(facts.current.end.emotion)),
            ("remembered", labels.signed(facts.current.remembered)),
            ("mean", labels.signed(facts.current.mean)),
        ],
    )
}

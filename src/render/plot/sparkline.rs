//! The small curve on a journey's home-page card.

use super::canvas::{Document, fail, layer};
use super::style;
use crate::labels::Labels;
use crate::model::{Emotion, Journey, Scale};
use plotters::prelude::*;

const WIDTH: i32 = 240;
const HEIGHT: i32 = 48;
const PAD: i32 = 4;

/// Draws the sparkline of a journey.
pub fn sparkline(
    journey: &Journey,
    scale: &Scale,
    labels: &Labels,
    id: &str,
) -> Result<Document, String> {
    let size = (WIDTH as u32, HEIGHT as u32);
    let emotions: Vec<Emotion> = journey.touchpoints().map(|(_, t)| t.emotion).collect();
    let span = 100 * (scale.max - scale.min).max(1);
    let y = |e: Emotion| PAD + (100 * scale.max - e.hundredths()) * (HEIGHT - 2 * PAD) / span;
    let step = if emotions.len() > 1 {
        (WIDTH - 2 * PAD) / (emotions.len() as i32 - 1)
    } else {
        0
    };
    let x = |i: usize| {
        if emotions.len() > 1 {
            PAD + step * i as i32
        } else {
            WIDTH / 2
        }
    };
    let title = labels.fill("plot.sparkline", &[("journey", journey.title.clone())]);
    let desc = emotions
        .iter()
        .map(|e| labels.emotion(*e))
        .collect::<Vec<_>>()
        .join(", ");
    let mut doc = Document::new(size, id, &title, &desc);
    doc.group(
        "spark",
        &layer(size, |a| {
            let [low, high] = scale.indifference;
            a.draw(&Rectangle::new(
                [(0, y(high.into())), (WIDTH, y(low.into()))],
                style::ZONE.filled(),
            ))
            .map_err(fail)?;
            let points: Vec<(i32, i32)> = emotions
                .iter()
                .enumerate()
                .map(|(i, e)| (x(i), y(*e)))
                .collect();
            a.draw(&PathElement::new(
                points.clone(),
                style::INK.stroke_width(2),
            ))
            .map_err(fail)?;
            if let Some(last) = points.last() {
                a.draw(&Circle::new(*last, 3, style::INK.filled()))
                    .map_err(fail)?;
            }
            Ok(())
        })?,
    );
    Ok(doc)
}

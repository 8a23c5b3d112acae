//! Touchpoint markers: the shape tells the kind, the size the moment class, the colour the
//! impression.

use super::canvas::{Area, Drawn, fail};
use super::style::INK;
use crate::model::{Kind, Moment};
use plotters::prelude::*;

/// The radius of a marker by moment class.
pub fn radius(moment: Moment) -> i32 {
    match moment {
        Moment::Standard => 5,
        Moment::Truth => 7,
        Moment::Excel => 9,
    }
}

/// Draws a marker centred on `at`.
pub fn draw(area: &Area<'_>, at: (i32, i32), kind: Kind, r: i32, fill: RGBColor) -> Drawn {
    let (x, y) = at;
    let filled = ShapeStyle::from(&fill).filled();
    let outline = ShapeStyle::from(&INK).stroke_width(1);
    match kind {
        Kind::Human => {
            area.draw(&Circle::new(at, r, filled)).map_err(fail)?;
            area.draw(&Circle::new(at, r, outline)).map_err(fail)
        }
        Kind::Functional => {
            let s = r - 1;
            area.draw(&Rectangle::new([(x - s, y - s), (x + s, y + s)], filled))
                .map_err(fail)?;
            area.draw(&Rectangle::new([(x - s, y - s), (x + s, y + s)], outline))
                .map_err(fail)
        }
        Kind::Mechanical => {
            let t = r + 1;
            let points = vec![(x, y - t), (x + t, y + t * 3 / 4), (x - t, y + t * 3 / 4)];
            area.draw(&Polygon::new(points.clone(), filled))
                .map_err(fail)?;
            let mut closed = points;
            closed.push((x, y - t));
            area.draw(&PathElement::new(closed, outline)).map_err(fail)
        }
    }
}

//! Colours and marker shapes of the plots: impressions on a blue-orange scale that stays
//! apart for colour-blind readers, with lightness that also differs in greyscale.

use crate::analysis::Impression;
use crate::analysis::PromiseStatus;
use plotters::style::RGBColor;

/// Text and lines.
pub const INK: RGBColor = RGBColor(0x1d, 0x2b, 0x36);
/// Secondary text and grid lines.
pub const MUTED: RGBColor = RGBColor(0x5b, 0x6b, 0x78);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(0xd8, 0xde, 0xe4);
/// The zone of indifference.
pub const ZONE: RGBColor = RGBColor(0xe9, 0xec, 0xef);
/// Stage bands, alternating with white.
pub const BAND: RGBColor = RGBColor(0xf6, 0xf8, 0xfa);
/// The desired journey: a green no impression or threshold uses.
pub const DESIRED: RGBColor = RGBColor(0x0b, 0x6e, 0x4f);
/// A measured value beside the curve.
pub const MEASURED: RGBColor = RGBColor(0x6b, 0x3f, 0xa0);
/// The desired journey's line width, wider than the thresholds'.
pub const DESIRED_WIDTH: u32 = 3;
/// The desired journey's dashes: long, against the thresholds' dots.
pub const DESIRED_DASH: &str = "10 6";
/// The thresholds' dots.
pub const THRESHOLD_DASH: &str = "2 3";
/// White.
pub const WHITE: RGBColor = RGBColor(0xff, 0xff, 0xff);

/// The fill colour of an impression: blue for good, orange to red for bad (apart for
/// colour-blind readers), and five distinct grey levels in print (luma about 48, 86, 146,
/// 179 and 216, with magic and miserable also at opposite ends of the scale).
pub fn impression(impression: Impression) -> RGBColor {
    match impression {
        Impression::Magic => RGBColor(0x2a, 0x5c, 0xaa),
        Impression::Positive => RGBColor(0x8c, 0xbc, 0xec),
        Impression::Neutral => RGBColor(0xd5, 0xd9, 0xdc),
        Impression::Negative => RGBColor(0xd9, 0x82, 0x2b),
        Impression::Miserable => RGBColor(0x7a, 0x12, 0x08),
    }
}

/// The fill colour of a promise status in the heat map, and of "made here".
pub fn status(status: Option<PromiseStatus>) -> RGBColor {
    match status {
        Some(PromiseStatus::Broken) => RGBColor(0x7a, 0x12, 0x08),
        Some(PromiseStatus::AtRisk) => RGBColor(0xd9, 0x82, 0x2b),
        Some(PromiseStatus::Kept) => RGBColor(0x1f, 0x4e, 0x9a),
        Some(PromiseStatus::Undelivered) | None => RGBColor(0xe9, 0xec, 0xef),
    }
}

/// The SVG elements of a layer with its elements of one name (`polyline`, `circle`) dashed.
pub fn dashed(layer: &str, element: &str, dash: &str) -> String {
    layer.replace(
        &format!("<{element} "),
        &format!("<{element} stroke-dasharray=\"{dash}\" "),
    )
}

/// Text colour readable on a fill.
pub fn text_on(fill: RGBColor) -> RGBColor {
    let RGBColor(r, g, b) = fill;
    let luminance = 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b);
    if luminance < 140.0 { WHITE } else { INK }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Enumerated;

    fn luma(c: RGBColor) -> f64 {
        0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2)
    }

    #[test]
    fn impressions_differ_in_greyscale() {
        let mut levels: Vec<f64> = Impression::ALL
            .iter()
            .map(|i| luma(impression(*i)))
            .collect();
        levels.sort_by(f64::total_cmp);
        for pair in levels.windows(2) {
            assert!(pair[1] - pair[0] >= 25.0, "{levels:?}");
        }
    }
}

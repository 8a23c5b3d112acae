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
/// The desired journey.
pub const DESIRED: RGBColor = RGBColor(0x0b, 0x6e, 0x4f);
/// White.
pub const WHITE: RGBColor = RGBColor(0xff, 0xff, 0xff);

/// The fill colour of an impression.
pub fn impression(impression: Impression) -> RGBColor {
    match impression {
        Impression::Magic => RGBColor(0x1f, 0x4e, 0x9a),
        Impression::Positive => RGBColor(0x7f, 0xb2, 0xe5),
        Impression::Neutral => RGBColor(0xc4, 0xc9, 0xcd),
        Impression::Negative => RGBColor(0xf4, 0xa5, 0x4a),
        Impression::Miserable => RGBColor(0xa3, 0x1f, 0x11),
    }
}

/// The fill colour of a promise status in the heat map, and of "made here".
pub fn status(status: Option<PromiseStatus>) -> RGBColor {
    match status {
        Some(PromiseStatus::Broken) => RGBColor(0xa3, 0x1f, 0x11),
        Some(PromiseStatus::AtRisk) => RGBColor(0xf4, 0xa5, 0x4a),
        Some(PromiseStatus::Kept) => RGBColor(0x1f, 0x4e, 0x9a),
        Some(PromiseStatus::Undelivered) | None => RGBColor(0xe9, 0xec, 0xef),
    }
}

/// Text colour readable on a fill.
pub fn text_on(fill: RGBColor) -> RGBColor {
    let RGBColor(r, g, b) = fill;
    let luminance = 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b);
    if luminance < 140.0 { WHITE } else { INK }
}

//! An emotion on the site's scale: a whole number or a decimal with at most two places
//! (`-1.5`, an interview average), held exactly in hundredths so that nothing is rounded
//! until it is shown.

use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// An emotion or target, exact to the hundredth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Emotion(i32);

impl Emotion {
    /// A whole emotion, e.g. `-3`.
    pub const fn whole(value: i32) -> Self {
        Emotion(value.saturating_mul(100))
    }

    /// An emotion of `hundredths` hundredths: `-150` is `-1.5`.
    pub const fn from_hundredths(hundredths: i32) -> Self {
        Emotion(hundredths)
    }

    /// A number written in a file as an emotion; `None` when it has more than two decimals
    /// or lies far beyond any scale.
    pub fn from_number(value: f64) -> Option<Self> {
        let scaled = value * 100.0;
        let rounded = scaled.round();
        let exact = (scaled - rounded).abs() <= 1e-6 * rounded.abs().max(1.0);
        (exact && rounded.abs() < f64::from(i32::MAX)).then_some(Emotion(rounded as i32))
    }

    /// The emotion in hundredths.
    pub const fn hundredths(self) -> i32 {
        self.0
    }

    /// The emotion as a number, for sums, means and plots.
    pub fn value(self) -> f64 {
        f64::from(self.0) / 100.0
    }

    /// True when the emotion has no decimals.
    pub const fn is_whole(self) -> bool {
        self.0 % 100 == 0
    }
}

impl From<i32> for Emotion {
    fn from(value: i32) -> Self {
        Emotion::whole(value)
    }
}

impl From<Emotion> for f64 {
    fn from(emotion: Emotion) -> Self {
        emotion.value()
    }
}

/// Emotions compare exactly with the whole numbers of the scale (thresholds, zone).
impl PartialEq<i32> for Emotion {
    fn eq(&self, other: &i32) -> bool {
        *self == Emotion::whole(*other)
    }
}

impl PartialOrd<i32> for Emotion {
    fn partial_cmp(&self, other: &i32) -> Option<Ordering> {
        Some(self.cmp(&Emotion::whole(*other)))
    }
}

/// As written in a file, in English: `2`, `-1.5`, `-1.25`. Pages show it per language with
/// [`Labels::emotion`](crate::labels::Labels::emotion).
impl fmt::Display for Emotion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let whole = self.0.unsigned_abs() / 100;
        let part = self.0.unsigned_abs() % 100;
        match part {
            0 => write!(f, "{sign}{whole}"),
            p if p % 10 == 0 => write!(f, "{sign}{whole}.{}", p / 10),
            p => write!(f, "{sign}{whole}.{p:02}"),
        }
    }
}

/// A whole number in `model.json` when it is one (as before decimals), else a decimal.
impl Serialize for Emotion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_whole() {
            serializer.serialize_i32(self.0 / 100)
        } else {
            serializer.serialize_f64(self.value())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_decimals_are_exact_and_three_are_refused() {
        assert_eq!(
            Emotion::from_number(-1.5),
            Some(Emotion::from_hundredths(-150))
        );
        assert_eq!(
            Emotion::from_number(0.07),
            Some(Emotion::from_hundredths(7))
        );
        assert_eq!(Emotion::from_number(2.0), Some(Emotion::whole(2)));
        assert_eq!(Emotion::from_number(-1.555), None);
        assert_eq!(Emotion::from_number(0.001), None);
    }

    #[test]
    fn shown_as_written() {
        let shown: Vec<String> = [-150, 300, -125, 5, 0]
            .map(|h| Emotion::from_hundredths(h).to_string())
            .into();
        assert_eq!(shown, ["-1.5", "3", "-1.25", "0.05", "0"]);
    }

    #[test]
    fn compared_with_the_scale_exactly() {
        let e = Emotion::from_hundredths(-150);
        assert!(e < -1 && e > -2 && e != -1);
        assert!(Emotion::whole(3) >= 3);
    }
}

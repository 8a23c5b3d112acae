//! The impression a touchpoint leaves, from its emotion and the site's scale.

use crate::model::{Emotion, Labelled, Scale, enumerated};
use serde::Serialize;

enumerated! {
    /// What the customer remembers of a touchpoint; [`ALL`](crate::model::Enumerated::ALL) lists them best first.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
    pub enum Impression {
        /// Memorable and very positive: emotion at or above `scale.magic`.
        Magic = "magic",
        /// Above the zone of indifference, not magic.
        Positive = "positive",
        /// Inside the zone of indifference: the customer barely notices.
        Neutral = "neutral",
        /// Below the zone of indifference, not miserable.
        Negative = "negative",
        /// Memorable and very negative: emotion at or below `scale.miserable`.
        Miserable = "miserable",
    }
}

impl Labelled for Impression {
    const GROUP: &'static str = "impression";
}

impl Impression {
    /// The impression of an emotion on a scale: the exact value against the thresholds.
    pub fn of(emotion: impl Into<Emotion>, scale: &Scale) -> Impression {
        let emotion = emotion.into();
        let [low, high] = scale.indifference;
        if emotion >= scale.magic {
            Impression::Magic
        } else if emotion <= scale.miserable {
            Impression::Miserable
        } else if emotion >= low && emotion <= high {
            Impression::Neutral
        } else if emotion > high {
            Impression::Positive
        } else {
            Impression::Negative
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scale_boundaries() {
        let scale = Scale::default();
        let got: Vec<Impression> = (-3..=3).map(|e| Impression::of(e, &scale)).collect();
        use Impression::*;
        assert_eq!(
            got,
            [
                Miserable, Negative, Neutral, Neutral, Neutral, Positive, Magic
            ]
        );
    }

    #[test]
    fn custom_scale_with_wide_zone() {
        let scale = Scale {
            min: -5,
            max: 5,
            indifference: [-2, 1],
            magic: 4,
            miserable: -4,
        };
        assert_eq!(
            Impression::of(-2, &scale),
            Impression::Neutral,
            "zone is inclusive"
        );
        assert_eq!(Impression::of(-3, &scale), Impression::Negative);
        assert_eq!(
            Impression::of(-4, &scale),
            Impression::Miserable,
            "exactly on the threshold"
        );
        assert_eq!(Impression::of(2, &scale), Impression::Positive);
        assert_eq!(
            Impression::of(4, &scale),
            Impression::Magic,
            "exactly on the threshold"
        );
        assert_eq!(Impression::of(5, &scale), Impression::Magic);
    }

    #[test]
    fn decimals_compare_exactly_with_the_thresholds() {
        let scale = Scale::default();
        let at = |h| Impression::of(Emotion::from_hundredths(h), &scale);
        assert_eq!(
            at(-150),
            Impression::Negative,
            "-1.5 lies below the zone -1..1"
        );
        assert_eq!(at(-100), Impression::Neutral);
        assert_eq!(at(-101), Impression::Negative);
        assert_eq!(at(-299), Impression::Negative, "not yet miserable at -3");
        assert_eq!(at(299), Impression::Positive);
    }
}

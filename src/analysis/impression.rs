//! The impression a touchpoint leaves, from its emotion and the site's scale.

use crate::model::{Labelled, Scale, enumerated};
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
    /// The impression of an emotion score on a scale.
    pub fn of(emotion: i32, scale: &Scale) -> Impression {
        let [low, high] = scale.indifference;
        if emotion >= scale.magic {
            Impression::Magic
        } else if emotion <= scale.miserable {
            Impression::Miserable
        } else if (low..=high).contains(&emotion) {
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
}

//! The emotion curve of a journey summarised: peak, end, and the remembered score by the
//! peak-end rule beside the plain mean.

use crate::model::Emotion;
use serde::Serialize;

/// One point of the curve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CurvePoint {
    /// Touchpoint id.
    pub touchpoint: String,
    /// Emotion at that touchpoint.
    pub emotion: Emotion,
}

/// Peak, end, remembered score and mean of a curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurveSummary {
    /// The touchpoint with the largest |emotion| (ties: the later one).
    pub peak: CurvePoint,
    /// The last touchpoint.
    pub end: CurvePoint,
    /// (peak emotion + end emotion) / 2: how the journey is remembered.
    pub remembered: f64,
    /// The plain mean of all emotions.
    pub mean: f64,
}

/// Summarises a curve given as (touchpoint id, emotion) in journey order; `None` if empty.
/// Nothing is rounded: the remembered score and mean are exact to the hundredth's half.
pub fn summarise<'a, E: Into<Emotion>>(
    points: impl IntoIterator<Item = (&'a str, E)>,
) -> Option<CurveSummary> {
    let points: Vec<(&str, Emotion)> = points.into_iter().map(|(t, e)| (t, e.into())).collect();
    let (end_id, end_emotion) = *points.last()?;
    let (peak_id, peak_emotion) = points.iter().copied().reduce(|best, p| {
        if p.1.hundredths().abs() >= best.1.hundredths().abs() {
            p
        } else {
            best
        }
    })?;
    let sum: i64 = points.iter().map(|(_, e)| i64::from(e.hundredths())).sum();
    Some(CurveSummary {
        peak: CurvePoint {
            touchpoint: peak_id.to_string(),
            emotion: peak_emotion,
        },
        end: CurvePoint {
            touchpoint: end_id.to_string(),
            emotion: end_emotion,
        },
        remembered: (peak_emotion.value() + end_emotion.value()) / 2.0,
        mean: sum as f64 / 100.0 / points.len() as f64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_end_and_mean() {
        let s = summarise([("a", 1), ("b", -3), ("c", 2), ("d", 1)]).unwrap();
        assert_eq!(s.peak.touchpoint, "b");
        assert_eq!(s.end.touchpoint, "d");
        assert_eq!(s.remembered, -1.0);
        assert_eq!(s.mean, 0.25);
    }

    #[test]
    fn a_tie_for_the_peak_goes_to_the_later_touchpoint() {
        let s = summarise([("a", -2), ("b", 2), ("c", 0)]).unwrap();
        assert_eq!(s.peak.touchpoint, "b");
        let s = summarise([("a", 2), ("b", -2), ("c", 0)]).unwrap();
        assert_eq!(s.peak.touchpoint, "b");
    }

    #[test]
    fn one_touchpoint_is_both_peak_and_end() {
        let s = summarise([("only", -1)]).unwrap();
        assert_eq!(s.peak.touchpoint, "only");
        assert_eq!(s.end.touchpoint, "only");
        assert_eq!(s.remembered, -1.0);
    }

    #[test]
    fn an_empty_curve_has_no_summary() {
        assert!(summarise::<i32>([]).is_none());
    }

    #[test]
    fn decimals_are_not_rounded() {
        let e = Emotion::from_hundredths;
        let s = summarise([("a", e(-150)), ("b", e(125)), ("c", e(-25))]).unwrap();
        assert_eq!(s.peak.touchpoint, "a");
        assert_eq!(s.remembered, (-1.5 + -0.25) / 2.0);
        assert!((s.mean - (-1.5 + 1.25 - 0.25) / 3.0).abs() < 1e-12);
    }
}

//! The standard survey formulas (NPS, CSAT, CES and a plain score), each with its 95 %
//! margin of error, and the mapping of a measured value onto the site's emotion scale.

use crate::model::{Measurement, Metric, Scale};
use serde::Serialize;

/// The z value of a two-sided 95 % interval.
const Z95: f64 = 1.96;

/// A metric computed from answers, or read from a wave file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregate {
    /// The metric.
    pub metric: Metric,
    /// Valid answers.
    pub n: u32,
    /// The metric's value.
    pub value: f64,
    /// Half the width of the 95 % interval, in the value's unit; `None` when it cannot be
    /// known (one answer, or a value written without its distribution or margin).
    pub margin: Option<f64>,
    /// The figure shown beside the value: the mean for CSAT, the % of 5-7 for CES.
    pub beside: Option<f64>,
    /// Answers per whole value of the scale, lowest first; empty when the scale or an
    /// answer is not whole.
    pub distribution: Vec<u32>,
}

/// Computes a metric from answers on `scale` (lowest, highest); `None` without answers.
pub fn from_answers(metric: Metric, scale: (f64, f64), answers: &[f64]) -> Option<Aggregate> {
    let mut aggregate = compute(metric, answers.iter().map(|a| (*a, 1)))?;
    aggregate.distribution = distribution(scale, answers);
    Some(aggregate)
}

/// Computes a metric from the counts of each whole answer, the scale's lowest first.
pub fn from_distribution(metric: Metric, scale: (f64, f64), counts: &[u32]) -> Option<Aggregate> {
    let mut aggregate = compute(
        metric,
        counts
            .iter()
            .enumerate()
            .map(|(i, c)| (scale.0 + i as f64, *c)),
    )?;
    aggregate.distribution = counts.to_vec();
    Some(aggregate)
}

/// The figures of a measurement as written: its distribution when known, else its value,
/// with the margin written or (for CSAT) computed from the value.
pub fn of_measurement(m: &Measurement) -> Aggregate {
    let counted = (!m.distribution.is_empty())
        .then(|| from_distribution(m.metric, m.scale, &m.distribution))
        .flatten();
    let margin_from_value = (m.metric == Metric::Csat)
        .then(|| proportion_margin(m.value / 100.0, m.n))
        .flatten();
    Aggregate {
        metric: m.metric,
        n: m.n,
        value: m.value,
        margin: m
            .margin
            .or_else(|| counted.as_ref().and_then(|c| c.margin))
            .or(margin_from_value),
        beside: counted.as_ref().and_then(|c| c.beside),
        distribution: m.distribution.clone(),
    }
}

/// The metric over (answer, count) pairs.
fn compute(metric: Metric, pairs: impl Iterator<Item = (f64, u32)> + Clone) -> Option<Aggregate> {
    let n: u32 = pairs.clone().map(|(_, c)| c).sum();
    if n == 0 {
        return None;
    }
    let total = f64::from(n);
    let share = |keep: &dyn Fn(f64) -> bool| {
        let count: u32 = pairs
            .clone()
            .filter(|(a, _)| keep(*a))
            .map(|(_, c)| c)
            .sum();
        f64::from(count) / total
    };
    let mean = pairs.clone().map(|(a, c)| a * f64::from(c)).sum::<f64>() / total;
    let mean_margin = || {
        (n >= 2).then(|| {
            let squares: f64 = pairs
                .clone()
                .map(|(a, c)| (a - mean) * (a - mean) * f64::from(c))
                .sum();
            Z95 * (squares / (total - 1.0)).sqrt() / total.sqrt()
        })
    };
    let (value, margin, beside) = match metric {
        Metric::Nps => {
            let promoters = share(&|a| a >= 9.0);
            let detractors = share(&|a| a <= 6.0);
            let variance = promoters + detractors - (promoters - detractors).powi(2);
            let margin = (n >= 2).then(|| 100.0 * Z95 * (variance.max(0.0) / total).sqrt());
            (100.0 * (promoters - detractors), margin, None)
        }
        Metric::Csat => {
            let satisfied = share(&|a| a >= 4.0);
            let margin = proportion_margin(satisfied, n);
            (100.0 * satisfied, margin, Some(mean))
        }
        Metric::Ces => (mean, mean_margin(), Some(100.0 * share(&|a| a >= 5.0))),
        Metric::Score => (mean, mean_margin(), None),
    };
    Some(Aggregate {
        metric,
        n,
        value,
        margin,
        beside,
        distribution: Vec::new(),
    })
}

/// The 95 % margin of a share `p` of `n` answers, in percentage points; none below 2.
fn proportion_margin(p: f64, n: u32) -> Option<f64> {
    let total = f64::from(n);
    (n >= 2).then(|| 100.0 * Z95 * (p.clamp(0.0, 1.0) * (1.0 - p.clamp(0.0, 1.0)) / total).sqrt())
}

/// Counts per whole value of the scale; empty when the scale or an answer is not whole.
fn distribution(scale: (f64, f64), answers: &[f64]) -> Vec<u32> {
    let whole = |x: f64| x.fract() == 0.0;
    if !whole(scale.0) || !whole(scale.1) || scale.1 < scale.0 || scale.1 - scale.0 > 100.0 {
        return Vec::new();
    }
    let mut counts = vec![0_u32; (scale.1 - scale.0) as usize + 1];
    for answer in answers {
        if !whole(*answer) || *answer < scale.0 || *answer > scale.1 {
            return Vec::new();
        }
        counts[(*answer - scale.0) as usize] += 1;
    }
    counts
}

/// Where a value lies between the worst (0) and the best (1) its metric allows: NPS from
/// -100 to 100, CSAT from 0 to 100 %, CES and score from the scale's lowest to its highest.
pub fn fraction(metric: Metric, value: f64, scale: (f64, f64)) -> f64 {
    let (low, high) = metric.value_range(scale);
    if high <= low {
        return 0.5;
    }
    ((value - low) / (high - low)).clamp(0.0, 1.0)
}

/// A measured value on the site's emotion scale: the same fraction of the way from the
/// scale's lowest to its highest emotion (CSAT 75 % on -3..3 is 1.5).
pub fn as_emotion(metric: Metric, value: f64, scale: (f64, f64), emotions: &Scale) -> f64 {
    let (low, high) = (f64::from(emotions.min), f64::from(emotions.max));
    low + fraction(metric, value, scale) * (high - low)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn nps_counts_promoters_minus_detractors() {
        // 3 promoters (9, 10, 10), 2 passives (7, 8), 5 detractors (0, 3, 5, 6, 6): n = 10.
        let answers = [9.0, 10.0, 10.0, 7.0, 8.0, 0.0, 3.0, 5.0, 6.0, 6.0];
        let a = from_answers(Metric::Nps, (0.0, 10.0), &answers).unwrap();
        assert_eq!(a.n, 10);
        assert!(close(a.value, -20.0), "{}", a.value);
        // pP = 0.3, pD = 0.5: variance 0.3 + 0.5 - 0.04 = 0.76; 196 * sqrt(0.076) = 54.034...
        assert!(close(a.margin.unwrap(), 196.0 * 0.076_f64.sqrt()));
        assert_eq!(a.distribution, [1, 0, 0, 1, 0, 1, 2, 1, 1, 1, 2]);
    }

    #[test]
    fn all_promoters_is_100_with_no_spread() {
        let a = from_answers(Metric::Nps, (0.0, 10.0), &[9.0, 10.0, 10.0, 9.0]).unwrap();
        assert!(close(a.value, 100.0));
        assert!(close(a.margin.unwrap(), 0.0));
    }

    #[test]
    fn one_answer_has_a_value_but_no_margin() {
        let a = from_answers(Metric::Csat, (1.0, 5.0), &[4.0]).unwrap();
        assert_eq!(a.n, 1);
        assert!(close(a.value, 100.0));
        assert_eq!(a.margin, None);
        let b = from_answers(Metric::Ces, (1.0, 7.0), &[6.0]).unwrap();
        assert!(close(b.value, 6.0));
        assert_eq!(b.margin, None);
    }

    #[test]
    fn an_empty_column_gives_nothing() {
        assert_eq!(from_answers(Metric::Nps, (0.0, 10.0), &[]), None);
        assert_eq!(
            from_distribution(Metric::Csat, (1.0, 5.0), &[0, 0, 0, 0, 0]),
            None
        );
    }

    #[test]
    fn csat_is_the_top_two_share_with_the_mean_beside() {
        // 1, 2, 3, 4, 4, 5, 5, 5: 5 of 8 are 4 or 5 = 62.5 %; mean 29 / 8 = 3.625.
        let answers = [1.0, 2.0, 3.0, 4.0, 4.0, 5.0, 5.0, 5.0];
        let a = from_answers(Metric::Csat, (1.0, 5.0), &answers).unwrap();
        assert!(close(a.value, 62.5));
        assert!(close(a.beside.unwrap(), 3.625));
        // 196 * sqrt(0.625 * 0.375 / 8) = 33.54...
        assert!(close(
            a.margin.unwrap(),
            196.0 * (0.625 * 0.375 / 8.0_f64).sqrt()
        ));
    }

    #[test]
    fn ces_is_the_mean_with_the_share_of_five_to_seven() {
        // 2, 4, 6, 7, 6: mean 5; 3 of 5 answer 5-7 = 60 %; deviations -3, -1, 1, 2, 1: sample sd sqrt(16 / 4) = 2.
        let answers = [2.0, 4.0, 6.0, 7.0, 6.0];
        let a = from_answers(Metric::Ces, (1.0, 7.0), &answers).unwrap();
        assert!(close(a.value, 5.0));
        assert!(close(a.beside.unwrap(), 60.0));
        assert!(close(a.margin.unwrap(), 1.96 * 2.0 / 5.0_f64.sqrt()));
    }

    #[test]
    fn a_score_is_the_mean_on_its_declared_scale() {
        let a = from_answers(Metric::Score, (1.0, 10.0), &[7.0, 8.0, 9.0]).unwrap();
        assert!(close(a.value, 8.0));
        // sd 1, so 1.96 / sqrt(3).
        assert!(close(a.margin.unwrap(), 1.96 / 3.0_f64.sqrt()));
        assert_eq!(a.distribution, [0, 0, 0, 0, 0, 0, 1, 1, 1, 0]);
        let half = from_answers(Metric::Score, (1.0, 10.0), &[7.5]).unwrap();
        assert!(
            half.distribution.is_empty(),
            "a half answer has no whole count"
        );
    }

    #[test]
    fn a_distribution_gives_the_same_figures_as_its_answers() {
        let answers = [1.0, 2.0, 3.0, 4.0, 4.0, 5.0, 5.0, 5.0];
        let from = from_answers(Metric::Csat, (1.0, 5.0), &answers).unwrap();
        let counted = from_distribution(Metric::Csat, (1.0, 5.0), &from.distribution).unwrap();
        assert_eq!(from, counted);
    }

    #[test]
    fn a_written_csat_gets_its_margin_from_its_value() {
        let m = Measurement {
            journey: "j".into(),
            touchpoint: "t".into(),
            metric: Metric::Csat,
            n: 100,
            value: 50.0,
            scale: (1.0, 5.0),
            distribution: Vec::new(),
            margin: None,
            location: crate::diagnostics::Location::file("x".into()),
        };
        assert!(close(of_measurement(&m).margin.unwrap(), 9.8));
        let nps = Measurement {
            metric: Metric::Nps,
            scale: (0.0, 10.0),
            ..m.clone()
        };
        assert_eq!(
            of_measurement(&nps).margin,
            None,
            "NPS needs its distribution"
        );
        let written = Measurement {
            margin: Some(4.0),
            ..nps
        };
        assert_eq!(of_measurement(&written).margin, Some(4.0));
    }

    #[test]
    fn values_map_onto_the_emotion_scale() {
        let scale = Scale::default();
        assert!(close(
            as_emotion(Metric::Csat, 75.0, (1.0, 5.0), &scale),
            1.5
        ));
        assert!(close(
            as_emotion(Metric::Nps, -100.0, (0.0, 10.0), &scale),
            -3.0
        ));
        assert!(close(
            as_emotion(Metric::Nps, 0.0, (0.0, 10.0), &scale),
            0.0
        ));
        assert!(close(as_emotion(Metric::Ces, 7.0, (1.0, 7.0), &scale), 3.0));
        assert!(close(
            as_emotion(Metric::Score, 5.5, (1.0, 10.0), &scale),
            0.0
        ));
    }
}

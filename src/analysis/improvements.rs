//! Improvement options scored with the site's weighted criteria and ranked.

use crate::model::{Criterion, Improvement};
use serde::Serialize;

/// An improvement option with its score and rank.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedImprovement {
    /// Index of the option in the journey's `improvements`.
    pub index: usize,
    /// Its title.
    pub title: String,
    /// Weighted mean of its criteria scores (1..5).
    pub score: f64,
    /// 1 for the best; equal scores share a rank.
    pub rank: usize,
}

/// The weighted mean of an option's scores over the criteria.
pub fn score(improvement: &Improvement, criteria: &[Criterion]) -> f64 {
    let (sum, weights) = criteria.iter().fold((0.0, 0.0), |(sum, weights), c| {
        match improvement.scores.get(&c.id) {
            Some(s) => (sum + c.weight * f64::from(*s), weights + c.weight),
            None => (sum, weights),
        }
    });
    if weights > 0.0 { sum / weights } else { 0.0 }
}

/// Scores and ranks options, best first; equal scores keep file order and share a rank.
pub fn rank(improvements: &[Improvement], criteria: &[Criterion]) -> Vec<RankedImprovement> {
    let mut ranked: Vec<RankedImprovement> = improvements
        .iter()
        .enumerate()
        .map(|(index, i)| RankedImprovement {
            index,
            title: i.title.clone(),
            score: score(i, criteria),
            rank: 0,
        })
        .collect();
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
    for i in 0..ranked.len() {
        ranked[i].rank = if i > 0 && ranked[i].score == ranked[i - 1].score {
            ranked[i - 1].rank
        } else {
            i + 1
        };
    }
    ranked
}

//! Counts of touchpoints per kind, per moment class and per impression.

use super::Impression;
use crate::model::{Enumerated, Kind, Moment, Touchpoint};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many touchpoints there are of each kind, moment class and impression (zeros included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Total number of touchpoints.
    pub touchpoints: usize,
    /// Per kind.
    pub by_kind: BTreeMap<Kind, usize>,
    /// Per moment class.
    pub by_moment: BTreeMap<Moment, usize>,
    /// Per impression.
    pub by_impression: BTreeMap<Impression, usize>,
}

impl Default for Counts {
    fn default() -> Self {
        Counts {
            touchpoints: 0,
            by_kind: Kind::ALL.iter().map(|k| (*k, 0)).collect(),
            by_moment: Moment::ALL.iter().map(|m| (*m, 0)).collect(),
            by_impression: Impression::ALL.iter().map(|i| (*i, 0)).collect(),
        }
    }
}

impl Counts {
    /// Counts one touchpoint with its impression.
    pub fn add(&mut self, touchpoint: &Touchpoint, impression: Impression) {
        self.touchpoints += 1;
        *self.by_kind.entry(touchpoint.kind).or_default() += 1;
        *self.by_moment.entry(touchpoint.moment).or_default() += 1;
        *self.by_impression.entry(impression).or_default() += 1;
    }

    /// Adds another set of counts to this one.
    pub fn merge(&mut self, other: &Counts) {
        self.touchpoints += other.touchpoints;
        for (k, n) in &other.by_kind {
            *self.by_kind.entry(*k).or_default() += n;
        }
        for (m, n) in &other.by_moment {
            *self.by_moment.entry(*m).or_default() += n;
        }
        for (i, n) in &other.by_impression {
            *self.by_impression.entry(*i).or_default() += n;
        }
    }

    /// The number of touchpoints with an impression.
    pub fn impression(&self, impression: Impression) -> usize {
        self.by_impression.get(&impression).copied().unwrap_or(0)
    }
}

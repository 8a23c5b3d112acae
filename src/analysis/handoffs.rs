//! Handoffs: consecutive touchpoints whose owners are both set and differ.

use crate::model::Journey;
use serde::Serialize;

/// The customer passing from one department to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Handoff {
    /// Touchpoint handing over.
    pub from: String,
    /// Touchpoint taking over.
    pub to: String,
    /// Owner of `from`.
    pub from_owner: String,
    /// Owner of `to`.
    pub to_owner: String,
    /// Stage of `to`.
    pub stage: String,
    /// True when both touchpoints are in the same stage.
    pub within_stage: bool,
}

/// Handoffs inside one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageHandoffs {
    /// Stage id.
    pub stage: String,
    /// Number of handoffs between touchpoints of this stage.
    pub count: usize,
}

/// Every handoff of a journey, in order.
pub fn handoffs(journey: &Journey) -> Vec<Handoff> {
    let sequence: Vec<_> = journey.touchpoints().collect();
    sequence
        .windows(2)
        .filter_map(|pair| {
            let [(from_stage, from), (to_stage, to)] = pair else {
                return None;
            };
            let (Some(from_owner), Some(to_owner)) = (&from.owner, &to.owner) else {
                return None;
            };
            (from_owner != to_owner).then(|| Handoff {
                from: from.id.clone(),
                to: to.id.clone(),
                from_owner: from_owner.clone(),
                to_owner: to_owner.clone(),
                stage: to_stage.id.clone(),
                within_stage: from_stage.id == to_stage.id,
            })
        })
        .collect()
}

/// The runs of handoffs in a row, in journey order: each handoff of a run starts at the
/// touchpoint where the one before it ends, whichever stages they are in.
pub fn chains(handoffs: &[Handoff]) -> Vec<&[Handoff]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for end in 1..=handoffs.len() {
        if end == handoffs.len() || handoffs[end].from != handoffs[end - 1].to {
            runs.push(&handoffs[start..end]);
            start = end;
        }
    }
    runs
}

/// The number of handoffs inside each stage, in stage order.
pub fn per_stage(journey: &Journey, handoffs: &[Handoff]) -> Vec<StageHandoffs> {
    journey
        .stages
        .iter()
        .map(|stage| StageHandoffs {
            stage: stage.id.clone(),
            count: handoffs
                .iter()
                .filter(|h| h.within_stage && h.stage == stage.id)
                .count(),
        })
        .collect()
}

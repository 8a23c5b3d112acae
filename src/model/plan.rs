//! Action plans: who carries out an improvement option, by when, and which measured value
//! shows whether it worked.

use super::enumerated::enumerated;
use super::{Labelled, Metric};
use crate::diagnostics::Location;
use serde::Serialize;

enumerated! {
    /// Where a plan stands.
    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
    )]
    pub enum PlanStatus {
        /// Suggested, not decided.
        Idea = "idea",
        /// Decided and scheduled.
        Planned = "planned",
        /// Being carried out.
        Doing = "doing",
        /// Carried out.
        Done = "done",
        /// Decided against.
        Dropped = "dropped",
    }
}

impl Labelled for PlanStatus {
    const GROUP: &'static str = "plan_status";
}

/// The measured value that shows whether a plan worked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanMeasure {
    /// The touchpoint id, in the plan's journey.
    pub touchpoint: String,
    /// The metric measured there.
    pub metric: Metric,
    /// The value to reach (or pass).
    pub target: f64,
}

/// The plan of an improvement option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// Who carries it out (an owner as journeys write it).
    pub owner: Option<String>,
    /// What shows it worked.
    pub measure: Option<PlanMeasure>,
    /// ISO date it is due.
    pub due: Option<String>,
    /// Where it stands.
    pub status: PlanStatus,
    /// Where the plan is written.
    pub location: Location,
}

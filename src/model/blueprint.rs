//! The service blueprint behind a touchpoint (Bitner, Ostrom and Morgan): what the customer
//! sees, what staff do in sight and out of sight, and the support processes behind them.

use super::enumerated::enumerated;
use super::{Enumerated, Labelled};
use crate::diagnostics::Location;
use serde::Serialize;

enumerated! {
    /// The lanes under a touchpoint, top to bottom; the touchpoint itself is the customer
    /// action, drawn between evidence and front stage.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
    pub enum Lane {
        /// Physical evidence: what the customer sees or holds.
        Evidence = "evidence",
        /// Visible actions of contact staff (or technology).
        Frontstage = "frontstage",
        /// Invisible actions of contact staff.
        Backstage = "backstage",
        /// Internal services and systems behind the contact staff.
        Support = "support",
    }
}

impl Labelled for Lane {
    const GROUP: &'static str = "lane";
}

impl Lane {
    /// True for the lanes out of the customer's sight, whose owners hand work on unseen.
    pub fn is_behind(self) -> bool {
        matches!(self, Lane::Backstage | Lane::Support)
    }
}

/// One item of a lane: a string, or `{text, owner, system, fail, wait}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LaneItem {
    /// What happens or what is there.
    pub text: String,
    /// Department responsible, if other than said.
    pub owner: Option<String>,
    /// The system involved (`CRM`).
    pub system: Option<String>,
    /// A fail point: a step likely to go wrong.
    pub fail: bool,
    /// How long the customer waits for it, as written (`3 min`).
    pub wait: Option<String>,
    /// Where the item is written.
    pub location: Location,
}

/// The lanes of one touchpoint; every lane may be empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Lanes {
    /// Physical evidence.
    pub evidence: Vec<LaneItem>,
    /// Front stage.
    pub frontstage: Vec<LaneItem>,
    /// Back stage.
    pub backstage: Vec<LaneItem>,
    /// Support processes.
    pub support: Vec<LaneItem>,
}

impl Lanes {
    /// The items of one lane.
    pub fn of(&self, lane: Lane) -> &[LaneItem] {
        match lane {
            Lane::Evidence => &self.evidence,
            Lane::Frontstage => &self.frontstage,
            Lane::Backstage => &self.backstage,
            Lane::Support => &self.support,
        }
    }

    /// The items of one lane, to fill.
    pub fn of_mut(&mut self, lane: Lane) -> &mut Vec<LaneItem> {
        match lane {
            Lane::Evidence => &mut self.evidence,
            Lane::Frontstage => &mut self.frontstage,
            Lane::Backstage => &mut self.backstage,
            Lane::Support => &mut self.support,
        }
    }

    /// True when no lane has an item.
    pub fn is_empty(&self) -> bool {
        Lane::ALL.iter().all(|l| self.of(*l).is_empty())
    }

    /// Every item with its lane, top to bottom.
    pub fn items(&self) -> impl Iterator<Item = (Lane, &LaneItem)> {
        Lane::ALL
            .iter()
            .flat_map(move |l| self.of(*l).iter().map(move |i| (*l, i)))
    }

    /// True when something stands behind the touchpoint: a back-stage or support item.
    pub fn has_work_behind(&self) -> bool {
        !self.backstage.is_empty() || !self.support.is_empty()
    }
}

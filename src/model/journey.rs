//! A customer journey: stages of touchpoints in order, and the options to improve it.

use super::enumerated::enumerated;
use super::{Delivery, Emotion, Labelled, Lanes};
use crate::diagnostics::{Code, Location};
use serde::Serialize;
use std::collections::BTreeMap;

enumerated! {
    /// The three kinds of touchpoint.
    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
    )]
    pub enum Kind {
        /// Staff, and friends who talk about you.
        Human = "human",
        /// The product, the invoice, the manual, the website.
        Functional = "functional",
        /// The surroundings: fog closes the airport, road works.
        Mechanical = "mechanical",
    }
}

impl Labelled for Kind {
    const GROUP: &'static str = "kind";
}

enumerated! {
    /// How much a moment counts.
    #[derive(
        Debug,
        Clone,
        Copy,
        PartialEq,
        Eq,
        PartialOrd,
        Ord,
        Hash,
        Default,
        Serialize,
        schemars::JsonSchema,
    )]
    pub enum Moment {
        /// An ordinary moment.
        #[default]
        Standard = "standard",
        /// A moment of truth: must at least meet expectations.
        Truth = "truth",
        /// One of the chosen few where the organisation exceeds expectations.
        Excel = "excel",
    }
}

impl Labelled for Moment {
    const GROUP: &'static str = "moment";
}

enumerated! {
    /// How we know what the customer experiences here.
    #[derive(
        Debug,
        Clone,
        Copy,
        PartialEq,
        Eq,
        PartialOrd,
        Ord,
        Hash,
        Default,
        Serialize,
        schemars::JsonSchema,
    )]
    pub enum Basis {
        /// Seen in research or on site.
        Observed = "observed",
        /// Told by customers or staff.
        Reported = "reported",
        /// A hypothesis of the team.
        #[default]
        Assumed = "assumed",
    }
}

impl Labelled for Basis {
    const GROUP: &'static str = "basis";
}

/// One moment where the customer meets the organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Touchpoint {
    /// Id, unique in the journey.
    pub id: String,
    /// What happens, in the customer's words.
    pub name: String,
    /// Human, functional or mechanical.
    pub kind: Kind,
    /// Channel (store, phone, website, ...).
    pub channel: Option<String>,
    /// Department responsible.
    pub owner: Option<String>,
    /// The experience today, on the site's scale.
    pub emotion: Emotion,
    /// The desired experience.
    pub target: Option<Emotion>,
    /// Standard, moment of truth or excel.
    pub moment: Moment,
    /// Weight for customer and business, 1..5.
    pub impact: Option<u8>,
    /// How often customers pass here, 1..5.
    pub frequency: Option<u8>,
    /// False for indirect contact (word of mouth, reviews).
    pub direct: bool,
    /// False when outside the buying or service process.
    pub in_process: bool,
    /// How we know.
    pub basis: Basis,
    /// Information asked of the customer here.
    pub asks: Vec<String>,
    /// Ids of the promises made here.
    pub promises: Vec<String>,
    /// Promises this touchpoint delivers on.
    pub delivers: Vec<Delivery>,
    /// Markdown notes.
    pub notes: Option<String>,
    /// The service blueprint behind it: evidence, front stage, back stage, support.
    pub lanes: Lanes,
    /// Where the touchpoint is written.
    pub location: Location,
}

/// A stage of the journey: a group of consecutive touchpoints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    /// Id, unique in the journey.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Touchpoints in order; at least one.
    pub touchpoints: Vec<Touchpoint>,
    /// Where the stage is written.
    pub location: Location,
}

/// An option for the desired journey, scored on the site's criteria.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Improvement {
    /// What the option is.
    pub title: String,
    /// Ids of the touchpoints it changes.
    pub touchpoints: Vec<String>,
    /// Score 1..5 per criterion id.
    pub scores: BTreeMap<String, u8>,
    /// Ids of the desired journey's touchpoints the option creates or changes.
    pub creates: Vec<String>,
    /// Who carries it out and how its effect is measured, if decided.
    pub plan: Option<super::Plan>,
    /// Where the option is written.
    pub location: Location,
}

/// A finding the journey's authors know of and accept, with their reason: it stays on the
/// page, marked as accepted, and `check --strict` lets it pass.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Acceptance {
    /// The finding's code, e.g. `low-ending`.
    pub finding: Code,
    /// The touchpoint it is about; `None` accepts every finding of that code in the journey.
    pub touchpoint: Option<String>,
    /// Why it is accepted.
    pub reason: String,
    /// Where the acceptance is written.
    pub location: Location,
}

/// One customer journey, from `content/journeys/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Journey {
    /// Id: the file stem.
    pub id: String,
    /// Title.
    pub title: String,
    /// Who the customer is.
    pub persona: Option<String>,
    /// Markdown summary.
    pub summary: Option<String>,
    /// Who owns the journey.
    pub owner: Option<String>,
    /// Brand values the journey should express.
    pub brand_values: Vec<String>,
    /// Stages in order; at least one.
    pub stages: Vec<Stage>,
    /// Options for the desired journey.
    pub improvements: Vec<Improvement>,
    /// Findings accepted on purpose.
    pub accept: Vec<Acceptance>,
    /// For a desired journey: the id of the current journey it is the design of.
    pub desired_for: Option<String>,
    /// The journey file.
    pub location: Location,
}

impl Journey {
    /// True when one of its improvement options has a plan.
    pub fn has_plans(&self) -> bool {
        self.improvements.iter().any(|i| i.plan.is_some())
    }

    /// Every touchpoint in journey order, with the stage it belongs to.
    pub fn touchpoints(&self) -> impl Iterator<Item = (&Stage, &Touchpoint)> {
        self.stages
            .iter()
            .flat_map(|s| s.touchpoints.iter().map(move |t| (s, t)))
    }

    /// The touchpoint with an id, if any.
    pub fn touchpoint(&self, id: &str) -> Option<&Touchpoint> {
        self.touchpoints().map(|(_, t)| t).find(|t| t.id == id)
    }
}

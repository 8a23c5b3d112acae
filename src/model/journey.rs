//! A customer journey: stages of touchpoints in order, and the options to improve it.

use super::Delivery;
use crate::diagnostics::Location;
use serde::Serialize;
use std::collections::BTreeMap;

/// The three kinds of touchpoint.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Staff, and friends who talk about you.
    Human,
    /// The product, the invoice, the manual, the website.
    Functional,
    /// The surroundings: fog closes the airport, road works.
    Mechanical,
}

impl Kind {
    /// The name used in YAML, e.g. `human`.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, v)| *v == self)
            .map_or("", |(n, _)| n)
    }

    /// Every kind with its name in YAML.
    pub const ALL: [(&'static str, Kind); 3] = [
        ("human", Kind::Human),
        ("functional", Kind::Functional),
        ("mechanical", Kind::Mechanical),
    ];
}

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
#[serde(rename_all = "lowercase")]
pub enum Moment {
    /// An ordinary moment.
    #[default]
    Standard,
    /// A moment of truth: must at least meet expectations.
    Truth,
    /// One of the chosen few where the organisation exceeds expectations.
    Excel,
}

impl Moment {
    /// The name used in YAML, e.g. `truth`.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, v)| *v == self)
            .map_or("", |(n, _)| n)
    }

    /// Every moment class with its name in YAML.
    pub const ALL: [(&'static str, Moment); 3] = [
        ("standard", Moment::Standard),
        ("truth", Moment::Truth),
        ("excel", Moment::Excel),
    ];
}

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
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// Seen in research or on site.
    Observed,
    /// Told by customers or staff.
    Reported,
    /// A hypothesis of the team.
    #[default]
    Assumed,
}

impl Basis {
    /// The name used in YAML, e.g. `observed`.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, v)| *v == self)
            .map_or("", |(n, _)| n)
    }

    /// Every basis with its name in YAML.
    pub const ALL: [(&'static str, Basis); 3] = [
        ("observed", Basis::Observed),
        ("reported", Basis::Reported),
        ("assumed", Basis::Assumed),
    ];
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
    pub emotion: i32,
    /// The desired experience.
    pub target: Option<i32>,
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
    /// Where the option is written.
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
    /// The journey file.
    pub location: Location,
}

impl Journey {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DeliveryResult;

    #[test]
    fn names_match_the_yaml_names() {
        for (name, kind) in Kind::ALL {
            assert_eq!(kind.as_str(), name);
        }
        for (name, moment) in Moment::ALL {
            assert_eq!(moment.as_str(), name);
        }
        for (name, basis) in Basis::ALL {
            assert_eq!(basis.as_str(), name);
        }
        for (name, result) in DeliveryResult::ALL {
            assert_eq!(result.as_str(), name);
        }
        assert_eq!(
            serde_json::to_value(Moment::Truth).unwrap(),
            "truth",
            "serde agrees"
        );
    }
}

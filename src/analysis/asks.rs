//! Repeated asks: the same information asked of the customer at two or more touchpoints.

use crate::model::Journey;
use serde::Serialize;
use std::collections::BTreeMap;

/// One item asked more than once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepeatedAsk {
    /// What is asked, e.g. `customer-number`.
    pub item: String,
    /// The touchpoints that ask it, in journey order.
    pub touchpoints: Vec<String>,
}

/// Items asked at two or more touchpoints of a journey, sorted by item.
pub fn repeated_asks(journey: &Journey) -> Vec<RepeatedAsk> {
    let mut askers: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (_, touchpoint) in journey.touchpoints() {
        let mut seen_here: Vec<&str> = Vec::new();
        for item in &touchpoint.asks {
            if !seen_here.contains(&item.as_str()) {
                seen_here.push(item);
                askers.entry(item).or_default().push(touchpoint.id.clone());
            }
        }
    }
    askers
        .into_iter()
        .filter(|(_, touchpoints)| touchpoints.len() >= 2)
        .map(|(item, touchpoints)| RepeatedAsk {
            item: item.to_string(),
            touchpoints,
        })
        .collect()
}

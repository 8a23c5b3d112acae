//! Promises the organisation makes, and the deliveries that keep or break them.

use super::Labelled;
use super::enumerated::enumerated;
use crate::diagnostics::Location;
use serde::Serialize;
use std::collections::HashMap;

/// Where a promise is defined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "in", rename_all = "lowercase")]
pub enum PromiseOrigin {
    /// In `content/promises.yaml`.
    Register,
    /// Inline, in a touchpoint's `promises` list.
    Inline {
        /// The journey id.
        journey: String,
        /// The touchpoint id.
        touchpoint: String,
    },
}

/// Every promise of a project, in order (the register first, then inline ones in journey
/// order), found by id without a search through all of them.
#[derive(Debug, Clone, Default)]
pub struct Promises {
    list: Vec<Promise>,
    /// The place of each id in `list` (its first, should an invalid project repeat one).
    places: HashMap<String, usize>,
}

impl Promises {
    /// The promises, in this order.
    pub fn new(list: Vec<Promise>) -> Self {
        let mut places = HashMap::with_capacity(list.len());
        for (place, promise) in list.iter().enumerate() {
            places.entry(promise.id.clone()).or_insert(place);
        }
        Promises { list, places }
    }

    /// The promise with an id, if any.
    pub fn get(&self, id: &str) -> Option<&Promise> {
        self.list.get(self.place(id)?)
    }

    /// The place of the promise with an id in the order of all promises, if any.
    pub fn place(&self, id: &str) -> Option<usize> {
        self.places.get(id).copied()
    }
}

impl std::ops::Deref for Promises {
    type Target = [Promise];

    fn deref(&self) -> &[Promise] {
        &self.list
    }
}

impl<'a> IntoIterator for &'a Promises {
    type Item = &'a Promise;
    type IntoIter = std::slice::Iter<'a, Promise>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl PartialEq for Promises {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list
    }
}

impl Serialize for Promises {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.list.serialize(serializer)
    }
}

/// A promise the organisation makes to its customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Promise {
    /// Id, unique across the site.
    pub id: String,
    /// The promise in words.
    pub text: String,
    /// Where it is made (e.g. "TV campaign 2026").
    pub source: Option<String>,
    /// Where it is defined.
    pub origin: PromiseOrigin,
    /// Where it is written.
    pub location: Location,
}

enumerated! {
    /// The result of delivering on a promise.
    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
    )]
    pub enum DeliveryResult {
        /// Better than promised.
        Exceeded = "exceeded",
        /// As promised.
        Kept = "kept",
        /// Partly as promised.
        Partly = "partly",
        /// Not as promised.
        Broken = "broken",
    }
}

impl Labelled for DeliveryResult {
    const GROUP: &'static str = "result";
}

/// A touchpoint delivering on a promise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delivery {
    /// Id of the promise.
    pub promise: String,
    /// How it went.
    pub result: DeliveryResult,
    /// What shows it.
    pub evidence: Option<String>,
    /// Where the delivery is written.
    pub location: Location,
}

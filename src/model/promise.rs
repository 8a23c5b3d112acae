//! Promises the organisation makes, and the deliveries that keep or break them.

use super::Labelled;
use super::enumerated::enumerated;
use crate::diagnostics::Location;
use serde::Serialize;

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

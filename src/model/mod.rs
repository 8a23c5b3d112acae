//! The typed, validated model of a journeymap project: what the loader produces and every
//! later stage (analysis, render) reads.

mod anchor;
mod blueprint;
mod course;
pub mod department;
mod emotion;
mod enumerated;
mod id;
mod journey;
mod measurement;
mod page;
mod persona;
mod plan;
mod project;
mod promise;
mod site;

pub use anchor::{Anchors, MARKDOWN_OPTIONS, heading_anchors, heading_text, safe_name};
pub use blueprint::{Lane, LaneItem, Lanes};
pub use course::{Course, CourseItem, courses};
pub use emotion::Emotion;
pub(crate) use enumerated::enumerated;
pub use enumerated::{Enumerated, Labelled};
pub use id::{is_kebab_case, slugify};
pub use journey::{Acceptance, Basis, Improvement, Journey, Kind, Moment, Stage, Touchpoint};
pub use measurement::{Measurement, Metric, Wave, measured_rows};
pub use page::{Page, View, ViewKind, ViewTarget};
pub use persona::Persona;
pub use plan::{Plan, PlanMeasure, PlanStatus};
pub use project::{Asset, Project};
pub use promise::{Delivery, DeliveryResult, Promise, PromiseOrigin, Promises};
pub use site::{
    Brand, Criterion, FindingSettings, Language, MeasurementSettings, OutputSettings,
    ReportSettings, Scale, Site,
};

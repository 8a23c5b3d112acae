//! journeymap compiles customer journeys written as YAML, plus Markdown notes, into a static
//! website. The pipeline: [`load`] -> [`model`] -> (analysis) -> (render) -> (output);
//! [`address`] is the plan of the output's addresses that load and render share.

#![forbid(unsafe_code)]

pub mod address;
pub mod analysis;
pub mod commands;
pub mod diagnostics;
pub mod import;
pub mod labels;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;

#[cfg(test)]
mod test_support;

//! Diagnostics: errors and warnings as values, each with a stable code, a plain-words message
//! and the place in the project it is about, plus their text and JSON reports.

mod code;
mod diagnostic;
mod location;
mod message;
mod report_json;
mod report_text;
mod sources;
mod suggest;

pub use code::{Code, FINDINGS, FindingSeverity};
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use location::{Location, Position, to_u32};
pub use message::{Arg, Capital, IntoArg, Message, Names};
pub use report_json::write_json;
pub use report_text::{TextStyle, write_text};
pub use sources::Sources;
pub use suggest::{Hint, Listing, did_you_mean};

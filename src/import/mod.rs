//! Import: journeys from other tools (a Mermaid `journey` diagram, a workshop sheet in
//! `.xlsx` or `.csv`) read into a [`Skeleton`], then written as a new journey file.

pub mod mermaid;
pub mod sheet;
mod skeleton;
pub mod survey;

pub use skeleton::{Skeleton, SkeletonStage, SkeletonTouchpoint, quoted};

use crate::diagnostics::{Code, Diagnostic, Location, Message, Position};
use std::sync::Arc;

/// An error about a place in an imported file: line (or sheet row) and column, from 1.
pub fn error_at(
    code: Code,
    file: &Arc<str>,
    line: usize,
    column: usize,
    message: Message,
) -> Diagnostic {
    let position = Position {
        line: crate::diagnostics::to_u32(line),
        column: crate::diagnostics::to_u32(column),
        offset: 0,
        len: 0,
    };
    Diagnostic::error(code, Location::at(file.clone(), position), message)
}

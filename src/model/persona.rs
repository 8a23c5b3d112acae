//! Personas from `content/personas.yaml`: who the customer of a journey is.

use crate::diagnostics::Location;
use serde::Serialize;

/// A persona: a typical customer, named by journeys' `persona`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Persona {
    /// Id, unique in the file; journeys name it.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Markdown description.
    pub description: Option<String>,
    /// Something the persona would say, in their words.
    pub quote: Option<String>,
    /// Path of a picture under `content/`.
    pub image: Option<String>,
    /// What the persona wants to achieve.
    pub goals: Vec<String>,
    /// Where the persona is written.
    pub location: Location,
}

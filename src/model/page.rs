//! Markdown pages and notes, with their front matter and embedded views.

use super::enumerated::enumerated;
use crate::diagnostics::Location;
use serde::Serialize;

enumerated! {
    /// What a ```` ```journeymap ```` block shows.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum ViewKind {
        /// A journey's emotion curve.
        Plot = "plot",
        /// A touchpoint inventory.
        Inventory = "inventory",
        /// A consistency report.
        Consistency = "consistency",
        /// A journey's service blueprint.
        Blueprint = "blueprint",
    }
}

/// Which journeys a view covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ViewTarget {
    /// Every journey of the site.
    All,
    /// One journey, by id.
    Journey(String),
}

/// A view embedded in a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct View {
    /// What it shows.
    pub kind: ViewKind,
    /// Of which journeys.
    pub target: ViewTarget,
    /// Where the block is written.
    pub location: Location,
}

/// A Markdown page or note from `content/**/*.md`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// Path under `content/`, `/`-separated, e.g. `course/step-4.md`.
    pub path: String,
    /// Address relative to the site root, ending in `/` (empty for a root page).
    pub url: String,
    /// Title from the front matter.
    pub title: String,
    /// Journey the note belongs to.
    pub journey: Option<String>,
    /// Touchpoint (in that journey) the note is linked from.
    pub touchpoint: Option<String>,
    /// Position in its folder's sequence.
    pub order: Option<i64>,
    /// Drafts are checked but not published.
    pub draft: bool,
    /// The Markdown after the front matter.
    pub body: String,
    /// Views embedded in the body.
    pub views: Vec<View>,
    /// The page file.
    pub location: Location,
}

impl Page {
    /// True for a folder's own page (`_index.md`).
    pub fn is_index(&self) -> bool {
        self.path == "_index.md" || self.path.ends_with("/_index.md")
    }

    /// The folder the page lives in, relative to `content/` (`""` at the top).
    pub fn folder(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(folder, _)| folder)
    }
}

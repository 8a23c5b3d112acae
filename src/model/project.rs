//! A whole validated project: settings, promises, journeys, pages and other files.

use super::{Journey, Page, Persona, Promise, Promises, Site, Wave};
use serde::Serialize;
use std::sync::Arc;

/// A file under `content/` that is copied to the output as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Asset {
    /// Path under `content/`, `/`-separated.
    pub path: String,
}

/// The validated project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Project {
    /// Site settings.
    pub site: Site,
    /// Every promise: the register first, then inline ones in journey order.
    pub promises: Promises,
    /// Today's journeys, sorted by id. Shared, so that `serve` keeps a journey that did not
    /// change from one rebuild to the next without copying it.
    pub journeys: Vec<Arc<Journey>>,
    /// Desired journeys (designs, with `desired_for`), sorted by id: kept apart so that no
    /// figure about today counts them.
    pub desired: Vec<Arc<Journey>>,
    /// Survey waves, oldest first (by date, then id).
    pub waves: Vec<Wave>,
    /// Pages sorted by path; drafts are serialized nowhere (model.json holds published pages).
    #[serde(serialize_with = "published")]
    pub pages: Vec<Arc<Page>>,
    /// Files copied as they are, sorted by path.
    pub assets: Vec<Asset>,
    /// The personas of `personas.yaml`; `None` without the file (journeys' `persona` is then
    /// free text).
    pub personas: Option<Vec<Persona>>,
    /// Static files of the project's theme, by path under `themes/<theme>/static/`, sorted;
    /// not part of `model.json`.
    #[serde(skip)]
    pub theme_files: Vec<String>,
}

/// The pages that are not drafts, as a sequence.
fn published<S: serde::Serializer>(pages: &[Arc<Page>], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(pages.iter().filter(|p| !p.draft))
}

impl Project {
    /// True when an improvement option of a journey has a plan: then `plans/` is written, and
    /// every journey's best option should have one.
    pub fn has_plans(&self) -> bool {
        self.journeys.iter().any(|j| j.has_plans())
    }

    /// The journey with an id, if any: a binary search, as the loader sorts journeys by id
    /// (a linear search for a project built in another order).
    pub fn journey(&self, id: &str) -> Option<&Journey> {
        match self.journeys.binary_search_by(|j| j.id.as_str().cmp(id)) {
            Ok(index) => self.journeys.get(index).map(Arc::as_ref),
            Err(_) => self.journeys.iter().map(Arc::as_ref).find(|j| j.id == id),
        }
    }

    /// The persona with an id, if `personas.yaml` has it.
    pub fn persona(&self, id: &str) -> Option<&Persona> {
        self.personas.as_ref()?.iter().find(|p| p.id == id)
    }

    /// The name a journey's persona goes by: the persona's `name` when `personas.yaml` has
    /// it, else the journey's `persona` as written; `None` for a journey without one.
    pub fn persona_name<'a>(&'a self, journey: &'a Journey) -> Option<&'a str> {
        let written = journey.persona.as_deref()?;
        Some(
            self.persona(written.trim())
                .map_or(written, |p| p.name.as_str()),
        )
    }

    /// The desired journey of a current journey, if it has one.
    pub fn desired_of(&self, current: &str) -> Option<&Journey> {
        self.desired
            .iter()
            .map(Arc::as_ref)
            .find(|d| d.desired_for.as_deref() == Some(current))
    }

    /// The desired journey with an id, if any.
    pub fn design(&self, id: &str) -> Option<&Journey> {
        self.desired.iter().map(Arc::as_ref).find(|d| d.id == id)
    }

    /// The promise with an id, if any.
    pub fn promise(&self, id: &str) -> Option<&Promise> {
        self.promises.get(id)
    }
}

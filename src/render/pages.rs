//! Markdown pages: their sequences (courses), tables of contents, the notes attached to
//! journeys and touchpoints, and the pages listed on the home page.

use super::links;
use crate::model::{Page, Project};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The published pages of a project and how they relate.
pub struct PageIndex<'p> {
    /// Published pages (drafts left out), by path.
    pub published: Vec<&'p Page>,
    sequences: BTreeMap<&'p str, Vec<&'p Page>>,
    notes: BTreeMap<&'p str, Vec<&'p Page>>,
}

impl<'p> PageIndex<'p> {
    /// Indexes the published pages of a project.
    pub fn new(project: &'p Project) -> Self {
        let published: Vec<&Page> = project.pages.iter().filter(|p| !p.draft).collect();
        let mut sequences: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
        for page in published
            .iter()
            .filter(|p| p.order.is_some() && !p.is_index())
        {
            sequences.entry(page.folder()).or_default().push(page);
        }
        for pages in sequences.values_mut() {
            pages.sort_by(|a, b| (a.order, &a.path).cmp(&(b.order, &b.path)));
        }
        let mut notes: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
        for page in &published {
            if let Some(journey) = page.journey.as_deref() {
                notes.entry(journey).or_default().push(page);
            }
        }
        PageIndex {
            published,
            sequences,
            notes,
        }
    }

    /// Notes attached to a journey (including those about one of its touchpoints).
    pub fn notes_of(&self, journey: &str) -> Vec<&'p Page> {
        self.notes.get(journey).cloned().unwrap_or_default()
    }

    /// Pages for the home page: top-level pages and folder pages that are not notes.
    pub fn listed(&self) -> Vec<Value> {
        self.published
            .iter()
            .filter(|p| {
                p.journey.is_none() && (p.folder().is_empty() || p.path.ends_with("/_index.md"))
            })
            .map(|p| json!({"title": p.title, "link": links::page(&p.url)}))
            .collect()
    }

    /// Table of contents, previous and next links of a page.
    pub fn navigation(&self, page: &Page) -> (Vec<Value>, Value, Value) {
        let entry = |p: &Page| json!({"title": p.title, "link": links::page(&p.url)});
        if page.is_index() {
            let folder = page.folder();
            let toc = self
                .sequences
                .get(folder)
                .map(|pages| pages.iter().map(|p| entry(p)).collect())
                .unwrap_or_default();
            return (toc, Value::Null, Value::Null);
        }
        let Some(sequence) = self.sequences.get(page.folder()) else {
            return (Vec::new(), Value::Null, Value::Null);
        };
        let Some(position) = sequence.iter().position(|p| p.path == page.path) else {
            return (Vec::new(), Value::Null, Value::Null);
        };
        let previous = position
            .checked_sub(1)
            .and_then(|i| sequence.get(i))
            .map_or(Value::Null, |p| entry(p));
        let next = sequence.get(position + 1).map_or(Value::Null, |p| entry(p));
        (Vec::new(), previous, next)
    }
}

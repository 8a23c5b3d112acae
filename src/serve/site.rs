//! The site as `serve` holds it: built into memory, replaced only by a build without errors,
//! with the errors of the last failed build kept for the browser overlay.

use crate::analysis::analyse;
use crate::diagnostics::{Sources, TextStyle, write_text};
use crate::load::{FileCache, load_project_cached};
use crate::render::{MemorySite, render_site};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, RwLock};

/// The files of a built site, by path.
pub type Files = Arc<BTreeMap<String, Arc<[u8]>>>;

/// What the server shows: the last good site and the errors of the last build, if it failed.
#[derive(Default)]
pub struct SiteState {
    files: RwLock<Files>,
    errors: RwLock<Option<String>>,
}

impl SiteState {
    /// The current files.
    pub fn files(&self) -> Files {
        self.files.read().map(|f| f.clone()).unwrap_or_default()
    }

    /// The report of the last build, if it failed.
    pub fn errors(&self) -> Option<String> {
        self.errors.read().ok().and_then(|e| e.clone())
    }

    /// Records a build: a good one replaces the site and clears the errors, a failed one keeps
    /// the site and records its report.
    pub fn update(&self, result: Result<Files, String>) {
        match result {
            Ok(files) => {
                if let Ok(mut current) = self.files.write() {
                    *current = files;
                }
                if let Ok(mut errors) = self.errors.write() {
                    *errors = None;
                }
            }
            Err(report) => {
                if let Ok(mut errors) = self.errors.write() {
                    *errors = Some(report);
                }
            }
        }
    }
}

/// Builds the site of the project in `root` into memory, re-reading only changed files.
/// A failure gives the plain-text report of every error.
pub fn build(root: &Path, cache: &mut FileCache) -> Result<Files, String> {
    let loaded = load_project_cached(root, cache);
    let Some(project) = &loaded.project else {
        return Err(report(loaded.diagnostics, &loaded.sources));
    };
    let analysis = analyse(project);
    let site = MemorySite::default();
    render_site(project, &analysis, root, &site).map_err(|d| report(d, &loaded.sources))?;
    let (generated, copies) = site.into_parts();
    let mut files: BTreeMap<String, Arc<[u8]>> = generated
        .into_iter()
        .map(|(k, v)| (k, Arc::from(v)))
        .collect();
    for (path, source) in copies {
        let bytes = cache
            .read(&source)
            .map_err(|e| format!("error: cannot read {}: {e}", source.display()))?;
        files.insert(path, bytes);
    }
    Ok(Arc::new(files))
}

fn report(diagnostics: crate::diagnostics::Diagnostics, sources: &Sources) -> String {
    let mut out = Vec::new();
    let sorted = diagnostics.sorted();
    let count = sorted.len();
    let _ = write_text(&mut out, &sorted, sources, "", TextStyle::Plain);
    let mut text = String::from_utf8_lossy(&out).into_owned();
    text.push_str(&format!(
        "{count} error{}\n",
        if count == 1 { "" } else { "s" }
    ));
    text
}

//! What the previous build left in the output folder: its manifest, the time of its marker
//! and the files on disk. Reading it changes nothing in the output folder (it only clears what
//! a killed build left beside it), so `build` reads it while the project loads.

use super::existing::{self, Existing, Stamp};
use super::guard::MARKER;
use super::leftovers;
use super::manifest::{self, Entry};
use std::collections::HashMap;
use std::fs;
use std::io::ErrorKind;
use std::path::Path;

/// The previous output of a build, as [`super::Staging`] compares the new site against it.
#[derive(Debug)]
pub struct Previous {
    /// The marker's manifest: `None` without a marker, why it is not journeymap's when it is
    /// not.
    pub(super) marker: Option<Result<HashMap<String, Entry>, String>>,
    /// When the previous build wrote its marker (its last act); `None` without a marker.
    pub(super) marked: Option<u64>,
    /// The files and folders on disk now.
    pub(super) existing: Existing,
}

impl Previous {
    /// Puts back or removes what a killed build left beside the output folder `out` (see
    /// `leftovers::clear`), then reads `out`; `None` when there is no folder yet.
    pub fn read(out: &Path) -> Option<Self> {
        leftovers::clear(out);
        if !out.is_dir() {
            return None;
        }
        let marker = out.join(MARKER);
        let manifest = match fs::read_to_string(&marker) {
            Ok(text) => Some(manifest::parse(&text)),
            Err(e) if e.kind() == ErrorKind::NotFound => None,
            Err(e) => Some(Err(format!("it cannot be read ({e})"))),
        };
        Some(Previous {
            marker: manifest,
            marked: fs::metadata(&marker).ok().map(|m| Stamp::of(&m).modified),
            existing: existing::read(out),
        })
    }
}

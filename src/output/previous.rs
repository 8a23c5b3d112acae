//! What the previous build left in the output folder: its manifest, the time of its marker
//! and the files on disk. Reading it touches nothing, so `build` reads it while the project
//! loads.

use super::existing::{self, Existing, Stamp};
use super::guard::MARKER;
use super::manifest::{self, Entry};
use std::collections::HashMap;
use std::fs;
use std::path::Path;

/// The previous output of a build, as [`super::Staging`] compares the new site against it.
#[derive(Debug)]
pub struct Previous {
    /// Hash and size of every file the previous build wrote.
    pub(super) manifest: HashMap<String, Entry>,
    /// When the previous build wrote its marker (its last act); `None` without a marker.
    pub(super) marked: Option<u64>,
    /// The files and folders on disk now.
    pub(super) existing: Existing,
}

impl Previous {
    /// Reads the output folder `out`; `None` when there is no folder yet.
    pub fn read(out: &Path) -> Option<Self> {
        if !out.is_dir() {
            return None;
        }
        let marker = out.join(MARKER);
        Some(Previous {
            manifest: manifest::read(&marker),
            marked: fs::metadata(&marker).ok().map(|m| Stamp::of(&m).modified),
            existing: existing::read(out),
        })
    }
}

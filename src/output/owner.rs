//! Whether journeymap may replace an output folder that exists: it may when the folder's
//! marker is a manifest journeymap wrote and at least one file it lists is there with the
//! listed bytes, or when there is no marker and every file in the folder is one the user keeps
//! (dotfiles, `output.keep`), as in a fresh clone of a publishing repository.

use super::existing::Existing;
use super::guard::MARKER;
use super::keep::Keep;
use super::manifest::{self, Entry};
use super::previous::Previous;
use crate::diagnostics::{Code, Diagnostic, Location};
use std::collections::HashMap;
use std::path::Path;

/// An output folder journeymap may replace: what it wrote there and what is there now.
#[derive(Debug)]
pub(super) struct Owned {
    /// Hash and size of every file the previous build wrote; empty without a marker.
    pub manifest: HashMap<String, Entry>,
    /// When the previous build wrote its marker.
    pub marked: Option<u64>,
    /// The files and folders on disk.
    pub existing: Existing,
}

/// Claims the output folder `out` as read in `previous`, or refuses it.
pub(super) fn claim(out: &Path, previous: Previous, keep: &Keep) -> Result<Owned, Diagnostic> {
    let Previous {
        marker,
        marked,
        existing,
    } = previous;
    let manifest = match marker {
        None => {
            let mut theirs: Vec<&String> = existing
                .files
                .keys()
                .filter(|path| !keep.keeps(path))
                .collect();
            theirs.sort();
            if let Some(first) = theirs.first() {
                return Err(refusal(
                    out,
                    crate::msg!("error.out_not_ours", out = out.display(), first),
                    crate::msg!("help.out_not_ours"),
                ));
            }
            HashMap::new()
        }
        Some(Err(why)) => {
            return Err(refusal(
                out,
                crate::msg!("error.marker_foreign", marker = MARKER, why),
                crate::msg!("help.marker"),
            ));
        }
        Some(Ok(manifest)) => {
            if !lists_a_file_that_is_here(out, &manifest, &existing) {
                return Err(refusal(
                    out,
                    crate::msg!("error.marker_stale", marker = MARKER),
                    crate::msg!("help.marker"),
                ));
            }
            manifest
        }
    };
    Ok(Owned {
        manifest,
        marked,
        existing,
    })
}

/// Whether a file the manifest lists is in the folder with the listed size and hash (the
/// files are tried in path order until one is).
fn lists_a_file_that_is_here(
    out: &Path,
    manifest: &HashMap<String, Entry>,
    existing: &Existing,
) -> bool {
    let mut listed: Vec<(&String, &Entry)> = manifest
        .iter()
        .filter(|(path, entry)| {
            existing
                .files
                .get(*path)
                .is_some_and(|s| s.len == entry.len)
        })
        .collect();
    listed.sort_by_key(|(path, _)| *path);
    listed
        .into_iter()
        .any(|(path, entry)| holds(out, path, entry))
}

/// Whether the file at `path` under `out` holds the bytes of `entry`.
pub(super) fn holds(out: &Path, path: &str, entry: &Entry) -> bool {
    std::fs::read(out.join(path))
        .is_ok_and(|bytes| bytes.len() as u64 == entry.len && manifest::hash(&bytes) == entry.hash)
}

fn refusal(
    out: &Path,
    message: crate::diagnostics::Message,
    help: crate::diagnostics::Message,
) -> Diagnostic {
    Diagnostic::error(
        Code::Output,
        Location::file(out.display().to_string().into()),
        message,
    )
    .with_help(help)
}

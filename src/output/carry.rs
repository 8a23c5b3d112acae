//! What of the previous output the new site takes along besides the files journeymap writes:
//! every file that is not journeymap's (not in its manifest), every dotfile and kept file,
//! and every file journeymap wrote, no longer writes and someone changed since; with the
//! folders that hold them and the user's empty folders. Only files journeymap wrote, still
//! holding its bytes, and no longer written are left behind.

use super::guard::MARKER;
use super::keep::Keep;
use super::owner::{Owned, holds};
use crate::diagnostics::{Code, Diagnostic, Location};
use std::collections::HashSet;
use std::path::Path;

/// The user's files and folders to put in the new site, by relative path.
#[derive(Debug, Default)]
pub(super) struct Carried {
    /// Folders to make, each after its parent.
    pub folders: Vec<String>,
    /// Files to link into the new site.
    pub files: Vec<String>,
}

/// What the new site takes along from `owned` (the output folder `out`), which will hold the
/// files `wanted`; an error when a file of the user's is where the new site has a file or a
/// folder (nothing is changed then).
pub(super) fn carried(
    out: &Path,
    owned: &Owned,
    wanted: &HashSet<&str>,
    keep: &Keep,
) -> Result<Carried, Diagnostic> {
    let needed = ancestors(wanted.iter().copied());
    let journeymaps = ancestors(owned.manifest.keys().map(String::as_str));
    let mut carried = Carried::default();
    for (path, stamp) in &owned.existing.files {
        if path == MARKER {
            continue;
        }
        let listed = owned.manifest.get(path);
        if wanted.contains(path.as_str()) {
            if listed.is_none() {
                return Err(in_the_way(out, path, crate::msg!("what.a_file")));
            }
            continue;
        }
        if let Some(entry) = listed
            && !keep.keeps(path)
        {
            let untouched = stamp.len == entry.len
                && owned.marked.is_some_and(|marked| stamp.modified <= marked);
            if untouched || holds(out, path, entry) {
                continue;
            }
        }
        if needed.contains(path.as_str()) {
            return Err(in_the_way(out, path, crate::msg!("what.a_folder")));
        }
        if let Some(file) = parents(path).find(|p| wanted.contains(p)) {
            return Err(in_the_way(out, file, crate::msg!("what.a_file")));
        }
        carried.files.push(path.clone());
    }
    let holding = ancestors(carried.files.iter().map(String::as_str));
    for folder in &owned.existing.folders {
        let folder_str = folder.as_str();
        let theirs = holding.contains(folder_str) || !journeymaps.contains(folder_str);
        if needed.contains(folder_str) || !theirs {
            continue;
        }
        if wanted.contains(folder.as_str()) || parents(folder).any(|p| wanted.contains(p)) {
            return Err(in_the_way(out, folder, crate::msg!("what.a_file")));
        }
        carried.folders.push(folder.clone());
    }
    carried
        .folders
        .sort_by_key(|f| (f.matches('/').count(), f.clone()));
    carried.files.sort();
    Ok(carried)
}

/// Every folder above the paths, as relative paths.
fn ancestors<'a>(paths: impl Iterator<Item = &'a str>) -> HashSet<&'a str> {
    let mut folders = HashSet::new();
    for path in paths {
        for folder in parents(path) {
            if !folders.insert(folder) {
                break;
            }
        }
    }
    folders
}

/// The folders above a relative path, nearest first.
fn parents(path: &str) -> impl Iterator<Item = &str> {
    let mut rest = path;
    std::iter::from_fn(move || {
        let (folder, _) = rest.rsplit_once('/')?;
        rest = folder;
        Some(folder)
    })
}

fn in_the_way(out: &Path, path: &str, what: crate::diagnostics::Message) -> Diagnostic {
    Diagnostic::error(
        Code::Output,
        Location::file(out.join(path).display().to_string().into()),
        crate::msg!("error.in_the_way", path, what),
    )
    .with_help(crate::msg!("help.in_the_way"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::existing::{Existing, Stamp};
    use crate::output::manifest::{Entry, hash};
    use std::collections::HashMap;

    fn owned(dir: &Path, files: &[(&str, &str, bool)]) -> Owned {
        let mut owned = Owned {
            manifest: HashMap::new(),
            marked: Some(u64::MAX),
            existing: Existing::default(),
        };
        for (path, bytes, listed) in files {
            let full = dir.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, bytes).unwrap();
            let len = bytes.len() as u64;
            owned
                .existing
                .files
                .insert(path.to_string(), Stamp { len, modified: 0 });
            if *listed {
                let hash = hash(bytes.as_bytes());
                owned.manifest.insert(path.to_string(), Entry { hash, len });
            }
            owned
                .existing
                .folders
                .extend(parents(path).map(str::to_string));
        }
        owned
    }

    #[test]
    fn only_journeymaps_files_no_longer_written_are_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let owned = owned(
            dir.path(),
            &[
                ("index.html", "i", true),
                ("old/page.html", "o", true),
                ("old/.mine", "m", false),
                ("gone/page.html", "g", true),
                ("CNAME", "c", false),
                (".git/HEAD", "h", false),
            ],
        );
        let wanted: HashSet<&str> = ["index.html", "new/page.html"].into();
        let carried = carried(dir.path(), &owned, &wanted, &Keep::default()).unwrap();
        assert_eq!(carried.files, [".git/HEAD", "CNAME", "old/.mine"]);
        assert_eq!(carried.folders, [".git", "old"]);
    }

    #[test]
    fn a_users_file_where_the_site_writes_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let owned = owned(dir.path(), &[("about.html", "mine", false)]);
        for wanted in [["about.html"], ["about.html/index.html"]] {
            let wanted: HashSet<&str> = wanted.into();
            assert!(carried(dir.path(), &owned, &wanted, &Keep::default()).is_err());
        }
    }
}

//! The previous output as it is on disk: every file with its size and modification time,
//! and every folder, read in parallel; and removing folders in parallel.

use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::time::UNIX_EPOCH;

/// A file's size and modification time (nanoseconds since 1970), as the manifest keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub len: u64,
    /// Modification time in nanoseconds since 1970; 0 when the system does not tell.
    pub modified: u64,
}

impl Stamp {
    /// The stamp of a file's metadata.
    pub fn of(metadata: &fs::Metadata) -> Self {
        let modified = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        Stamp {
            len: metadata.len(),
            modified,
        }
    }
}

/// The files and folders under an output folder, by path relative to it (`/`-separated).
#[derive(Debug, Default)]
pub struct Existing {
    /// Every file (symbolic links included, not followed) with its stamp.
    pub files: HashMap<String, Stamp>,
    /// Every folder below the output folder.
    pub folders: HashSet<String>,
}

/// Reads the tree under `root`; an unreadable folder counts as empty.
pub fn read(root: &Path) -> Existing {
    let mut existing = Existing::default();
    let (files, folders) = read_folder(root, "");
    existing.files.extend(files);
    existing.folders.extend(folders);
    existing
}

type Listing = (Vec<(String, Stamp)>, Vec<String>);

fn read_folder(folder: &Path, prefix: &str) -> Listing {
    let Ok(entries) = fs::read_dir(folder) else {
        return Listing::default();
    };
    let entries: Vec<fs::DirEntry> = entries.filter_map(Result::ok).collect();
    entries
        .par_iter()
        .map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{prefix}{name}");
            // The listing tells folders apart (no stat); only files need their size and time.
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                let (files, mut folders) = read_folder(&entry.path(), &format!("{path}/"));
                folders.push(path);
                return (files, folders);
            }
            match entry.metadata() {
                Ok(metadata) => (vec![(path, Stamp::of(&metadata))], Vec::new()),
                Err(_) => (
                    vec![(
                        path,
                        Stamp {
                            len: u64::MAX,
                            modified: 0,
                        },
                    )],
                    Vec::new(),
                ),
            }
        })
        .reduce(Listing::default, |mut a, b| {
            a.0.extend(b.0);
            a.1.extend(b.1);
            a
        })
}

/// Removes a folder and everything in it, sub-folders in parallel. Best effort: what cannot
/// be removed stays.
pub fn remove_tree(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let entries: Vec<fs::DirEntry> = entries.filter_map(Result::ok).collect();
    entries.par_iter().for_each(|entry| {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => remove_tree(&path),
            _ => {
                let _ = fs::remove_file(&path);
            }
        }
    });
    let _ = fs::remove_dir(folder);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_and_folders_are_listed_with_their_sizes() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("a/b")).unwrap();
        fs::write(dir.path().join("a/b/c.html"), "12345").unwrap();
        fs::write(dir.path().join("top.css"), "").unwrap();
        let existing = read(dir.path());
        assert_eq!(existing.files.len(), 2);
        assert_eq!(existing.files["a/b/c.html"].len, 5);
        assert_eq!(existing.files["top.css"].len, 0);
        let mut folders: Vec<_> = existing.folders.into_iter().collect();
        folders.sort();
        assert_eq!(folders, ["a", "a/b"]);
        remove_tree(&dir.path().join("a"));
        assert!(!dir.path().join("a").exists());
    }
}

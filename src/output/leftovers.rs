//! The folders journeymap makes beside the output folder while it builds, named
//! `.<output>.journeymap-<role>-<process id>`: `staging` (the new site, and after the swap the
//! old one on its way out) and `old` (the previous site, moved aside on systems without an
//! atomic exchange). A build holds a lock on each while it works with it, so the next build
//! can tell what a killed build left from what a running one uses.

use super::existing;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

/// The folder beside `out` that this process uses for `role` (`staging` or `old`).
pub(super) fn beside(out: &Path, role: &str) -> PathBuf {
    let parent = out.parent().unwrap_or(Path::new("."));
    parent.join(format!("{}{role}-{}", prefix(out), std::process::id()))
}

fn prefix(out: &Path) -> String {
    let name = out
        .file_name()
        .map_or("output".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.journeymap-")
}

/// Locks the folder `dir` for this process (released when the file is dropped or the
/// process ends, also when it is killed); `None` where the system gives no lock on a folder.
pub(super) fn lock(dir: &Path) -> Option<File> {
    let file = File::open(dir).ok()?;
    file.try_lock().ok()?;
    same_folder(&file, dir).then_some(file)
}

/// Whether `file` (an open folder) is the folder now at `path`.
#[cfg(unix)]
fn same_folder(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_folder(_: &File, path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// Clears what killed builds left beside `out`: a previous site moved aside while `out` is
/// missing is put back, and every other folder of journeymap's that no running build holds
/// is removed. Best effort: what cannot be cleared stays for the next build.
pub(super) fn clear(out: &Path) {
    let Some(parent) = out.parent() else {
        return;
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = prefix(out);
    let mut found: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?;
            let (role, pid) = rest.split_once('-')?;
            let ours = matches!(role, "staging" | "old")
                && !pid.is_empty()
                && pid.bytes().all(|b| b.is_ascii_digit())
                && entry.file_type().is_ok_and(|t| t.is_dir());
            ours.then(|| (entry.path(), role == "old"))
        })
        .collect();
    // A previous site moved aside is put back before anything is removed.
    found.sort_by_key(|(_, old)| !old);
    for (path, old) in found {
        let Some(_lock) = lock(&path) else {
            continue;
        };
        if old && fs::symlink_metadata(out).is_err() && fs::rename(&path, out).is_ok() {
            continue;
        }
        existing::remove_tree(&path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_killed_builds_folders_are_cleared_and_a_moved_site_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let old = dir.path().join(".site.journeymap-old-12");
        let staging = dir.path().join(".site.journeymap-staging-34");
        let other = dir.path().join(".site.journeymap-notes");
        for folder in [&old, &staging, &other] {
            fs::create_dir_all(folder).unwrap();
            fs::write(folder.join("index.html"), "x").unwrap();
        }
        clear(&out);
        assert!(out.join("index.html").is_file(), "the old site is back");
        assert!(!old.exists() && !staging.exists());
        assert!(
            other.exists(),
            "a folder journeymap did not name is left alone"
        );
    }

    #[test]
    fn a_folder_a_running_build_holds_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let staging = dir.path().join(".site.journeymap-staging-56");
        fs::create_dir_all(&staging).unwrap();
        let held = lock(&staging).expect("a lock on a folder");
        clear(&out);
        assert!(staging.exists());
        drop(held);
        clear(&out);
        assert!(!staging.exists());
    }
}

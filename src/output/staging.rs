//! Prepares the new site beside the output folder and swaps it in once it is whole.
//!
//! While the site is rendered, the files it changes are written into a staging folder beside
//! the output (`.<output>.journeymap-staging-<pid>`); nothing in the output changes. A file
//! whose bytes are those of the previous build (per the manifest) and that nobody changed
//! since (same size, not modified after the marker that the previous build wrote last) is not
//! written. When the whole site is rendered, [`Staging::commit`] hard-links those unchanged
//! files and the user's own files (see [`super::carry`]) into the staging folder, writes the
//! manifest, and swaps the staging folder with the output in one step (see [`super::swap`]);
//! the old site is then removed. A rebuild that changes nothing touches nothing. Without a
//! commit (a failed build) the staging folder is removed and the output is exactly as it was.

use super::carry::{self, Carried};
use super::existing;
use super::guard::MARKER;
use super::hook::step;
use super::keep::Keep;
use super::leftovers;
use super::manifest::{self, Entry};
use super::owner::{self, Owned};
use super::previous::Previous;
use super::streamed::Streamed;
use super::swap::{SwapError, swap};
use crate::diagnostics::{Code, Diagnostic, Location, Message};
use crate::msg;
use crate::render::{SiteSink, stream_error};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A new output being rendered; see the module documentation.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// The output folder as it is; `None` when there is none yet.
    owned: Option<Owned>,
    keep: Keep,
    /// Folders made in the staging folder.
    folders: Mutex<HashSet<PathBuf>>,
    /// Every file of the new site with its manifest entry.
    entries: Mutex<Vec<(String, Entry)>>,
    /// The files written into the staging folder (the others are unchanged).
    written: Mutex<Vec<String>>,
    /// Folders above the output that this build made, deepest first.
    made: Vec<PathBuf>,
    /// This build's lock on its staging folder.
    _lock: Option<fs::File>,
    committed: bool,
}

/// Why a commit failed, and whether the output folder is as it was.
#[derive(Debug)]
pub struct CommitError {
    /// What went wrong.
    pub diagnostic: Box<Diagnostic>,
    /// True when the output folder is exactly as it was before the build.
    pub unchanged: bool,
}

impl Staging {
    /// Starts a new output for `out` (an absolute path that passed `check_output_folder`).
    pub fn open(out: &Path) -> Result<Self, Diagnostic> {
        Self::open_over(out, Previous::read(out), Keep::default())
    }

    /// Starts a new output for `out` over `previous`, the output folder as read before
    /// (`None` when there is none), keeping the user's files `keep` names. Refuses a folder
    /// journeymap did not make (see `owner::claim`).
    pub fn open_over(
        out: &Path,
        previous: Option<Previous>,
        keep: Keep,
    ) -> Result<Self, Diagnostic> {
        let owned = previous
            .map(|previous| owner::claim(out, previous, &keep))
            .transpose()?;
        let parent = out
            .parent()
            .ok_or_else(|| error(out, msg!("error.out_no_parent")))?;
        let mut made = Vec::new();
        let mut missing = parent;
        while fs::symlink_metadata(missing).is_err() {
            made.push(missing.to_path_buf());
            match missing.parent() {
                Some(up) => missing = up,
                None => break,
            }
        }
        let dir = leftovers::beside(out, "staging");
        let created = fs::create_dir_all(parent).and_then(|()| {
            existing::remove_tree(&dir);
            fs::create_dir(&dir)
        });
        if let Err(e) = created {
            remove_folders(&made);
            return Err(
                error(parent, msg!("error.cannot_prepare", reason = e)).with_help(msg!(
                    "help.cannot_prepare",
                    out = out.display(),
                    parent = parent.display()
                )),
            );
        }
        Ok(Staging {
            out: out.to_path_buf(),
            _lock: leftovers::lock(&dir),
            dir,
            owned,
            keep,
            folders: Mutex::new(HashSet::new()),
            entries: Mutex::new(Vec::new()),
            written: Mutex::new(Vec::new()),
            made,
            committed: false,
        })
    }

    /// Puts the new output in place: see the module documentation.
    pub fn commit(mut self) -> Result<(), CommitError> {
        let entries = std::mem::take(&mut *lock(&self.entries));
        let written = std::mem::take(&mut *lock(&self.written));
        let manifest = manifest::write(&entries);
        let Some(owned) = &self.owned else {
            step();
            fs::write(self.dir.join(MARKER), manifest)
                .map_err(|e| unchanged(&self.dir, msg!("io.other", detail = e)))?;
            step();
            fs::rename(&self.dir, &self.out)
                .map_err(|e| unchanged(&self.out, msg!("error.cannot_move_in", reason = e)))?;
            self.committed = true;
            return Ok(());
        };
        if written.is_empty()
            && fs::read_to_string(self.out.join(MARKER)).is_ok_and(|m| m == manifest)
        {
            return Ok(());
        }
        let wanted: HashSet<&str> = entries.iter().map(|(p, _)| p.as_str()).collect();
        let carried =
            carry::carried(&self.out, owned, &wanted, &self.keep).map_err(|d| CommitError {
                diagnostic: Box::new(d),
                unchanged: true,
            })?;
        let written: HashSet<&str> = written.iter().map(String::as_str).collect();
        let unchanged_files: Vec<&str> = entries
            .iter()
            .map(|(p, _)| p.as_str())
            .filter(|p| !written.contains(p))
            .collect();
        self.take_along(&unchanged_files, &carried)?;
        step();
        fs::write(self.dir.join(MARKER), manifest)
            .map_err(|e| unchanged(&self.dir, msg!("io.other", detail = e)))?;
        let _old = leftovers::lock(&self.out);
        let old = swap(&self.dir, &self.out).map_err(|e| match e {
            SwapError::Unchanged(e) => unchanged(&self.out, msg!("error.cannot_swap", reason = e)),
            SwapError::MovedAside(e, aside) => CommitError {
                diagnostic: Box::new(error(
                    &self.out,
                    msg!("error.moved_aside", reason = e, aside = aside.display()),
                )),
                unchanged: false,
            },
        })?;
        self.committed = true;
        step();
        existing::remove_tree(&old);
        Ok(())
    }

    /// Links the unchanged files of the site and the user's files and folders from the
    /// output into the staging folder.
    fn take_along(&self, unchanged_files: &[&str], carried: &Carried) -> Result<(), CommitError> {
        let files: Vec<&str> = unchanged_files
            .iter()
            .copied()
            .chain(carried.files.iter().map(String::as_str))
            .collect();
        // Folders one by one, parents first (the steps of the test hook come in a fixed
        // order), then the files in parallel.
        let mut folders: Vec<PathBuf> = files
            .iter()
            .filter_map(|path| self.dir.join(path).parent().map(Path::to_path_buf))
            .collect();
        folders.sort();
        folders.dedup();
        for folder in folders {
            if !lock(&self.folders).contains(&folder) && !folder.is_dir() {
                step();
                fs::create_dir_all(&folder).map_err(|e| {
                    unchanged(&folder, msg!("error.cannot_create_folder", reason = e))
                })?;
            }
        }
        files.par_iter().try_for_each(|path| {
            let target = self.dir.join(path);
            step();
            link(&self.out.join(path), &target).map_err(|e| {
                unchanged(
                    &self.out.join(path),
                    msg!("error.cannot_take_file", reason = e),
                )
            })
        })?;
        for folder in &carried.folders {
            let target = self.dir.join(folder);
            if !target.is_dir() {
                step();
                fs::create_dir(&target)
                    .map_err(|e| unchanged(&target, msg!("io.other", detail = e)))?;
            }
        }
        // Permissions last, deepest first: a folder that does not let its owner write is
        // filled before it gets them.
        for folder in carried.folders.iter().rev() {
            if let Ok(metadata) = fs::metadata(self.out.join(folder)) {
                step();
                let _ = fs::set_permissions(self.dir.join(folder), metadata.permissions());
            }
        }
        Ok(())
    }

    /// Makes a folder (and those above it) in the staging folder, once.
    fn make_folder(&self, folder: &Path) -> Result<(), Diagnostic> {
        if lock(&self.folders).contains(folder) {
            return Ok(());
        }
        fs::create_dir_all(folder)
            .map_err(|e| error(folder, msg!("error.cannot_create_folder", reason = e)))?;
        lock(&self.folders).insert(folder.to_path_buf());
        Ok(())
    }

    /// Where a file of the site is written while it is rendered.
    fn target(&self, path: &str) -> Result<PathBuf, Diagnostic> {
        if path.split('/').any(|part| part == ".." || part.is_empty()) || path == MARKER {
            return Err(error(Path::new(path), msg!("error.outside_output")));
        }
        let target = self.dir.join(path);
        if let Some(folder) = target.parent() {
            self.make_folder(folder)?;
        }
        lock(&self.written).push(path.to_string());
        Ok(target)
    }

    /// The previous entry of a file when the file is still as that build left it (whatever
    /// the new bytes are).
    fn untouched(&self, path: &str) -> Option<Entry> {
        let owned = self.owned.as_ref()?;
        let entry = owned.manifest.get(path)?;
        let on_disk = owned.existing.files.get(path)?;
        let untouched = on_disk.len == entry.len && on_disk.modified <= owned.marked?;
        untouched.then_some(*entry)
    }

    /// The previous entry of a file when the file is still as that build left it and has
    /// the hash `hash`.
    fn unchanged(&self, path: &str, hash: u64) -> Option<Entry> {
        self.untouched(path).filter(|e| e.hash == hash)
    }

    fn record(&self, path: &str, entry: Entry) {
        lock(&self.entries).push((path.to_string(), entry));
    }
}

impl SiteSink for Staging {
    /// Keeps a file for the output, unless the output already has these very bytes.
    fn file(&self, path: &str, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        let hash = manifest::hash(&bytes);
        if let Some(entry) = self
            .unchanged(path, hash)
            .filter(|e| e.len == bytes.len() as u64)
        {
            self.record(path, entry);
            return Ok(());
        }
        let target = self.target(path)?;
        fs::write(&target, &bytes)
            .map_err(|e| error(&target, msg!("error.cannot_write", reason = e)))?;
        let len = bytes.len() as u64;
        self.record(path, Entry { hash, len });
        Ok(())
    }

    /// Compares a file with the previous build's as it is produced, and writes it only from
    /// the first byte that differs (see `Streamed`).
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Diagnostic> {
        let previous = self.untouched(path).map(|_| self.out.join(path));
        let mut failure = None;
        let mut create = || match self.target(path) {
            Ok(target) => fs::File::create(target),
            Err(d) => {
                let message = d.message.key();
                failure = Some(d);
                Err(io::Error::other(message))
            }
        };
        let outcome = Streamed::new(previous, &mut create).and_then(|streamed| {
            let mut buffered = io::BufWriter::with_capacity(1 << 16, streamed);
            write(&mut buffered)?;
            buffered.into_inner().map_err(|e| e.into_error())?.finish()
        });
        if let Some(d) = failure {
            return Err(d);
        }
        let entry = outcome.map_err(|e| stream_error(path, &e))?;
        self.record(path, entry);
        Ok(())
    }

    fn copy(&self, path: &str, source: &Path) -> Result<(), Diagnostic> {
        let bytes =
            fs::read(source).map_err(|e| error(source, msg!("error.cannot_copy", reason = e)))?;
        self.file(path, bytes)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            existing::remove_tree(&self.dir);
            remove_folders(&self.made);
        }
    }
}

/// A hard link to `from` at `to`; a copy where the file system has no hard links.
fn link(from: &Path, to: &Path) -> io::Result<()> {
    fs::hard_link(from, to).or_else(|e| {
        if fs::symlink_metadata(from).is_ok_and(|m| m.is_file()) {
            fs::copy(from, to).map(|_| ())
        } else {
            Err(e)
        }
    })
}

/// Removes empty folders, in the order given (deepest first); best effort.
fn remove_folders(folders: &[PathBuf]) {
    for folder in folders {
        let _ = fs::remove_dir(folder);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn error(path: &Path, message: Message) -> Diagnostic {
    Diagnostic::error(
        Code::Output,
        Location::file(path.display().to_string().into()),
        message,
    )
}

/// A failure that left the output folder as it was.
fn unchanged(path: &Path, message: Message) -> CommitError {
    CommitError {
        diagnostic: Box::new(error(path, message)),
        unchanged: true,
    }
}

//! Brings the output folder up to date without touching it until the whole site is rendered.
//!
//! While the site is rendered, files are kept in a staging folder beside the output; nothing
//! in the output changes. A file whose bytes are those of the previous build (per the
//! manifest) and that nobody changed since (same size, not modified after the marker that
//! the previous build wrote last) is not written at all. [`Staging::commit`] then moves the changed files in, removes the files the site no
//! longer has and writes the manifest. Without a commit (a failed build) the staging folder
//! is removed and the output is exactly as it was. A first build writes the whole site into
//! the staging folder and renames it to the output.

use super::existing::{self, Existing};
use super::guard::MARKER;
use super::manifest::{self, Entry};
use super::previous::Previous;
use super::streamed::Streamed;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::render::{SiteSink, stream_error};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A new output being rendered; see the module documentation.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    mode: Mode,
    entries: Mutex<Vec<(String, Entry)>>,
    committed: bool,
}

/// How the staging folder relates to the output.
enum Mode {
    /// No output yet: the staging folder is the whole new site, renamed at commit.
    Fresh { folders: Mutex<HashSet<PathBuf>> },
    /// An output exists: the staging folder holds the changed files only, under numbers.
    Update {
        previous: Previous,
        staged: Mutex<Vec<(PathBuf, String)>>,
        next: AtomicUsize,
    },
}

impl Staging {
    /// Starts a new output for `out` (an absolute path that passed `check_output_folder`).
    pub fn open(out: &Path) -> Result<Self, Diagnostic> {
        Self::open_over(out, Previous::read(out))
    }

    /// Starts a new output for `out` over `previous`, the output folder as read before
    /// (`None` when there is none).
    pub fn open_over(out: &Path, previous: Option<Previous>) -> Result<Self, Diagnostic> {
        let parent = out
            .parent()
            .ok_or_else(|| error(out, "the output folder has no parent folder"))?;
        fs::create_dir_all(parent)
            .map_err(|e| error(parent, &format!("cannot create the folder: {e}")))?;
        let name = out
            .file_name()
            .map_or("output".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.journeymap-new-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)
            .map_err(|e| error(&dir, &format!("cannot create the folder: {e}")))?;
        let mode = match previous {
            Some(previous) => Mode::Update {
                previous,
                staged: Mutex::new(Vec::new()),
                next: AtomicUsize::new(0),
            },
            None => Mode::Fresh {
                folders: Mutex::new(HashSet::new()),
            },
        };
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            mode,
            entries: Mutex::new(Vec::new()),
            committed: false,
        })
    }

    /// Puts the new output in place: see the module documentation.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let entries = std::mem::take(&mut *lock(&self.entries));
        let manifest = manifest::write(&entries);
        match &self.mode {
            Mode::Fresh { .. } => {
                fs::write(self.dir.join(MARKER), manifest)
                    .map_err(|e| error(&self.dir, &e.to_string()))?;
                fs::rename(&self.dir, &self.out).map_err(|e| {
                    error(
                        &self.out,
                        &format!("cannot move the new output in place: {e}"),
                    )
                })?;
            }
            Mode::Update {
                previous, staged, ..
            } => {
                let existing = &previous.existing;
                let staged = std::mem::take(&mut *lock(staged));
                let wanted: HashSet<&str> = entries.iter().map(|(p, _)| p.as_str()).collect();
                let same = staged.is_empty()
                    && existing.files.len() == wanted.len() + 1
                    && fs::read_to_string(self.out.join(MARKER)).is_ok_and(|m| m == manifest);
                if same {
                    let _ = fs::remove_dir(&self.dir);
                    self.committed = true;
                    return Ok(());
                }
                self.update(existing, &wanted, &staged)?;
                let temporary = self.dir.join(MARKER);
                fs::write(&temporary, manifest)
                    .and_then(|()| fs::rename(&temporary, self.out.join(MARKER)))
                    .map_err(|e| error(&self.out.join(MARKER), &e.to_string()))?;
                let _ = fs::remove_dir(&self.dir);
            }
        }
        self.committed = true;
        Ok(())
    }

    /// Removes what the new site does not have, then moves the staged files in.
    fn update(
        &self,
        existing: &Existing,
        wanted: &HashSet<&str>,
        staged: &[(PathBuf, String)],
    ) -> Result<(), Diagnostic> {
        let mut needed: HashSet<&str> = HashSet::new();
        for path in wanted {
            let mut rest = *path;
            while let Some((folder, _)) = rest.rsplit_once('/') {
                if !needed.insert(folder) {
                    break;
                }
                rest = folder;
            }
        }
        existing
            .files
            .par_iter()
            .filter(|(path, _)| path.as_str() != MARKER && !wanted.contains(path.as_str()))
            .try_for_each(|(path, _)| {
                let target = self.out.join(path);
                fs::remove_file(&target).map_err(|e| error(&target, &format!("cannot remove: {e}")))
            })?;
        let mut stale: Vec<&String> = existing
            .folders
            .iter()
            .filter(|f| !needed.contains(f.as_str()))
            .collect();
        stale.sort_by_key(|f| std::cmp::Reverse(f.len()));
        for folder in stale {
            let target = self.out.join(folder);
            if wanted.contains(folder.as_str()) {
                existing::remove_tree(&target);
            } else {
                let _ = fs::remove_dir(&target);
            }
        }
        let mut folders: Vec<&str> = needed
            .iter()
            .filter(|f| !existing.folders.contains(**f))
            .copied()
            .collect();
        folders.sort_by_key(|f| f.len());
        for folder in folders {
            let target = self.out.join(folder);
            fs::create_dir_all(&target)
                .map_err(|e| error(&target, &format!("cannot create the folder: {e}")))?;
        }
        staged.par_iter().try_for_each(|(from, path)| {
            let target = self.out.join(path);
            fs::rename(from, &target).map_err(|e| error(&target, &format!("cannot write: {e}")))
        })
    }

    /// Where a file of the site is written while it is rendered.
    fn target(&self, path: &str) -> Result<PathBuf, Diagnostic> {
        if path.split('/').any(|part| part == ".." || part.is_empty()) || path == MARKER {
            return Err(error(
                Path::new(path),
                "refusing to write outside the output folder",
            ));
        }
        match &self.mode {
            Mode::Fresh { folders } => {
                let target = self.dir.join(path);
                if let Some(folder) = target.parent() {
                    let mut made = lock(folders);
                    if !made.contains(folder) {
                        fs::create_dir_all(folder).map_err(|e| {
                            error(folder, &format!("cannot create the folder: {e}"))
                        })?;
                        made.insert(folder.to_path_buf());
                    }
                }
                Ok(target)
            }
            Mode::Update { next, staged, .. } => {
                let target = self
                    .dir
                    .join(next.fetch_add(1, Ordering::Relaxed).to_string());
                lock(staged).push((target.clone(), path.to_string()));
                Ok(target)
            }
        }
    }

    /// The previous entry of a file when the file is still as that build left it (whatever
    /// the new bytes are).
    fn untouched(&self, path: &str) -> Option<Entry> {
        let Mode::Update { previous, .. } = &self.mode else {
            return None;
        };
        let entry = previous.manifest.get(path)?;
        let on_disk = previous.existing.files.get(path)?;
        let untouched = on_disk.len == entry.len && on_disk.modified <= previous.marked?;
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
        fs::write(&target, &bytes).map_err(|e| error(&target, &format!("cannot write: {e}")))?;
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
                let message = d.message.clone();
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
        let bytes = fs::read(source).map_err(|e| error(source, &format!("cannot copy: {e}")))?;
        self.file(path, bytes)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            existing::remove_tree(&self.dir);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn error(path: &Path, message: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Output,
        Location::file(path.display().to_string().into()),
        message.to_string(),
    )
}

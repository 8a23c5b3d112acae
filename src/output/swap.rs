//! Writes the site into a temporary folder beside the output while it is rendered, then
//! swaps it in.

use super::guard::MARKER;
use super::manifest;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::render::{SiteSink, stream_error};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::hash::Hasher;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A new output being written: a staging folder beside the output. [`Staging::commit`] swaps
/// it in; dropped without a commit, it is removed and the previous output stays as it was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    retired: PathBuf,
    previous: HashMap<String, u64>,
    hashes: Mutex<Vec<(String, u64)>>,
    folders: Mutex<HashSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    /// Starts a new output for `out` (an absolute path that passed `check_output_folder`).
    pub fn open(out: &Path) -> Result<Self, Diagnostic> {
        let parent = out
            .parent()
            .ok_or_else(|| error(out, "the output folder has no parent folder"))?;
        fs::create_dir_all(parent)
            .map_err(|e| error(parent, &format!("cannot create the folder: {e}")))?;
        let name = out
            .file_name()
            .map_or("output".into(), |n| n.to_string_lossy().into_owned());
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.journeymap-new-{pid}"));
        let retired = parent.join(format!(".{name}.journeymap-old-{pid}"));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)
            .map_err(|e| error(&dir, &format!("cannot create the folder: {e}")))?;
        Ok(Staging {
            out: out.to_path_buf(),
            previous: manifest::read(&out.join(MARKER)),
            dir,
            retired,
            hashes: Mutex::new(Vec::new()),
            folders: Mutex::new(HashSet::new()),
            committed: false,
        })
    }

    /// Writes the manifest and puts the new output in place of the previous one.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let hashes = std::mem::take(&mut *self.hashes.lock().unwrap_or_else(|e| e.into_inner()));
        fs::write(self.dir.join(MARKER), manifest::write(&hashes))
            .map_err(|e| error(&self.dir, &e.to_string()))?;
        if self.out.exists() {
            fs::rename(&self.out, &self.retired).map_err(|e| {
                error(
                    &self.out,
                    &format!("cannot move the previous output aside: {e}"),
                )
            })?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            if self.retired.exists() {
                let _ = fs::rename(&self.retired, &self.out);
            }
            return Err(error(
                &self.out,
                &format!("cannot move the new output in place: {e}"),
            ));
        }
        self.committed = true;
        if self.retired.exists() {
            remove_tree(&self.retired);
        }
        Ok(())
    }

    /// The staging path of an output path, with its folder created.
    fn target(&self, path: &str) -> Result<PathBuf, Diagnostic> {
        if path.split('/').any(|part| part == ".." || part.is_empty()) {
            return Err(error(
                Path::new(path),
                "refusing to write outside the output folder",
            ));
        }
        let target = self.dir.join(path);
        if let Some(folder) = target.parent() {
            let mut made = self.folders.lock().unwrap_or_else(|e| e.into_inner());
            if !made.contains(folder) {
                fs::create_dir_all(folder)
                    .map_err(|e| error(folder, &format!("cannot create the folder: {e}")))?;
                made.insert(folder.to_path_buf());
            }
        }
        Ok(target)
    }
}

impl SiteSink for Staging {
    /// Writes a file, or hard-links it from the previous output when its bytes are the same
    /// there (per the manifest in the previous marker).
    fn file(&self, path: &str, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        let target = self.target(path)?;
        let hash = manifest::hash(&bytes);
        let unchanged = self.previous.get(path) == Some(&hash);
        if !(unchanged && fs::hard_link(self.out.join(path), &target).is_ok()) {
            fs::write(&target, &bytes)
                .map_err(|e| error(&target, &format!("cannot write: {e}")))?;
        }
        self.hashes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), hash));
        Ok(())
    }

    /// Writes a file as it is produced, through a buffer, hashing it on the way.
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Diagnostic> {
        let target = self.target(path)?;
        let file = fs::File::create(&target).map_err(|e| stream_error(path, &e))?;
        let mut out = HashingWriter {
            inner: io::BufWriter::with_capacity(1 << 20, file),
            hasher: manifest::FileHasher::default(),
        };
        write(&mut out)
            .and_then(|()| out.inner.flush())
            .map_err(|e| stream_error(path, &e))?;
        self.hashes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), out.hasher.finish()));
        Ok(())
    }

    fn copy(&self, path: &str, source: &Path) -> Result<(), Diagnostic> {
        let target = self.target(path)?;
        fs::copy(source, &target)
            .map(|_| ())
            .map_err(|e| error(source, &format!("cannot copy: {e}")))
    }
}

/// A writer that hashes what goes through it, as [`manifest::hash`] would hash the whole.
struct HashingWriter<W> {
    inner: W,
    hasher: manifest::FileHasher,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.hasher.write(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes a folder and everything in it, sub-folders in parallel (a previous output of
/// thousands of files takes a while to unlink one by one). Best effort: what cannot be
/// removed stays.
fn remove_tree(folder: &Path) {
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

fn error(path: &Path, message: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Output,
        Location::file(path.display().to_string().into()),
        message.to_string(),
    )
}

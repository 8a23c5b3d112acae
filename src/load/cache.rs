//! A cache of file contents by path, size and modification time, and of the journeys read
//! from them, so a rebuild (in `serve`) reads and parses again only the files that changed.

use super::journey::JourneyDraft;
use super::page::PageDraft;
use crate::diagnostics::Diagnostics;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// A file as it was read: when it was modified, its size and its bytes.
#[derive(Debug)]
struct Entry {
    modified: Option<SystemTime>,
    len: u64,
    bytes: Arc<[u8]>,
}

/// A file as it was parsed: its text, what it was checked against, and the result.
#[derive(Debug)]
pub(super) struct Parsed<T> {
    /// The file's text.
    pub text: Arc<str>,
    /// The settings it was checked against (see [`super::JourneyContext`]), as text.
    pub context: Arc<str>,
    /// What was read, if anything, and the file's diagnostics.
    pub result: (Option<T>, Diagnostics),
}

/// File contents and parsed journeys kept between builds.
#[derive(Debug, Default)]
pub struct FileCache {
    entries: Mutex<HashMap<PathBuf, Entry>>,
    reads: AtomicUsize,
    pub(super) journeys: HashMap<String, Parsed<JourneyDraft>>,
    pub(super) pages: HashMap<String, Parsed<PageDraft>>,
    parses: usize,
    forgets: bool,
}

impl FileCache {
    /// An empty cache that keeps what it reads, for builds to come.
    pub fn new() -> Self {
        Self::default()
    }

    /// A cache for one build only: it keeps nothing, so a build holds no second copy of the
    /// project's files.
    pub fn once() -> Self {
        FileCache {
            forgets: true,
            ..Self::default()
        }
    }

    /// Whether it keeps what it reads.
    pub fn remembers(&self) -> bool {
        !self.forgets
    }

    /// The bytes of a file: from the cache when its size and modification time are the same,
    /// read from disk otherwise. Files may be read from several threads at once.
    pub fn read(&self, path: &Path) -> std::io::Result<Arc<[u8]>> {
        let metadata = std::fs::metadata(path)?;
        let modified = metadata.modified().ok();
        let entries = || self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = entries().get(path)
            && entry.modified == modified
            && modified.is_some()
            && entry.len == metadata.len()
        {
            return Ok(entry.bytes.clone());
        }
        let bytes: Arc<[u8]> = Arc::from(std::fs::read(path)?);
        self.reads.fetch_add(1, Ordering::Relaxed);
        if self.forgets {
            return Ok(bytes);
        }
        let entry = Entry {
            modified,
            len: metadata.len(),
            bytes: bytes.clone(),
        };
        entries().insert(path.to_path_buf(), entry);
        Ok(bytes)
    }

    /// How many files were read from disk so far.
    pub fn reads(&self) -> usize {
        self.reads.load(Ordering::Relaxed)
    }

    /// How many journey files were parsed so far.
    pub fn parses(&self) -> usize {
        self.parses
    }

    /// Counts journey files parsed in a build.
    pub(super) fn count_parses(&mut self, parsed: usize) {
        self.parses += parsed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_files_are_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "one").unwrap();
        std::fs::write(&b, "two").unwrap();
        let cache = FileCache::new();
        cache.read(&a).unwrap();
        cache.read(&b).unwrap();
        assert_eq!(cache.reads(), 2);
        assert_eq!(&*cache.read(&a).unwrap(), b"one");
        assert_eq!(cache.reads(), 2, "unchanged: from the cache");
        std::fs::write(&b, "three!").unwrap();
        assert_eq!(&*cache.read(&b).unwrap(), b"three!");
        assert_eq!(cache.reads(), 3, "changed: read again");
    }
}

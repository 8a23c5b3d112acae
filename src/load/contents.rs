//! A cache of file contents by path, size and modification time, so a rebuild (in `serve`)
//! reads again only the files that changed. It knows nothing of what the files hold.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
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

/// What reading a file through the cache gives.
#[derive(Debug)]
pub enum Contents {
    /// The file's bytes.
    Bytes(Arc<[u8]>),
    /// The file is larger than the limit: this many bytes (or more); it was not read.
    TooLarge(u64),
}

/// File contents kept between builds.
#[derive(Debug, Default)]
pub struct FileContents {
    entries: Mutex<HashMap<PathBuf, Entry>>,
    reads: AtomicUsize,
    forgets: bool,
}

impl FileContents {
    /// An empty cache that keeps what it reads, for builds to come.
    pub fn new() -> Self {
        Self::default()
    }

    /// A cache for one build only: it keeps nothing, so a build holds no second copy of the
    /// project's files.
    pub fn once() -> Self {
        FileContents {
            forgets: true,
            ..Self::default()
        }
    }

    /// Whether it keeps what it reads.
    pub fn remembers(&self) -> bool {
        !self.forgets
    }

    /// The bytes of a file of at most `limit` bytes: from the cache when its size and
    /// modification time are the same, read from disk otherwise (one open, one `fstat`). Files
    /// may be read from several threads at once.
    pub fn read(&self, path: &Path, limit: u64) -> std::io::Result<Contents> {
        let file = File::open(path)?;
        let metadata = file.metadata()?;
        let len = metadata.len();
        if len > limit {
            return Ok(Contents::TooLarge(len));
        }
        let modified = metadata.modified().ok();
        let entries = || self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = entries().get(path)
            && entry.modified == modified
            && modified.is_some()
            && entry.len == len
        {
            return Ok(Contents::Bytes(entry.bytes.clone()));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
        file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > limit {
            return Ok(Contents::TooLarge(bytes.len() as u64));
        }
        let bytes: Arc<[u8]> = Arc::from(bytes);
        self.reads.fetch_add(1, Ordering::Relaxed);
        if self.forgets {
            return Ok(Contents::Bytes(bytes));
        }
        let entry = Entry {
            modified,
            len,
            bytes: bytes.clone(),
        };
        entries().insert(path.to_path_buf(), entry);
        Ok(Contents::Bytes(bytes))
    }

    /// How many files were read from disk so far.
    pub fn reads(&self) -> usize {
        self.reads.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(cache: &FileContents, path: &Path) -> Vec<u8> {
        match cache.read(path, 100).unwrap() {
            Contents::Bytes(bytes) => bytes.to_vec(),
            Contents::TooLarge(len) => panic!("too large: {len}"),
        }
    }

    #[test]
    fn only_changed_files_are_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "one").unwrap();
        std::fs::write(&b, "two").unwrap();
        let cache = FileContents::new();
        bytes(&cache, &a);
        bytes(&cache, &b);
        assert_eq!(cache.reads(), 2);
        assert_eq!(bytes(&cache, &a), b"one");
        assert_eq!(cache.reads(), 2, "unchanged: from the cache");
        std::fs::write(&b, "three!").unwrap();
        assert_eq!(bytes(&cache, &b), b"three!");
        assert_eq!(cache.reads(), 3, "changed: read again");
    }

    #[test]
    fn a_file_over_the_limit_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        std::fs::write(&path, "x".repeat(101)).unwrap();
        let cache = FileContents::once();
        assert!(matches!(
            cache.read(&path, 100).unwrap(),
            Contents::TooLarge(101)
        ));
        assert_eq!(cache.reads(), 0);
        std::fs::write(&path, "x".repeat(100)).unwrap();
        assert_eq!(bytes(&cache, &path).len(), 100);
    }
}

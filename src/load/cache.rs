//! A cache of file contents by path, size and modification time, so a rebuild (in `serve`)
//! reads again only the files that changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// A file as it was read: when it was modified, its size and its bytes.
#[derive(Debug)]
struct Entry {
    modified: Option<SystemTime>,
    len: u64,
    bytes: Arc<[u8]>,
}

/// File contents kept between builds.
#[derive(Debug, Default)]
pub struct FileCache {
    entries: HashMap<PathBuf, Entry>,
    reads: usize,
}

impl FileCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The bytes of a file: from the cache when its size and modification time are the same,
    /// read from disk otherwise.
    pub fn read(&mut self, path: &Path) -> std::io::Result<Arc<[u8]>> {
        let metadata = std::fs::metadata(path)?;
        let modified = metadata.modified().ok();
        if let Some(entry) = self.entries.get(path)
            && entry.modified == modified
            && modified.is_some()
            && entry.len == metadata.len()
        {
            return Ok(entry.bytes.clone());
        }
        let bytes: Arc<[u8]> = Arc::from(std::fs::read(path)?);
        self.reads += 1;
        let entry = Entry {
            modified,
            len: metadata.len(),
            bytes: bytes.clone(),
        };
        self.entries.insert(path.to_path_buf(), entry);
        Ok(bytes)
    }

    /// How many files were read from disk so far.
    pub fn reads(&self) -> usize {
        self.reads
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
        let mut cache = FileCache::new();
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

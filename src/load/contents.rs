//! A cache of file contents by path, size and modification time, so a rebuild (in `serve`)
//! reads again only the files that changed. It knows of the files only whether they are
//! UTF-8 text: text is kept decoded, so an unchanged file is neither read nor checked again.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// A file as it was read: when it was modified, its size and what it holds.
#[derive(Debug)]
struct Entry {
    modified: Option<SystemTime>,
    len: u64,
    held: Held,
}

/// What a file holds, as the cache keeps it.
#[derive(Debug, Clone)]
enum Held {
    /// Bytes, as they are.
    Bytes(Arc<[u8]>),
    /// UTF-8 text without a byte-order mark.
    Text(Arc<str>),
}

/// What reading a file through the cache gives.
#[derive(Debug)]
pub enum Contents {
    /// The file's bytes.
    Bytes(Arc<[u8]>),
    /// The file is larger than the limit: this many bytes (or more); it was not read.
    TooLarge(u64),
}

/// What reading a text file through the cache gives.
#[derive(Debug)]
pub enum TextContents {
    /// The text, without a byte-order mark.
    Text(Arc<str>),
    /// The bytes, which are not UTF-8.
    NotUtf8(Arc<[u8]>),
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
    /// modification time are the same, read from disk otherwise. Files may be read from
    /// several threads at once.
    pub fn read(&self, path: &Path, limit: u64) -> std::io::Result<Contents> {
        match self.held(path, limit, false)? {
            Ok(Held::Bytes(bytes)) => Ok(Contents::Bytes(bytes)),
            Ok(Held::Text(text)) => Ok(Contents::Bytes(Arc::from(text.as_bytes()))),
            Err(len) => Ok(Contents::TooLarge(len)),
        }
    }

    /// The text of a UTF-8 file of at most `limit` bytes, without a byte-order mark: from the
    /// cache when its size and modification time are the same, read and checked otherwise.
    pub fn read_text(&self, path: &Path, limit: u64) -> std::io::Result<TextContents> {
        match self.held(path, limit, true)? {
            Ok(Held::Text(text)) => Ok(TextContents::Text(text)),
            Ok(Held::Bytes(bytes)) => Ok(match as_text(&bytes) {
                Some(text) => TextContents::Text(text),
                None => TextContents::NotUtf8(bytes),
            }),
            Err(len) => Ok(TextContents::TooLarge(len)),
        }
    }

    /// What the file holds (text when `text` is asked for and it is UTF-8), or its size when
    /// it is over the limit. An unchanged file costs one `stat`; a changed one is opened, and
    /// its size and time are those of the opened file.
    fn held(&self, path: &Path, limit: u64, text: bool) -> std::io::Result<Result<Held, u64>> {
        let entries = || self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if self.remembers() {
            let metadata = std::fs::metadata(path)?;
            let modified = metadata.modified().ok();
            if let Some(entry) = entries().get(path)
                && entry.modified == modified
                && modified.is_some()
                && entry.len == metadata.len()
            {
                return Ok(Ok(entry.held.clone()));
            }
        }
        let file = File::open(path)?;
        let metadata = file.metadata()?;
        let len = metadata.len();
        if len > limit {
            return Ok(Err(len));
        }
        let modified = metadata.modified().ok();
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
        file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > limit {
            return Ok(Err(bytes.len() as u64));
        }
        self.reads.fetch_add(1, Ordering::Relaxed);
        let held = match text.then(|| as_text(&bytes)).flatten() {
            Some(text) => Held::Text(text),
            None => Held::Bytes(Arc::from(bytes)),
        };
        if self.remembers() {
            let entry = Entry {
                modified,
                len,
                held: held.clone(),
            };
            entries().insert(path.to_path_buf(), entry);
        }
        Ok(Ok(held))
    }

    /// How many files were read from disk so far.
    pub fn reads(&self) -> usize {
        self.reads.load(Ordering::Relaxed)
    }
}

/// The bytes as text without a byte-order mark, if they are UTF-8.
fn as_text(bytes: &[u8]) -> Option<Arc<str>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).ok().map(Arc::from)
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

    #[test]
    fn text_is_kept_decoded_and_read_again_only_when_it_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "\u{FEFF}caf\u{e9}").unwrap();
        let cache = FileContents::new();
        let text = |cache: &FileContents| match cache.read_text(&path, 100).unwrap() {
            TextContents::Text(text) => text,
            other => panic!("not text: {other:?}"),
        };
        let first = text(&cache);
        assert_eq!(&*first, "caf\u{e9}", "without the byte-order mark");
        assert!(Arc::ptr_eq(&first, &text(&cache)), "the same text, kept");
        assert_eq!(cache.reads(), 1);
        std::fs::write(&path, b"caf\xE9!").unwrap();
        assert!(matches!(
            cache.read_text(&path, 100).unwrap(),
            TextContents::NotUtf8(bytes) if &bytes[..] == b"caf\xE9!"
        ));
        assert_eq!(cache.reads(), 2);
    }
}

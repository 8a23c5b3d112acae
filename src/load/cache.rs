//! What a build keeps for the next one (in `serve`): file contents, and what the journey and
//! page files gave when they were decoded.

use super::contents::{Contents, FileContents};
use super::memo::ParseMemo;
use std::path::Path;

/// File contents and decoded files kept between builds.
#[derive(Debug)]
pub struct FileCache {
    pub(super) files: FileContents,
    pub(super) memo: ParseMemo,
}

impl Default for FileCache {
    fn default() -> Self {
        Self::new()
    }
}

impl FileCache {
    /// An empty cache that keeps what it reads, for builds to come.
    pub fn new() -> Self {
        FileCache {
            files: FileContents::new(),
            memo: ParseMemo::default(),
        }
    }

    /// A cache for one build only: it keeps nothing, so a build holds no second copy of the
    /// project's files.
    pub fn once() -> Self {
        FileCache {
            files: FileContents::once(),
            memo: ParseMemo::default(),
        }
    }

    /// Whether it keeps what it reads.
    pub fn remembers(&self) -> bool {
        self.files.remembers()
    }

    /// The bytes of a file of at most `limit` bytes (see `FileContents::read`).
    pub fn read(&self, path: &Path, limit: u64) -> std::io::Result<Contents> {
        self.files.read(path, limit)
    }

    /// How many files were read from disk so far.
    pub fn reads(&self) -> usize {
        self.files.reads()
    }

    /// How many journey files were parsed so far.
    pub fn parses(&self) -> usize {
        self.memo.parses
    }
}

//! Where rendered files go as soon as they are made: the output's staging folder for
//! `build` (so the whole site never sits in memory), or memory for `serve`.

use crate::diagnostics::{Code, Diagnostic, Location};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Takes the files of a site while it is rendered, from several threads at once.
pub trait SiteSink: Sync {
    /// Takes a generated file, by its path in the output folder.
    fn file(&self, path: &str, bytes: Vec<u8>) -> Result<(), Diagnostic>;
    /// Takes a file to copy as it is from `source`.
    fn copy(&self, path: &str, source: &Path) -> Result<(), Diagnostic>;
    /// Takes a generated file that `write` streams out, for files too large to hold (a
    /// sink that keeps files in memory collects the bytes).
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Diagnostic> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| stream_error(path, &e))?;
        self.file(path, bytes)
    }
}

/// The error of a file whose bytes could not be produced or written.
pub fn stream_error(path: &str, error: &io::Error) -> Diagnostic {
    Diagnostic::error(
        Code::Output,
        Location::file(format!("output/{path}").into()),
        crate::msg!("error.cannot_write", reason = error),
    )
}

/// A site held in memory: generated files and files to copy, by path in the output folder.
#[derive(Debug, Default)]
pub struct MemorySite {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
    copies: Mutex<BTreeMap<String, PathBuf>>,
}

impl MemorySite {
    /// The generated files and the files to copy (output path -> source path).
    pub fn into_parts(self) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, PathBuf>) {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let copies = self.copies.into_inner().unwrap_or_else(|e| e.into_inner());
        (files, copies)
    }
}

impl SiteSink for MemorySite {
    fn file(&self, path: &str, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), bytes);
        Ok(())
    }

    fn copy(&self, path: &str, source: &Path) -> Result<(), Diagnostic> {
        self.copies
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), source.to_path_buf());
        Ok(())
    }
}

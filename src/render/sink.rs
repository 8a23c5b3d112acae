//! Where rendered files go as soon as they are made: the output's staging folder for
//! `build` (so the whole site never sits in memory), or memory for `serve`.

use crate::diagnostics::{Code, Diagnostic, Location};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// Takes the files of a site while it is rendered, from several threads at once.
pub trait SiteSink: Sync {
    /// Takes a generated file, by its path in the output folder.
    fn file(&self, path: &str, bytes: Vec<u8>) -> Result<(), Diagnostic>;
    /// Takes a file to copy as it is from `source`.
    fn copy(&self, path: &str, source: &Path) -> Result<(), Diagnostic>;
    /// Takes a generated file that `write` streams out, for files too large to hold (a
    /// sink that keeps files in memory collects the bytes, and stops taking them once
    /// abandoned).
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Diagnostic> {
        let mut bytes = UnlessAbandoned {
            chunks: Vec::new(),
            abandoned: &|| self.abandoned(),
        };
        write(&mut bytes).map_err(|e| stream_error(path, &e))?;
        self.file(path, bytes.chunks.concat())
    }
    /// True when the files are no longer wanted (a newer edit came in while `serve` was
    /// rendering): the render starts no further file, and its caller throws the site away.
    fn abandoned(&self) -> bool {
        false
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
pub struct MemorySite<'a> {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
    copies: Mutex<BTreeMap<String, PathBuf>>,
    /// Set (by another thread) when the site is no longer wanted.
    abandon: Option<&'a AtomicBool>,
}

impl<'a> MemorySite<'a> {
    /// An empty site that is abandoned as soon as `abandon` is set.
    pub fn abandoned_when(abandon: &'a AtomicBool) -> Self {
        MemorySite {
            abandon: Some(abandon),
            ..MemorySite::default()
        }
    }

    /// The generated files and the files to copy (output path -> source path).
    pub fn into_parts(self) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, PathBuf>) {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let copies = self.copies.into_inner().unwrap_or_else(|e| e.into_inner());
        (files, copies)
    }
}

impl SiteSink for MemorySite<'_> {
    fn abandoned(&self) -> bool {
        self.abandon.is_some_and(|a| a.load(Ordering::Relaxed))
    }

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

/// How much of a streamed file is gathered in one piece.
const CHUNK: usize = 1 << 20;

/// A file's bytes in memory, refused once the site is abandoned (so a long file stops). They
/// are gathered in pieces and put together once: a file of hundreds of megabytes (`model.json`
/// of a large site) grown by doubling was copied again and again, and its memory twice.
struct UnlessAbandoned<'a> {
    chunks: Vec<Vec<u8>>,
    abandoned: &'a dyn Fn() -> bool,
}

impl Write for UnlessAbandoned<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if (self.abandoned)() {
            return Err(io::Error::other("abandoned"));
        }
        match self.chunks.last_mut() {
            Some(chunk) if chunk.len() + buf.len() <= chunk.capacity() => {
                chunk.extend_from_slice(buf);
            }
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK.max(buf.len()));
                chunk.extend_from_slice(buf);
                self.chunks.push(chunk);
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_stops_once_the_site_is_abandoned() {
        let abandon = AtomicBool::new(false);
        let site = MemorySite::abandoned_when(&abandon);
        let mut write = |out: &mut dyn Write| {
            out.write_all(b"first")?;
            abandon.store(true, Ordering::Relaxed);
            out.write_all(b"second")
        };
        assert!(site.stream("model.json", &mut write).is_err());
        assert!(site.abandoned());
        let (files, _) = site.into_parts();
        assert!(files.is_empty(), "nothing half-written is kept");
        let kept = MemorySite::default();
        kept.stream("a.csv", &mut |out| out.write_all(b"x"))
            .unwrap();
        assert_eq!(kept.into_parts().0["a.csv"], b"x");
    }
}

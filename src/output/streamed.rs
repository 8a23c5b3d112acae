//! A file streamed into the output (one too large to hold, such as `model.json`): compared
//! with the previous build's file as the bytes come, and written to the staging folder only
//! from the first byte that differs. An unchanged file is read once and never written.

use super::manifest::{Entry, FileHasher};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;

/// Where the bytes of a streamed file go; see the module documentation.
pub(super) struct Streamed<'a> {
    /// The previous build's file, read along while the new bytes are the same.
    previous: Option<(PathBuf, BufReader<File>)>,
    /// How many bytes matched the previous file so far.
    matched: u64,
    /// The new file in the staging folder, once the bytes differ (or from the start).
    out: Option<BufWriter<File>>,
    /// Creates the new file in the staging folder.
    create: &'a mut dyn FnMut() -> io::Result<File>,
    hasher: FileHasher,
    len: u64,
    scratch: Vec<u8>,
}

const BUFFER: usize = 1 << 20;

impl<'a> Streamed<'a> {
    /// A stream compared against `previous` (a file the previous build wrote and nobody
    /// changed since), or written from the start when there is none.
    pub(super) fn new(
        previous: Option<PathBuf>,
        create: &'a mut dyn FnMut() -> io::Result<File>,
    ) -> io::Result<Self> {
        let previous = match previous {
            Some(path) => match File::open(&path) {
                Ok(file) => Some((path, BufReader::with_capacity(BUFFER, file))),
                Err(_) => None,
            },
            None => None,
        };
        let mut streamed = Streamed {
            previous,
            matched: 0,
            out: None,
            create,
            hasher: FileHasher::default(),
            len: 0,
            scratch: Vec::new(),
        };
        if streamed.previous.is_none() {
            streamed.diverge()?;
        }
        Ok(streamed)
    }

    /// Ends the stream and gives the file's manifest entry. When every byte matched and the
    /// previous file has no more, nothing was written; otherwise the new bytes are in the
    /// file `create` made.
    pub(super) fn finish(mut self) -> io::Result<Entry> {
        if let Some((_, reader)) = &mut self.previous {
            let mut byte = [0u8; 1];
            if reader.read(&mut byte)? == 0 {
                return Ok(self.entry());
            }
            self.diverge()?;
        }
        if let Some(out) = &mut self.out {
            out.flush()?;
        }
        Ok(self.entry())
    }

    fn entry(&self) -> Entry {
        Entry {
            hash: self.hasher.digest(),
            len: self.len,
        }
    }

    /// From here on the bytes are written: the new file starts with the bytes that matched.
    fn diverge(&mut self) -> io::Result<()> {
        let mut out = BufWriter::with_capacity(BUFFER, (self.create)()?);
        if let Some((path, _)) = self.previous.take() {
            let copied = io::copy(&mut File::open(path)?.take(self.matched), &mut out)?;
            if copied != self.matched {
                return Err(io::Error::other(
                    "the previous file changed while it was read",
                ));
            }
        }
        self.out = Some(out);
        Ok(())
    }

    /// Whether `bytes` come next in the previous file (read past them either way).
    fn matches(&mut self, bytes: &[u8]) -> bool {
        let Some((_, reader)) = &mut self.previous else {
            return false;
        };
        self.scratch.resize(bytes.len(), 0);
        reader.read_exact(&mut self.scratch).is_ok() && self.scratch == bytes
    }
}

impl Write for Streamed<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.hasher.update(bytes);
        self.len += bytes.len() as u64;
        if self.previous.is_some() {
            if self.matches(bytes) {
                self.matched += bytes.len() as u64;
                return Ok(bytes.len());
            }
            self.diverge()?;
        }
        match &mut self.out {
            Some(out) => out.write_all(bytes).map(|()| bytes.len()),
            None => Err(io::Error::other("the streamed file has no destination")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.out {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::manifest;

    /// Streams `pieces` against a previous file holding `old` (if any); gives the entry and
    /// what the new file holds (`None`: no file was made, the bytes were unchanged).
    fn stream(old: Option<&[u8]>, pieces: &[&[u8]]) -> (Entry, Option<Vec<u8>>) {
        let dir = tempfile::tempdir().unwrap();
        let previous = old.map(|bytes| {
            let path = dir.path().join("old");
            std::fs::write(&path, bytes).unwrap();
            path
        });
        let new = dir.path().join("new");
        let mut create = || File::create(&new);
        let mut streamed = Streamed::new(previous, &mut create).unwrap();
        for piece in pieces {
            streamed.write_all(piece).unwrap();
        }
        let entry = streamed.finish().unwrap();
        (entry, std::fs::read(&new).ok())
    }

    #[test]
    fn the_same_bytes_are_read_and_never_written() {
        let (entry, new) = stream(Some(b"hello world"), &[b"hello ", b"world"]);
        assert_eq!(new, None, "no file is made");
        assert_eq!(entry.hash, manifest::hash(b"hello world"));
        assert_eq!(entry.len, 11);
    }

    /// The previous file, the pieces streamed, and the file they must give.
    type Case<'a> = (&'a [u8], &'a [&'a [u8]], &'a [u8]);

    #[test]
    fn the_new_file_holds_exactly_the_new_bytes_wherever_they_differ() {
        let cases: [Case; 5] = [
            (b"hello world", &[b"hello ", b"there"], b"hello there"),
            (
                b"hello world",
                &[b"hello ", b"world", b"!"],
                b"hello world!",
            ),
            (b"hello world", &[b"hello "], b"hello "),
            (b"hello world", &[b"Hello ", b"world"], b"Hello world"),
            (b"", &[b"new"], b"new"),
        ];
        for (old, pieces, expected) in cases {
            let (entry, new) = stream(Some(old), pieces);
            assert_eq!(new.as_deref(), Some(expected), "{pieces:?}");
            assert_eq!(entry.hash, manifest::hash(expected));
            assert_eq!(entry.len, expected.len() as u64);
        }
    }

    #[test]
    fn without_a_previous_file_everything_is_written() {
        let (entry, new) = stream(None, &[b"a", b"b"]);
        assert_eq!(new.as_deref(), Some(&b"ab"[..]));
        assert_eq!(entry.len, 2);
    }
}

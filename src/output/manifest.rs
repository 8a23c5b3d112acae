//! The manifest in the output's marker file: the hash and size of every file a build wrote,
//! so the next build leaves a file alone when it would write the same bytes (and nobody
//! changed the file since: see [`super::staging`]). No times: two builds of the same input
//! give the same manifest.

use std::collections::HashMap;
use std::path::Path;

const HEADER: &str =
    "This folder is written by journeymap build; every build brings it up to date.";

/// The hasher of file bytes: XXH3, 64 bits, fixed seed (the same bytes give the same hash in
/// every run, and hashing the whole site costs little); the bytes may come in pieces.
pub type FileHasher = xxhash_rust::xxh3::Xxh3Default;

/// A hash of a file's bytes.
pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// What the manifest knows of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Hash of the bytes.
    pub hash: u64,
    /// Size in bytes.
    pub len: u64,
}

/// The marker's text: a header line, then `hash size path` per file, sorted by path.
pub fn write(files: &[(String, Entry)]) -> String {
    use std::fmt::Write;
    let mut sorted: Vec<&(String, Entry)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut text = String::with_capacity(files.len() * 72);
    text.push_str(HEADER);
    text.push('\n');
    for (path, entry) in sorted {
        let _ = writeln!(text, "{:016x} {} {path}", entry.hash, entry.len);
    }
    text
}

/// The entries of a previous output by path; empty when there is none or it cannot be read
/// (a line it does not understand is left out, so that file is written again).
pub fn read(marker: &Path) -> HashMap<String, Entry> {
    let Ok(text) = std::fs::read_to_string(marker) else {
        return HashMap::new();
    };
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let len = parts.next()?.parse().ok()?;
            let path = parts.next()?.to_string();
            Some((path, Entry { hash, len }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_hashed_in_pieces_has_the_hash_of_the_whole() {
        let bytes: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        let mut hasher = FileHasher::new();
        for piece in bytes.chunks(333) {
            hasher.update(piece);
        }
        assert_eq!(hasher.digest(), hash(&bytes));
    }

    #[test]
    fn a_manifest_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = ("a/my page.html".to_string(), "b.css".to_string());
        let entry = |bytes: &[u8]| Entry {
            hash: hash(bytes),
            len: bytes.len() as u64,
        };
        let text = write(&[(b, entry(b"two")), (a, entry(b"one"))]);
        assert!(
            text.lines().nth(1).unwrap().ends_with(" a/my page.html"),
            "sorted: {text}"
        );
        std::fs::write(dir.path().join("m"), format!("{text}0123 an-old-line\n")).unwrap();
        let read = read(&dir.path().join("m"));
        assert_eq!(read.get("a/my page.html"), Some(&entry(b"one")));
        assert_eq!(read.len(), 2, "the line it does not understand is left out");
    }
}

//! The manifest in the output's marker file: a hash of every generated file, so the next
//! build can link unchanged files instead of writing them again.

use std::collections::HashMap;
use std::hash::Hasher;
use std::path::Path;

const HEADER: &str = "This folder is written by journeymap build; it is replaced on every build.";

/// The hasher of file bytes (fixed keys: the same bytes give the same hash in every run); the
/// bytes may come in pieces.
pub type FileHasher = std::hash::DefaultHasher;

/// A hash of a file's bytes.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = FileHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// The marker's text: a header line, then `hash path` per file, sorted by path.
pub fn write(files: &[(String, u64)]) -> String {
    let mut sorted: Vec<&(String, u64)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut text = String::with_capacity(files.len() * 48);
    text.push_str(HEADER);
    text.push('\n');
    for (path, hash) in sorted {
        text.push_str(&format!("{hash:016x} {path}\n"));
    }
    text
}

/// The hashes of a previous output by path; empty when there is none or it cannot be read.
pub fn read(marker: &Path) -> HashMap<String, u64> {
    let Ok(text) = std::fs::read_to_string(marker) else {
        return HashMap::new();
    };
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let (hash, path) = line.split_once(' ')?;
            Some((path.to_string(), u64::from_str_radix(hash, 16).ok()?))
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
            hasher.write(piece);
        }
        assert_eq!(hasher.finish(), hash(&bytes));
    }

    #[test]
    fn a_manifest_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = ("a/index.html".to_string(), "b.css".to_string());
        let text = write(&[(b, hash(b"two")), (a, hash(b"one"))]);
        assert!(
            text.lines().nth(1).unwrap().ends_with(" a/index.html"),
            "sorted: {text}"
        );
        std::fs::write(dir.path().join("m"), text).unwrap();
        let read = read(&dir.path().join("m"));
        assert_eq!(read.get("a/index.html"), Some(&hash(b"one")));
        assert_eq!(read.len(), 2);
    }
}

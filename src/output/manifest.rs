//! The manifest in the output's marker file: the hash and size of every file a build wrote,
//! so the next build leaves a file alone when it would write the same bytes (and nobody
//! changed the file since: see [`super::staging`]). No times: two builds of the same input
//! give the same manifest.

use std::collections::HashMap;

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

/// The entries of a marker's text by path, when the text is a manifest journeymap wrote: the
/// header line, then at least one well-formed `hash size path` line, each path relative,
/// without `.` or `..` parts, and listed once. Otherwise why it is not.
pub fn parse(text: &str) -> Result<HashMap<String, Entry>, String> {
    let mut lines = text.lines();
    match lines.next() {
        None => return Err("it is empty".to_string()),
        Some(header) if header != HEADER => {
            return Err("its first line is not the one journeymap writes".to_string());
        }
        Some(_) => {}
    }
    let mut entries = HashMap::new();
    for (index, line) in lines.enumerate() {
        let number = index + 2;
        let entry =
            parse_line(line).ok_or_else(|| format!("line {number} is not `hash size path`"))?;
        let (path, entry) = entry;
        if entries.insert(path, entry).is_some() {
            return Err(format!("line {number} lists a file twice"));
        }
    }
    if entries.is_empty() {
        return Err("it lists no file".to_string());
    }
    Ok(entries)
}

fn parse_line(line: &str) -> Option<(String, Entry)> {
    let mut parts = line.splitn(3, ' ');
    let hash = parts.next()?;
    if hash.len() != 16 {
        return None;
    }
    let hash = u64::from_str_radix(hash, 16).ok()?;
    let len = parts.next()?.parse().ok()?;
    let path = parts.next()?;
    let safe = !path.starts_with('/')
        && !path.contains('\\')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    safe.then(|| (path.to_string(), Entry { hash, len }))
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
        let read = parse(&text).unwrap();
        assert_eq!(read.get("a/my page.html"), Some(&entry(b"one")));
        assert_eq!(read.len(), 2);
    }

    #[test]
    fn only_a_manifest_journeymap_wrote_parses() {
        let good = format!("{HEADER}\n0123456789abcdef 3 a.html\n");
        assert!(parse(&good).is_ok());
        for bad in [
            String::new(),
            format!("{HEADER}\n"),
            "something else\n0123456789abcdef 3 a.html\n".to_string(),
            format!("{good}0123 an-old-line\n"),
            format!("{HEADER}\n0123456789abcdef 3 ../a.html\n"),
            format!("{HEADER}\n0123456789abcdef 3 /etc/passwd\n"),
            format!("{good}0123456789abcdef 3 a.html\n"),
        ] {
            assert!(parse(&bad).is_err(), "{bad:?}");
        }
    }
}

//! A bounded, deterministic mutation fuzz test over the example content in content/: a few
//! thousand damaged copies of its files (fixed seeds) are checked in-process, with panics
//! caught, and a small sample through the real binary. Every case must end (a stuck case
//! fails after a generous limit), without a panic, with exit code 0, 1 or 2, and every
//! problem must be reported with its file and, for a problem in a file's text, its line
//! and column.

mod common;
use common::{journeymap, repository};
use journeymap::analysis::analyse;
use journeymap::diagnostics::{Code, Severity};
use journeymap::load::{FileCache, load_project_cached};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// Cases checked in-process by default (a debug build checks about a hundred a second), and
/// through the binary. `JOURNEYMAP_FUZZ_CASES=3000 cargo test --test fuzz` runs more.
const CASES: usize = 300;
const BINARY_CASES: usize = 12;

/// How many cases to check in-process.
fn cases() -> usize {
    std::env::var("JOURNEYMAP_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES)
}

/// A small, fixed pseudo-random sequence (xorshift64*), so every run mutates alike.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Fragments that mean something to YAML, Markdown, HTML or journeymap.
const FRAGMENTS: [&str; 32] = [
    ":",
    "- ",
    "  ",
    "\t",
    "\n",
    "#",
    "---\n",
    "&a ",
    "*a",
    "<<: *a\n",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "|\n",
    ">-\n",
    "!!binary ",
    "%YAML 1.2\n",
    "? ",
    "~",
    "99999999999999999999",
    "-1e309",
    "\u{202e}",
    "\\x07",
    "\u{7}",
    "\u{0}",
    "<script>x</script>",
    "# T {onclick=x}\n",
    "```journeymap\nplot: x\n```\n",
    "\u{feff}",
];

/// One damaged copy of `text`.
fn mutate(text: &[u8], dice: &mut Dice) -> Vec<u8> {
    let mut out = text.to_vec();
    for _ in 0..1 + dice.below(3) {
        let at = dice.below(out.len() + 1);
        match dice.below(7) {
            0 => {
                let end = (at + 1 + dice.below(40)).min(out.len());
                out.drain(at.min(end)..end);
            }
            1 | 2 => {
                let fragment = FRAGMENTS[dice.below(FRAGMENTS.len())].as_bytes();
                out.splice(at..at, fragment.iter().copied());
            }
            3 => {
                let end = (at + dice.below(60)).min(out.len());
                let copy = out[at..end].to_vec();
                out.splice(at..at, copy);
            }
            4 => out.truncate(at),
            5 if at < out.len() => out[at] = (dice.next() & 0xff) as u8,
            _ => {
                // Shift the indentation of the line at `at` by one space either way.
                let start = out[..at]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |i| i + 1);
                if out.get(start) == Some(&b' ') && dice.below(2) == 0 {
                    out.remove(start);
                } else {
                    out.insert(start, b' ');
                }
            }
        }
    }
    out
}

/// The example's text files, relative to the project folder.
fn example_files() -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![repository().join("content")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "md") {
                let relative = path.strip_prefix(repository()).unwrap();
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    files
}

/// Codes about a whole file (or folder) rather than a place in its text.
fn is_about_a_whole_file(code: Code) -> bool {
    matches!(
        code,
        Code::NoContent
            | Code::Io
            | Code::FileTooLarge
            | Code::SymlinkLoop
            | Code::WrongExtension
            | Code::DuplicatePage
            | Code::ReservedPath
    )
}

/// Checks the project in `root` as `journeymap check` does; gives the exit code it would
/// have and a description of any diagnostic that is not located.
fn check(root: &Path, cache: &mut FileCache) -> (i32, Vec<String>) {
    let loaded = load_project_cached(root, cache);
    let mut unlocated = Vec::new();
    for d in loaded.diagnostics.iter() {
        let located = d.location.file.starts_with("content")
            && (is_about_a_whole_file(d.code)
                || d.location
                    .position
                    .is_some_and(|p| p.line >= 1 && p.column >= 1));
        if !located {
            unlocated.push(format!(
                "{:?} {} at {:?}",
                d.code,
                d.message.english(),
                d.location
            ));
        }
    }
    let code = match &loaded.project {
        Some(project) => {
            let analysis = analyse(project);
            for f in analysis.findings() {
                let d = f.to_diagnostic();
                if d.severity == Severity::Error {
                    unlocated.push(format!("an error finding: {}", d.message.english()));
                }
            }
            0
        }
        None if loaded.diagnostics.iter().any(|d| d.code == Code::NoContent) => 2,
        None => 1,
    };
    (code, unlocated)
}

/// A case: which file, and its damaged text.
fn case(files: &[String], originals: &[Vec<u8>], n: usize) -> (usize, Vec<u8>) {
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1).wrapping_mul(0x1000_0000_01B3));
    let which = n % files.len();
    (which, mutate(&originals[which], &mut dice))
}

fn write_case(root: &Path, file: &str, bytes: &[u8], n: usize) {
    let path = root.join(file);
    fs::write(&path, bytes).unwrap();
    // A distinct modification time per case, so the cache never mistakes one case for
    // another of the same size.
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000 + n as u64);
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

#[test]
fn damaged_example_files_never_panic_hang_or_go_unlocated() {
    let project = tempfile::tempdir().unwrap();
    let files = example_files();
    let originals: Vec<Vec<u8>> = files
        .iter()
        .map(|f| fs::read(repository().join(f)).unwrap())
        .collect();
    // A small project per example file, so a case reads little besides its damaged file:
    // the file with the site settings, the promise register and the logo, and for a page
    // the journeys it may show.
    let roots: Vec<PathBuf> = (0..files.len())
        .map(|i| {
            let root = project.path().join(i.to_string());
            let page = files[i].ends_with(".md");
            for (j, file) in files.iter().enumerate() {
                let needed = file == "content/site.yaml"
                    || file == "content/promises.yaml"
                    || (page && file.starts_with("content/journeys/"));
                if j == i || needed {
                    let path = root.join(file);
                    fs::create_dir_all(path.parent().unwrap()).unwrap();
                    fs::write(path, &originals[j]).unwrap();
                }
            }
            let logo = root.join("content/images/logo.svg");
            fs::create_dir_all(logo.parent().unwrap()).unwrap();
            fs::copy(repository().join("content/images/logo.svg"), logo).unwrap();
            root
        })
        .collect();
    let progress = Arc::new(AtomicUsize::new(0));
    let worker = {
        let (roots, files, originals, progress) = (
            roots.clone(),
            files.clone(),
            originals.clone(),
            progress.clone(),
        );
        std::thread::spawn(move || {
            // One thread: the cases are small, and handing them to a pool costs more.
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .build()
                .unwrap();
            let mut caches: Vec<FileCache> = roots.iter().map(|_| FileCache::new()).collect();
            let mut failures = Vec::new();
            let mut codes = [0usize; 3];
            for n in 0..cases() {
                progress.store(n, Ordering::SeqCst);
                let (which, bytes) = case(&files, &originals, n);
                let root = &roots[which];
                write_case(root, &files[which], &bytes, n);
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    pool.install(|| check(root, &mut caches[which]))
                }));
                match result {
                    Ok((code, unlocated)) => {
                        codes[code as usize] += 1;
                        if !unlocated.is_empty() {
                            failures.push(format!("case {n} ({}): {unlocated:?}", files[which]));
                        }
                    }
                    Err(_) => {
                        failures.push(format!("case {n} ({}) panicked", files[which]));
                        caches[which] = FileCache::new();
                    }
                }
                write_case(root, &files[which], &originals[which], n);
            }
            progress.store(usize::MAX, Ordering::SeqCst);
            (failures, codes)
        })
    };
    // The hang guard: a case that makes no progress for a long time fails the test.
    let mut last = (usize::MAX, Instant::now());
    while !worker.is_finished() {
        std::thread::sleep(Duration::from_millis(20));
        let now = progress.load(Ordering::SeqCst);
        if now != last.0 {
            last = (now, Instant::now());
        }
        assert!(
            last.1.elapsed() < Duration::from_secs(60),
            "case {now} is stuck ({})",
            files[now % files.len()]
        );
    }
    let (failures, codes) = worker.join().unwrap();
    assert!(
        failures.is_empty(),
        "{} failures: {failures:#?}",
        failures.len()
    );
    assert!(
        codes[0] > cases() / 20 && codes[1] > cases() / 4,
        "the cases are neither all valid nor all refused: {codes:?}"
    );
}

fn common_copy(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            common_copy(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn damaged_example_files_give_a_located_report_and_exit_code_through_the_binary() {
    let files = example_files();
    let originals: Vec<Vec<u8>> = files
        .iter()
        .map(|f| fs::read(repository().join(f)).unwrap())
        .collect();
    // Other seeds than the in-process cases.
    for n in (0..BINARY_CASES).map(|k| 100_000 + 97 * k) {
        let project = tempfile::tempdir().unwrap();
        let content = project.path().join("content");
        fs::create_dir_all(&content).unwrap();
        common_copy(&repository().join("content"), &content);
        let (which, bytes) = case(&files, &originals, n);
        fs::write(project.path().join(&files[which]), &bytes).unwrap();
        let output = journeymap(
            &repository(),
            &[
                "check",
                "--format",
                "json",
                "--root",
                project.path().to_str().unwrap(),
            ],
        );
        let code = output.status.code();
        assert!(
            matches!(code, Some(0..=2)),
            "case {n} ({}): exit {code:?}, {}",
            files[which],
            String::from_utf8_lossy(&output.stderr)
        );
        for line in String::from_utf8(output.stdout).unwrap().lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let file = v["file"].as_str().unwrap_or_default();
            assert!(file.contains("content"), "case {n}: {line}");
            if v["severity"] == "error" && v["code"] != "file-too-large" {
                assert!(
                    v["line"].as_u64().is_some() && v["column"].as_u64().is_some(),
                    "case {n} ({}): {line}",
                    files[which]
                );
            }
        }
    }
}

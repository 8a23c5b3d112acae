//! Helpers shared by the integration tests: run the real binary on fixture projects.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The folder of a fixture project under tests/fixtures/.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The repository root, which holds the example content.
pub fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `journeymap` with arguments in `dir`.
pub fn journeymap(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .expect("the journeymap binary runs")
}

/// Builds the project at `root` into `root/site`, which it returns; fails the test with the
/// build's errors if the build fails.
pub fn build_into_site(root: &Path) -> PathBuf {
    let site = root.join("site");
    let output = journeymap(root, &["build", "--out", site.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    site
}

/// One diagnostic of `check --format json`.
#[derive(Debug, Clone, PartialEq)]
pub struct Reported {
    pub code: String,
    pub file: String,
    pub line: Option<u64>,
    pub message: String,
    pub help: Option<String>,
}

/// Runs `check --format json` on a project and returns the exit code and diagnostics.
pub fn check_json(root: &Path) -> (i32, Vec<Reported>) {
    let output = journeymap(
        &repository(),
        &[
            "check",
            "--format",
            "json",
            "--root",
            root.to_str().unwrap(),
        ],
    );
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let reported = stdout
        .lines()
        .map(|line| {
            let v: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
            let file = v["file"].as_str().unwrap();
            let file = file
                .split_once("content/")
                .map_or(file.to_string(), |(_, f)| format!("content/{f}"));
            Reported {
                code: v["code"].as_str().unwrap().to_string(),
                file,
                line: v["line"].as_u64(),
                message: v["message"].as_str().unwrap().to_string(),
                help: v["help"].as_str().map(str::to_string),
            }
        })
        .collect();
    (output.status.code().unwrap_or(-1), reported)
}

/// The (code, file, line) triples of a fixture's diagnostics, in report order.
pub fn triples(reported: &[Reported]) -> Vec<(String, String, Option<u64>)> {
    reported
        .iter()
        .map(|r| (r.code.clone(), r.file.clone(), r.line))
        .collect()
}

/// Shorthand for an expected (code, file, line) triple.
pub fn at(code: &str, file: &str, line: impl Into<Option<u64>>) -> (String, String, Option<u64>) {
    (code.to_string(), format!("content/{file}"), line.into())
}

/// Copies a fixture (or any folder) into a fresh temporary directory.
pub fn copy_to_temp(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(from, dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

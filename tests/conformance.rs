//! Conformance with the published content format, found by a black-box check: drafts are
//! published nowhere, no negative zero reaches the output, and an unknown criterion does not
//! hide the scores it leaves missing.

mod common;
use common::{copy_to_temp, fixture, journeymap, repository};
use std::fs;
use std::path::Path;

/// Builds `root` into a fresh folder and returns every output file's path and text.
fn build(root: &Path) -> Vec<(String, String)> {
    let out = tempfile::tempdir().unwrap();
    let output = journeymap(
        &repository(),
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{output:?}");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(out.path()).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let name = entry.path().strip_prefix(out.path()).unwrap();
            let text = String::from_utf8_lossy(&fs::read(entry.path()).unwrap()).into_owned();
            files.push((name.to_string_lossy().replace('\\', "/"), text));
        }
    }
    files
}

fn holding<'f>(files: &'f [(String, String)], needle: &str) -> Vec<&'f str> {
    files
        .iter()
        .filter(|(_, text)| text.contains(needle))
        .map(|(name, _)| name.as_str())
        .collect()
}

#[test]
fn drafts_are_published_nowhere() {
    let files = build(&fixture("conformance"));
    // The drafts' title, text and paths (a note on a touchpoint, with a view, and a course step).
    for needle in ["XQ7-MARKER", "hidden-xq7", "hidden-step-xq7"] {
        assert_eq!(holding(&files, needle), Vec::<&str>::new(), "{needle}");
    }
    let published = holding(&files, "PUBLISHED-MARKER");
    assert!(published.contains(&"model.json"), "{published:?}");
    assert!(
        published.contains(&"course/first-step/index.html"),
        "{published:?}"
    );
}

#[test]
fn no_negative_zero_in_english_or_dutch() {
    // The journey's only promise is undelivered: its consistency index is 0, not -0.
    let project = copy_to_temp(&fixture("conformance"));
    let mut checked = 0;
    for language in ["en", "nl"] {
        fs::write(
            project.path().join("content/site.yaml"),
            format!("language: {language}\n"),
        )
        .unwrap();
        let files = build(project.path());
        for needle in ["-0.0", "-0,0", "-0%"] {
            assert_eq!(holding(&files, needle), Vec::<&str>::new(), "{needle}");
        }
        let model = &files.iter().find(|(n, _)| n == "model.json").unwrap().1;
        assert!(model.contains("\"consistency_index\":0.0"), "{model}");
        checked += files.len();
    }
    assert!(checked > 10, "only {checked} files");
}

#[test]
fn an_unknown_criterion_and_the_score_it_hides_are_both_reported() {
    let project = copy_to_temp(&fixture("conformance"));
    let journey = project.path().join("content/journeys/promise-only.yaml");
    let mut text = fs::read_to_string(&journey).unwrap();
    text.push_str(concat!(
        "improvements:\n",
        "  - title: Call back by text message\n",
        "    scores: {distinctiv: 4, brand_fit: 3, ease: 2, customer_impact: 5, business_impact: 3}\n",
    ));
    fs::write(&journey, text).unwrap();
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
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let errors: Vec<(String, u64, u64, String)> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter(|v| v["severity"] == "error")
        .map(|v| {
            (
                v["code"].as_str().unwrap().to_string(),
                v["line"].as_u64().unwrap(),
                v["column"].as_u64().unwrap(),
                v["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        (
            "missing-score".to_string(),
            13,
            13,
            "this option is not scored on `distinctive`".to_string(),
        ),
        (
            "unknown-criterion".to_string(),
            13,
            14,
            "there is no criterion `distinctiv`".to_string(),
        ),
    ];
    assert_eq!(errors, expected);
}

//! `journeymap check` as a user meets it: the example content, the text report, exit
//! statuses, JSON output and hostile input.

mod common;
use common::{at, check_json, copy_to_temp, fixture, journeymap, repository, triples};
use std::fs;

#[test]
fn the_example_content_is_valid() {
    let output = journeymap(&repository(), &["check"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("content/ is valid: 3 journeys"), "{stdout}");
}

#[test]
fn strict_fails_on_findings_only() {
    let output = journeymap(&repository(), &["check", "--strict"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "the example content has findings"
    );
    let root = common::fixture("valid-minimal");
    let output = journeymap(
        &repository(),
        &["check", "--strict", "--root", root.to_str().unwrap()],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn findings_of_the_example_are_warnings_with_a_journey_summary() {
    let output = journeymap(&repository(), &["check"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "findings alone do not fail a check"
    );
    for expected in [
        "warning[broken-promise]: (high severity) “Transferred to the returns department” breaks the promise “You only ever need your customer number once”",
        "warning[truth-below-zone]: (high severity) “Calls customer service” is a moment of truth, which must at least meet expectations, but customers feel -2 there",
        "warning[handoff-chain]: (medium severity) The customer is passed on 3 times in a row, more than the 1 this project accepts: Web shop → Customer service → Returns department → Customer service",
        "warning[fail-point-at-truth]: (medium severity) The moment of truth “Calls customer service” has a fail point behind it",
        "warning[repeated-ask]: (low severity) Customers are asked for “meter readings” 3 times: at “Calls to report the move”, “Passed on to metering for the readings”, “Billing confirms the new advance payment”.",
        "hairdryer-return: 11 touchpoints, 0 magic, 1 miserable, remembered -0.5 (mean -0.9), consistency 30%",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
    let (_, reported) = check_json(&repository());
    assert!(!reported.is_empty());
    assert!(reported.iter().all(|r| r.code != "unknown-key"));
    let output = journeymap(&repository(), &["check", "--format", "json"]);
    let first = String::from_utf8_lossy(&output.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(first.contains("\"severity\":\"warning\""), "{first}");
}

#[test]
fn a_minimal_project_is_valid_from_another_folder() {
    let (status, reported) = check_json(&fixture("valid-minimal"));
    assert_eq!(status, 0);
    assert!(reported.is_empty(), "{reported:#?}");
}

#[test]
fn the_text_report_shows_the_line_underlined_with_help() {
    let root = fixture("typos");
    let output = journeymap(&repository(), &["check", "--root", root.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    let expected_block = [
        "error[unknown-key]: unknown key `emotoin` in a touchpoint",
        "7 |         emotoin: 2",
        "^^^^^^^",
        "= help: did you mean `emotion`?",
    ];
    for line in expected_block {
        assert!(stdout.contains(line), "missing {line:?} in:\n{stdout}");
    }
    assert!(
        stdout.contains("content/journeys/check-in.yaml:7:9"),
        "{stdout}"
    );
    assert!(
        stdout.trim_end().ends_with("check failed: 7 errors"),
        "{stdout}"
    );
    assert!(
        !stdout.contains('\u{1b}'),
        "no colours when not on a terminal"
    );
}

#[test]
fn several_errors_in_several_files_are_reported_in_one_run_sorted() {
    let (_, reported) = check_json(&fixture("typos"));
    let files: Vec<&str> = reported.iter().map(|r| r.file.as_str()).collect();
    assert!(files.len() >= 7);
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "sorted by file");
    let distinct: std::collections::BTreeSet<_> = files.iter().collect();
    assert_eq!(distinct.len(), 3, "errors from three files in one run");
    let lines: Vec<u64> = reported
        .iter()
        .filter(|r| r.file.ends_with("check-in.yaml"))
        .filter_map(|r| r.line)
        .collect();
    let mut sorted_lines = lines.clone();
    sorted_lines.sort();
    assert_eq!(lines, sorted_lines, "sorted by line within a file");
}

#[test]
fn json_output_has_one_object_per_diagnostic_with_every_field() {
    let root = fixture("typos");
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
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 7);
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for key in ["severity", "code", "message", "file", "line", "column"] {
            assert!(v.get(key).is_some(), "{key} in {line}");
        }
        assert_eq!(v["severity"], "error");
        let file = v["file"].as_str().unwrap();
        assert!(file.ends_with(".yaml") || file.ends_with(".md"), "{file}");
        assert!(
            file.contains("fixtures/typos/content/"),
            "paths are shown under the root given: {file}"
        );
    }
}

#[test]
fn usage_errors_exit_with_2() {
    let output = journeymap(&repository(), &["check", "--no-such-flag"]);
    assert_eq!(output.status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    let output = journeymap(empty.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("there is no content/ folder"), "{stdout}");
    assert!(stdout.contains("--root"), "{stdout}");
}

#[test]
fn help_describes_the_tool_and_check() {
    let output = journeymap(&repository(), &["--help"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout.contains("customer journeys"), "{stdout}");
    assert!(stdout.contains("check"), "{stdout}");
    let output = journeymap(&repository(), &["check", "--help"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    for flag in ["--root", "--format", "--strict"] {
        assert!(stdout.contains(flag), "{flag} in {stdout}");
    }
}

#[test]
fn hostile_input_gets_clear_errors_and_no_panic() {
    let (status, reported) = check_json(&fixture("hostile"));
    assert_eq!(status, 1);
    assert_eq!(
        triples(&reported),
        [
            at("front-matter", "empty.md", 1),
            at("yaml-too-complex", "journeys/alias-bomb.yaml", 1),
            at("yaml-too-complex", "journeys/deep-nesting.yaml", 1),
            at("not-utf8", "journeys/latin-1.yaml", 1),
        ]
    );
    let utf8 = reported.iter().find(|r| r.code == "not-utf8").unwrap();
    assert!(utf8.help.as_deref().unwrap().contains("UTF-8"));
}

#[test]
fn a_ten_megabyte_file_is_refused_with_its_size() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let mut big = String::from("title: Big\nstages:\n  - name: One\n    touchpoints:\n");
    while big.len() < 10 * 1024 * 1024 {
        big.push_str("      - {name: Walks in again and again, kind: human, emotion: 1}\n");
    }
    fs::write(project.path().join("content/journeys/big.yaml"), big).unwrap();
    let (status, reported) = check_json(project.path());
    assert_eq!(status, 1);
    assert_eq!(
        triples(&reported),
        [at("file-too-large", "journeys/big.yaml", None)]
    );
    assert!(
        reported[0].message.contains("10.0 MiB"),
        "{}",
        reported[0].message
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_not_followed_forever() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let folder = project.path().join("content/images");
    fs::create_dir_all(&folder).unwrap();
    std::os::unix::fs::symlink("..", folder.join("back-up")).unwrap();
    let (status, reported) = check_json(project.path());
    assert_eq!(status, 1);
    assert_eq!(
        triples(&reported),
        [at("symlink-loop", "images/back-up", None)]
    );
}

#[test]
fn hidden_files_and_editor_backups_are_ignored() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    fs::write(
        project
            .path()
            .join("content/journeys/.first-visit.yaml.swp"),
        [0xff, 0xfe],
    )
    .unwrap();
    fs::write(
        project.path().join("content/journeys/first-visit.yaml~"),
        "not: [valid",
    )
    .unwrap();
    let (status, reported) = check_json(project.path());
    assert_eq!(status, 0, "{reported:#?}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let path = project.path().join("content/journeys/first-visit.yaml");
    let text = fs::read(&path).unwrap();
    fs::write(&path, [b"\xEF\xBB\xBF".as_slice(), &text].concat()).unwrap();
    let (status, reported) = check_json(project.path());
    assert_eq!(status, 0, "{reported:#?}");
}

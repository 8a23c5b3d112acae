//! `journeymap check` on fixture projects: every error class of the content format, with its
//! code, file and line, run through the real binary.

mod common;
use common::{at, check_json, copy_to_temp, fixture, triples};

fn expect(name: &str, expected: &[(String, String, Option<u64>)]) {
    let (status, reported) = check_json(&fixture(name));
    assert_eq!(triples(&reported), expected, "{name}: {reported:#?}");
    assert_eq!(status, 1, "{name} must fail with exit status 1");
}

#[test]
fn malformed_yaml() {
    expect(
        "malformed-yaml",
        &[
            at("yaml-syntax", "journeys/broken.yaml", 7),
            at("yaml-syntax", "promises.yaml", 4),
            at("yaml-syntax", "site.yaml", 1),
        ],
    );
}

#[test]
fn malformed_front_matter() {
    expect(
        "front-matter",
        &[
            at("wrong-type", "bad-draft.md", 3),
            at("front-matter", "plain.md", 1),
            at("front-matter", "unclosed.md", 1),
        ],
    );
}

#[test]
fn unknown_keys_and_typos() {
    expect(
        "typos",
        &[
            at("invalid-value", "journeys/check-in.yaml", 6),
            at("unknown-key", "journeys/check-in.yaml", 7),
            at("out-of-range", "journeys/check-in.yaml", 10),
            at("unknown-promise", "journeys/check-in.yaml", 12),
            at("unknown-journey", "notes.md", 3),
            at("unknown-key", "site.yaml", 1),
            at("invalid-value", "site.yaml", 2),
        ],
    );
}

#[test]
fn wrong_types() {
    expect(
        "wrong-types",
        &[
            at("wrong-type", "journeys/types.yaml", 1),
            at("wrong-type", "journeys/types.yaml", 7),
            at("wrong-type", "journeys/types.yaml", 8),
            at("wrong-type", "journeys/types.yaml", 9),
            at("wrong-type", "journeys/types.yaml", 12),
            at("wrong-type", "journeys/types.yaml", 13),
            at("wrong-type", "journeys/types.yaml", 16),
            at("wrong-type", "site.yaml", 1),
            at("wrong-type", "site.yaml", 2),
        ],
    );
}

#[test]
fn missing_required_keys() {
    expect(
        "missing-keys",
        &[
            at("missing-key", "journeys/gaps.yaml", 1),
            at("missing-key", "journeys/gaps.yaml", 3),
            at("missing-key", "journeys/gaps.yaml", 9),
            at("missing-key", "journeys/gaps.yaml", 11),
            at("missing-key", "journeys/gaps.yaml", 14),
            at("unknown-promise", "journeys/gaps.yaml", 14),
            at("missing-score", "journeys/gaps.yaml", 17),
            at("missing-key", "page.md", 2),
            at("missing-key", "promises.yaml", 1),
        ],
    );
}

#[test]
fn values_out_of_range() {
    expect(
        "out-of-range",
        &[
            at("out-of-range", "journeys/ranges.yaml", 7),
            at("out-of-range", "journeys/ranges.yaml", 8),
            at("out-of-range", "journeys/ranges.yaml", 9),
            at("out-of-range", "journeys/ranges.yaml", 10),
            at("out-of-range", "journeys/ranges.yaml", 13),
            at("out-of-range", "journeys/ranges.yaml", 13),
            at("out-of-range", "site.yaml", 2),
        ],
    );
}

#[test]
fn invalid_words() {
    expect(
        "invalid-values",
        &[
            at("invalid-value", "journeys/values.yaml", 6),
            at("invalid-value", "journeys/values.yaml", 8),
            at("invalid-value", "journeys/values.yaml", 9),
            at("invalid-value", "journeys/values.yaml", 12),
            at("invalid-value", "site.yaml", 1),
            at("invalid-value", "site.yaml", 3),
        ],
    );
}

#[test]
fn duplicate_ids_keys_and_orders() {
    expect(
        "duplicate-ids",
        &[
            at("duplicate-order", "course/two.md", 3),
            at("duplicate-id", "journeys/retail/visit.yaml", 1),
            at("duplicate-id", "journeys/retail/visit.yaml", 8),
            at("duplicate-id", "journeys/retail/visit.yaml", 11),
            at("duplicate-key", "journeys/retail/visit.yaml", 16),
            at("duplicate-id", "journeys/retail/visit.yaml", 18),
        ],
    );
}

#[test]
fn invalid_ids() {
    expect(
        "invalid-ids",
        &[
            at("invalid-id", "journeys/My Journey.yaml", 1),
            at("invalid-id", "journeys/ids.yaml", 3),
            at("invalid-id", "journeys/ids.yaml", 6),
        ],
    );
}

#[test]
fn unknown_references() {
    expect(
        "unknown-references",
        &[
            at("unknown-promise", "journeys/hairdryer-return.yaml", 9),
            at("unknown-promise", "journeys/hairdryer-return.yaml", 11),
            at("unknown-touchpoint", "journeys/hairdryer-return.yaml", 15),
            // The misspelt `busines_impact` and the `business_impact` it leaves unscored.
            at("missing-score", "journeys/hairdryer-return.yaml", 16),
            at("unknown-criterion", "journeys/hairdryer-return.yaml", 16),
            at("unknown-journey", "note.md", 3),
            at("unknown-theme", "site.yaml", 1),
            at("missing-file", "site.yaml", 3),
            at("unknown-touchpoint", "touchpoint-note.md", 4),
            at("unknown-journey", "touchpoint-note.md", 9),
            at("unknown-view", "touchpoint-note.md", 13),
        ],
    );
}

#[test]
fn scale_rules() {
    expect(
        "invalid-scale",
        &[
            at("invalid-scale", "site.yaml", 3),
            at("invalid-scale", "site.yaml", 4),
            at("invalid-scale", "site.yaml", 5),
            at("invalid-scale", "site.yaml", 5),
            at("invalid-scale", "site.yaml", 6),
        ],
    );
}

#[test]
fn empty_journeys_and_stages() {
    expect(
        "empty-journeys",
        &[
            at("missing-key", "journeys/empty-file.yaml", 1),
            at("empty-list", "journeys/empty-stage.yaml", 4),
            at("empty-list", "journeys/no-stages.yaml", 2),
        ],
    );
}

#[test]
fn reserved_and_duplicate_addresses() {
    expect(
        "reserved-paths",
        &[
            at("reserved-path", "_index.md", 1),
            at("duplicate-page", "guide.md", 1),
            at("reserved-path", "inventory.md", 1),
            at("reserved-path", "journeys/shop/_index.md", 1),
            at("reserved-path", "model.json", 1),
        ],
    );
}

/// Files at the address of a plot, an export, the promise heat map, a built-in and a project
/// theme file, and pages at the addresses of the second inventory page and of a department's
/// second page: each is reported, all in one run, at line 1 of its file.
#[test]
fn pages_and_files_at_generated_addresses() {
    let mut expected = vec![
        at("reserved-path", "consistency/promises.svg", 1),
        at("reserved-path", "inventory.csv", 1),
        at("reserved-path", "journeys/shop/journey.svg", 1),
        at("reserved-path", "theme/extra.css", 1),
        at("reserved-path", "theme/style.css", 1),
    ];
    expect("address-collisions", &expected);
    // One touchpoint more than a page holds: the inventory gets `inventory/2/`; `it` owns
    // 2,001 touchpoints in two journeys, so its department gets `departments/it/2/`.
    let project = copy_to_temp(&fixture("address-collisions"));
    let mut many = String::from("title: Many\nstages:\n  - name: All\n    touchpoints:\n");
    for t in 0..2_000 {
        many.push_str(&format!(
            "      - {{name: T{t}, kind: human, emotion: 1, owner: it}}\n"
        ));
    }
    let journeys = project.path().join("content/journeys");
    std::fs::write(journeys.join("many.yaml"), many).unwrap();
    let more = "title: More\nstages:\n  - name: All\n    touchpoints:\n      - {name: Last, kind: human, emotion: 1, owner: it}\n";
    std::fs::write(journeys.join("more.yaml"), more).unwrap();
    let department = project.path().join("content/departments/it");
    std::fs::create_dir_all(&department).unwrap();
    std::fs::write(department.join("2.md"), "---\ntitle: Second\n---\nText.\n").unwrap();
    let (status, reported) = check_json(project.path());
    expected.insert(1, at("reserved-path", "departments/it/2.md", 1));
    expected.insert(3, at("reserved-path", "inventory/2.md", 1));
    assert_eq!(triples(&reported), expected, "{reported:#?}");
    assert_eq!(status, 1);
    let message = |file: &str| {
        let file = format!("content/{file}");
        reported
            .iter()
            .find(|r| r.file == file)
            .unwrap()
            .message
            .clone()
    };
    assert_eq!(
        message("theme/extra.css"),
        "the theme writes `theme/extra.css` itself"
    );
    assert_eq!(
        message("inventory/2.md"),
        "this page would replace the generated page at `inventory/2/`"
    );
    assert_eq!(
        message("departments/it/2.md"),
        "this page would replace the generated page at `departments/it/2/`"
    );
}

#[test]
fn yml_files_are_not_silently_ignored() {
    expect(
        "wrong-extension",
        &[
            at("wrong-extension", "journeys/visit.yml", 1),
            at("wrong-extension", "site.yml", 1),
        ],
    );
}

#[test]
fn did_you_mean_suggestions() {
    let (_, reported) = check_json(&fixture("typos"));
    let help = |code: &str, line: u64| {
        reported
            .iter()
            .find(|r| r.code == code && r.line == Some(line))
            .and_then(|r| r.help.clone())
            .unwrap_or_default()
    };
    assert_eq!(help("unknown-key", 7), "did you mean `emotion`?");
    assert_eq!(help("unknown-key", 1), "did you mean `title`?");
    assert_eq!(
        help("unknown-promise", 12),
        "did you mean `free-rebooking`?"
    );
    assert_eq!(help("unknown-journey", 3), "did you mean `check-in`?");
    assert!(help("invalid-value", 6).starts_with("did you mean `functional`?"));
    assert!(
        help("invalid-value", 6).contains("`human`, `functional` or `mechanical`"),
        "an unknown kind lists the valid ones"
    );
    let (_, reported) = check_json(&fixture("unknown-references"));
    let helps: Vec<String> = reported.iter().filter_map(|r| r.help.clone()).collect();
    for expected in [
        "did you mean `easy-returns`?",
        "did you mean `call-service`?",
        "did you mean `hairdryer-return`?",
    ] {
        assert!(
            helps.iter().any(|h| h == expected),
            "{expected} in {helps:#?}"
        );
    }
    assert!(
        helps
            .iter()
            .any(|h| h.starts_with("did you mean `business_impact`?"))
    );
    assert!(
        helps
            .iter()
            .any(|h| h.starts_with("did you mean `corporate`?"))
    );
    assert!(
        helps
            .iter()
            .any(|h| h.starts_with("did you mean `inventory`?"))
    );
}

#[test]
fn a_misspelt_required_key_is_one_error_not_two() {
    let (_, reported) = check_json(&fixture("typos"));
    assert!(
        !reported.iter().any(|r| r.code == "missing-key"),
        "`emotoin` is reported as unknown, not also as a missing `emotion`: {reported:#?}"
    );
}

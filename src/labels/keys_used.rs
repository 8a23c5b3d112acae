//! Every label key the Rust code can look up exists in every catalogue: the keys of the
//! enumerated values ([`Labelled`]), of findings and built-in criteria, and every key written
//! as a literal anywhere under `src/`.

use super::{Labels, en};
use crate::analysis::{Finding, Impression, PromiseStatus};
use crate::diagnostics::FINDINGS;
use crate::model::{
    Basis, Criterion, DeliveryResult, Enumerated, Kind, Labelled, Lane, Language, Metric, Moment,
    PlanStatus,
};
use std::path::Path;

fn keys_of<T: Labelled>() -> Vec<String> {
    T::ALL
        .iter()
        .map(|v| format!("{}.{}", T::GROUP, v.as_str()))
        .collect()
}

/// The keys built at run time, and the groups (`kind`, ...) they are built in.
fn built_keys() -> (Vec<String>, Vec<&'static str>) {
    let mut keys = [
        keys_of::<Kind>(),
        keys_of::<Moment>(),
        keys_of::<Basis>(),
        keys_of::<DeliveryResult>(),
        keys_of::<Impression>(),
        keys_of::<PromiseStatus>(),
        keys_of::<Lane>(),
        keys_of::<Metric>(),
        keys_of::<PlanStatus>(),
    ]
    .concat();
    let groups = vec![
        Kind::GROUP,
        Moment::GROUP,
        Basis::GROUP,
        DeliveryResult::GROUP,
        Impression::GROUP,
        PromiseStatus::GROUP,
        Lane::GROUP,
        Metric::GROUP,
        PlanStatus::GROUP,
        "criterion",
        "finding",
        "rule",
        "severity",
        "change",
        "glossary",
    ];
    keys.extend(
        Criterion::DEFAULT_IDS
            .iter()
            .map(|id| format!("criterion.{id}")),
    );
    keys.extend(FINDINGS.iter().map(|(c, _)| Finding::label_of(*c)));
    keys.extend(FINDINGS.iter().map(|(c, _)| format!("rule.{}", c.as_str())));
    keys.push(Finding::site_wide_label());
    keys.extend(crate::render::report::glossary_keys());
    keys.extend(["removed", "added", "changed"].map(|c| format!("change.{c}")));
    keys.extend(
        FINDINGS
            .iter()
            .map(|(_, severity)| format!("severity.{}", severity.as_str())),
    );
    (keys, groups)
}

fn assert_in_every_catalogue(key: &str, whence: &str) {
    for &language in Language::ALL {
        assert!(
            Labels::new(language).has(key),
            "`{key}` ({whence}) is missing in the `{}` labels",
            language.as_str()
        );
    }
}

/// Every Rust file under `src/` but the catalogues and this test, with its path.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        let name = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if path.extension().is_some_and(|e| e == "rs")
            && name != "labels/en.rs"
            && name != "labels/nl.rs"
            && name != "labels/keys_used.rs"
        {
            files.push((name, std::fs::read_to_string(path).unwrap()));
        }
    }
    assert!(files.len() > 50, "the sources were not found");
    files
}

/// The literals `"group.name"` in a text, for the groups of the catalogue. A literal whose
/// name is a file extension (`"site.yaml"`, `"journey.svg"`) is a file name, not a key.
fn literal_keys<'t>(text: &'t str, groups: &[&str]) -> Vec<&'t str> {
    const EXTENSIONS: [&str; 10] = [
        "yaml", "yml", "md", "html", "css", "js", "svg", "csv", "json", "pdf",
    ];
    let mut found = Vec::new();
    for (start, _) in text.match_indices('"') {
        let rest = &text[start + 1..];
        let Some((group, after)) = rest.split_once('.') else {
            continue;
        };
        if !groups.contains(&group) {
            continue;
        }
        let len = after
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '{' || c == '}')
            })
            .unwrap_or(after.len());
        let (name, close) = after.split_at(len);
        if close.starts_with('"') && !name.is_empty() && !EXTENSIONS.contains(&name) {
            found.push(&rest[..group.len() + 1 + name.len()]);
        }
    }
    found
}

#[test]
fn every_key_built_from_a_value_exists_in_every_language() {
    let (keys, _) = built_keys();
    for key in &keys {
        assert_in_every_catalogue(key, "built from a value");
    }
}

#[test]
fn every_labelled_type_is_checked() {
    let impls: usize = sources()
        .iter()
        .map(|(_, text)| text.matches("impl Labelled for ").count())
        .sum();
    assert_eq!(
        impls, 9,
        "a new `impl Labelled` must be added to built_keys()"
    );
}

#[test]
fn every_key_written_in_the_code_exists_in_every_language() {
    let groups: Vec<&str> = {
        let mut g: Vec<&str> = en::LABELS
            .iter()
            .filter_map(|(k, _)| k.split_once('.'))
            .map(|(g, _)| g)
            .collect();
        g.sort_unstable();
        g.dedup();
        g
    };
    let (_, built_groups) = built_keys();
    let mut count = 0;
    for (file, text) in sources() {
        for key in literal_keys(&text, &groups) {
            if key.contains('{') {
                let group = key.split('.').next().unwrap_or_default();
                assert!(
                    built_groups.contains(&group),
                    "{file}: the key `{key}` is built with format!, so built_keys() must list its keys"
                );
            } else {
                assert_in_every_catalogue(key, &file);
            }
            count += 1;
        }
        for (at, _) in text.match_indices(".named(\"") {
            let group = text[at + 8..].split('"').next().unwrap_or_default();
            assert!(
                built_groups.contains(&group),
                "{file}: keys of the group `{group}` are looked up by name, so built_keys() must list them"
            );
        }
    }
    assert!(count > 50, "only {count} keys found: the scan is broken");
}

#[test]
fn the_scan_finds_keys_and_skips_file_names() {
    let groups = ["kind", "site", "finding"];
    let text =
        r#"get("kind.human") "site.yaml" fill("finding.{code}", x) "kind." "site.generated_by" "#;
    assert_eq!(
        literal_keys(text, &groups),
        ["kind.human", "finding.{code}", "site.generated_by"]
    );
}

#[test]
fn every_key_of_the_command_line_is_used_by_the_code() {
    const GROUPS: [&str; 9] = [
        "error.",
        "help.",
        "label.",
        "list.",
        "cli.",
        "found.",
        "what.",
        "io.",
        "scaffold.",
    ];
    let sources = sources();
    let mut checked = 0;
    for (key, _) in en::LABELS {
        if !GROUPS.iter().any(|g| key.starts_with(g)) {
            continue;
        }
        let quoted = format!("\"{key}\"");
        assert!(
            sources.iter().any(|(_, text)| text.contains(&quoted)),
            "`{key}` is in the catalogues but no code uses it"
        );
        checked += 1;
    }
    assert!(checked > 250, "only {checked} keys checked");
}

//! The format reference in docs/ stays whole: every error and finding code is described, every
//! link points at a file and heading that exist, and every key of the JSON Schemas has an
//! entry (`` - `key`: ... ``) whose first sentence is the schema's description of that key,
//! so editors show the reference's own words.

mod common;
use common::{journeymap, repository};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every docs/*.md file with its text, by file name.
fn docs() -> BTreeMap<String, String> {
    let folder = repository().join("docs");
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&folder).expect("docs/ exists") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            files.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
    assert!(files.contains_key("README.md"), "{:?}", files.keys());
    files
}

/// The stable string of every `Code`, read from its one definition.
fn codes() -> Vec<String> {
    let source = std::fs::read_to_string(repository().join("src/diagnostics/code.rs")).unwrap();
    let codes: Vec<String> = source
        .lines()
        .filter_map(|line| {
            let (_, rest) = line.trim().split_once("=> \"")?;
            line.trim()
                .starts_with("Code::")
                .then(|| rest.trim_end_matches(['"', ',']).to_string())
        })
        .collect();
    assert!(codes.len() > 40, "{codes:?}");
    codes
}

#[test]
fn every_code_is_described() {
    let docs = docs();
    let everything: String = docs.values().cloned().collect();
    let missing: Vec<String> = codes()
        .into_iter()
        .filter(|code| !everything.contains(&format!("`{code}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes no docs/*.md describes: {missing:?}"
    );
}

#[test]
fn every_finding_has_a_heading_in_findings() {
    let findings = &docs()["findings.md"];
    let output = journeymap(&repository(), &["schema", "journey"]);
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes = schema["definitions"]["FindingCode"]["enum"]
        .as_array()
        .unwrap();
    assert!(codes.len() >= 11, "{codes:?}");
    for code in codes {
        let heading = format!("### `{}`", code.as_str().unwrap());
        assert!(findings.contains(&heading), "findings.md lacks {heading}");
    }
}

/// A heading's anchor as GitHub makes it: lower case, spaces as dashes, punctuation dropped.
fn anchor_of(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a Markdown text's headings (outside code blocks).
fn anchors(text: &str) -> Vec<String> {
    let mut in_code = false;
    let mut found = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        } else if !in_code && line.starts_with('#') {
            found.push(anchor_of(line.trim_start_matches('#')));
        }
    }
    found
}

/// The targets of the inline links of a Markdown text (outside code blocks and code spans).
fn link_targets(text: &str) -> Vec<String> {
    let mut in_code = false;
    let mut targets = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        let outside_code: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let mut rest = outside_code.as_str();
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let Some(end) = after.find(')') else { break };
            targets.push(after[..end].to_string());
            rest = &after[end..];
        }
    }
    targets
}

#[test]
fn every_link_points_at_a_file_and_heading_that_exist() {
    let folder = repository().join("docs");
    let mut broken = Vec::new();
    let mut count = 0;
    for (name, text) in docs() {
        for target in link_targets(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            count += 1;
            let (file, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let path: PathBuf = if file.is_empty() {
                folder.join(&name)
            } else {
                folder.join(file)
            };
            let Ok(linked) = std::fs::read_to_string(&path) else {
                broken.push(format!("{name}: {target} (no such file)"));
                continue;
            };
            if !anchor.is_empty() && !anchors(&linked).iter().any(|a| a == anchor) {
                broken.push(format!("{name}: {target} (no such heading)"));
            }
        }
    }
    assert!(count > 20, "{count} links");
    assert!(broken.is_empty(), "broken links in docs/: {broken:#?}");
}

#[test]
fn the_link_check_sees_broken_links() {
    assert_eq!(
        link_targets("[a](x.md#one) `[b](y.md)` [c](#two)"),
        ["x.md#one", "#two"]
    );
    assert_eq!(
        anchors("# A `plot:` view\n```\n# no\n```\n## Two words"),
        ["a-plot-view", "two-words"]
    );
}

/// Every `` - `key`: text `` entry of the docs, continuation lines joined, whitespace
/// collapsed: (key, text).
fn entries(docs: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    for text in docs.values() {
        let mut open = false;
        for line in text.lines() {
            let entry = line
                .strip_prefix("- `")
                .and_then(|rest| rest.split_once("`: "));
            if let Some((key, text)) = entry {
                found.push((key.to_string(), text.to_string()));
                open = true;
            } else if open && line.starts_with("  ") && !line.trim().is_empty() {
                let last = found.last_mut().unwrap();
                last.1.push(' ');
                last.1.push_str(line.trim());
            } else {
                open = false;
            }
        }
    }
    found
}

fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every (key, description) of a schema: the properties of the root and of every definition.
fn schema_keys(file: &str) -> Vec<(String, String)> {
    let output = journeymap(Path::new(&repository()), &["schema", file]);
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut objects = vec![&schema];
    if let Some(definitions) = schema["definitions"].as_object() {
        objects.extend(definitions.values());
    }
    let mut keys = Vec::new();
    for object in objects {
        let Some(properties) = object["properties"].as_object() else {
            continue;
        };
        for (key, property) in properties {
            let description = property["description"].as_str().unwrap_or("");
            keys.push((key.clone(), collapsed(description)));
        }
    }
    keys
}

#[test]
fn every_schema_key_is_documented_with_its_description_first() {
    let entries: Vec<(String, String)> = entries(&docs())
        .into_iter()
        .map(|(k, t)| (k, collapsed(&t)))
        .collect();
    let mut problems = Vec::new();
    let mut count = 0;
    for file in ["journey", "site", "promises"] {
        for (key, description) in schema_keys(file) {
            count += 1;
            if description.is_empty() {
                problems.push(format!("{file}: `{key}` has no description in the schema"));
                continue;
            }
            let of_key: Vec<&String> = entries
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, t)| t)
                .collect();
            let first_sentence = |text: &&String| {
                text.strip_prefix(&description)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
            };
            if of_key.is_empty() {
                problems.push(format!("{file}: `{key}` has no entry in docs/"));
            } else if !of_key.iter().any(first_sentence) {
                problems.push(format!(
                    "{file}: no entry for `{key}` starts with the schema's \
                     description {description:?}; entries: {of_key:?}"
                ));
            }
        }
    }
    assert!(count > 50, "{count} keys");
    assert!(problems.is_empty(), "{problems:#?}");
}

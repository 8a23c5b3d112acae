//! Project skeletons: the files `journeymap init` writes for a new project and the
//! commented skeletons of `journeymap new`, in the language of a label catalogue (the texts
//! are the catalogues' `scaffold.*` entries, kept as files under `files/en` and `files/nl`).
//! All of them check clean.

use crate::labels::Labels;
use crate::schema;
use std::path::{Path, PathBuf};

/// The files of a new project in the language of `labels`: path under the project folder,
/// and content.
pub fn project_files(labels: &Labels) -> Vec<(String, String)> {
    let journey = labels.get("scaffold.journey_file");
    let desired = labels.get("scaffold.desired_journey_file");
    let notes = labels.get("scaffold.notes_folder");
    let wave = labels.get("scaffold.wave_file");
    let mut files = vec![
        (
            "content/site.yaml".to_string(),
            labels.get("scaffold.site").to_string(),
        ),
        (
            "content/promises.yaml".to_string(),
            labels.get("scaffold.promises").to_string(),
        ),
        (
            format!("content/journeys/{journey}.yaml"),
            labels.get("scaffold.journey").to_string(),
        ),
        (
            "content/personas.yaml".to_string(),
            labels.get("scaffold.personas").to_string(),
        ),
        (
            format!("content/journeys/{desired}.yaml"),
            labels.get("scaffold.desired_journey").to_string(),
        ),
        (
            format!("content/{notes}/{journey}.md"),
            labels.get("scaffold.note").to_string(),
        ),
        (
            format!("content/measurements/{wave}.yaml"),
            labels.get("scaffold.wave").to_string(),
        ),
        (".gitignore".to_string(), "/output\n".to_string()),
    ];
    for (name, _) in schema::FILES {
        if let Some(s) = schema::by_file(name) {
            files.push((format!("schemas/{name}"), schema::to_json(&s)));
        }
    }
    files
}

/// The skeleton of a new journey titled `title`, whose file is `depth` folders below
/// `content/journeys/` (for the relative path to the schema), in the language of `labels`.
pub fn journey(title: &str, depth: usize, labels: &Labels) -> String {
    let schema = format!("{}schemas/journey.schema.json", "../".repeat(depth + 2));
    labels.fill(
        "scaffold.new_journey",
        &[("schema", schema), ("title", yaml_string(title))],
    )
}

/// The skeleton of a new page titled `title`, in the language of `labels`.
pub fn page(title: &str, labels: &Labels) -> String {
    labels.fill("scaffold.new_page", &[("title", yaml_string(title))])
}

/// Text as a double-quoted YAML string.
fn yaml_string(text: &str) -> String {
    let escaped: String = text
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            '\n' | '\r' | '\t' => vec![' '],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

/// A title from a file name, its words as they were typed: `overdracht-miranda-harry` ->
/// `overdracht miranda harry`, `Les-4_Kosten` -> `Les 4 Kosten`. Nothing is upper-cased: the
/// tool cannot tell a name (Miranda) from a word, so the case typed is the case kept; `None`
/// for a name without letters or digits.
pub fn title_from_name(name: &str) -> Option<String> {
    let words = name.replace(['-', '_'], " ");
    let words: Vec<&str> = words.split_whitespace().collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Writes files under `root`, refusing to replace any that exists; gives the paths written.
pub fn write_new(root: &Path, files: &[(String, String)]) -> std::io::Result<Vec<PathBuf>> {
    for (path, _) in files {
        let target = root.join(path);
        if target.exists() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                target.display().to_string(),
            ));
        }
    }
    let mut written = Vec::new();
    for (path, content) in files {
        let target = root.join(path);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder)?;
        }
        std::fs::write(&target, content)?;
        written.push(target);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_quoted_safely() {
        let labels = Labels::english();
        assert_eq!(yaml_string("Pay: \"now\""), "\"Pay: \\\"now\\\"\"");
        assert!(journey("A: b", 0, &labels).contains("title: \"A: b\""));
        assert!(journey("x", 1, &labels).contains("$schema=../../../schemas/journey.schema.json"));
    }

    #[test]
    fn titles_from_file_names_keep_the_case_typed() {
        let title = |name| title_from_name(name).unwrap();
        assert_eq!(
            title("overdracht-miranda-harry"),
            "overdracht miranda harry"
        );
        assert_eq!(
            title("Overdracht-Miranda-Harry"),
            "Overdracht Miranda Harry"
        );
        assert_eq!(title("lesson-4_costs"), "lesson 4 costs");
        assert_eq!(title("éénmalig--gesprek"), "éénmalig gesprek");
        assert_eq!(title_from_name("-_-"), None);
    }

    #[test]
    fn the_dutch_skeletons_are_dutch() {
        let labels = Labels::new(crate::model::Language::Nl);
        let files = project_files(&labels);
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert!(
            paths.contains(&"content/journeys/eerste-klantreis.yaml"),
            "{paths:?}"
        );
        assert!(
            paths.contains(&"content/notities/eerste-klantreis.md"),
            "{paths:?}"
        );
        assert!(journey("x", 0, &labels).contains("Eerste contactmoment"));
        assert!(page("x", &labels).contains("Schrijf hier Markdown"));
    }
}

//! Project skeletons: the files `journeymap init` writes for a new project and the
//! commented skeletons of `journeymap new`. All of them check clean.

use crate::schema;
use std::path::{Path, PathBuf};

/// The files of a new project: path under the project folder, and content.
pub fn project_files() -> Vec<(String, String)> {
    let mut files = vec![
        (
            "content/site.yaml".to_string(),
            include_str!("files/site.yaml").to_string(),
        ),
        (
            "content/promises.yaml".to_string(),
            include_str!("files/promises.yaml").to_string(),
        ),
        (
            "content/journeys/first-journey.yaml".to_string(),
            include_str!("files/journey.yaml").to_string(),
        ),
        (
            "content/notes/first-journey.md".to_string(),
            include_str!("files/note.md").to_string(),
        ),
        (
            "content/measurements/first-survey.yaml".to_string(),
            include_str!("files/measurements.yaml").to_string(),
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
/// `content/journeys/` (for the relative path to the schema).
pub fn journey(title: &str, depth: usize) -> String {
    let schema = format!("{}schemas/journey.schema.json", "../".repeat(depth + 2));
    include_str!("files/new-journey.yaml")
        .replace("{schema}", &schema)
        .replace("{title}", &yaml_string(title))
}

/// The skeleton of a new page titled `title`.
pub fn page(title: &str) -> String {
    include_str!("files/new-page.md").replace("{title}", &yaml_string(title))
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

/// A title from a file name: `lesson-4-costs` -> `Lesson 4 costs`.
pub fn title_from_name(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "New page".to_string(),
    }
}

/// Writes files under `root`, refusing to replace any that exists; gives the paths written.
pub fn write_new(root: &Path, files: &[(String, String)]) -> std::io::Result<Vec<PathBuf>> {
    for (path, _) in files {
        let target = root.join(path);
        if target.exists() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!(
                    "{} already exists; journeymap does not overwrite files",
                    target.display()
                ),
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
        assert_eq!(yaml_string("Pay: \"now\""), "\"Pay: \\\"now\\\"\"");
        assert!(journey("A: b", 0).contains("title: \"A: b\""));
        assert!(journey("x", 1).contains("$schema=../../../schemas/journey.schema.json"));
    }

    #[test]
    fn titles_from_file_names() {
        assert_eq!(title_from_name("lesson-4_costs"), "Lesson 4 costs");
        assert_eq!(title_from_name("éénmalig"), "Éénmalig");
    }
}

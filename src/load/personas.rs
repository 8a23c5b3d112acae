//! Reads `content/personas.yaml` (a list of `{id, name, description, quote, image, goals}`)
//! and checks that each journey's `persona` names one of them, once the file exists.

use super::decode::Decoder;
use super::yaml::Node;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Listing, Location, did_you_mean};
use crate::model::Persona;
use crate::msg;
use std::collections::BTreeSet;

const PERSONA_KEYS: [&str; 6] = ["id", "name", "description", "quote", "image", "goals"];

/// Reads the personas; `content_files` are the files under `content/`, for `image`.
pub fn decode_personas(
    decoder: &mut Decoder<'_>,
    node: &Node,
    content_files: &BTreeSet<&str>,
) -> Vec<Persona> {
    let Some(items) = decoder.list(node, "personas.yaml") else {
        return Vec::new();
    };
    let mut personas: Vec<Persona> = Vec::new();
    for item in items {
        let Some(persona) = decode_persona(decoder, item, content_files) else {
            continue;
        };
        if let Some(first) = personas.iter().find(|p| p.id == persona.id) {
            let line = first.location.line().unwrap_or(0);
            let d = Diagnostic::error(
                Code::DuplicateId,
                persona.location.clone(),
                msg!("error.duplicate_persona", id = persona.id),
            )
            .with_help(msg!("help.duplicate_persona", line));
            decoder.report(d);
            continue;
        }
        personas.push(persona);
    }
    personas
}

fn decode_persona(
    decoder: &mut Decoder<'_>,
    node: &Node,
    content_files: &BTreeSet<&str>,
) -> Option<Persona> {
    let fields = decoder.fields(node, "a persona", &PERSONA_KEYS)?;
    let id_node = fields.required(decoder, "id");
    let id = id_node.and_then(|n| decoder.id(n, "id"));
    let name = fields
        .required(decoder, "name")
        .and_then(|n| decoder.required_text(n, "name"));
    let text = |decoder: &mut Decoder<'_>, key: &str| {
        fields
            .get(key)
            .and_then(|n| decoder.text(n, key))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let description = text(decoder, "description");
    let quote = text(decoder, "quote");
    let image = fields.get("image").and_then(|n| {
        let written = decoder.required_text(n, "image")?;
        let path = written.trim().trim_start_matches("./").to_string();
        if !content_files.contains(path.as_str()) {
            let files = content_files.iter().copied();
            let listing = Listing::Sentence(msg!("help.relative_to_content"));
            let help = did_you_mean(&path, files, listing).help;
            let d = Diagnostic::error(
                Code::MissingFile,
                decoder.location(n),
                msg!("error.persona_image", written),
            )
            .with_help(help);
            decoder.report(d);
            return None;
        }
        Some(path)
    });
    let goals = fields
        .get("goals")
        .map(|n| decoder.text_list(n, "goals"))
        .unwrap_or_default();
    Some(Persona {
        id: id?,
        name: name?,
        description,
        quote,
        image,
        goals,
        location: decoder.location(id_node.unwrap_or(node)),
    })
}

/// Reports each journey `persona` that names no persona of `personas.yaml`.
pub fn check_persona_references(
    personas: &[Persona],
    references: &[(String, Location)],
    diagnostics: &mut Diagnostics,
) {
    for (named, location) in references {
        if personas.iter().any(|p| p.id == *named) {
            continue;
        }
        let ids = personas.iter().map(|p| p.id.as_str());
        let listing = Listing::Always(msg!("list.personas"));
        let help = did_you_mean(named, ids, listing).help;
        diagnostics.push(
            Diagnostic::error(
                Code::UnknownPersona,
                location.clone(),
                msg!("error.unknown_persona", named),
            )
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Code;
    use crate::load::load_project;

    fn load(personas: Option<&str>, persona: &str) -> crate::load::Loaded {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("journeys")).unwrap();
        std::fs::write(content.join("face.png"), "png").unwrap();
        if let Some(yaml) = personas {
            std::fs::write(content.join("personas.yaml"), yaml).unwrap();
        }
        let journey = format!(
            "title: T\npersona: {persona}\nstages:\n  - name: S\n    touchpoints:\n      - {{name: A, kind: human, emotion: 0}}\n"
        );
        std::fs::write(content.join("journeys/j.yaml"), journey).unwrap();
        load_project(dir.path())
    }

    fn found(loaded: crate::load::Loaded) -> Vec<(Code, String, Option<u32>)> {
        loaded
            .diagnostics
            .sorted()
            .iter()
            .map(|d| (d.code, d.location.file.to_string(), d.location.line()))
            .collect()
    }

    const ANNA: &str = "- id: anna\n  name: Anna\n  image: face.png\n  goals: [Return it once]\n";

    #[test]
    fn a_journey_names_a_persona_once_the_file_exists() {
        let loaded = load(Some(ANNA), "anna");
        let project = loaded.project.expect("valid");
        assert_eq!(project.persona("anna").unwrap().goals, ["Return it once"]);
        assert!(
            load(None, "Anyone at all, in words").project.is_some(),
            "free text"
        );
        let loaded = load(Some(ANNA), "ana");
        let diagnostics = loaded.diagnostics.sorted();
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].code, Code::UnknownPersona);
        assert_eq!(diagnostics[0].location.line(), Some(2));
        let help = diagnostics[0]
            .help
            .as_ref()
            .map(|h| h.english())
            .unwrap_or_default();
        assert!(help.contains("anna"), "did you mean: {help}");
    }

    #[test]
    fn persona_errors_are_reported_each_with_its_place() {
        let yaml = concat!(
            "- id: anna\n",
            "  name: Anna\n",
            "  image: missing.png\n",
            "- id: Bob Smith\n",
            "  name: Bob\n",
            "- name: No id\n",
            "  age: 40\n",
            "- id: anna\n",
            "  name: Anna again\n",
        );
        let file = "content/personas.yaml".to_string();
        assert_eq!(
            found(load(Some(yaml), "anna")),
            [
                (Code::MissingFile, file.clone(), Some(3)),
                (Code::InvalidId, file.clone(), Some(4)),
                (Code::MissingKey, file.clone(), Some(6)),
                (Code::UnknownKey, file.clone(), Some(7)),
                (Code::DuplicateId, file.clone(), Some(8)),
            ]
        );
    }
}

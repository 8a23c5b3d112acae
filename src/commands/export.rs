//! `journeymap export mermaid JOURNEY`: prints a journey as a Mermaid `journey` diagram.

use super::{Outcome, Voice, display_base};
use crate::diagnostics::{Listing, Severity, TextStyle, did_you_mean, write_text};
use crate::load::load_project;
use crate::model::Language;
use crate::msg;
use crate::render::mermaid;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Options of `journeymap export mermaid`.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The journey's id, or the path of its file.
    pub journey: String,
    /// The folder that holds `content/`.
    pub root: PathBuf,
    /// Colours for error reports.
    pub style: TextStyle,
    /// The language asked for with `--lang`, over the project's.
    pub lang: Option<Language>,
}

/// Loads the project and prints the journey's diagram to `out`.
pub fn mermaid(
    options: &ExportOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let loaded = load_project(&options.root);
    let voice = &Voice::chosen(options.lang, loaded.language);
    let Some(project) = &loaded.project else {
        let base = display_base(&options.root);
        let errors = loaded.diagnostics.count(Severity::Error);
        let usage = loaded
            .diagnostics
            .iter()
            .any(|d| d.code == crate::diagnostics::Code::NoContent);
        write_text(
            err,
            &loaded.diagnostics.sorted(),
            &loaded.sources,
            &base,
            options.style,
            voice.labels(),
        )?;
        voice.say(err, &msg!("cli.export_failed", errors))?;
        return Ok(if usage {
            Outcome::Usage
        } else {
            Outcome::Failure
        });
    };
    let id = journey_id(&options.journey);
    let Some(journey) = project.journey(&id) else {
        let ids = project.journeys.iter().map(|j| j.id.as_str());
        let hint = did_you_mean(&id, ids, Listing::Always(msg!("list.journeys")));
        voice.error(err, &msg!("error.unknown_journey", id), Some(&hint.help))?;
        return Ok(Outcome::Usage);
    };
    out.write_all(mermaid::diagram(journey, &project.site.scale).as_bytes())?;
    Ok(Outcome::Success)
}

/// A journey id from what was typed: an id, or a journey file's path.
fn journey_id(typed: &str) -> String {
    let path = Path::new(typed);
    match path.extension().and_then(|e| e.to_str()) {
        Some("yaml") => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        _ => typed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::journey_id;

    #[test]
    fn an_id_or_a_file() {
        assert_eq!(journey_id("energy-move"), "energy-move");
        assert_eq!(
            journey_id("content/journeys/energy-move.yaml"),
            "energy-move"
        );
    }
}

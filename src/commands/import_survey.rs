//! `journeymap import survey FILE --map MAP.yaml --wave NAME`: the aggregates of a survey
//! export, per touchpoint and metric, written as `content/measurements/<wave>.yaml`. Raw
//! answers are never written; an existing wave file is replaced only with `--force`.

use super::import::{checked_project, failed};
use super::{Outcome, Voice};
use crate::diagnostics::{Message, Sources, TextStyle};
use crate::import::survey;
use crate::model::{Language, slugify};
use crate::msg;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;

/// Options of `journeymap import survey`.
#[derive(Debug, Clone)]
pub struct SurveyOptions {
    /// The export to read (`.csv` or `.xlsx`).
    pub file: PathBuf,
    /// The mapping file.
    pub map: PathBuf,
    /// The wave's name; its id (and file name) is the name's slug.
    pub wave: String,
    /// The wave's date, when the mapping file gives none.
    pub date: Option<String>,
    /// The folder that holds `content/`.
    pub root: PathBuf,
    /// Replace an existing wave file.
    pub force: bool,
    /// Colours for error reports.
    pub style: TextStyle,
    /// The language asked for with `--lang`, over the project's.
    pub lang: Option<Language>,
}

/// Reads the export and the mapping, and writes the wave file.
pub fn run(
    options: &SurveyOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let root = &options.root;
    if !root.join("content").is_dir() {
        let voice = Voice::chosen(options.lang, None);
        let message = msg!("error.no_content", root = root.display());
        return refuse(
            &voice,
            err,
            &message,
            Some(msg!("cli.survey_no_project_help")),
        );
    }
    let Some(project) = checked_project(root, options.lang, options.style, err)? else {
        return Ok(Outcome::Failure);
    };
    let voice = &Voice::chosen(options.lang, Some(project.site.language));
    let id = slugify(&options.wave);
    if id.is_empty() {
        let help = msg!("cli.wave_name_help");
        return refuse(voice, err, &msg!("cli.wave_no_name"), Some(help));
    }
    let shown = |p: &PathBuf| -> Arc<str> { p.to_string_lossy().replace('\\', "/").into() };
    let (file, map_file) = (shown(&options.file), shown(&options.map));
    let map_text = match std::fs::read_to_string(&options.map) {
        Ok(text) => text,
        Err(e) => {
            let message = msg!("cli.cannot_read", file = &map_file, reason = e);
            return refuse(voice, err, &message, None);
        }
    };
    let mut sources = Sources::new();
    sources.insert(map_file.clone(), Arc::from(map_text.as_str()));
    let mapping = match survey::mapping::decode(&map_text, &map_file) {
        Ok(mapping) => mapping,
        Err(diagnostics) => return failed(voice, err, diagnostics, &sources, options.style),
    };
    let grid = match survey::read(&options.file) {
        Ok(grid) => grid,
        Err(e) => {
            let message = msg!("cli.cannot_read", file = &file, reason = e);
            return refuse(voice, err, &message, Some(msg!("cli.export_help")));
        }
    };
    let result = match survey::aggregate(&grid, &file, &mapping, &map_file, &project) {
        Ok(result) => result,
        Err(diagnostics) => return failed(voice, err, diagnostics, &sources, options.style),
    };
    let Some(date) = mapping.date.clone().or_else(|| options.date.clone()) else {
        let help = msg!("cli.wave_date_help");
        return refuse(voice, err, &msg!("cli.wave_no_date"), Some(help));
    };
    if !is_iso(&date) {
        let help = msg!("cli.wave_date_example");
        return refuse(voice, err, &msg!("error.not_a_date", date), Some(help));
    }
    let path = format!("content/measurements/{id}.yaml");
    let target = root.join(&path);
    if target.exists() && !options.force {
        let help = msg!("cli.wave_exists_help");
        return refuse(voice, err, &msg!("cli.exists", path), Some(help));
    }
    let source_name = options
        .file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let yaml = survey::wave_yaml(&result, options.wave.trim(), &date, &source_name);
    if let Err(e) = write_replacing(&target, &yaml) {
        return refuse(
            voice,
            err,
            &msg!("cli.cannot_write", path, reason = e),
            None,
        );
    }
    let measured = result
        .columns
        .iter()
        .filter(|c| c.aggregate.is_some())
        .count();
    let wrote = msg!(
        "cli.wave_written",
        path,
        measured,
        responses = result.responses,
        layout = result.layout.name()
    );
    voice.say(out, &wrote)?;
    Ok(Outcome::Success)
}

/// Writes through a temporary file beside the target, so a failed write leaves the old one.
fn write_replacing(target: &std::path::Path, text: &str) -> io::Result<()> {
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let mut temporary = target.as_os_str().to_owned();
    temporary.push(".partial");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, target)
}

fn is_iso(date: &str) -> bool {
    let bytes = date.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

fn refuse(
    voice: &Voice,
    err: &mut dyn Write,
    message: &Message,
    help: Option<Message>,
) -> io::Result<Outcome> {
    voice.error(err, message, help.as_ref())?;
    Ok(Outcome::Failure)
}

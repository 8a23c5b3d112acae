//! `journeymap import survey FILE --map MAP.yaml --wave NAME`: the aggregates of a survey
//! export, per touchpoint and metric, written as `content/measurements/<wave>.yaml`. Raw
//! answers are never written; an existing wave file is replaced only with `--force`.

use super::Outcome;
use crate::diagnostics::{Diagnostics, Severity, Sources, TextStyle, write_text};
use crate::import::survey;
use crate::load::load_project;
use crate::model::slugify;
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
}

/// Reads the export and the mapping, and writes the wave file.
pub fn run(
    options: &SurveyOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let root = &options.root;
    if !root.join("content").is_dir() {
        writeln!(
            err,
            "error: there is no content/ folder in {}",
            root.display()
        )?;
        writeln!(err, "help: run this inside a project, or pass --root")?;
        return Ok(Outcome::Failure);
    }
    let loaded = load_project(root);
    let Some(project) = loaded.project else {
        let base = super::display_base(root);
        write_text(
            err,
            &loaded.diagnostics.sorted(),
            &loaded.sources,
            &base,
            options.style,
        )?;
        writeln!(
            err,
            "import stopped: the project has errors; fix them first (see `journeymap check`)"
        )?;
        return Ok(Outcome::Failure);
    };
    let id = slugify(&options.wave);
    if id.is_empty() {
        return refuse(
            err,
            "the wave needs a name with letters or digits",
            Some("e.g. --wave \"2026 Q1\""),
        );
    }
    let shown = |p: &PathBuf| -> Arc<str> { p.to_string_lossy().replace('\\', "/").into() };
    let (file, map_file) = (shown(&options.file), shown(&options.map));
    let map_text = match std::fs::read_to_string(&options.map) {
        Ok(text) => text,
        Err(e) => return refuse(err, &format!("cannot read {map_file}: {e}"), None),
    };
    let mut sources = Sources::new();
    sources.insert(map_file.clone(), Arc::from(map_text.as_str()));
    let mapping = match survey::mapping::decode(&map_text, &map_file) {
        Ok(mapping) => mapping,
        Err(diagnostics) => return failed(err, diagnostics, &sources, options.style),
    };
    let grid = match survey::read(&options.file) {
        Ok(grid) => grid,
        Err(e) => {
            return refuse(
                err,
                &format!("cannot read {file}: {e}"),
                Some("save the export as .csv or .xlsx"),
            );
        }
    };
    let result = match survey::aggregate(&grid, &file, &mapping, &map_file, &project) {
        Ok(result) => result,
        Err(diagnostics) => return failed(err, diagnostics, &sources, options.style),
    };
    let Some(date) = mapping.date.clone().or_else(|| options.date.clone()) else {
        return refuse(
            err,
            "the wave has no date",
            Some("give `date: 2026-03-31` in the mapping file, or --date 2026-03-31"),
        );
    };
    if !is_iso(&date) {
        return refuse(
            err,
            &format!("`{date}` is not a date written as year-month-day"),
            Some("e.g. --date 2026-03-31"),
        );
    }
    let path = format!("content/measurements/{id}.yaml");
    let target = root.join(&path);
    if target.exists() && !options.force {
        return refuse(
            err,
            &format!("{path} already exists; journeymap does not overwrite it"),
            Some("pass --force to replace that wave, or give this one another --wave name"),
        );
    }
    let source_name = options
        .file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let yaml = survey::wave_yaml(&result, options.wave.trim(), &date, &source_name);
    if let Err(e) = write_replacing(&target, &yaml) {
        return refuse(err, &format!("cannot write {path}: {e}"), None);
    }
    let measured = result
        .columns
        .iter()
        .filter(|c| c.aggregate.is_some())
        .count();
    writeln!(
        out,
        "wrote {path}: {measured} metric(s) from {} response(s) ({} layout); next: `journeymap check`",
        result.responses,
        result.layout.name()
    )?;
    Ok(Outcome::Success)
}

/// Writes through a temporary file beside the target, so a failed write leaves the old one.
fn write_replacing(target: &std::path::Path, text: &str) -> io::Result<()> {
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let temporary = target.with_extension("yaml.partial");
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

fn refuse(err: &mut dyn Write, message: &str, help: Option<&str>) -> io::Result<Outcome> {
    writeln!(err, "error: {message}")?;
    if let Some(help) = help {
        writeln!(err, "help: {help}")?;
    }
    Ok(Outcome::Failure)
}

fn failed(
    err: &mut dyn Write,
    diagnostics: Diagnostics,
    sources: &Sources,
    style: TextStyle,
) -> io::Result<Outcome> {
    let errors = diagnostics.count(Severity::Error);
    write_text(err, &diagnostics.sorted(), sources, "", style)?;
    let plural = if errors == 1 { "" } else { "s" };
    writeln!(
        err,
        "import failed: {errors} error{plural}; nothing was written"
    )?;
    Ok(Outcome::Failure)
}

//! `journeymap import mermaid|sheet FILE`: a journey file from a Mermaid `journey` diagram
//! or a workshop sheet (`.xlsx`, `.csv`). Every problem of the file is reported; nothing is
//! written unless it is read without errors, and an existing journey file is never replaced.

use super::Outcome;
use crate::diagnostics::{Diagnostics, Severity, Sources, TextStyle, write_text};
use crate::import::{self, Skeleton};
use crate::load::load_project;
use crate::model::{Scale, Site};
use crate::scaffold;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A Mermaid `journey` diagram.
    Mermaid,
    /// A workshop sheet, `.xlsx` or `.csv`.
    Sheet,
}

/// Options of `journeymap import`.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Mermaid diagram or sheet.
    pub source: Source,
    /// The file to read.
    pub file: PathBuf,
    /// The folder that holds `content/`.
    pub root: PathBuf,
    /// The journey's title; default: the diagram's title, or the file's name.
    pub title: Option<String>,
    /// Colours for error reports.
    pub style: TextStyle,
}

/// Reads the file and writes `content/journeys/<slug of the title>.yaml`.
pub fn run(
    options: &ImportOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let Some(site) = project_site(&options.root, options.style, err)? else {
        return Ok(Outcome::Failure);
    };
    let shown: Arc<str> = options.file.to_string_lossy().replace('\\', "/").into();
    let fallback = options
        .file
        .file_stem()
        .map(|s| scaffold::title_from_name(&s.to_string_lossy()))
        .unwrap_or_else(|| "Imported journey".to_string());
    let mut sources = Sources::new();
    let read = match options.source {
        Source::Mermaid => match std::fs::read_to_string(&options.file) {
            Ok(text) => {
                sources.insert(shown.clone(), Arc::from(text.as_str()));
                import::mermaid::read(&text, &shown, &site.scale, &fallback)
            }
            Err(e) => return refuse(err, &format!("cannot read {shown}: {e}"), None),
        },
        Source::Sheet => match import::sheet::read(&options.file) {
            Ok(grid) => sheet(&grid, &shown, options, &fallback, &site.scale),
            Err(e) => {
                let help = "save the sheet as .xlsx, or as CSV UTF-8 (comma or semicolon)";
                return refuse(err, &format!("cannot read {shown}: {e}"), Some(help));
            }
        },
    };
    let mut skeleton = match read {
        Ok(skeleton) => skeleton,
        Err(diagnostics) => return failed(err, diagnostics, &sources, options.style),
    };
    if let Some(title) = options.title.as_deref().filter(|t| !t.trim().is_empty()) {
        skeleton.title = title.trim().to_string();
    }
    write(&options.root, &skeleton, out, err)
}

fn sheet(
    grid: &import::sheet::Grid,
    shown: &Arc<str>,
    options: &ImportOptions,
    fallback: &str,
    scale: &Scale,
) -> Result<Skeleton, Diagnostics> {
    let title = options.title.as_deref().unwrap_or(fallback);
    import::sheet::skeleton(grid, shown, title, scale)
}

/// The site settings of the project in `root`; `None` (after saying why) when there is no
/// project there or it does not check clean.
fn project_site(root: &Path, style: TextStyle, err: &mut dyn Write) -> io::Result<Option<Site>> {
    if !root.join("content").is_dir() {
        writeln!(
            err,
            "error: there is no content/ folder in {}",
            root.display()
        )?;
        writeln!(
            err,
            "help: run this inside a project, pass --root, or start one with `journeymap init DIR`"
        )?;
        return Ok(None);
    }
    let loaded = load_project(root);
    match loaded.project {
        Some(project) => Ok(Some(project.site)),
        None => {
            let errors = loaded.diagnostics.count(Severity::Error);
            let base = super::display_base(root);
            write_text(
                err,
                &loaded.diagnostics.sorted(),
                &loaded.sources,
                &base,
                style,
            )?;
            writeln!(
                err,
                "import stopped: the project has {errors} error(s); fix them first (see `journeymap check`)"
            )?;
            Ok(None)
        }
    }
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

/// Writes the journey file, refusing to replace one.
fn write(
    root: &Path,
    skeleton: &Skeleton,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let id = skeleton.id();
    if id.is_empty() {
        return refuse(
            err,
            &format!(
                "no journey id can be made from the title `{}`",
                skeleton.title
            ),
            Some("give it a title with letters or digits with --title"),
        );
    }
    let path = format!("content/journeys/{id}.yaml");
    match scaffold::write_new(root, &[(path.clone(), skeleton.to_yaml())]) {
        Ok(_) => {
            let touchpoints: usize = skeleton.stages.iter().map(|s| s.touchpoints.len()).sum();
            writeln!(
                out,
                "created {path}: {} stage(s), {touchpoints} touchpoint(s); next: `journeymap check`",
                skeleton.stages.len()
            )?;
            Ok(Outcome::Success)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => refuse(
            err,
            &e.to_string(),
            Some("give the journey another title with --title, or remove the file"),
        ),
        Err(e) => refuse(err, &format!("cannot write {path}: {e}"), None),
    }
}

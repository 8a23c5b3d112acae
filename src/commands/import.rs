//! `journeymap import mermaid|sheet FILE`: a journey file from a Mermaid `journey` diagram
//! or a workshop sheet (`.xlsx`, `.csv`). Every problem of the file is reported; nothing is
//! written unless it is read without errors, and an existing journey file is never replaced.

use super::{Outcome, Voice};
use crate::diagnostics::{Diagnostics, Message, Severity, Sources, TextStyle, write_text};
use crate::import::{self, Skeleton};
use crate::load::load_project;
use crate::model::{Language, Project, Scale, Site};
use crate::msg;
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
    /// The language asked for with `--lang`, over the project's.
    pub lang: Option<Language>,
}

/// Reads the file and writes `content/journeys/<slug of the title>.yaml`.
pub fn run(
    options: &ImportOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let Some(site) = project_site(options, err)? else {
        return Ok(Outcome::Failure);
    };
    let voice = &Voice::chosen(options.lang, Some(site.language));
    let shown: Arc<str> = options.file.to_string_lossy().replace('\\', "/").into();
    let fallback = options
        .file
        .file_stem()
        .and_then(|s| scaffold::title_from_name(&s.to_string_lossy()))
        .unwrap_or_else(|| voice.words(&msg!("cli.imported_journey")));
    let mut sources = Sources::new();
    let read = match options.source {
        Source::Mermaid => match std::fs::read_to_string(&options.file) {
            Ok(text) => {
                sources.insert(shown.clone(), Arc::from(text.as_str()));
                import::mermaid::read(
                    &text,
                    &shown,
                    &site.scale,
                    &fallback,
                    &voice.words(&msg!("import.first_stage")),
                )
            }
            Err(e) => {
                let message = msg!("cli.cannot_read", file = &shown, reason = e);
                return refuse(voice, err, &message, None);
            }
        },
        Source::Sheet => match import::sheet::read(&options.file) {
            Ok(grid) => sheet(&grid, &shown, options, &fallback, &site.scale),
            Err(e) => {
                let help = msg!("cli.sheet_help");
                let message = msg!("cli.cannot_read", file = &shown, reason = e);
                return refuse(voice, err, &message, Some(&help));
            }
        },
    };
    let mut skeleton = match read {
        Ok(skeleton) => skeleton,
        Err(diagnostics) => return failed(voice, err, diagnostics, &sources, options.style),
    };
    if let Some(title) = options.title.as_deref().filter(|t| !t.trim().is_empty()) {
        skeleton.title = title.trim().to_string();
    }
    write(voice, &options.root, &skeleton, out, err)
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
fn project_site(options: &ImportOptions, err: &mut dyn Write) -> io::Result<Option<Site>> {
    let root = &options.root;
    if !root.join("content").is_dir() {
        let voice = Voice::chosen(options.lang, None);
        let message = msg!("error.no_content", root = root.display());
        voice.error(err, &message, Some(&msg!("cli.no_project_help")))?;
        return Ok(None);
    }
    Ok(checked_project(root, options.lang, options.style, err)?.map(|p| p.site))
}

/// The project in `root` when it checks clean; otherwise `None`, after its errors and a line
/// saying the import stopped.
pub(super) fn checked_project(
    root: &Path,
    lang: Option<Language>,
    style: TextStyle,
    err: &mut dyn Write,
) -> io::Result<Option<Project>> {
    let loaded = load_project(root);
    if loaded.project.is_none() {
        let voice = Voice::chosen(lang, loaded.language);
        let errors = loaded.diagnostics.count(Severity::Error);
        let base = super::display_base(root);
        write_text(
            err,
            &loaded.diagnostics.sorted(),
            &loaded.sources,
            &base,
            style,
            voice.labels(),
        )?;
        voice.say(err, &msg!("cli.import_stopped", errors))?;
    }
    Ok(loaded.project)
}

fn refuse(
    voice: &Voice,
    err: &mut dyn Write,
    message: &Message,
    help: Option<&Message>,
) -> io::Result<Outcome> {
    voice.error(err, message, help)?;
    Ok(Outcome::Failure)
}

/// Reports the diagnostics of a failed import and says that nothing was written.
pub(super) fn failed(
    voice: &Voice,
    err: &mut dyn Write,
    diagnostics: Diagnostics,
    sources: &Sources,
    style: TextStyle,
) -> io::Result<Outcome> {
    let errors = diagnostics.count(Severity::Error);
    write_text(
        err,
        &diagnostics.sorted(),
        sources,
        "",
        style,
        voice.labels(),
    )?;
    let failed = if errors == 1 {
        msg!("cli.import_failed_one")
    } else {
        msg!("cli.import_failed", errors)
    };
    voice.say(err, &failed)?;
    Ok(Outcome::Failure)
}

/// Writes the journey file, refusing to replace one.
fn write(
    voice: &Voice,
    root: &Path,
    skeleton: &Skeleton,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let id = skeleton.id();
    if id.is_empty() {
        let message = msg!("cli.no_id_from_title", title = &skeleton.title);
        return refuse(voice, err, &message, Some(&msg!("cli.title_help")));
    }
    let path = format!("content/journeys/{id}.yaml");
    match scaffold::write_new(
        root,
        &[(path.clone(), skeleton.to_yaml(&|m| voice.words(m)))],
    ) {
        Ok(_) => {
            let touchpoints: usize = skeleton.stages.iter().map(|s| s.touchpoints.len()).sum();
            let stages = skeleton.stages.len();
            voice.say(out, &msg!("cli.imported", path, stages, touchpoints))?;
            Ok(Outcome::Success)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => refuse(
            voice,
            err,
            &msg!("cli.exists", path),
            Some(&msg!("cli.exists_import_help")),
        ),
        Err(e) => refuse(
            voice,
            err,
            &msg!("cli.cannot_write", path, reason = e),
            None,
        ),
    }
}

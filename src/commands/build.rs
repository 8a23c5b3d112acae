//! `journeymap build`: load, analyse, render and write the site.

use super::{Outcome, Voice, counted, display_base};
use crate::analysis::analyse;
use crate::diagnostics::{Code, Diagnostics, Sources, TextStyle, write_text};
use crate::load::load_project;
use crate::model::Language;
use crate::msg;
use crate::output::{Keep, Previous, Staging, check_output_folder};
use crate::render::render_site;
use std::io::{self, Write};
use std::path::PathBuf;

/// Options of `journeymap build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The folder that holds `content/`.
    pub root: PathBuf,
    /// Where the site goes; default `ROOT/output`.
    pub out: Option<PathBuf>,
    /// Colours for error reports.
    pub style: TextStyle,
    /// The language asked for with `--lang`, over the project's.
    pub lang: Option<Language>,
}

/// Builds the site. Errors go to `err`; a one-line summary of a successful build to `out`.
pub fn run(
    options: &BuildOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let base = display_base(&options.root);
    let target = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("output"));
    // The previous output is only read here, so it is read while the project loads.
    let (loaded, target) = rayon::join(
        || load_project(&options.root),
        || {
            check_output_folder(&options.root, &target).map(|path| {
                let previous = Previous::read(&path);
                (path, previous)
            })
        },
    );
    let voice = &Voice::chosen(options.lang, loaded.language);
    let fail =
        |diagnostics: Diagnostics, sources: &Sources, err: &mut dyn Write| -> io::Result<Outcome> {
            let usage = diagnostics.iter().any(|d| d.code == Code::NoContent);
            let errors = diagnostics.count(crate::diagnostics::Severity::Error);
            let labels = voice.labels();
            write_text(
                err,
                &diagnostics.sorted(),
                sources,
                &base,
                options.style,
                labels,
            )?;
            let failed = if errors == 1 {
                msg!("cli.build_failed_one")
            } else {
                msg!("cli.build_failed", errors)
            };
            voice.say(err, &failed)?;
            Ok(if usage {
                Outcome::Usage
            } else {
                Outcome::Failure
            })
        };
    let Some(project) = loaded.project else {
        return fail(loaded.diagnostics, &loaded.sources, err);
    };
    // From here on no diagnostic points into a content file's text: the texts, as large as
    // the project, are let go before the site is rendered.
    drop(loaded.sources);
    let sources = Sources::new();
    let (target, previous) = match target {
        Ok(target) => target,
        Err(d) => return fail(Diagnostics::from(d), &sources, err),
    };
    let analysis = analyse(&project);
    let keep = Keep::new(&project.site.output.keep);
    let staging = match Staging::open_over(&target, previous, keep) {
        Ok(staging) => staging,
        Err(d) => return fail(Diagnostics::from(d), &sources, err),
    };
    let rendered = match render_site(&project, &analysis, &options.root, &staging) {
        Ok(rendered) => rendered,
        Err(diagnostics) => return fail(diagnostics, &sources, err),
    };
    let findings = analysis.findings().len();
    let journeys = project.journeys.len();
    // Letting go of a large project takes a while: it is done while the site is put in place.
    let (committed, ()) = rayon::join(|| staging.commit(), move || drop((project, analysis)));
    if let Err(e) = committed {
        if e.unchanged {
            return fail(Diagnostics::from(*e.diagnostic), &sources, err);
        }
        let labels = voice.labels();
        write_text(
            err,
            &[*e.diagnostic],
            &sources,
            &base,
            options.style,
            labels,
        )?;
        voice.say(err, &msg!("cli.build_not_in_place"))?;
        return Ok(Outcome::Failure);
    }
    let pages = rendered.pages;
    let built = msg!(
        "cli.built",
        pages = counted(pages, "cli.page", "cli.pages"),
        journeys = counted(journeys, "cli.journey", "cli.journeys"),
        target = target.display(),
        findings = counted(findings, "cli.one_finding", "cli.findings")
    );
    voice.say(out, &built)?;
    Ok(Outcome::Success)
}

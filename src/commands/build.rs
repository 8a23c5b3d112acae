//! `journeymap build`: load, analyse, render and write the site.

use super::{Outcome, display_base};
use crate::analysis::analyse;
use crate::diagnostics::{Code, Diagnostics, Sources, TextStyle, write_text};
use crate::load::load_project;
use crate::output::{check_output_folder, write_site};
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
}

/// Builds the site. Errors go to `err`; a one-line summary of a successful build to `out`.
pub fn run(
    options: &BuildOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let base = display_base(&options.root);
    let loaded = load_project(&options.root);
    let fail =
        |diagnostics: Diagnostics, sources: &Sources, err: &mut dyn Write| -> io::Result<Outcome> {
            let usage = diagnostics.iter().any(|d| d.code == Code::NoContent);
            let errors = diagnostics.count(crate::diagnostics::Severity::Error);
            write_text(err, &diagnostics.sorted(), sources, &base, options.style)?;
            let plural = if errors == 1 { "" } else { "s" };
            writeln!(
                err,
                "build failed: {errors} error{plural}; the output folder was not changed"
            )?;
            Ok(if usage {
                Outcome::Usage
            } else {
                Outcome::Failure
            })
        };
    let Some(project) = &loaded.project else {
        return fail(loaded.diagnostics, &loaded.sources, err);
    };
    let target = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("output"));
    let target = match check_output_folder(&options.root, &target) {
        Ok(path) => path,
        Err(d) => return fail(Diagnostics::from(d), &loaded.sources, err),
    };
    let analysis = analyse(project);
    let site = match render_site(project, &analysis, &options.root) {
        Ok(site) => site,
        Err(diagnostics) => return fail(diagnostics, &loaded.sources, err),
    };
    if let Err(d) = write_site(&site, &target) {
        return fail(Diagnostics::from(d), &loaded.sources, err);
    }
    let findings = analysis.findings().len();
    let pages = site.files.keys().filter(|f| f.ends_with(".html")).count();
    writeln!(
        out,
        "built {pages} pages for {} journeys into {} ({findings} findings: run `journeymap check` to list them)",
        project.journeys.len(),
        target.display(),
    )?;
    Ok(Outcome::Success)
}

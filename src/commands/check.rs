//! `journeymap check`: validate a project and report every error.

use super::{Outcome, display_base};
use crate::diagnostics::{Code, Severity, TextStyle, write_json, write_text};
use crate::load::load_project;
use std::io::{self, Write};
use std::path::PathBuf;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Human-readable, with source snippets.
    Text,
    /// One JSON object per line and diagnostic.
    Json,
}

/// Options of `journeymap check`.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The folder that holds `content/`.
    pub root: PathBuf,
    /// Text or JSON.
    pub format: ReportFormat,
    /// Fail on findings as well as errors.
    pub strict: bool,
    /// Colours for the text report.
    pub style: TextStyle,
}

/// Loads and validates the project and writes the report to `out`.
pub fn run(options: &CheckOptions, out: &mut dyn Write) -> io::Result<Outcome> {
    let loaded = load_project(&options.root);
    let base = display_base(&options.root);
    let no_content = loaded.diagnostics.iter().any(|d| d.code == Code::NoContent);
    let errors = loaded.diagnostics.count(Severity::Error);
    let warnings = loaded.diagnostics.count(Severity::Warning);
    let diagnostics = loaded.diagnostics.sorted();
    match options.format {
        ReportFormat::Json => write_json(out, &diagnostics, &base)?,
        ReportFormat::Text => {
            write_text(out, &diagnostics, &loaded.sources, &base, options.style)?;
            match &loaded.project {
                Some(project) => writeln!(
                    out,
                    "{}content/ is valid: {} journeys, {} touchpoints, {} promises, {} pages",
                    base,
                    project.journeys.len(),
                    project
                        .journeys
                        .iter()
                        .map(|j| j.touchpoints().count())
                        .sum::<usize>(),
                    project.promises.len(),
                    project.pages.len(),
                )?,
                None => writeln!(out, "{}", summary_line(errors, warnings))?,
            }
        }
    }
    Ok(if no_content {
        Outcome::Usage
    } else if errors > 0 || (options.strict && warnings > 0) {
        Outcome::Failure
    } else {
        Outcome::Success
    })
}

fn summary_line(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!("check failed: {}", plural(errors, "error"));
    if warnings > 0 {
        line.push_str(&format!(", {}", plural(warnings, "warning")));
    }
    line
}

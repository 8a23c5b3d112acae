//! `journeymap check`: validate a project and report every error.

use super::{Outcome, display_base};
use crate::analysis::{Analysis, Impression, JourneyAnalysis, analyse};
use crate::diagnostics::{Code, Diagnostic, Severity, Sources, TextStyle, write_json, write_text};
use crate::labels::Labels;
use crate::load::load_project;
use crate::model::{Journey, Project};
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

/// Loads, validates and analyses the project and writes the report to `out`: errors, then
/// findings, then a summary line per journey.
pub fn run(options: &CheckOptions, out: &mut dyn Write) -> io::Result<Outcome> {
    let loaded = load_project(&options.root);
    let base = display_base(&options.root);
    let Some(project) = &loaded.project else {
        let errors = loaded.diagnostics.count(Severity::Error);
        let usage = loaded.diagnostics.iter().any(|d| d.code == Code::NoContent);
        write_report(
            out,
            options,
            &loaded.diagnostics.sorted(),
            &loaded.sources,
            &base,
        )?;
        if usage {
            return Ok(Outcome::Usage);
        }
        if options.format == ReportFormat::Text {
            let plural = if errors == 1 { "" } else { "s" };
            writeln!(out, "check failed: {errors} error{plural}")?;
        }
        return Ok(Outcome::Failure);
    };
    let analysis = analyse(project);
    let mut findings: Vec<_> = analysis
        .findings()
        .into_iter()
        .map(|f| f.to_diagnostic())
        .collect();
    findings.extend(unmatched_accepts(project, &analysis));
    write_report(out, options, &findings, &loaded.sources, &base)?;
    if options.format == ReportFormat::Text {
        for journey in &project.journeys {
            if let Some(facts) = analysis.journey(&journey.id) {
                writeln!(out, "{}", journey_summary(journey, facts))?;
            }
        }
        let touchpoints = analysis.counts.touchpoints;
        let accepted = match analysis.accepted() {
            0 => String::new(),
            n => format!(" ({n} accepted)"),
        };
        writeln!(
            out,
            "{base}content/ is valid: {} journeys, {touchpoints} touchpoints, {} promises, {} pages; {} findings{accepted}",
            project.journeys.len(),
            project.promises.len(),
            project.pages.len(),
            findings.len(),
        )?;
    }
    Ok(if options.strict && !findings.is_empty() {
        Outcome::Failure
    } else {
        Outcome::Success
    })
}

/// A warning for each `accept` of a journey that matches none of its findings: what it
/// accepted is gone, or it never matched.
fn unmatched_accepts(project: &Project, analysis: &Analysis) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for journey in &project.journeys {
        let Some(facts) = analysis.journey(&journey.id) else {
            continue;
        };
        for acceptance in facts
            .unmatched_accepts
            .iter()
            .filter_map(|i| journey.accept.get(*i))
        {
            let about = acceptance
                .touchpoint
                .as_deref()
                .map(|t| format!(" about the touchpoint `{t}`"))
                .unwrap_or_default();
            warnings.push(Diagnostic {
                severity: Severity::Warning,
                code: Code::UnmatchedAccept,
                message: format!(
                    "this journey accepts `{}`{about}, but has no such finding",
                    acceptance.finding
                ),
                location: acceptance.location.clone(),
                label: None,
                help: Some(
                    "remove this `accept` entry, or correct its `finding` or `touchpoint`"
                        .to_string(),
                ),
            });
        }
    }
    warnings
}

fn write_report(
    out: &mut dyn Write,
    options: &CheckOptions,
    diagnostics: &[Diagnostic],
    sources: &Sources,
    base: &str,
) -> io::Result<()> {
    match options.format {
        ReportFormat::Json => write_json(out, diagnostics, base),
        ReportFormat::Text => write_text(out, diagnostics, sources, base, options.style),
    }
}

/// One line about a journey: size, magic and miserable moments, remembered score,
/// consistency index and number of findings.
pub fn journey_summary(journey: &Journey, facts: &JourneyAnalysis) -> String {
    let english = Labels::english();
    let consistency = facts
        .consistency_index
        .map_or("no promises to keep".to_string(), |i| {
            format!("consistency {}", english.percent(Some(i)))
        });
    format!(
        "{}: {} touchpoints, {} magic, {} miserable, remembered {} (mean {}), {}, {} findings",
        journey.id,
        facts.counts.touchpoints,
        facts.counts.impression(Impression::Magic),
        facts.counts.impression(Impression::Miserable),
        english.signed(facts.current.remembered),
        english.signed(facts.current.mean),
        consistency,
        facts.open_findings().count(),
    )
}

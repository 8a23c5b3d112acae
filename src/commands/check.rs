//! `journeymap check`: validate a project and report every error.

use super::{Outcome, Voice, counted, display_base};
use crate::analysis::{Analysis, Impression, JourneyAnalysis, analyse};
use crate::diagnostics::{
    Code, Diagnostic, Message, Severity, Sources, TextStyle, write_json, write_text,
};
use crate::labels::Labels;
use crate::load::load_project;
use crate::model::{Journey, Language, Project};
use crate::msg;
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
    /// The language asked for with `--lang`, over the project's.
    pub lang: Option<Language>,
}

/// Loads, validates and analyses the project and writes the report to `out`: errors, then
/// findings, then a summary line per journey.
pub fn run(options: &CheckOptions, out: &mut dyn Write) -> io::Result<Outcome> {
    let loaded = load_project(&options.root);
    let base = display_base(&options.root);
    let voice = &Voice::chosen(options.lang, loaded.language);
    let Some(project) = &loaded.project else {
        let errors = loaded.diagnostics.count(Severity::Error);
        let usage = loaded.diagnostics.iter().any(|d| d.code == Code::NoContent);
        write_report(
            out,
            options,
            voice,
            &loaded.diagnostics.sorted(),
            &loaded.sources,
            &base,
        )?;
        if usage {
            return Ok(Outcome::Usage);
        }
        if options.format == ReportFormat::Text {
            let failed = if errors == 1 {
                msg!("cli.check_failed_one")
            } else {
                msg!("cli.check_failed", errors)
            };
            voice.say(out, &failed)?;
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
    write_report(out, options, voice, &findings, &loaded.sources, &base)?;
    if options.format == ReportFormat::Text {
        for journey in &project.journeys {
            if let Some(facts) = analysis.journey(&journey.id) {
                voice.say(out, &journey_summary(journey, facts, voice.labels()))?;
            }
        }
        let accepted = match analysis.accepted() {
            0 => msg!("cli.none_accepted"),
            count => msg!("cli.accepted", count),
        };
        let valid = msg!(
            "cli.check_valid",
            base,
            journeys = counted(project.journeys.len(), "cli.journey", "cli.journeys"),
            touchpoints = counted(
                analysis.counts.touchpoints,
                "cli.touchpoint",
                "cli.touchpoints"
            ),
            promises = counted(project.promises.len(), "cli.promise", "cli.promises"),
            pages = counted(project.pages.len(), "cli.page", "cli.pages"),
            findings = counted(findings.len(), "cli.one_finding", "cli.findings"),
            accepted
        );
        voice.say(out, &valid)?;
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
            let finding = &acceptance.finding;
            let message = match acceptance.touchpoint.as_deref() {
                Some(touchpoint) => msg!("error.unmatched_accept_at", finding, touchpoint),
                None => msg!("error.unmatched_accept", finding),
            };
            warnings.push(
                Diagnostic::warning(Code::UnmatchedAccept, acceptance.location.clone(), message)
                    .with_help(msg!("help.unmatched_accept")),
            );
        }
    }
    warnings
}

fn write_report(
    out: &mut dyn Write,
    options: &CheckOptions,
    voice: &Voice,
    diagnostics: &[Diagnostic],
    sources: &Sources,
    base: &str,
) -> io::Result<()> {
    let labels = voice.labels();
    match options.format {
        ReportFormat::Json => write_json(out, diagnostics, base, labels),
        ReportFormat::Text => write_text(out, diagnostics, sources, base, options.style, labels),
    }
}

/// One line about a journey: size, magic and miserable moments, remembered score,
/// consistency index and number of findings.
pub fn journey_summary(journey: &Journey, facts: &JourneyAnalysis, labels: &Labels) -> Message {
    let consistency = match facts.consistency_index {
        None => msg!("cli.no_promises_to_keep"),
        Some(i) => msg!("cli.consistency", percent = labels.percent(Some(i))),
    };
    msg!(
        "cli.journey_summary",
        id = &journey.id,
        touchpoints = counted(
            facts.counts.touchpoints,
            "cli.touchpoint",
            "cli.touchpoints"
        ),
        magic = facts.counts.impression(Impression::Magic),
        miserable = facts.counts.impression(Impression::Miserable),
        remembered = labels.signed(facts.current.remembered),
        mean = labels.signed(facts.current.mean),
        consistency,
        findings = counted(
            facts.open_findings().count(),
            "cli.one_finding",
            "cli.findings"
        )
    )
}

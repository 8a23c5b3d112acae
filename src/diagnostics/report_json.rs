//! The machine-readable report: one JSON object per line and diagnostic, for CI. `code` and
//! `message_key` are stable; `message` and `help` are in the run's language, like the text.

use super::Diagnostic;
use crate::labels::Labels;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    code: &'static str,
    /// For a finding: `high`, `medium` or `low`.
    #[serde(skip_serializing_if = "Option::is_none")]
    finding_severity: Option<&'static str>,
    message: String,
    /// The catalogue key of the message, e.g. `error.unknown_key`.
    message_key: &'a str,
    file: String,
    line: Option<u32>,
    column: Option<u32>,
    help: Option<String>,
}

/// Writes each diagnostic as one JSON object on its own line (JSON Lines); `base` is put
/// before every file path; the words are in the language of `labels`.
pub fn write_json(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    base: &str,
    labels: &Labels,
) -> io::Result<()> {
    for d in diagnostics {
        let json = JsonDiagnostic {
            severity: d.severity.as_str(),
            code: d.code.as_str(),
            finding_severity: d.code.finding_severity().map(|s| s.as_str()),
            message: d.message.render(labels),
            message_key: d.message.key(),
            file: super::report_text::shown_path(base, &d.location.file),
            line: d.location.position.map(|p| p.line),
            column: d.location.position.map(|p| p.column),
            help: d.help.as_ref().map(|h| h.render(labels)),
        };
        serde_json::to_writer(&mut *out, &json)?;
        writeln!(out)?;
    }
    Ok(())
}

//! The machine-readable report: one JSON object per line and diagnostic, for CI.

use super::Diagnostic;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    code: &'static str,
    /// For a finding: `high`, `medium` or `low`.
    #[serde(skip_serializing_if = "Option::is_none")]
    finding_severity: Option<&'static str>,
    message: &'a str,
    file: String,
    line: Option<u32>,
    column: Option<u32>,
    help: Option<&'a str>,
}

/// Writes each diagnostic as one JSON object on its own line (JSON Lines); `base` is put
/// before every file path.
pub fn write_json(out: &mut dyn Write, diagnostics: &[Diagnostic], base: &str) -> io::Result<()> {
    for d in diagnostics {
        let json = JsonDiagnostic {
            severity: d.severity.as_str(),
            code: d.code.as_str(),
            finding_severity: d.code.finding_severity().map(|s| s.as_str()),
            message: &d.message,
            file: super::report_text::shown_path(base, &d.location.file),
            line: d.location.position.map(|p| p.line),
            column: d.location.position.map(|p| p.column),
            help: d.help.as_deref(),
        };
        serde_json::to_writer(&mut *out, &json)?;
        writeln!(out)?;
    }
    Ok(())
}

//! The human-readable report: rustc-style messages with the offending line underlined.

use super::{Diagnostic, Severity, Sources};
use crate::labels::Labels;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::io::{self, Write};

/// Whether the text report uses terminal colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextStyle {
    /// Plain text, for files, pipes and tests.
    Plain,
    /// ANSI colours, for a terminal.
    Coloured,
}

/// Writes diagnostics as text, one block each, with a source snippet where there is one.
/// `base` is put before every file path (the project root as the user named it); the words
/// are in the language of `labels`.
pub fn write_text(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    sources: &Sources,
    base: &str,
    style: TextStyle,
    labels: &Labels,
) -> io::Result<()> {
    let renderer = match style {
        TextStyle::Plain => Renderer::plain(),
        TextStyle::Coloured => Renderer::styled(),
    };
    for diagnostic in diagnostics {
        writeln!(
            out,
            "{}\n",
            render_one(&renderer, diagnostic, sources, base, labels)
        )?;
    }
    Ok(())
}

fn render_one(
    renderer: &Renderer,
    d: &Diagnostic,
    sources: &Sources,
    base: &str,
    labels: &Labels,
) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR.with_name(labels.get("cli.error")),
        Severity::Warning => Level::WARNING.with_name(labels.get("cli.warning")),
    };
    let message = match d.code.finding_severity() {
        Some(severity) => crate::msg!(
            "cli.finding",
            severity = labels.named("severity", severity.as_str()).to_lowercase(),
            message = d.message.clone()
        )
        .render(labels),
        None => d.message.render(labels),
    };
    let label = d.label.as_ref().map(|l| l.render(labels));
    let help = d.help.as_ref().map(|h| h.render(labels));
    let title = level.primary_title(message.as_str()).id(d.code.as_str());
    let shown = shown_path(base, &d.location.file);
    let file = shown.as_str();
    let excerpt = d
        .location
        .position
        .and_then(|p| sources.get(&d.location.file).map(|text| (p, text)))
        .and_then(|(p, text)| line_excerpt(text, p.offset as usize, p.len as usize));
    let mut group = match (excerpt, d.location.position) {
        (Some(excerpt), Some(p)) => {
            let mut annotation = AnnotationKind::Primary.span(excerpt.span.clone());
            if let Some(label) = &label {
                annotation = annotation.label(label.as_str());
            }
            title.element(
                Snippet::source(excerpt.line)
                    .line_start(p.line as usize)
                    .path(file)
                    .annotation(annotation),
            )
        }
        _ => {
            let origin = match d.location.position {
                Some(p) => annotate_snippets::Origin::path(file)
                    .line(p.line as usize)
                    .char_column(p.column as usize),
                None => annotate_snippets::Origin::path(file),
            };
            title.element(origin)
        }
    };
    if let Some(help) = &help {
        group = group.element(
            Level::HELP
                .with_name(labels.get("cli.help"))
                .message(help.as_str()),
        );
    }
    let report: [Group; 1] = [group];
    renderer.render(&report)
}

struct Excerpt<'a> {
    line: &'a str,
    span: std::ops::Range<usize>,
}

/// The line holding `offset`, and the part of `offset..offset+len` that lies on it
/// (at least one character where the line has one there).
fn line_excerpt(text: &str, offset: usize, len: usize) -> Option<Excerpt<'_>> {
    if offset > text.len() || !text.is_char_boundary(offset) {
        return None;
    }
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text[start..end].trim_end_matches('\r');
    let from = (offset - start).min(line.len());
    let mut to = (from + len).min(line.len());
    if to == from {
        to = line[from..]
            .chars()
            .next()
            .map_or(from, |c| from + c.len_utf8());
    }
    Some(Excerpt {
        line,
        span: from..to,
    })
}

/// A diagnostic's file as shown: relative paths under `base`, absolute ones as they are.
pub(super) fn shown_path(base: &str, file: &str) -> String {
    if std::path::Path::new(file).is_absolute() {
        file.to_string()
    } else {
        format!("{base}{file}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Location, Position};
    use std::sync::Arc;

    #[test]
    fn shows_the_line_and_underlines_the_span() {
        let text = "title: x\nstages:\n  - nme: Buy\n";
        let file: Arc<str> = Arc::from("content/journeys/a.yaml");
        let mut sources = Sources::new();
        sources.insert(file.clone(), Arc::from(text));
        let offset = text.find("nme").unwrap();
        let d = Diagnostic::error(
            Code::UnknownKey,
            Location::at(file, Position::of_offset(text, offset, 3)),
            crate::msg!(
                "error.unknown_key",
                name = "nme",
                what = crate::msg!("what.stage")
            ),
        )
        .with_help(crate::msg!("help.did_you_mean", name = "name"));
        let mut out = Vec::new();
        let english = Labels::english();
        write_text(
            &mut out,
            std::slice::from_ref(&d),
            &sources,
            "",
            TextStyle::Plain,
            &english,
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("error[unknown-key]: unknown key `nme` in a stage"),
            "{out}"
        );
        assert!(out.contains("content/journeys/a.yaml:3:5"), "{out}");
        assert!(out.contains("3 |   - nme: Buy"), "{out}");
        assert!(out.contains("^^^"), "{out}");
        assert!(out.contains("help: did you mean `name`?"), "{out}");
        let mut out = Vec::new();
        let dutch = Labels::new(crate::model::Language::Nl);
        write_text(&mut out, &[d], &sources, "", TextStyle::Plain, &dutch).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("fout[unknown-key]: onbekende sleutel `nme` in een fase"),
            "{out}"
        );
        assert!(out.contains("hulp: bedoel je `name`?"), "{out}");
    }

    #[test]
    fn a_point_at_the_end_of_a_line_still_renders() {
        let excerpt = line_excerpt("title:\nx", 6, 0).unwrap();
        assert_eq!(excerpt.line, "title:");
        assert_eq!(excerpt.span, 6..6);
    }
}

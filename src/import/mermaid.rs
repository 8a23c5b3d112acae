//! Reads a Mermaid `journey` diagram: `title`, `section`s and tasks `name: score[: actors]`.
//! Sections become stages, tasks touchpoints, the score (1..5) an emotion on the site's
//! scale, a task's one actor its owner. A line Mermaid would read differently from what it
//! says (a second `:` in a name, a score that is not a number from 1 to 5) is an error.

use super::{Skeleton, SkeletonStage, SkeletonTouchpoint};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, Message, Position};
use crate::model::{Basis, Kind, Scale};
use crate::msg;
use std::sync::Arc;

/// Reads the diagram in `text` (from `file`, for diagnostics); every malformed line is
/// reported. `fallback_title` is used when the diagram has no `title`.
pub fn read(
    text: &str,
    file: &Arc<str>,
    scale: &Scale,
    fallback_title: &str,
) -> Result<Skeleton, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut skeleton = Skeleton {
        header: vec![
            format!("Imported from the Mermaid diagram {file}: its stages, touchpoints and"),
            format!(
                "scores (1..5, mapped onto {}..{}). Complete what Mermaid cannot say.",
                scale.min, scale.max
            ),
        ],
        ..Skeleton::default()
    };
    let mut started = false;
    let mut front_matter = false;
    let mut description = false;
    let mut offset = 0;
    for (index, raw) in text.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        let error = |message: Message, help: Message| {
            let column = line.len() - line.trim_start().len();
            let position = Position::of_offset(text, line_start + column, trimmed.len());
            Diagnostic::error(
                Code::MermaidSyntax,
                Location::at(file.clone(), position),
                message,
            )
            .with_help(help)
        };
        if index == 0 && trimmed == "---" {
            front_matter = true;
            continue;
        }
        if front_matter {
            front_matter = trimmed != "---";
            continue;
        }
        if description {
            description = !trimmed.ends_with('}');
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with("%%") || trimmed.starts_with('#') {
            continue;
        }
        // Mermaid reads the rest of a line after `#` as a comment.
        let statement = trimmed.split('#').next().unwrap_or_default().trim_end();
        let lower = statement.to_lowercase();
        if !started {
            if lower == "journey" {
                started = true;
                continue;
            }
            diagnostics.push(error(
                msg!("error.mermaid_start", statement),
                msg!("help.mermaid_start"),
            ));
            return Err(diagnostics);
        }
        if let Some(title) = keyword(statement, &lower, "title") {
            skeleton.title = title.to_string();
        } else if lower.starts_with("acctitle") {
            continue;
        } else if lower.starts_with("accdescr") {
            description = statement.contains('{') && !statement.ends_with('}');
        } else if let Some(section) = keyword(statement, &lower, "section") {
            skeleton.stages.push(SkeletonStage {
                name: without_breaks(section),
                touchpoints: Vec::new(),
            });
        } else {
            match task(statement, scale) {
                Ok(touchpoint) => {
                    if skeleton.stages.is_empty() {
                        skeleton.stages.push(SkeletonStage {
                            name: "Stage 1".to_string(),
                            touchpoints: Vec::new(),
                        });
                    }
                    if let Some(stage) = skeleton.stages.last_mut() {
                        stage.touchpoints.push(touchpoint);
                    }
                }
                Err((message, help)) => diagnostics.push(error(message, help)),
            }
        }
    }
    if !started {
        diagnostics.push(Diagnostic::error(
            Code::MermaidSyntax,
            Location::at(file.clone(), Position::START),
            msg!("error.mermaid_none"),
        ));
    }
    skeleton.stages.retain(|s| !s.touchpoints.is_empty());
    if started && skeleton.stages.is_empty() && !diagnostics.has_errors() {
        diagnostics.push(Diagnostic::error(
            Code::MermaidSyntax,
            Location::at(file.clone(), Position::START),
            msg!("error.mermaid_no_tasks"),
        ));
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    if skeleton.title.trim().is_empty() {
        skeleton.title = fallback_title.to_string();
    }
    Ok(skeleton)
}

/// The text after a keyword at the start of a statement (`title My day`), if it is one.
fn keyword<'s>(statement: &'s str, lower: &str, word: &str) -> Option<&'s str> {
    let rest = lower.strip_prefix(word)?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(statement.get(word.len()..)?.trim())
}

/// A section name with Mermaid's `<br>` line breaks as spaces.
fn without_breaks(text: &str) -> String {
    let mut name = text.to_string();
    for tag in ["<br/>", "<br />", "<br>", "<BR>", "<BR/>"] {
        name = name.replace(tag, " ");
    }
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A task line as a touchpoint, or what is wrong with it (message and help).
fn task(statement: &str, scale: &Scale) -> Result<SkeletonTouchpoint, (Message, Message)> {
    let parts: Vec<&str> = statement.split(':').collect();
    let shape = || msg!("help.mermaid_task");
    let (name, score, actors) = match parts.as_slice() {
        [name, score] => (*name, *score, None),
        [name, score, actors] => (*name, *score, Some(*actors)),
        [_] => {
            return Err((msg!("error.mermaid_statement", statement), shape()));
        }
        _ => {
            return Err((
                msg!("error.mermaid_colons", count = parts.len() - 1),
                msg!("help.mermaid_colons"),
            ));
        }
    };
    let name = name.trim();
    if name.is_empty() {
        return Err((msg!("error.mermaid_no_name"), shape()));
    }
    let score_text = score.trim();
    let score: f64 = match score_text.parse::<f64>() {
        Ok(s) if (1.0..=5.0).contains(&s) => s,
        Ok(_) => {
            return Err((
                msg!("error.mermaid_score_range", score_text),
                msg!("help.mermaid_score_range"),
            ));
        }
        Err(_) => {
            return Err((msg!("error.mermaid_score_number", score_text), shape()));
        }
    };
    let actors: Vec<&str> = actors
        .map(|a| {
            a.split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let mut comments = vec![
        (
            "kind",
            "Mermaid has no kind: human, functional or mechanical?".to_string(),
        ),
        ("emotion", format!("score {score_text} of 1..5")),
        (
            "basis",
            "a sketch: observed, reported or assumed?".to_string(),
        ),
        ("channel", "Mermaid has no channel".to_string()),
        (
            "moment",
            "Mermaid has no moment class: standard, truth or excel".to_string(),
        ),
        (
            "target",
            "Mermaid has no target (the desired experience)".to_string(),
        ),
    ];
    if actors.len() > 1 {
        comments.push((
            "owner",
            format!("the diagram's actors: {}", actors.join(", ")),
        ));
    } else if actors.is_empty() {
        comments.push(("owner", "Mermaid gave no actor".to_string()));
    }
    Ok(SkeletonTouchpoint {
        name: name.to_string(),
        kind: Some(Kind::Human),
        owner: actors.first().map(|a| (*a).to_string()),
        emotion: scale.from_five_point(score),
        basis: Some(Basis::Assumed),
        comments,
        ..SkeletonTouchpoint::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> Arc<str> {
        Arc::from("day.mmd")
    }

    /// A task as the tests compare it: name, emotion and owner.
    type Task<'a> = (&'a str, i32, Option<&'a str>);

    #[test]
    fn sections_become_stages_and_scores_emotions() {
        let text = "---\nconfig: {}\n---\n%% a comment\nJourney\n  title My working day\n  section Go to work<br>early\n    Make tea: 5: Me\n    Go upstairs: 3: Me, Cat # a comment\n  section Go home\n    Sit down: 1\n";
        let skeleton = read(text, &file(), &Scale::default(), "x").unwrap();
        assert_eq!(skeleton.title, "My working day");
        let stages: Vec<(&str, Vec<Task>)> = skeleton
            .stages
            .iter()
            .map(|s| {
                let tasks = s
                    .touchpoints
                    .iter()
                    .map(|t| (t.name.as_str(), t.emotion, t.owner.as_deref()))
                    .collect();
                (s.name.as_str(), tasks)
            })
            .collect();
        assert_eq!(
            stages,
            [
                (
                    "Go to work early",
                    vec![("Make tea", 3, Some("Me")), ("Go upstairs", 0, Some("Me"))]
                ),
                ("Go home", vec![("Sit down", -3, None)]),
            ]
        );
    }

    #[test]
    fn every_malformed_line_is_reported_at_its_line() {
        let text = "journey\ntitle T\nsection S\n  Fine: 4\n  No score here\n  Pay: later\n  Name: with: colon: x\n  Too happy: 9\n";
        let diagnostics = read(text, &file(), &Scale::default(), "x")
            .unwrap_err()
            .sorted();
        let found: Vec<(Code, Option<u32>, Option<u32>)> = diagnostics
            .iter()
            .map(|d| {
                (
                    d.code,
                    d.location.line(),
                    d.location.position.map(|p| p.column),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (Code::MermaidSyntax, Some(5), Some(3)),
                (Code::MermaidSyntax, Some(6), Some(3)),
                (Code::MermaidSyntax, Some(7), Some(3)),
                (Code::MermaidSyntax, Some(8), Some(3)),
            ],
            "{diagnostics:#?}"
        );
        assert!(
            diagnostics[1]
                .message
                .english()
                .contains("`later` is not a number")
        );
    }

    #[test]
    fn a_file_that_is_no_journey_is_refused() {
        let diagnostics = read("flowchart LR\n  a --> b\n", &file(), &Scale::default(), "x")
            .unwrap_err()
            .sorted();
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].location.line(), Some(1));
        let empty = read(
            "journey\n  title Nothing\n",
            &file(),
            &Scale::default(),
            "x",
        );
        assert!(empty.is_err());
    }
}

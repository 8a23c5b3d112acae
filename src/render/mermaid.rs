//! A journey as a Mermaid `journey` diagram (`journey.mmd`, `journeymap export mermaid`):
//! stages become sections, touchpoints tasks scored 1..5, owners actors.

use crate::model::{Journey, Scale};
use std::fmt::Write as _;

/// The diagram of a journey, its emotions mapped from `scale` onto Mermaid's 1..5.
pub fn diagram(journey: &Journey, scale: &Scale) -> String {
    let mut text = String::with_capacity(64 + 48 * journey.stages.len() * 8);
    text.push_str("journey\n");
    let _ = writeln!(text, "    title {}", plain(&journey.title));
    for stage in &journey.stages {
        let _ = writeln!(text, "    section {}", plain(&stage.name));
        for t in &stage.touchpoints {
            let _ = write!(
                text,
                "      {}: {}",
                plain(&t.name),
                scale.to_five_point(t.emotion)
            );
            if let Some(owner) = t.owner.as_deref().map(actor).filter(|o| !o.is_empty()) {
                let _ = write!(text, ": {owner}");
            }
            text.push('\n');
        }
    }
    text
}

/// Text as Mermaid can hold it on one line of a diagram: `:` becomes ` –`, `;` a comma,
/// `#` (a comment to Mermaid) `♯`, line breaks and tabs spaces; runs of spaces become one,
/// and an empty text `–`.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        match c {
            ':' => out.push_str(" – "),
            ';' => out.push(','),
            '#' => out.push('♯'),
            c if c.is_control() || c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    let mut collapsed = String::with_capacity(out.len());
    for word in out.split(' ').filter(|w| !w.is_empty()) {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    if collapsed.is_empty() {
        collapsed.push('–');
    }
    // Mermaid reads a line that starts with a keyword as that statement.
    if starts_with_keyword(&collapsed) {
        collapsed.insert(0, '‘');
        collapsed.push('’');
    }
    collapsed
}

/// An owner as one of a task's actors: [`plain`], with commas (which separate actors) as `/`.
fn actor(owner: &str) -> String {
    plain(owner).replace(',', " /")
}

/// True when a line with this text would be read as a `title`, `section` or `acc...`
/// statement, or a `%%` comment.
fn starts_with_keyword(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.starts_with("%%")
        || ["title ", "section ", "acctitle", "accdescr"]
            .iter()
            .any(|k| lower.starts_with(k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support;

    #[test]
    fn characters_mermaid_cannot_hold_are_replaced() {
        assert_eq!(plain("Harry: ga terug"), "Harry – ga terug");
        assert_eq!(plain("a;b #1\nnext\r\tline"), "a,b ♯1 next line");
        assert_eq!(plain("  "), "–");
        assert_eq!(plain("Section 3 of the form"), "‘Section 3 of the form’");
        assert_eq!(plain("%% not a comment"), "‘%% not a comment’");
        assert_eq!(actor("Sales, North"), "Sales / North");
    }

    #[test]
    fn a_journey_becomes_sections_of_scored_tasks() {
        let yaml = test_support::journey(&[
            "{name: Buy, kind: human, emotion: -3, owner: retail}",
            "{name: \"Call: help\", kind: human, emotion: 3}",
        ]);
        let project = test_support::project("", "", &[("shop", &yaml)]);
        let text = diagram(&project.journeys[0], &Scale::default());
        assert_eq!(
            text,
            "journey\n    title Test\n    section Only\n      Buy: 1: retail\n      Call – help: 5\n"
        );
    }
}

//! Heading anchors: the one rule that gives each heading of a Markdown text its `id`, shared
//! by the renderer (which writes them) and the loader (which checks links to them).

use std::collections::BTreeSet;

/// The Markdown extensions every Markdown text of a project is read with.
pub const MARKDOWN_OPTIONS: pulldown_cmark::Options = pulldown_cmark::Options::ENABLE_TABLES
    .union(pulldown_cmark::Options::ENABLE_FOOTNOTES)
    .union(pulldown_cmark::Options::ENABLE_STRIKETHROUGH)
    .union(pulldown_cmark::Options::ENABLE_TASKLISTS)
    .union(pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES)
    .union(pulldown_cmark::Options::ENABLE_GFM);

/// The anchors given so far in one text, so each new one is unique (`a`, `a-1`, `a-2`).
#[derive(Debug, Default)]
pub struct Anchors {
    used: BTreeSet<String>,
}

impl Anchors {
    /// The anchor of the next heading: its author's `{#id}` reduced to safe characters, or
    /// else its text slugified (`section` when that leaves nothing), made unique.
    pub fn next(&mut self, id: Option<&str>, text: &str) -> String {
        let base = id
            .map(safe_name)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| super::slugify(text));
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let mut anchor = base.clone();
        let mut n = 1;
        while !self.used.insert(anchor.clone()) {
            anchor = format!("{base}-{n}");
            n += 1;
        }
        anchor
    }
}

/// An author's heading `{#id}` or `{.class}` reduced to letters, digits, `-` and `_`.
pub fn safe_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .collect()
}

/// The anchors of every heading of a Markdown text, in order.
pub fn heading_anchors(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag};
    let events: Vec<Event> = Parser::new_ext(markdown, MARKDOWN_OPTIONS).collect();
    let mut anchors = Anchors::default();
    let mut out = Vec::new();
    for (i, event) in events.iter().enumerate() {
        if let Event::Start(Tag::Heading { id, .. }) = event {
            out.push(anchors.next(id.as_deref(), &heading_text(&events[i + 1..])));
        }
    }
    out
}

/// The text of a heading, from the events after its start.
pub fn heading_text(events: &[pulldown_cmark::Event<'_>]) -> String {
    use pulldown_cmark::{Event, TagEnd};
    events
        .iter()
        .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_unique_and_follow_the_author() {
        assert_eq!(
            heading_anchors("# Oriëntatie\n\n## Oriëntatie\n\n## Own {#custom}\n\n## !!\n"),
            ["orientatie", "orientatie-1", "custom", "section"]
        );
    }
}

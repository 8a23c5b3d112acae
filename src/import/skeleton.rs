//! A journey read from another tool, before it is a file: stages and touchpoints with the
//! fields the source had, and a comment for each field it had no place for. Written out as
//! a commented journey file that `check` accepts.

use crate::diagnostics::Message;
use crate::model::{Basis, Enumerated, Kind, Moment, slugify};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// A journey read from a Mermaid diagram or a workshop sheet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Skeleton {
    /// Comment lines put at the top of the file (without `# `), worded when written.
    pub header: Vec<Message>,
    /// The journey's title.
    pub title: String,
    /// Stages in order.
    pub stages: Vec<SkeletonStage>,
}

/// A stage of a [`Skeleton`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SkeletonStage {
    /// Display name.
    pub name: String,
    /// Touchpoints in order.
    pub touchpoints: Vec<SkeletonTouchpoint>,
}

/// A touchpoint of a [`Skeleton`]: the fields of the content format the source gave, and
/// a comment per field (shown beside a value, or on a commented-out line without one).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SkeletonTouchpoint {
    /// What happens.
    pub name: String,
    /// Human, functional or mechanical.
    pub kind: Option<Kind>,
    /// Channel.
    pub channel: Option<String>,
    /// Department responsible.
    pub owner: Option<String>,
    /// The experience today, on the site's scale.
    pub emotion: i32,
    /// The desired experience.
    pub target: Option<i32>,
    /// Standard, truth or excel.
    pub moment: Option<Moment>,
    /// 1..5.
    pub impact: Option<u8>,
    /// 1..5.
    pub frequency: Option<u8>,
    /// Direct contact or not.
    pub direct: Option<bool>,
    /// Inside the buying or service process or not.
    pub in_process: Option<bool>,
    /// How we know.
    pub basis: Option<Basis>,
    /// Information asked here.
    pub asks: Vec<String>,
    /// Notes.
    pub notes: Option<String>,
    /// Comments by field name (`kind`, `channel`, ...).
    pub comments: Vec<(&'static str, Message)>,
}

impl SkeletonTouchpoint {
    fn comment(&self, field: &str) -> Option<&Message> {
        self.comments
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| c)
    }
}

impl Skeleton {
    /// The journey's id: the slug of its title.
    pub fn id(&self) -> String {
        slugify(&self.title)
    }

    /// The journey file's text. Stages and touchpoints whose slugs would repeat (or be empty)
    /// get explicit ids, so the file checks clean. `words` puts the comments into the
    /// reader's language.
    pub fn to_yaml(&self, words: &dyn Fn(&Message) -> String) -> String {
        let mut y = String::with_capacity(256 + 400 * self.stages.len() * 4);
        y.push_str("# yaml-language-server: $schema=../../schemas/journey.schema.json\n");
        for line in &self.header {
            for part in words(line).lines() {
                let _ = writeln!(y, "# {part}");
            }
        }
        let _ = writeln!(y, "title: {}", quoted(&self.title));
        y.push_str("stages:\n");
        let mut stage_ids = Ids::default();
        let mut touchpoint_ids = Ids::default();
        for (s, stage) in self.stages.iter().enumerate() {
            let _ = writeln!(y, "  - name: {}", quoted(&stage.name));
            if let Some(id) = stage_ids.explicit(&stage.name, "stage", s + 1) {
                let _ = writeln!(y, "    id: {id}");
            }
            y.push_str("    touchpoints:\n");
            for t in &stage.touchpoints {
                let n = touchpoint_ids.count() + 1;
                let _ = writeln!(y, "      - name: {}", quoted(&t.name));
                if let Some(id) = touchpoint_ids.explicit(&t.name, "touchpoint", n) {
                    let _ = writeln!(y, "        id: {id}");
                }
                touchpoint(&mut y, t, words);
            }
        }
        y
    }
}

/// Writes the fields of a touchpoint after its name and id.
fn touchpoint(y: &mut String, t: &SkeletonTouchpoint, words: &dyn Fn(&Message) -> String) {
    let number = |v: Option<i64>| v.map(|v| v.to_string());
    let flag = |v: Option<bool>| v.map(|v| v.to_string());
    let fields: [(&str, Option<String>); 13] = [
        ("kind", t.kind.map(|k| k.as_str().to_string())),
        ("channel", t.channel.as_deref().map(quoted)),
        ("owner", t.owner.as_deref().map(quoted)),
        ("emotion", Some(t.emotion.to_string())),
        ("target", number(t.target.map(i64::from))),
        ("moment", t.moment.map(|m| m.as_str().to_string())),
        ("impact", number(t.impact.map(i64::from))),
        ("frequency", number(t.frequency.map(i64::from))),
        ("direct", flag(t.direct)),
        ("in_process", flag(t.in_process)),
        ("basis", t.basis.map(|b| b.as_str().to_string())),
        (
            "asks",
            (!t.asks.is_empty()).then(|| {
                let items: Vec<String> = t.asks.iter().map(|a| quoted(a)).collect();
                format!("[{}]", items.join(", "))
            }),
        ),
        ("notes", t.notes.as_deref().map(quoted)),
    ];
    for (key, value) in fields {
        let comment = t.comment(key).map(words);
        match (value, comment) {
            (Some(value), Some(comment)) => {
                let _ = writeln!(y, "        {key}: {value}  # {comment}");
            }
            (Some(value), None) => {
                let _ = writeln!(y, "        {key}: {value}");
            }
            (None, Some(comment)) => {
                let _ = writeln!(y, "        # {key}:  # {comment}");
            }
            (None, None) => {}
        }
    }
}

/// The ids taken so far in one scope (the journey's stages, or its touchpoints).
#[derive(Default)]
struct Ids {
    taken: BTreeSet<String>,
    seen: usize,
}

impl Ids {
    fn count(&self) -> usize {
        self.seen
    }

    /// Takes the id of `name`; gives it when it must be written (the default slug is
    /// empty or already taken): `what-n` for the n-th of its scope.
    fn explicit(&mut self, name: &str, what: &str, n: usize) -> Option<String> {
        self.seen += 1;
        let slug = slugify(name);
        if !slug.is_empty() && self.taken.insert(slug.clone()) {
            return None;
        }
        let base = if slug.is_empty() {
            what.to_string()
        } else {
            slug
        };
        let mut candidate = format!("{base}-{n}");
        let mut more = n;
        while !self.taken.insert(candidate.clone()) {
            more += 1;
            candidate = format!("{base}-{more}");
        }
        Some(candidate)
    }
}

/// Text as a double-quoted YAML string: quotes, backslashes and control characters escaped.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_what_yaml_would_misread() {
        assert_eq!(quoted("Harry: \"go\"\\"), "\"Harry: \\\"go\\\"\\\\\"");
        assert_eq!(quoted("a\nb\u{7}"), "\"a\\nb\\u0007\"");
    }

    #[test]
    fn repeated_and_empty_slugs_get_explicit_ids() {
        let mut ids = Ids::default();
        assert_eq!(ids.explicit("Call", "touchpoint", 1), None);
        assert_eq!(
            ids.explicit("call", "touchpoint", 2),
            Some("call-2".to_string())
        );
        assert_eq!(
            ids.explicit("?!", "touchpoint", 3),
            Some("touchpoint-3".to_string())
        );
        assert_eq!(
            ids.explicit("Call 2", "touchpoint", 4),
            Some("call-2-4".to_string())
        );
    }
}

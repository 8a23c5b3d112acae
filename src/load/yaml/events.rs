//! The fast way to a [`Node`] tree: straight from the YAML parser's events, for the plain
//! documents journeymap's files are (no anchors, aliases, tags or merge keys, numbers written
//! as whole decimals). Anything else, an error included, gives `None`, and the caller reads
//! the document through serde-saphyr, which then decides: this path never accepts a document
//! serde-saphyr would refuse, and gives the same tree for every document it accepts (a test
//! compares the two).

use super::{Embedding, Node, Value};
use crate::diagnostics::{Position, to_u32};
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};

/// Deeper than this, or with more values, the document takes serde-saphyr's path, which
/// enforces journeymap's limits (64 levels, 250,000 values) and reports them.
const MAX_DEPTH: usize = 32;
const MAX_NODES: usize = 100_000;

/// Reads a plain document, or gives `None` for serde-saphyr to read it.
pub fn parse(text: &str, embedding: Embedding) -> Option<Node> {
    let mut reader = Reader {
        parser: Parser::new_from_str(text),
        embedding,
        nodes: 0,
    };
    reader.next_is(|e| matches!(e, Event::StreamStart))?;
    reader.next_is(|e| matches!(e, Event::DocumentStart(..)))?;
    let (event, span) = reader.next()?;
    let root = reader.node(event, span, 0)?;
    reader.next_is(|e| matches!(e, Event::DocumentEnd))?;
    reader.next_is(|e| matches!(e, Event::StreamEnd))?;
    Some(root)
}

struct Reader<'a> {
    parser: Parser<'a, serde_saphyr::granit_parser::StrInput<'a>>,
    embedding: Embedding,
    nodes: usize,
}

impl<'a> Reader<'a> {
    fn next(&mut self) -> Option<(Event<'a>, Span)> {
        self.parser.next_event()?.ok()
    }

    fn next_is(&mut self, wanted: impl Fn(&Event<'a>) -> bool) -> Option<()> {
        let (event, _) = self.next()?;
        wanted(&event).then_some(())
    }

    fn position(&self, span: &Span) -> Option<Position> {
        let start = span.start.byte_offset()?;
        let end = span.end.byte_offset()?;
        Some(Position {
            line: to_u32(span.start.line()) + self.embedding.lines_before,
            column: to_u32(span.start.col() + 1),
            offset: to_u32(start + self.embedding.offset),
            len: to_u32(end.saturating_sub(start)),
        })
    }

    fn node(&mut self, event: Event<'a>, span: Span, depth: usize) -> Option<Node> {
        self.nodes += 1;
        if depth > MAX_DEPTH || self.nodes > MAX_NODES {
            return None;
        }
        let position = self.position(&span)?;
        let value = match event {
            Event::Scalar(text, style, 0, None) => scalar(text.as_ref(), style)?,
            Event::SequenceStart(_, 0, None) => {
                let mut items = Vec::new();
                loop {
                    match self.next()? {
                        (Event::SequenceEnd, _) => break,
                        (event, span) => items.push(self.node(event, span, depth + 1)?),
                    }
                }
                Value::Seq(items)
            }
            Event::MappingStart(_, 0, None) => {
                let mut entries = Vec::new();
                loop {
                    match self.next()? {
                        (Event::MappingEnd, _) => break,
                        (event, span) => {
                            let key = self.node(event, span, depth + 1)?;
                            if matches!(&key.value, Value::Str(s) if s == "<<") {
                                return None;
                            }
                            let (event, span) = self.next()?;
                            let value = self.node(event, span, depth + 1)?;
                            entries.push((key, value));
                        }
                    }
                }
                Value::Map(entries)
            }
            _ => return None,
        };
        Some(Node { value, position })
    }
}

/// The value of a scalar, as serde-saphyr resolves it for journeymap (YAML 1.2 booleans);
/// `None` for anything that is not plainly text, a whole decimal, a boolean or null.
pub(super) fn scalar(text: &str, style: ScalarStyle) -> Option<Value> {
    if style != ScalarStyle::Plain {
        return Some(Value::Str(text.to_string()));
    }
    Some(match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => {
            let first = text.chars().next()?;
            if first.is_alphabetic() {
                let lower = text.to_ascii_lowercase();
                if matches!(lower.as_str(), "inf" | "infinity" | "nan") {
                    return None;
                }
                Value::Str(text.to_string())
            } else {
                let digits = text.strip_prefix('-').unwrap_or(text);
                let decimal = digits.bytes().all(|b| b.is_ascii_digit())
                    && !digits.is_empty()
                    && (digits == "0" || !digits.starts_with('0'))
                    && text != "-0";
                if !decimal {
                    return None;
                }
                Value::Int(text.parse().ok()?)
            }
        }
    })
}

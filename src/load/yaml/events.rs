//! The fast way to a [`Node`] tree: straight from the YAML parser's events, for the plain
//! documents journeymap's files are (no anchors, aliases, tags or merge keys, numbers written
//! as whole or plain decimals, dates as ISO dates). Anything else, an error included, gives `None`, and
//! the caller reads the document through serde-saphyr, which then decides: this path never
//! accepts a document serde-saphyr would refuse, and gives the same tree for every document it
//! accepts (a test compares the two).

use super::{Embedding, Node, Value};
use crate::diagnostics::{Position, to_u32};
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};

/// Deeper than this, the document takes serde-saphyr's path, which enforces journeymap's
/// limit (64 levels) and reports it.
const MAX_DEPTH: usize = 32;

/// Reads a plain document, or gives `None` for serde-saphyr to read it: also one with more
/// values than [`super::MAX_VALUES`], serde-saphyr's limit, counted as it counts them (every
/// scalar, keys included, and every sequence and mapping), so that a document within the
/// limit is read here once, not twice (a survey wave of 9,000 measurements holds about
/// 100,000).
pub fn parse(text: &str, embedding: Embedding) -> Option<Node> {
    parse_within(text, embedding, super::MAX_VALUES)
}

/// [`parse`] with a limit of `max_values`.
pub(super) fn parse_within(text: &str, embedding: Embedding, max_values: usize) -> Option<Node> {
    let mut reader = Reader {
        parser: Parser::new_from_str(text),
        embedding,
        nodes: 0,
        max_values,
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
    max_values: usize,
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
        if depth > MAX_DEPTH || self.nodes > self.max_values {
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
                if is_iso_date(text) {
                    // Text to serde-saphyr as to journeymap (a wave's date, a plan's due).
                    return Some(Value::Str(text.to_string()));
                }
                if is_plain_decimal(text) {
                    return Some(Value::Float(text.parse().ok()?));
                }
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

/// Whether a plain scalar is written as an ISO date: four digits, a dash, two, a dash, two.
fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// Whether a plain scalar is a number with a fraction written the plain way: an optional
/// minus, a whole part without leading zeros, a point and at least one digit (`73.1`, `-0.5`).
fn is_plain_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let Some((whole, fraction)) = unsigned.split_once('.') else {
        return false;
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction) && (whole == "0" || !whole.starts_with('0'))
}

//! The quickest way to a [`Node`] tree, for the block style journeymap's files are written in:
//! `key: value` mappings and `- item` lists laid out by indentation, one-line plain and quoted
//! scalars, one-line `[a, b]` lists and `{k: v}` mappings, and `|` literal text. It reads the
//! text once, line by line, and gives `None` at the first thing outside that subset (a tab, a
//! carriage return, an anchor, a tag, an escape, a scalar over several lines, anything
//! malformed): the document then goes to the parser's events and to serde-saphyr, which
//! decide. Whatever it accepts, serde-saphyr accepts with the same tree, positions included:
//! tests compare the two on the repository's YAML files, on damaged copies of them and on
//! generated documents.

use super::events::scalar;
use super::{Embedding, Node, Value};
use crate::diagnostics::{Position, to_u32};
use serde_saphyr::granit_parser::ScalarStyle;

/// Deeper than this, with more values or a longer text, the document takes the other paths,
/// which enforce journeymap's limits and report them.
const MAX_DEPTH: usize = 32;
const MAX_NODES: usize = 100_000;
const MAX_TEXT: usize = 16 << 20;
/// The longest key read here (YAML allows 1,024 characters before the `:`).
const MAX_KEY: usize = 128;

/// Reads a block-style document, or gives `None` for the other paths to read it.
pub fn parse(text: &str, embedding: Embedding) -> Option<Node> {
    if text.len() > MAX_TEXT || !plain_characters(text.as_bytes()) {
        return None;
    }
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
        line_start: 0,
        current: None,
        embedding,
        nodes: 0,
    };
    reader.advance_to_content();
    if reader.current != Some(0) {
        return None;
    }
    let root = reader.block(0, 0)?;
    reader.current.is_none().then_some(root)
}

/// Whether the text holds only characters YAML prints as they are: no control characters
/// but the line feed (so no tab and no carriage return), no byte order mark, no C1 control,
/// line or paragraph separator, and no non-character U+FFFE or U+FFFF.
fn plain_characters(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' | 0x20..=0x7e => {}
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => return false,
            0xe2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)) =>
            {
                return false;
            }
            0xef if matches!(
                (bytes.get(i + 1), bytes.get(i + 2)),
                (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
            ) =>
            {
                return false;
            }
            0x80..=0xff => {}
            _ => return false,
        }
        i += 1;
    }
    true
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The byte being read.
    pos: usize,
    /// The line of `pos`, from 1, and the offset it starts at.
    line: u32,
    line_start: usize,
    /// The indentation of the content line `pos` is at the start of; `None` at the end.
    current: Option<usize>,
    embedding: Embedding,
    nodes: usize,
}

impl<'a> Reader<'a> {
    fn byte(&self, at: usize) -> u8 {
        self.bytes.get(at).copied().unwrap_or(b'\n')
    }

    /// The position of `len` bytes starting at `at`, on the current line.
    fn position(&self, at: usize, len: usize) -> Position {
        let before = &self.bytes[self.line_start..at];
        let column = if before.is_ascii() {
            before.len()
        } else {
            self.text[self.line_start..at].chars().count()
        };
        Position {
            line: self.line + self.embedding.lines_before,
            column: to_u32(column + 1),
            offset: to_u32(at + self.embedding.offset),
            len: to_u32(len),
        }
    }

    fn node(&mut self, value: Value, position: Position) -> Option<Node> {
        self.nodes += 1;
        (self.nodes <= MAX_NODES).then_some(Node { value, position })
    }

    /// The first offset from `at` on that is not a space (the end of the text at most).
    fn after_spaces(&self, at: usize) -> usize {
        self.bytes[at..]
            .iter()
            .position(|&b| b != b' ')
            .map_or(self.bytes.len(), |i| at + i)
    }

    /// Moves from the start of a line past blank and comment lines to the first character of
    /// the next content line, and notes its indentation (`None` at the end of the text).
    fn advance_to_content(&mut self) {
        loop {
            let at = self.after_spaces(self.pos);
            if at >= self.bytes.len() {
                self.pos = self.bytes.len();
                self.current = None;
                return;
            }
            match self.bytes[at] {
                b'\n' => self.next_line(at),
                b'#' => self.next_line(self.line_end(at)),
                _ => {
                    self.current = Some(at - self.pos);
                    self.pos = at;
                    return;
                }
            }
        }
    }

    /// The offset of the line feed ending the line `at` is on, or of the end of the text.
    fn line_end(&self, at: usize) -> usize {
        self.bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.bytes.len(), |i| at + i)
    }

    /// Moves past the line feed at `at` (or to the end of the text).
    fn next_line(&mut self, at: usize) {
        if at >= self.bytes.len() {
            self.pos = self.bytes.len();
        } else {
            self.pos = at + 1;
            self.line += 1;
            self.line_start = self.pos;
        }
    }

    /// Whether `pos` is at a `-` that starts a list item.
    fn at_item(&self) -> bool {
        self.byte(self.pos) == b'-' && matches!(self.byte(self.pos + 1), b' ' | b'\n')
    }

    /// The length of the `key` at `at` when it is followed by `:` and a space or line end.
    fn key_len(&self, at: usize) -> Option<usize> {
        let first = self.byte(at);
        if !(first.is_ascii_alphanumeric() || first == b'_') {
            return None;
        }
        let len = self.bytes[at..]
            .iter()
            .take(MAX_KEY + 1)
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
        (len <= MAX_KEY
            && self.byte(at + len) == b':'
            && matches!(self.byte(at + len + 1), b' ' | b'\n'))
        .then_some(len)
    }

    /// The key at `pos`; `pos` ends just after its `:`.
    fn key(&mut self) -> Option<Node> {
        let len = self.key_len(self.pos)?;
        let position = self.position(self.pos, len);
        let key = scalar(&self.text[self.pos..self.pos + len], ScalarStyle::Plain)?;
        self.pos += len + 1;
        self.node(key, position)
    }

    /// A block node at the content line `pos` is on, indented by `indent`.
    fn block(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if self.at_item() {
            self.sequence(indent, depth, false)
        } else {
            self.mapping(indent, depth)
        }
    }

    /// A block mapping whose keys are indented by `indent`; `pos` is at its first key.
    fn mapping(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let position = self.position(self.pos, 0);
        let mut entries = Vec::new();
        loop {
            let key = self.key()?;
            let value = self.value(indent, depth + 1, true)?;
            entries.push((key, value));
            match self.current {
                Some(next) if next == indent && !self.at_item() => {}
                Some(next) if next < indent => break,
                None => break,
                Some(_) => return None,
            }
        }
        self.node(Value::Map(entries), position)
    }

    /// A block sequence whose `-` are indented by `indent`; `pos` is at the first `-`. An
    /// indentless sequence (the value of a key at the same indentation) ends at a line that
    /// is not an item.
    fn sequence(&mut self, indent: usize, depth: usize, indentless: bool) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut position = self.position(self.pos, 0);
        let mut items = Vec::new();
        loop {
            self.pos += 1;
            let item = self.item(indent, depth + 1)?;
            if indentless && items.is_empty() {
                position = item.position;
                position.len = 0;
            }
            items.push(item);
            match self.current {
                Some(next) if next == indent && self.at_item() => {}
                Some(next) if next == indent && indentless => break,
                Some(next) if next < indent => break,
                None => break,
                Some(_) => return None,
            }
        }
        self.node(Value::Seq(items), position)
    }

    /// A list item; `pos` is just after its `-`.
    fn item(&mut self, indent: usize, depth: usize) -> Option<Node> {
        let at = self.after_spaces(self.pos);
        if self.key_len(at).is_some() {
            self.pos = at;
            return self.mapping(at - self.line_start, depth);
        }
        self.value(indent, depth, false)
    }

    /// The value after a `:` or `-` at `pos`, in a collection indented by `indent`: on the
    /// same line, or below it, or null.
    fn value(&mut self, indent: usize, depth: usize, of_key: bool) -> Option<Node> {
        let indicator = self.pos - 1;
        // A `:` or `-` is followed by a space or a line end, so a `#` here starts a comment.
        let at = self.after_spaces(self.pos);
        match self.byte(at) {
            b'\n' | b'#' => {}
            _ => {
                self.pos = at;
                let value = self.inline(indent, depth)?;
                self.advance_to_content();
                return match self.current {
                    Some(next) if next > indent => None,
                    _ => Some(value),
                };
            }
        }
        // serde-saphyr puts a missing value at the `:` of its key, or at the end of its item's line.
        let line_end = self.line_end(at);
        let null = self.position(if of_key { indicator } else { line_end }, 0);
        self.next_line(line_end);
        self.advance_to_content();
        match self.current {
            Some(next) if next > indent => self.block(next, depth),
            // serde-saphyr places an indentless sequence at its first item, oddly when that
            // item is not on the `-` line: such sequences are left to it.
            Some(next) if next == indent && of_key && self.at_item() => {
                if matches!(
                    self.byte(self.after_spaces(self.pos + 1)),
                    b'\n' | b'#' | b'|'
                ) {
                    return None;
                }
                self.sequence(indent, depth, true)
            }
            _ => self.node(Value::Null, null),
        }
    }

    /// A value written on the rest of the line at `pos`, up to an optional comment; `pos`
    /// ends at the start of the next line.
    fn inline(&mut self, indent: usize, depth: usize) -> Option<Node> {
        let node = match self.byte(self.pos) {
            b'"' | b'\'' => self.quoted()?,
            b'[' => self.flow_sequence(depth)?,
            b'|' => return self.literal(indent),
            b'-' if matches!(self.byte(self.pos + 1), b' ' | b'\n') => return None,
            b'{' => self.flow_mapping(depth)?,
            b'>' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'?' | b',' | b']' | b'}' | b':'
            | b'#' => return None,
            _ => return self.plain(),
        };
        self.end_of_line()?;
        Some(node)
    }

    /// Past spaces and an optional comment to the start of the next line; `None` when
    /// anything else follows.
    fn end_of_line(&mut self) -> Option<()> {
        let at = self.after_spaces(self.pos);
        match self.byte(at) {
            b'\n' => {}
            b'#' if at > self.pos => {}
            _ => return None,
        }
        self.next_line(self.line_end(at));
        Some(())
    }

    /// A plain scalar filling the rest of the line, up to a ` #` comment.
    fn plain(&mut self) -> Option<Node> {
        let start = self.pos;
        let end_of_line = self.line_end(start);
        let line = &self.bytes[start..end_of_line];
        let mut end = line
            .windows(2)
            .position(|pair| pair == b" #")
            .unwrap_or(line.len());
        while end > 0 && line[end - 1] == b' ' {
            end -= 1;
        }
        let content = &line[..end];
        if content
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b':' && content.get(i + 1).is_none_or(|&n| n == b' '))
        {
            return None;
        }
        let value = scalar(&self.text[start..start + end], ScalarStyle::Plain)?;
        let position = self.position(start, end);
        let node = self.node(value, position)?;
        self.next_line(end_of_line);
        Some(node)
    }

    /// A one-line quoted scalar at `pos`, without escapes in double quotes.
    fn quoted(&mut self) -> Option<Node> {
        let start = self.pos;
        let quote = self.bytes[start];
        let mut text = String::new();
        let mut from = start + 1;
        let mut at = from;
        loop {
            match self.byte(at) {
                b'\n' => return None,
                b'\\' if quote == b'"' => return None,
                b if b == quote => {
                    if quote == b'\'' && self.byte(at + 1) == b'\'' {
                        text.push_str(&self.text[from..=at]);
                        at += 2;
                        from = at;
                        continue;
                    }
                    break;
                }
                _ => at += 1,
            }
        }
        if at >= self.bytes.len() {
            return None;
        }
        text.push_str(&self.text[from..at]);
        let position = self.position(start, at + 1 - start);
        self.pos = at + 1;
        self.node(Value::Str(text), position)
    }

    /// A one-line flow sequence of scalars at `pos`: `[a, b, "c"]`.
    fn flow_sequence(&mut self, depth: usize) -> Option<Node> {
        let (items, position) = self.flow(b']', depth, |reader| match reader.byte(reader.pos) {
            b'"' | b'\'' => reader.quoted(),
            _ => reader.flow_plain(b']'),
        })?;
        self.node(Value::Seq(items), position)
    }

    /// The entries of a one-line flow collection at `pos` (its opening bracket) up to the
    /// `close` bracket, each read by `entry`, and the collection's position.
    fn flow<T>(
        &mut self,
        close: u8,
        depth: usize,
        mut entry: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<(Vec<T>, Position)> {
        if depth > MAX_DEPTH {
            return None;
        }
        let position = self.position(self.pos, 1);
        self.pos += 1;
        let mut entries = Vec::new();
        self.skip_spaces();
        if self.byte(self.pos) == close {
            self.pos += 1;
            return Some((entries, position));
        }
        loop {
            entries.push(entry(self)?);
            if self.flow_separator(close)? {
                return Some((entries, position));
            }
        }
    }

    /// Past the `,` between two flow entries (`Some(false)`) or the `close` bracket
    /// (`Some(true)`); `None` for anything else, a trailing comma included.
    fn flow_separator(&mut self, close: u8) -> Option<bool> {
        self.skip_spaces();
        let separator = self.byte(self.pos);
        self.pos += 1;
        if separator == close {
            return Some(true);
        }
        self.skip_spaces();
        (separator == b',' && self.byte(self.pos) != close).then_some(false)
    }

    fn skip_spaces(&mut self) {
        self.pos = self.after_spaces(self.pos);
    }

    /// A plain scalar inside `[...]` or `{...}`, up to `,` or the `close` bracket.
    fn flow_plain(&mut self, close: u8) -> Option<Node> {
        let start = self.pos;
        let len = self.bytes[start..].iter().position(|&b| {
            matches!(
                b,
                b',' | b']' | b'\n' | b'[' | b'{' | b'}' | b'#' | b':' | b'"' | b'\''
            )
        })?;
        let stop = self.byte(start + len);
        if stop != b',' && stop != close {
            return None;
        }
        let mut end = start + len;
        while end > start && self.bytes[end - 1] == b' ' {
            end -= 1;
        }
        if end == start {
            return None;
        }
        let value = scalar(&self.text[start..end], ScalarStyle::Plain)?;
        let position = self.position(start, end - start);
        self.pos = end;
        self.node(value, position)
    }

    /// A `|`, `|-` or `|+` literal block scalar whose lines are indented deeper than
    /// `indent`; `pos` is at the `|`. Lines of spaces only, an explicit indentation and a
    /// text that ends without a line feed are left to the other paths.
    fn literal(&mut self, indent: usize) -> Option<Node> {
        let chomp = self.byte(self.pos + 1);
        self.pos += 1;
        if matches!(chomp, b'-' | b'+') {
            self.pos += 1;
        }
        self.end_of_line()?;
        let mut leading = 0;
        while self.byte(self.pos) == b'\n' && self.pos < self.bytes.len() {
            leading += 1;
            self.next_line(self.pos);
        }
        let content = self.after_spaces(self.pos);
        let width = content - self.pos;
        if width <= indent || matches!(self.byte(content), b'\n') {
            return None;
        }
        let position = self.position(content, 0);
        let mut text = "\n".repeat(leading);
        let mut blank = 0;
        let mut first_line = true;
        let end = loop {
            if self.pos >= self.bytes.len() {
                break self.bytes.len();
            }
            let first = self.after_spaces(self.pos);
            let spaces = first - self.pos;
            match self.byte(first) {
                b'\n' if spaces == 0 && first < self.bytes.len() => {
                    blank += 1;
                    self.next_line(first);
                }
                b'\n' => return None,
                _ if spaces < width => break first,
                _ => {
                    let line_end = self.line_end(first);
                    if line_end >= self.bytes.len() {
                        return None;
                    }
                    if !first_line {
                        text.push('\n');
                    }
                    first_line = false;
                    for _ in 0..blank {
                        text.push('\n');
                    }
                    blank = 0;
                    text.push_str(&self.text[self.pos + width..line_end]);
                    self.next_line(line_end);
                }
            }
        };
        match chomp {
            b'-' => {}
            b'+' => text.push_str(&"\n".repeat(blank + 1)),
            _ => text.push('\n'),
        }
        let len = end - content;
        self.node(
            Value::Str(text),
            Position {
                len: to_u32(len),
                ..position
            },
        )
    }

    /// A one-line flow mapping of `key: scalar` entries at `pos`: `{a: 1, b: "x"}`.
    fn flow_mapping(&mut self, depth: usize) -> Option<Node> {
        let (entries, position) = self.flow(b'}', depth, |reader| {
            if reader.byte(reader.pos + reader.key_len(reader.pos)? + 1) != b' ' {
                return None;
            }
            let key = reader.key()?;
            reader.skip_spaces();
            let value = match reader.byte(reader.pos) {
                b'"' | b'\'' => reader.quoted()?,
                b'[' => reader.flow_sequence(depth + 1)?,
                _ => reader.flow_plain(b'}')?,
            };
            Some((key, value))
        })?;
        self.node(Value::Map(entries), position)
    }
}

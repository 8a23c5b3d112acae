//! Where in the project a diagnostic, a journey or a touchpoint comes from.

use serde::Serialize;
use std::sync::Arc;

/// A place in a source file: the file (relative to the project root, `/`-separated) and,
/// for text files, the line and column. Serialised as `file:line:column`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Path of the file relative to the project root, e.g. `content/journeys/x.yaml`.
    pub file: Arc<str>,
    /// Line, column and length; absent for whole-file problems (a symlink loop).
    pub position: Option<Position>,
}

impl Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A position inside a text file: 1-based line and column (in characters) and the
/// length of the spanned text in bytes, starting at `offset` bytes into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// Byte offset of the start of the span in the file (text files are at most 4 MiB).
    #[serde(skip)]
    pub offset: u32,
    /// Length of the span in bytes (0 for a point).
    #[serde(skip)]
    pub len: u32,
}

impl Location {
    /// A location for a whole file, with no line.
    pub fn file(file: Arc<str>) -> Self {
        Location {
            file,
            position: None,
        }
    }

    /// A location at a position inside a file.
    pub fn at(file: Arc<str>, position: Position) -> Self {
        Location {
            file,
            position: Some(position),
        }
    }

    /// The line, if the location has one.
    pub fn line(&self) -> Option<u32> {
        self.position.map(|p| p.line)
    }
}

impl Position {
    /// The position of the first character of a file.
    pub const START: Position = Position {
        line: 1,
        column: 1,
        offset: 0,
        len: 0,
    };

    /// Computes the line and column of a byte offset in `text`.
    pub fn of_offset(text: &str, offset: usize, len: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position {
            line: to_u32(line),
            column: to_u32(column),
            offset: to_u32(offset),
            len: to_u32(len),
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// A count as `u32`, saturating (source files are far smaller than 4 GiB).
pub fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some(p) => write!(f, "{}:{}:{}", self.file, p.line, p.column),
            None => f.write_str(&self.file),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_to_line_and_column_counts_characters() {
        let text = "a: 1\nnaïve: x\n";
        let p = Position::of_offset(text, text.find('x').unwrap(), 1);
        assert_eq!((p.line, p.column), (2, 8));
    }

    #[test]
    fn offset_inside_a_character_is_clamped() {
        let text = "é";
        let p = Position::of_offset(text, 1, 0);
        assert_eq!((p.line, p.column, p.offset), (1, 1, 0));
    }
}

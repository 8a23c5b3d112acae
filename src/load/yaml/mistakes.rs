//! The YAML mistakes people actually make, told in plain words: a tab in the indentation, a
//! missing `:`, an unquoted `: ` inside a value, indentation that lines up with nothing, an
//! unclosed quote or bracket. Each is found by reading the text around the parser's error and
//! is reported at the line and column where the mistake is, not where the parser gave up.

use crate::diagnostics::Message;

/// A YAML mistake explained: where it is (line and column in the YAML text, from 1) and
/// what to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// Line of the mistake in the YAML text, from 1.
    pub line: u32,
    /// Column of the mistake, in characters from 1.
    pub column: u32,
    /// What is wrong.
    pub message: Message,
    /// What to do about it.
    pub help: Message,
}

/// Explains the parser's error `parser_message` at `line`/`column` (from 1, within `text`), if
/// it is one of the known mistakes. `lines_before` is added to the line numbers the sentences
/// mention, so they name lines of the whole file.
pub fn explain(
    text: &str,
    parser_message: &str,
    line: u32,
    column: u32,
    lines_before: u32,
) -> Option<Mistake> {
    let lines = Lines::of(text);
    let line = line.clamp(1, lines.count().max(1));
    let say = Say { lines_before };
    if parser_message.contains("unclosed quote") {
        return lines
            .opening_quote(line, column)
            .map(|(l, c, q)| say.unclosed_quote(l, c, q));
    }
    if let Some(mistake) = lines.tab_near(line).map(|(l, c)| say.tab(l, c)) {
        return Some(mistake);
    }
    if let Some((l, c, bracket)) = lines.unclosed_bracket(line, column) {
        return Some(say.unclosed_bracket(l, c, bracket));
    }
    let no_colon = parser_message.contains("simple key") || parser_message.contains("expected ':'");
    if let Some((l, c, text)) = lines.without_colon(line).filter(|_| no_colon) {
        return Some(say.missing_colon(l, c, &text));
    }
    let colon_too_many = parser_message.contains("mapping values are not allowed");
    if let Some((c, key, value)) = lines
        .colon_in_value(line, column)
        .filter(|_| colon_too_many)
    {
        return Some(say.colon_in_value(line, c, &key, &value));
    }
    if let Some((expected, other)) = lines.misplaced_list_item(line) {
        return Some(say.list_indentation(line, lines.indent(line), expected, other));
    }
    let levels = lines.levels_above(line);
    let found = lines.indent(line);
    if !levels.is_empty() && !levels.iter().any(|(_, spaces)| *spaces == found) {
        return Some(say.indentation(line, found, &levels));
    }
    None
}

/// The lines of the YAML text, looked at one at a time.
struct Lines<'t> {
    lines: Vec<&'t str>,
}

impl<'t> Lines<'t> {
    fn of(text: &'t str) -> Self {
        Lines {
            lines: text.split('\n').map(|l| l.trim_end_matches('\r')).collect(),
        }
    }

    fn count(&self) -> u32 {
        u32::try_from(self.lines.len()).unwrap_or(u32::MAX)
    }

    /// Line `n` (from 1), or nothing past the end.
    fn get(&self, n: u32) -> &'t str {
        n.checked_sub(1)
            .and_then(|i| self.lines.get(i as usize))
            .copied()
            .unwrap_or("")
    }

    /// Spaces before the first other character of line `n`.
    fn indent(&self, n: u32) -> u32 {
        count(self.get(n).chars().take_while(|c| *c == ' ').count())
    }

    /// A line with something on it other than a comment.
    fn has_content(&self, n: u32) -> bool {
        let trimmed = self.get(n).trim();
        !trimmed.is_empty() && !trimmed.starts_with('#')
    }

    /// The first line from `n` on (the parser often stops at the end of the line before)
    /// whose indentation holds a tab, and the tab's column.
    fn tab_near(&self, n: u32) -> Option<(u32, u32)> {
        (n..=n + 1).find_map(|l| {
            let line = self.get(l);
            let indentation = line.len() - line.trim_start_matches([' ', '\t']).len();
            let tab = line[..indentation].find('\t')?;
            (line.trim().is_empty() || self.has_content(l)).then_some(())?;
            Some((l, count(tab) + 1))
        })
    }

    /// The quote mark at or after `column` of line `n`, where the parser saw a quoted text
    /// begin that never ends.
    fn opening_quote(&self, n: u32, column: u32) -> Option<(u32, u32, char)> {
        let line = self.get(n);
        let (i, q) = line
            .chars()
            .enumerate()
            .skip(column.saturating_sub(1) as usize)
            .find(|(_, c)| *c == '"' || *c == '\'')
            .or_else(|| {
                line.chars()
                    .enumerate()
                    .find(|(_, c)| *c == '"' || *c == '\'')
            })?;
        Some((n, count(i) + 1, q))
    }

    /// A `[` or `{` opened before the error (line `n`, `column`) as a list or mapping and
    /// not closed: its line, column and the bracket.
    fn unclosed_bracket(&self, n: u32, column: u32) -> Option<(u32, u32, char)> {
        let mut open: Vec<(u32, u32, char)> = Vec::new();
        for l in 1..=n {
            let chars: Vec<char> = self.get(l).chars().collect();
            let end = if l == n {
                (column as usize).min(chars.len())
            } else {
                chars.len()
            };
            let mut quote: Option<char> = None;
            for (i, &c) in chars[..end].iter().enumerate() {
                if let Some(q) = quote {
                    if c == q {
                        quote = None;
                    }
                    continue;
                }
                let before = chars[..i].iter().rev().find(|c| **c != ' ').copied();
                let starts_value = matches!(before, None | Some(':' | '-' | '[' | '{' | ','));
                match c {
                    '#' if i == 0 || chars[i - 1] == ' ' => break,
                    '"' | '\'' if !open.is_empty() || starts_value => quote = Some(c),
                    '[' | '{' if !open.is_empty() || starts_value => {
                        open.push((l, count(i) + 1, c));
                    }
                    ']' | '}' if !open.is_empty() => {
                        open.pop();
                    }
                    _ => {}
                }
            }
        }
        open.pop()
    }

    /// The line at or just before `n` that is a bare word or words where a `key: value`
    /// belongs: its number, the column of its text and the text.
    fn without_colon(&self, n: u32) -> Option<(u32, u32, String)> {
        (n.saturating_sub(2).max(1)..=n).rev().find_map(|l| {
            if !self.has_content(l) {
                return None;
            }
            let line = self.get(l);
            let text = line.trim_start();
            let text = text.strip_prefix("- ").unwrap_or(text).trim_start();
            let bare = !text.contains(':')
                && !text.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '-']);
            let column = line.chars().count() - text.chars().count() + 1;
            bare.then(|| (l, count(column), text.trim_end().to_string()))
        })
    }

    /// On line `n`, a `: ` inside a value (the parser stopped at the second one, `column`):
    /// its column, the key and the whole value.
    fn colon_in_value(&self, n: u32, column: u32) -> Option<(u32, String, String)> {
        let line = self.get(n);
        let first = line.find(": ")?;
        let error_byte = line
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(line.len(), |(i, _)| i);
        if first >= error_byte {
            return None;
        }
        let key = line[..first].trim_start();
        let key = key.strip_prefix("- ").unwrap_or(key).trim();
        let value = line[first + 2..].trim();
        let value = match value.find(" #") {
            Some(comment) => value[..comment].trim_end(),
            None => value,
        };
        Some((column, key.to_string(), value.to_string()))
    }

    /// When line `n` is a list item (`- `) that lines up with no list above it and does not
    /// start a list of its own under a `key:`: the indentation of the nearest item above and
    /// its line.
    fn misplaced_list_item(&self, n: u32) -> Option<(u32, u32)> {
        if !is_item(self.get(n)) {
            return None;
        }
        let found = self.indent(n);
        let items = (1..n).rev().filter(|&l| is_item(self.get(l)));
        let nearest = items.clone().next()?;
        let mut levels = items.map(|l| self.indent(l));
        if levels.any(|indent| indent == found) {
            return None;
        }
        let above = (1..n).rev().find(|&l| self.has_content(l))?;
        let opens_list = self.get(above).trim_end().ends_with(':');
        (!opens_list).then_some((self.indent(nearest), nearest))
    }

    /// The indentations a line after line `n - 1` can line up with: the nearest line with
    /// something on it, then each line further up that is indented less; with their lines.
    fn levels_above(&self, n: u32) -> Vec<(u32, u32)> {
        let mut levels: Vec<(u32, u32)> = Vec::new();
        for l in (1..n).rev().filter(|&l| self.has_content(l)) {
            let indent = self.indent(l);
            if levels.last().is_none_or(|(_, last)| indent < *last) {
                if is_item(self.get(l)) {
                    let content = indent + 2;
                    if levels.last().is_none_or(|(_, last)| content < *last) {
                        levels.push((l, content));
                    }
                }
                levels.push((l, indent));
            }
            if indent == 0 {
                break;
            }
        }
        levels
    }
}

fn is_item(line: &str) -> bool {
    let text = line.trim_start();
    text == "-" || text.starts_with("- ")
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The sentences of the mistakes, from the catalogue, with lines of the whole file.
struct Say {
    lines_before: u32,
}

impl Say {
    fn file_line(&self, line: u32) -> String {
        (line + self.lines_before).to_string()
    }

    fn mistake(
        &self,
        line: u32,
        column: u32,
        (key, help): (&'static str, &'static str),
        params: &[(&'static str, String)],
    ) -> Mistake {
        let (mut message, mut help) = (Message::new(key), Message::new(help));
        for (name, value) in params {
            message = message.with(name, value);
            help = help.with(name, value);
        }
        Mistake {
            line,
            column,
            message,
            help,
        }
    }

    fn tab(&self, line: u32, column: u32) -> Mistake {
        self.mistake(
            line,
            column,
            ("yaml.tab", "yaml.tab_help"),
            &[("line", self.file_line(line))],
        )
    }

    fn unclosed_quote(&self, line: u32, column: u32, quote: char) -> Mistake {
        let params = [
            ("line", self.file_line(line)),
            ("column", column.to_string()),
            ("quote", quote.to_string()),
        ];
        self.mistake(
            line,
            column,
            ("yaml.unclosed_quote", "yaml.unclosed_quote_help"),
            &params,
        )
    }

    fn unclosed_bracket(&self, line: u32, column: u32, bracket: char) -> Mistake {
        let closing = if bracket == '[' { ']' } else { '}' };
        let params = [
            ("line", self.file_line(line)),
            ("column", column.to_string()),
            ("bracket", bracket.to_string()),
            ("closing", closing.to_string()),
        ];
        self.mistake(
            line,
            column,
            ("yaml.unclosed_bracket", "yaml.unclosed_bracket_help"),
            &params,
        )
    }

    fn missing_colon(&self, line: u32, column: u32, text: &str) -> Mistake {
        let example = match text.split_once(' ') {
            Some((key, value)) => format!("{key}: {}", value.trim_start()),
            None => format!("{text}: …"),
        };
        let params = [("line", self.file_line(line)), ("example", example)];
        self.mistake(
            line,
            column,
            ("yaml.missing_colon", "yaml.missing_colon_help"),
            &params,
        )
    }

    fn colon_in_value(&self, line: u32, column: u32, key: &str, value: &str) -> Mistake {
        let quoted = if value.contains('"') {
            format!("'{}'", value.replace('\'', "''"))
        } else {
            format!("\"{value}\"")
        };
        let params = [
            ("line", self.file_line(line)),
            ("key", key.to_string()),
            ("example", format!("{key}: {quoted}")),
        ];
        self.mistake(
            line,
            column,
            ("yaml.colon_in_value", "yaml.colon_in_value_help"),
            &params,
        )
    }

    fn list_indentation(&self, line: u32, found: u32, expected: u32, other: u32) -> Mistake {
        let params = [
            ("line", self.file_line(line)),
            ("found", found.to_string()),
            ("expected", expected.to_string()),
            ("other", self.file_line(other)),
        ];
        self.mistake(
            line,
            found + 1,
            ("yaml.list_indentation", "yaml.list_indentation_help"),
            &params,
        )
    }

    fn indentation(&self, line: u32, found: u32, levels: &[(u32, u32)]) -> Mistake {
        let levels = levels
            .iter()
            .take(4)
            .enumerate()
            .map(|(i, (l, spaces))| {
                let key = if i == 0 {
                    "yaml.level_first"
                } else {
                    "yaml.level"
                };
                Message::new(key)
                    .with("line", self.file_line(*l))
                    .with("spaces", spaces)
            })
            .reduce(|first, next| {
                Message::new("yaml.levels")
                    .with("first", first)
                    .with("next", next)
            });
        let params = [("line", self.file_line(line)), ("found", found.to_string())];
        let mut mistake = self.mistake(
            line,
            found + 1,
            ("yaml.indentation", "yaml.indentation_help"),
            &params,
        );
        let levels = levels.unwrap_or_else(|| Message::new("yaml.no_levels"));
        mistake.message = mistake.message.with("levels", &levels);
        mistake.help = mistake.help.with("levels", levels);
        mistake
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(text: &str) -> Mistake {
        let options = serde_saphyr::options! { with_snippet: false };
        let error = serde_saphyr::from_str_with_options::<serde_json::Value>(text, options)
            .expect_err("the text is malformed");
        let location = error.location().expect("the error has a place");
        let message = error.to_string();
        let line = u32::try_from(location.line()).unwrap();
        let column = u32::try_from(location.column()).unwrap();
        explain(text, &message, line, column, 0)
            .unwrap_or_else(|| panic!("no explanation for {message}"))
    }

    const HEAD: &str = "title: Return\nstages:\n  - name: Order\n    touchpoints:\n";

    #[test]
    fn a_tab_is_found_on_its_own_line() {
        let m = explained(&format!(
            "{HEAD}      - name: Pays\n\t kind: human\n        emotion: 1\n"
        ));
        assert_eq!((m.line, m.column), (6, 1));
        assert_eq!(
            m.message.english(),
            "line 6 is indented with a tab; use spaces"
        );
    }

    #[test]
    fn a_missing_colon_names_its_line() {
        let m = explained(&format!(
            "{HEAD}      - name: Pays\n        kind human\n        emotion: 1\n"
        ));
        assert_eq!((m.line, m.column), (6, 9));
        assert!(
            m.help.english().contains("`kind: human`"),
            "{}",
            m.help.english()
        );
    }

    #[test]
    fn a_colon_in_a_value_asks_for_quotes() {
        let m = explained(&format!(
            "{HEAD}      - name: Harry: ga terug\n        kind: human\n"
        ));
        assert_eq!((m.line, m.column), (5, 20));
        assert!(
            m.help.english().contains("`name: \"Harry: ga terug\"`"),
            "{}",
            m.help.english()
        );
    }

    #[test]
    fn a_list_item_off_its_list() {
        let m = explained(&format!(
            "{HEAD}      - name: Pays\n        kind: human\n    - name: Ships\n        kind: human\n"
        ));
        assert_eq!((m.line, m.column), (7, 5));
        assert!(
            m.message.english().contains("indented 4 spaces"),
            "{}",
            m.message.english()
        );
        assert!(
            m.message.english().contains("indented 6 (line 5)"),
            "{}",
            m.message.english()
        );
    }

    #[test]
    fn a_line_indented_one_too_many_or_too_few() {
        for (spaces, line) in [(9u32, 7u32), (7, 7)] {
            let m = explained(&format!(
                "{HEAD}      - name: Pays\n        kind: human\n{}emotion: 1\n",
                " ".repeat(spaces as usize)
            ));
            assert_eq!((m.line, m.column), (line, spaces + 1), "{m:?}");
            assert!(
                m.help.english().contains("line 6 by 8 spaces"),
                "{}",
                m.help.english()
            );
        }
    }

    #[test]
    fn an_unclosed_quote_points_where_it_opened() {
        let m = explained(&format!(
            "{HEAD}      - name: \"Pays\n        kind: human\n"
        ));
        assert_eq!((m.line, m.column), (5, 15));
        assert!(
            m.message.english().contains("line 5, column 15"),
            "{}",
            m.message.english()
        );
    }

    #[test]
    fn an_unclosed_bracket_points_where_it_opened() {
        let m = explained("title: Return\nowners: [a, b\nstages:\n  - name: Order\n");
        assert_eq!((m.line, m.column), (2, 9));
        assert!(m.help.english().contains("`]`"), "{}", m.help.english());
        let m = explained(&format!(
            "{HEAD}      - {{name: Pays, kind: human\n      - x\n"
        ));
        assert_eq!((m.line, m.column), (5, 9));
    }

    #[test]
    fn brackets_inside_plain_text_or_quotes_are_not_lists() {
        let lines = Lines::of("a: Harry [intern\nb: '[x'\nc: \"{\"\nd: [1, 2]\ne: x y\n");
        assert_eq!(lines.unclosed_bracket(5, 1), None);
    }
}

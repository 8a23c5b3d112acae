//! Turns YAML nodes into typed values while collecting every problem: unknown keys with
//! did-you-mean, wrong types, missing keys, values out of range.

use super::label_words;
use super::yaml::{Node, Value};
use crate::diagnostics::{
    Code, Diagnostic, Diagnostics, Listing, Location, Message, Names, Position, did_you_mean,
};
use crate::model::{Enumerated, Labelled, is_kebab_case, slugify};
use crate::msg;
use std::sync::Arc;

/// Decoding state for one file: its name, its text and the diagnostics found so far.
pub struct Decoder<'a> {
    /// Project-relative path of the file.
    pub file: Arc<str>,
    text: &'a str,
    diagnostics: &'a mut Diagnostics,
}

/// The entries of one YAML mapping, checked against the keys it may have.
pub struct Fields<'n> {
    /// The catalogue key that names the mapping, e.g. `what.stage` ("a stage").
    what: &'static str,
    node: &'n Node,
    entries: Vec<(&'n str, &'n Node)>,
    /// Keys suggested for misspelt ones: their absence is already reported.
    suggested: Vec<&'static str>,
}

impl<'a> Decoder<'a> {
    /// A decoder for `file`, whose whole text is `text`.
    pub fn new(file: Arc<str>, text: &'a str, diagnostics: &'a mut Diagnostics) -> Self {
        Decoder {
            file,
            text,
            diagnostics,
        }
    }

    /// The location of a node in this file.
    pub fn location(&self, node: &Node) -> Location {
        Location::at(self.file.clone(), node.position)
    }

    /// The whole text of the file.
    pub fn source_text(&self) -> &'a str {
        self.text
    }

    /// The location of the start of this file.
    pub fn file_start(&self) -> Location {
        Location::at(self.file.clone(), Position::START)
    }

    /// Records a diagnostic.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Records an error about a node.
    pub fn error(&mut self, code: Code, node: &Node, message: Message) -> &mut Self {
        let d = Diagnostic::error(code, self.location(node), message);
        self.report(d);
        self
    }

    /// Reads a mapping that may hold only `known` keys; reports a non-mapping, keys that are
    /// not text, duplicate keys and unknown keys (with the closest known key). `what` is the
    /// catalogue key that names the mapping, e.g. `what.stage`.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        what: &'static str,
        known: &[&'static str],
    ) -> Option<Fields<'n>> {
        let Value::Map(raw) = &node.value else {
            let found = describe(node);
            self.report(
                Diagnostic::error(
                    Code::WrongType,
                    self.location(node),
                    msg!("error.not_a_mapping", what = Message::new(what), found),
                )
                .with_help(msg!(
                    "list.keys_of",
                    what = Message::new(what),
                    names = Names::of(known.iter().copied())
                )),
            );
            return None;
        };
        let mut entries: Vec<(&'n str, &'n Node)> = Vec::with_capacity(raw.len());
        let mut suggested = Vec::new();
        for (key, value) in raw {
            let Value::Str(name) = &key.value else {
                let found = describe(key);
                self.error(
                    Code::WrongType,
                    key,
                    msg!("error.key_not_a_word", what = Message::new(what), found),
                );
                continue;
            };
            if let Some((_, first)) = entries.iter().find(|(k, _)| *k == name) {
                let first_line = first.position.line;
                let d = Diagnostic::error(
                    Code::DuplicateKey,
                    self.location(key),
                    msg!("error.key_twice", name, what = Message::new(what)),
                )
                .with_label(msg!("label.second_time"))
                .with_help(msg!("help.key_twice", first_line));
                self.report(d);
                continue;
            }
            if !known.contains(&name.as_str()) {
                let subject = msg!("list.keys_of", what = Message::new(what));
                let hint = did_you_mean(name, known.iter().copied(), Listing::Otherwise(subject));
                suggested.extend(hint.closest);
                let help = hint.help;
                let d = Diagnostic::error(
                    Code::UnknownKey,
                    self.location(key),
                    msg!("error.unknown_key", name, what = Message::new(what)),
                )
                .with_label(msg!("label.not_a_key"))
                .with_help(help);
                self.report(d);
                continue;
            }
            entries.push((name, value));
        }
        Some(Fields {
            what,
            node,
            entries,
            suggested,
        })
    }

    /// Text, also accepting a number or `true`/`false` written where text is expected
    /// (kept as written). `None` (and an error) for a list or mapping.
    pub fn text(&mut self, node: &Node, key: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => Some(self.source_of(node)),
            Value::Null => Some(String::new()),
            Value::Seq(_) | Value::Map(_) => {
                let found = describe(node);
                self.error(
                    Code::WrongType,
                    node,
                    msg!("error.must_be_text", key, found),
                );
                None
            }
        }
    }

    /// Text that may not be empty.
    pub fn required_text(&mut self, node: &Node, key: &str) -> Option<String> {
        let text = self.text(node, key)?;
        if text.trim().is_empty() {
            self.error(Code::MissingKey, node, msg!("error.empty", key));
            return None;
        }
        Some(text)
    }

    /// A whole number within `min..=max`.
    pub fn int_in(&mut self, node: &Node, key: &str, min: i64, max: i64) -> Option<i64> {
        let value = self.int(node, key)?;
        if !(min..=max).contains(&value) {
            let d = Diagnostic::error(
                Code::OutOfRange,
                self.location(node),
                msg!("error.out_of_range", key, value, min, max),
            )
            .with_label(msg!("label.between", min, max));
            self.report(d);
            return None;
        }
        Some(value)
    }

    /// A whole number.
    pub fn int(&mut self, node: &Node, key: &str) -> Option<i64> {
        match &node.value {
            Value::Int(i) => Some(*i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(*f as i64),
            _ => {
                let found = describe(node);
                self.error(
                    Code::WrongType,
                    node,
                    msg!("error.must_be_whole", key, found),
                );
                None
            }
        }
    }

    /// A number, whole or not.
    pub fn number(&mut self, node: &Node, key: &str) -> Option<f64> {
        match &node.value {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) if f.is_finite() => Some(*f),
            _ => {
                let found = describe(node);
                self.error(
                    Code::WrongType,
                    node,
                    msg!("error.must_be_number", key, found),
                );
                None
            }
        }
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, node: &Node, key: &str) -> Option<bool> {
        match &node.value {
            Value::Bool(b) => Some(*b),
            _ => {
                let found = describe(node);
                self.error(
                    Code::WrongType,
                    node,
                    msg!("error.must_be_boolean", key, found),
                );
                None
            }
        }
    }

    /// One of a fixed set of words; an unknown word gets the closest valid one and the list.
    /// `what` is the catalogue key that names the value, e.g. `what.kind`.
    pub fn choice<T: Enumerated>(
        &mut self,
        node: &Node,
        key: &str,
        what: &'static str,
    ) -> Option<T> {
        self.choice_with_hint(node, key, what, |_| None)
    }

    /// One of a fixed set of words that people see by their labels: a word that is a label
    /// (`menselijk`) gets the format's word for it, "did you mean `human`? (menselijk)".
    pub fn labelled_choice<T: Labelled>(
        &mut self,
        node: &Node,
        key: &str,
        what: &'static str,
    ) -> Option<T> {
        self.choice_with_hint(node, key, what, label_words::hint::<T>)
    }

    /// A choice whose unknown word is first offered to `hint`, then to did-you-mean.
    fn choice_with_hint<T: Enumerated>(
        &mut self,
        node: &Node,
        key: &str,
        what: &'static str,
        hint: impl Fn(&str) -> Option<Message>,
    ) -> Option<T> {
        let text: std::borrow::Cow<'_, str> = match &node.value {
            Value::Str(s) => s.as_str().into(),
            Value::Seq(_) | Value::Map(_) | Value::Null => {
                let found = describe(node);
                self.error(
                    Code::WrongType,
                    node,
                    msg!("error.must_be_word", key, found),
                )
                .report_help(msg!("list.valid_values", names = Names::of(T::names())));
                return None;
            }
            _ => self.source_of(node).into(),
        };
        if let Some(value) = T::from_name(&text) {
            return Some(value);
        }
        let d = Diagnostic::error(
            Code::InvalidValue,
            self.location(node),
            msg!("error.invalid_value", text, what = Message::new(what)),
        )
        .with_help(hint(&text).unwrap_or_else(|| {
            did_you_mean(
                &text,
                T::names(),
                Listing::Always(msg!("list.valid_values")),
            )
            .help
        }));
        self.report(d);
        None
    }

    /// `scale: [lowest, highest]` of a measured value or a survey column, lowest below highest.
    pub fn scale(&mut self, node: &Node) -> Option<(f64, f64)> {
        let items = self.list(node, "scale")?;
        let numbers: Vec<f64> = items
            .iter()
            .filter_map(|item| self.number(item, "scale"))
            .collect();
        match numbers.as_slice() {
            [low, high] if low < high => Some((*low, *high)),
            _ => {
                self.error(Code::InvalidValue, node, msg!("error.scale_pair"))
                    .report_help(msg!("help.scale_example"));
                None
            }
        }
    }

    /// The items of a list; an absent value (`key:`) is an empty list.
    pub fn list<'n>(&mut self, node: &'n Node, key: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            Value::Null => Some(&[]),
            _ => {
                let found = describe(node);
                self.error(
                    Code::WrongType,
                    node,
                    msg!("error.must_be_list", key, found),
                );
                None
            }
        }
    }

    /// A list of text items.
    pub fn text_list(&mut self, node: &Node, key: &str) -> Vec<String> {
        let Some(items) = self.list(node, key) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.required_text(item, key))
            .collect()
    }

    /// An explicit kebab-case id.
    pub fn id(&mut self, node: &Node, key: &str) -> Option<String> {
        let id = self.required_text(node, key)?;
        if !is_kebab_case(&id) {
            let slug = slugify(&id);
            let help = if slug.is_empty() {
                msg!("help.id_example")
            } else {
                msg!("help.id_slug", slug)
            };
            let d = Diagnostic::error(
                Code::InvalidId,
                self.location(node),
                msg!("error.invalid_id", id),
            )
            .with_help(help);
            self.report(d);
            return None;
        }
        Some(id)
    }

    /// An id of lower-case letters, digits and underscores, as criteria use (`brand_fit`).
    pub fn id_snake(&mut self, node: &Node) -> Option<String> {
        let id = self.required_text(node, "id")?;
        let valid = id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && id.starts_with(|c: char| c.is_ascii_lowercase());
        if !valid {
            let suggestion = slugify(&id).replace('-', "_");
            let d = Diagnostic::error(
                Code::InvalidId,
                self.location(node),
                msg!("error.invalid_criterion_id", id),
            )
            .with_help(msg!(
                "help.criterion_id",
                example = if suggestion.is_empty() {
                    "customer_impact"
                } else {
                    &suggestion
                }
            ));
            self.report(d);
            return None;
        }
        Some(id)
    }

    /// The id given in `id`, or else the slug of `name`.
    pub fn id_or_slug(
        &mut self,
        id: Option<&Node>,
        name: &str,
        name_node: &Node,
    ) -> Option<String> {
        if let Some(node) = id {
            return self.id(node, "id");
        }
        let slug = slugify(name);
        if slug.is_empty() {
            let d = Diagnostic::error(
                Code::InvalidId,
                self.location(name_node),
                msg!("error.no_id_from_name", name),
            )
            .with_help(msg!("help.add_id"));
            self.report(d);
            return None;
        }
        Some(slug)
    }

    /// Adds a help line to the diagnostic reported last.
    pub fn report_help(&mut self, help: Message) {
        if let Some(last) = self.diagnostics.last_mut() {
            last.help = Some(help);
        }
    }

    /// The text of a node as written in the file.
    fn source_of(&self, node: &Node) -> String {
        let start = node.position.offset as usize;
        let end = start + node.position.len as usize;
        self.text
            .get(start..end)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| match &node.value {
                Value::Int(i) => i.to_string(),
                Value::Float(f) => f.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => String::new(),
            })
    }
}

impl<'n> Fields<'n> {
    /// The value of a key; `None` when absent or empty (`key:` with no value).
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .filter(|v| v.value != Value::Null)
    }

    /// The value of a key that must be there; reports it missing or empty.
    pub fn required(&self, decoder: &mut Decoder<'_>, key: &str) -> Option<&'n Node> {
        match self.entries.iter().find(|(k, _)| *k == key) {
            Some((_, value)) if value.value == Value::Null => {
                decoder.error(Code::MissingKey, value, msg!("error.no_value", key));
                None
            }
            Some((_, value)) => Some(value),
            None if self.suggested.contains(&key) => None,
            None => {
                let what = self.what;
                decoder.report(
                    Diagnostic::error(
                        Code::MissingKey,
                        decoder.location(self.node),
                        msg!("error.needs_key", what = Message::new(what), key),
                    )
                    .with_label(msg!("label.missing_here", key)),
                );
                None
            }
        }
    }

    /// The mapping these fields belong to.
    pub fn node(&self) -> &'n Node {
        self.node
    }
}

/// A short description of what a node holds, for "found ..." in messages.
pub fn describe(node: &Node) -> Message {
    match &node.value {
        Value::Null => msg!("found.nothing"),
        Value::Bool(b) => msg!("found.word", word = b),
        Value::Int(i) => msg!("found.number", number = i),
        Value::Float(f) => msg!("found.number", number = f),
        Value::Str(s) => {
            let short: String = s.chars().take(40).collect();
            let more = if s.chars().count() > 40 { "…" } else { "" };
            msg!("found.text", text = format!("{short}{more}"))
        }
        Value::Seq(_) => msg!("found.list"),
        Value::Map(_) => msg!("found.mapping"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::{Embedding, parse};

    fn decode<T>(yaml: &str, f: impl FnOnce(&mut Decoder<'_>, &Node) -> T) -> (T, Vec<Diagnostic>) {
        let file: Arc<str> = Arc::from("content/x.yaml");
        let node = parse(yaml, &file, Embedding::default()).unwrap();
        let mut diagnostics = Diagnostics::new();
        let mut decoder = Decoder::new(file, yaml, &mut diagnostics);
        let result = f(&mut decoder, &node);
        (result, diagnostics.sorted())
    }

    #[test]
    fn unknown_key_gets_a_suggestion() {
        let (_, ds) = decode("emotoin: 2\n", |d, n| {
            d.fields(n, "what.touchpoint", &["emotion", "name"])
                .map(|_| ())
        });
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].code, Code::UnknownKey);
        let help = ds[0].help.as_ref().map(Message::english);
        assert_eq!(help.as_deref(), Some("did you mean `emotion`?"));
    }

    #[test]
    fn a_misspelt_required_key_is_reported_once() {
        let (_, ds) = decode("emotoin: 2\n", |d, n| {
            let f = d.fields(n, "what.touchpoint", &["emotion"]).unwrap();
            f.required(d, "emotion");
        });
        assert_eq!(ds.len(), 1, "{ds:?}");
        assert_eq!(ds[0].code, Code::UnknownKey);
    }

    #[test]
    fn every_problem_of_a_mapping_is_reported() {
        let (_, ds) = decode("a: 1\na: 2\nzzz: 3\n", |d, n| {
            d.fields(n, "what.stage", &["a"]).map(|_| ())
        });
        let codes: Vec<_> = ds.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::DuplicateKey, Code::UnknownKey]);
        assert_eq!(ds[0].location.line(), Some(2));
    }

    #[test]
    fn numbers_are_accepted_as_text_as_written() {
        let (text, ds) = decode("v: 1.10\n", |d, n| {
            let f = d.fields(n, "what.stage", &["v"]).unwrap();
            let v = f.get("v").unwrap();
            d.text(v, "v")
        });
        assert!(ds.is_empty());
        assert_eq!(text.as_deref(), Some("1.10"));
    }

    #[test]
    fn range_and_type_errors() {
        let (_, ds) = decode("a: 9\nb: \"2\"\nc: 2.5\n", |d, n| {
            let f = d.fields(n, "what.stage", &["a", "b", "c"]).unwrap();
            d.int_in(f.get("a").unwrap(), "a", 1, 5);
            d.int_in(f.get("b").unwrap(), "b", 1, 5);
            d.int_in(f.get("c").unwrap(), "c", 1, 5);
        });
        let codes: Vec<_> = ds.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::OutOfRange, Code::WrongType, Code::WrongType]);
        assert!(
            ds[2].message.english().contains("2.5"),
            "{:?}",
            ds[2].message
        );
    }

    #[test]
    fn missing_and_empty_required_keys() {
        let (_, ds) = decode("title:\n", |d, n| {
            let f = d.fields(n, "what.journey", &["title", "stages"]).unwrap();
            f.required(d, "title");
            f.required(d, "stages");
        });
        assert_eq!(ds.len(), 2);
        assert!(ds.iter().all(|d| d.code == Code::MissingKey));
        assert!(
            ds.iter()
                .any(|d| d.message.english() == "a journey needs `stages`")
        );
    }

    #[test]
    fn an_invalid_choice_lists_the_valid_ones() {
        let (v, ds) = decode("kind: humen\n", |d, n| {
            let f = d.fields(n, "what.stage", &["kind"]).unwrap();
            d.choice::<crate::model::Kind>(f.get("kind").unwrap(), "kind", "what.kind")
        });
        assert_eq!(v, None);
        assert_eq!(ds[0].code, Code::InvalidValue);
        let help = ds[0].help.as_ref().unwrap().english();
        assert!(help.starts_with("did you mean `human`?"), "{help}");
        assert!(help.contains("`functional`"), "{help}");
    }

    #[test]
    fn ids_must_be_kebab_case() {
        let (v, ds) = decode("id: Call Helpdesk\n", |d, n| {
            let f = d.fields(n, "what.stage", &["id"]).unwrap();
            d.id(f.get("id").unwrap(), "id")
        });
        assert_eq!(v, None);
        assert_eq!(ds[0].code, Code::InvalidId);
        assert!(
            ds[0]
                .help
                .as_ref()
                .unwrap()
                .english()
                .contains("`call-helpdesk`")
        );
    }
}

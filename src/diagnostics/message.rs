//! A message as a value: a key of the label catalogues and its named values, put into words
//! in the run's language only when it is reported. Text cannot become a message any other way.

use crate::labels::Labels;
use std::fmt::Display;

/// A sentence of the catalogues (`error.unknown_journey`) with the values of its `{names}`
/// (boxed: a diagnostic holds three and is passed around in `Result`s).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message(Box<Parts>);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Parts {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// The value of one `{name}` of a message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// Put in as it is: a name, a number, a path, another program's message.
    Text(String),
    /// Another message, worded in the same language (e.g. `{what}` = "a stage").
    Message(Message),
    /// Names listed as "`a`, `b` or `c`", with the language's word for "or".
    Names(Vec<String>),
    /// Another message, its first letter upper-case (it starts a sentence here).
    Capital(Message),
}

/// Names to be listed in a message as "`a`, `b` or `c`".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names(pub Vec<String>);

impl Names {
    /// The names of an iterator.
    pub fn of<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        Names(names.into_iter().map(str::to_string).collect())
    }
}

/// A message that starts a sentence inside another: its first letter upper-case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capital(pub Message);

impl IntoArg for Capital {
    fn into_arg(self) -> Arg {
        Arg::Capital(self.0)
    }
}

/// What may fill a `{name}`: any displayable value, a message, or [`Names`].
pub trait IntoArg {
    /// The value as an argument.
    fn into_arg(self) -> Arg;
}

impl<T: Display> IntoArg for T {
    fn into_arg(self) -> Arg {
        Arg::Text(self.to_string())
    }
}

impl IntoArg for Message {
    fn into_arg(self) -> Arg {
        Arg::Message(self)
    }
}

impl IntoArg for &Message {
    fn into_arg(self) -> Arg {
        Arg::Message(self.clone())
    }
}

impl IntoArg for Names {
    fn into_arg(self) -> Arg {
        Arg::Names(self.0)
    }
}

impl Message {
    /// The message of a catalogue key, without values yet (see [`msg!`](crate::msg)).
    pub fn new(key: &'static str) -> Self {
        Message(Box::new(Parts {
            key,
            args: Vec::new(),
        }))
    }

    /// The same message with the value of `{name}`.
    pub fn with(mut self, name: &'static str, value: impl IntoArg) -> Self {
        self.0.args.push((name, value.into_arg()));
        self
    }

    /// The catalogue key, e.g. `error.unknown_journey`.
    pub fn key(&self) -> &'static str {
        self.0.key
    }

    /// The message in the language of `labels`.
    pub fn render(&self, labels: &Labels) -> String {
        let params: Vec<(&str, String)> = self
            .0
            .args
            .iter()
            .map(|(name, arg)| (*name, arg.render(labels)))
            .collect();
        labels.fill(self.0.key, &params)
    }

    /// The message in English, for tests and logs.
    pub fn english(&self) -> String {
        self.render(&Labels::english())
    }
}

impl Arg {
    fn render(&self, labels: &Labels) -> String {
        match self {
            Arg::Text(text) => text.clone(),
            Arg::Message(message) => message.render(labels),
            Arg::Names(names) => list(names, labels.get("list.or")),
            Arg::Capital(message) => {
                let text = message.render(labels);
                let mut chars = text.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => text,
                }
            }
        }
    }
}

/// Names as a readable list: "`a`, `b` or `c`", with `or` in the reader's language.
fn list(names: &[String], or: &str) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {or} {}", rest.join(", "), last),
    }
}

/// A [`Message`]: `msg!("error.unknown_journey", id)` (a variable, borrowed) or
/// `msg!("error.unknown_journey", id = journey.id)`; each name fills the `{name}` of the text.
#[macro_export]
macro_rules! msg {
    (@value $name:ident = $value:expr) => { $value };
    (@value $name:ident) => { &$name };
    ($key:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::diagnostics::Message::new($key)
            $(.with(stringify!($name), $crate::msg!(@value $name $(= $value)?)))*
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    #[test]
    fn renders_in_the_language_of_the_labels() {
        let id = "x";
        let m = crate::msg!("error.unknown_journey", id, help = 1);
        assert_eq!(m.key(), "error.unknown_journey");
        let en = m.render(&Labels::new(Language::En));
        let nl = m.render(&Labels::new(Language::Nl));
        assert!(en.contains("`x`") && nl.contains("`x`"), "{en} / {nl}");
        assert_ne!(en, nl);
    }

    #[test]
    fn lists_names_with_the_languages_or() {
        let m = Message::new("list.valid_values").with("names", Names::of(["a", "b", "c"]));
        assert!(m.english().contains("`a`, `b` or `c`"), "{}", m.english());
        let nl = m.render(&Labels::new(Language::Nl));
        assert!(nl.contains("`a`, `b` of `c`"), "{nl}");
    }

    #[test]
    fn a_message_can_fill_another() {
        let inner = Message::new("what.stage");
        let m = crate::msg!("error.needs_key", what = inner, key = "name");
        assert!(m.english().contains("stage"), "{}", m.english());
    }
}

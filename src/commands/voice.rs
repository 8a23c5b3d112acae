//! How a command speaks to its user: every line it prints is a catalogue message, worded in
//! the run's language (see [`crate::labels::choice`]).

use crate::diagnostics::Message;
use crate::labels::{Labels, choice};
use crate::model::Language;
use std::io::{self, Write};

/// `1 page`, `2 pages`: the catalogue's singular (`one`) or plural (`many`, with `{count}`).
pub fn counted(count: usize, one: &'static str, many: &'static str) -> Message {
    let key = if count == 1 { one } else { many };
    Message::new(key).with("count", count)
}

/// The catalogue a command prints its lines from.
#[derive(Debug, Clone)]
pub struct Voice {
    labels: Labels,
}

impl Voice {
    /// A voice in `language`.
    pub fn new(language: Language) -> Self {
        Voice {
            labels: Labels::new(language),
        }
    }

    /// The voice of a run: the `--lang` flag, else the project's language, else the
    /// environment's locale.
    pub fn chosen(flag: Option<Language>, project: Option<Language>) -> Self {
        Self::new(choice::chosen(flag, project))
    }

    /// The catalogue, for reports.
    pub fn labels(&self) -> &Labels {
        &self.labels
    }

    /// A message in words.
    pub fn words(&self, message: &Message) -> String {
        message.render(&self.labels)
    }

    /// Prints a message as one line.
    pub fn say(&self, out: &mut dyn Write, message: &Message) -> io::Result<()> {
        writeln!(out, "{}", self.words(message))
    }

    /// Prints `error: ...`, and `help: ...` below it when there is help.
    pub fn error(
        &self,
        out: &mut dyn Write,
        message: &Message,
        help: Option<&Message>,
    ) -> io::Result<()> {
        writeln!(
            out,
            "{}: {}",
            self.labels.get("cli.error"),
            self.words(message)
        )?;
        if let Some(help) = help {
            writeln!(out, "{}: {}", self.labels.get("cli.help"), self.words(help))?;
        }
        Ok(())
    }

    /// Prints `warning: ...`.
    pub fn warning(&self, out: &mut dyn Write, message: &Message) -> io::Result<()> {
        writeln!(
            out,
            "{}: {}",
            self.labels.get("cli.warning"),
            self.words(message)
        )
    }
}

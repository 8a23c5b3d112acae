//! One diagnostic, and the collection a run gathers before it reports them all.

use super::{Code, Location, Message};
use serde::Serialize;

/// How serious a diagnostic is: errors stop a build, warnings (findings) do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Input the tool refuses.
    Error,
    /// Something worth a look that does not stop the build.
    Warning,
}

impl Severity {
    /// The lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// An error or warning about one place in the project. Its words are catalogue messages,
/// worded in the run's language when the diagnostic is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code, e.g. `unknown-key`.
    pub code: Code,
    /// What is wrong, in plain words.
    pub message: Message,
    /// Where it is.
    pub location: Location,
    /// A short label shown under the underlined text.
    pub label: Option<Message>,
    /// What to do about it, e.g. a did-you-mean suggestion.
    pub help: Option<Message>,
}

impl Diagnostic {
    /// A new error.
    pub fn error(code: Code, location: Location, message: Message) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message,
            location,
            label: None,
            help: None,
        }
    }

    /// A new warning.
    pub fn warning(code: Code, location: Location, message: Message) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(code, location, message)
        }
    }

    /// The same diagnostic with a label under the underlined text.
    pub fn with_label(mut self, label: Message) -> Self {
        self.label = Some(label);
        self
    }

    /// The same diagnostic with a help line; `None` leaves it without one.
    pub fn with_help(mut self, help: impl Into<Option<Message>>) -> Self {
        self.help = help.into();
        self
    }
}

/// All diagnostics of a run, reported together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// The diagnostic added last, to amend it.
    pub fn last_mut(&mut self) -> Option<&mut Diagnostic> {
        self.items.last_mut()
    }

    /// Adds all diagnostics of another collection.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// True when at least one diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of diagnostics of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics in report order: by file, line and column, then code.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.location, a.severity, a.code, &a.message).cmp(&(
                &b.location,
                b.severity,
                b.code,
                &b.message,
            ))
        });
        self.items.dedup();
        self.items
    }

    /// The diagnostics in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics {
            items: vec![diagnostic],
        }
    }
}

//! The columns of a workshop sheet, recognised by their headers in English or Dutch: the
//! format's key (`in_process`), its words (`in process`), the site's column labels in either
//! language (`Contactmoment`) and a few words workshops use.

use crate::labels::Labels;
use crate::model::{Enumerated, Language};

/// A column a workshop sheet may have: one field of a touchpoint, or its stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    /// The stage's name (a blank cell continues the stage above).
    Stage,
    /// The touchpoint's name.
    Name,
    /// Its id.
    Id,
    /// Human, functional or mechanical.
    Kind,
    /// Channel.
    Channel,
    /// Owner.
    Owner,
    /// Emotion today.
    Emotion,
    /// Desired emotion.
    Target,
    /// Moment class.
    Moment,
    /// Impact, 1..5.
    Impact,
    /// Frequency, 1..5.
    Frequency,
    /// Direct contact.
    Direct,
    /// Inside the process.
    InProcess,
    /// How we know.
    Basis,
    /// Information asked.
    Asks,
    /// Notes.
    Notes,
}

impl Column {
    /// Every column, in the order of the content format.
    pub const ALL: [Column; 16] = [
        Column::Stage,
        Column::Name,
        Column::Id,
        Column::Kind,
        Column::Channel,
        Column::Owner,
        Column::Emotion,
        Column::Target,
        Column::Moment,
        Column::Impact,
        Column::Frequency,
        Column::Direct,
        Column::InProcess,
        Column::Basis,
        Column::Asks,
        Column::Notes,
    ];

    /// The columns a sheet must have.
    pub const REQUIRED: [Column; 4] = [Column::Stage, Column::Name, Column::Kind, Column::Emotion];

    /// The column's key in the content format.
    pub fn key(self) -> &'static str {
        match self {
            Column::Stage => "stage",
            Column::Name => "name",
            Column::Id => "id",
            Column::Kind => "kind",
            Column::Channel => "channel",
            Column::Owner => "owner",
            Column::Emotion => "emotion",
            Column::Target => "target",
            Column::Moment => "moment",
            Column::Impact => "impact",
            Column::Frequency => "frequency",
            Column::Direct => "direct",
            Column::InProcess => "in_process",
            Column::Basis => "basis",
            Column::Asks => "asks",
            Column::Notes => "notes",
        }
    }

    /// The headers that name this column besides its key and labels.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Stage => &["fase", "stap", "phase"],
            Column::Name => &["naam", "touchpoint", "contactmoment"],
            Column::Kind => &["soort", "type"],
            Column::Channel => &["kanaal"],
            Column::Owner => &["eigenaar", "afdeling", "department"],
            Column::Emotion => &["emotie", "score"],
            Column::Target => &["doel", "gewenst", "desired"],
            Column::Moment => &["momentsoort"],
            Column::Frequency => &["frequentie"],
            Column::InProcess => &["in proces"],
            Column::Basis => &["bron", "source"],
            Column::Asks => &["vraagt", "vragen", "asks for"],
            Column::Notes => &["notities", "opmerkingen", "note", "notitie"],
            Column::Id | Column::Impact | Column::Direct => &[],
        }
    }

    /// The label key of the column's header on the site, if it has one.
    fn label_key(self) -> Option<&'static str> {
        Some(match self {
            Column::Stage => "term.stage",
            Column::Name => "term.touchpoint",
            Column::Kind => "term.kind",
            Column::Channel => "term.channel",
            Column::Owner => "term.owner",
            Column::Emotion => "term.emotion",
            Column::Target => "term.target",
            Column::Moment => "term.moment",
            Column::Impact => "term.impact",
            Column::Frequency => "term.frequency",
            Column::Direct => "term.direct",
            Column::InProcess => "term.in_process",
            Column::Basis => "term.basis",
            Column::Asks => "term.asks",
            Column::Notes => "term.notes",
            Column::Id => return None,
        })
    }

    /// The column a header names, if any (case, spaces and `_` do not matter).
    pub fn of_header(header: &str) -> Option<Column> {
        let wanted = normal(header);
        Column::ALL.into_iter().find(|c| {
            normal(c.key()) == wanted
                || c.aliases().iter().any(|a| normal(a) == wanted)
                || c.label_key().is_some_and(|key| {
                    Language::ALL
                        .iter()
                        .any(|l| normal(Labels::new(*l).get(key)) == wanted)
                })
        })
    }

    /// Every header word a column is known by, for did-you-mean hints.
    pub fn known_headers() -> Vec<&'static str> {
        let mut words: Vec<&'static str> = Vec::new();
        for c in Column::ALL {
            words.push(c.key());
            words.extend(c.aliases().iter().copied());
        }
        words
    }
}

/// A word as it is compared: lower case, `_` as a space, runs of spaces as one.
pub fn normal(word: &str) -> String {
    word.to_lowercase()
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The enumerated value a cell names: its word in the format (`human`) or its label in
/// either language (`Menselijk`), case ignored.
pub fn value_of<T: crate::model::Labelled>(cell: &str) -> Option<T> {
    let wanted = normal(cell);
    T::ALL.iter().copied().find(|v| {
        normal(v.as_str()) == wanted
            || Language::ALL
                .iter()
                .any(|l| normal(Labels::new(*l).of(*v)) == wanted)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn english_and_dutch_headers() {
        for (header, column) in [
            ("Stage", Column::Stage),
            ("fase", Column::Stage),
            ("Naam", Column::Name),
            ("Contactmoment", Column::Name),
            ("SOORT", Column::Kind),
            ("kanaal", Column::Channel),
            ("Eigenaar", Column::Owner),
            ("emotie", Column::Emotion),
            ("Doel", Column::Target),
            ("moment", Column::Moment),
            ("in_process", Column::InProcess),
            ("In het proces", Column::InProcess),
        ] {
            assert_eq!(Column::of_header(header), Some(column), "{header}");
        }
        assert_eq!(Column::of_header("emotoin"), None);
    }

    #[test]
    fn values_in_english_or_dutch() {
        assert_eq!(value_of::<Kind>("human"), Some(Kind::Human));
        assert_eq!(value_of::<Kind>("Menselijk"), Some(Kind::Human));
        assert_eq!(value_of::<Kind>("robot"), None);
    }
}

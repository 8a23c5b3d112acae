//! The parse memo: what each journey and page file gave when it was last read, so a rebuild
//! (in `serve`) decodes again only the files whose text, or the settings they are checked
//! against, changed.

use super::journey::JourneyDraft;
use super::page::PageDraft;
use super::site::SiteSettings;
use crate::diagnostics::Diagnostics;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// What a file gave: the draft read from it, if any, and its diagnostics.
pub(super) type Decoded<T> = (Option<T>, Diagnostics);

/// A file as it was decoded: its text, what it was checked against, and the result.
#[derive(Debug)]
struct Parsed<T, C> {
    text: Arc<str>,
    context: Arc<C>,
    result: Decoded<T>,
}

/// Decoded files by path under `content/`, each with the context it was checked against.
#[derive(Debug)]
pub(super) struct Memo<T, C> {
    files: HashMap<String, Parsed<T, C>>,
}

impl<T, C> Default for Memo<T, C> {
    fn default() -> Self {
        Memo {
            files: HashMap::new(),
        }
    }
}

impl<T: Clone, C: PartialEq> Memo<T, C> {
    /// What the file at `path` gave, if its text and context are those it was decoded with.
    pub fn get(&self, path: &str, text: &str, context: &C) -> Option<Decoded<T>> {
        let parsed = self.files.get(path)?;
        (*parsed.text == *text && *parsed.context == *context).then(|| parsed.result.clone())
    }

    /// What the file at `path` gave when it was last decoded, and what it was checked against.
    pub fn last(&self, path: &str) -> Option<(&Arc<C>, &Decoded<T>)> {
        self.files.get(path).map(|p| (&p.context, &p.result))
    }

    /// Remembers what the file at `path` gave.
    pub fn insert(&mut self, path: String, text: Arc<str>, context: Arc<C>, result: Decoded<T>) {
        let parsed = Parsed {
            text,
            context,
            result,
        };
        self.files.insert(path, parsed);
    }

    /// Forgets every file but those at `paths` (the files of the project now).
    pub fn keep_only(&mut self, paths: &[String]) {
        if self.files.len() > paths.len() {
            let current: BTreeSet<&String> = paths.iter().collect();
            self.files.retain(|path, _| current.contains(path));
        }
    }
}

/// The journeys and pages decoded in earlier builds, and how many journeys were parsed.
#[derive(Debug, Default)]
pub(super) struct ParseMemo {
    /// Journeys, checked against the site settings; shared with the projects built from them.
    pub journeys: Memo<Arc<JourneyDraft>, SiteSettings>,
    /// Pages, which depend on nothing but their text.
    pub pages: Memo<Arc<PageDraft>, ()>,
    /// Journey files parsed so far.
    pub parses: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Site;

    fn settings(title: &str, scale_is_valid: bool) -> SiteSettings {
        SiteSettings {
            site: Site {
                title: title.to_string(),
                ..Site::default()
            },
            scale_is_valid,
        }
    }

    #[test]
    fn a_file_is_remembered_for_the_same_text_and_equal_settings() {
        let mut memo: Memo<u8, SiteSettings> = Memo::default();
        let context = Arc::new(settings("A", true));
        memo.insert(
            "a.yaml".into(),
            "x: 1".into(),
            context,
            (Some(7), Diagnostics::new()),
        );
        let hit = memo.get("a.yaml", "x: 1", &settings("A", true));
        assert_eq!(
            hit.and_then(|(v, _)| v),
            Some(7),
            "an equal value, not the same one"
        );
        assert!(memo.get("a.yaml", "x: 2", &settings("A", true)).is_none());
        assert!(memo.get("a.yaml", "x: 1", &settings("B", true)).is_none());
        assert!(memo.get("a.yaml", "x: 1", &settings("A", false)).is_none());
        memo.keep_only(&[]);
        assert!(memo.get("a.yaml", "x: 1", &settings("A", true)).is_none());
    }
}

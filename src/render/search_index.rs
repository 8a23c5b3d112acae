//! The search index: journeys, touchpoints, pages (and their sections) and promises, indexed at
//! build time with `elasticlunr-rs` and written as a script that assigns a global, so the
//! search box works from `file://`, a zip and any sub-path (a page may load a script there,
//! but not fetch a file). Words are not stemmed: the browser matches prefixes, which works
//! for English and Dutch alike.

use super::links;
use crate::analysis::{Analysis, Impression};
use crate::labels::Labels;
use crate::model::{Enumerated, MARKDOWN_OPTIONS, Page, Project};
use elasticlunr::{IndexBuilder, Pipeline, lang::Language};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The words of a note, page section or journey that are indexed at most.
pub const WORDS_PER_TEXT: usize = 300;

/// The most postings (a word in one document's title or text) the index holds: each takes
/// some 20 bytes of the written index, so the index stays near 3 MB however large the site.
/// A larger site first loses its touchpoint documents (a touchpoint is still found through
/// its journey, whose text names it), then indexes fewer words of each text (see `CAPS`).
pub const MAX_POSTINGS: usize = 150_000;

/// The words of each text indexed, tried in turn until the postings fit [`MAX_POSTINGS`].
const CAPS: [usize; 6] = [WORDS_PER_TEXT, 100, 30, 10, 3, 0];

/// The global the index script assigns.
pub const GLOBAL: &str = "journeymapSearch";

/// One thing a search can find.
struct Doc {
    title: String,
    body: String,
    /// Distinct words of the title.
    title_words: usize,
    /// For each distinct word of the body, where it first occurs (in words), sorted.
    firsts: Vec<usize>,
    kind: &'static str,
    link: String,
    context: String,
    owners: BTreeSet<String>,
    impressions: BTreeSet<&'static str>,
}

/// The index script of a site: `window.journeymapSearch = {...};`.
pub fn script(project: &Project, analysis: &Analysis, labels: &Labels, pages: &[&Page]) -> Vec<u8> {
    let touchpoints = project.journeys.iter().map(|j| j.touchpoints().count());
    let with_touchpoints = touchpoints.sum::<usize>() <= MAX_POSTINGS / 10;
    let mut docs: Vec<Doc> = documents(project, analysis, pages, with_touchpoints)
        .into_iter()
        .map(Doc::measured)
        .collect();
    if postings(&docs, WORDS_PER_TEXT) > MAX_POSTINGS {
        docs.retain(|d| d.kind != "touchpoint");
    }
    let cap = CAPS
        .into_iter()
        .find(|&cap| postings(&docs, cap) <= MAX_POSTINGS)
        .unwrap_or(0);
    for doc in &mut docs {
        let cut = first_words(&doc.body, cap);
        if cut.len() < doc.body.len() {
            doc.body = cut.to_string();
        }
    }
    let mut index = IndexBuilder::with_language(Box::new(Plain))
        .save_docs(false)
        .add_fields(["title", "body"])
        .build();
    for (i, doc) in docs.iter().enumerate() {
        index.add_doc(&i.to_string(), [doc.title.as_str(), doc.body.as_str()]);
    }
    let shown: Vec<Shown> = docs
        .iter()
        .map(|d| {
            (
                &d.title,
                d.kind,
                &d.link,
                &d.context,
                &d.owners,
                &d.impressions,
            )
        })
        .collect();
    let kinds: BTreeMap<&str, &str> = ["journey", "touchpoint", "page", "promise"]
        .into_iter()
        .map(|k| (k, labels.get(&format!("search.kind.{k}"))))
        .collect();
    let impressions: BTreeMap<&str, &str> = [Impression::Magic, Impression::Miserable]
        .iter()
        .map(|i| (i.as_str(), labels.named("impression", i.as_str())))
        .collect();
    let data = Data {
        docs: shown,
        impressions,
        index: &index,
        kinds,
    };
    let mut script = format!("window.{GLOBAL} = ").into_bytes();
    // Serialising maps and strings into a `Vec` cannot fail.
    if serde_json::to_writer(&mut script, &data).is_err() {
        script.truncate(0);
        script.extend_from_slice(format!("window.{GLOBAL} = null").as_bytes());
    }
    script.extend_from_slice(b";\n");
    script
}

/// What a search result shows of a document: title, kind, link, context, owners, impressions.
type Shown<'a> = (
    &'a String,
    &'static str,
    &'a String,
    &'a String,
    &'a BTreeSet<String>,
    &'a BTreeSet<&'static str>,
);

/// The script's data: its keys in alphabetical order, as `search.js` has always read them.
#[derive(Serialize)]
struct Data<'a> {
    docs: Vec<Shown<'a>>,
    impressions: BTreeMap<&'static str, &'a str>,
    index: &'a elasticlunr::Index,
    kinds: BTreeMap<&'static str, &'a str>,
}

/// The documents of a site, in a fixed order: journeys with their touchpoints, pages with
/// their sections, promises.
fn documents(
    project: &Project,
    analysis: &Analysis,
    pages: &[&Page],
    with_touchpoints: bool,
) -> Vec<Doc> {
    let mut docs = Vec::new();
    for journey in &project.journeys {
        let impressions = analysis
            .journey(&journey.id)
            .map(|a| a.impressions.clone())
            .unwrap_or_default();
        let mut body: Vec<&str> = [journey.persona.as_deref(), journey.summary.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let mut owners = BTreeSet::new();
        let mut remembered = BTreeSet::new();
        let mut touchpoints = Vec::new();
        body.extend(journey.stages.iter().map(|s| s.name.as_str()));
        for (i, (stage, t)) in journey.touchpoints().enumerate() {
            body.push(&t.name);
            body.extend(t.channel.as_deref());
            body.extend(t.owner.as_deref());
            owners.extend(t.owner.clone());
            let impression = impressions
                .get(i)
                .copied()
                .filter(|i| matches!(i, Impression::Magic | Impression::Miserable));
            remembered.extend(impression.map(|i| i.as_str()));
            let text: Vec<&str> = [
                Some(stage.name.as_str()),
                t.channel.as_deref(),
                t.owner.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !with_touchpoints {
                continue;
            }
            touchpoints.push(Doc {
                title: t.name.clone(),
                body: format!(
                    "{} {}",
                    text.join(" "),
                    first_words(t.notes.as_deref().unwrap_or_default(), WORDS_PER_TEXT)
                ),
                title_words: 0,
                firsts: Vec::new(),
                kind: "touchpoint",
                link: links::touchpoint(&journey.id, &t.id),
                context: journey.title.clone(),
                owners: t.owner.iter().cloned().collect(),
                impressions: impression.map(|i| i.as_str()).into_iter().collect(),
            });
        }
        body.extend(journey.owner.as_deref());
        owners.extend(journey.owner.clone());
        docs.push(Doc {
            title: journey.title.clone(),
            body: first_words(&body.join(" "), WORDS_PER_TEXT).to_string(),
            title_words: 0,
            firsts: Vec::new(),
            kind: "journey",
            link: links::journey(&journey.id),
            context: journey.persona.clone().unwrap_or_default(),
            owners,
            impressions: remembered,
        });
        docs.extend(touchpoints);
    }
    for page in pages {
        docs.extend(page_documents(page));
    }
    for promise in &project.promises {
        docs.push(Doc {
            title: promise.text.clone(),
            body: [
                promise.id.as_str(),
                promise.source.as_deref().unwrap_or_default(),
            ]
            .join(" "),
            title_words: 0,
            firsts: Vec::new(),
            kind: "promise",
            link: format!(
                "{}#promise-{}",
                crate::address::link(crate::address::CONSISTENCY),
                promise.id
            ),
            context: promise.source.clone().unwrap_or_default(),
            owners: BTreeSet::new(),
            impressions: BTreeSet::new(),
        });
    }
    docs
}

/// A page as a document (its title and the text before its first heading) and a document
/// for each of its `##` and `###` sections, which jumps to the heading.
fn page_documents(page: &Page) -> Vec<Doc> {
    let link = links::page(&page.url);
    let events: Vec<Event> = Parser::new_ext(&page.body, MARKDOWN_OPTIONS).collect();
    let anchors = crate::model::heading_anchors(&page.body);
    let mut sections: Vec<(String, String, String)> =
        vec![(page.title.clone(), String::new(), link.clone())];
    let mut headings = 0;
    let mut in_heading = false;
    let mut in_view = false;
    for event in &events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let anchor = anchors.get(headings).cloned().unwrap_or_default();
                headings += 1;
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    sections.push((String::new(), String::new(), format!("{link}#{anchor}")));
                    in_heading = true;
                }
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("journeymap") =>
            {
                in_view = true
            }
            Event::End(TagEnd::CodeBlock) => in_view = false,
            Event::Text(text) | Event::Code(text) if !in_view => {
                if let Some(last) = sections.last_mut() {
                    if in_heading {
                        last.0.push_str(text);
                    } else {
                        last.1.push_str(text);
                        last.1.push(' ');
                    }
                }
            }
            _ => {}
        }
    }
    let kind = "page";
    sections
        .into_iter()
        .enumerate()
        .map(|(i, (title, text, link))| Doc {
            title: title.trim().to_string(),
            body: first_words(&text, WORDS_PER_TEXT).to_string(),
            title_words: 0,
            firsts: Vec::new(),
            kind,
            link,
            context: if i == 0 {
                String::new()
            } else {
                page.title.clone()
            },
            owners: BTreeSet::new(),
            impressions: BTreeSet::new(),
        })
        .collect()
}

impl Doc {
    /// The document with its distinct words counted.
    fn measured(mut self) -> Doc {
        let mut title = words(&self.title);
        title.sort_unstable();
        title.dedup();
        self.title_words = title.len();
        let mut seen: HashSet<String> = HashSet::new();
        let mut lower = String::new();
        for (at, word) in self.body.split_whitespace().enumerate() {
            for part in word.split(|c: char| !c.is_alphanumeric()) {
                if part.is_empty() {
                    continue;
                }
                lower.clear();
                lower.extend(part.chars().flat_map(char::to_lowercase));
                if !seen.contains(lower.as_str()) {
                    seen.insert(lower.clone());
                    self.firsts.push(at);
                }
            }
        }
        self
    }
}

/// The postings of the documents with the first `cap` words of each text indexed.
fn postings(docs: &[Doc], cap: usize) -> usize {
    docs.iter()
        .map(|d| d.title_words + d.firsts.partition_point(|&at| at < cap))
        .sum()
}

/// The text up to the end of its `cap`-th word (words split at white space).
fn first_words(text: &str, cap: usize) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                in_word = false;
                if words == cap {
                    return &text[..at];
                }
            }
        } else if !in_word {
            if words == cap {
                return text[..at].trim_end();
            }
            in_word = true;
        }
    }
    text.trim_end()
}

/// The words of a text as the browser splits a query: runs of letters and digits, lower-case.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Words without stemming or stop words, for any language: the browser's `search.js` splits
/// a query the same way and matches each word as a prefix.
struct Plain;

impl Language for Plain {
    fn name(&self) -> String {
        "Plain".to_string()
    }

    fn code(&self) -> String {
        "plain".to_string()
    }

    fn tokenize(&self, text: &str) -> Vec<String> {
        words(text)
    }

    fn make_pipeline(&self) -> Pipeline {
        Pipeline { queue: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        assert_eq!(
            words("Retour-zending: café's 2e poging!"),
            ["retour", "zending", "café", "s", "2e", "poging"]
        );
    }

    #[test]
    fn postings_count_each_word_once_per_document_up_to_the_cap() {
        let doc = Doc {
            title: "Return a return".to_string(),
            body: "one two one-three four two".to_string(),
            title_words: 0,
            firsts: Vec::new(),
            kind: "page",
            link: String::new(),
            context: String::new(),
            owners: BTreeSet::new(),
            impressions: BTreeSet::new(),
        }
        .measured();
        assert_eq!(doc.title_words, 2);
        assert_eq!(doc.firsts, [0, 1, 2, 3]);
        assert_eq!(postings(std::slice::from_ref(&doc), 2), 4);
        assert_eq!(postings(std::slice::from_ref(&doc), 300), 6);
    }

    #[test]
    fn long_texts_are_cut_to_their_first_words() {
        let text = "word ".repeat(WORDS_PER_TEXT + 50);
        assert_eq!(
            first_words(&text, WORDS_PER_TEXT).split(' ').count(),
            WORDS_PER_TEXT
        );
        assert_eq!(first_words(&text, 0), "");
    }
}

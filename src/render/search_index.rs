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
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashSet};

/// The words of a note, page section or journey that are indexed at most.
pub const WORDS_PER_TEXT: usize = 300;

/// The most postings (a word in one document's title or text) the index holds: each takes
/// a few bytes of the written index (see `compact`), so the index stays near 2 MB however
/// large the site.
/// A larger site first loses its touchpoint documents (a touchpoint is still found through
/// its journey, whose text names it), then indexes fewer words of each text (see `CAPS`).
pub const MAX_POSTINGS: usize = 300_000;

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
pub fn script(project: &Project, analysis: &Analysis, labels: &Labels, pages: &[&Page]) -> String {
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
    let owners: Vec<&String> = docs
        .iter()
        .flat_map(|d| &d.owners)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let shown: Vec<Value> = docs
        .iter()
        .map(|d| {
            let own: Vec<usize> = d
                .owners
                .iter()
                .filter_map(|o| owners.binary_search(&o).ok())
                .collect();
            json!([
                d.title,
                d.kind,
                short_link(&d.link),
                d.context,
                own,
                d.impressions
            ])
        })
        .collect();
    let kinds: serde_json::Map<String, Value> = ["journey", "touchpoint", "page", "promise"]
        .iter()
        .map(|k| {
            (
                k.to_string(),
                json!(labels.get(&format!("search.kind.{k}"))),
            )
        })
        .collect();
    let impressions: serde_json::Map<String, Value> = [Impression::Magic, Impression::Miserable]
        .iter()
        .map(|i| {
            (
                i.as_str().to_string(),
                json!(labels.named("impression", i.as_str())),
            )
        })
        .collect();
    let (index, lengths, postings) = compact(serde_json::to_value(&index).unwrap_or(Value::Null));
    let data = json!({
        "index": index,
        "lengths": lengths,
        "postings": postings,
        "docs": shown,
        "owners": owners,
        "kinds": kinds,
        "impressions": impressions,
    });
    format!("window.{GLOBAL} = {data};\n")
}

/// A link without its final `index.html` (the search box puts it back), which every page's
/// link ends in: a tenth of the result table of a large site.
fn short_link(link: &str) -> String {
    match link.split_once('#') {
        Some((path, anchor)) => format!(
            "{}#{anchor}",
            path.strip_suffix("index.html").unwrap_or(path)
        ),
        None => link.strip_suffix("index.html").unwrap_or(link).to_string(),
    }
}

/// The elasticlunr index written compactly, for the search box to load back into
/// elasticlunr: the index without its document store and word tree; each document's field
/// lengths (documents are numbered from 0); and per field each word with the documents it is
/// in, as gaps between document numbers (`[gap, count]` where the word occurs more than once).
/// elasticlunr's own JSON spends some 20 bytes a posting on its tree; this spends 2 to 6.
fn compact(mut index: Value) -> (Value, Vec<Vec<u64>>, serde_json::Map<String, Value>) {
    let fields: Vec<String> = index["fields"]
        .as_array()
        .map(|f| {
            f.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let store = index
        .as_object_mut()
        .and_then(|o| o.remove("documentStore"))
        .unwrap_or(Value::Null);
    let length = store["length"].as_u64().unwrap_or(0);
    let lengths = (0..length)
        .map(|doc| {
            let info = &store["docInfo"][doc.to_string()];
            fields
                .iter()
                .map(|f| info[f].as_u64().unwrap_or(0))
                .collect()
        })
        .collect();
    let trees = index
        .as_object_mut()
        .and_then(|o| o.insert("index".to_string(), json!({})))
        .unwrap_or(Value::Null);
    let mut postings = serde_json::Map::new();
    for field in &fields {
        let mut words = serde_json::Map::new();
        let mut word = String::new();
        collect_words(&trees[field]["root"], &mut word, &mut words);
        postings.insert(field.clone(), Value::Object(words));
    }
    (index, lengths, postings)
}

/// The words under a node of elasticlunr's word tree (one node per letter, `docs` and `df`
/// beside the letters), each with its documents as gaps and counts (see [`compact`]).
fn collect_words(node: &Value, word: &mut String, out: &mut serde_json::Map<String, Value>) {
    let Some(node) = node.as_object() else {
        return;
    };
    if let Some(docs) = node
        .get("docs")
        .and_then(Value::as_object)
        .filter(|d| !d.is_empty())
    {
        let mut found: Vec<(u64, u64)> = docs
            .iter()
            .filter_map(|(doc, tf)| {
                let doc = doc.parse().ok()?;
                let tf = tf["tf"].as_f64().unwrap_or(1.0);
                Some((doc, (tf * tf).round().max(1.0) as u64))
            })
            .collect();
        found.sort_unstable();
        let mut previous = 0;
        let gaps = found
            .into_iter()
            .map(|(doc, count)| {
                let gap = doc - previous;
                previous = doc;
                if count == 1 {
                    json!(gap)
                } else {
                    json!([gap, count])
                }
            })
            .collect();
        out.insert(word.clone(), Value::Array(gaps));
    }
    for (letter, child) in node {
        if letter != "docs" && letter != "df" {
            word.push_str(letter);
            collect_words(child, word, out);
            word.truncate(word.len() - letter.len());
        }
    }
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
            let owner = t.owner.as_deref().map(|o| project.site.owner_name(o));
            body.extend(owner);
            owners.extend(owner.map(str::to_string));
            let impression = impressions
                .get(i)
                .copied()
                .filter(|i| matches!(i, Impression::Magic | Impression::Miserable));
            remembered.extend(impression.map(|i| i.as_str()));
            let text: Vec<&str> = [Some(stage.name.as_str()), t.channel.as_deref(), owner]
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
                owners: owner.map(str::to_string).into_iter().collect(),
                impressions: impression.map(|i| i.as_str()).into_iter().collect(),
            });
        }
        let owner = journey.owner.as_deref().map(|o| project.site.owner_name(o));
        body.extend(owner);
        owners.extend(owner.map(str::to_string));
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
    fn the_index_is_written_as_words_with_gaps_between_documents() {
        let mut index = IndexBuilder::with_language(Box::new(Plain))
            .save_docs(false)
            .add_fields(["title", "body"])
            .build();
        for (i, (title, body)) in [("Return it", "a b"), ("Return", "b b"), ("Other", "c")]
            .iter()
            .enumerate()
        {
            index.add_doc(&i.to_string(), [*title, *body]);
        }
        let (skeleton, lengths, postings) = compact(serde_json::to_value(&index).unwrap());
        assert_eq!(skeleton["index"], json!({}));
        assert!(skeleton.get("documentStore").is_none());
        assert_eq!(lengths, [vec![2, 2], vec![1, 2], vec![1, 1]]);
        assert_eq!(postings["title"]["return"], json!([0, 1]));
        assert_eq!(postings["title"]["other"], json!([2]));
        assert_eq!(postings["body"]["b"], json!([0, [1, 2]]));
        assert_eq!(postings["body"]["c"], json!([2]));
        assert_eq!(short_link("journeys/x/index.html"), "journeys/x/");
        assert_eq!(
            short_link("consistency/index.html#promise-a"),
            "consistency/#promise-a"
        );
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

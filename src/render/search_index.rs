//! The search index: journeys, touchpoints, pages (and their sections), personas, departments,
//! survey waves, the measurements, plans, departments and consistency pages, and promises,
//! indexed at build time into the inverted index that elasticlunr.js (the search box's library) loads,
//! and written as a script that assigns a global, so the
//! search box works from `file://`, a zip and any sub-path (a page may load a script there,
//! but not fetch a file). Words are not stemmed: the browser matches prefixes, which works
//! for English and Dutch alike.

use super::links;
use crate::analysis::{Analysis, Impression};
use crate::labels::Labels;
use crate::model::{
    Enumerated, Journey, MARKDOWN_OPTIONS, Moment, Page, Project, Stage, Touchpoint,
};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

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

/// The kinds of document, each shown by its label `search.kind.<kind>` (and offered in the
/// search box's filter when the index holds one).
const KINDS: [&str; 7] = [
    "journey",
    "touchpoint",
    "lesson",
    "page",
    "department",
    "wave",
    "promise",
];

/// The global the index script assigns.
pub const GLOBAL: &str = "journeymapSearch";

/// One thing a search can find.
struct Doc {
    title: String,
    body: String,
    /// Distinct words of the title.
    title_words: usize,
    /// Words of the body (split at white space).
    body_words: usize,
    /// For each distinct word of the body, where it first occurs (in words), sorted.
    firsts: Vec<usize>,
    kind: &'static str,
    link: String,
    context: String,
    owners: BTreeSet<String>,
    impressions: BTreeSet<&'static str>,
}

/// The index script of a site: `window.journeymapSearch = {...};`.
/// Gives an empty script as soon as `stop` says so (`serve` no longer wants the index).
pub fn script(
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
    pages: &[&Page],
    stop: &dyn Fn() -> bool,
) -> String {
    let Some(mut docs) = indexed_documents(project, analysis, labels, pages, MAX_POSTINGS, stop)
    else {
        return String::new();
    };
    let cap = CAPS
        .into_iter()
        .find(|&cap| postings(&docs, cap) <= MAX_POSTINGS)
        .unwrap_or(0);
    for doc in &mut docs {
        // A body within the cap keeps all its words: only its trailing white space goes.
        let kept = if doc.body_words <= cap {
            doc.body.trim_end().len()
        } else {
            first_words(&doc.body, cap).len()
        };
        doc.body.truncate(kept);
    }
    let owners: Vec<&String> = docs
        .iter()
        .flat_map(|d| &d.owners)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let shown: Vec<Shown> = docs
        .iter()
        .map(|d| {
            Shown(
                &d.title,
                d.kind,
                short_link(&d.link),
                &d.context,
                d.owners
                    .iter()
                    .filter_map(|o| owners.binary_search(&o).ok())
                    .collect(),
                &d.impressions,
            )
        })
        .collect();
    let kinds: BTreeMap<&str, &str> = KINDS
        .into_iter()
        .map(|k| (k, labels.get(&format!("search.kind.{k}"))))
        .collect();
    let impressions: BTreeMap<&str, String> = [Impression::Magic, Impression::Miserable]
        .into_iter()
        .map(|i| {
            (
                i.as_str(),
                labels.named("impression", i.as_str()).to_string(),
            )
        })
        .collect();
    let Some((lengths, postings)) = inverted(&docs, stop) else {
        return String::new();
    };
    let data = Script {
        docs: shown,
        impressions,
        index: Skeleton::default(),
        kinds,
        lengths,
        owners,
        postings,
    };
    let json = serde_json::to_string(&data).unwrap_or_default();
    format!("window.{GLOBAL} = {json};\n")
}

/// What the index script assigns, in the order `search.js` reads it (keys sorted).
#[derive(serde::Serialize)]
struct Script<'a> {
    docs: Vec<Shown<'a>>,
    impressions: BTreeMap<&'static str, String>,
    index: Skeleton,
    kinds: BTreeMap<&'static str, &'a str>,
    lengths: Vec<[usize; 2]>,
    owners: Vec<&'a String>,
    postings: Postings,
}

/// A result as the search box shows it: title, kind, link, context, owners (by their number
/// in `owners`) and the remembered impressions; written as an array, the shortest JSON.
#[derive(serde::Serialize)]
struct Shown<'a>(
    &'a str,
    &'static str,
    String,
    &'a str,
    Vec<usize>,
    &'a BTreeSet<&'static str>,
);

/// What elasticlunr.js 0.9.5's `Index.load` needs besides the postings and field lengths,
/// which `search.js` puts back: the two fields, the reference name and no pipeline.
#[derive(serde::Serialize)]
struct Skeleton {
    fields: [&'static str; 2],
    index: BTreeMap<String, String>,
    lang: &'static str,
    pipeline: [(); 0],
    #[serde(rename = "ref")]
    reference: &'static str,
    version: &'static str,
}

impl Default for Skeleton {
    fn default() -> Self {
        Skeleton {
            fields: FIELDS,
            index: BTreeMap::new(),
            lang: "Plain",
            pipeline: [],
            reference: "id",
            version: "0.9.5",
        }
    }
}

/// The indexed fields, in the order of each document's lengths.
const FIELDS: [&str; 2] = ["title", "body"];

/// Per field, each word with the documents it is in.
type Postings = BTreeMap<&'static str, BTreeMap<String, Vec<Posting>>>;

/// A document a word is in: the gap from the previous document's number (documents are
/// numbered from 0) and, when the word occurs more than once, `[gap, count]`.
#[derive(Debug, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
enum Posting {
    Once(usize),
    Often(usize, usize),
}

/// The inverted index of the documents, as `search.js` loads it into elasticlunr.js: each
/// document's number of words per field, and per field each word with its postings.
/// (elasticlunr's own JSON spends some 20 bytes a posting on a tree of letters; this spends
/// 2 to 6.) `None` as soon as `stop` says so.
fn inverted(docs: &[Doc], stop: &dyn Fn() -> bool) -> Option<(Vec<[usize; 2]>, Postings)> {
    // Gathered in hash maps (a large site has a hundred thousand words, each looked up once
    // per document it is in) and sorted once at the end.
    let mut fields: [HashMap<String, (usize, Vec<Posting>)>; 2] = Default::default();
    let mut lengths = Vec::with_capacity(docs.len());
    for (number, doc) in docs.iter().enumerate() {
        if number.is_multiple_of(256) && stop() {
            return None;
        }
        let mut length = [0; 2];
        for (field, text) in [&doc.title, &doc.body].into_iter().enumerate() {
            let mut words = words(text);
            length[field] = words.len();
            words.sort_unstable();
            for run in words.chunk_by(|a, b| a == b) {
                let posting = |gap| match run.len() {
                    1 => Posting::Once(gap),
                    count => Posting::Often(gap, count),
                };
                match fields[field].get_mut(run[0].as_ref()) {
                    Some((last, found)) => {
                        found.push(posting(number - *last));
                        *last = number;
                    }
                    None => {
                        let found = vec![posting(number)];
                        fields[field].insert(run[0].to_string(), (number, found));
                    }
                }
            }
        }
        lengths.push(length);
    }
    let [title, body] = fields.map(|words| {
        words
            .into_iter()
            .map(|(w, (_, found))| (w, found))
            .collect()
    });
    Some((
        lengths,
        BTreeMap::from([(FIELDS[0], title), (FIELDS[1], body)]),
    ))
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

/// The documents the index holds, each measured, in a fixed order: journeys (each followed by
/// its touchpoints), then the rest (see [`documents`]). A site whose documents would pass
/// `limit` postings (see [`postings`]) leaves its touchpoints out: a touchpoint is still found
/// through its journey, whose text names it. `None` as soon as `stop` says so.
fn indexed_documents(
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
    pages: &[&Page],
    limit: usize,
    stop: &dyn Fn() -> bool,
) -> Option<Vec<Doc>> {
    let mut docs = Vec::new();
    for (n, doc) in documents(project, analysis, labels, pages, stop)?
        .into_iter()
        .enumerate()
    {
        if n.is_multiple_of(256) && stop() {
            return None;
        }
        docs.push(doc.measured());
    }
    let touchpoints: usize = project
        .journeys
        .iter()
        .map(|j| j.touchpoints().count())
        .sum();
    // Touchpoint documents are only made when they fit, and counted only until they do not.
    let budget = limit.checked_sub(postings(&docs, WORDS_PER_TEXT));
    let fits = budget.is_some_and(|budget| {
        touchpoints <= limit / 10 && touchpoint_postings(project, labels, budget) <= budget
    });
    if !fits {
        return Some(docs);
    }
    let mut all = Vec::with_capacity(docs.len() + touchpoints);
    let mut rest = docs.into_iter();
    for (n, journey) in project.journeys.iter().enumerate() {
        if n.is_multiple_of(64) && stop() {
            return None;
        }
        all.extend(rest.next());
        all.extend(touchpoint_documents(project, analysis, labels, journey).map(Doc::measured));
    }
    all.extend(rest);
    Some(all)
}

/// What a touchpoint's document says: its title, and its text in parts to be joined by spaces
/// (stage, channel, owner and the first words of its notes).
fn touchpoint_text<'p>(
    project: &'p Project,
    labels: &'p Labels,
    stage: &'p Stage,
    t: &'p Touchpoint,
) -> (&'p str, impl Iterator<Item = &'p str>) {
    let owner = t.owner.as_deref().map(|o| project.site.owner_name(o));
    let notes = first_words(t.notes.as_deref().unwrap_or_default(), WORDS_PER_TEXT);
    // A moment of truth or an excel moment is found by that name.
    let moment = (t.moment != Moment::Standard).then(|| labels.of(t.moment));
    let parts = [
        Some(stage.name.as_str()),
        moment,
        t.channel.as_deref(),
        owner,
        Some(notes),
    ];
    (t.name.as_str(), parts.into_iter().flatten())
}

/// The documents of a journey's touchpoints, in order.
fn touchpoint_documents<'p>(
    project: &'p Project,
    analysis: &'p Analysis,
    labels: &'p Labels,
    journey: &'p Journey,
) -> impl Iterator<Item = Doc> + 'p {
    let impressions = analysis
        .journey(&journey.id)
        .map(|a| a.impressions.as_slice());
    journey
        .touchpoints()
        .enumerate()
        .map(move |(i, (stage, t))| {
            let owner = t.owner.as_deref().map(|o| project.site.owner_name(o));
            let impression = impressions
                .and_then(|all| all.get(i))
                .copied()
                .filter(|i| matches!(i, Impression::Magic | Impression::Miserable));
            let (title, text) = touchpoint_text(project, labels, stage, t);
            Doc {
                title: title.to_string(),
                body: text.collect::<Vec<_>>().join(" "),
                title_words: 0,
                body_words: 0,
                firsts: Vec::new(),
                kind: "touchpoint",
                link: links::touchpoint(&journey.id, &t.id),
                context: journey.title.clone(),
                owners: owner.map(str::to_string).into_iter().collect(),
                impressions: impression.map(|i| i.as_str()).into_iter().collect(),
            }
        })
}

/// The postings all touchpoint documents would add to the index, counted until they pass
/// `budget` (then some number above it).
fn touchpoint_postings(project: &Project, labels: &Labels, budget: usize) -> usize {
    let mut seen = HashSet::new();
    let mut count = 0;
    for journey in &project.journeys {
        for (stage, t) in journey.touchpoints() {
            let (title, text) = touchpoint_text(project, labels, stage, t);
            seen.clear();
            seen.extend(words(title));
            count += seen.len();
            seen.clear();
            let words = text.flat_map(str::split_whitespace).take(WORDS_PER_TEXT);
            for word in words {
                let parts = word.split(|c: char| !c.is_alphanumeric());
                seen.extend(parts.filter(|p| !p.is_empty()).map(folded));
                seen.extend(hyphen_joined(word).map(Cow::Owned));
            }
            count += seen.len();
            if count > budget {
                return count;
            }
        }
    }
    count
}

/// The documents of a site without its touchpoints, in a fixed order: journeys, pages with
/// their sections, personas, departments, survey waves, the site's own pages (measurements,
/// plans, departments, consistency report), promises; `None` as soon as `stop` says so.
fn documents(
    project: &Project,
    analysis: &Analysis,
    labels: &Labels,
    pages: &[&Page],
    stop: &dyn Fn() -> bool,
) -> Option<Vec<Doc>> {
    let mut docs = Vec::new();
    // Today's journeys first (`indexed_documents` puts their touchpoints after them), then
    // the designs, which are found as journeys too.
    let journeys = project.journeys.iter().chain(&project.desired);
    for (n, journey) in journeys.enumerate() {
        if n.is_multiple_of(64) && stop() {
            return None;
        }
        let mut body: Vec<&str> = [journey.persona.as_deref(), journey.summary.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let mut owners = BTreeSet::new();
        let mut remembered = BTreeSet::new();
        let impressions = analysis
            .journey(&journey.id)
            .or(analysis.design(&journey.id))
            .map(|a| a.impressions.as_slice());
        body.extend(journey.stages.iter().map(|s| s.name.as_str()));
        for (i, (_, t)) in journey.touchpoints().enumerate() {
            body.push(&t.name);
            body.extend(t.channel.as_deref());
            // Its touchpoints' owners find it by name; the owner filter keeps the journey's own.
            body.extend(t.owner.as_deref().map(|o| project.site.owner_name(o)));
            let impression = impressions.and_then(|all| all.get(i));
            if let Some(i @ (Impression::Magic | Impression::Miserable)) = impression {
                remembered.insert(i.as_str());
            }
        }
        let owner = journey.owner.as_deref().map(|o| project.site.owner_name(o));
        body.extend(owner);
        owners.extend(owner.map(str::to_string));
        // Its improvement options: "label at home" finds the journey that would change.
        body.extend(journey.improvements.iter().map(|o| o.title.as_str()));
        docs.push(Doc {
            title: journey.title.clone(),
            body: first_words(&body.join(" "), WORDS_PER_TEXT).to_string(),
            title_words: 0,
            body_words: 0,
            firsts: Vec::new(),
            kind: "journey",
            link: links::journey(&journey.id),
            context: project
                .persona_name(journey)
                .unwrap_or_default()
                .to_string(),
            owners,
            impressions: remembered,
        });
    }
    for page in pages {
        docs.extend(page_documents(page));
    }
    for persona in project.personas.iter().flatten() {
        let mut body: Vec<&str> = [persona.description.as_deref(), persona.quote.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        body.extend(persona.goals.iter().map(String::as_str));
        docs.push(Doc {
            title: persona.name.clone(),
            body: first_words(&body.join(" "), WORDS_PER_TEXT).to_string(),
            title_words: 0,
            body_words: 0,
            firsts: Vec::new(),
            kind: "page",
            link: super::persona_page::link(&persona.id),
            context: String::new(),
            owners: BTreeSet::new(),
            impressions: BTreeSet::new(),
        });
    }
    docs.extend(department_documents(project, stop)?);
    docs.extend(wave_documents(project, labels));
    docs.extend(site_page_documents(project, labels));
    for promise in &project.promises {
        docs.push(Doc {
            title: promise.text.clone(),
            body: [
                promise.id.as_str(),
                promise.source.as_deref().unwrap_or_default(),
            ]
            .join(" "),
            title_words: 0,
            body_words: 0,
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
    Some(docs)
}

/// A document of the given kind, not yet measured.
fn new_doc(kind: &'static str, title: &str, body: &[&str], link: String) -> Doc {
    Doc {
        title: title.to_string(),
        body: first_words(&body.join(" "), WORDS_PER_TEXT).to_string(),
        title_words: 0,
        body_words: 0,
        firsts: Vec::new(),
        kind,
        link,
        context: String::new(),
        owners: BTreeSet::new(),
        impressions: BTreeSet::new(),
    }
}

/// A document for each department's page (every owner today's journeys name), by the owner as
/// journeys write it: its name, and the titles of the journeys and plans and the names of the
/// touchpoints and lane items it owns, each once, until they pass [`WORDS_PER_TEXT`] words. The owner
/// filter finds it under its name. `None` as soon as `stop` says so.
fn department_documents(project: &Project, stop: &dyn Fn() -> bool) -> Option<Vec<Doc>> {
    /// What a department owns, as its document says it.
    #[derive(Default)]
    struct Owned<'p> {
        words: usize,
        names: Vec<&'p str>,
        seen: HashSet<&'p str>,
    }
    impl<'p> Owned<'p> {
        /// Adds a name, unless it is there already or the text is full.
        fn add(&mut self, name: &'p str) {
            if self.words < WORDS_PER_TEXT && self.seen.insert(name) {
                self.words += name.split_whitespace().count();
                self.names.push(name);
            }
        }
    }
    // A large site names a few owners at hundreds of thousands of touchpoints: looked up in a
    // hash map, and a department's names stop growing once its text is full.
    let mut owned: HashMap<&str, Owned> = HashMap::new();
    for (n, journey) in project.journeys.iter().enumerate() {
        if n.is_multiple_of(64) && stop() {
            return None;
        }
        // Its journeys and plans first: an owner of only those has their titles as its text.
        let journey_owner = journey
            .owner
            .as_deref()
            .map(|o| (o, journey.title.as_str()));
        let plans = journey.improvements.iter().filter_map(|i| {
            let owner = i.plan.as_ref()?.owner.as_deref()?;
            Some((owner, i.title.as_str()))
        });
        for (owner, name) in journey_owner.into_iter().chain(plans) {
            owned.entry(owner).or_default().add(name);
        }
        for (_, t) in journey.touchpoints() {
            let own = t.owner.as_deref().map(|o| (o, t.name.as_str()));
            let items = t
                .lanes
                .items()
                .filter_map(|(_, i)| Some((i.owner.as_deref()?, i.text.as_str())));
            for (owner, name) in own.into_iter().chain(items) {
                owned.entry(owner).or_default().add(name);
            }
        }
    }
    let slugs = crate::model::department::slugs(owned.keys().copied());
    let docs = slugs
        .into_iter()
        .map(|(owner, slug)| {
            let name = project.site.owner_name(owner);
            let names = owned.get(owner).map_or(&[][..], |o| o.names.as_slice());
            Doc {
                owners: BTreeSet::from([name.to_string()]),
                ..new_doc(
                    "department",
                    name,
                    names,
                    super::department_page::link(&slug),
                )
            }
        })
        .collect();
    Some(docs)
}

/// A document for each survey wave's page: its name, and its date, metrics and the
/// touchpoints it measured (each once); its date as the result's context.
fn wave_documents<'p>(project: &'p Project, labels: &'p Labels) -> impl Iterator<Item = Doc> + 'p {
    project.waves.iter().map(|wave| {
        let mut body: Vec<&str> = vec![wave.date.as_str()];
        let mut metrics: Vec<&str> = Vec::new();
        let mut measured: Vec<&str> = Vec::new();
        let mut words = 0;
        for m in &wave.measurements {
            let metric = labels.of(m.metric);
            if !metrics.contains(&metric) {
                metrics.push(metric);
            }
            let touchpoint = project
                .journey(&m.journey)
                .and_then(|j| j.touchpoint(&m.touchpoint))
                .map(|t| t.name.as_str());
            if let Some(name) =
                touchpoint.filter(|n| words < WORDS_PER_TEXT && !measured.contains(n))
            {
                words += name.split_whitespace().count();
                measured.push(name);
            }
        }
        body.extend(metrics);
        body.extend(measured);
        let link = crate::address::link(&crate::address::wave_page(&wave.id));
        Doc {
            context: wave.date.clone(),
            ..new_doc("wave", &wave.name, &body, link)
        }
    })
}

/// A document for each page of the site's own (not written in Markdown) that no other
/// document leads to: the measurements over the waves (with the waves' names), the action
/// plans (each plan's option, owner and status), the departments and the consistency report;
/// each with its title and introduction.
fn site_page_documents(project: &Project, labels: &Labels) -> Vec<Doc> {
    use crate::address::{CONSISTENCY, DEPARTMENTS, MEASUREMENTS, PLANS, link};
    let mut docs = Vec::new();
    if !project.waves.is_empty() {
        let mut body = vec![labels.get("measured.intro")];
        body.extend(project.waves.iter().map(|w| w.name.as_str()));
        docs.push(new_doc(
            "page",
            labels.get("measured.title"),
            &body,
            link(MEASUREMENTS),
        ));
    }
    if project.has_plans() {
        let mut body = vec![labels.get("plans.intro")];
        let plans = project.journeys.iter().flat_map(|j| &j.improvements);
        for (option, plan) in plans.filter_map(|o| Some((o, o.plan.as_ref()?))) {
            if body.len() > WORDS_PER_TEXT {
                break;
            }
            body.push(&option.title);
            body.push(match plan.owner.as_deref() {
                Some(owner) => project.site.owner_name(owner),
                None => labels.get("plans.no_owner"),
            });
            body.push(labels.of(plan.status));
        }
        docs.push(new_doc(
            "page",
            labels.get("plans.title"),
            &body,
            link(PLANS),
        ));
    }
    for (page, title, intro) in [
        (DEPARTMENTS, "departments.title", "departments.intro"),
        (CONSISTENCY, "consistency.title", "consistency.intro"),
    ] {
        docs.push(new_doc(
            "page",
            labels.get(title),
            &[labels.get(intro)],
            link(page),
        ));
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
    // A page with an `order` is a step of a course.
    let kind = if page.order.is_some() {
        "lesson"
    } else {
        "page"
    };
    sections
        .into_iter()
        .enumerate()
        .map(|(i, (title, text, link))| Doc {
            title: title.trim().to_string(),
            body: first_words(&text, WORDS_PER_TEXT).to_string(),
            title_words: 0,
            body_words: 0,
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
        let mut seen: HashSet<Cow<str>> = HashSet::new();
        let mut words = 0;
        for (at, word) in self.body.split_whitespace().enumerate() {
            words = at + 1;
            for part in word.split(|c: char| !c.is_alphanumeric()) {
                if !part.is_empty() && seen.insert(folded(part)) {
                    self.firsts.push(at);
                }
            }
            for joined in hyphen_joined(word) {
                if seen.insert(Cow::Owned(joined)) {
                    self.firsts.push(at);
                }
            }
        }
        self.body_words = words;
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

/// The words of a text as the browser splits a query: runs of letters and digits, lower-case;
/// then the words joined by hyphens, joined (see [`hyphen_joined`]).
fn words(text: &str) -> Vec<Cow<'_, str>> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(folded)
        .chain(hyphen_joined(text).map(Cow::Owned))
        .collect()
}

/// The hyphens that join the parts of a word ("e-mail", "check‑in").
const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{2011}'];

/// The words of a text whose parts are joined by hyphens ("e-mail", "check-in",
/// "door-to-door"), each without its hyphens and folded ("email"): indexed beside their parts,
/// so that "email" finds "e-mail" (search.js looks a hyphenated query word up joined, so
/// "e-mail" finds "email" too).
fn hyphen_joined(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && !HYPHENS.contains(&c))
        .filter(|run| run.split(HYPHENS).filter(|part| !part.is_empty()).count() > 1)
        .map(|run| folded(&run.replace(HYPHENS, "")).into_owned())
}

/// A word as the index holds it and the browser looks it up: in lower case and without
/// accents ("Café" and "cafe" are one word), borrowed when it already is.
fn folded(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return Cow::Borrowed(word);
    }
    if word.is_ascii() {
        return Cow::Owned(word.to_ascii_lowercase());
    }
    // As search.js does: lower case, split accents off their letters, drop them.
    Cow::Owned(
        word.to_lowercase()
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        assert_eq!(
            words("Retour-zending: café's 2e poging!"),
            [
                "retour",
                "zending",
                "cafe",
                "s",
                "2e",
                "poging",
                "retourzending"
            ]
        );
    }

    #[test]
    fn words_joined_by_hyphens_are_held_joined_too() {
        assert_eq!(
            words("An E-mail, door-to-door - or check\u{2011}in-"),
            [
                "an",
                "e",
                "mail",
                "door",
                "to",
                "door",
                "or",
                "check",
                "in",
                "email",
                "doortodoor",
                "checkin"
            ]
        );
    }

    #[test]
    fn words_are_held_without_accents() {
        for (word, held) in [
            ("Café", "cafe"),
            ("ÖKONOMIE", "okonomie"),
            ("financiële", "financiele"),
            ("Ærø", "ærø"),
            ("return", "return"),
        ] {
            assert_eq!(folded(word), held, "{word}");
        }
    }

    #[test]
    fn postings_count_each_word_once_per_document_up_to_the_cap() {
        let doc = doc("Return a return", "one two one-three four TWO").measured();
        assert_eq!(doc.title_words, 2);
        // "one-three" adds "three" and "onethree".
        assert_eq!(doc.firsts, [0, 1, 2, 2, 3]);
        assert_eq!(postings(std::slice::from_ref(&doc), 2), 4);
        assert_eq!(postings(std::slice::from_ref(&doc), 300), 7);
    }

    fn doc(title: &str, body: &str) -> Doc {
        Doc {
            title: title.to_string(),
            body: body.to_string(),
            title_words: 0,
            body_words: 0,
            firsts: Vec::new(),
            kind: "page",
            link: String::new(),
            context: String::new(),
            owners: BTreeSet::new(),
            impressions: BTreeSet::new(),
        }
    }

    #[test]
    fn the_index_is_written_as_words_with_gaps_between_documents() {
        let docs = [
            doc("Return it", "a b"),
            doc("Return", "b B"),
            doc("Other", "c"),
            doc("Return", ""),
        ];
        let (lengths, postings) = inverted(&docs, &|| false).unwrap();
        assert_eq!(lengths, [[2, 2], [1, 2], [1, 1], [1, 0]]);
        let title = &postings["title"];
        assert_eq!(
            title["return"],
            [Posting::Once(0), Posting::Once(1), Posting::Once(2)]
        );
        assert_eq!(title["other"], [Posting::Once(2)]);
        assert_eq!(
            postings["body"]["b"],
            [Posting::Once(0), Posting::Often(1, 2)]
        );
        assert_eq!(
            serde_json::to_string(&postings).unwrap(),
            r#"{"body":{"a":[0],"b":[0,[1,2]],"c":[2]},"title":{"it":[0],"other":[2],"return":[0,1,2]}}"#
        );
        assert_eq!(short_link("journeys/x/index.html"), "journeys/x/");
        assert_eq!(
            short_link("consistency/index.html#promise-a"),
            "consistency/#promise-a"
        );
    }

    /// The index holds what elasticlunr-rs (the Rust port of the browser's library) makes of
    /// the same documents: each field's word count and each word's frequency in each document.
    #[test]
    fn the_index_is_the_one_elasticlunr_builds() {
        use elasticlunr::{IndexBuilder, Pipeline, lang::Language};
        struct Plain;
        impl Language for Plain {
            fn name(&self) -> String {
                "Plain".to_string()
            }
            fn code(&self) -> String {
                "plain".to_string()
            }
            fn tokenize(&self, text: &str) -> Vec<String> {
                words(text).into_iter().map(Cow::into_owned).collect()
            }
            fn make_pipeline(&self) -> Pipeline {
                Pipeline { queue: Vec::new() }
            }
        }
        let docs = [
            doc(
                "Retour-zending: CAFÉ's",
                "één twee één Één ΣΊΣΥΦΟΣ sisyphus 2e",
            ),
            doc("Het Café", "twee, twee; drie"),
            doc("", "één"),
        ];
        let mut index = IndexBuilder::with_language(Box::new(Plain))
            .save_docs(false)
            .add_fields(FIELDS)
            .build();
        for (i, d) in docs.iter().enumerate() {
            index.add_doc(&i.to_string(), [d.title.as_str(), d.body.as_str()]);
        }
        let theirs = serde_json::to_value(&index).unwrap();
        let (lengths, postings) = inverted(&docs, &|| false).unwrap();
        for (number, length) in lengths.iter().enumerate() {
            for (k, field) in FIELDS.iter().enumerate() {
                let info = &theirs["documentStore"]["docInfo"][number.to_string()][field];
                assert_eq!(info.as_u64(), Some(length[k] as u64), "{field} of {number}");
            }
        }
        for field in FIELDS {
            let mut count = 0;
            for (word, found) in &postings[field] {
                let mut node = &theirs["index"][field]["root"];
                for c in word.chars() {
                    node = &node[c.to_string()];
                }
                let mut number = 0;
                for posting in found {
                    let (gap, times) = match posting {
                        Posting::Once(gap) => (*gap, 1),
                        Posting::Often(gap, times) => (*gap, *times),
                    };
                    number += gap;
                    let tf = node["docs"][number.to_string()]["tf"].as_f64();
                    assert_eq!(tf, Some((times as f64).sqrt()), "{word} in {number}");
                    count += 1;
                }
            }
            let df: u64 = postings[field]
                .keys()
                .map(|w| {
                    let mut node = &theirs["index"][field]["root"];
                    for c in w.chars() {
                        node = &node[c.to_string()];
                    }
                    node["df"].as_u64().unwrap()
                })
                .sum();
            assert_eq!(
                df, count as u64,
                "{field}: every posting of elasticlunr's is here"
            );
        }
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

    #[test]
    fn touchpoints_are_indexed_exactly_when_all_documents_fit_the_limit() {
        use crate::test_support::{journey, project};
        let journeys = [
            (
                "a",
                journey(&[
                    "{name: Call the Helpdesk, kind: human, emotion: 1, channel: Phone, owner: care}",
                    "{name: 'Read, read the =FAQ', kind: functional, emotion: -3, notes: 'Long notes. Read them twice, then once more: a third and a fourth time!'}",
                ]),
            ),
            (
                "b",
                journey(&[
                    "{name: Fog, kind: mechanical, emotion: 3, notes: 'One two three four five six seven eight nine ten eleven twelve'}",
                ]),
            ),
        ];
        let journeys: Vec<(&str, &str)> = journeys.iter().map(|(i, y)| (*i, y.as_str())).collect();
        let p = project("", "", &journeys);
        let a = crate::analysis::analyse(&p);
        let labels = crate::labels::Labels::english();
        // The journeys and touchpoints (the department and site pages' documents come after).
        let kinds = |limit| {
            let docs =
                indexed_documents(&p, &a, &labels, &[], limit, &|| false).expect("not stopped");
            let total = postings(&docs, WORDS_PER_TEXT);
            let kinds = docs.iter().map(|d| d.kind);
            let kinds = kinds.filter(|k| matches!(*k, "journey" | "touchpoint"));
            (kinds.collect::<Vec<_>>(), total)
        };
        // Any site with more than a tenth of the limit in touchpoints leaves them out (not
        // tested here): this one has fewer.
        let (all, total) = kinds(usize::MAX / 2);
        assert!(3 <= (total - 1) / 10, "{total}");
        let with = [
            "journey",
            "touchpoint",
            "touchpoint",
            "journey",
            "touchpoint",
        ];
        assert_eq!(all, with);
        assert_eq!(kinds(total).0, with);
        let (without, rest) = kinds(total - 1);
        assert_eq!(without, ["journey", "journey"]);
        assert!(rest < total);
        assert_eq!(kinds(rest).0, without, "the journeys alone fill the limit");
        assert_eq!(
            kinds(rest - 1).0,
            without,
            "the journeys alone pass the limit"
        );
    }

    #[test]
    fn a_script_stopped_at_any_check_is_empty() {
        use crate::test_support::{journey, project};
        use std::cell::Cell;
        let touchpoints: Vec<String> = (0..300)
            .map(|i| format!("{{name: Step {i}, kind: human, emotion: 1}}"))
            .collect();
        let touchpoints: Vec<&str> = touchpoints.iter().map(String::as_str).collect();
        let journeys: Vec<(String, String)> = (0..70)
            .map(|i| (format!("j{i}"), journey(&touchpoints[..5])))
            .chain([("long".to_string(), journey(&touchpoints))])
            .collect();
        let journeys: Vec<(&str, &str)> = journeys
            .iter()
            .map(|(i, y)| (i.as_str(), y.as_str()))
            .collect();
        let p = project("", "", &journeys);
        let a = crate::analysis::analyse(&p);
        let labels = crate::labels::Labels::english();
        let checks = Cell::new(0);
        let whole = script(&p, &a, &labels, &[], &|| {
            checks.set(checks.get() + 1);
            false
        });
        assert!(whole.starts_with("window."), "{}", &whole[..40]);
        assert!(checks.get() > 3, "the index is checked on the way");
        for stop_at in 1..=checks.get() {
            let calls = Cell::new(0);
            let stopped = script(&p, &a, &labels, &[], &|| {
                calls.set(calls.get() + 1);
                calls.get() >= stop_at
            });
            assert_eq!(stopped, "", "stopped at check {stop_at}");
        }
    }
}

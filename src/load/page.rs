//! Reads a Markdown page: its front matter, its address and the `journeymap` views in it.

use super::decode::{Decoder, describe};
use super::walk::SourceFile;
use super::yaml::{self, Embedding, Node, Value};
use crate::diagnostics::{
    Code, Diagnostic, Diagnostics, Listing, Location, Message, Names, Position, did_you_mean,
    to_u32,
};
use crate::model::{Enumerated, Page, View, ViewKind, ViewTarget};
use crate::msg;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::sync::Arc;

const FRONT_MATTER_KEYS: [&str; 5] = ["title", "journey", "touchpoint", "order", "draft"];

/// A reference from a page to a journey (and maybe a touchpoint), checked site-wide.
#[derive(Debug, Clone)]
pub struct NoteTarget {
    /// Journey id and where it is named.
    pub journey: (String, Location),
    /// Touchpoint id and where it is named.
    pub touchpoint: Option<(String, Location)>,
}

/// A page as read from its file, with what must be resolved across files.
#[derive(Debug, Clone)]
pub struct PageDraft {
    /// The page; shared, so that a rebuild that finds the file unchanged takes it as it is.
    pub page: Arc<Page>,
    /// The journey and touchpoint the note belongs to.
    pub target: Option<NoteTarget>,
    /// Where `order` is written, to point at duplicates.
    pub order_location: Option<Location>,
    /// The links and images of the body, checked site-wide.
    pub links: Vec<PageLink>,
    /// The anchors of the body's headings, for links to them.
    pub anchors: Vec<String>,
}

/// A link or image in a page's body, as written.
#[derive(Debug, Clone)]
pub struct PageLink {
    /// The target as written (entities decoded).
    pub url: String,
    /// An image rather than a link.
    pub image: bool,
    /// Where the target is written.
    pub location: Location,
}

/// Reads a page from a Markdown file.
pub fn decode_page(source: &SourceFile, diagnostics: &mut Diagnostics) -> Option<PageDraft> {
    let text = &*source.text;
    let parts = match split_front_matter(text) {
        Ok(parts) => parts,
        Err(message) => {
            diagnostics.push(
                Diagnostic::error(
                    Code::FrontMatter,
                    Location::at(source.file.clone(), Position::START),
                    message,
                )
                .with_help(msg!("help.front_matter")),
            );
            return None;
        }
    };
    let embedding = Embedding {
        offset: parts.yaml_offset,
        lines_before: 1,
    };
    let node = match yaml::parse(parts.yaml, &source.file, embedding) {
        Ok(node) => node,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let mut decoder = Decoder::new(source.file.clone(), text, diagnostics);
    let front_matter = if node.value == Value::Null {
        Node {
            value: Value::Map(Vec::new()),
            position: Position {
                line: 2,
                column: 1,
                offset: to_u32(parts.yaml_offset),
                len: 0,
            },
        }
    } else {
        node
    };
    let fields = decoder.fields(&front_matter, "what.front_matter", &FRONT_MATTER_KEYS)?;
    let title = fields
        .required(&mut decoder, "title")
        .and_then(|n| decoder.required_text(n, "title"));
    let journey = fields
        .get("journey")
        .and_then(|n| decoder.id(n, "journey").map(|id| (id, decoder.location(n))));
    let touchpoint = fields.get("touchpoint").and_then(|n| {
        decoder
            .id(n, "touchpoint")
            .map(|id| (id, decoder.location(n)))
    });
    if touchpoint.is_some() && fields.get("journey").is_none() {
        let n = fields.get("touchpoint").unwrap_or(&front_matter);
        decoder
            .error(Code::MissingKey, n, msg!("error.note_needs_journey"))
            .report_help(msg!("help.note_needs_journey"));
    }
    let order = fields.get("order").and_then(|n| decoder.int(n, "order"));
    let order_location = fields.get("order").map(|n| decoder.location(n));
    let draft = fields
        .get("draft")
        .map(|n| decoder.boolean(n, "draft").unwrap_or(false))
        .unwrap_or(false);
    let body_offset = parts.body_offset;
    let views = find_views(&mut decoder, &text[body_offset..], body_offset);
    let (links, anchors) = find_links(&source.file, text, body_offset);
    let page = Page {
        path: source.content_path.clone(),
        url: url_of(&source.content_path),
        title: title?,
        journey: journey.as_ref().map(|(id, _)| id.clone()),
        touchpoint: touchpoint.as_ref().map(|(id, _)| id.clone()),
        order,
        draft,
        body: text[body_offset..].to_string(),
        views,
        location: Location::at(source.file.clone(), Position::START),
    };
    Some(PageDraft {
        page: Arc::new(page),
        target: journey.map(|journey| NoteTarget {
            journey,
            touchpoint,
        }),
        order_location,
        links,
        anchors,
    })
}

/// The links and images of a Markdown body that starts `body_offset` bytes into `text`, and
/// the anchors of its headings.
fn find_links(file: &Arc<str>, text: &str, body_offset: usize) -> (Vec<PageLink>, Vec<String>) {
    let body = &text[body_offset..];
    let (events, ranges): (Vec<Event>, Vec<std::ops::Range<usize>>) =
        Parser::new_ext(body, crate::model::MARKDOWN_OPTIONS)
            .into_offset_iter()
            .unzip();
    let mut anchors = crate::model::Anchors::default();
    let mut headings = Vec::new();
    let mut links = Vec::new();
    for (i, (event, range)) in events.iter().zip(ranges).enumerate() {
        let (url, image) = match event {
            Event::Start(Tag::Heading { id, .. }) => {
                let text = crate::model::heading_text(&events[i + 1..]);
                headings.push(anchors.next(id.as_deref(), &text));
                continue;
            }
            Event::Start(Tag::Link { dest_url, .. }) => (&**dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (&**dest_url, true),
            _ => continue,
        };
        let written = body.get(range.clone()).unwrap_or_default();
        let (start, len) = match written.rfind(url) {
            Some(at) if !url.is_empty() => (range.start + at, url.len()),
            _ => (range.start, range.len()),
        };
        links.push(PageLink {
            url: url.to_string(),
            image,
            location: Location::at(
                file.clone(),
                Position::of_offset(text, body_offset + start, len),
            ),
        });
    }
    (links, headings)
}

/// The address of a page: `course/step-4.md` -> `course/step-4/`, `course/_index.md` -> `course/`.
pub fn url_of(content_path: &str) -> String {
    let stem = content_path.strip_suffix(".md").unwrap_or(content_path);
    if stem == "_index" {
        return String::new();
    }
    match stem.strip_suffix("/_index") {
        Some(folder) => format!("{folder}/"),
        None => format!("{stem}/"),
    }
}

struct FrontMatterParts<'t> {
    yaml: &'t str,
    yaml_offset: usize,
    body_offset: usize,
}

fn split_front_matter(text: &str) -> Result<FrontMatterParts<'_>, Message> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Err(msg!("error.no_front_matter"));
    }
    let yaml_offset = first_line_end;
    let mut line_start = yaml_offset;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
        let line = text[line_start..line_end].trim_end();
        if line == "---" || line == "..." {
            return Ok(FrontMatterParts {
                yaml: &text[yaml_offset..line_start],
                yaml_offset,
                body_offset: line_end,
            });
        }
        line_start = line_end;
    }
    Err(msg!("error.front_matter_open"))
}

/// Finds the ```` ```journeymap ```` blocks of a Markdown body and reads the view in each.
fn find_views(decoder: &mut Decoder<'_>, body: &str, body_offset: usize) -> Vec<View> {
    let mut views = Vec::new();
    let mut in_block: Option<(usize, Option<usize>)> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("journeymap") =>
            {
                in_block = Some((range.start, None));
            }
            Event::Text(_) => {
                if let Some((_, start @ None)) = &mut in_block {
                    *start = Some(range.start);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((fence, content_start)) = in_block.take() {
                    let fence_end = body[fence..]
                        .find('\n')
                        .map_or(body.len(), |i| fence + i + 1);
                    let start = content_start.unwrap_or(fence_end);
                    let end = closing_fence_start(body, start, range.end);
                    if let Some(view) = read_view(
                        decoder,
                        &body[start..end],
                        body_offset + start,
                        body_offset + fence,
                    ) {
                        views.push(view);
                    }
                }
            }
            _ => {}
        }
    }
    views
}

/// The start of the closing fence line of a block that ends at `end`.
fn closing_fence_start(body: &str, start: usize, end: usize) -> usize {
    let block = &body[start..end];
    let trimmed = block.trim_end();
    match trimmed.rfind('\n') {
        Some(i)
            if trimmed[i + 1..].trim_start().starts_with("```")
                || trimmed[i + 1..].trim_start().starts_with("~~~") =>
        {
            start + i + 1
        }
        None if trimmed.trim_start().starts_with("```")
            || trimmed.trim_start().starts_with("~~~") =>
        {
            start
        }
        _ => end,
    }
}

fn read_view(
    decoder: &mut Decoder<'_>,
    yaml_text: &str,
    offset: usize,
    fence_offset: usize,
) -> Option<View> {
    let whole = decoder_text_position(decoder, offset);
    let fence = Location::at(
        decoder.file.clone(),
        decoder_text_position(decoder, fence_offset),
    );
    let names = ViewKind::names();
    let embedding = Embedding {
        offset,
        lines_before: whole.line - 1,
    };
    let node = match yaml::parse(yaml_text, &decoder.file, embedding) {
        Ok(node) => node,
        Err(d) => {
            decoder.report(d);
            return None;
        }
    };
    let entries = match &node.value {
        Value::Map(entries) if entries.len() == 1 => entries,
        _ => {
            let found = describe(&node);
            let d = Diagnostic::error(Code::UnknownView, fence, msg!("error.one_view", found))
                .with_help(msg!("help.one_view", names = Names::of(names)));
            decoder.report(d);
            return None;
        }
    };
    let (key, value) = &entries[0];
    let name = decoder.required_text(key, "view")?;
    let Some(kind) = ViewKind::from_name(&name) else {
        let help = did_you_mean(&name, names, Listing::Always(msg!("list.views"))).help;
        let d = Diagnostic::error(
            Code::UnknownView,
            decoder.location(key),
            msg!("error.unknown_view", name),
        )
        .with_help(help);
        decoder.report(d);
        return None;
    };
    let target_text = decoder.required_text(value, &name)?;
    let location = decoder.location(value);
    let target = if target_text == "all" {
        if matches!(kind, ViewKind::Plot | ViewKind::Blueprint) {
            decoder
                .error(Code::UnknownJourney, value, msg!("error.view_all", name))
                .report_help(msg!("help.view_all", name));
            return None;
        }
        ViewTarget::All
    } else {
        ViewTarget::Journey(target_text)
    };
    Some(View {
        kind,
        target,
        location,
    })
}

fn decoder_text_position(decoder: &Decoder<'_>, offset: usize) -> Position {
    Position::of_offset(decoder.source_text(), offset, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn page(path: &str, text: &str) -> (Option<PageDraft>, Vec<Diagnostic>) {
        let source = SourceFile {
            file: Arc::from(format!("content/{path}")),
            content_path: path.to_string(),
            text: Arc::from(text),
        };
        let mut diagnostics = Diagnostics::new();
        let draft = decode_page(&source, &mut diagnostics);
        (draft, diagnostics.sorted())
    }

    #[test]
    fn addresses_of_pages() {
        assert_eq!(url_of("course/step-4.md"), "course/step-4/");
        assert_eq!(url_of("course/_index.md"), "course/");
        assert_eq!(url_of("_index.md"), "");
        assert_eq!(url_of("about.md"), "about/");
    }

    #[test]
    fn reads_front_matter_and_views() {
        let text = "---\ntitle: Step 1\norder: 1\n---\n# Hello\n\n```journeymap\nplot: hairdryer\n```\n\n```journeymap\ninventory: all\n```\n";
        let (draft, ds) = page("course/step-1.md", text);
        assert!(ds.is_empty(), "{ds:?}");
        let page = draft.unwrap().page;
        assert_eq!(page.title, "Step 1");
        assert_eq!(page.order, Some(1));
        assert_eq!(page.views.len(), 2);
        assert_eq!(
            page.views[0].target,
            ViewTarget::Journey("hairdryer".into())
        );
        assert_eq!(page.views[0].location.line(), Some(8));
        assert_eq!(page.views[1].target, ViewTarget::All);
    }

    #[test]
    fn unknown_view_is_reported_at_its_line() {
        let text = "---\ntitle: T\n---\ntext\n\n```journeymap\nplto: x\n```\n";
        let (_, ds) = page("a.md", text);
        assert_eq!(ds.len(), 1, "{ds:?}");
        assert_eq!(ds[0].code, Code::UnknownView);
        assert_eq!(ds[0].location.line(), Some(7));
        assert!(
            ds[0]
                .help
                .as_ref()
                .unwrap()
                .english()
                .starts_with("did you mean `plot`?")
        );
    }

    #[test]
    fn missing_or_unclosed_front_matter() {
        let (_, ds) = page("a.md", "# Just text\n");
        assert_eq!(ds[0].code, Code::FrontMatter);
        let (_, ds) = page("a.md", "---\ntitle: x\n");
        assert_eq!(ds[0].code, Code::FrontMatter);
        assert!(ds[0].message.english().contains("not closed"));
    }

    #[test]
    fn front_matter_errors_point_at_file_lines() {
        let (_, ds) = page("a.md", "---\ntitle: x\ntitel: y\n---\n");
        assert_eq!(ds[0].code, Code::UnknownKey);
        assert_eq!(ds[0].location.line(), Some(3));
    }
}

//! Markdown to HTML with pulldown-cmark: tables, footnotes (linked both ways), strikethrough,
//! task lists, heading anchors and GitHub-style alerts. Every Markdown field (site
//! description, summaries, notes, pages) goes through `to_html` and its one policy: raw HTML
//! goes through the allow-list of `raw_html`, a heading keeps only an `{#id}` and
//! `{.class}` of safe characters (no other attribute), links and images keep only relative,
//! `http(s)`, `mailto` and `tel` targets, and control characters are dropped, so nothing a
//! content author types can run in a browser.

use crate::labels::Labels;
use crate::model::{Anchors, MARKDOWN_OPTIONS, heading_text, safe_name};
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd, html};
use std::collections::BTreeMap;

/// Renders Markdown to HTML. `view` is called for each ```` ```journeymap ```` block, in
/// order, with its index, and returns the HTML that replaces it.
pub fn to_html(markdown: &str, labels: &Labels, view: &mut dyn FnMut(usize) -> String) -> String {
    to_html_linked(markdown, labels, view, &|_| None, "")
}

/// Renders Markdown to HTML as `to_html` does, with each link and image target that `link`
/// knows (one written relative to its Markdown file) replaced by what it returns, and
/// `id_prefix` before the id of every heading and footnote (a page that holds several texts).
pub fn to_html_linked(
    markdown: &str,
    labels: &Labels,
    view: &mut dyn FnMut(usize) -> String,
    link: &dyn Fn(&str) -> Option<String>,
    id_prefix: &str,
) -> String {
    let markdown = without_controls(markdown);
    let events: Vec<Event> = Parser::new_ext(&markdown, MARKDOWN_OPTIONS).collect();
    let raw = events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let mut views = Vec::new();
    let mut placeholder = |index: usize| {
        if raw {
            views.push(view(index));
            format!("<div>{VIEW_MARK}{index}{VIEW_MARK}</div>")
        } else {
            view(index)
        }
    };
    let events = transform(events, labels, &mut placeholder, link, id_prefix);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if !raw {
        return out;
    }
    let own = own_markup(labels);
    let mut marked = out;
    for (written, stand_in) in &own {
        marked = marked.replace(written, stand_in);
    }
    let mut out = super::raw_html::sanitised(&marked);
    for (written, stand_in) in &own {
        out = out.replace(stand_in, written);
    }
    for (index, html) in views.iter().enumerate() {
        out = out.replacen(
            &format!("<div>{VIEW_MARK}{index}{VIEW_MARK}</div>"),
            html,
            1,
        );
    }
    out
}

/// Marks where a view goes in a page with raw HTML while that HTML is sanitised (a
/// private-use character, kept by the sanitiser).
const VIEW_MARK: char = '\u{E000}';

/// Marks the markup journeymap writes around and in a Markdown table while a page with raw
/// HTML is sanitised (a private-use character, kept by the sanitiser).
const OWN_MARK: char = '\u{E001}';

/// The opening of the scroll box around a Markdown table: reachable by keyboard, named.
fn table_wrap(labels: &Labels) -> String {
    format!(
        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">\n",
        escape(labels.get("page.table"))
    )
}

/// Markup journeymap writes into a Markdown table that the sanitiser would strip (the
/// scroll box's attributes, the columns' alignment), each with a stand-in it keeps.
fn own_markup(labels: &Labels) -> Vec<(String, String)> {
    let mut own = vec![(
        table_wrap(labels),
        format!("<div class=\"table-wrap\">{OWN_MARK}\n"),
    )];
    for side in ["left", "center", "right"] {
        own.push((
            format!(" style=\"text-align: {side}\">"),
            format!(" class=\"{OWN_MARK}align-{side}\">"),
        ));
    }
    own
}

/// Markdown to HTML for a short text (a summary, a note) that has no views.
pub fn inline_html(markdown: &str, labels: &Labels) -> String {
    match plain_paragraph(markdown) {
        Some(html) => html,
        None => to_html(markdown, labels, &mut |_| String::new()),
    }
}

/// The HTML of a text that Markdown shows as one plain paragraph, without parsing it: one
/// line that starts with a letter, does not end in a space, and holds only letters, digits,
/// spaces and sentence punctuation (nothing Markdown or HTML gives a meaning). `None` for
/// anything else. Touchpoint notes are mostly such sentences, tens of thousands per site.
fn plain_paragraph(text: &str) -> Option<String> {
    let first = text.chars().next()?;
    let plain = first.is_alphabetic()
        && !text.ends_with(' ')
        && text.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(
                    c,
                    ' ' | ',' | '.' | ';' | '?' | '(' | ')' | '\'' | '/' | '%' | '-'
                )
        });
    plain.then(|| format!("<p>{text}</p>\n"))
}

fn transform<'a>(
    events: Vec<Event<'a>>,
    labels: &Labels,
    view: &mut dyn FnMut(usize) -> String,
    link: &dyn Fn(&str) -> Option<String>,
    prefix: &str,
) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut anchors = Anchors::default();
    let mut footnotes = Footnotes {
        prefix: prefix.to_string(),
        ..Footnotes::default()
    };
    let mut views = 0;
    let mut in_view = false;
    let mut i = 0;
    while i < events.len() {
        let event = events[i].clone();
        i += 1;
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("journeymap") =>
            {
                in_view = true;
                out.push(Event::Html(CowStr::from(view(views))));
                views += 1;
            }
            Event::End(TagEnd::CodeBlock) if in_view => in_view = false,
            _ if in_view => {}
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs: _,
            }) => {
                let anchor = format!(
                    "{prefix}{}",
                    anchors.next(id.as_deref(), &heading_text(&events[i..]))
                );
                let classes = classes
                    .iter()
                    .map(|c| safe_name(c))
                    .filter(|c| !c.is_empty())
                    .map(CowStr::from)
                    .collect();
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(anchor)),
                    classes,
                    attrs: Vec::new(),
                }));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                out.push(Event::Start(Tag::BlockQuote(Some(kind))));
                let key = match kind {
                    BlockQuoteKind::Note => "alert.note",
                    BlockQuoteKind::Tip => "alert.tip",
                    BlockQuoteKind::Important => "alert.important",
                    BlockQuoteKind::Warning => "alert.warning",
                    BlockQuoteKind::Caution => "alert.caution",
                };
                out.push(Event::Html(CowStr::from(format!(
                    "<p class=\"markdown-alert-title\">{}</p>\n",
                    escape(labels.get(key))
                ))));
            }
            Event::TaskListMarker(done) => {
                let (checked, key) = if done {
                    (" checked", "task.done")
                } else {
                    ("", "task.open")
                };
                out.push(Event::Html(CowStr::from(format!(
                    "<input type=\"checkbox\" disabled{checked} aria-label=\"{}\"> ",
                    escape(labels.get(key))
                ))));
            }
            Event::Start(Tag::Table(alignments)) => {
                out.push(Event::Html(CowStr::from(table_wrap(labels))));
                out.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html(CowStr::from("</div>\n")));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => out.push(Event::Start(Tag::Link {
                link_type,
                dest_url: linked(safe_url(dest_url), link),
                title,
                id,
            })),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => out.push(Event::Start(Tag::Image {
                link_type,
                dest_url: linked(safe_url(dest_url), link),
                title,
                id,
            })),
            Event::FootnoteReference(name) => {
                let (number, back) = footnotes.reference(&name);
                let name = safe_name(&name);
                out.push(Event::Html(CowStr::from(format!(
                    "<sup class=\"footnote-reference\" id=\"{back}\"><a href=\"#{prefix}fn-{name}\">{number}</a></sup>"
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let number = footnotes.number(&name);
                let name = safe_name(&name);
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"{prefix}fn-{name}\"><sup class=\"footnote-definition-label\">{number}</sup>\n"
                ))));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                out.push(Event::Html(CowStr::from(format!(
                    "<a class=\"footnote-back\" href=\"#{}\" aria-label=\"{}\">↩</a></div>\n",
                    footnotes.last_back(),
                    escape(labels.get("footnote.back"))
                ))));
            }
            other => out.push(other),
        }
    }
    out
}

/// The footnotes of one text: their numbers, in order of first mention, and the anchor of
/// each one's first reference, for the link back.
#[derive(Default)]
struct Footnotes {
    prefix: String,
    numbers: BTreeMap<String, usize>,
    references: BTreeMap<String, usize>,
    last: String,
}

impl Footnotes {
    fn number(&mut self, name: &str) -> usize {
        let next = self.numbers.len() + 1;
        let number = *self.numbers.entry(name.to_string()).or_insert(next);
        self.last = format!("{}fnref-{}", self.prefix, safe_name(name));
        number
    }

    /// The number of a footnote referenced once more, and the anchor of this reference.
    fn reference(&mut self, name: &str) -> (usize, String) {
        let number = self.number(name);
        let count = self.references.entry(name.to_string()).or_insert(0);
        *count += 1;
        let back = match *count {
            1 => format!("{}fnref-{}", self.prefix, safe_name(name)),
            n => format!("{}fnref-{}-{n}", self.prefix, safe_name(name)),
        };
        (number, back)
    }

    /// The anchor of the first reference of the footnote defined last.
    fn last_back(&self) -> &str {
        &self.last
    }
}

/// A link target as `link` rewrites it, or as it is.
fn linked<'a>(url: CowStr<'a>, link: &dyn Fn(&str) -> Option<String>) -> CowStr<'a> {
    match link(&url) {
        Some(new) => CowStr::from(new),
        None => url,
    }
}

/// A link or image target if it is relative or uses a scheme from `SAFE_SCHEMES`, else `#`.
/// The scheme is read as a browser reads it: after leading spaces and controls, with tabs
/// and line breaks removed (pulldown-cmark has already decoded entities such as `&#9;`).
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let read: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|c| !matches!(c, '/' | '?' | '#'))
        .collect();
    let safe = match read.split_once(':') {
        None => !read.chars().any(char::is_control),
        Some((scheme, _)) => SAFE_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()),
    };
    if safe { url } else { CowStr::from("#") }
}

/// The URL schemes a link or image may use; anything else (`javascript:`, `vbscript:`,
/// `data:`, `file:`, unknown ones) becomes `#`.
const SAFE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The text without the characters `escape` drops (see `is_dropped`).
fn without_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_dropped) {
        text.chars().filter(|c| !is_dropped(*c)).collect()
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A character dropped from every text shown in a page or SVG: control characters other
/// than tab and line breaks (C0, DEL, C1), the noncharacters U+FFFE and U+FFFF (no XML
/// document may hold them), and the bidi embeddings, overrides and isolates U+202A-202E
/// and U+2066-2069 (so a name cannot turn the text around it; pages isolate names with
/// `<bdi>` and `unicode-bidi: isolate` instead).
pub fn is_dropped(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Escapes a plain-text message for HTML, showing its `backticked` parts as code.
pub fn message_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let paired = text.matches('`').count().is_multiple_of(2);
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 && paired {
            out.push_str("<code>");
            out.push_str(&escape(part));
            out.push_str("</code>");
        } else {
            if i % 2 == 1 {
                out.push('`');
            }
            out.push_str(&escape(part));
        }
    }
    out
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text, "&#39;");
    out
}

/// Appends text escaped for HTML or XML content and attribute values; `apostrophe` is the
/// entity written for `'`. Control characters and bidi overrides are dropped (see
/// `escape_with`).
pub fn escape_into(out: &mut String, text: &str, apostrophe: &str) {
    escape_with(text, apostrophe, &mut |part| out.push_str(part));
}

/// The escape function of the theme's templates: every `{{ value }}` of a page goes through
/// the same escaping as the SVGs.
pub fn escape_for_template(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut result = Ok(());
    escape_with(text, "&#39;", &mut |part| {
        if result.is_ok() {
            result = out.write_all(part.as_bytes());
        }
    });
    result
}

/// The bytes [`escape_with`] looks at: the five it turns into entities, control bytes and the
/// first bytes of the characters it may drop. Every other byte is copied in runs.
static LOOKED_AT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let others = [b'&', b'<', b'>', b'"', b'\'', 0x7f, 0xc2, 0xe2, 0xef];
    let mut i = 0;
    while i < others.len() {
        table[others[i] as usize] = true;
        i += 1;
    }
    table
};

/// The one escaping of text shown in HTML and SVG: `& < > " '` become entities and the
/// characters `is_dropped` names are dropped (matched on their UTF-8 bytes).
fn escape_with(text: &str, apostrophe: &str, push: &mut dyn FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !LOOKED_AT[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let (entity, width) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => (apostrophe, 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..0x20 | 0x7f => ("", 1),
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => ("", 2),
            0xe2 if matches!(
                (bytes.get(i + 1), bytes.get(i + 2)),
                (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
            ) =>
            {
                ("", 3)
            }
            0xef if matches!(
                (bytes.get(i + 1), bytes.get(i + 2)),
                (Some(0xbf), Some(0xbe..=0xbf))
            ) =>
            {
                ("", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        push(&text[plain..i]);
        push(entity);
        i += width;
        plain = i;
    }
    push(&text[plain..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_every_other_character() {
        assert_eq!(
            escape("Café <b>\"Über\"</b> & 'ça' 🎉"),
            "Café &lt;b&gt;&quot;Über&quot;&lt;/b&gt; &amp; &#39;ça&#39; 🎉"
        );
        assert_eq!(escape(""), "");
        assert_eq!(escape("plain"), "plain");
    }

    #[test]
    fn escaping_drops_control_and_bidi_override_characters() {
        assert_eq!(
            escape(
                "a\u{7}b\u{0}\u{1b}c\u{7f}\u{85}d\u{9f}\u{202e}e\u{202a}\u{2066}f\u{2069}g\u{fffe}\u{ffff}"
            ),
            "abcdefg"
        );
        assert_eq!(escape("tab\tline\nreturn\r"), "tab\tline\nreturn\r");
        assert_eq!(
            escape("\u{a0}é\u{200f}\u{2065}\u{206a}\u{2029}\u{fffd}"),
            "\u{a0}é\u{200f}\u{2065}\u{206a}\u{2029}\u{fffd}",
            "neighbours of the dropped ranges are kept"
        );
        let every: String = ('\0'..='\u{3000}')
            .chain(['\u{fffd}', '\u{fffe}', '\u{ffff}'])
            .collect();
        let kept: String = every.chars().filter(|c| !is_dropped(*c)).collect();
        assert_eq!(escape(&every), escape(&kept), "one rule");
    }

    fn html(md: &str) -> String {
        inline_html(md, &Labels::english())
    }

    /// Texts the plain-paragraph shortcut takes give exactly what the Markdown parser gives.
    #[test]
    fn plain_paragraphs_are_what_the_parser_makes_of_them() {
        let labels = Labels::english();
        let parsed = |text: &str| to_html(text, &labels, &mut |_| String::new());
        let mut texts: Vec<String> = [
            "Queue Ökonomie touchpoint réception expérience",
            "Had to go back to the store, 260 km away (again).",
            "It's 50% off; really? Yes/no - maybe.",
            "see www.example.com today",
            "Müller-Lüdenscheidt 2nd floor",
            "x",
            "Über  two  spaces",
            "ß and ﬁ and 日本語 and العربية",
        ]
        .map(String::from)
        .to_vec();
        // Every pair of characters the shortcut allows, between and around words.
        let allowed = "aZé9 ,.;?()'/%-";
        for a in allowed.chars() {
            for b in allowed.chars() {
                texts.push(format!("Word{a}{b}word {b}{a} end{a}{b}"));
                texts.push(format!("A{a}{b}"));
            }
        }
        let mut shortcuts = 0;
        for text in &texts {
            if let Some(html) = plain_paragraph(text) {
                shortcuts += 1;
                assert_eq!(html, parsed(text), "{text:?}");
            }
        }
        assert!(
            shortcuts > texts.len() / 2,
            "the shortcut is taken: {shortcuts}"
        );
        for text in [
            "- a list", "1. first", "*em*", "a_b_", "a `code`", "a <b>", "a & b", "A  ",
        ] {
            assert_eq!(plain_paragraph(text), None, "{text:?}");
            assert_eq!(html(text), parsed(text));
        }
    }

    #[test]
    fn messages_show_backticks_as_code_and_escape_the_rest() {
        assert_eq!(
            message_html("`a<b>` is asked"),
            "<code>a&lt;b&gt;</code> is asked"
        );
        assert_eq!(message_html("odd ` tick <i>"), "odd ` tick &lt;i&gt;");
    }

    #[test]
    fn gfm_features() {
        let out = html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ and [^1]\n\n[^1]: note\n\n- [x] done\n",
        );
        assert!(out.contains("<table>"), "{out}");
        assert!(
            out.contains("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">\n<table>"),
            "a table scrolls in a box the keyboard reaches: {out}"
        );
        assert!(out.contains("</table>\n</div>"), "{out}");
        assert!(out.contains("<del>gone</del>"), "{out}");
        assert!(out.contains("footnote"), "{out}");
        assert!(
            out.contains("<input type=\"checkbox\" disabled checked aria-label=\"Done\">"),
            "a task's box says what it means to a screen reader: {out}"
        );
    }

    #[test]
    fn a_table_keeps_its_alignment_and_scroll_box_on_a_page_with_raw_html() {
        let table = "| Name | Score | Note |\n|:-----|------:|:----:|\n| a | 1 | x |\n";
        for markdown in [table.to_string(), format!("<kbd>Ctrl</kbd>\n\n{table}")] {
            let out = html(&markdown);
            assert!(
                out.contains("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">\n<table>"),
                "the scroll box keeps its keyboard access and name: {out}"
            );
            for cell in [
                "<th style=\"text-align: left\">Name</th>",
                "<th style=\"text-align: right\">Score</th>",
                "<td style=\"text-align: center\">x</td>",
            ] {
                assert!(out.contains(cell), "{cell} in {out}");
            }
            assert!(!out.contains(OWN_MARK), "no stand-in is left: {out}");
        }
        let out = html("<p style=\"color: red\" class=\"\u{E001}align-left\">x</p>\n");
        assert!(!out.contains("color"), "other styles still go: {out}");
    }

    #[test]
    fn headings_get_unique_anchors() {
        let out = html("## Oriëntatie\n\n## Oriëntatie\n\n## Own {#custom}\n");
        assert!(out.contains("<h2 id=\"orientatie\">"), "{out}");
        assert!(out.contains("<h2 id=\"orientatie-1\">"), "{out}");
        assert!(out.contains("<h2 id=\"custom\">"), "{out}");
    }

    #[test]
    fn alerts_get_a_translated_title() {
        let out = inline_html(
            "> [!WARNING]\n> Mind the gap\n",
            &Labels::new(crate::model::Language::Nl),
        );
        assert!(out.contains("markdown-alert-warning"), "{out}");
        assert!(out.contains("Waarschuwing"), "{out}");
    }

    #[test]
    fn raw_html_and_script_links_are_harmless() {
        let out = html(
            "<script>alert(1)</script>\n\nText <b onclick=x>bold</b> [x](javascript:alert(1)) [y]( JaVaScRiPt:alert(2))\n",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(
            !out.contains("alert(1)"),
            "a script goes with its text: {out}"
        );
        assert!(
            out.contains("<b>bold</b>"),
            "safe HTML stays, its handler goes: {out}"
        );
        assert!(!out.to_lowercase().contains("javascript:"), "{out}");
    }

    #[test]
    fn heading_attributes_never_become_live_attributes() {
        let out = html(
            "# Title {onfocus=alert(1) autofocus tabindex=0}\n\n## Two {#ok .fine onclick=x style=\"color:red\"}\n\n### Three {#\"><script>x .a\"b}\n",
        );
        for bad in [
            "onfocus",
            "autofocus",
            "tabindex",
            "onclick",
            "style=",
            "<script",
        ] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        assert!(out.contains("<h2 id=\"ok\" class=\"fine\">"), "{out}");
    }

    #[test]
    fn script_urls_are_neutralised_however_they_are_spelled() {
        for md in [
            "[a](java&#9;script:alert(1))",
            "[a](&#x6A;avascript:alert(1))",
            "[a](javascript&#58;alert(1))",
            "<javascript:alert(1)>",
            "[a](VBScript:msgbox(1))",
            "[a](data:text/html;base64,PHNjcmlwdD4=)",
            "![i](data:image/svg+xml,%3Csvg%20onload=alert(1)%3E)",
            "[a]\n\n[a]: javascript:alert(1)",
            "[a](\u{1}javascript:alert(1))",
        ] {
            let out = html(md);
            let targets: Vec<&str> = out
                .split(" href=\"")
                .skip(1)
                .chain(out.split(" src=\"").skip(1))
                .filter_map(|rest| rest.split('"').next())
                .collect();
            assert!(!targets.is_empty(), "{md:?} gives a link: {out}");
            for target in targets {
                assert_eq!(target, "#", "{md:?} in {out}");
            }
        }
    }

    #[test]
    fn control_characters_are_dropped_from_markdown() {
        let out = html("A\u{7}bell\u{1b}[31m and \u{85}next\u{9f} *x\u{0}y\u{202e}z*");
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("Abell[31m and next"), "{out}");
    }

    #[test]
    fn ordinary_links_are_kept() {
        let out = html(
            "[a](https://example.org) [b](../course/lesson-1/index.html) [c](#top) [d](mailto:x@y.z)",
        );
        for url in [
            "https://example.org",
            "../course/lesson-1/index.html",
            "#top",
            "mailto:x@y.z",
        ] {
            assert!(out.contains(url), "{url} in {out}");
        }
    }

    #[test]
    fn journeymap_blocks_are_replaced_in_order() {
        let md = "a\n\n```journeymap\nplot: x\n```\n\n```rust\nfn x() {}\n```\n\n```journeymap\ninventory: all\n```\n";
        let out = to_html(md, &Labels::english(), &mut |i| {
            format!("<div class=\"view-{i}\"></div>")
        });
        assert!(out.contains("view-0") && out.contains("view-1"), "{out}");
        assert!(!out.contains("plot: x"), "{out}");
        assert!(out.contains("fn x()"), "other code blocks stay: {out}");
    }
}

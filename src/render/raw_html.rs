//! Raw HTML in Markdown, made safe: a page whose Markdown holds HTML goes through `ammonia`
//! with an allow-list (disclosure widgets, keys, sub- and superscripts, abbreviations, marks,
//! line breaks, tables and images, and the markup journeymap itself writes), which drops
//! scripts and styles with their content, event handlers, `style` attributes and every URL
//! scheme but `http(s)`, `mailto` and `tel`.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Elements kept; every other element is dropped and its text kept (`script` and `style`
/// are dropped with their text).
const TAGS: [&str; 52] = [
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Attributes kept on every kept element.
const GENERIC_ATTRIBUTES: [&str; 4] = ["id", "class", "title", "lang"];

/// Attributes kept on one element.
const TAG_ATTRIBUTES: [(&str, &[&str]); 7] = [
    ("a", &["href", "aria-label"]),
    ("img", &["src", "alt", "width", "height"]),
    ("details", &["open"]),
    ("ol", &["start"]),
    ("td", &["colspan", "rowspan"]),
    ("th", &["colspan", "rowspan"]),
    ("input", &["type", "checked", "disabled", "aria-label"]),
];

/// The URL schemes a kept `href` or `src` may use (relative URLs are kept too).
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The HTML with everything outside the allow-list removed.
pub fn sanitised(html: &str) -> String {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut builder = ammonia::Builder::default();
            let attributes: HashMap<&str, HashSet<&str>> = TAG_ATTRIBUTES
                .iter()
                .map(|(tag, names)| (*tag, names.iter().copied().collect()))
                .collect();
            builder
                .tags(TAGS.into_iter().collect())
                .clean_content_tags(["script", "style"].into_iter().collect())
                .generic_attributes(GENERIC_ATTRIBUTES.into_iter().collect())
                .tag_attributes(attributes)
                .url_schemes(SCHEMES.into_iter().collect())
                .url_relative(ammonia::UrlRelative::PassThrough)
                .link_rel(None)
                .strip_comments(true);
            builder
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_stay_and_scripts_handlers_and_styles_go() {
        let out = sanitised(
            "<details open><summary>More</summary><p>Press <kbd>Ctrl</kbd> H<sub>2</sub>O<sup>2</sup> <abbr title=\"customer journey\">CJ</abbr> <mark>now</mark><br></p></details>\
             <img src=\"x.png\" alt=\"x\" onerror=\"alert(1)\"><script>alert(2)</script>\
             <p style=\"color:red\" onclick=\"alert(3)\">styled</p><style>p{}</style>\
             <a href=\"javascript:alert(4)\">js</a><img src=\"data:image/png;base64,AA\" alt=\"d\">\
             <table><tr><td colspan=\"2\">cell</td></tr></table><iframe src=\"https://x\"></iframe>",
        );
        for kept in [
            "<details open=\"\"><summary>More</summary>",
            "<kbd>Ctrl</kbd>",
            "<sub>2</sub>",
            "<sup>2</sup>",
            "<abbr title=\"customer journey\">CJ</abbr>",
            "<mark>now</mark>",
            "<br>",
            "<img src=\"x.png\" alt=\"x\">",
            "<td colspan=\"2\">cell</td>",
            "<p>styled</p>",
        ] {
            assert!(out.contains(kept), "{kept} in {out}");
        }
        for dropped in [
            "onerror",
            "<script",
            "alert(2)",
            "style=",
            "<style",
            "onclick",
            "javascript:",
            "data:",
            "iframe",
        ] {
            assert!(!out.contains(dropped), "{dropped} in {out}");
        }
    }
}

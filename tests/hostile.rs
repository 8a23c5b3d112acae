//! The hostile fixture (tests/fixtures/script-injection), whose every text field carries
//! payloads, built by the real binary: no script or event handler from content in any page
//! or SVG, no script link, no control or bidi override character, every SVG well-formed
//! XML, CSV cells that a spreadsheet cannot run, and the content's SVG logo only linked.

mod common;
use common::{fixture, journeymap, repository};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

/// The hostile fixture built once for every test here: its files by relative path.
fn site() -> &'static BTreeMap<String, Vec<u8>> {
    static SITE: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let output = journeymap(
            &repository(),
            &[
                "build",
                "--root",
                fixture("script-injection").to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut files = BTreeMap::new();
        read_tree(&out, &out, &mut files);
        files
    })
}

fn read_tree(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_tree(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).unwrap().to_string_lossy();
            files.insert(relative.replace('\\', "/"), fs::read(&path).unwrap());
        }
    }
}

/// The pages and the SVGs journeymap drew (not the logo copied from content/).
fn generated(extension: &str) -> Vec<(&'static str, String)> {
    let found: Vec<_> = site()
        .iter()
        .filter(|(f, _)| f.ends_with(extension) && !f.starts_with("images/"))
        .map(|(f, b)| (f.as_str(), String::from_utf8(b.clone()).unwrap()))
        .collect();
    assert!(!found.is_empty(), "no {extension} files");
    found
}

/// Every tag of an HTML or SVG text with its attributes (name, value), quotes respected.
fn tags(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let bytes = text.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(start) = text[i..].find('<').map(|s| s + i) {
        i = start + 1;
        let name_end = text[i..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(text.len(), |e| e + i);
        let name = text[i..name_end].to_ascii_lowercase();
        if name.is_empty() || name.starts_with('!') {
            continue;
        }
        i = name_end;
        let mut attributes = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let key_end = text[i..]
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .map_or(text.len(), |e| e + i);
            let key = text[i..key_end].to_ascii_lowercase();
            i = key_end;
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                let quote = bytes[i];
                if quote == b'"' || quote == b'\'' {
                    let end = text[i + 1..].find(quote as char).unwrap() + i + 1;
                    value = text[i + 1..end].to_string();
                    i = end + 1;
                } else {
                    let end = text[i..]
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .map_or(text.len(), |e| e + i);
                    value = text[i..end].to_string();
                    i = end;
                }
            }
            attributes.push((key, value));
        }
        tags.push((name, attributes));
    }
    tags
}

/// The script elements a page may hold: the default theme's search box, header and tables, from
/// the theme folder of the site (`<script src="../theme/search.js" defer>`).
fn is_theme_script(tag: &str, attributes: &[(String, String)]) -> bool {
    let [(src, path), (defer, _)] = attributes else {
        return false;
    };
    tag == "script"
        && src == "src"
        && defer == "defer"
        && ["theme/search.js", "theme/nav.js", "theme/tables.js"]
            .contains(&path.trim_start_matches("../"))
}

#[test]
fn no_script_event_handler_or_script_link_from_content_in_any_page_or_svg() {
    let mut files = generated(".html");
    assert!(files.len() >= 6, "every kind of page: {}", files.len());
    files.extend(generated(".svg"));
    for (file, text) in &files {
        let lower = text.to_lowercase();
        let tags = tags(text);
        let own_scripts = tags.iter().filter(|(t, a)| is_theme_script(t, a)).count();
        assert_eq!(
            lower.matches("<script").count(),
            own_scripts,
            "a script element other than the theme's own in {file}"
        );
        for (tag, attributes) in tags {
            if is_theme_script(&tag, &attributes) {
                continue;
            }
            assert!(
                !matches!(tag.as_str(), "script" | "iframe" | "object" | "embed"),
                "<{tag}> in {file}"
            );
            // The theme's scroll boxes take keyboard focus on purpose; nothing else may.
            let scroll_box = tag == "div"
                && attributes.iter().any(|(k, v)| {
                    k == "class"
                        && v.split_whitespace()
                            .any(|c| matches!(c, "table-wrap" | "plot-scroll"))
                });
            for (key, value) in attributes {
                let focus = key == "tabindex" && !(scroll_box && value == "0");
                assert!(
                    !key.starts_with("on") && key != "autofocus" && !focus,
                    "<{tag} {key}=\"{value}\"> in {file}"
                );
                if matches!(key.as_str(), "href" | "src" | "xlink:href" | "action") {
                    let read: String = value
                        .trim()
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect::<String>()
                        .to_lowercase();
                    for scheme in ["javascript:", "vbscript:", "data:", "&#"] {
                        assert!(
                            !read.starts_with(scheme) && !read.contains("script:"),
                            "<{tag} {key}=\"{value}\"> in {file}"
                        );
                    }
                }
            }
        }
    }
    let journey = &site()["journeys/attack/index.html"];
    let journey = String::from_utf8_lossy(journey);
    assert!(
        journey.contains("&lt;script&gt;window.__jm_pwned=1&lt;/script&gt;touchpoint"),
        "the payload is shown as text"
    );
    assert!(
        journey.contains("<h1 id=\"heading\">Heading</h1>"),
        "a heading's attributes are dropped, the heading is kept"
    );
}

#[test]
fn every_svg_is_well_formed_xml_without_control_or_bidi_override_characters() {
    let mut files = generated(".html");
    files.extend(generated(".svg"));
    for (file, text) in &files {
        let bad = text.chars().find(|&c| {
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FFFE}')
        });
        assert_eq!(bad, None, "a control or bidi override character in {file}");
    }
    for (file, text) in generated(".svg") {
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{file} is not well-formed XML: {e}");
        }
    }
}

#[test]
fn names_are_isolated_in_pages() {
    let journey = String::from_utf8_lossy(&site()["journeys/attack/index.html"]).into_owned();
    assert!(
        journey.contains(": <bdi>&lt;script&gt;window.__jm_pwned=1&lt;/script&gt;stage"),
        "the stage name is isolated from the label before it"
    );
    let style = String::from_utf8_lossy(&site()["theme/style.css"]).into_owned();
    assert!(style.contains("unicode-bidi: isolate"), "{style}");
}

#[test]
fn the_svg_logo_from_content_is_linked_never_inlined() {
    let logo = fs::read(fixture("script-injection").join("content/images/logo.svg")).unwrap();
    assert_eq!(site()["images/logo.svg"], logo, "copied as it is");
    for (file, page) in generated(".html") {
        assert!(
            !page.contains("fill=\"#0b6e4f\""),
            "the logo inlined in {file}"
        );
        let logos: Vec<_> = tags(&page)
            .into_iter()
            .filter(|(tag, a)| tag == "img" && a.iter().any(|(k, v)| k == "class" && v == "logo"))
            .collect();
        assert_eq!(logos.len(), 1, "one logo image in {file}");
        assert!(
            logos[0]
                .1
                .iter()
                .any(|(k, v)| k == "src" && v.ends_with("images/logo.svg")),
            "{file}"
        );
    }
}

/// Every sheet of the built workbook is strings and numbers only: no formula, and no
/// string that a spreadsheet would run if it were typed in again.
#[test]
fn workbook_cells_cannot_start_a_formula() {
    use calamine::{Data, Reader, Xlsx};
    let bytes = site()["journeymap.xlsx"].clone();
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let mut strings = 0;
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert_eq!(formulas.used_cells().filter(|c| !c.2.is_empty()).count(), 0);
        for cell in book.worksheet_range(&name).unwrap().used_cells() {
            if let (_, _, Data::String(text)) = cell {
                strings += 1;
                assert!(
                    !text.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{text:?} in {name}"
                );
            }
        }
    }
    assert!(strings > 50, "only {strings} strings");
}

/// The rows of a CSV export, after its byte-order mark.
fn csv_rows(file: &str) -> Vec<Vec<String>> {
    let bytes = &site()[file];
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..]);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn csv_cells_cannot_start_a_formula_and_numbers_stay_numbers() {
    for file in ["inventory.csv", "consistency.csv"] {
        let rows = csv_rows(file);
        assert!(rows.len() > 2, "{file}");
        for cell in rows.iter().flatten() {
            let is_number = cell.parse::<f64>().is_ok();
            assert!(
                is_number || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} in {file}"
            );
        }
    }
    let inventory = csv_rows("inventory.csv");
    let tp = inventory.iter().find(|r| r[1] == "tp").unwrap();
    assert!(tp[2].starts_with("'=1+1 "), "journey title {:?}", tp[2]);
    assert!(tp[4].starts_with("'=HYPERLINK("), "touchpoint {:?}", tp[4]);
    assert!(tp[6].starts_with("'+cmd|"), "channel {:?}", tp[6]);
    assert!(tp[17].starts_with("'@SUM(1) "), "asks {:?}", tp[17]);
    let second = inventory.iter().find(|r| r[1] == "second").unwrap();
    assert_eq!(second[4], "'\tTab start");
    assert_eq!(second[6], "'\rCarriage return start");
    assert_eq!(second[8], "-3", "an emotion stays a number");
    let third = inventory.iter().find(|r| r[1] == "third").unwrap();
    assert_eq!(third[4], "'@third");
    assert_eq!((third[8].as_str(), third[9].as_str()), ("-2", "1"));
    let consistency = csv_rows("consistency.csv");
    let never = consistency.iter().find(|r| r[0] == "never").unwrap();
    assert_eq!(
        (never[1].as_str(), never[2].as_str()),
        ("'@SUM(1) never delivered", "'-2+3")
    );
    let safe = consistency.iter().find(|r| r[0] == "safe").unwrap();
    assert!(safe[1].starts_with("'=HYPERLINK("), "{safe:?}");
    assert!(safe[7].starts_with("'=cmd "), "evidence {safe:?}");
}

//! One language for everything a person reads: a Dutch run prints no English sentence of the
//! catalogue, `--lang` and the locale choose the language, `init --language nl` starts a Dutch
//! project that checks clean, and `new page` keeps the words as they were typed.

mod common;

use common::{fixture, journeymap, repository};
use journeymap::labels::Labels;
use journeymap::model::Language;
use std::path::Path;
use std::process::{Command, Output};

/// The groups of the catalogue whose texts the command line prints.
const PRINTED: [&str; 9] = [
    "error.", "help.", "label.", "list.", "cli.", "found.", "what.", "io.", "finding.",
];

/// The English catalogue's printed texts as the literal parts between their placeholders;
/// a line holds a text when it holds its parts in order. Texts with fewer than ten letters
/// of their own (`{detail}`, "1 page") are too short to tell a language by. A Dutch text left
/// in English is found too: nothing is compared with the Dutch catalogue.
fn english_phrases() -> Vec<Vec<String>> {
    let en = Labels::new(Language::En);
    let mut phrases = Vec::new();
    for key in Labels::keys(Language::En) {
        if !PRINTED.iter().any(|g| key.starts_with(g)) {
            continue;
        }
        let parts: Vec<String> = placeholders_out(en.get(key))
            .into_iter()
            .filter(|p| !p.trim().is_empty())
            .collect();
        let letters: usize = parts
            .iter()
            .map(|p| p.chars().filter(|c| c.is_alphabetic()).count())
            .sum();
        if letters >= 10 {
            phrases.push(parts);
        }
    }
    assert!(phrases.len() > 250, "only {} texts", phrases.len());
    phrases
}

/// The parts of a text between its `{name}` placeholders.
fn placeholders_out(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let name_end = rest[open..].find('}').map(|c| open + c);
        let is_name = name_end.is_some_and(|end| {
            rest[open + 1..end]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        match name_end {
            Some(end) if is_name => {
                parts.last_mut().unwrap().push_str(&rest[..open]);
                parts.push(String::new());
                rest = &rest[end + 1..];
            }
            _ => {
                parts.last_mut().unwrap().push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    parts.last_mut().unwrap().push_str(rest);
    parts
}

/// Whether `line` holds every part, in order.
fn holds(line: &str, parts: &[String]) -> bool {
    let mut from = 0;
    for part in parts {
        match line[from..].find(part.as_str()) {
            Some(at) => from += at + part.len(),
            None => return false,
        }
    }
    true
}

/// The lines of a report a person reads as sentences: not the quoted source lines.
fn sentences(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|line| {
            let t = line.trim_start();
            let quoted = t
                .split_once(" |")
                .is_some_and(|(n, _)| n.trim().parse::<u32>().is_ok())
                || (t.starts_with('|') && !t.contains('^'))
                || t.starts_with("-->");
            !quoted && !t.is_empty()
        })
        .collect()
}

/// The English texts in the sentences of `text`.
fn english_in(text: &str, phrases: &[Vec<String>]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for line in sentences(text) {
        for parts in phrases {
            if holds(line, parts) {
                found.push((parts.join("{}"), line.to_string()));
            }
        }
    }
    found
}

fn text_of(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Every fixture project with errors or findings.
fn fixtures() -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("content").is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() > 15, "{dirs:?}");
    dirs
}

#[test]
fn a_dutch_check_of_every_fixture_prints_no_english_sentence() {
    let phrases = english_phrases();
    let mut english_hits = 0;
    for dir in fixtures() {
        let root = dir.to_str().unwrap();
        let dutch = text_of(&journeymap(
            &repository(),
            &["check", "--lang", "nl", "--root", root],
        ));
        let found = english_in(&dutch, &phrases);
        assert!(
            found.is_empty(),
            "{root}: English in a Dutch run: {found:#?}\n{dutch}"
        );
        // The same scan finds the English catalogue's sentences in an English run.
        let english = text_of(&journeymap(
            &repository(),
            &["check", "--lang", "en", "--root", root],
        ));
        english_hits += english_in(&english, &phrases).len();
    }
    assert!(
        english_hits > 100,
        "the scan finds only {english_hits} English sentences"
    );
}

#[test]
fn a_dutch_project_reports_in_dutch_and_json_keeps_codes_and_keys() {
    let root = fixture("typos");
    let dir = tempfile::tempdir().unwrap();
    copy(&root.join("content"), &dir.path().join("content"));
    let site = dir.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap_or_default();
    std::fs::write(&site, format!("language: nl\n{}", without_language(&text))).unwrap();
    let path = dir.path().to_str().unwrap();
    let output = journeymap(&repository(), &["check", "--root", path]);
    let text = text_of(&output);
    assert!(text.contains("fout["), "{text}");
    assert!(text.contains("controle mislukt:"), "{text}");
    assert!(english_in(&text, &english_phrases()).is_empty(), "{text}");
    let english = text_of(&journeymap(
        &repository(),
        &["check", "--lang", "en", "--root", path],
    ));
    assert!(english.contains("check failed:"), "{english}");
    let json = journeymap(
        &repository(),
        &["check", "--format", "json", "--root", path],
    );
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&json.stdout)
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert!(
        first["code"].as_str().is_some_and(|c| !c.is_empty()),
        "{first}"
    );
    assert!(
        first["message_key"].as_str().unwrap().contains('.'),
        "{first}"
    );
    let message = first["message"].as_str().unwrap();
    assert!(
        english_in(message, &english_phrases()).is_empty(),
        "{first}"
    );
}

fn without_language(site: &str) -> String {
    site.lines()
        .filter(|l| !l.starts_with("language:"))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn init_in_dutch_writes_a_dutch_project_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let output = journeymap(dir.path(), &["init", "reis", "--language", "nl"]);
    let said = text_of(&output);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("journeymap-project gemaakt in reis:"),
        "{said}"
    );
    let project = dir.path().join("reis");
    let read = |path: &str| std::fs::read_to_string(project.join(path)).unwrap();
    let site = read("content/site.yaml");
    assert!(site.contains("language: nl") && site.contains("# De titel boven elke pagina."));
    let journey = read("content/journeys/eerste-klantreis.yaml");
    assert!(
        journey.contains("title: Een vraag stellen over een factuur"),
        "{journey}"
    );
    let note = read("content/notities/eerste-klantreis.md");
    assert!(
        note.contains("Schrijf hier op wat je hebt geleerd"),
        "{note}"
    );
    let english = Labels::english();
    for (path, text) in [("site", &site), ("journey", &journey), ("note", &note)] {
        for line in english.get(&format!("scaffold.{path}")).lines() {
            let comment = line.trim_start().starts_with('#')
                && line.len() > 30
                && !line.contains("yaml-language-server");
            assert!(
                !comment || !text.contains(line),
                "{path}: English line `{line}`"
            );
        }
    }
    let check = journeymap(&project, &["check"]);
    let report = text_of(&check);
    assert!(check.status.success(), "{report}");
    assert!(!report.contains("fout["), "{report}");
    assert!(
        report.contains("content/ is in orde: 1 klantreis, 5 contactmomenten, 1 belofte"),
        "{report}"
    );
}

#[test]
fn new_page_keeps_the_words_as_typed_and_an_index_takes_its_folders_name() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        journeymap(dir.path(), &["init", "p", "--language", "nl"])
            .status
            .success()
    );
    let project = dir.path().join("p");
    let output = journeymap(
        &project,
        &["new", "page", "notities/overdracht-miranda-harry"],
    );
    assert!(output.status.success(), "{}", text_of(&output));
    assert!(text_of(&output).contains("content/notities/overdracht-miranda-harry.md gemaakt"));
    let page =
        std::fs::read_to_string(project.join("content/notities/overdracht-miranda-harry.md"))
            .unwrap();
    assert!(
        page.contains("title: \"overdracht miranda harry\""),
        "{page}"
    );
    assert!(page.contains("Schrijf hier Markdown"), "{page}");
    let output = journeymap(&project, &["new", "page", "cursus/Klantreizen-101/_index"]);
    assert!(output.status.success(), "{}", text_of(&output));
    let index =
        std::fs::read_to_string(project.join("content/cursus/Klantreizen-101/_index.md")).unwrap();
    assert!(index.contains("title: \"Klantreizen 101\""), "{index}");
    let again = journeymap(
        &project,
        &["new", "page", "notities/overdracht-miranda-harry"],
    );
    assert!(!again.status.success());
    assert!(text_of(&again).contains("bestaat al; journeymap overschrijft geen bestanden"));
    let check = journeymap(&project, &["check"]);
    assert!(check.status.success(), "{}", text_of(&check));
}

#[test]
fn the_flag_overrides_the_project_and_the_locale_decides_before_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let dutch = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["init", "p"])
        .current_dir(dir.path())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "nl_NL.UTF-8")
        .output()
        .unwrap();
    assert!(
        text_of(&dutch).contains("journeymap-project gemaakt"),
        "{}",
        text_of(&dutch)
    );
    assert!(
        dir.path()
            .join("p/content/journeys/eerste-klantreis.yaml")
            .is_file()
    );
    let english = journeymap(dir.path(), &["init", "q"]);
    assert!(text_of(&english).contains("created a journeymap project in q:"));
    let project = dir.path().join("p");
    let overridden = journeymap(&project, &["check", "--lang", "en"]);
    assert!(
        text_of(&overridden).contains("content/ is valid:"),
        "{}",
        text_of(&overridden)
    );
    let missing = journeymap(dir.path(), &["check", "--lang", "nl", "--root", "nergens"]);
    assert!(text_of(&missing).contains("er is geen map content/ in nergens"));
}

//! The YAML mistakes people make, told in plain words at the line and column of the mistake,
//! in the project's language, with the parser's own words kept as the help's last line: one
//! fixture file per mistake under tests/fixtures/yaml-mistakes/.

mod common;
use common::{fixture, journeymap, repository};

/// One reported mistake: file name, line, column, message and help.
#[derive(Debug)]
struct Told {
    file: String,
    line: u64,
    column: u64,
    message: String,
    help: String,
}

fn check(language: &str) -> Vec<Told> {
    let root = fixture("yaml-mistakes").join(language);
    let output = journeymap(
        &repository(),
        &[
            "check",
            "--format",
            "json",
            "--root",
            root.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["code"], "yaml-syntax", "{line}");
            Told {
                file: v["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                line: v["line"].as_u64().unwrap(),
                column: v["column"].as_u64().unwrap(),
                message: v["message"].as_str().unwrap().to_string(),
                help: v["help"].as_str().unwrap().to_string(),
            }
        })
        .collect()
}

fn find<'t>(told: &'t [Told], file: &str) -> &'t Told {
    told.iter()
        .find(|t| t.file == file)
        .unwrap_or_else(|| panic!("nothing reported for {file}: {told:#?}"))
}

fn expect(told: &[Told], file: &str, at: (u64, u64), message: &str, help: &str) {
    let t = find(told, file);
    assert_eq!((t.line, t.column), at, "{file}: {t:#?}");
    assert_eq!(t.message, message, "{file}");
    let (plain, parser) = t.help.split_once('\n').expect("two lines of help");
    assert!(plain.contains(help), "{file}: {plain}");
    assert!(
        parser.starts_with("In the YAML reader's own words (line "),
        "{file}: {parser}"
    );
}

#[test]
fn each_mistake_in_plain_english_where_it_is() {
    let told = check("en");
    assert_eq!(told.len(), 7, "{told:#?}");
    expect(
        &told,
        "tab.yaml",
        (38, 1),
        "line 38 is indented with a tab; use spaces",
        "replace the tab with spaces",
    );
    expect(
        &told,
        "missing-colon.yaml",
        (10, 9),
        "line 10 has no `:` after its key",
        "e.g. `kind: human`",
    );
    expect(
        &told,
        "colon-in-value.yaml",
        (9, 20),
        "the text of `name` holds `: `, which YAML reads as the start of another key",
        "put the text in quotes: `name: \"Harry: ga terug\"`",
    );
    expect(
        &told,
        "list-indentation.yaml",
        (9, 5),
        "the list item on line 9 is indented 4 spaces, but the items of the list above it \
         are indented 6 (line 6)",
        "exactly below the `- `",
    );
    expect(
        &told,
        "indentation.yaml",
        (8, 10),
        "line 8 is indented 9 spaces, which lines up with no list or key above it",
        "line 7 by 8 spaces, line 6 by 6",
    );
    expect(
        &told,
        "unclosed-quote.yaml",
        (6, 15),
        "the quote `\"` opened on line 6, column 15, is never closed",
        "end the text with the same quote mark",
    );
    expect(
        &told,
        "unclosed-bracket.yaml",
        (2, 15),
        "the `[` opened on line 2, column 15, is never closed",
        "close it with `]`",
    );
}

#[test]
fn a_dutch_project_is_told_in_dutch() {
    let told = check("nl");
    assert_eq!(told.len(), 2, "{told:#?}");
    let tab = find(&told, "tab.yaml");
    assert_eq!((tab.line, tab.column), (38, 1));
    assert_eq!(
        tab.message,
        "regel 38 springt in met een tab; gebruik spaties"
    );
    let colon = find(&told, "colon-in-value.yaml");
    assert!(
        colon
            .help
            .starts_with("zet de tekst tussen aanhalingstekens: `name: \"Harry: ga terug\"`\n")
    );
    assert!(
        colon
            .help
            .contains("In de woorden van de YAML-lezer (regel 9, kolom 20): mapping values"),
        "{}",
        colon.help
    );
}

/// Values written in Dutch are refused (the format is English) with the format's word for them.
#[test]
fn dutch_values_get_the_format_word() {
    let (status, reported) = common::check_json(&fixture("dutch-values"));
    assert_eq!(status, 1);
    let hints: Vec<(Option<u64>, &str)> = reported
        .iter()
        .map(|r| (r.line, r.help.as_deref().unwrap_or("")))
        .collect();
    let expected = [
        (6, "bedoel je `human`? (menselijk)"),
        (8, "bedoel je `excel`? (excelleermoment)"),
        (9, "bedoel je `observed`? (waargenomen)"),
        (13, "bedoel je `functional`? (functioneel)"),
        (15, "bedoel je `truth`? (moment van de waarheid)"),
        (17, "bedoel je `mechanical`? (mechanisch)"),
        (21, "bedoel je `partly`? (deels waargemaakt)"),
    ];
    assert_eq!(hints.len(), expected.len(), "{reported:#?}");
    for ((line, help), (want_line, want)) in hints.iter().zip(expected) {
        assert_eq!(*line, Some(want_line), "{help}");
        assert!(help.starts_with(want), "{help}");
        assert!(
            help.contains("Het formaat gebruikt Engelse woorden: `"),
            "{help}"
        );
    }
}

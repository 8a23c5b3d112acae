//! Mermaid and spreadsheets in and out: `export mermaid` and `import mermaid` round trip,
//! `import sheet` from CSV and `.xlsx` (every bad cell reported, nothing written), and the
//! build's `journeymap.xlsx` read back with calamine.

mod common;
use calamine::{Data, Reader, Xlsx};
use common::{copy_to_temp, fixture, journeymap, repository};
use journeymap::analysis::analyse;
use journeymap::import::mermaid;
use journeymap::load::load_project;
use journeymap::model::Project;
use journeymap::render::{MemorySite, render_site};
use std::path::Path;
use std::sync::Arc;

fn project(root: &Path) -> Project {
    let loaded = load_project(root);
    loaded
        .project
        .unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics.sorted()))
}

fn run(root: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = args.to_vec();
    all.extend(["--root", root.to_str().unwrap()]);
    let output = journeymap(&repository(), &all);
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `check` on a project: its exit code and report.
fn check(root: &Path) -> (i32, String) {
    let (code, out, err) = run(root, &["check"]);
    (code, out + &err)
}

#[test]
fn export_then_import_keeps_stages_names_and_emotions() {
    let example = project(&repository());
    let scale = &example.site.scale;
    let step = f64::from(scale.max - scale.min) / 8.0 + 0.5;
    for journey in &example.journeys {
        let text = journeymap::render::mermaid::diagram(journey, scale);
        let file: Arc<str> = Arc::from("journey.mmd");
        let skeleton = mermaid::read(&text, &file, scale, "x", "Stage 1")
            .unwrap_or_else(|d| panic!("{}: {:#?}\n{text}", journey.id, d.sorted()));
        let plain = journeymap::render::mermaid::plain;
        assert_eq!(skeleton.title, plain(&journey.title));
        let stages: Vec<String> = skeleton.stages.iter().map(|s| s.name.clone()).collect();
        let expected: Vec<String> = journey.stages.iter().map(|s| plain(&s.name)).collect();
        assert_eq!(stages, expected, "{}", journey.id);
        let imported: Vec<_> = skeleton
            .stages
            .iter()
            .flat_map(|s| &s.touchpoints)
            .collect();
        let original: Vec<_> = journey.touchpoints().map(|(_, t)| t).collect();
        assert_eq!(imported.len(), original.len());
        for (i, o) in imported.iter().zip(&original) {
            assert_eq!(i.name, plain(&o.name));
            assert!(
                (f64::from(i.emotion) - o.emotion.value()).abs() <= step,
                "{}: {} came back as {}",
                o.name,
                o.emotion,
                i.emotion
            );
            assert_eq!(i.owner, o.owner.as_deref().map(plain));
        }
    }
}

#[test]
fn the_cli_exports_imports_and_the_import_checks_clean() {
    let dir = copy_to_temp(&repository().join("tests/fixtures/valid-minimal"));
    let root = dir.path();
    let (code, diagram, err) = run(&repository(), &["export", "mermaid", "energy-move"]);
    assert_eq!(code, 0, "{err}");
    assert!(diagram.starts_with("journey\n"), "{diagram}");
    let file = root.join("move.mmd");
    std::fs::write(&file, diagram.replace("title ", "title Imported ")).unwrap();
    let (code, out, err) = run(root, &["import", "mermaid", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let written =
        root.join("content/journeys/imported-moving-house-with-your-energy-contract.yaml");
    let yaml = std::fs::read_to_string(&written).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert!(yaml.contains("basis: assumed"), "{yaml}");
    assert!(
        yaml.contains("kind: human  # Mermaid has no kind"),
        "{yaml}"
    );
    assert!(
        yaml.contains("# channel:  # Mermaid has no channel"),
        "{yaml}"
    );
    let (code, report) = check(root);
    assert_eq!(code, 0, "{report}\n{yaml}");
    assert!(!report.contains("error"), "{report}");

    let (code, _, err) = run(root, &["import", "mermaid", file.to_str().unwrap()]);
    assert_eq!(code, 1, "an existing journey file is refused");
    assert!(err.contains("already exists"), "{err}");
    std::fs::write(
        &file,
        "journey\n  section A\n    Fine: 3\n    Broken: x: y: z\n",
    )
    .unwrap();
    let (code, _, err) = run(root, &["import", "mermaid", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("error[mermaid-syntax]"), "{err}");
    assert!(err.contains("move.mmd:4:5"), "{err}");
}

/// A sheet with a bad emotion (row 3) and an unknown kind (row 4), as the import must see it.
const BAD_ROWS: [[&str; 4]; 4] = [
    ["stage", "name", "kind", "emotion"],
    ["Order", "Orders online", "functional", "2"],
    ["", "Pays", "human", "very happy"],
    ["Delivery", "Parcel arrives", "robotic", "1"],
];

#[test]
fn a_dutch_import_writes_its_comments_in_dutch() {
    let dir = copy_to_temp(&repository().join("tests/fixtures/valid-minimal"));
    let root = dir.path();
    let file = root.join("schets.mmd");
    std::fs::write(
        &file,
        "journey\n  title Schets\n  Bellen: 2: Klantenservice\n",
    )
    .unwrap();
    let args = ["--lang", "nl", "import", "mermaid", file.to_str().unwrap()];
    let (code, out, err) = run(root, &args);
    assert_eq!(code, 0, "{out}{err}");
    let yaml = std::fs::read_to_string(root.join("content/journeys/schets.yaml")).unwrap();
    assert!(
        yaml.contains("# Geïmporteerd uit het Mermaid-diagram"),
        "{yaml}"
    );
    assert!(yaml.contains("- name: \"Fase 1\""), "{yaml}");
    assert!(yaml.contains("# Mermaid kent geen kanaal"), "{yaml}");
    assert!(!yaml.contains("Mermaid has no"), "{yaml}");
    let (code, report) = check(root);
    assert_eq!(code, 0, "{report}\n{yaml}");
}

fn assert_both_bad_cells(root: &Path, file: &Path) {
    let (code, out, err) = run(root, &["import", "sheet", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(err.contains(&format!("{name}:3:4")), "{err}");
    assert!(
        err.contains("cell D3 (emotion): `very happy` is not a whole number"),
        "{err}"
    );
    assert!(err.contains(&format!("{name}:4:3")), "{err}");
    assert!(
        err.contains("cell C4 (kind): `robotic` is not a valid kind"),
        "{err}"
    );
    assert!(
        err.contains("import failed: 2 errors; nothing was written"),
        "{err}"
    );
    let journeys = std::fs::read_dir(root.join("content/journeys"))
        .unwrap()
        .count();
    assert_eq!(journeys, 1, "nothing is written");
}

#[test]
fn a_csv_sheet_with_bad_cells_reports_each_and_writes_nothing() {
    let dir = copy_to_temp(&fixture("valid-minimal"));
    let file = dir.path().join("workshop.csv");
    let csv: String = BAD_ROWS.iter().map(|r| r.join(",") + "\n").collect();
    std::fs::write(&file, csv).unwrap();
    assert_both_bad_cells(dir.path(), &file);
}

#[test]
fn an_xlsx_sheet_with_bad_cells_reports_each_and_writes_nothing() {
    let dir = copy_to_temp(&fixture("valid-minimal"));
    let file = dir.path().join("workshop.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in (0u32..).zip(BAD_ROWS) {
        for (c, cell) in (0u16..).zip(row) {
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).unwrap(),
                Err(_) => sheet.write_string(r, c, cell).unwrap(),
            };
        }
    }
    book.save(&file).unwrap();
    assert_both_bad_cells(dir.path(), &file);
}

#[test]
fn a_dutch_semicolon_sheet_gives_a_journey_that_checks_clean() {
    let dir = copy_to_temp(&fixture("valid-minimal"));
    let root = dir.path();
    let file = root.join("werksessie.csv");
    let csv = "\u{feff}Fase;Naam;Soort;Kanaal;Eigenaar;Emotie;Doel;Moment\n\
               Oriëntatie;Zoekt een tarief;functioneel;website;marketing;1;2;\n\
               ;Belt de klantenservice;menselijk;telefoon;klantenservice;-2;1;truth\n\
               Verhuizing;\"Meterstand: doorgeven\";Functional;app;;-3;;Moment van de waarheid\n";
    std::fs::write(&file, csv).unwrap();
    let (code, out, err) = run(
        root,
        &[
            "import",
            "sheet",
            file.to_str().unwrap(),
            "--title",
            "Verhuizen",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let imported = project(root);
    let journey = imported.journey("verhuizen").expect("the journey");
    let rows: Vec<(&str, &str, i32, Option<i32>)> = journey
        .touchpoints()
        .map(|(s, t)| {
            let whole = |e: journeymap::model::Emotion| e.hundredths() / 100;
            (
                s.name.as_str(),
                t.name.as_str(),
                whole(t.emotion),
                t.target.map(whole),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Oriëntatie", "Zoekt een tarief", 1, Some(2)),
            ("Oriëntatie", "Belt de klantenservice", -2, Some(1)),
            ("Verhuizing", "Meterstand: doorgeven", -3, None),
        ]
    );
    let (code, report) = check(root);
    assert_eq!(code, 0, "{report}");
}

/// Reads a workbook's sheet into rows of cells.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

fn workbook(root: &Path) -> Vec<u8> {
    let project = project(root);
    let analysis = analyse(&project);
    let site = MemorySite::default();
    render_site(&project, &analysis, root, &site).unwrap();
    let (files, _) = site.into_parts();
    files["journeymap.xlsx"].clone()
}

#[test]
fn the_workbook_holds_the_rows_and_numbers_and_is_the_same_every_build() {
    let root = repository();
    let example = project(&root);
    let bytes = workbook(&root);
    assert_eq!(bytes, workbook(&root), "two builds give the same bytes");
    let inventory = sheet(&bytes, "Touchpoint inventory");
    let touchpoints: Vec<_> = example
        .journeys
        .iter()
        .flat_map(|j| j.touchpoints().map(move |(_, t)| (j, t)))
        .collect();
    assert_eq!(inventory.len(), touchpoints.len() + 1);
    assert_eq!(inventory[0][4], Data::String("Touchpoint".into()));
    for (row, (journey, t)) in inventory[1..].iter().zip(&touchpoints) {
        assert_eq!(row[0], Data::String(journey.id.clone()));
        assert_eq!(row[1], Data::String(t.id.clone()));
        assert_eq!(row[8], Data::Float(f64::from(t.emotion)), "{}", t.id);
    }
    let analysis = analyse(&example);
    let findings = sheet(&bytes, "Findings");
    assert_eq!(findings.len(), analysis.findings().len() + 1);
    assert_eq!(findings[0][1], Data::String("Severity".into()));
    let severities: Vec<&Data> = findings[1..].iter().map(|row| &row[1]).collect();
    assert!(
        severities.contains(&&Data::String("High".into())),
        "{severities:?}"
    );
    assert!(
        severities.is_sorted_by_key(|s| match s {
            Data::String(s) if s == "High" => 0,
            Data::String(s) if s == "Medium" => 1,
            _ => 2,
        }),
        "the most severe first: {severities:?}"
    );
    let improvements = sheet(&bytes, "Improvement options");
    let ranked: Vec<f64> = analysis
        .journeys
        .iter()
        .flat_map(|j| j.improvements.iter().map(|i| i.score))
        .collect();
    let scores: Vec<f64> = improvements[1..]
        .iter()
        .map(|r| match r[4] {
            Data::Float(f) => f,
            ref other => panic!("score {other:?}"),
        })
        .collect();
    assert_eq!(scores, ranked);
    // An option's plan in the eight last columns: as the plans page states it, then its
    // measure with numbers as numbers.
    let header: Vec<String> = improvements[0].iter().map(ToString::to_string).collect();
    let first = header.len() - 8;
    assert_eq!(
        &header[first..],
        [
            "Plan status",
            "Plan owner",
            "Plan due",
            "Where it stands",
            "Measure",
            "Measured at",
            "Target",
            "Latest value"
        ]
    );
    let option = improvements
        .iter()
        .find(|row| row[3] == Data::String("Show in-store purchases to phone agents".into()))
        .unwrap();
    let plan: Vec<String> = option[first..first + 6]
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        plan,
        [
            "Done",
            "Returns department",
            // The due date is a date: Excel's day number of 2026-11-30.
            "46356",
            "Target missed: CES 2.8 in Winter 2026 survey, 0.7 below the target of 3.5",
            "CES",
            "Transferred to the returns department",
        ]
    );
    assert!(
        matches!(&option[first + 2], Data::DateTime(d) if d.is_datetime()),
        "{option:?}"
    );
    let number = |cell: &Data| match cell {
        Data::Float(f) => *f,
        other => panic!("a number: {other:?}"),
    };
    assert_eq!(number(&option[first + 6]), 3.5);
    assert!(
        (number(&option[first + 7]) - 2.8).abs() < 0.05,
        "{option:?}"
    );
    // A plan without an owner says so, as the pages do: a blank would read as no plan.
    let unowned = improvements
        .iter()
        .find(|row| {
            row[3]
                == Data::String(
                    "Rebook automatically in the app, before the customer queues".into(),
                )
        })
        .unwrap();
    assert_eq!(unowned[first + 1], Data::String("No owner yet".into()));
    let consistency = sheet(&bytes, "Consistency report");
    assert!(consistency.len() > 1);
}

#[test]
fn a_formula_in_a_name_is_a_neutralised_string() {
    let dir = copy_to_temp(&fixture("valid-minimal"));
    let hostile = "=HYPERLINK(\"http://example.com\",\"Click\")";
    let yaml = format!(
        "title: Hostile\nstages:\n  - name: \"+SUM(1)\"\n    touchpoints:\n      - name: '{hostile}'\n        kind: human\n        emotion: 1\n"
    );
    std::fs::write(dir.path().join("content/journeys/hostile.yaml"), yaml).unwrap();
    let bytes = workbook(dir.path());
    let inventory = sheet(&bytes, "Touchpoint inventory");
    let row = inventory
        .iter()
        .find(|r| r[0] == Data::String("hostile".into()))
        .unwrap();
    assert_eq!(row[3], Data::String("'+SUM(1)".into()));
    assert_eq!(row[4], Data::String(format!("'{hostile}")));
    assert_eq!(formulas(&bytes), 0, "no formula in the workbook");
}

/// The number of formulas in every sheet of a workbook.
fn formulas(bytes: &[u8]) -> usize {
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut count = 0;
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        count += formulas
            .used_cells()
            .filter(|(_, _, f)| !f.is_empty())
            .count();
    }
    count
}

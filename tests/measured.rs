//! Measured experience through the real binary: wave files and plans checked, their
//! findings, `import survey` on each export layout and encoding (aggregates compared with
//! hand-computed ones, raw answers nowhere), and the measured site built twice alike.

mod common;
use common::{build_into_site, check_json, copy_to_temp, fixture, journeymap};
use std::path::Path;

const MEASURED_CODES: [&str; 6] = [
    "measured-contradicts-emotion",
    "small-sample",
    "unmeasured-truth",
    "unplanned-option",
    "plan-without-owner",
    "plan-missed-target",
];

#[test]
fn each_measurement_and_plan_finding_fires_where_it_should_and_nowhere_else() {
    let (status, reported) = check_json(&fixture("measured"));
    assert_eq!(status, 0, "findings are warnings: {reported:#?}");
    let mut ours: Vec<(String, String, Option<u64>)> = reported
        .iter()
        .filter(|r| MEASURED_CODES.contains(&r.code.as_str()))
        .map(|r| (r.code.clone(), r.file.clone(), r.line))
        .collect();
    ours.sort();
    let at = |code: &str, file: &str, line: u64| {
        (
            code.to_string(),
            format!("content/journeys/{file}"),
            Some(line),
        )
    };
    assert_eq!(
        ours,
        [
            // `fit` is an excel moment typed 3; its CSAT of 40 % maps to -0.6.
            at("measured-contradicts-emotion", "buy-a-bike.yaml", 10),
            // The plan of "Fit every bike" is done; CSAT 40 % in the latest wave, target 80.
            at("plan-missed-target", "buy-a-bike.yaml", 19),
            // "Pay by app" has a plan without an owner.
            at("plan-without-owner", "buy-a-bike.yaml", 26),
            // `browse`: NPS from 20 answers in the latest wave, under the default 30.
            at("small-sample", "buy-a-bike.yaml", 5),
            // `first-ride` is a moment of truth no wave measures (`pay` is measured).
            at("unmeasured-truth", "buy-a-bike.yaml", 13),
            // The repair journey's only (so best) option has no plan.
            at("unplanned-option", "repair.yaml", 8),
        ]
    );
    let small = reported.iter().find(|r| r.code == "small-sample").unwrap();
    assert!(small.message.contains("20 answers"), "{}", small.message);
}

#[test]
fn wave_and_plan_errors_name_their_line_with_a_suggestion() {
    let (status, reported) = check_json(&fixture("measured-errors"));
    assert_eq!(status, 1);
    let mut found: Vec<(String, String, Option<u64>)> = reported
        .iter()
        .map(|r| (r.code.clone(), r.file.clone(), r.line))
        .collect();
    found.sort();
    let at = |code: &str, file: &str, line: u64| {
        (code.to_string(), format!("content/{file}"), Some(line))
    };
    let mut expected = vec![
        at("unknown-touchpoint", "journeys/buy-a-bike.yaml", 13),
        at("out-of-range", "journeys/buy-a-bike.yaml", 13),
        at("invalid-value", "journeys/buy-a-bike.yaml", 14),
        at("invalid-value", "journeys/buy-a-bike.yaml", 15),
        at("invalid-value", "measurements/bad.yaml", 2),
        at("unknown-touchpoint", "measurements/bad.yaml", 5),
        at("out-of-range", "measurements/bad.yaml", 7),
        at("out-of-range", "measurements/bad.yaml", 8),
        at("unknown-journey", "measurements/bad.yaml", 10),
        at("invalid-value", "measurements/bad.yaml", 12),
        at("missing-key", "measurements/bad.yaml", 13),
        at("invalid-value", "measurements/bad.yaml", 14),
    ];
    expected.sort();
    assert_eq!(found, expected, "{reported:#?}");
    let help = |code: &str, file: &str, line: u64| {
        reported
            .iter()
            .find(|r| r.code == code && r.file.ends_with(file) && r.line == Some(line))
            .and_then(|r| r.help.clone())
            .unwrap_or_default()
    };
    assert!(help("unknown-touchpoint", "bad.yaml", 5).contains("`pay`"));
    assert!(help("unknown-journey", "bad.yaml", 10).contains("`buy-a-bike`"));
    assert!(help("invalid-value", "bad.yaml", 14).contains("`nps`"));
    assert!(help("unknown-touchpoint", "buy-a-bike.yaml", 13).contains("`fit`"));
}

/// Imports `export` (written into the project) through `map`; gives the wave file's text,
/// or the error output.
fn import(
    root: &Path,
    export: &str,
    bytes: &[u8],
    map: &str,
    extra: &[&str],
) -> Result<String, String> {
    std::fs::write(root.join(export), bytes).unwrap();
    std::fs::write(root.join("map.yaml"), map).unwrap();
    let mut args = vec![
        "import",
        "survey",
        export,
        "--map",
        "map.yaml",
        "--wave",
        "Test wave",
        "--date",
        "2026-03-31",
    ];
    args.extend(extra);
    let output = journeymap(root, &args);
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).to_string());
    }
    Ok(std::fs::read_to_string(root.join("content/measurements/test-wave.yaml")).unwrap())
}

const QUALTRICS: &str = "StartDate,EndDate,Finished,ResponseId,RecipientEmail,Q1,Q2,Q3
Start Date,End Date,Finished,Response ID,Recipient Email,How likely are you to recommend us?,How satisfied were you with paying?,Anything else?
\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"endDate\"\"}\",\"{\"\"ImportId\"\":\"\"finished\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"recipientEmail\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\",\"{\"\"ImportId\"\":\"\"QID2\"\"}\",\"{\"\"ImportId\"\":\"\"QID3_TEXT\"\"}\"
2026-03-01 10:00:00,2026-03-01 10:05:00,1,R_1,ann@example.com,10,Very satisfied,Great shop SECRET-ONE
2026-03-02 10:00:00,2026-03-02 10:05:00,1,R_2,bob@example.com,9,Satisfied,
2026-03-03 10:00:00,2026-03-03 10:05:00,1,R_3,cat@example.com,6,Dissatisfied,Slow SECRET-TWO
2026-03-04 10:00:00,2026-03-04 10:05:00,1,R_4,dan@example.com,8,Satisfied,
2026-03-05 10:00:00,2026-03-05 10:05:00,0,R_5,eve@example.com,0,Very dissatisfied,
";

const QUALTRICS_MAP: &str = "journey: buy-a-bike
filter: {column: Finished, equals: \"1\"}
columns:
  - {column: Q1, touchpoint: browse, metric: nps}
  - column: How satisfied were you with paying?
    touchpoint: pay
    metric: csat
    answers: {Very satisfied: 5, Satisfied: 4, Neutral: 3, Dissatisfied: 2, Very dissatisfied: 1}
";

#[test]
fn a_qualtrics_export_gives_the_hand_computed_aggregates_and_no_answers() {
    let project = copy_to_temp(&fixture("measured"));
    let root = project.path();
    let wave = import(
        root,
        "qualtrics.csv",
        QUALTRICS.as_bytes(),
        QUALTRICS_MAP,
        &[],
    )
    .unwrap();
    // Four finished responses: NPS 10, 9, 6, 8 = (2 - 1) / 4 = 25; pP .5, pD .25:
    // 196 * sqrt((.75 - .0625) / 4) = 81.257. CSAT 5, 4, 2, 4: 3 of 4 = 75 %, 42.435.
    assert!(
        wave.contains("Qualtrics layout, 4 responses counted"),
        "{wave}"
    );
    assert!(
        wave.contains("{metric: nps, n: 4, value: 25, margin: 81.257, distribution: [0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1]}"),
        "{wave}"
    );
    assert!(
        wave.contains(
            "{metric: csat, n: 4, value: 75, margin: 42.435, distribution: [0, 1, 0, 2, 1]}"
        ),
        "{wave}"
    );
    for raw in ["SECRET-ONE", "SECRET-TWO", "ann@example.com", "R_1"] {
        assert!(!wave.contains(raw), "{raw} is in the wave file");
    }
    std::fs::remove_file(root.join("qualtrics.csv")).unwrap();
    let out = build_into_site(root);
    for entry in walkdir::WalkDir::new(&out).into_iter().flatten() {
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            for raw in ["SECRET-ONE", "ann@example.com"] {
                assert!(!text.contains(raw), "{raw} in {}", entry.path().display());
            }
        }
    }
}

#[test]
fn typeform_and_google_forms_exports() {
    let project = copy_to_temp(&fixture("measured"));
    let root = project.path();
    let typeform = "#,<strong>How easy</strong> was paying?,Response Type,Start Date (UTC),Submit Date (UTC),Network ID
abc1,7,completed,2026-04-01 09:00:00,2026-04-01 09:01:00,n1
abc2,5,completed,2026-04-01 09:00:00,2026-04-01 09:01:00,n2
abc3,6,completed,2026-04-01 09:00:00,2026-04-01 09:01:00,n3
abc4,,partial,2026-04-01 09:00:00,,n4
abc5,2,completed,2026-04-01 09:00:00,2026-04-01 09:01:00,n5
";
    let map = "journey: buy-a-bike\ncolumns:\n  - {column: How easy was paying?, touchpoint: pay, metric: ces}\n";
    let wave = import(root, "typeform.csv", typeform.as_bytes(), map, &[]).unwrap();
    // 7, 5, 6, 2 (the partial answer is empty): mean 5; deviations 2, 0, 1, -3: sd
    // sqrt(14 / 3), margin 1.96 * sd / 2 = 2.117.
    assert!(wave.contains("Typeform layout"), "{wave}");
    assert!(
        wave.contains(
            "{metric: ces, n: 4, value: 5, margin: 2.117, distribution: [0, 1, 0, 0, 1, 1, 1]}"
        ),
        "{wave}"
    );
    let google = "Timestamp,How likely are you to recommend us?,Rate the fitting (1-10)
2026/05/01 10:00:00 AM GMT+2,9,8
2026/05/01 11:00:00 AM GMT+2,7,6
2026/05/01 12:00:00 PM GMT+2,10,10
";
    let map = "journey: buy-a-bike
columns:
  - {column: How likely are you to recommend us?, touchpoint: browse, metric: nps}
  - {column: Rate the fitting (1-10), touchpoint: fit, metric: score, scale: [1, 10]}
";
    let wave = import(root, "google.csv", google.as_bytes(), map, &["--force"]).unwrap();
    // NPS 9, 7, 10: (2 - 0) / 3 = 66.667, margin 53.344; score 8, 6, 10: mean 8, sd 2,
    // margin 1.96 * 2 / sqrt(3) = 2.263.
    assert!(wave.contains("Google Forms layout, 3 responses"), "{wave}");
    assert!(
        wave.contains("{metric: nps, n: 3, value: 66.667, margin: 53.344,"),
        "{wave}"
    );
    assert!(
        wave.contains("{metric: score, n: 3, value: 8, scale: [1, 10], margin: 2.263, distribution: [0, 0, 0, 0, 0, 1, 0, 1, 0, 1]}"),
        "{wave}"
    );
}

#[test]
fn a_semicolon_windows_1252_export_and_an_xlsx_workbook() {
    let project = copy_to_temp(&fixture("measured"));
    let root = project.path();
    // "Tevredenheid één" and "café" in Windows-1252: é is the byte 0xE9.
    let mut bytes = b"Respondent;Tevredenheid \xe9\xe9n;Opmerking\r\n".to_vec();
    bytes.extend_from_slice(b"1;5;Prima caf\xe9\r\n2;4;\r\n3;3;Te duur\r\n4;4;\r\n");
    let map = "journey: buy-a-bike\ncolumns:\n  - {column: Tevredenheid één, touchpoint: pay, metric: csat}\n";
    let wave = import(root, "kassa.csv", &bytes, map, &[]).unwrap();
    // CSAT 5, 4, 3, 4: 3 of 4 = 75 %.
    assert!(wave.contains("plain layout, 4 responses"), "{wave}");
    assert!(
        wave.contains(
            "{metric: csat, n: 4, value: 75, margin: 42.435, distribution: [0, 0, 1, 2, 1]}"
        ),
        "{wave}"
    );
    assert!(!wave.contains("Prima"));

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Respondent").unwrap();
    sheet.write_string(0, 1, "Recommend").unwrap();
    sheet.write_string(0, 2, "Unanswered").unwrap();
    for (row, answer) in [10.0, 10.0, 9.0].iter().enumerate() {
        let row = u32::try_from(row).unwrap() + 1;
        sheet.write_string(row, 0, format!("person-{row}")).unwrap();
        sheet.write_number(row, 1, *answer).unwrap();
    }
    let xlsx = book.save_to_buffer().unwrap();
    let map = "journey: buy-a-bike
columns:
  - {column: Recommend, touchpoint: visit, metric: nps}
  - {column: Unanswered, touchpoint: visit, metric: csat}
";
    let wave = import(root, "survey.xlsx", &xlsx, map, &["--force"]).unwrap();
    // All promoters: NPS 100 with no spread; the empty column gives no metric.
    assert!(
        wave.contains("{metric: nps, n: 3, value: 100, margin: 0, distribution: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]}"),
        "{wave}"
    );
    assert!(
        wave.contains("`Unanswered`: no answers, so no csat this wave."),
        "{wave}"
    );
    assert!(!wave.contains("person-1"));
    let (status, reported) = check_json(root);
    assert_eq!(
        status, 0,
        "the written wave file checks clean: {reported:#?}"
    );
}

#[test]
fn import_errors_name_the_cell_the_touchpoint_and_keep_an_existing_wave() {
    let project = copy_to_temp(&fixture("measured"));
    let root = project.path();
    let csv = "who,score\nann,9\nbob,very high\n";
    let map = "journey: buy-a-bike\ncolumns:\n  - {column: score, touchpoint: pay, metric: nps}\n";
    let err = import(root, "bad.csv", csv.as_bytes(), map, &[]).unwrap_err();
    assert!(err.contains("row 3, column B (`score`)"), "{err}");
    assert!(err.contains("`very high` is not a number"), "{err}");
    let map = "journey: buy-a-bike\ncolumns:\n  - {column: score, touchpoint: pya, metric: nps}\n  - {column: scroe, touchpoint: pay, metric: nps}\n";
    let err = import(root, "bad.csv", b"who,score\nann,9\n", map, &[]).unwrap_err();
    assert!(err.contains("has no touchpoint `pya`"), "{err}");
    assert!(err.contains("did you mean `pay`?"), "{err}");
    assert!(err.contains("the export has no column `scroe`"), "{err}");
    assert!(err.contains("did you mean `score`?"), "{err}");
    assert!(!root.join("content/measurements/test-wave.yaml").exists());

    let map = "journey: buy-a-bike\ncolumns:\n  - {column: score, touchpoint: pay, metric: nps}\n";
    let first = import(root, "ok.csv", b"who,score\nann,9\n", map, &[]).unwrap();
    let err = import(root, "ok.csv", b"who,score\nann,0\n", map, &[]).unwrap_err();
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    let kept = std::fs::read_to_string(root.join("content/measurements/test-wave.yaml")).unwrap();
    assert_eq!(kept, first, "the wave file is left as it was");
    let replaced = import(root, "ok.csv", b"who,score\nann,0\n", map, &["--force"]).unwrap();
    assert!(replaced.contains("value: -100"), "{replaced}");
}

#[test]
fn a_measured_site_is_byte_identical_across_two_builds() {
    let project = copy_to_temp(&fixture("measured"));
    let root = project.path();
    let mut trees = Vec::new();
    for name in ["one", "two"] {
        let out = root.join(name);
        let built = journeymap(root, &["build", "--out", out.to_str().unwrap()]);
        assert!(
            built.status.success(),
            "{}",
            String::from_utf8_lossy(&built.stderr)
        );
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(&out)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if entry.file_type().is_file() {
                let relative = entry.path().strip_prefix(&out).unwrap().to_path_buf();
                files.push((relative, std::fs::read(entry.path()).unwrap()));
            }
        }
        trees.push(files);
    }
    assert!(trees[0].iter().any(|(p, _)| p.starts_with("measurements")));
    assert!(trees[0].iter().any(|(p, _)| p.starts_with("plans")));
    assert_eq!(trees[0], trees[1]);
}

/// A table of more than 1,000 measured values is split into pages, the table over the waves
/// and a wave's page alike, that hold every row once and link to each other; a Markdown page
/// at the address of a page the split makes is refused by `check`.
#[test]
fn a_long_measured_table_is_split_into_linked_pages() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("journeys")).unwrap();
    std::fs::create_dir_all(content.join("measurements")).unwrap();
    // 21 journeys of 50 touchpoints, each touchpoint's CSAT measured: 1,050 rows.
    let mut wave = String::from("name: Spring\ndate: 2026-03-31\nmeasurements:\n");
    for j in 0..21 {
        let mut yaml = format!("title: Journey {j}\nstages:\n  - name: All\n    touchpoints:\n");
        for t in 0..50 {
            yaml.push_str(&format!(
                "      - {{id: t{t}, name: Step {j}-{t}, kind: human, emotion: 1}}\n"
            ));
            wave.push_str(&format!(
                "  - journey: j{j}\n    touchpoint: t{t}\n    metrics:\n      - {{metric: csat, n: 40, value: 70}}\n"
            ));
        }
        std::fs::write(content.join(format!("journeys/j{j}.yaml")), yaml).unwrap();
    }
    std::fs::write(content.join("measurements/spring.yaml"), wave).unwrap();
    let out = dir.path().join("site");
    let run = journeymap(dir.path(), &["build", "--out", out.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let read = |page: &str| std::fs::read_to_string(out.join(page)).unwrap();
    let rows = |html: &str| html.matches("<th scope=\"row\">").count();
    for (first, second, third) in [
        (
            "measurements/index.html",
            "measurements/page-2/index.html",
            "measurements/page-3",
        ),
        (
            "measurements/spring/index.html",
            "measurements/spring/page-2/index.html",
            "measurements/spring/page-3",
        ),
    ] {
        let (one, two) = (read(first), read(second));
        assert_eq!(
            (rows(&one), rows(&two)),
            (1000, 50),
            "{first}: every row once"
        );
        assert!(!out.join(third).exists(), "{third}: two pages");
        assert!(one.contains("Rows 1–1000 of 1050"), "{first}");
        assert!(two.contains("Rows 1001–1050 of 1050"), "{second}");
        assert!(
            one.contains("<span aria-current=\"page\">1</span>"),
            "{first}"
        );
        assert!(two.contains(">1</a>") && two.contains("<span aria-current=\"page\">2</span>"));
        let names = |html: &str| -> std::collections::BTreeSet<String> {
            html.split("<bdi>Step ")
                .skip(1)
                .map(|rest| rest.split('<').next().unwrap().to_string())
                .collect()
        };
        let (on_one, on_two) = (names(&one), names(&two));
        assert_eq!((on_one.len(), on_two.len()), (1000, 50));
        assert!(on_one.is_disjoint(&on_two), "{first}: no row twice");
    }
    assert!(
        read("measurements/index.html")
            .contains("<a href=\"../measurements/page-2/index.html\">2</a>")
    );
    assert!(
        read("measurements/spring/page-2/index.html")
            .contains("<a href=\"../../../measurements/spring/index.html\">1</a>")
    );
    assert!(read("measurements/page-2/index.html").contains("<title>Measured experience, page 2"));

    // A page claiming the second page's address is an error of `check`, with its place.
    std::fs::create_dir_all(content.join("measurements/page-2")).unwrap();
    std::fs::write(content.join("measurements/page-2/index.md"), "# Mine\n").unwrap();
    let (status, reported) = check_json(dir.path());
    assert_ne!(status, 0);
    assert!(
        reported
            .iter()
            .any(|r| r.file == "content/measurements/page-2/index.md" && r.line.is_some()),
        "{reported:#?}"
    );
    // So is a wave whose page would be one of the table's pages, however long the table.
    std::fs::write(
        content.join("measurements/page-7.yaml"),
        "date: 2026-06-30\nmeasurements: []\n",
    )
    .unwrap();
    let (_, reported) = check_json(dir.path());
    assert!(
        reported.iter().any(|r| r.code == "reserved-path"
            && r.file == "content/measurements/page-7.yaml"
            && r.line == Some(1)),
        "{reported:#?}"
    );
}

/// Each latest value says how it changed since the wave before, in the metric's unit, counted
/// by hand from the fixture's two waves; a value measured once says nothing, and neither does
/// the first wave's page.
#[test]
fn a_value_says_how_it_changed_since_the_wave_before() {
    let project = copy_to_temp(&fixture("measured"));
    let root = project.path();
    let out = build_into_site(root);
    let read = |file: &str| std::fs::read_to_string(out.join(file)).unwrap();
    let page = read("journeys/buy-a-bike/index.html");
    let measured = page
        .split("id=\"measured\"")
        .nth(1)
        .and_then(|rest| rest.split("</table>").next())
        .expect("a measured section");
    // Pay: CSAT 70 % then 75 %; fit: 50 % then 40 %; browse: NPS +10 then -5; CES once.
    for change in [
        "+5.0 points since Spring 2026",
        "-10.0 points since Spring 2026",
        "-15.0 points since Spring 2026",
    ] {
        assert!(
            measured.contains(&format!("<span class=\"qualifier\">{change}</span>")),
            "{change}: {measured}"
        );
    }
    assert_eq!(measured.matches(" since ").count(), 3, "{measured}");
    let summer = read("measurements/2026-q2/index.html");
    assert_eq!(summer.matches(" since Spring 2026<").count(), 3, "{summer}");
    assert!(!read("measurements/2026-q1/index.html").contains(" since "));
}

//! Desired journeys (`desired_for`) through the real binary: left out of every figure about
//! today, compared with today in a table and on one curve, their errors with codes and
//! lines, and decimal emotions.

mod common;
use common::{at, check_json, copy_to_temp, fixture, journeymap, repository, triples};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

fn build(root: &Path, out: &Path) {
    let output = journeymap(
        &repository(),
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every file under a folder with its bytes, by `/`-separated relative path.
fn tree(dir: &Path, base: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            tree(&path, base, files);
        } else {
            let name = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(name, fs::read(&path).unwrap());
        }
    }
}

fn built(root: &Path) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let out = tempfile::tempdir().unwrap();
    build(root, out.path());
    let mut files = BTreeMap::new();
    tree(out.path(), out.path(), &mut files);
    (out, files)
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        files
            .get(name)
            .unwrap_or_else(|| panic!("{name} is built"))
            .clone(),
    )
    .unwrap()
}

#[test]
fn site_wide_figures_are_the_same_with_and_without_the_desired_journey() {
    let (_with_dir, with) = built(&fixture("desired"));
    let without = copy_to_temp(&fixture("desired"));
    fs::remove_file(
        without
            .path()
            .join("content/journeys/hairdryer-desired.yaml"),
    )
    .unwrap();
    fs::remove_file(without.path().join("content/notes/plan.md")).unwrap();
    // `creates` names the design's touchpoints: without the design it goes too.
    let current = without.path().join("content/journeys/hairdryer.yaml");
    let yaml = fs::read_to_string(&current).unwrap();
    fs::write(&current, yaml.replace("    creates: [replacement]\n", "")).unwrap();
    let (_without_dir, without) = built(without.path());
    for file in [
        "inventory/index.html",
        "consistency/index.html",
        "journeys/average/index.html",
    ] {
        assert_eq!(text(&with, file), text(&without, file), "{file} differs");
    }
    // The home page differs only by the line that leads from today's card to its design.
    let home = text(&with, "index.html");
    let link = home
        .lines()
        .find(|l| l.contains("class=\"design-link\""))
        .expect("the card leads to the design");
    assert_eq!(
        home.replacen(&format!("{link}\n"), "    \n", 1),
        text(&without, "index.html"),
        "index.html differs beyond the design's line"
    );
    // The report's figures are today's; only the designed journey's own part shows the
    // design beside today (its line on the curve, its row of key moments).
    let (report_with, report_without) = (
        text(&with, "report/index.html"),
        text(&without, "report/index.html"),
    );
    let outside_design = |html: &str| -> String {
        let (before, rest) = html.split_once("<h2 id=\"journey-hairdryer\"").unwrap();
        let after = rest.split_once("</section>").unwrap().1;
        format!("{before}{after}")
    };
    assert_eq!(
        outside_design(&report_with),
        outside_design(&report_without)
    );
    // The inventory holds the design's touchpoints too, after today's, marked as desired.
    let with_inventory = text(&with, "inventory.csv");
    let (designs, today): (Vec<&str>, Vec<&str>) = with_inventory
        .lines()
        .map(|line| line.trim_end_matches('\r'))
        .partition(|line| line.ends_with(",Desired"));
    let without_inventory = text(&without, "inventory.csv");
    let without_lines: Vec<&str> = without_inventory
        .lines()
        .map(|line| line.trim_end_matches('\r'))
        .collect();
    assert_eq!(today, without_lines);
    assert_eq!(designs.len(), 4, "{with_inventory}");
    assert!(designs.iter().all(|l| l.starts_with("hairdryer-desired,")));
    assert!(today.iter().skip(1).all(|l| l.ends_with(",Today")));
    // So does the consistency export: the design's deliveries after today's.
    let with_consistency = text(&with, "consistency.csv");
    let (design_deliveries, today_deliveries): (Vec<&str>, Vec<&str>) = with_consistency
        .lines()
        .map(|line| line.trim_end_matches('\r'))
        .partition(|line| line.ends_with(",Desired"));
    let without_consistency = text(&without, "consistency.csv");
    let without_deliveries: Vec<&str> = without_consistency
        .lines()
        .map(|line| line.trim_end_matches('\r'))
        .collect();
    assert_eq!(today_deliveries, without_deliveries);
    assert_eq!(design_deliveries.len(), 1, "{with_consistency}");
    let model = |files: &BTreeMap<String, Vec<u8>>| -> serde_json::Value {
        serde_json::from_slice(&files["model.json"]).unwrap()
    };
    let (a, b) = (model(&with), model(&without));
    for key in ["counts", "consistency_index", "promises", "site_findings"] {
        assert_eq!(
            a["analysis"][key], b["analysis"][key],
            "analysis.{key} differs"
        );
    }
    assert_eq!(a["analysis"]["journeys"], b["analysis"]["journeys"]);
    assert_eq!(b["analysis"]["desired"], serde_json::json!([]));
}

#[test]
fn the_comparison_holds_the_figures_computed_by_hand() {
    let (_dir, files) = built(&fixture("desired"));
    let model: serde_json::Value = serde_json::from_slice(&files["model.json"]).unwrap();
    let desired = &model["analysis"]["desired"][0];
    assert_eq!(desired["journey"], "hairdryer");
    let comparison = &desired["comparison"];
    // Today: 1, 0, -1.5, -3, 1. Peak -3 (drive), end 1: remembered (-3 + 1) / 2 = -1;
    // mean -2.5 / 5 = -0.5; handoffs helpdesk→store, store→repair; receipt asked twice;
    // the one delivery is broken: 0 %.
    // Desired: 1, 0, 1, 3. Peak and end 3: remembered 3; mean 5 / 4 = 1.25; no handoff
    // (helpdesk→helpdesk); receipt asked once; the one delivery is kept: 100 %.
    let today = &comparison["today"];
    let design = &comparison["desired_figures"];
    let figures = |f: &serde_json::Value| {
        [
            f["remembered"].as_f64().unwrap(),
            f["mean"].as_f64().unwrap(),
            f["magic"].as_f64().unwrap(),
            f["miserable"].as_f64().unwrap(),
            f["handoffs"].as_f64().unwrap(),
            f["repeated_asks"].as_f64().unwrap(),
            f["consistency_index"].as_f64().unwrap(),
        ]
    };
    assert_eq!(figures(today), [-1.0, -0.5, 0.0, 1.0, 2.0, 1.0, 0.0]);
    assert_eq!(figures(design), [3.0, 1.25, 1.0, 0.0, 0.0, 0.0, 100.0]);
    let ids = |key: &str| -> Vec<(String, serde_json::Value, serde_json::Value)> {
        comparison[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["touchpoint"].as_str().unwrap().to_string(),
                    c["before"].clone(),
                    c["after"].clone(),
                )
            })
            .collect()
    };
    use serde_json::json;
    assert_eq!(
        ids("removed"),
        [
            ("drive".into(), json!(-3), json!(null)),
            ("repaired".into(), json!(1), json!(null))
        ]
    );
    assert_eq!(
        ids("added"),
        [("replacement".into(), json!(null), json!(3))]
    );
    assert_eq!(ids("changed"), [("calls".into(), json!(-1.5), json!(1))]);
    assert_eq!(
        comparison["added"][0]["options"],
        json!(["Send a replacement"])
    );

    let page = text(&files, "journeys/hairdryer/index.html");
    for shown in [
        "-1.0",
        "+3.0",
        "-0.5",
        "+1.3",
        "0%",
        "100%",
        "Send a replacement",
    ] {
        assert!(page.contains(shown), "the comparison shows {shown}");
    }
    assert!(
        page.contains(r#"href="../hairdryer-desired/index.html""#)
            || page.contains("hairdryer-desired/"),
        "links to the design"
    );
    let design_page = text(&files, "journeys/hairdryer-desired/index.html");
    assert!(
        design_page.contains("hairdryer/index.html"),
        "the design links back"
    );
    assert!(design_page.contains("This is a design, not a measurement"));
}

#[test]
fn the_curve_holds_both_lines_and_marks_what_the_design_changes() {
    let (_dir, files) = built(&fixture("desired"));
    let svg = text(&files, "journeys/hairdryer/journey.svg");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let group = |class: &str| {
        doc.descendants()
            .filter(|n| {
                n.attribute("class")
                    .is_some_and(|c| c.split(' ').eq(class.split(' ')))
            })
            .collect::<Vec<_>>()
    };
    let paths = |class: &str| -> usize {
        group(class)
            .iter()
            .flat_map(|g| g.descendants())
            .filter(|n| n.has_tag_name("polyline"))
            .count()
    };
    assert_eq!(paths("current"), 1, "today's line");
    assert_eq!(paths("desired"), 1, "the desired line");
    assert!(
        svg.contains("stroke-dasharray"),
        "the desired line is dashed"
    );
    let marked = |change: &str| -> Vec<String> {
        group(&format!("change {change}"))
            .iter()
            .filter_map(|g| g.attribute("data-touchpoint").map(str::to_string))
            .collect()
    };
    assert_eq!(marked("removed"), ["drive", "repaired"]);
    assert_eq!(marked("added"), ["replacement"]);
    assert_eq!(marked("changed"), ["calls"]);
    // The note's `plot: hairdryer-desired` view shows the same comparison.
    let note = text(&files, "notes/plan/index.html");
    assert!(
        note.contains("change added"),
        "the view shows the comparison"
    );
}

#[test]
fn desired_journey_errors_have_codes_and_lines() {
    let (status, reported) = check_json(&fixture("desired-errors"));
    assert_eq!(status, 1);
    assert_eq!(
        triples(&reported),
        [
            at("unknown-journey", "journeys/alpha.yaml", 2),
            at("duplicate-desired", "journeys/current-two.yaml", 2),
            at("target-with-desired", "journeys/current.yaml", 5),
            at("wrong-type", "journeys/current.yaml", 6),
            at("desired-of-desired", "journeys/deeper.yaml", 2),
        ]
    );
    let decimals = reported.iter().find(|r| r.code == "wrong-type").unwrap();
    assert_eq!(
        decimals.message,
        "`emotion` is -1.555, which has more than two decimals"
    );
}

#[test]
fn a_decimal_emotion_gives_the_impression_and_remembered_score_computed_by_hand() {
    let (_dir, files) = built(&fixture("desired"));
    let model: serde_json::Value = serde_json::from_slice(&files["model.json"]).unwrap();
    let average = &model["analysis"]["journeys"][0];
    assert_eq!(average["id"], "average");
    // 1 then -1.5: below the zone -1..1, above miserable -3: negative. Peak |-1.5| and end
    // -1.5: remembered -1.5; mean (1 - 1.5) / 2 = -0.25.
    assert_eq!(
        average["impressions"],
        serde_json::json!(["neutral", "negative"])
    );
    assert_eq!(average["current"]["remembered"], -1.5);
    assert_eq!(average["current"]["mean"], -0.25);
    let page = text(&files, "journeys/average/index.html");
    assert!(page.contains(">-1.5<"), "the emotion is shown as written");
}

#[test]
fn a_dutch_site_writes_decimal_emotions_with_a_comma() {
    let root = copy_to_temp(&fixture("desired"));
    fs::write(
        root.path().join("content/site.yaml"),
        "title: Klantreizen\nlanguage: nl\n",
    )
    .unwrap();
    let (_dir, files) = built(root.path());
    let page = text(&files, "journeys/average/index.html");
    assert!(page.contains(">-1,5<"), "Dutch: -1,5");
    let comparison = text(&files, "journeys/hairdryer/index.html");
    assert!(comparison.contains("Vandaag en gewenst"));
}

#[test]
fn the_design_page_shows_its_own_promises_and_figures_as_a_design() {
    let (_dir, files) = built(&fixture("desired"));
    let home = text(&files, "index.html");
    assert!(
        home.contains("Desired journey: <a href=\"journeys/hairdryer-desired/index.html\">"),
        "today's card on the home page leads to its design: {home}"
    );
    let page = text(&files, "journeys/hairdryer-desired/index.html");
    let delivered = page
        .split("id=\"promises-delivered\"")
        .nth(1)
        .expect("the design's deliveries are listed");
    assert!(
        delivered.contains("Receives a replacement") && delivered.contains("result-kept"),
        "{delivered}"
    );
    assert!(!page.contains("makes and delivers no promises"), "{page}");
    assert!(
        !page.contains(">Basis<"),
        "how today's emotions are known means nothing for a design"
    );
    assert!(
        !page.contains("Give its touchpoints an impact"),
        "no instruction meant for the author"
    );
    assert!(
        text(&files, "journeys/hairdryer/index.html").contains(">Basis<"),
        "today's page keeps it"
    );
    let peak_end = page.split("id=\"peak-end\"").nth(1).unwrap();
    assert!(peak_end.contains(">As designed</th>"), "{peak_end}");
    assert!(!peak_end.contains(">Today</th>"), "{peak_end}");
    let options = page.split("id=\"improvements\"").nth(1).unwrap();
    assert!(
        options.contains("scored on today&#39;s journey"),
        "{options}"
    );
    assert!(
        options.contains("journeys/hairdryer/index.html#improvements"),
        "{options}"
    );
    // Today's page and the report set the design beside today.
    for (name, file) in [
        ("page", "journeys/hairdryer/index.html"),
        ("report", "report/index.html"),
    ] {
        let html = text(&files, file);
        let start = html.find("Broken hairdryer</h2>").unwrap_or(0);
        let rows = &html[start..];
        let rows = rows.split("<table class=\"peak-end").nth(1).unwrap();
        let rows = rows.split("</table>").next().unwrap();
        assert!(rows.contains(">Desired</th>"), "{name}: {rows}");
        assert!(
            rows.contains("Receives a replacement</bdi> (3)"),
            "{name}: {rows}"
        );
    }
    let report = text(&files, "report/index.html");
    assert!(
        report.contains("change added"),
        "the report's curve compares today with the design"
    );
}

#[test]
fn a_design_gets_no_findings_about_measurements_or_plans() {
    let dir = copy_to_temp(&fixture("measured"));
    fs::write(
        dir.path().join("content/journeys/repair-desired.yaml"),
        "title: Repair a bike, as designed\ndesired_for: repair\nstages:\n  - name: Repair\n    touchpoints:\n      - {id: collect, name: The bike is collected at home, kind: human, emotion: 2, moment: truth}\n      - {id: pick-up, name: The bike is brought back, kind: human, emotion: 2}\n",
    )
    .unwrap();
    let (_out, files) = built(dir.path());
    let page = text(&files, "journeys/repair-desired/index.html");
    let findings = page.split("id=\"findings\"").nth(1).unwrap();
    let findings = findings.split("</section>").next().unwrap();
    for code in ["unmeasured-truth", "unplanned-option", "plan-without-owner"] {
        assert!(!findings.contains(code), "{code} on a design: {findings}");
    }
    // Today's journeys keep theirs.
    let bike = text(&files, "journeys/buy-a-bike/index.html");
    assert!(bike.contains("unmeasured-truth"), "today's finding stays");
}

#[test]
fn a_measured_value_sits_beside_its_own_touchpoint_when_the_design_adds_steps() {
    let dir = copy_to_temp(&fixture("measured"));
    // The design adds a step before `pick-up`, the touchpoint a wave measured.
    fs::write(
        dir.path().join("content/journeys/repair-desired.yaml"),
        "title: Repair a bike, as designed\ndesired_for: repair\nstages:\n  - name: Repair\n    touchpoints:\n      - {id: collect, name: The bike is collected at home, kind: human, emotion: 2}\n      - {id: pick-up, name: The bike is brought back, kind: human, emotion: 2}\n",
    )
    .unwrap();
    let (_out, files) = built(dir.path());
    let svg = text(&files, "journeys/repair/journey.svg");
    let number = |text: &str, before: &str| -> i32 {
        let rest = text.split(before).nth(1).unwrap();
        rest.split([',', '"']).next().unwrap().parse().unwrap()
    };
    let marker = svg.split("data-touchpoint=\"pick-up\"").nth(1).unwrap();
    let column = number(marker, "cx=\"");
    let measured = svg.split("class=\"measured\"").nth(1).unwrap();
    let diamond = number(measured, "points=\"");
    assert_eq!(
        diamond,
        column + 14,
        "the diamond beside pick-up's marker: {svg}"
    );
    assert!(
        svg.contains(">Measured (latest survey)<"),
        "the legend names it"
    );
    let design = text(&files, "journeys/repair-desired/journey.svg");
    assert!(
        !design.contains("Measured (latest"),
        "nothing measured, nothing in the legend"
    );
}

#[test]
fn a_link_to_a_journeys_touchpoint_lands_on_its_row_and_a_wrong_one_is_reported() {
    let dir = copy_to_temp(&fixture("desired"));
    let note = dir.path().join("content/notes/links.md");
    let links = "---\ntitle: Links\n---\n[the call](../journeys/hairdryer.yaml#calls), \
        [the row](../journeys/hairdryer.yaml#tp-calls), \
        [the findings](../journeys/hairdryer.yaml#findings), \
        [the stage](../journeys/hairdryer.yaml#stage-repair), \
        [the design's new moment](../journeys/hairdryer-desired.yaml#replacement)\n";
    fs::write(&note, links).unwrap();
    let (_out, files) = built(dir.path());
    let page = text(&files, "notes/links/index.html");
    assert_eq!(
        page.matches("href=\"../../journeys/hairdryer/index.html#tp-calls\"")
            .count(),
        2,
        "a touchpoint id names its row: {page}"
    );
    assert!(page.contains("hairdryer/index.html#findings\""), "{page}");
    assert!(
        page.contains("hairdryer/index.html#stage-repair\""),
        "{page}"
    );
    assert!(
        page.contains("hairdryer-desired/index.html#tp-replacement\""),
        "{page}"
    );
    let journey = text(&files, "journeys/hairdryer/index.html");
    for anchor in ["id=\"tp-calls\"", "id=\"findings\"", "id=\"stage-repair\""] {
        assert!(journey.contains(anchor), "{anchor} is on the page");
    }
    fs::write(
        &note,
        "---\ntitle: Links\n---\n[a typo](../journeys/hairdryer.yaml#cals) and [none](../journeys/hairdryer.yaml#stage-nowhere)\n",
    )
    .unwrap();
    let (status, reported) = check_json(dir.path());
    assert_eq!(status, 1);
    let wrong: Vec<&common::Reported> = reported
        .iter()
        .filter(|r| r.file == "content/notes/links.md")
        .collect();
    assert_eq!(wrong.len(), 2, "{reported:#?}");
    assert!(
        wrong
            .iter()
            .all(|r| r.code == "unknown-heading" && r.line == Some(4))
    );
    assert!(
        wrong[0]
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("calls"),
        "{:?}",
        wrong[0]
    );
}

#[test]
fn a_changed_touchpoint_the_design_renames_shows_both_names() {
    let (_same_dir, same) = built(&fixture("desired"));
    let row = |html: &str| -> String {
        let start = html.find("data-touchpoint=\"calls\"><th").unwrap();
        html[start..].split("</th>").next().unwrap().to_string()
    };
    let kept = row(&text(&same, "journeys/hairdryer/index.html"));
    assert!(!kept.contains("as designed"), "the same name once: {kept}");
    let dir = copy_to_temp(&fixture("desired"));
    let design = dir.path().join("content/journeys/hairdryer-desired.yaml");
    let yaml = fs::read_to_string(&design).unwrap();
    let renamed = yaml.replace(
        "name: Calls the helpdesk,",
        "name: 'Calls the helpdesk, who sees the receipt',",
    );
    assert_ne!(yaml, renamed);
    fs::write(&design, renamed).unwrap();
    let (_out, files) = built(dir.path());
    let row = row(&text(&files, "journeys/hairdryer/index.html"));
    assert!(row.contains("Calls the helpdesk</bdi>"), "{row}");
    assert!(
        row.contains("as designed: Calls the helpdesk, who sees the receipt"),
        "{row}"
    );
}

#[test]
fn a_persona_page_lists_the_designs_that_name_the_persona_as_designs() {
    let (_dir, files) = built(&repository());
    let page = text(&files, "personas/anna/index.html");
    let heading = |id: &str| {
        let link = format!("<h3><a href=\"../../journeys/{id}/index.html\">");
        let at = page
            .find(&link)
            .unwrap_or_else(|| panic!("{id} is listed: {page}"));
        (at, page[at..].split("</h3>").next().unwrap().to_string())
    };
    let (today_at, today) = heading("hairdryer-return");
    let (design_at, design) = heading("hairdryer-return-desired");
    assert!(today_at < design_at, "the design follows today's journey");
    assert!(
        design.contains("Returning a broken hairdryer, as designed</a>")
            && design.contains("<span class=\"badge design-badge\">Desired journey</span>"),
        "{design}"
    );
    assert!(!today.contains("design-badge"), "{today}");
    assert!(
        page.contains("src=\"../../journeys/hairdryer-return-desired/journey.svg\"")
            || page.contains("href=\"../../journeys/hairdryer-return-desired/journey.svg\""),
        "the design's curve: {page}"
    );
}

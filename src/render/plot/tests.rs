//! The structure of the plots: valid XML with a title and a description, one marker per
//! touchpoint, one band per stage, thresholds where the scale puts them, readable names.

use super::*;
use crate::analysis::{Analysis, analyse};
use crate::model::{Language, Project};
use crate::test_support::project;

fn touchpoints(n: usize, name: impl Fn(usize) -> String) -> String {
    let mut yaml = String::from("title: Generated\nstages:\n");
    let stages = n.div_ceil(6);
    for s in 0..stages {
        yaml.push_str(&format!("  - name: Stage {s}\n    touchpoints:\n"));
        for i in (s * 6)..((s + 1) * 6).min(n) {
            let emotion = (i % 7) as i32 - 3;
            let kind = ["human", "functional", "mechanical"][i % 3];
            let moment = ["standard", "truth", "excel"][(i / 3) % 3];
            yaml.push_str(&format!(
                "      - {{name: \"{}\", id: t{i}, kind: {kind}, moment: {moment}, emotion: {emotion}, target: 2, impact: {}, frequency: {}}}\n",
                name(i),
                i % 5 + 1,
                (i / 2) % 5 + 1
            ));
        }
    }
    yaml
}

fn long_name(i: usize) -> String {
    let base = format!("Überprüfung {i}: Kundin ruft zum dritten Mal an, wegen Rückerstattung");
    base.chars().take(60).collect()
}

/// The plots of the page of journey `j`, which no note shows.
fn journey_plots(p: &Project, a: &Analysis) -> JourneyPlots {
    let journey = p.journey("j").unwrap();
    let facts = a.journey("j").unwrap();
    let labels = Labels::new(Language::En);
    let none = BTreeSet::new();
    let needs = Needs {
        sparklines: false,
        promise_map: false,
        viewed: &none,
    };
    let shared = draw_shared(p, a, &labels, &needs).unwrap();
    draw_journey(p, a, journey, facts, &labels, &shared).unwrap()
}

/// The plots shared by pages, with the curve of `j` as a note would show it.
fn shared_plots(p: &Project, a: &Analysis) -> SharedPlots {
    let viewed = BTreeSet::from(["j"]);
    let needs = Needs {
        sparklines: true,
        promise_map: true,
        viewed: &viewed,
    };
    draw_shared(p, a, &Labels::new(Language::En), &needs).unwrap()
}

fn curve_of(site: &str, yaml: &str) -> (String, usize, usize) {
    let p = project(site, "", &[("j", yaml)]);
    let a = analyse(&p);
    let curve = journey_plots(&p, &a).curve.standalone();
    assert_eq!(
        shared_plots(&p, &a).viewed_curves["j"].standalone(),
        curve,
        "a note shows the same curve as the journey page"
    );
    let stages = p.journeys[0].stages.len();
    let count = p.journeys[0].touchpoints().count();
    (curve, count, stages)
}

fn groups<'a>(doc: &'a roxmltree::Document<'a>, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| {
            n.has_tag_name("g")
                && n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|w| w == class))
        })
        .collect()
}

fn check_structure(svg: &str, touchpoints: usize, stages: usize) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    for attribute in ["width", "height", "viewBox"] {
        assert!(root.attribute(attribute).is_some(), "{attribute}");
    }
    assert!(
        root.attribute("font-family")
            .unwrap()
            .ends_with("sans-serif")
    );
    let title = root
        .children()
        .find(|n| n.has_tag_name("title"))
        .expect("a title");
    let desc = root
        .children()
        .find(|n| n.has_tag_name("desc"))
        .expect("a desc");
    assert!(title.text().unwrap().starts_with("Journey curve: "));
    assert!(
        desc.text()
            .unwrap()
            .contains(&format!("{touchpoints} touchpoints"))
    );
    let labelled_by = root.attribute("aria-labelledby").unwrap();
    for id in labelled_by.split(' ') {
        assert!(
            doc.descendants().any(|n| n.attribute("id") == Some(id)),
            "{id}"
        );
        assert!(id.starts_with("jm-curve-j-"), "namespaced: {id}");
    }
    assert_eq!(
        groups(&doc, "marker").len(),
        touchpoints,
        "one marker per touchpoint"
    );
    assert_eq!(groups(&doc, "stage").len(), stages, "one band per stage");
}

/// The centre y of each marker, by touchpoint id.
fn marker_ys(svg: &str) -> std::collections::BTreeMap<String, i32> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    groups(&doc, "marker")
        .into_iter()
        .map(|g| {
            let id = g.attribute("data-touchpoint").unwrap().to_string();
            let shape = g
                .children()
                .find(|n| n.is_element() && !n.has_tag_name("title"))
                .unwrap();
            let y = match shape.tag_name().name() {
                "circle" => shape.attribute("cy").unwrap().parse().unwrap(),
                "rect" => {
                    let y: i32 = shape.attribute("y").unwrap().parse().unwrap();
                    let h: i32 = shape.attribute("height").unwrap().parse().unwrap();
                    y + h / 2
                }
                other => panic!("unexpected first marker shape {other}"),
            };
            (id, y)
        })
        .collect()
}

fn line_y(svg: &str, class: &str) -> i32 {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let group = groups(&doc, class)
        .pop()
        .unwrap_or_else(|| panic!("{class}"));
    let line = group
        .descendants()
        .find(|n| n.has_tag_name("polyline"))
        .unwrap();
    let first = line
        .attribute("points")
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    first.split(',').nth(1).unwrap().parse().unwrap()
}

#[test]
fn journeys_of_one_two_and_sixty_touchpoints() {
    for n in [1, 2, 60] {
        let (svg, count, stages) = curve_of("", &touchpoints(n, long_name));
        assert_eq!(count, n);
        check_structure(&svg, n, stages);
    }
}

#[test]
fn thresholds_sit_where_the_custom_scale_puts_them() {
    let site = "scale: {min: -5, max: 5, indifference: [-2, 1], magic: 4, miserable: -4}\n";
    let yaml = "title: T\nstages:\n  - name: A\n    touchpoints:\n      - {name: High, id: high, kind: human, emotion: 4}\n      - {name: Low, id: low, kind: human, emotion: -4}\n      - {name: Top, id: top, kind: human, emotion: 5}\n";
    let (svg, _, _) = curve_of(site, yaml);
    let ys = marker_ys(&svg);
    assert_eq!(
        line_y(&svg, "magic"),
        ys["high"],
        "the magic line runs through a touchpoint at 4"
    );
    assert_eq!(
        line_y(&svg, "miserable"),
        ys["low"],
        "the miserable line runs through a touchpoint at -4"
    );
    assert!(ys["top"] < ys["high"], "higher emotion is drawn higher");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let zone = groups(&doc, "zone").pop().unwrap();
    let rect = zone.descendants().find(|n| n.has_tag_name("rect")).unwrap();
    let top: i32 = rect.attribute("y").unwrap().parse().unwrap();
    let height: i32 = rect.attribute("height").unwrap().parse().unwrap();
    let step = (ys["high"] - ys["top"]) as f64;
    assert!(
        ((ys["high"] as f64 + 3.0 * step) - top as f64).abs() <= 1.0,
        "the zone's top is at +1"
    );
    assert!(
        (height as f64 - 3.0 * step).abs() <= 2.0,
        "the zone spans -2 to +1"
    );
}

#[test]
fn names_of_sixty_characters_do_not_overlap() {
    let (svg, _, _) = curve_of("", &touchpoints(60, long_name));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let names = groups(&doc, "name");
    assert_eq!(names.len(), 60, "a name per touchpoint");
    let texts: Vec<_> = names
        .iter()
        .flat_map(|g| g.children().filter(|n| n.has_tag_name("text")))
        .collect();
    assert!(
        texts.iter().all(|t| t
            .attribute("transform")
            .is_some_and(|r| r.starts_with("rotate(270"))),
        "sixty names do not fit across, so they are upright"
    );
    let mut columns: Vec<i32> = texts
        .iter()
        .map(|t| t.attribute("x").unwrap().parse().unwrap())
        .collect();
    columns.sort();
    for pair in columns.windows(2) {
        assert!(
            pair[1] - pair[0] >= 11,
            "upright lines at least a line apart: {pair:?}"
        );
    }
    let height: i32 = doc
        .root_element()
        .attribute("height")
        .unwrap()
        .parse()
        .unwrap();
    for t in &texts {
        let y: i32 = t.attribute("y").unwrap().parse().unwrap();
        let size: f64 = t.attribute("font-size").unwrap().parse().unwrap();
        let length = super::canvas::text_width(t.text().unwrap().trim(), size) as i32;
        assert!(y + length <= height, "a name runs off the bottom");
    }
}

/// The text a label's lines show, joined as they were broken: with a space, or without
/// one after a hyphen that ends a word piece.
fn joined(lines: &[String]) -> String {
    let mut text = String::new();
    for line in lines {
        let glued = text.ends_with('-') && !text.ends_with(" -") && text.len() > 1;
        if !text.is_empty() && !glued {
            text.push(' ');
        }
        text.push_str(line);
    }
    text
}

/// The texts of a label group, in order.
fn lines_of(group: roxmltree::Node<'_, '_>) -> Vec<String> {
    group
        .descendants()
        .filter(|n| n.has_tag_name("text") || n.has_tag_name("tspan"))
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .collect()
}

/// The tooltip of a group, when it has one.
fn tooltip<'a>(group: roxmltree::Node<'a, 'a>) -> Option<&'a str> {
    group
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
}

/// A label shows its source's words whole: its lines joined give the source, or a start of
/// it that ends in "…" when the group's tooltip holds the whole source.
fn assert_words_whole(what: &str, group: roxmltree::Node<'_, '_>, source: &str) {
    let source = source.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut lines = lines_of(group);
    if group.attribute("class") == Some("key") {
        lines.remove(0);
    }
    let shown = joined(&lines);
    if shown == source {
        return;
    }
    let stem = shown
        .strip_suffix('…')
        .unwrap_or_else(|| panic!("{what}: the lines {lines:?} split the words of {source:?}"));
    assert!(
        source.starts_with(stem),
        "{what}: the shortened lines {lines:?} split the words of {source:?}"
    );
    assert_eq!(
        tooltip(group),
        Some(source.as_str()),
        "{what}: a shortened label has the whole text as its tooltip"
    );
}

/// Every label of every plot of a project keeps its words whole, and every "…" in a plot
/// sits in a group whose tooltip has the whole text.
fn assert_plots_keep_words_whole(root: &std::path::Path) -> usize {
    let loaded = crate::load::load_project(root);
    let p = loaded.project.expect("the project loads");
    let a = analyse(&p);
    let labels = Labels::new(p.site.language);
    let viewed: BTreeSet<&str> = p.journeys.iter().map(|j| j.id.as_str()).collect();
    let needs = Needs {
        sparklines: true,
        promise_map: true,
        viewed: &viewed,
    };
    let shared = draw_shared(&p, &a, &labels, &needs).unwrap();
    let mut svgs = vec![(
        "heat map".to_string(),
        shared.promises.as_ref().unwrap().standalone(),
    )];
    let mut checked = 0;
    for journey in &p.journeys {
        let facts = a.journey(&journey.id).unwrap();
        let plots = draw_journey(&p, &a, journey, facts, &labels, &shared).unwrap();
        let curve = plots.curve.standalone();
        let priorities = plots.priorities.standalone();
        let doc = roxmltree::Document::parse(&curve).unwrap();
        let stages = groups(&doc, "stage");
        assert_eq!(stages.len(), journey.stages.len());
        for (group, stage) in stages.into_iter().zip(&journey.stages) {
            if !stage.touchpoints.is_empty() {
                assert_words_whole(&format!("{}: stage", journey.id), group, &stage.name);
                checked += 1;
            }
        }
        for (kind, doc) in [
            ("name", &doc),
            ("key", &roxmltree::Document::parse(&priorities).unwrap()),
        ] {
            for group in groups(doc, kind) {
                let id = group.attribute("data-touchpoint").unwrap();
                let design = p.desired_of(&journey.id);
                let t = journey
                    .touchpoint(id)
                    .or_else(|| design.and_then(|d| d.touchpoint(id)))
                    .unwrap();
                assert_words_whole(&format!("{}: {kind} {id}", journey.id), group, &t.name);
                checked += 1;
            }
        }
        let sides = groups(&doc, "side");
        assert_eq!(sides.len(), 3);
        assert_words_whole("zone", sides[2], labels.get("plot.zone"));
        svgs.push((format!("{} curve", journey.id), curve.clone()));
        svgs.push((format!("{} priorities", journey.id), priorities));
    }
    let doc = roxmltree::Document::parse(&svgs[0].1).unwrap();
    for (group, journey) in groups(&doc, "header").into_iter().zip(&p.journeys) {
        assert_words_whole("heat map header", group, &journey.title);
        checked += 1;
    }
    for (what, svg) in &svgs {
        let doc = roxmltree::Document::parse(svg).unwrap();
        for text in doc.descendants().filter(|n| n.has_tag_name("text")) {
            if text.text().is_some_and(|t| t.trim_end().ends_with('…')) {
                assert!(
                    text.ancestors()
                        .any(|g| g.has_tag_name("g") && tooltip(g).is_some()),
                    "{what}: {:?} is shortened without a tooltip",
                    text.text()
                );
            }
        }
    }
    checked
}

#[test]
fn no_label_of_any_plot_splits_a_word() {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (root, at_least) in [
        (manifest.to_path_buf(), 30),
        (manifest.join("tests/fixtures/long-journey"), 100),
        (manifest.join("tests/fixtures/dutch"), 4),
    ] {
        let checked = assert_plots_keep_words_whole(&root);
        assert!(checked >= at_least, "{}: {checked} labels", root.display());
    }
}

#[test]
fn a_one_touchpoint_stage_keeps_its_long_name_whole() {
    let yaml = "title: T\nstages:\n  - name: Aankoop\n    touchpoints:\n      - {name: Kassabon en garantie-uitleg, id: a, kind: human, emotion: 1}\n  - name: Installatie\n    touchpoints:\n      - {name: Installatie door de monteur, id: b, kind: human, emotion: -1}\n  - name: Schade-afhandeling bij de verzekeraar\n    touchpoints:\n      - {name: Belt, id: c, kind: functional, emotion: 2}\n";
    let mut yaml = yaml.to_string();
    for i in 0..9 {
        yaml.push_str(&format!(
            "  - name: Fase {i}\n    touchpoints:\n      - {{name: Stap {i}, id: s{i}, kind: human, emotion: 0}}\n"
        ));
    }
    let (svg, _, _) = curve_of("", &yaml);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let names = [
        "Aankoop",
        "Installatie",
        "Schade-afhandeling bij de verzekeraar",
    ];
    for (group, name) in groups(&doc, "stage").into_iter().zip(names) {
        assert_words_whole("stage", group, name);
    }
    let names = groups(&doc, "name");
    assert!(
        names
            .iter()
            .flat_map(|g| g.descendants())
            .all(|n| n.attribute("transform").is_none()),
        "twelve short names fit across the full width"
    );
}

#[test]
fn a_curve_of_eleven_touchpoints_fills_the_column_with_names_across() {
    let (svg, _, _) = curve_of("", &touchpoints(11, |i| format!("Touchpoint number {i}")));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert!(root.attribute("class").unwrap().contains("plot-fill"));
    let width: i32 = root.attribute("width").unwrap().parse().unwrap();
    assert!((1000..=1100).contains(&width), "{width}");
    assert!(
        groups(&doc, "name")
            .iter()
            .flat_map(|g| g.descendants())
            .all(|n| n.attribute("transform").is_none()),
        "the names are set across"
    );
}

/// The legend's texts.
fn legend_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    groups(&doc, "legend")
        .into_iter()
        .flat_map(lines_of)
        .collect()
}

#[test]
fn the_legend_lists_only_what_the_plot_shows() {
    let yaml = "title: T\nstages:\n  - name: A\n    touchpoints:\n      - {name: One, id: one, kind: human, emotion: 2}\n      - {name: Two, id: two, kind: functional, emotion: -2}\n";
    let (svg, _, _) = curve_of("", yaml);
    let texts = legend_texts(&svg);
    for absent in ["Mechanical", "Desired", "Moment:", "Magic", "Miserable"] {
        assert!(
            !texts.iter().any(|t| t.starts_with(absent)),
            "{absent} in {texts:?}"
        );
    }
    for present in [
        "Today",
        "Kind:",
        "Human",
        "Functional",
        "Impression:",
        "Positive",
        "Negative",
    ] {
        assert!(texts.iter().any(|t| t == present), "{present} in {texts:?}");
    }
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let legend = groups(&doc, "legend").pop().unwrap();
    assert!(
        !legend.descendants().any(|n| n.has_tag_name("polygon")),
        "no triangle for a kind the journey lacks"
    );
    let (with_all, _, _) = curve_of("", &touchpoints(9, |i| format!("T {i}")));
    let texts = legend_texts(&with_all);
    for present in ["Desired", "Mechanical", "Moment:", "Moment of truth"] {
        assert!(
            texts.iter().any(|t| t.starts_with(present)),
            "{present} in {texts:?}"
        );
    }
}

#[test]
fn legend_entries_of_different_encodings_look_different() {
    let (svg, _, _) = curve_of("", &touchpoints(9, |i| format!("T {i}")));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let legend = groups(&doc, "legend").pop().unwrap();
    let mut entries: Vec<(String, String)> = Vec::new();
    let mut symbol: Vec<String> = Vec::new();
    for n in legend.descendants().filter(|n| n.is_element()) {
        match n.tag_name().name() {
            "g" | "title" => {}
            "text" => {
                let label = n.text().unwrap_or("").to_string();
                let look = std::mem::take(&mut symbol).join(" ");
                if !label.ends_with(':') {
                    entries.push((label, look));
                }
            }
            tag => {
                let mut look: Vec<String> = n
                    .attributes()
                    .filter(|a| !matches!(a.name(), "cx" | "cy" | "x" | "y" | "points"))
                    .map(|a| format!("{}={}", a.name(), a.value()))
                    .collect();
                look.insert(0, tag.to_string());
                symbol.push(look.join(" "));
            }
        }
    }
    assert!(entries.len() >= 10, "{entries:#?}");
    let looks: BTreeSet<&String> = entries.iter().map(|(_, look)| look).collect();
    assert_eq!(
        looks.len(),
        entries.len(),
        "two entries look alike: {entries:#?}"
    );
}

/// The points of the one polyline of a group.
fn polyline_points(svg: &str, class: &str) -> Vec<(i32, i32)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let group = groups(&doc, class).pop().unwrap();
    let lines: Vec<_> = group
        .descendants()
        .filter(|n| n.has_tag_name("polyline") || n.has_tag_name("path"))
        .collect();
    assert_eq!(lines.len(), 1, "one line for {class}");
    lines[0]
        .attribute("points")
        .unwrap()
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

#[test]
fn the_desired_line_is_continuous_and_above_the_thresholds() {
    let yaml = "title: T\nstages:\n  - name: A\n    touchpoints:\n      - {name: One, id: one, kind: human, emotion: -2, target: 3}\n      - {name: Two, id: two, kind: human, emotion: 1}\n      - {name: Three, id: three, kind: human, emotion: -1, target: 3}\n      - {name: Four, id: four, kind: human, emotion: 0}\n";
    let (svg, count, _) = curve_of("", yaml);
    let desired = polyline_points(&svg, "desired");
    let today = polyline_points(&svg, "current");
    assert_eq!(desired.len(), count, "a point per touchpoint");
    let ys = marker_ys(&svg);
    assert_eq!(
        desired[1].1, ys["two"],
        "no target: through today's emotion"
    );
    assert_eq!(desired[3].1, ys["four"]);
    assert_eq!(
        desired.iter().map(|p| p.0).collect::<Vec<_>>(),
        today.iter().map(|p| p.0).collect::<Vec<_>>()
    );
    assert_eq!(
        desired[0].1,
        line_y(&svg, "magic"),
        "a target of +3 on the magic line"
    );
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let order: Vec<&str> = doc
        .root_element()
        .children()
        .filter_map(|n| n.attribute("class"))
        .collect();
    let at = |class: &str| order.iter().position(|c| *c == class).unwrap();
    assert!(at("desired") > at("threshold magic") && at("desired") > at("threshold miserable"));
    assert!(at("desired-halo") < at("desired"));
    let stroke = |class: &str| {
        let group = groups(&doc, class).pop().unwrap();
        let line = group
            .descendants()
            .find(|n| n.has_tag_name("polyline"))
            .unwrap();
        (
            line.attribute("stroke").unwrap().to_string(),
            line.attribute("stroke-dasharray").map(str::to_string),
            line.attribute("stroke-width").unwrap().to_string(),
        )
    };
    let desired = stroke("desired");
    for threshold in ["magic", "miserable"] {
        let other = stroke(threshold);
        assert_ne!(desired.0, other.0, "colour");
        assert_ne!(desired.1, other.1, "dashes");
        assert_ne!(desired.2, other.2, "width");
    }
}

#[test]
fn the_priority_chart_numbers_its_markers_and_lists_full_names() {
    let p = project("", "", &[("j", &touchpoints(11, long_name))]);
    let a = analyse(&p);
    let svg = journey_plots(&p, &a).priorities.standalone();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let markers = groups(&doc, "marker");
    assert_eq!(markers.len(), 11);
    let numbers: BTreeSet<String> = markers.iter().flat_map(|g| lines_of(*g)).collect();
    let expected: BTreeSet<String> = (1..=11).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    let keys = groups(&doc, "key");
    assert_eq!(keys.len(), 11);
    for (n, key) in keys.iter().enumerate() {
        let lines = lines_of(*key);
        assert_eq!(lines[0], (n + 1).to_string());
        assert_eq!(
            joined(&lines[1..]),
            long_name(n)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    assert!(!svg.contains('…'), "nothing is cut");
    let height: i32 = doc
        .root_element()
        .attribute("height")
        .unwrap()
        .parse()
        .unwrap();
    assert!(height < 700, "{height} px for 11 points");
}

#[test]
fn a_thirty_touchpoint_curve_is_under_60_kb() {
    let (svg, _, _) = curve_of("", &touchpoints(30, long_name));
    assert!(svg.len() < 60 * 1024, "{} bytes", svg.len());
}

#[test]
fn text_in_plots_is_escaped() {
    let yaml = "title: \"<script>x</script>\"\nstages:\n  - name: \"<b>stage</b>\"\n    touchpoints:\n      - {name: \"<script>alert(1)</script>\", kind: human, emotion: 1, impact: 3, frequency: 3}\n";
    let p = project("", "", &[("j", yaml)]);
    let a = analyse(&p);
    let plots = journey_plots(&p, &a);
    let shared = shared_plots(&p, &a);
    for svg in [
        plots.curve.standalone(),
        plots.priorities.standalone(),
        shared.promises.unwrap().standalone(),
        shared.sparklines["j"].standalone(),
    ] {
        roxmltree::Document::parse(&svg).unwrap();
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("<b>"), "{svg}");
    }
}

#[test]
fn priorities_show_touchpoints_with_impact_and_frequency() {
    let p = project(
        "",
        "",
        &[("j", &touchpoints(12, |i| format!("Touchpoint {i}")))],
    );
    let a = analyse(&p);
    let svg = journey_plots(&p, &a).priorities.standalone();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let shown = groups(&doc, "marker").len();
    assert_eq!(shown, 12, "every touchpoint is shown");
    assert!(svg.contains("Fix first"));
}

#[test]
fn the_heat_map_has_a_cell_per_promise_and_journey() {
    let promises = "- {id: a, text: A}\n- {id: b, text: B}\n";
    let one = "title: One\nstages:\n  - name: S\n    touchpoints:\n      - {name: X, kind: human, emotion: 1, promises: [a], delivers: [{promise: a, result: broken}]}\n";
    let two = "title: Two\nstages:\n  - name: S\n    touchpoints:\n      - {name: Y, kind: human, emotion: 1, delivers: [{promise: a, result: kept}]}\n";
    let p = project("", promises, &[("one", one), ("two", two)]);
    let a = analyse(&p);
    let svg = shared_plots(&p, &a).promises.unwrap().standalone();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let cells = groups(&doc, "cell");
    assert_eq!(
        cells.len(),
        2,
        "a cell where a promise is made or delivered, none elsewhere"
    );
    let text = |id: &str| {
        cells
            .iter()
            .find(|c| c.attribute("data-touchpoint") == Some(id))
            .and_then(|c| c.descendants().find(|n| n.has_tag_name("text")))
            .map(|t| t.text().unwrap().trim().to_string())
    };
    assert_eq!(
        text("a:one").as_deref(),
        Some("Broken"),
        "the status is written, not only coloured"
    );
    assert_eq!(text("a:two").as_deref(), Some("Kept"));
    assert_eq!(text("b:one"), None);
}

#[test]
fn the_heat_map_names_promises_by_their_text_with_the_id_as_tooltip() {
    let long = "Broken within two years? Return it to any of our stores, no questions asked, and we refund the full price on the spot without a receipt.";
    let promises = format!(
        "- {{id: easy-returns, text: \"{long}\"}}\n- {{id: one-number, text: You only ever need your customer number once.}}\n"
    );
    let one = "title: One\nstages:\n  - name: S\n    touchpoints:\n      - {name: X, kind: human, emotion: 1, promises: [easy-returns, one-number]}\n";
    let p = project("", &promises, &[("one", one)]);
    let a = analyse(&p);
    let svg = shared_plots(&p, &a).promises.unwrap().standalone();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let rows = groups(&doc, "promise");
    assert_eq!(rows.len(), 2);
    for (row, (id, text)) in rows.iter().zip([
        ("easy-returns", long),
        (
            "one-number",
            "You only ever need your customer number once.",
        ),
    ]) {
        let shown = joined(&lines_of(*row));
        assert!(!shown.contains(id), "the id {id} is not shown: {shown:?}");
        let tip = tooltip(*row).unwrap();
        assert!(tip.contains(id), "the id {id} is the tooltip: {tip:?}");
        if shown != text {
            let stem = shown.strip_suffix('…').expect("a shortened text ends in …");
            assert!(text.starts_with(stem), "{shown:?} keeps the words whole");
            assert!(tip.contains(text), "the tooltip has the whole text");
        }
    }
    assert_eq!(
        joined(&lines_of(rows[1])),
        "You only ever need your customer number once."
    );
    for text in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let t = text.text().unwrap_or_default();
        assert!(
            !t.contains("easy-returns") && !t.contains("one-number"),
            "no promise id is drawn: {t:?}"
        );
    }
}

#[test]
fn a_peak_below_zero_is_called_the_worst_moment() {
    let stage = |a: i32, b: i32| {
        format!(
            "title: T\nstages:\n  - name: S\n    touchpoints:\n      - {{name: A, kind: human, emotion: {a}}}\n      - {{name: B, kind: human, emotion: {b}}}\n      - {{name: C, kind: human, emotion: 0}}\n"
        )
    };
    let (low, _, _) = curve_of("", &stage(-3, 1));
    assert!(low.contains(">Peak (worst)<"), "{low}");
    let (high, _, _) = curve_of("", &stage(3, -1));
    assert!(high.contains(">Peak<") && !high.contains("worst"), "{high}");
}

/// Checks that `inline` opens with the strip a page keeps in view (the plot's group
/// `{id}-pin` again, hidden from screen readers), that the group holds `texts`, each inside
/// the strip, and that the standalone file has no strip.
fn assert_pinned(inline: &str, standalone: &str, id: &str, texts: &[&str]) {
    let wrapped = format!("<div>{inline}</div>");
    let doc = roxmltree::Document::parse(&wrapped).unwrap();
    let boxes: Vec<_> = doc
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .collect();
    assert_eq!(boxes.len(), 2, "the strip, then the plot: {inline}");
    let (strip, plot) = (boxes[0], boxes[1]);
    assert_eq!(strip.attribute("class"), Some("plot-pin"));
    assert_eq!(strip.attribute("aria-hidden"), Some("true"));
    assert_eq!(
        strip.attribute("hidden"),
        Some(""),
        "hidden unless the theme shows it"
    );
    let pin = strip.first_element_child().unwrap();
    assert!(pin.has_tag_name("svg") && plot.has_tag_name("svg"));
    assert_eq!(
        strip.attribute("style"),
        Some(
            format!(
                "margin-top: {}px",
                pin.attribute("viewBox").unwrap().split(' ').nth(1).unwrap()
            )
            .as_str()
        )
    );
    let used = pin.descendants().find(|n| n.has_tag_name("use")).unwrap();
    assert_eq!(used.attribute("href"), Some(format!("#{id}-pin").as_str()));
    let number = |n: roxmltree::Node<'_, '_>, name: &str| -> f64 {
        n.attribute(name).unwrap().parse().unwrap()
    };
    let view: Vec<f64> = pin
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(
        (view[2], view[3]),
        (number(pin, "width"), number(pin, "height"))
    );
    let group = plot
        .descendants()
        .find(|n| n.attribute("id") == Some(format!("{id}-pin").as_str()))
        .expect("the plot holds the pinned group");
    for text in texts {
        let node = group
            .descendants()
            .find(|n| n.has_tag_name("text") && n.text().is_some_and(|t| t.trim() == *text))
            .unwrap_or_else(|| panic!("{text} is pinned"));
        let (x, y) = (number(node, "x"), number(node, "y"));
        assert!(x >= 0.0 && x < view[2], "{text} at x {x} within {view:?}");
        assert!(
            y >= view[1] && y <= view[1] + view[3],
            "{text} at y {y} within {view:?}"
        );
    }
    assert!(!standalone.contains("plot-pin"), "a file shows no strip");
    assert!(roxmltree::Document::parse(standalone).is_ok());
}

#[test]
fn a_plot_keeps_its_scale_or_row_names_in_view_while_it_scrolls() {
    let p = project("", "", &[("j", &touchpoints(30, |i| format!("Step {i}")))]);
    let a = analyse(&p);
    let curve = journey_plots(&p, &a).curve;
    assert_pinned(
        &curve.inline(),
        &curve.standalone(),
        &curve_id("j"),
        &["+3", "0", "-3", "Emotion"],
    );
    let repeated = with_instance(curve.inline(), &curve_id("j"), 2);
    assert!(
        repeated.contains(&format!("href=\"#{}-2-pin\"", curve_id("j")))
            && repeated.contains(&format!("id=\"{}-2-pin\"", curve_id("j"))),
        "a second copy on a page points at its own strip"
    );

    let promises = "- {id: a, text: Parcels arrive tomorrow}\n- {id: b, text: We call back}\n";
    let one = "title: One\nstages:\n  - name: S\n    touchpoints:\n      - {name: X, kind: human, emotion: 1, promises: [a, b]}\n";
    let p = project("", promises, &[("one", one)]);
    let a = analyse(&p);
    let map = shared_plots(&p, &a).promises.unwrap();
    assert_pinned(
        &map.inline(),
        &map.standalone(),
        "jm-promises",
        &["Parcels arrive tomorrow", "We call back"],
    );
}

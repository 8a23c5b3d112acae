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
        site_wide: false,
        promise_map: false,
        viewed: &none,
    };
    let shared = draw_shared(p, a, &labels, &needs).unwrap();
    draw_journey(journey, facts, &p.site.scale, &labels, &shared).unwrap()
}

/// The plots shared by pages, with the curve of `j` as a note would show it.
fn shared_plots(p: &Project, a: &Analysis) -> SharedPlots {
    let viewed = BTreeSet::from(["j"]);
    let needs = Needs {
        site_wide: true,
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
    let names = groups(&doc, "names").pop().unwrap();
    let mut columns: Vec<(i32, usize)> = names
        .children()
        .filter(|n| n.has_tag_name("text"))
        .map(|t| {
            (
                t.attribute("x").unwrap().parse().unwrap(),
                t.text().unwrap().trim().chars().count(),
            )
        })
        .collect();
    columns.sort();
    for pair in columns.windows(2) {
        assert!(
            pair[1].0 - pair[0].0 >= 12,
            "rotated lines at least a line apart: {pair:?}"
        );
    }
    let shown: usize = columns.iter().map(|(_, c)| c).sum();
    let total: usize = (0..60)
        .map(|i| {
            long_name(i)
                .split_whitespace()
                .map(|w| w.chars().count())
                .sum::<usize>()
        })
        .sum();
    assert!(
        shown >= total,
        "no name is cut: {shown} of {total} characters shown"
    );
    let height: i32 = doc
        .root_element()
        .attribute("height")
        .unwrap()
        .parse()
        .unwrap();
    for t in names.children().filter(|n| n.has_tag_name("text")) {
        let y: i32 = t.attribute("y").unwrap().parse().unwrap();
        let length = super::canvas::text_width(t.text().unwrap().trim(), 11.0) as i32;
        assert!(y + length <= height, "a name runs off the bottom");
    }
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
    let more: usize = groups(&doc, "more")
        .iter()
        .map(|g| {
            g.descendants()
                .find(|n| n.has_tag_name("text"))
                .unwrap()
                .text()
                .unwrap()
                .trim()
                .trim_start_matches('+')
                .split(' ')
                .next()
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(shown + more, 12, "every touchpoint is shown or counted");
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

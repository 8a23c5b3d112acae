//! What the site says about measured values, through the real binary on the fixture
//! `verdicts`: a plan's values judged against its target only where the plan is done,
//! a department's broken, partly kept and undelivered promises, and one way of writing each
//! metric's value on every page; the plans a department owns and the latest values of its
//! touchpoints, and each option's plan under its name.

mod common;
use common::{copy_to_temp, fixture, journeymap};
use std::path::Path;

/// Builds the fixture `verdicts` and hands its site's folder to `look`.
fn built(look: impl FnOnce(&Path)) {
    let project = copy_to_temp(&fixture("verdicts"));
    let out = project.path().join("site");
    let run = journeymap(project.path(), &["build", "--out", out.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    look(&out);
}

fn read(site: &Path, page: &str) -> String {
    std::fs::read_to_string(site.join(page)).unwrap()
}

/// The text of some HTML: tags dropped, entities of quotes and ampersands read, spaces
/// collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The plans page: each plan's option and the text of its values, one per wave.
fn plan_values(html: &str) -> Vec<(String, Vec<String>)> {
    html.split("<li class=\"plan\" ")
        .skip(1)
        .map(|plan| {
            let option = plan
                .split("<strong><bdi>")
                .nth(1)
                .and_then(|s| s.split("</bdi>").next())
                .unwrap_or_default()
                .to_string();
            let values = plan
                .split("<ul class=\"plan-waves\">")
                .nth(1)
                .unwrap_or_default()
                .split("</ul>")
                .next()
                .unwrap_or_default()
                .split("</li>")
                .map(text)
                .filter(|v| !v.is_empty())
                .collect();
            (option, values)
        })
        .collect()
}

#[test]
fn a_plans_values_are_judged_only_once_it_is_done() {
    built(|site| {
        let plans = plan_values(&read(site, "plans/index.html"));
        // Each value's wave and verdict (how the value is written is tested below).
        let of = |option: &str| -> Vec<String> {
            plans
                .iter()
                .find(|(o, _)| o == option)
                .unwrap_or_else(|| panic!("no plan {option} in {plans:?}"))
                .1
                .iter()
                .map(|v| {
                    let (wave, rest) = v.split_once(':').unwrap_or_default();
                    let (_, verdict) = rest.split_once(" — ").unwrap_or_default();
                    format!("{wave}: {verdict}")
                })
                .collect()
        };
        // Done, due 2026-06-30: spring is before it (a baseline, with its distance to the
        // target in points), autumn after it (missed), winter the latest (met).
        assert_eq!(
            of("Done early"),
            [
                "Spring: baseline, 35.0 points below the target of 60.0%",
                "Autumn: target missed, 22.0 points below the target of 60.0%",
                "Winter: target met",
            ]
        );
        // Done without a date: only the latest wave is judged, as plan-missed-target
        // judges it. A CES is a mean: its distance has no points.
        assert_eq!(
            of("Done without a date"),
            [
                "Spring: baseline, 1.4 below the target of 3.5",
                "Winter: target missed, 0.7 below the target of 3.5",
            ]
        );
        // Not done: never judged, not even when the due date has passed.
        assert_eq!(
            of("Overdue and still in progress"),
            [
                "Spring: not judged yet, 20.0 points below the target of 90.0%",
                "Winter: not judged yet, 17.5 points below the target of 90.0%",
            ]
        );
        // A plan still to do whose due date the latest survey has passed says so; one due
        // later, or done, does not.
        let page = text(&read(site, "plans/index.html"));
        assert!(
            page.contains("Overdue and still in progress A move · due 2026-01-31 · overdue by Winter (2026-12-15)"),
            "{page}"
        );
        assert_eq!(page.matches("overdue by").count(), 1, "{page}");
        for option in ["Planned for next year", "Just an idea"] {
            let values = of(option);
            assert_eq!(values.len(), 2, "{values:?}");
            for v in values {
                assert!(v.contains(": not judged yet, "), "{option}: {v}");
            }
        }
    });
}

#[test]
fn a_department_lists_the_promises_it_breaks_keeps_partly_or_never_delivers() {
    built(|site| {
        let page = read(site, "departments/digital/index.html");
        let section = |id: &str| {
            let from = page
                .find(&format!("<section aria-labelledby=\"{id}\">"))
                .unwrap();
            let to = page[from..].find("</section>").unwrap();
            page[from..from + to].to_string()
        };
        let promises = section("promises");
        let let_down: Vec<String> = promises
            .split("Promises it breaks, keeps only partly or never delivers")
            .nth(1)
            .unwrap()
            .split("</li>")
            .map(text)
            .filter(|t| !t.is_empty())
            .collect();
        // Each status beside the promise and the touchpoint where it lets the customer down:
        // an undelivered promise where it is made, the others where they are delivered.
        assert_eq!(
            let_down,
            [
                "Undelivered Follow your checked bag in the app. — Online check-in (A move)",
                "Broken We answer every message within one working day. — Gets a reply (A move)",
                "Partly kept Your refund within a week. — Gets a reply (A move)",
            ]
        );
        // The same three as the findings further down the page.
        let findings = section("findings");
        for code in ["undelivered-promise", "broken-promise", "promise-at-risk"] {
            assert!(findings.contains(code), "{code} in {findings}");
        }
    });
}

#[test]
fn a_department_shows_the_latest_value_of_each_metric_measured_at_its_touchpoints() {
    built(|site| {
        let page = read(site, "departments/service/index.html");
        let from = page.find("<section aria-labelledby=\"measured\">").unwrap();
        let section = &page[from..from + page[from..].find("</section>").unwrap()];
        // Its three measured touchpoints (of two journeys, in the site's order), each with the
        // value of its latest wave: Winter for all three, though Autumn measured the call too.
        let rows: Vec<String> = section
            .split("<tbody>")
            .nth(1)
            .unwrap()
            .split("</tr>")
            .map(text)
            .filter(|row| !row.is_empty())
            .collect();
        assert_eq!(rows.len(), 3, "{rows:?}");
        for (row, (touchpoint, metric, value)) in rows.iter().zip([
            ("Calls about the move", "CSAT", "73.1%"),
            ("First bill", "NPS", "-10.7"),
            ("Posts the parcel", "CSAT", "55.0%"),
        ]) {
            assert!(row.starts_with(touchpoint), "{row}");
            // The metric, its wave under it, then the value.
            assert!(row.contains(&format!("{metric}Winter {value} ")), "{row}");
        }
        // Digital's page holds its own touchpoints only.
        let digital = read(site, "departments/digital/index.html");
        assert!(!digital.contains("Calls about the move"), "{digital}");
        assert!(digital.contains("Chats with support"));
    });
}

#[test]
fn a_department_lists_the_plans_it_owns_and_each_option_names_its_plan() {
    built(|site| {
        let section = |page: &str, id: &str| {
            let from = page
                .find(&format!("<section aria-labelledby=\"{id}\">"))
                .unwrap_or_else(|| panic!("no section {id}"));
            let to = page[from..].find("</section>").unwrap();
            page[from..from + to].to_string()
        };
        // Exactly the plans each department owns, by status (as on the plans page), with
        // the values their measure had in each wave.
        let options = |department: &str| -> Vec<String> {
            let page = read(site, &format!("departments/{department}/index.html"));
            let plans = section(&page, "plans");
            let own = plans.split("Plans of others").next().unwrap();
            plan_values(own)
                .into_iter()
                .map(|(option, _)| option)
                .collect()
        };
        assert_eq!(options("service"), ["Planned for next year", "Done early"]);
        // What is still to do first, the soonest due first (one without a due date after
        // it), then what is done.
        assert_eq!(
            options("digital"),
            [
                "Overdue and still in progress",
                "Print the label at home",
                "Just an idea",
                "Done without a date"
            ]
        );
        let service = read(site, "departments/service/index.html");
        let done_early = plan_values(&section(&service, "plans"))
            .into_iter()
            .find(|(option, _)| option == "Done early")
            .unwrap();
        assert_eq!(done_early.1.len(), 3, "{:?}", done_early.1);
        assert!(service.contains("href=\"../../plans/index.html\""));
        // Counted by status, before the touchpoints it owns.
        let plans = section(&service, "plans");
        assert!(
            plans.contains("<p><strong>1 planned, 1 done.</strong></p>"),
            "{plans}"
        );
        assert!(service.find("id=\"plans\"") < service.find("id=\"owned\""));
        // Below them, the plans of others that change its touchpoints, each with its owner:
        // digital's label printed at home changes the parcel service's touchpoint.
        let others = plans
            .split("Plans of others that change its touchpoints")
            .nth(1);
        let others = others.expect("a list of others' plans");
        assert_eq!(plan_values(others).len(), 1, "{others}");
        assert!(
            text(others)
                .contains("Print the label at home B return · Digital channels · due 2027-01-31"),
            "{others}"
        );
        let digital = read(site, "departments/digital/index.html");
        assert!(
            !digital.contains("Plans of others"),
            "digital's plans touch its own"
        );
        assert!(
            others.contains(
                "<a href=\"../../departments/digital/index.html#plans\">Digital channels</a>"
            ),
            "the other owner links to its plans: {others}"
        );
        // Counted in the order listed, the done ones short of their target said.
        let counted = "1 in progress, 1 planned, 1 idea, 1 done, 1 of them short of the target.";
        assert!(
            digital.contains(&format!("<p><strong>{counted}</strong></p>")),
            "{digital}"
        );
        // The departments index counts the plans each owns, linked to them.
        let index = read(site, "departments/index.html");
        for (department, count) in [("service", 2), ("digital", 4)] {
            let cell = format!("href=\"../departments/{department}/index.html#plans\">{count}</a>");
            assert!(index.contains(&cell), "{cell} in {index}");
        }
        assert!(
            index.contains("#plans\">2</a><span class=\"qualifier\">+1 by others</span>"),
            "service's count, and the plan of digital's on its touchpoint: {index}"
        );

        // Under each option of the journey page: the plan's status, owner (linked to its
        // department's plans) and due date, then where it stands by its latest wave; an
        // option without a plan has no such line.
        let journey = read(site, "journeys/a-move/index.html");
        let improvements = section(&journey, "improvements");
        let lines: Vec<String> = improvements
            .split("<span class=\"qualifier plan-line\">")
            .skip(1)
            .map(|line| text(line.split("</th>").next().unwrap()))
            .collect();
        assert_eq!(lines.len(), 5, "{lines:?}");
        for line in [
            "Plan: Done · Customer service · due 2026-06-30\
             Target met: CSAT 73.1% in Winter, at or above the target of 60.0%",
            "Plan: Done · Digital channels\
             Target missed: CES 2.8 in Winter, 0.7 below the target of 3.5",
            "Plan: Idea · Digital channels\
             Latest: Score 7.1 in Winter, 0.9 below the target of 8.0",
        ] {
            assert!(lines.contains(&line.to_string()), "{line} in {lines:?}");
        }
        assert!(
            improvements.contains(
                "href=\"../../departments/service/index.html#plans\">Customer service</a>"
            )
        );
        // "Plan" leads to the plan on the plans page: "Done early" is the journey's first
        // option.
        assert!(
            improvements.contains("href=\"../../plans/index.html#plan-a-move-1\">Plan</a>"),
            "{improvements}"
        );
        assert!(
            read(site, "plans/index.html").contains("<li class=\"plan\" id=\"plan-a-move-1\">")
        );
        // And the plan leads back to its option's row.
        assert!(read(site, "plans/index.html").contains(
            "<a href=\"../journeys/a-move/index.html#option-a-move-1\"><bdi>A move</bdi></a>"
        ));
        assert!(journey.contains("<tr id=\"option-a-move-1\">"));

        // The report says the same, with links only within the document: "Plan" leads to
        // its own part with every plan, in its contents.
        let report = read(site, "report/index.html");
        let plan_lines: Vec<&str> = report
            .split("<span class=\"qualifier plan-line\">")
            .skip(1)
            .map(|line| line.split("</th>").next().unwrap())
            .collect();
        assert_eq!(plan_lines.len(), 6);
        assert!(
            plan_lines
                .iter()
                .all(|line| line.matches("href=").count() == line.matches("href=\"#plan-").count()),
            "{plan_lines:?}"
        );
        assert!(
            plan_lines.iter().any(|line| text(line)
                == "Plan: Done · Customer service · due 2026-06-30\
                    Target met: CSAT 73.1% in Winter, at or above the target of 60.0%"),
            "{plan_lines:?}"
        );
        assert!(report.contains("<li><a href=\"#plans\">Action plans</a></li>"));
        let counted = "1 in progress, 2 planned, 1 idea, 2 done, 1 of them short of the target.";
        assert!(
            report.contains(&format!(
                "<a href=\"#plans\">Action plans</a>:</strong> {counted}</p>"
            )),
            "the summary counts the plans"
        );
        let from = report
            .find("<section class=\"part\" aria-labelledby=\"plans\">")
            .unwrap();
        let part = &report[from..from + report[from..].find("</section>").unwrap()];
        assert_eq!(plan_values(part).len(), 6, "{part}");
        assert!(part.contains("<li class=\"plan\" id=\"plan-a-move-1\">"));
    });
}

/// The rows of a page's first table: each row's touchpoint and the values it shows.
fn table_rows(html: &str) -> Vec<(String, Vec<String>)> {
    let body = html.split("<tbody>").nth(1).unwrap();
    let body = body.split("</tbody>").next().unwrap();
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let touchpoint = row
                .split("<bdi>")
                .nth(1)
                .and_then(|s| s.split("</bdi>").next())
                .unwrap_or_default()
                .to_string();
            let values = row
                .split("<strong>")
                .skip(1)
                .filter_map(|s| s.split("</strong>").next())
                .map(str::to_string)
                .collect();
            (touchpoint, values)
        })
        .collect()
}

#[test]
fn every_page_writes_a_metric_with_one_decimal_and_a_wave_in_the_order_of_the_index() {
    built(|site| {
        let index = table_rows(&read(site, "measurements/index.html"));
        let of = |rows: &[(String, Vec<String>)], touchpoint: &str| {
            rows.iter()
                .find(|(t, _)| t == touchpoint)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("no {touchpoint} in {rows:?}"))
        };
        // CSAT from a distribution (25 %, 38.03 %) reads like one given (73.1 %); NPS keeps
        // its decimal (-16.67, -10.69).
        assert_eq!(
            of(&index, "Calls about the move"),
            ["25.0%", "38.0%", "73.1%"]
        );
        assert_eq!(of(&index, "First bill"), ["-16.7", "-10.7"]);
        assert_eq!(of(&index, "Posts the parcel"), ["50.0%", "55.0%"]);
        assert_eq!(of(&index, "Gets a reply"), ["2.1", "2.8"]);
        // The winter wave's page: the index's order (journeys by id, touchpoints in journey
        // order), not its file's (b-return first), and the index's values.
        let winter = table_rows(&read(site, "measurements/2026-q4/index.html"));
        let order: Vec<&str> = index.iter().map(|(t, _)| t.as_str()).collect();
        let listed: Vec<&str> = winter.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(listed, order);
        for (touchpoint, values) in &winter {
            assert_eq!(values.len(), 1);
            assert_eq!(
                of(&index, touchpoint).last(),
                values.first(),
                "{touchpoint}"
            );
        }
        let spring = table_rows(&read(site, "measurements/2026-q1/index.html"));
        assert_eq!(of(&spring, "First bill"), ["-16.7"]);
        assert_eq!(of(&spring, "Calls about the move"), ["25.0%"]);
        // The curve's tooltips, the journey's measured section and its findings.
        let journey = read(site, "journeys/a-move/index.html");
        for tooltip in [
            "Measured: CSAT 73.1% in Winter",
            "Measured: NPS -10.7 in Winter",
            "Measured: CES 2.8 in Winter",
        ] {
            assert!(journey.contains(tooltip), "{tooltip}");
        }
        assert!(journey.contains("<strong>73.1%</strong>"));
        assert!(journey.contains("its CES was 2.8 in the wave “Winter”, short of the target 3.5"));
        // The plans page: values and targets alike.
        let plans = text(&read(site, "plans/index.html"));
        for shown in [
            "Spring: 25.0% (64 answers)",
            "Autumn: 38.0% (71 answers)",
            "Spring: -16.7 (120 answers)",
            "Winter: -10.7 (131 answers)",
            "target +10.0.",
            "target 60.0%.",
        ] {
            assert!(plans.contains(shown), "{shown} in {plans}");
        }
    });
}

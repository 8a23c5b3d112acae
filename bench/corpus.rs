//! Writes a benchmark corpus: a journeymap project of N journeys (5 stages x 6 touchpoints,
//! varied kinds, owners, promises, deliveries, asks, notes and accented names) and M notes of
//! about 500 words, and a Hugo site holding the same text as N + M Markdown pages; with
//! WAVES, that many survey waves measuring every touchpoint's CSAT (the Hugo site is the same:
//! a wave holds numbers, no text).
//!
//! cargo run --release --example corpus -- OUT N M [WAVES]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// A small deterministic generator, so that every run writes the same corpus.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }

    fn range(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next() % (high - low + 1) as u64) as i64
    }
}

const WORDS: &[&str] = &[
    "klant",
    "belofte",
    "service",
    "réception",
    "Ökonomie",
    "queue",
    "invoice",
    "helpdesk",
    "delivery",
    "moment",
    "waarheid",
    "expérience",
    "appointment",
    "customer",
    "store",
    "über",
    "wachten",
    "café",
    "journey",
    "touchpoint",
    "brand",
    "feedback",
    "review",
    "employee",
    "process",
    "handoff",
    "promise",
    "renewal",
    "contract",
    "mövenpick",
    "naïve",
    "façade",
    "repair",
    "refund",
    "account",
    "portal",
];
const OWNERS: &[&str] = &[
    "sales",
    "billing",
    "metering",
    "retail",
    "e-commerce",
    "customer-service",
    "logistics",
    "legal",
];
const CHANNELS: &[&str] = &[
    "phone",
    "store",
    "website",
    "e-mail",
    "app",
    "post",
    "word of mouth",
    "chat",
];
const KINDS: &[&str] = &["human", "functional", "mechanical"];
const MOMENTS: &[&str] = &["standard", "standard", "standard", "truth", "excel"];
const RESULTS: &[&str] = &["kept", "kept", "exceeded", "partly", "broken"];
const ASKS: &[&str] = &[
    "customer-number",
    "address",
    "meter-readings",
    "order-number",
    "date-of-birth",
];
const PROMISES: usize = 50;

fn sentence(dice: &mut Dice, words: usize) -> String {
    let mut text = String::new();
    for i in 0..words {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(dice.pick(WORDS));
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

fn paragraphs(dice: &mut Dice, words: usize) -> String {
    let mut text = String::new();
    let mut written = 0;
    while written < words {
        for _ in 0..5 {
            let n = dice.range(8, 16) as usize;
            text.push_str(&sentence(dice, n));
            text.push_str(". ");
            written += n;
        }
        text.push_str("\n\n");
    }
    text
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(out), Some(n), Some(m)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: corpus OUT JOURNEYS NOTES [WAVES]");
        std::process::exit(2);
    };
    let waves = args.get(4).map_or(Ok(0), |w| w.parse::<usize>());
    let (n, m, waves): (usize, usize, usize) = match (n.parse(), m.parse(), waves) {
        (Ok(n), Ok(m), Ok(waves)) => (n, m, waves),
        _ => {
            eprintln!("JOURNEYS, NOTES and WAVES are numbers");
            std::process::exit(2);
        }
    };
    let out = Path::new(out);
    let jm = out.join("journeymap/content");
    let hugo = out.join("hugo");
    let _ = fs::remove_dir_all(out);
    for folder in [
        jm.join("journeys"),
        jm.join("notes"),
        hugo.join("content/journeys"),
        hugo.join("content/notes"),
    ] {
        fs::create_dir_all(folder).expect("create the corpus folders");
    }
    let mut dice = Dice(2026);
    fs::write(
        jm.join("site.yaml"),
        "title: Benchmark corpus\nlanguage: en\n",
    )
    .expect("site.yaml");
    let mut register = String::new();
    for p in 0..PROMISES {
        let _ = writeln!(
            register,
            "- id: promise-{p}\n  text: {}\n  source: Campaign {}",
            sentence(&mut dice, 8),
            p % 7
        );
    }
    fs::write(jm.join("promises.yaml"), register).expect("promises.yaml");
    fs::write(
        hugo.join("hugo.toml"),
        "baseURL = 'http://localhost/'\ntitle = 'Benchmark corpus'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT']\n[markup.goldmark.renderer]\nunsafe = false\n",
    )
    .expect("hugo.toml");
    fs::create_dir_all(hugo.join("layouts/_default")).expect("layouts");
    fs::write(
        hugo.join("layouts/_default/single.html"),
        "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n",
    )
    .expect("single.html");
    fs::write(
        hugo.join("layouts/_default/list.html"),
        "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n",
    )
    .expect("list.html");
    // Every touchpoint as a wave file names it: journey id and touchpoint id (the slug of
    // its name, as the loader derives it).
    let mut measured: Vec<(String, String)> = Vec::new();
    for j in 0..n {
        let id = format!("journey-{j:05}");
        let title = format!("Reis {j}: {}", sentence(&mut dice, 4));
        let mut yaml = format!(
            "title: \"{title}\"\npersona: {}\nowner: {}\nstages:\n",
            sentence(&mut dice, 3),
            dice.pick(OWNERS)
        );
        let mut markdown = format!("---\ntitle: \"{title}\"\n---\n");
        for s in 0..5 {
            let stage = format!("Étape {s} {}", dice.pick(WORDS));
            let _ = writeln!(yaml, "  - name: {stage}\n    touchpoints:");
            let _ = writeln!(markdown, "## {stage}\n");
            for t in 0..6 {
                let name = format!("{} {s}-{t}", sentence(&mut dice, 5));
                if waves > 0 {
                    measured.push((id.clone(), journeymap::model::slugify(&name)));
                }
                let _ = writeln!(
                    yaml,
                    "      - name: {name}\n        kind: {}\n        channel: {}\n        owner: {}\n        emotion: {}\n        target: {}\n        moment: {}\n        impact: {}\n        frequency: {}\n        basis: observed",
                    dice.pick(KINDS),
                    dice.pick(CHANNELS),
                    dice.pick(OWNERS),
                    dice.range(-3, 3),
                    dice.range(0, 3),
                    dice.pick(MOMENTS),
                    dice.range(1, 5),
                    dice.range(1, 5),
                );
                if dice.range(0, 3) == 0 {
                    let _ = writeln!(yaml, "        asks: [{}]", dice.pick(ASKS));
                }
                if t == 0 && s < 2 {
                    let _ = writeln!(
                        yaml,
                        "        promises: [promise-{}]",
                        dice.range(0, PROMISES as i64 - 1)
                    );
                }
                if t == 3 {
                    let _ = writeln!(
                        yaml,
                        "        delivers:\n          - promise: promise-{}\n            result: {}\n            evidence: {}",
                        dice.range(0, PROMISES as i64 - 1),
                        dice.pick(RESULTS),
                        sentence(&mut dice, 6)
                    );
                }
                // One touchpoint a stage has longer notes, written as a `|` block the way
                // authors write running text.
                if t == 5 {
                    let (first, second) = (sentence(&mut dice, 12), sentence(&mut dice, 10));
                    let _ = writeln!(
                        yaml,
                        "        notes: |\n          {first}.\n          {second}."
                    );
                    let _ = writeln!(markdown, "- **{name}**: {first}. {second}.");
                } else {
                    let notes = sentence(&mut dice, 12);
                    let _ = writeln!(yaml, "        notes: {notes}");
                    let _ = writeln!(markdown, "- **{name}**: {notes}");
                }
            }
            markdown.push('\n');
        }
        fs::write(jm.join(format!("journeys/{id}.yaml")), yaml).expect("a journey");
        fs::write(hugo.join(format!("content/journeys/{id}.md")), markdown)
            .expect("a journey page");
    }
    for k in 0..m {
        let title = format!("Note {k}: {}", sentence(&mut dice, 4));
        let body = paragraphs(&mut dice, 500);
        let journey = if n > 0 {
            format!("journey: journey-{:05}\n", k % n)
        } else {
            String::new()
        };
        fs::write(
            jm.join(format!("notes/note-{k:05}.md")),
            format!("---\ntitle: \"{title}\"\n{journey}---\n{body}"),
        )
        .expect("a note");
        fs::write(
            hugo.join(format!("content/notes/note-{k:05}.md")),
            format!("---\ntitle: \"{title}\"\n---\n{body}"),
        )
        .expect("a note page");
    }
    if waves > 0 {
        fs::create_dir_all(jm.join("measurements")).expect("the measurements folder");
    }
    for w in 0..waves {
        let mut yaml = format!(
            "name: Wave {w}\ndate: 2026-{:02}-28\nmeasurements:\n",
            w % 12 + 1
        );
        for (journey, touchpoint) in &measured {
            let _ = writeln!(
                yaml,
                "  - journey: {journey}\n    touchpoint: {touchpoint}\n    metrics:\n      - {{metric: csat, n: {}, value: {}}}",
                dice.range(20, 200),
                dice.range(10, 95)
            );
        }
        fs::write(jm.join(format!("measurements/wave-{w:02}.yaml")), yaml).expect("a wave");
    }
    println!(
        "wrote {n} journeys, {m} notes and {waves} waves to {}",
        out.display()
    );
}

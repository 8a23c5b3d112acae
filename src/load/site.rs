//! Reads `content/site.yaml`: site settings, each key with its default, and the scale rules.

use super::css_color::is_css_color;
use super::decode::{Decoder, Fields};
use super::yaml::Node;
use crate::diagnostics::{Code, Diagnostic, Listing, Message, did_you_mean};
use crate::model::{
    Brand, Criterion, FindingSettings, Language, MeasurementSettings, OutputSettings,
    ReportSettings, Scale, Site,
};
use crate::msg;
use std::collections::{BTreeMap, BTreeSet};

const SITE_KEYS: [&str; 13] = [
    "title",
    "language",
    "description",
    "scale",
    "criteria",
    "findings",
    "brand",
    "theme",
    "output",
    "owners",
    "report",
    "search",
    "measurements",
];
const SCALE_KEYS: [&str; 5] = ["min", "max", "indifference", "magic", "miserable"];
const CRITERION_KEYS: [&str; 3] = ["id", "label", "weight"];
const FINDINGS_KEYS: [&str; 2] = ["max_handoffs_in_a_row", "max_handoffs_per_stage"];
const BRAND_KEYS: [&str; 2] = ["primary_color", "logo"];
const OUTPUT_KEYS: [&str; 1] = ["keep"];
const REPORT_KEYS: [&str; 3] = ["client", "author", "date"];

/// What the site settings are checked against: files and themes that exist.
pub struct SiteContext<'a> {
    /// Paths of the files under `content/`, `/`-separated.
    pub content_files: &'a BTreeSet<&'a str>,
    /// Names of the folders under `themes/`.
    pub themes: &'a [String],
}

/// The settings read, and whether the scale is sound enough to check emotions against.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteSettings {
    /// The settings, with defaults wherever a value was missing or wrong.
    pub site: Site,
    /// False when the scale had errors: emotion ranges are then not checked.
    pub scale_is_valid: bool,
}

/// Reads site settings from a parsed `site.yaml` (an empty file gives all defaults).
pub fn decode_site(
    decoder: &mut Decoder<'_>,
    node: &Node,
    context: &SiteContext<'_>,
) -> SiteSettings {
    let mut site = Site::default();
    let mut scale_is_valid = true;
    if node.value == super::yaml::Value::Null {
        return SiteSettings {
            site,
            scale_is_valid,
        };
    }
    let Some(fields) = decoder.fields(node, "what.site", &SITE_KEYS) else {
        return SiteSettings {
            site,
            scale_is_valid,
        };
    };
    if let Some(n) = fields.get("title") {
        site.title = decoder.required_text(n, "title").unwrap_or(site.title);
    }
    if let Some(n) = fields.get("language") {
        site.language = decoder
            .choice::<Language>(n, "language", "what.language")
            .unwrap_or_default();
    }
    if let Some(n) = fields.get("description") {
        site.description = decoder.text(n, "description");
    }
    if let Some(n) = fields.get("scale") {
        match decode_scale(decoder, n) {
            Some(scale) => site.scale = scale,
            None => scale_is_valid = false,
        }
    }
    if let Some(n) = fields.get("criteria") {
        site.criteria = decode_criteria(decoder, n).unwrap_or_else(Criterion::defaults);
    }
    if let Some(n) = fields.get("findings") {
        site.findings = decode_findings(decoder, n);
    }
    if let Some(n) = fields.get("brand") {
        site.brand = decode_brand(decoder, n, context);
    }
    if let Some(n) = fields.get("theme") {
        site.theme = decode_theme(decoder, n, context).unwrap_or(site.theme);
    }
    if let Some(n) = fields.get("output") {
        site.output = decode_output(decoder, n);
    }
    if let Some(n) = fields.get("owners") {
        site.owners = decode_owners(decoder, n);
    }
    if let Some(n) = fields.get("report") {
        site.report = decode_report(decoder, n);
    }
    if let Some(n) = fields.get("search") {
        site.search = decoder.boolean(n, "search").unwrap_or(site.search);
    }
    if let Some(n) = fields.get("measurements") {
        site.measurements = decode_measurements(decoder, n);
    }
    SiteSettings {
        site,
        scale_is_valid,
    }
}

/// `output: {keep: [globs]}`: each glob must be one `globset` understands.
fn decode_output(decoder: &mut Decoder<'_>, node: &Node) -> OutputSettings {
    let mut output = OutputSettings::default();
    let Some(fields) = decoder.fields(node, "what.output", &OUTPUT_KEYS) else {
        return output;
    };
    let Some(list) = fields.get("keep") else {
        return output;
    };
    let Some(items) = decoder.list(list, "keep") else {
        return output;
    };
    for item in items {
        let Some(glob) = decoder.required_text(item, "keep") else {
            continue;
        };
        match globset::Glob::new(&glob) {
            Ok(_) => output.keep.push(glob),
            Err(e) => {
                let d = Diagnostic::error(
                    Code::InvalidValue,
                    decoder.location(item),
                    msg!("error.not_a_glob", glob, reason = e.kind()),
                )
                .with_help(msg!("help.glob"));
                decoder.report(d);
            }
        }
    }
    output
}

/// `owners: {customer-service: Customer service}`: the name to show for each owner.
fn decode_owners(decoder: &mut Decoder<'_>, node: &Node) -> BTreeMap<String, String> {
    let mut owners = BTreeMap::new();
    if node.value == super::yaml::Value::Null {
        return owners;
    }
    let super::yaml::Value::Map(entries) = &node.value else {
        let found = super::decode::describe(node);
        decoder
            .error(Code::WrongType, node, msg!("error.owners_mapping", found))
            .report_help(msg!("help.owners_mapping"));
        return owners;
    };
    for (key, value) in entries {
        let Some(owner) = decoder.required_text(key, "owners") else {
            continue;
        };
        if owners.contains_key(&owner) {
            decoder.error(Code::DuplicateKey, key, msg!("error.owner_twice", owner));
            continue;
        }
        if let Some(name) = decoder.required_text(value, &owner) {
            owners.insert(owner, name);
        }
    }
    owners
}

/// `report: {client, author, date}`: the cover of the printable report; the date is an ISO
/// date, so the report does not depend on the day it is built.
fn decode_report(decoder: &mut Decoder<'_>, node: &Node) -> ReportSettings {
    let mut report = ReportSettings::default();
    let Some(fields) = decoder.fields(node, "what.report", &REPORT_KEYS) else {
        return report;
    };
    if let Some(n) = fields.get("client") {
        report.client = decoder.required_text(n, "client");
    }
    if let Some(n) = fields.get("author") {
        report.author = decoder.required_text(n, "author");
    }
    if let Some(n) = fields.get("date")
        && let Some(date) = decoder.required_text(n, "date")
    {
        if is_iso_date(date.trim()) {
            report.date = Some(date.trim().to_string());
        } else {
            decoder
                .error(Code::InvalidValue, n, msg!("error.not_a_date", date))
                .report_help(msg!("help.date"));
        }
    }
    report
}

/// True for a calendar date written `YYYY-MM-DD` (leap years included).
pub(super) fn is_iso_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        year.parse::<u32>(),
        month.parse::<u32>(),
        day.parse::<u32>(),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

fn decode_scale(decoder: &mut Decoder<'_>, node: &Node) -> Option<Scale> {
    let fields = decoder.fields(node, "what.scale", &SCALE_KEYS)?;
    let defaults = Scale::default();
    let mut ok = true;
    let mut int = |decoder: &mut Decoder<'_>, key: &str, default: i32| -> i32 {
        match fields.get(key) {
            None => default,
            Some(n) => match decoder.int_in(n, key, -1000, 1000) {
                Some(v) => v as i32,
                None => {
                    ok = false;
                    default
                }
            },
        }
    };
    let min = int(decoder, "min", defaults.min);
    let max = int(decoder, "max", defaults.max);
    let magic = int(decoder, "magic", defaults.magic);
    let miserable = int(decoder, "miserable", defaults.miserable);
    let indifference = match fields.get("indifference") {
        None => defaults.indifference,
        Some(n) => match decode_pair(decoder, n) {
            Some(pair) => pair,
            None => {
                ok = false;
                defaults.indifference
            }
        },
    };
    if !ok {
        return None;
    }
    let scale = Scale {
        min,
        max,
        indifference,
        magic,
        miserable,
    };
    check_scale_rules(decoder, &fields, &scale).then_some(scale)
}

fn decode_pair(decoder: &mut Decoder<'_>, node: &Node) -> Option<[i32; 2]> {
    let items = decoder.list(node, "indifference")?;
    if items.len() != 2 {
        decoder.error(
            Code::WrongType,
            node,
            msg!("error.indifference_pair", count = items.len()),
        );
        return None;
    }
    let low = decoder.int_in(&items[0], "indifference", -1000, 1000)?;
    let high = decoder.int_in(&items[1], "indifference", -1000, 1000)?;
    Some([low as i32, high as i32])
}

/// Reports every broken rule: min < max; thresholds on the scale;
/// miserable < indifference[0] <= indifference[1] < magic.
fn check_scale_rules(decoder: &mut Decoder<'_>, fields: &Fields<'_>, s: &Scale) -> bool {
    let at = |key: &str| fields.get(key).unwrap_or(fields.node());
    let mut problems: Vec<(&Node, Message)> = Vec::new();
    if s.min >= s.max {
        problems.push((
            at("max"),
            msg!("error.max_above_min", max = s.max, min = s.min),
        ));
    }
    for (key, value) in [("magic", s.magic), ("miserable", s.miserable)] {
        if !(s.min..=s.max).contains(&value) {
            problems.push((
                at(key),
                msg!("error.on_the_scale", key, value, min = s.min, max = s.max),
            ));
        }
    }
    let [low, high] = s.indifference;
    if !(s.min..=s.max).contains(&low) || !(s.min..=s.max).contains(&high) {
        problems.push((
            at("indifference"),
            msg!(
                "error.zone_on_the_scale",
                low,
                high,
                min = s.min,
                max = s.max
            ),
        ));
    }
    if low > high {
        problems.push((
            at("indifference"),
            msg!("error.zone_lowest_first", low, high),
        ));
    }
    if s.miserable >= low {
        problems.push((
            at("miserable"),
            msg!("error.miserable_below_zone", miserable = s.miserable, low),
        ));
    }
    if s.magic <= high {
        problems.push((
            at("magic"),
            msg!("error.magic_above_zone", magic = s.magic, high),
        ));
    }
    let ok = problems.is_empty();
    for (node, message) in problems {
        let d = Diagnostic::error(Code::InvalidScale, decoder.location(node), message)
            .with_help(msg!("help.scale_rules"));
        decoder.report(d);
    }
    ok
}

fn decode_criteria(decoder: &mut Decoder<'_>, node: &Node) -> Option<Vec<Criterion>> {
    let items = decoder.list(node, "criteria")?;
    if items.is_empty() {
        decoder.error(Code::EmptyList, node, msg!("error.no_criteria"));
        return None;
    }
    let mut criteria: Vec<Criterion> = Vec::new();
    let mut ok = true;
    for item in items {
        let Some(fields) = decoder.fields(item, "what.criterion", &CRITERION_KEYS) else {
            ok = false;
            continue;
        };
        let id = fields
            .required(decoder, "id")
            .and_then(|n| decoder.id_snake(n));
        let builtin = id
            .as_deref()
            .is_some_and(|id| Criterion::DEFAULT_IDS.contains(&id));
        let label = match fields.get("label") {
            Some(n) => decoder.required_text(n, "label"),
            None if builtin => None,
            None => {
                fields.required(decoder, "label");
                ok = false;
                None
            }
        };
        let weight = match fields.get("weight") {
            None => Some(1.0),
            Some(n) => decoder.number(n, "weight").and_then(|w| {
                if !(0.0..=1000.0).contains(&w) {
                    decoder.error(Code::OutOfRange, n, msg!("error.weight_range", w));
                    None
                } else {
                    Some(w)
                }
            }),
        };
        let (Some(id), Some(weight)) = (id, weight) else {
            ok = false;
            continue;
        };
        if criteria.iter().any(|c| c.id == id) {
            let id_node = fields.get("id").unwrap_or(item);
            decoder.error(
                Code::DuplicateId,
                id_node,
                msg!("error.criterion_twice", id),
            );
            ok = false;
            continue;
        }
        criteria.push(Criterion { id, label, weight });
    }
    if ok && criteria.iter().all(|c| c.weight == 0.0) {
        decoder.error(Code::OutOfRange, node, msg!("error.all_weights_zero"));
        return None;
    }
    ok.then_some(criteria)
}

fn decode_findings(decoder: &mut Decoder<'_>, node: &Node) -> FindingSettings {
    let mut settings = FindingSettings::default();
    let Some(fields) = decoder.fields(node, "what.findings", &FINDINGS_KEYS) else {
        return settings;
    };
    if let Some(n) = fields.get("max_handoffs_in_a_row")
        && let Some(v) = decoder.int_in(n, "max_handoffs_in_a_row", 0, 1000)
    {
        settings.max_handoffs_in_a_row = v as u32;
    }
    let old_key = match &fields.node().value {
        super::yaml::Value::Map(entries) => entries.iter().map(|(k, _)| k).find(
            |k| matches!(&k.value, super::yaml::Value::Str(s) if s == "max_handoffs_per_stage"),
        ),
        _ => None,
    };
    if let Some(key) = old_key {
        decoder
            .error(Code::UnknownKey, key, msg!("error.max_handoffs_renamed"))
            .report_help(msg!("help.max_handoffs_renamed"));
    }
    settings
}

fn decode_brand(decoder: &mut Decoder<'_>, node: &Node, context: &SiteContext<'_>) -> Brand {
    let mut brand = Brand::default();
    let Some(fields) = decoder.fields(node, "what.brand", &BRAND_KEYS) else {
        return brand;
    };
    if let Some(n) = fields.get("primary_color")
        && let Some(color) = decoder.required_text(n, "primary_color")
    {
        if is_css_color(&color) {
            brand.primary_color = Some(color.trim().to_string());
        } else {
            let d = Diagnostic::error(
                Code::InvalidValue,
                decoder.location(n),
                msg!("error.not_a_colour", color),
            )
            .with_help(msg!("help.colour"));
            decoder.report(d);
        }
    }
    if let Some(n) = fields.get("logo")
        && let Some(logo) = decoder.required_text(n, "logo")
    {
        let path = logo.trim().trim_start_matches("./").to_string();
        if context.content_files.contains(path.as_str()) {
            brand.logo = Some(path);
        } else {
            let files = context.content_files.iter().copied();
            let listing = Listing::Sentence(msg!("help.relative_to_content"));
            let help = did_you_mean(&path, files, listing).help;
            let d = Diagnostic::error(
                Code::MissingFile,
                decoder.location(n),
                msg!("error.no_logo", logo),
            )
            .with_help(help);
            decoder.report(d);
        }
    }
    brand
}

fn decode_theme(
    decoder: &mut Decoder<'_>,
    node: &Node,
    context: &SiteContext<'_>,
) -> Option<String> {
    let theme = decoder.required_text(node, "theme")?;
    if theme == "default" || context.themes.contains(&theme) {
        return Some(theme);
    }
    let names = std::iter::once("default").chain(context.themes.iter().map(String::as_str));
    let help = did_you_mean(&theme, names, Listing::Always(msg!("list.themes"))).help;
    let d = Diagnostic::error(
        Code::UnknownTheme,
        decoder.location(node),
        msg!("error.unknown_theme", theme),
    )
    .with_help(help);
    decoder.report(d);
    None
}

/// `measurements: {min_n}`: the fewest answers a measured value needs to count as sound.
fn decode_measurements(decoder: &mut Decoder<'_>, node: &Node) -> MeasurementSettings {
    let mut settings = MeasurementSettings::default();
    let Some(fields) = decoder.fields(node, "what.measurements", &["min_n"]) else {
        return settings;
    };
    if let Some(n) = fields.get("min_n")
        && let Some(min) = decoder.int_in(n, "min_n", 1, 1_000_000)
    {
        settings.min_n = u32::try_from(min).unwrap_or(settings.min_n);
    }
    settings
}

#[cfg(test)]
mod tests {
    use super::is_iso_date;

    #[test]
    fn iso_dates_are_calendar_dates() {
        for date in ["2026-11-30", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_iso_date(date), "{date}");
        }
        for date in [
            "2026-11-31",
            "2023-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-1-01",
            "30-11-2026",
            "2026/11/30",
            "2026-11-30T10:00",
            "",
        ] {
            assert!(!is_iso_date(date), "{date}");
        }
    }
}

#[cfg(test)]
mod handoff_limit_tests {
    use crate::diagnostics::Code;
    use crate::load::load_project;

    fn site(yaml: &str) -> crate::load::Loaded {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/site.yaml"), yaml).unwrap();
        load_project(dir.path())
    }

    #[test]
    fn the_per_stage_limit_is_an_error_that_names_the_one_in_a_row() {
        let loaded = site("findings:\n  max_handoffs_per_stage: 2\n");
        assert!(loaded.project.is_none());
        let diagnostics = loaded.diagnostics.sorted();
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].code, Code::UnknownKey);
        assert_eq!(diagnostics[0].location.line(), Some(2));
        assert!(
            diagnostics[0]
                .message
                .english()
                .contains("max_handoffs_in_a_row")
        );
        let loaded = site("findings:\n  max_handoffs_in_a_row: 3\n");
        let project = loaded.project.expect("valid");
        assert_eq!(project.site.findings.max_handoffs_in_a_row, 3);
        let loaded = site("title: x\n");
        assert_eq!(
            loaded.project.unwrap().site.findings.max_handoffs_in_a_row,
            1
        );
    }
}

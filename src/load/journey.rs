//! Reads one journey file into a [`Journey`], checking every rule that needs only the file
//! itself and the site settings. References to promises are resolved later, site-wide.

use super::decode::{Decoder, describe};
use super::lanes::decode_lanes;
use super::promises::decode_promise;
use super::yaml::{Node, Value};
use crate::diagnostics::{Code, Diagnostic, FINDINGS, Listing, Location, Names, did_you_mean};
use crate::model::{
    Acceptance, Basis, Delivery, DeliveryResult, Emotion, Improvement, Journey, Kind, Moment,
    Promise, PromiseOrigin, Scale, Site, Stage, Touchpoint,
};
use crate::msg;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

const JOURNEY_KEYS: [&str; 9] = [
    "title",
    "persona",
    "summary",
    "owner",
    "brand_values",
    "stages",
    "improvements",
    "accept",
    "desired_for",
];
const STAGE_KEYS: [&str; 3] = ["name", "id", "touchpoints"];
const TOUCHPOINT_KEYS: [&str; 21] = [
    "name",
    "id",
    "kind",
    "channel",
    "owner",
    "emotion",
    "target",
    "moment",
    "impact",
    "frequency",
    "direct",
    "in_process",
    "basis",
    "asks",
    "promises",
    "delivers",
    "notes",
    "evidence",
    "frontstage",
    "backstage",
    "support",
];
const DELIVERY_KEYS: [&str; 3] = ["promise", "result", "evidence"];
const IMPROVEMENT_KEYS: [&str; 5] = ["title", "touchpoints", "scores", "creates", "plan"];
const ACCEPT_KEYS: [&str; 3] = ["finding", "touchpoint", "reason"];

/// A promise id named somewhere, to be checked against every promise of the site.
#[derive(Debug, Clone)]
pub struct PromiseReference {
    /// The id named.
    pub id: String,
    /// Where it is named.
    pub location: Location,
}

/// A journey as read from its file, with what must be resolved across files. Reading is
/// best-effort: a touchpoint with errors is left out, but its id is still declared, so
/// that references to it do not cause errors of their own.
#[derive(Debug, Clone)]
pub struct JourneyDraft {
    /// The journey, without the parts that had errors. Shared, so that a rebuild that finds
    /// the file unchanged takes it as it is (while it is decoded it has one owner, so
    /// `Arc::make_mut` changes it in place).
    pub journey: Arc<Journey>,
    /// Every touchpoint id the file declares, including those of touchpoints with errors.
    pub declared_touchpoints: Arc<BTreeSet<String>>,
    /// Promises defined inline in its touchpoints.
    pub inline_promises: Vec<Promise>,
    /// Promise ids named in `promises` lists and deliveries, also of touchpoints with errors.
    pub promise_references: Vec<PromiseReference>,
    /// The `persona` as written, and where: a persona id once `personas.yaml` exists.
    pub persona_reference: Option<(String, Location)>,
    /// `desired_for`: the current journey this one is the design of, and where it is named.
    pub desired_for: Option<PromiseReference>,
    /// Where each `target` is written.
    pub targets: Vec<Location>,
    /// Touchpoint ids named in improvement options' `creates`, checked against the desired
    /// journey.
    pub creates: Vec<PromiseReference>,
}

/// What a journey is checked against.
pub struct JourneyContext<'a> {
    /// Site settings (scale and criteria).
    pub site: &'a Site,
    /// False when the scale in site.yaml is broken: emotions are then not range-checked.
    pub scale_is_valid: bool,
}

/// Reads a journey with id `id` from its parsed file; `None` when the file holds no
/// journey at all (empty, or not a mapping).
pub fn decode_journey(
    decoder: &mut Decoder<'_>,
    node: &Node,
    id: String,
    context: &JourneyContext<'_>,
) -> Option<JourneyDraft> {
    if node.value == Value::Null {
        let d = Diagnostic::error(
            Code::MissingKey,
            decoder.file_start(),
            msg!("error.empty_journey"),
        )
        .with_help(msg!("help.empty_journey"));
        decoder.report(d);
        return None;
    }
    let fields = decoder.fields(node, "what.journey", &JOURNEY_KEYS)?;
    let title = fields
        .required(decoder, "title")
        .and_then(|n| decoder.required_text(n, "title"))
        .unwrap_or_default();
    let persona = optional_text(decoder, fields.get("persona"), "persona");
    let summary = optional_text(decoder, fields.get("summary"), "summary");
    let owner = optional_text(decoder, fields.get("owner"), "owner");
    let brand_values = fields
        .get("brand_values")
        .map(|n| decoder.text_list(n, "brand_values"))
        .unwrap_or_default();
    let mut draft = JourneyDraft {
        journey: Arc::new(Journey {
            id,
            title,
            persona,
            summary,
            owner,
            brand_values,
            stages: Vec::new(),
            improvements: Vec::new(),
            accept: Vec::new(),
            desired_for: None,
            location: decoder.file_start(),
        }),
        declared_touchpoints: Arc::default(),
        inline_promises: Vec::new(),
        promise_references: Vec::new(),
        persona_reference: None,
        desired_for: None,
        targets: Vec::new(),
        creates: Vec::new(),
    };
    if let (Some(persona), Some(n)) = (&draft.journey.persona, fields.get("persona")) {
        draft.persona_reference = Some((persona.trim().to_string(), decoder.location(n)));
    }
    if let Some(n) = fields.get("desired_for")
        && let Some(id) = decoder.id(n, "desired_for")
    {
        Arc::make_mut(&mut draft.journey).desired_for = Some(id.clone());
        draft.desired_for = Some(PromiseReference {
            id,
            location: decoder.location(n),
        });
    }
    if let Some(stages) = fields.required(decoder, "stages") {
        decode_stages(decoder, stages, context, &mut draft);
    }
    if let Some(n) = fields.get("improvements") {
        decode_improvements(decoder, n, context.site, &mut draft);
    }
    if let Some(n) = fields.get("accept") {
        let accept = decode_accepts(decoder, n, &draft.declared_touchpoints);
        Arc::make_mut(&mut draft.journey).accept = accept;
    }
    Some(draft)
}

fn optional_text(decoder: &mut Decoder<'_>, node: Option<&Node>, key: &str) -> Option<String> {
    node.and_then(|n| decoder.text(n, key))
        .filter(|t| !t.trim().is_empty())
}

fn decode_stages(
    decoder: &mut Decoder<'_>,
    node: &Node,
    context: &JourneyContext<'_>,
    draft: &mut JourneyDraft,
) {
    let Some(items) = decoder.list(node, "stages") else {
        return;
    };
    if items.is_empty() {
        decoder
            .error(Code::EmptyList, node, msg!("error.no_stages"))
            .report_help(msg!("help.no_stages"));
        return;
    }
    let mut touchpoint_lines: BTreeMap<String, u32> = BTreeMap::new();
    for item in items {
        let Some(stage) = decode_stage(decoder, item, context, draft, &mut touchpoint_lines) else {
            continue;
        };
        if let Some(first) = draft.journey.stages.iter().find(|s| s.id == stage.id) {
            let line = first.location.line().unwrap_or(0);
            let d = Diagnostic::error(
                Code::DuplicateId,
                stage.location.clone(),
                msg!("error.stage_id_twice", id = &stage.id),
            )
            .with_help(msg!("help.stage_id_twice", line));
            decoder.report(d);
        }
        Arc::make_mut(&mut draft.journey).stages.push(stage);
    }
}

fn decode_stage(
    decoder: &mut Decoder<'_>,
    node: &Node,
    context: &JourneyContext<'_>,
    draft: &mut JourneyDraft,
    touchpoint_lines: &mut BTreeMap<String, u32>,
) -> Option<Stage> {
    let fields = decoder.fields(node, "what.stage", &STAGE_KEYS)?;
    let name_node = fields.required(decoder, "name");
    let name = name_node.and_then(|n| decoder.required_text(n, "name"));
    let id = match (&name, name_node) {
        (Some(name), Some(name_node)) => decoder.id_or_slug(fields.get("id"), name, name_node),
        _ => None,
    };
    let mut touchpoints = Vec::new();
    if let Some(list_node) = fields.required(decoder, "touchpoints")
        && let Some(items) = decoder.list(list_node, "touchpoints")
    {
        if items.is_empty() {
            let message = match name.as_deref() {
                Some(name) => msg!("error.stage_no_touchpoints", name),
                None => msg!("error.unnamed_stage_no_touchpoints"),
            };
            decoder
                .error(Code::EmptyList, list_node, message)
                .report_help(msg!("help.stage_no_touchpoints"));
        }
        for item in items {
            if let Some(touchpoint) =
                decode_touchpoint(decoder, item, context, draft, touchpoint_lines)
            {
                touchpoints.push(touchpoint);
            }
        }
    }
    Some(Stage {
        id: id?,
        name: name?,
        touchpoints,
        location: decoder.location(name_node.unwrap_or(node)),
    })
}

/// Declares a touchpoint id, reporting a duplicate; false when it was taken.
fn declare_touchpoint(
    decoder: &mut Decoder<'_>,
    id: &str,
    at: &Node,
    draft: &mut JourneyDraft,
    touchpoint_lines: &mut BTreeMap<String, u32>,
) -> bool {
    if let Some(first_line) = touchpoint_lines.get(id) {
        let d = Diagnostic::error(
            Code::DuplicateId,
            decoder.location(at),
            msg!("error.touchpoint_id_twice", id),
        )
        .with_help(Some(msg!("help.touchpoint_id_twice", first_line)));
        decoder.report(d);
        return false;
    }
    touchpoint_lines.insert(id.to_string(), at.position.line);
    Arc::make_mut(&mut draft.declared_touchpoints).insert(id.to_string());
    true
}

fn decode_touchpoint(
    decoder: &mut Decoder<'_>,
    node: &Node,
    context: &JourneyContext<'_>,
    draft: &mut JourneyDraft,
    touchpoint_lines: &mut BTreeMap<String, u32>,
) -> Option<Touchpoint> {
    let fields = decoder.fields(node, "what.touchpoint", &TOUCHPOINT_KEYS)?;
    let name_node = fields.required(decoder, "name");
    let name = name_node.and_then(|n| decoder.required_text(n, "name"));
    let id = match (&name, name_node) {
        (Some(name), Some(name_node)) => decoder.id_or_slug(fields.get("id"), name, name_node),
        _ => None,
    };
    let id = id.filter(|id| {
        let at = fields.get("id").or(name_node).unwrap_or(node);
        declare_touchpoint(decoder, id, at, draft, touchpoint_lines)
    });
    let kind = fields
        .required(decoder, "kind")
        .and_then(|n| decoder.labelled_choice::<Kind>(n, "kind", "what.kind"));
    let scale = &context.site.scale;
    let current = fields
        .required(decoder, "emotion")
        .and_then(|n| emotion(decoder, n, "emotion", scale, context.scale_is_valid));
    let target_node = fields.get("target");
    let target =
        target_node.and_then(|n| emotion(decoder, n, "target", scale, context.scale_is_valid));
    if let Some(n) = target_node {
        draft.targets.push(decoder.location(n));
    }
    let moment = fields
        .get("moment")
        .and_then(|n| decoder.labelled_choice::<Moment>(n, "moment", "what.moment"))
        .unwrap_or_default();
    let basis = fields
        .get("basis")
        .and_then(|n| decoder.labelled_choice::<Basis>(n, "basis", "what.basis"))
        .unwrap_or_default();
    let impact = score(decoder, fields.get("impact"), "impact");
    let frequency = score(decoder, fields.get("frequency"), "frequency");
    let direct = flag(decoder, fields.get("direct"), "direct");
    let in_process = flag(decoder, fields.get("in_process"), "in_process");
    let channel = optional_text(decoder, fields.get("channel"), "channel");
    let owner = optional_text(decoder, fields.get("owner"), "owner");
    let notes = optional_text(decoder, fields.get("notes"), "notes");
    let asks = fields
        .get("asks")
        .map(|n| decoder.text_list(n, "asks"))
        .unwrap_or_default();
    let lanes = decode_lanes(decoder, |key| fields.get(key));
    let location = decoder.location(name_node.unwrap_or(node));
    let promises = match (fields.get("promises"), id.as_deref()) {
        (Some(n), Some(id)) => decode_promises_made(decoder, n, id, draft),
        _ => Vec::new(),
    };
    let delivers = fields
        .get("delivers")
        .map(|n| decode_deliveries(decoder, n, draft))
        .unwrap_or_default();
    Some(Touchpoint {
        id: id?,
        name: name?,
        kind: kind?,
        channel,
        owner,
        emotion: current?,
        target,
        moment,
        impact,
        frequency,
        direct,
        in_process,
        basis,
        asks,
        promises,
        delivers,
        notes,
        lanes,
        location,
    })
}

fn score(decoder: &mut Decoder<'_>, node: Option<&Node>, key: &str) -> Option<u8> {
    node.and_then(|n| decoder.int_in(n, key, 1, 5))
        .map(|v| v as u8)
}

fn flag(decoder: &mut Decoder<'_>, node: Option<&Node>, key: &str) -> bool {
    node.and_then(|n| decoder.boolean(n, key)).unwrap_or(true)
}

/// An emotion or target: a whole number or a decimal with at most two places, on the scale
/// (when the scale itself is valid).
fn emotion(
    decoder: &mut Decoder<'_>,
    node: &Node,
    key: &str,
    scale: &Scale,
    check_range: bool,
) -> Option<Emotion> {
    let number = match &node.value {
        Value::Int(_) | Value::Float(_) => decoder.number(node, key)?,
        _ => {
            let found = describe(node);
            decoder
                .error(
                    Code::WrongType,
                    node,
                    msg!("error.must_be_number", key, found),
                )
                .report_help(msg!("help.emotion_number"));
            return None;
        }
    };
    let Some(value) = Emotion::from_number(number) else {
        let rounded = (number * 100.0).round() / 100.0;
        decoder
            .error(
                Code::WrongType,
                node,
                msg!("error.too_many_decimals", key, number),
            )
            .report_help(msg!("help.round_decimals", rounded));
        return None;
    };
    if check_range && !(value >= scale.min && value <= scale.max) {
        let (min, max) = (scale.min, scale.max);
        let d = Diagnostic::error(
            Code::OutOfRange,
            decoder.location(node),
            msg!("error.out_of_range", key, value, min, max),
        )
        .with_label(msg!("label.between", min, max));
        decoder.report(d);
        return None;
    }
    Some(value)
}

fn decode_promises_made(
    decoder: &mut Decoder<'_>,
    node: &Node,
    touchpoint: &str,
    draft: &mut JourneyDraft,
) -> Vec<String> {
    let Some(items) = decoder.list(node, "promises") else {
        return Vec::new();
    };
    let mut ids = Vec::new();
    for item in items {
        match &item.value {
            Value::Map(_) => {
                let origin = PromiseOrigin::Inline {
                    journey: draft.journey.id.clone(),
                    touchpoint: touchpoint.to_string(),
                };
                if let Some(p) = decode_promise(decoder, item, origin) {
                    ids.push(p.id.clone());
                    draft.inline_promises.push(p);
                }
            }
            Value::Str(_) => {
                if let Some(id) = decoder.id(item, "promises") {
                    draft.promise_references.push(PromiseReference {
                        id: id.clone(),
                        location: decoder.location(item),
                    });
                    ids.push(id);
                }
            }
            _ => {
                let found = describe(item);
                decoder
                    .error(Code::WrongType, item, msg!("error.promise_item", found))
                    .report_help(msg!("help.promise_item"));
            }
        }
    }
    ids
}

fn decode_deliveries(
    decoder: &mut Decoder<'_>,
    node: &Node,
    draft: &mut JourneyDraft,
) -> Vec<Delivery> {
    let Some(items) = decoder.list(node, "delivers") else {
        return Vec::new();
    };
    let mut deliveries = Vec::new();
    for item in items {
        let Some(fields) = decoder.fields(item, "what.delivery", &DELIVERY_KEYS) else {
            continue;
        };
        let promise_node = fields.required(decoder, "promise");
        let promise = promise_node.and_then(|n| decoder.id(n, "promise"));
        if let (Some(id), Some(n)) = (&promise, promise_node) {
            draft.promise_references.push(PromiseReference {
                id: id.clone(),
                location: decoder.location(n),
            });
        }
        let result = fields
            .required(decoder, "result")
            .and_then(|n| decoder.labelled_choice::<DeliveryResult>(n, "result", "what.result"));
        let evidence = optional_text(decoder, fields.get("evidence"), "evidence");
        if let (Some(promise), Some(result), Some(promise_node)) = (promise, result, promise_node) {
            deliveries.push(Delivery {
                promise,
                result,
                evidence,
                location: decoder.location(promise_node),
            });
        }
    }
    deliveries
}

fn decode_improvements(
    decoder: &mut Decoder<'_>,
    node: &Node,
    site: &Site,
    draft: &mut JourneyDraft,
) {
    let Some(items) = decoder.list(node, "improvements") else {
        return;
    };
    for item in items {
        let declared = &draft.declared_touchpoints;
        if let Some(improvement) =
            decode_improvement(decoder, item, site, declared, &mut draft.creates)
        {
            Arc::make_mut(&mut draft.journey)
                .improvements
                .push(improvement);
        }
    }
}

fn decode_improvement(
    decoder: &mut Decoder<'_>,
    node: &Node,
    site: &Site,
    declared: &BTreeSet<String>,
    created: &mut Vec<PromiseReference>,
) -> Option<Improvement> {
    let fields = decoder.fields(node, "what.improvement", &IMPROVEMENT_KEYS)?;
    let title_node = fields.required(decoder, "title");
    let title = title_node.and_then(|n| decoder.required_text(n, "title"));
    let mut touchpoints = Vec::new();
    if let Some(n) = fields.get("touchpoints")
        && let Some(items) = decoder.list(n, "touchpoints")
    {
        for item in items {
            let Some(id) = decoder.required_text(item, "touchpoints") else {
                continue;
            };
            if !declared.contains(&id) {
                let known = declared.iter().map(String::as_str);
                let listing = Listing::Otherwise(msg!("list.touchpoints_here"));
                let help = did_you_mean(&id, known, listing).help;
                let d = Diagnostic::error(
                    Code::UnknownTouchpoint,
                    decoder.location(item),
                    msg!("error.no_touchpoint_here", id),
                )
                .with_help(help);
                decoder.report(d);
            }
            touchpoints.push(id);
        }
    }
    let mut creates = Vec::new();
    if let Some(n) = fields.get("creates")
        && let Some(items) = decoder.list(n, "creates")
    {
        for item in items {
            if let Some(id) = decoder.required_text(item, "creates") {
                let location = decoder.location(item);
                created.push(PromiseReference {
                    id: id.clone(),
                    location,
                });
                creates.push(id);
            }
        }
    }
    let scores = fields
        .required(decoder, "scores")
        .and_then(|n| decode_scores(decoder, n, site));
    let plan = match fields.get("plan") {
        Some(n) => Some(super::plan::decode_plan(decoder, n, declared)?),
        None => None,
    };
    Some(Improvement {
        title: title?,
        touchpoints,
        scores: scores?,
        creates,
        plan,
        location: decoder.location(title_node.unwrap_or(node)),
    })
}

/// `accept`: findings accepted on purpose, each a finding code, optionally a touchpoint of
/// this journey, and a reason.
fn decode_accepts(
    decoder: &mut Decoder<'_>,
    node: &Node,
    declared: &BTreeSet<String>,
) -> Vec<Acceptance> {
    let Some(items) = decoder.list(node, "accept") else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| decode_accept(decoder, item, declared))
        .collect()
}

fn decode_accept(
    decoder: &mut Decoder<'_>,
    node: &Node,
    declared: &BTreeSet<String>,
) -> Option<Acceptance> {
    let fields = decoder.fields(node, "what.accept", &ACCEPT_KEYS)?;
    let finding_node = fields.required(decoder, "finding");
    let finding = finding_node.and_then(|n| {
        let code = decoder.required_text(n, "finding")?;
        let found = FINDINGS.iter().find(|(c, _)| c.as_str() == code.trim());
        if found.is_none() {
            let codes = FINDINGS.iter().map(|(c, _)| c.as_str());
            let listing = Listing::Otherwise(msg!("list.finding_codes"));
            let help = did_you_mean(code.trim(), codes, listing).help;
            let d = Diagnostic::error(
                Code::UnknownFinding,
                decoder.location(n),
                msg!("error.unknown_finding", code),
            )
            .with_help(help);
            decoder.report(d);
        }
        found.map(|(c, _)| *c)
    });
    let mut touchpoint_ok = true;
    let touchpoint = fields.get("touchpoint").and_then(|n| {
        let id = decoder.required_text(n, "touchpoint")?;
        if !declared.contains(&id) {
            touchpoint_ok = false;
            let known = declared.iter().map(String::as_str);
            let listing = Listing::Otherwise(msg!("list.touchpoints_here"));
            let help = did_you_mean(&id, known, listing).help;
            let d = Diagnostic::error(
                Code::UnknownTouchpoint,
                decoder.location(n),
                msg!("error.no_touchpoint_here", id),
            )
            .with_help(help);
            decoder.report(d);
        }
        Some(id)
    });
    let reason = fields
        .required(decoder, "reason")
        .and_then(|n| decoder.required_text(n, "reason"));
    let location = decoder.location(finding_node.unwrap_or(node));
    if !touchpoint_ok {
        return None;
    }
    Some(Acceptance {
        finding: finding?,
        touchpoint,
        reason: reason?,
        location,
    })
}

fn decode_scores(
    decoder: &mut Decoder<'_>,
    node: &Node,
    site: &Site,
) -> Option<BTreeMap<String, u8>> {
    let Value::Map(entries) = &node.value else {
        let found = describe(node);
        decoder
            .error(Code::WrongType, node, msg!("error.scores_mapping", found))
            .report_help(msg!("help.scores_mapping"));
        return None;
    };
    let ids: Vec<&str> = site.criteria.iter().map(|c| c.id.as_str()).collect();
    let mut scores = BTreeMap::new();
    // Criteria named by a key, scored or not: an unknown or invalid key does not hide the
    // criteria no key names (`distinctiv: 4` is unknown, and `distinctive` is missing).
    let mut named: BTreeSet<&str> = BTreeSet::new();
    let mut every_key_read = true;
    for (key, value) in entries {
        let Some(criterion) = decoder.required_text(key, "scores") else {
            every_key_read = false;
            continue;
        };
        if !ids.contains(&criterion.as_str()) {
            let listing = Listing::Always(msg!("list.criteria"));
            let help = did_you_mean(&criterion, ids.iter().copied(), listing).help;
            let d = Diagnostic::error(
                Code::UnknownCriterion,
                decoder.location(key),
                msg!("error.unknown_criterion", criterion),
            )
            .with_help(help);
            decoder.report(d);
            continue;
        }
        if let Some(id) = ids.iter().find(|id| **id == criterion) {
            named.insert(id);
        }
        if scores.contains_key(&criterion) {
            decoder.error(
                Code::DuplicateKey,
                key,
                msg!("error.scored_twice", criterion),
            );
            continue;
        }
        if let Some(v) = decoder.int_in(value, &criterion, 1, 5) {
            scores.insert(criterion, v as u8);
        }
    }
    let missing: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| !named.contains(id))
        .collect();
    if every_key_read && !missing.is_empty() {
        let d = Diagnostic::error(
            Code::MissingScore,
            decoder.location(node),
            msg!(
                "error.not_scored",
                names = Names::of(missing.iter().copied())
            ),
        )
        .with_help(msg!("help.not_scored"));
        decoder.report(d);
    }
    Some(scores)
}

//! Reads one journey file into a [`Journey`], checking every rule that needs only the file
//! itself and the site settings. References to promises are resolved later, site-wide.

use super::decode::{Decoder, describe};
use super::promises::decode_promise;
use super::yaml::{Node, Value};
use crate::diagnostics::{Code, Diagnostic, Location, closest, list_names};
use crate::model::{
    Basis, Delivery, DeliveryResult, Improvement, Journey, Kind, Moment, Promise, PromiseOrigin,
    Scale, Site, Stage, Touchpoint,
};
use std::collections::BTreeMap;

const JOURNEY_KEYS: [&str; 7] = [
    "title",
    "persona",
    "summary",
    "owner",
    "brand_values",
    "stages",
    "improvements",
];
const STAGE_KEYS: [&str; 3] = ["name", "id", "touchpoints"];
const TOUCHPOINT_KEYS: [&str; 17] = [
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
];
const DELIVERY_KEYS: [&str; 3] = ["promise", "result", "evidence"];
const IMPROVEMENT_KEYS: [&str; 3] = ["title", "touchpoints", "scores"];

/// A promise id named somewhere, to be checked against every promise of the site.
#[derive(Debug, Clone)]
pub struct PromiseReference {
    /// The id named.
    pub id: String,
    /// Where it is named.
    pub location: Location,
}

/// A journey as read from its file, with what must be resolved across files.
pub struct JourneyDraft {
    /// The journey.
    pub journey: Journey,
    /// Promises defined inline in its touchpoints.
    pub inline_promises: Vec<Promise>,
    /// Promise ids named in `promises` lists (deliveries are in the journey itself).
    pub promise_references: Vec<PromiseReference>,
}

/// What a journey is checked against.
pub struct JourneyContext<'a> {
    /// Site settings (scale and criteria).
    pub site: &'a Site,
    /// False when the scale in site.yaml is broken: emotions are then not range-checked.
    pub scale_is_valid: bool,
}

/// Reads a journey with id `id` from its parsed file.
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
            "the journey file is empty",
        )
        .with_help(Some(
            "a journey needs at least a `title` and `stages` with touchpoints".to_string(),
        ));
        decoder.report(d);
        return None;
    }
    let fields = decoder.fields(node, "a journey", &JOURNEY_KEYS)?;
    let title = fields
        .required(decoder, "title")
        .and_then(|n| decoder.required_text(n, "title"));
    let persona = optional_text(decoder, fields.get("persona"), "persona");
    let summary = optional_text(decoder, fields.get("summary"), "summary");
    let owner = optional_text(decoder, fields.get("owner"), "owner");
    let brand_values = fields
        .get("brand_values")
        .map(|n| decoder.text_list(n, "brand_values"))
        .unwrap_or_default();

    let mut draft = JourneyDraft {
        journey: Journey {
            id,
            title: String::new(),
            persona,
            summary,
            owner,
            brand_values,
            stages: Vec::new(),
            improvements: Vec::new(),
            location: decoder.file_start(),
        },
        inline_promises: Vec::new(),
        promise_references: Vec::new(),
    };
    let mut ok = title.is_some();
    match fields.required(decoder, "stages") {
        Some(stages_node) => ok &= decode_stages(decoder, stages_node, context, &mut draft),
        None => ok = false,
    }
    if let Some(n) = fields.get("improvements") {
        ok &= decode_improvements(decoder, n, context.site, &mut draft.journey);
    }
    draft.journey.title = title?;
    ok.then_some(draft)
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
) -> bool {
    let Some(items) = decoder.list(node, "stages") else {
        return false;
    };
    if items.is_empty() {
        decoder
            .error(Code::EmptyList, node, "the journey has no stages")
            .report_help("add at least one stage with a `name` and `touchpoints`");
        return false;
    }
    let mut ok = true;
    let mut touchpoint_ids: BTreeMap<String, u32> = BTreeMap::new();
    for item in items {
        match decode_stage(decoder, item, context, draft, &mut touchpoint_ids) {
            Some(stage) => {
                if let Some(first) = draft.journey.stages.iter().find(|s| s.id == stage.id) {
                    let line = first.location.line().unwrap_or(0);
                    let d = Diagnostic::error(
                        Code::DuplicateId,
                        stage.location.clone(),
                        format!("two stages have the id `{}`", stage.id),
                    )
                    .with_help(Some(format!(
                        "the first is on line {line}; give one of them another name or an `id`"
                    )));
                    decoder.report(d);
                    ok = false;
                }
                draft.journey.stages.push(stage);
            }
            None => ok = false,
        }
    }
    ok
}

fn decode_stage(
    decoder: &mut Decoder<'_>,
    node: &Node,
    context: &JourneyContext<'_>,
    draft: &mut JourneyDraft,
    touchpoint_ids: &mut BTreeMap<String, u32>,
) -> Option<Stage> {
    let fields = decoder.fields(node, "a stage", &STAGE_KEYS)?;
    let name_node = fields.required(decoder, "name");
    let name = name_node.and_then(|n| decoder.required_text(n, "name"));
    let id = match (&name, name_node) {
        (Some(name), Some(name_node)) => decoder.id_or_slug(fields.get("id"), name, name_node),
        _ => None,
    };
    let touchpoints_node = fields.required(decoder, "touchpoints");
    let mut touchpoints = Vec::new();
    let mut ok = true;
    if let Some(list_node) = touchpoints_node {
        match decoder.list(list_node, "touchpoints") {
            Some([]) => {
                let stage_name = name.as_deref().unwrap_or("this stage");
                decoder
                    .error(
                        Code::EmptyList,
                        list_node,
                        format!("the stage `{stage_name}` has no touchpoints"),
                    )
                    .report_help(
                        "add at least one touchpoint with a `name`, a `kind` and an `emotion`",
                    );
                ok = false;
            }
            Some(items) => {
                for item in items {
                    match decode_touchpoint(decoder, item, context, draft) {
                        Some(t) => {
                            if let Some(first_line) = touchpoint_ids.get(&t.id) {
                                let d = Diagnostic::error(
                                    Code::DuplicateId,
                                    t.location.clone(),
                                    format!("two touchpoints of this journey have the id `{}`", t.id),
                                )
                                .with_help(Some(format!(
                                    "the first is on line {first_line}; give one of them an `id` of its own"
                                )));
                                decoder.report(d);
                                ok = false;
                            } else {
                                touchpoint_ids.insert(t.id.clone(), t.location.line().unwrap_or(0));
                            }
                            touchpoints.push(t);
                        }
                        None => ok = false,
                    }
                }
            }
            None => ok = false,
        }
    } else {
        ok = false;
    }
    let location = decoder.location(name_node.unwrap_or(node));
    if !ok {
        return None;
    }
    Some(Stage {
        id: id?,
        name: name?,
        touchpoints,
        location,
    })
}

fn decode_touchpoint(
    decoder: &mut Decoder<'_>,
    node: &Node,
    context: &JourneyContext<'_>,
    draft: &mut JourneyDraft,
) -> Option<Touchpoint> {
    let fields = decoder.fields(node, "a touchpoint", &TOUCHPOINT_KEYS)?;
    let name_node = fields.required(decoder, "name");
    let name = name_node.and_then(|n| decoder.required_text(n, "name"));
    let id = match (&name, name_node) {
        (Some(name), Some(name_node)) => decoder.id_or_slug(fields.get("id"), name, name_node),
        _ => None,
    };
    let kind = fields
        .required(decoder, "kind")
        .and_then(|n| decoder.choice(n, "kind", "kind of touchpoint", &Kind::ALL));
    let scale = &context.site.scale;
    let current = fields
        .required(decoder, "emotion")
        .and_then(|n| emotion(decoder, n, "emotion", scale, context.scale_is_valid));
    let mut failed = false;
    let target = fields.get("target").and_then(|n| {
        let v = emotion(decoder, n, "target", scale, context.scale_is_valid);
        failed |= v.is_none();
        v
    });
    let moment = fields.get("moment").map_or(Some(Moment::Standard), |n| {
        decoder.choice(n, "moment", "moment class", &Moment::ALL)
    });
    let basis = fields.get("basis").map_or(Some(Basis::Assumed), |n| {
        decoder.choice(n, "basis", "basis", &Basis::ALL)
    });
    let mut score = |decoder: &mut Decoder<'_>, key: &str| -> Option<u8> {
        let n = fields.get(key)?;
        let v = decoder.int_in(n, key, 1, 5);
        failed |= v.is_none();
        v.map(|v| v as u8)
    };
    let impact = score(decoder, "impact");
    let frequency = score(decoder, "frequency");
    let mut flag = |decoder: &mut Decoder<'_>, key: &str| -> bool {
        match fields.get(key) {
            None => true,
            Some(n) => decoder.boolean(n, key).unwrap_or_else(|| {
                failed = true;
                true
            }),
        }
    };
    let direct = flag(decoder, "direct");
    let in_process = flag(decoder, "in_process");
    let channel = optional_text(decoder, fields.get("channel"), "channel");
    let owner = optional_text(decoder, fields.get("owner"), "owner");
    let notes = optional_text(decoder, fields.get("notes"), "notes");
    let asks = fields
        .get("asks")
        .map(|n| decoder.text_list(n, "asks"))
        .unwrap_or_default();
    let location = decoder.location(name_node.unwrap_or(node));

    let mut promises = Vec::new();
    if let (Some(n), Some(id)) = (fields.get("promises"), id.as_ref()) {
        failed |= !decode_promises_made(decoder, n, id, &mut promises, draft);
    }
    let mut delivers = Vec::new();
    if let Some(n) = fields.get("delivers") {
        failed |= !decode_deliveries(decoder, n, &mut delivers);
    }
    if failed {
        return None;
    }
    Some(Touchpoint {
        id: id?,
        name: name?,
        kind: kind?,
        channel,
        owner,
        emotion: current?,
        target,
        moment: moment?,
        impact,
        frequency,
        direct,
        in_process,
        basis: basis?,
        asks,
        promises,
        delivers,
        notes,
        location,
    })
}

fn emotion(
    decoder: &mut Decoder<'_>,
    node: &Node,
    key: &str,
    scale: &Scale,
    check_range: bool,
) -> Option<i32> {
    let value = if check_range {
        decoder.int_in(node, key, i64::from(scale.min), i64::from(scale.max))
    } else {
        decoder.int(node, key)
    };
    value.map(|v| v.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32)
}

fn decode_promises_made(
    decoder: &mut Decoder<'_>,
    node: &Node,
    touchpoint: &str,
    ids: &mut Vec<String>,
    draft: &mut JourneyDraft,
) -> bool {
    let Some(items) = decoder.list(node, "promises") else {
        return false;
    };
    let mut ok = true;
    for item in items {
        match &item.value {
            Value::Map(_) => {
                let origin = PromiseOrigin::Inline {
                    journey: draft.journey.id.clone(),
                    touchpoint: touchpoint.to_string(),
                };
                match decode_promise(decoder, item, origin) {
                    Some(p) => {
                        ids.push(p.id.clone());
                        draft.inline_promises.push(p);
                    }
                    None => ok = false,
                }
            }
            Value::Str(_) => match decoder.id(item, "promises") {
                Some(id) => {
                    draft.promise_references.push(PromiseReference {
                        id: id.clone(),
                        location: decoder.location(item),
                    });
                    ids.push(id);
                }
                None => ok = false,
            },
            _ => {
                let found = describe(item);
                decoder
                    .error(
                        Code::WrongType,
                        item,
                        format!("each promise must be a promise id or an `{{id, text}}` mapping, found {found}"),
                    )
                    .report_help("write `- easy-returns` to refer to a promise, or `- id: next-day` with `text:` below it for a new one");
                ok = false;
            }
        }
    }
    ok
}

fn decode_deliveries(decoder: &mut Decoder<'_>, node: &Node, out: &mut Vec<Delivery>) -> bool {
    let Some(items) = decoder.list(node, "delivers") else {
        return false;
    };
    let mut ok = true;
    for item in items {
        let Some(fields) = decoder.fields(item, "a delivery", &DELIVERY_KEYS) else {
            ok = false;
            continue;
        };
        let promise_node = fields.required(decoder, "promise");
        let promise = promise_node.and_then(|n| decoder.id(n, "promise"));
        let result = fields
            .required(decoder, "result")
            .and_then(|n| decoder.choice(n, "result", "delivery result", &DeliveryResult::ALL));
        let evidence = optional_text(decoder, fields.get("evidence"), "evidence");
        match (promise, result, promise_node) {
            (Some(promise), Some(result), Some(promise_node)) => out.push(Delivery {
                promise,
                result,
                evidence,
                location: decoder.location(promise_node),
            }),
            _ => ok = false,
        }
    }
    ok
}

fn decode_improvements(
    decoder: &mut Decoder<'_>,
    node: &Node,
    site: &Site,
    journey: &mut Journey,
) -> bool {
    let Some(items) = decoder.list(node, "improvements") else {
        return false;
    };
    let mut ok = true;
    for item in items {
        match decode_improvement(decoder, item, site, journey) {
            Some(improvement) => journey.improvements.push(improvement),
            None => ok = false,
        }
    }
    ok
}

fn decode_improvement(
    decoder: &mut Decoder<'_>,
    node: &Node,
    site: &Site,
    journey: &Journey,
) -> Option<Improvement> {
    let fields = decoder.fields(node, "an improvement option", &IMPROVEMENT_KEYS)?;
    let title_node = fields.required(decoder, "title");
    let title = title_node.and_then(|n| decoder.required_text(n, "title"));
    let mut ok = true;
    let mut touchpoints = Vec::new();
    if let Some(n) = fields.get("touchpoints")
        && let Some(items) = decoder.list(n, "touchpoints")
    {
        let known: Vec<&str> = journey.touchpoints().map(|(_, t)| t.id.as_str()).collect();
        for item in items {
            let Some(id) = decoder.required_text(item, "touchpoints") else {
                ok = false;
                continue;
            };
            if !journey.stages.is_empty() && !known.contains(&id.as_str()) {
                let help = match closest(&id, known.iter().copied()) {
                    Some(s) => Some(format!("did you mean `{s}`?")),
                    None => Some(format!(
                        "the touchpoints of this journey are {}",
                        list_names(known.iter().copied())
                    )),
                };
                let d = Diagnostic::error(
                    Code::UnknownTouchpoint,
                    decoder.location(item),
                    format!("this journey has no touchpoint `{id}`"),
                )
                .with_help(help);
                decoder.report(d);
                ok = false;
            }
            touchpoints.push(id);
        }
    }
    let scores_node = fields.required(decoder, "scores");
    let scores = scores_node.and_then(|n| decode_scores(decoder, n, site));
    let location = decoder.location(title_node.unwrap_or(node));
    if !ok {
        return None;
    }
    Some(Improvement {
        title: title?,
        touchpoints,
        scores: scores?,
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
            .error(Code::WrongType, node, format!("`scores` must map each criterion to a score, found {found}"))
            .report_help("e.g. `scores: {distinctive: 4, brand_fit: 5, ease: 2, customer_impact: 5, business_impact: 3}`");
        return None;
    };
    let ids: Vec<&str> = site.criteria.iter().map(|c| c.id.as_str()).collect();
    let mut scores = BTreeMap::new();
    let mut ok = true;
    for (key, value) in entries {
        let Some(criterion) = decoder.required_text(key, "scores") else {
            ok = false;
            continue;
        };
        if !ids.contains(&criterion.as_str()) {
            let help = match closest(&criterion, ids.iter().copied()) {
                Some(s) => format!(
                    "did you mean `{s}`? The criteria are {}",
                    list_names(ids.iter().copied())
                ),
                None => format!("the criteria are {}", list_names(ids.iter().copied())),
            };
            let d = Diagnostic::error(
                Code::UnknownCriterion,
                decoder.location(key),
                format!("there is no criterion `{criterion}`"),
            )
            .with_help(Some(help));
            decoder.report(d);
            ok = false;
            continue;
        }
        if scores.contains_key(&criterion) {
            decoder.error(
                Code::DuplicateKey,
                key,
                format!("`{criterion}` is scored twice"),
            );
            ok = false;
            continue;
        }
        match decoder.int_in(value, &criterion, 1, 5) {
            Some(v) => {
                scores.insert(criterion, v as u8);
            }
            None => ok = false,
        }
    }
    let missing: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| !scores.contains_key(*id))
        .collect();
    if ok && !missing.is_empty() {
        let d = Diagnostic::error(
            Code::MissingScore,
            decoder.location(node),
            format!(
                "this option is not scored on {}",
                list_names(missing.iter().copied())
            ),
        )
        .with_help(Some(
            "score every criterion from 1 to 5, so that options can be compared fairly".to_string(),
        ));
        decoder.report(d);
        ok = false;
    }
    ok.then_some(scores)
}

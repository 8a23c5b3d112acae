//! Reads `content/promises.yaml` (the promise register) and inline promises.

use super::decode::Decoder;
use super::yaml::Node;
use crate::model::{Promise, PromiseOrigin};

const PROMISE_KEYS: [&str; 3] = ["id", "text", "source"];

/// Reads the promise register: a list of `{id, text, source?}` (an empty file is no promises).
pub fn decode_register(decoder: &mut Decoder<'_>, node: &Node) -> Vec<Promise> {
    let Some(items) = decoder.list(node, "promises.yaml") else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| decode_promise(decoder, item, PromiseOrigin::Register))
        .collect()
}

/// Reads one promise mapping.
pub fn decode_promise(
    decoder: &mut Decoder<'_>,
    node: &Node,
    origin: PromiseOrigin,
) -> Option<Promise> {
    let fields = decoder.fields(node, "what.promise", &PROMISE_KEYS)?;
    let id = fields
        .required(decoder, "id")
        .and_then(|n| decoder.id(n, "id"));
    let text = fields
        .required(decoder, "text")
        .and_then(|n| decoder.required_text(n, "text"));
    let source = match fields.get("source") {
        Some(n) => Some(decoder.required_text(n, "source")?),
        None => None,
    };
    let location = match fields.get("id") {
        Some(id_node) => decoder.location(id_node),
        None => decoder.location(node),
    };
    Some(Promise {
        id: id?,
        text: text?,
        source,
        origin,
        location,
    })
}

//! Reads the blueprint lanes of a touchpoint: `evidence`, `frontstage`, `backstage` and
//! `support`, each a list of items written as text or as `{text, owner, system, fail, wait}`.

use super::decode::{Decoder, describe};
use super::yaml::{Node, Value};
use crate::diagnostics::Code;
use crate::model::{Enumerated, Lane, LaneItem, Lanes};
use crate::msg;

const ITEM_KEYS: [&str; 5] = ["text", "owner", "system", "fail", "wait"];

/// Reads every lane a touchpoint writes; `lane_node` gives the node of a lane's key, if
/// written. Items with errors are reported and left out.
pub fn decode_lanes<'n>(
    decoder: &mut Decoder<'_>,
    lane_node: impl Fn(&str) -> Option<&'n Node>,
) -> Lanes {
    let mut lanes = Lanes::default();
    for lane in Lane::ALL {
        if let Some(node) = lane_node(lane.as_str()) {
            *lanes.of_mut(*lane) = decode_lane(decoder, node, *lane);
        }
    }
    lanes
}

fn decode_lane(decoder: &mut Decoder<'_>, node: &Node, lane: Lane) -> Vec<LaneItem> {
    let key = lane.as_str();
    let Some(items) = decoder.list(node, key) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| decode_item(decoder, item, key))
        .collect()
}

fn decode_item(decoder: &mut Decoder<'_>, node: &Node, key: &str) -> Option<LaneItem> {
    match &node.value {
        Value::Map(_) => {}
        Value::Seq(_) => {
            let found = describe(node);
            decoder
                .error(
                    Code::WrongType,
                    node,
                    msg!("error.lane_item_type", key, found),
                )
                .report_help(msg!("help.lane_item_type", key));
            return None;
        }
        _ => {
            return Some(LaneItem {
                text: decoder.required_text(node, key)?,
                owner: None,
                system: None,
                fail: false,
                wait: None,
                location: decoder.location(node),
            });
        }
    }
    let fields = decoder.fields(node, "a lane item", &ITEM_KEYS)?;
    let text = fields
        .required(decoder, "text")
        .and_then(|n| decoder.required_text(n, "text"));
    let owner = optional(decoder, fields.get("owner"), "owner");
    let system = optional(decoder, fields.get("system"), "system");
    let wait = optional(decoder, fields.get("wait"), "wait");
    let fail = fields
        .get("fail")
        .map(|n| decoder.boolean(n, "fail"))
        .unwrap_or(Some(false));
    Some(LaneItem {
        text: text?,
        owner,
        system,
        fail: fail?,
        wait,
        location: decoder.location(fields.get("text").unwrap_or(node)),
    })
}

fn optional(decoder: &mut Decoder<'_>, node: Option<&Node>, key: &str) -> Option<String> {
    node.and_then(|n| decoder.text(n, key))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Code;
    use crate::load::load_project;
    use crate::model::Lane;

    fn load(touchpoint_extra: &str) -> crate::load::Loaded {
        let dir = tempfile::tempdir().unwrap();
        let journeys = dir.path().join("content/journeys");
        std::fs::create_dir_all(&journeys).unwrap();
        let yaml = format!(
            "title: T\nstages:\n  - name: S\n    touchpoints:\n      - name: Calls\n        kind: human\n        emotion: -2\n        owner: customer-service\n{touchpoint_extra}"
        );
        std::fs::write(journeys.join("j.yaml"), yaml).unwrap();
        load_project(dir.path())
    }

    #[test]
    fn lanes_are_read_as_text_or_as_items() {
        let loaded = load(concat!(
            "        evidence: [IVR menu, hold music]\n",
            "        frontstage: [Agent asks for the customer number]\n",
            "        backstage:\n",
            "          - text: Looks up the purchase in the CRM\n",
            "            owner: customer-service\n",
            "            wait: 3 min\n",
            "        support:\n",
            "          - text: CRM keeps no notes on a transfer\n",
            "            owner: it\n",
            "            system: CRM\n",
            "            fail: true\n",
        ));
        let project = loaded.project.expect("valid");
        let t = &project.journeys[0].stages[0].touchpoints[0];
        let texts: Vec<(Lane, &str)> = t.lanes.items().map(|(l, i)| (l, i.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (Lane::Evidence, "IVR menu"),
                (Lane::Evidence, "hold music"),
                (Lane::Frontstage, "Agent asks for the customer number"),
                (Lane::Backstage, "Looks up the purchase in the CRM"),
                (Lane::Support, "CRM keeps no notes on a transfer"),
            ]
        );
        let back = &t.lanes.backstage[0];
        assert_eq!(back.owner.as_deref(), Some("customer-service"));
        assert_eq!(back.wait.as_deref(), Some("3 min"));
        assert!(!back.fail);
        let support = &t.lanes.support[0];
        assert_eq!(support.system.as_deref(), Some("CRM"));
        assert!(support.fail);
        assert_eq!(support.location.line(), Some(16));
    }

    #[test]
    fn lane_errors_are_reported_each_with_its_place() {
        let loaded = load(concat!(
            "        evidence: IVR menu\n",
            "        backstage:\n",
            "          - text: Looks up\n",
            "            ownr: it\n",
            "          - owner: it\n",
            "          - [a, b]\n",
            "        support:\n",
            "          - text: CRM\n",
            "            fail: sometimes\n",
            "        frontstag: [x]\n",
        ));
        assert!(loaded.project.is_none());
        let diagnostics = loaded.diagnostics.sorted();
        let found: Vec<(Code, Option<u32>)> = diagnostics
            .iter()
            .map(|d| (d.code, d.location.line()))
            .collect();
        assert_eq!(
            found,
            [
                (Code::WrongType, Some(9)),
                (Code::UnknownKey, Some(12)),
                (Code::MissingKey, Some(13)),
                (Code::WrongType, Some(14)),
                (Code::WrongType, Some(17)),
                (Code::UnknownKey, Some(18)),
            ]
        );
        let typo = diagnostics
            .iter()
            .find(|d| d.location.line() == Some(18))
            .and_then(|d| d.help.as_ref().map(|h| h.english()))
            .unwrap_or_default();
        assert!(typo.contains("frontstage"), "{typo}");
    }
}

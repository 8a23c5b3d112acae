//! The quick reload of `serve`'s commonest edit: journey files whose text changed in ways no
//! other file sees. Such an edit cannot change what the checks across files find, so the
//! project is the last one with those journeys read anew, without walking, reading or
//! checking the rest of the site.

use super::journey::JourneyDraft;
use super::walk;
use super::{FileCache, JourneyContext, decode_journey_file, journey_id_of};
use crate::model::{Project, department};
use std::sync::Arc;

/// The project `last` (loaded from `root` without errors) with the journey files at `changed`
/// (paths under `content/`) read again; `None` when that is not enough to know the project:
/// a file is not a journey of `last` (new, removed, a design, a page), has an error, or
/// changed something another file checks or counts (its touchpoint ids, inline promises,
/// the promises it names, its persona, its departments' rows, its touchpoint count, whether
/// it has plans, its design). Then the whole project must be loaded.
pub fn reload_journeys(
    root: &std::path::Path,
    cache: &mut FileCache,
    last: &Project,
    changed: &[String],
) -> Option<Project> {
    let mut journeys = last.journeys.clone();
    let mut fresh = Vec::with_capacity(changed.len());
    for path in changed {
        let file = format!("content/{path}");
        let place = journeys.iter().position(|j| *j.location.file == *file)?;
        let id = journey_id_of(path);
        let designed = last
            .desired
            .iter()
            .any(|d| d.desired_for.as_ref() == Some(&id));
        if designed {
            return None;
        }
        let (settings, (before, _)) = cache.memo.journeys.last(path)?;
        let before = before
            .as_ref()
            .filter(|b| Arc::ptr_eq(&b.journey, &journeys[place]))?;
        let source = walk::read_text(root, path, &cache.files).ok()?;
        let context = JourneyContext {
            site: &settings.site,
            scale_is_valid: settings.scale_is_valid,
        };
        let (draft, diagnostics) = decode_journey_file(&source, id, &context);
        let draft = draft.filter(|_| diagnostics.is_empty())?;
        if !seen_by_others_alike(before, &draft, last) {
            return None;
        }
        journeys[place] = draft.journey.clone();
        fresh.push((source, settings.clone(), draft));
    }
    cache.memo.parses += fresh.len();
    if cache.remembers() {
        for (source, settings, draft) in fresh {
            let decoded = (Some(draft), crate::diagnostics::Diagnostics::new());
            let memo = &mut cache.memo.journeys;
            memo.insert(source.content_path, source.text, settings, decoded);
        }
    }
    Some(Project {
        journeys,
        ..last.clone()
    })
}

/// Whether every check across files and every address of the site sees the journey of
/// `after` as it saw that of `before`.
fn seen_by_others_alike(before: &JourneyDraft, after: &JourneyDraft, project: &Project) -> bool {
    let persona = |d: &JourneyDraft| d.persona_reference.as_ref().map(|(p, _)| p.clone());
    let (old, new) = (before.journey.as_ref(), after.journey.as_ref());
    before.declared_touchpoints == after.declared_touchpoints
        && before.inline_promises == after.inline_promises
        && before.desired_for.is_none()
        && after.desired_for.is_none()
        && before.creates.is_empty()
        && after.creates.is_empty()
        && (project.personas.is_none() || persona(before) == persona(after))
        && after
            .promise_references
            .iter()
            .all(|r| project.promise(&r.id).is_some())
        && old.touchpoints().count() == new.touchpoints().count()
        && department::rows_of(old) == department::rows_of(new)
        && old.has_plans() == new.has_plans()
}

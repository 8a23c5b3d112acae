//! Writes the site into a temporary folder beside the output, then swaps it in.

use super::guard::MARKER;
use super::manifest;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::render::RenderedSite;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// Writes `site` to `out` (an absolute path that passed `check_output_folder`). On error
/// the previous content of `out` is untouched and the temporary folder is removed.
pub fn write_site(site: &RenderedSite, out: &Path) -> Result<(), Diagnostic> {
    let parent = out
        .parent()
        .ok_or_else(|| error(out, "the output folder has no parent folder"))?;
    fs::create_dir_all(parent)
        .map_err(|e| error(parent, &format!("cannot create the folder: {e}")))?;
    let name = out
        .file_name()
        .map_or("output".into(), |n| n.to_string_lossy().into_owned());
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.journeymap-new-{pid}"));
    let retired = parent.join(format!(".{name}.journeymap-old-{pid}"));
    let _ = fs::remove_dir_all(&staging);
    let written = fill(&staging, site, out);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if out.exists()
        && let Err(e) = fs::rename(out, &retired)
    {
        let _ = fs::remove_dir_all(&staging);
        return Err(error(
            out,
            &format!("cannot move the previous output aside: {e}"),
        ));
    }
    if let Err(e) = fs::rename(&staging, out) {
        if retired.exists() {
            let _ = fs::rename(&retired, out);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(error(
            out,
            &format!("cannot move the new output in place: {e}"),
        ));
    }
    if retired.exists() {
        let _ = fs::remove_dir_all(&retired);
    }
    Ok(())
}

/// Writes the site into `staging`. A file whose bytes are the same as in the previous output
/// (per the manifest in its marker) is hard-linked from there instead of written again.
fn fill(staging: &Path, site: &RenderedSite, previous: &Path) -> Result<(), Diagnostic> {
    fs::create_dir_all(staging)
        .map_err(|e| error(staging, &format!("cannot create the folder: {e}")))?;
    let mut folders = BTreeSet::new();
    for path in site.files.keys().chain(site.copies.keys()) {
        check_inside(path)?;
        if let Some((folder, _)) = path.rsplit_once('/') {
            folders.insert(folder);
        }
    }
    for folder in &folders {
        let target = staging.join(folder);
        fs::create_dir_all(&target)
            .map_err(|e| error(&target, &format!("cannot create the folder: {e}")))?;
    }
    let old = manifest::read(&previous.join(MARKER));
    let hashes: Vec<(&String, u64)> = site
        .files
        .par_iter()
        .map(|(path, bytes)| {
            let hash = manifest::hash(bytes);
            let target = staging.join(path);
            let unchanged = old.get(path.as_str()) == Some(&hash);
            if unchanged && fs::hard_link(previous.join(path), &target).is_ok() {
                return Ok((path, hash));
            }
            fs::write(&target, bytes)
                .map(|()| (path, hash))
                .map_err(|e| error(&target, &format!("cannot write: {e}")))
        })
        .collect::<Result<_, _>>()?;
    site.copies.par_iter().try_for_each(|(path, source)| {
        let target = staging.join(path);
        fs::copy(source, &target)
            .map(|_| ())
            .map_err(|e| error(source, &format!("cannot copy: {e}")))
    })?;
    fs::write(staging.join(MARKER), manifest::write(&hashes))
        .map_err(|e| error(staging, &e.to_string()))
}

/// Refuses a path that would leave the output folder.
fn check_inside(path: &str) -> Result<(), Diagnostic> {
    if path.split('/').any(|part| part == ".." || part.is_empty()) {
        return Err(error(
            Path::new(path),
            "refusing to write outside the output folder",
        ));
    }
    Ok(())
}

fn error(path: &Path, message: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Output,
        Location::file(path.display().to_string().into()),
        message.to_string(),
    )
}

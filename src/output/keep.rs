//! Which files in the output folder are the user's to keep whatever journeymap writes: every
//! dotfile and everything in a dot-folder, at any depth, and what `output.keep` in
//! `site.yaml` names.

use super::guard::MARKER;
use globset::{Glob, GlobSet, GlobSetBuilder};

/// The files of the user's that a build leaves where they are; see the module documentation.
#[derive(Debug, Default)]
pub struct Keep {
    globs: GlobSet,
}

impl Keep {
    /// The dotfiles and the files matching `globs` (paths relative to the output folder, as
    /// `site.yaml` checked them); a glob that does not parse is left out.
    pub fn new(globs: &[String]) -> Self {
        let mut builder = GlobSetBuilder::new();
        for glob in globs {
            if let Ok(glob) = Glob::new(glob.trim_start_matches("./")) {
                builder.add(glob);
            }
        }
        Keep {
            globs: builder.build().unwrap_or_default(),
        }
    }

    /// Whether the file or folder at `path` (`/`-separated, relative to the output folder)
    /// is kept. The marker file of the output folder is journeymap's, not the user's.
    pub fn keeps(&self, path: &str) -> bool {
        path != MARKER
            && (path.split('/').any(|part| part.starts_with('.')) || self.globs.is_match(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotfiles_at_any_depth_and_globs_are_kept() {
        let keep = Keep::new(&["CNAME".to_string(), "downloads/**".to_string()]);
        for kept in [
            ".git/HEAD",
            ".htaccess",
            "a/.well-known/x",
            "CNAME",
            "downloads/a/b.pdf",
        ] {
            assert!(keep.keeps(kept), "{kept}");
        }
        for not in [MARKER, "index.html", "a/CNAME", "journeys/x/index.html"] {
            assert!(!keep.keeps(not), "{not}");
        }
    }
}

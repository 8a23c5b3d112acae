//! Refuses output folders that could hold a user's own files.

use crate::diagnostics::{Code, Diagnostic, Location, Message};
use crate::msg;
use std::path::{Path, PathBuf};

/// The file that marks a folder as written by journeymap.
pub const MARKER: &str = ".journeymap-output";

/// Checks that `out` may be replaced by a build of the project in `root`: it is not the
/// root, does not contain `content/`, is not inside `content/` (symbolic links resolved), is
/// not a file and not a mount point. Whether journeymap made it is checked when the site is
/// staged ([`super::Staging::open_over`]). Gives the absolute output path.
pub fn check_output_folder(root: &Path, out: &Path) -> Result<PathBuf, Diagnostic> {
    let root = absolute(root);
    let out = absolute(out);
    // The path is shown as it is: absolute, not under the project folder.
    let shown = out.display().to_string();
    let refuse = |message: Message, help: Message| {
        Err(
            Diagnostic::error(Code::Output, Location::file(shown.clone().into()), message)
                .with_help(help),
        )
    };
    let content = absolute(&root.join("content"));
    if out == root {
        return refuse(msg!("error.out_is_root"), msg!("help.out_is_root"));
    }
    if content.starts_with(&out) {
        return refuse(
            msg!("error.out_holds_content"),
            msg!("help.out_holds_content"),
        );
    }
    if out.starts_with(&content) {
        return refuse(msg!("error.out_in_content"), msg!("help.out_in_content"));
    }
    if out.exists() {
        if !out.is_dir() {
            return refuse(msg!("error.out_is_file"), msg!("help.out_is_file"));
        }
        if is_mount_point(&out) {
            return refuse(
                msg!("error.out_mount_point"),
                msg!("help.out_mount_point", inside = out.join("site").display()),
            );
        }
    }
    Ok(out)
}

/// Whether the folder `path` is the root of a mounted file system.
#[cfg(unix)]
fn is_mount_point(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let other_device = match (
        std::fs::metadata(path),
        path.parent().map(std::fs::metadata),
    ) {
        (Ok(folder), Some(Ok(parent))) => folder.dev() != parent.dev(),
        _ => false,
    };
    other_device || mount_root(path)
}

#[cfg(not(unix))]
fn is_mount_point(_: &Path) -> bool {
    false
}

/// Whether Linux marks the folder as a mount's root (bind mounts on the same device too).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn mount_root(path: &Path) -> bool {
    use rustix::fs::{AtFlags, CWD, StatxAttributes, StatxFlags, statx};
    statx(CWD, path, AtFlags::empty(), StatxFlags::BASIC_STATS).is_ok_and(|s| {
        let root = StatxAttributes::MOUNT_ROOT;
        s.stx_attributes_mask.contains(root) && s.stx_attributes.contains(root)
    })
}

#[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
fn mount_root(_: &Path) -> bool {
    false
}

/// An absolute, normalised form of a path, also when it does not exist yet.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    match (joined.parent(), joined.file_name()) {
        (Some(parent), Some(name)) if parent != joined => absolute(parent).join(name),
        _ => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        dir
    }

    #[test]
    fn accepts_a_new_or_marked_folder() {
        let p = project();
        assert!(check_output_folder(p.path(), &p.path().join("output")).is_ok());
        std::fs::create_dir_all(p.path().join("output")).unwrap();
        std::fs::write(p.path().join("output/x.html"), "").unwrap();
        assert!(
            check_output_folder(p.path(), &p.path().join("output/x.html")).is_err(),
            "a file"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn refuses_a_mount_point() {
        let p = project();
        let refused = check_output_folder(p.path(), Path::new("/proc")).unwrap_err();
        assert!(
            refused.message.english().contains("mount point"),
            "{}",
            refused.message.english()
        );
        assert!(!is_mount_point(p.path()));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_an_output_inside_content_reached_through_a_symbolic_link() {
        let p = project();
        let real = p.path().join("real");
        std::fs::create_dir_all(&real).unwrap();
        std::fs::remove_dir(p.path().join("content")).unwrap();
        std::os::unix::fs::symlink(&real, p.path().join("content")).unwrap();
        assert!(check_output_folder(p.path(), &real.join("site")).is_err());
        assert!(check_output_folder(p.path(), &p.path().join("output")).is_ok());
    }

    #[test]
    fn refuses_the_root_content_and_parents() {
        let p = project();
        for bad in [
            p.path().to_path_buf(),
            p.path().join("content"),
            p.path().join("content/out"),
            p.path().join("."),
        ] {
            assert!(
                check_output_folder(p.path(), &bad).is_err(),
                "{}",
                bad.display()
            );
        }
        let parent = p.path().parent().unwrap();
        assert!(
            check_output_folder(p.path(), parent).is_err(),
            "a folder that contains content/"
        );
    }
}

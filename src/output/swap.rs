//! Puts a new site in place of the old one in one step. On Linux both folders are exchanged
//! in one `renameat2(RENAME_EXCHANGE)`: at every moment the output folder is the whole old
//! site or the whole new one. Elsewhere, and on file systems without the exchange, the old
//! site is renamed aside and the new one renamed in; a build killed between the two renames
//! leaves no output folder for a moment, and the next build puts the old site back (see
//! [`super::leftovers`]).

use super::hook;
use super::leftovers;
use std::io;
use std::path::{Path, PathBuf};

/// How a swap went wrong.
pub(super) enum SwapError {
    /// The output folder is as it was.
    Unchanged(io::Error),
    /// The old site was moved aside to the path and could not be moved back.
    MovedAside(io::Error, PathBuf),
}

/// Swaps the folder `new` in at `out`; gives where the old site is now, to be removed.
pub(super) fn swap(new: &Path, out: &Path) -> Result<PathBuf, SwapError> {
    if !hook::no_exchange() {
        hook::step();
        match exchange(new, out) {
            Ok(()) => return Ok(new.to_path_buf()),
            Err(e) if !unsupported(&e) => return Err(SwapError::Unchanged(e)),
            Err(_) => {}
        }
    }
    let aside = leftovers::beside(out, "old");
    hook::step();
    std::fs::rename(out, &aside).map_err(SwapError::Unchanged)?;
    hook::step();
    if let Err(e) = std::fs::rename(new, out) {
        return match std::fs::rename(&aside, out) {
            Ok(()) => Err(SwapError::Unchanged(e)),
            Err(_) => Err(SwapError::MovedAside(e, aside)),
        };
    }
    Ok(aside)
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Whether the exchange failed because the system or file system does not offer it.
fn unsupported(e: &io::Error) -> bool {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if let Some(code) = e.raw_os_error() {
        return code == rustix::io::Errno::INVAL.raw_os_error()
            || code == rustix::io::Errno::NOSYS.raw_os_error();
    }
    e.kind() == io::ErrorKind::Unsupported
}

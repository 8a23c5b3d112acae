//! Watches the project's `content/` and `themes/` folders and rebuilds after changes
//! (debounced), telling open pages to reload or to show the errors.

use super::http::Notice;
use super::site::{SiteState, build};
use crate::load::FileCache;
use notify::{EventKind, RecursiveMode, Watcher};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

/// How long the watcher waits for more changes before it rebuilds.
pub const DEBOUNCE: Duration = Duration::from_millis(80);

/// Starts watching in a thread of its own; the watcher lives as long as the thread. Reads
/// (the build's own) are ignored; a burst of changes gives one rebuild, `DEBOUNCE` after the
/// last of them.
pub fn start(
    root: PathBuf,
    mut cache: FileCache,
    site: Arc<SiteState>,
    notices: broadcast::Sender<Notice>,
) -> Result<(), String> {
    let (tx, rx) = mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, EventKind::Access(_))
        {
            let _ = tx.send(());
        }
    })
    .map_err(|e| e.to_string())?;
    for folder in ["content", "themes"] {
        let path = root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    std::thread::spawn(move || {
        let _keep = watcher;
        while rx.recv().is_ok() {
            while rx.recv_timeout(DEBOUNCE).is_ok() {}
            let started = Instant::now();
            let reads_before = cache.reads();
            let result = build(&root, &mut cache);
            let ms = started.elapsed().as_millis();
            let reread = cache.reads() - reads_before;
            match &result {
                Ok(_) => {
                    let _ = writeln!(
                        std::io::stdout(),
                        "rebuilt in {ms} ms ({reread} changed files read)"
                    );
                    let _ = notices.send(Notice::Reload);
                }
                Err(report) => {
                    let mut err = std::io::stderr().lock();
                    let _ = writeln!(
                        err,
                        "{report}the last good site is still served; fix the files and save"
                    );
                    let _ = notices.send(Notice::Errors(report.clone()));
                }
            }
            site.update(result);
        }
    });
    Ok(())
}

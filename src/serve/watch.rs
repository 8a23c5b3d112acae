//! Watches the project's `content/` and `themes/` folders and rebuilds after changes
//! (debounced), telling open pages to reload or to show the errors. The project folder is
//! watched too, so that a `content/` or `themes/` that is replaced (moved away and copied
//! back, as some editors and sync tools do) or created later is watched again.

use super::http::Notice;
use super::site::{Rebuilder, SiteState};
use crate::msg;
use notify::{EventKind, RecursiveMode, Watcher};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

/// How long the watcher waits for more changes before it rebuilds: an editor's save is a
/// burst of events within a few milliseconds.
pub const DEBOUNCE: Duration = Duration::from_millis(25);

/// What a burst of file events touched.
#[derive(Debug, Clone)]
struct Change {
    /// Something under `themes/`: every page is rendered again.
    theme: bool,
    /// `content/` or `themes/` itself (created, removed or renamed): watch it again.
    folder: bool,
    /// The files the events name; `None` when the system lost events and cannot say which.
    paths: Option<Vec<PathBuf>>,
}

/// Starts watching in a thread of its own; the watcher lives as long as the thread. Reads
/// (the build's own) are ignored; a burst of changes gives one rebuild, `DEBOUNCE` after the
/// last of them. A change under `themes/` renders every page again.
pub fn start(
    root: PathBuf,
    mut rebuilder: Rebuilder,
    site: Arc<SiteState>,
    notices: broadcast::Sender<Notice>,
) -> Result<(), String> {
    let (tx, rx) = mpsc::channel::<Change>();
    let superseded = rebuilder.superseded();
    // The watcher reports absolute paths: a relative root (`.` by default) would match none.
    let root = std::path::absolute(&root).unwrap_or(root);
    let themes = root.join("themes");
    let folders = [root.join("content"), themes.clone()];
    let watched = folders.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, EventKind::Access(_))
            && (event.need_rescan()
                || event
                    .paths
                    .iter()
                    .any(|p| watched.iter().any(|f| p.starts_with(f))))
        {
            superseded.store(true, Ordering::Relaxed);
            let _ = tx.send(Change {
                theme: event.paths.iter().any(|p| p.starts_with(&themes)),
                folder: event.paths.iter().any(|p| watched.contains(p)),
                paths: (!event.need_rescan()).then_some(event.paths),
            });
        }
    })
    .map_err(|e| e.to_string())?;
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    for path in &folders {
        if path.is_dir() {
            watcher
                .watch(path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut change = first;
            while let Ok(next) = rx.recv_timeout(DEBOUNCE) {
                change.theme |= next.theme;
                change.folder |= next.folder;
                match (&mut change.paths, next.paths) {
                    (Some(paths), Some(more)) => paths.extend(more),
                    (paths, _) => *paths = None,
                }
            }
            rebuilder.saw(change.paths.as_deref());
            if change.folder {
                // A replaced folder is a new one: drop the watch that followed the old one
                // away, and watch the new one (the rebuild reads what was copied before).
                for path in &folders {
                    let _ = watcher.unwatch(path);
                    if path.is_dir() {
                        let _ = watcher.watch(path, RecursiveMode::Recursive);
                    }
                }
            }
            let everything = change.theme || change.folder;
            // Changes from now on are the next rebuild's.
            rebuilder.superseded().store(false, Ordering::Relaxed);
            let started = Instant::now();
            let had_errors = site.errors().is_some();
            let mut steps = Vec::new();
            let result = rebuilder.rebuild(everything, &mut |published| {
                site.update(Ok(&published));
                let changed: Arc<[String]> = if had_errors {
                    Arc::from(["*".to_string()])
                } else {
                    Arc::from(published.changed)
                };
                steps.push(started.elapsed().as_millis());
                if !changed.is_empty() {
                    let _ = notices.send(Notice::Reload(changed));
                }
            });
            match result {
                Ok(rebuilt) => {
                    if had_errors && steps.is_empty() {
                        site.clear_errors();
                        let _ = notices.send(Notice::Reload(Arc::from(["*".to_string()])));
                    }
                    let voice = rebuilder.voice();
                    let steps: Vec<String> = steps.iter().map(|ms| format!("{ms} ms")).collect();
                    let time = if steps.is_empty() {
                        voice.words(&msg!("cli.nothing_changed"))
                    } else {
                        steps.join(&voice.words(&msg!("cli.then")))
                    };
                    let rebuilt = msg!(
                        "cli.rebuilt",
                        time,
                        read = rebuilt.read,
                        parsed = rebuilt.parsed,
                        rendered = rebuilt.rendered
                    );
                    let _ = voice.say(&mut std::io::stdout(), &rebuilt);
                }
                Err(report) => {
                    let mut err = std::io::stderr().lock();
                    let _ = write!(err, "{}", super::site::without_heading(&report));
                    let _ = rebuilder.voice().say(&mut err, &msg!("cli.still_served"));
                    let _ = notices.send(Notice::Errors(report.clone()));
                    site.update(Err(report));
                }
            }
        }
    });
    Ok(())
}

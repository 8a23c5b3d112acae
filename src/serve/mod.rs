//! `journeymap serve`: builds the site into memory, serves it on the loopback interface
//! (to requests for `localhost` or a loopback address only, with limits on slow clients),
//! rebuilds when files change and reloads open pages; a broken change keeps the last good
//! site and shows its errors in the browser and the terminal.

mod connections;
mod http;
mod site;
mod watch;

pub use http::site_path;

use crate::commands::Outcome;
use http::{AppState, Notice};
use site::{Rebuilder, SiteState};
use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::broadcast;

/// Options of `journeymap serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The folder that holds `content/`.
    pub root: PathBuf,
    /// The address to listen on; loopback unless the user says otherwise.
    pub bind: IpAddr,
    /// The port.
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
}

/// Serves the site until Ctrl-C or SIGTERM.
pub fn run(
    options: &ServeOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    if !options.root.join("content").is_dir() {
        writeln!(
            err,
            "error: there is no content/ folder in {}",
            options.root.display()
        )?;
        writeln!(
            err,
            "help: run journeymap serve in the folder that holds content/, or pass --root"
        )?;
        return Ok(Outcome::Usage);
    }
    let mut rebuilder = Rebuilder::new(&options.root);
    let site = Arc::new(SiteState::default());
    let first = rebuilder.rebuild(true, &mut |published| site.update(Ok(published.files)));
    if let Err(report) = first {
        writeln!(
            err,
            "{report}the site will be served as soon as the errors are fixed"
        )?;
        site.update(Err(report));
    }
    let (notices, _) = broadcast::channel::<Notice>(16);
    if let Err(e) = watch::start(
        options.root.clone(),
        rebuilder,
        site.clone(),
        notices.clone(),
    ) {
        writeln!(err, "error: cannot watch the project for changes: {e}")?;
        return Ok(Outcome::Failure);
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let address = SocketAddr::new(options.bind, options.port);
    if !options.bind.is_loopback() {
        writeln!(
            err,
            "warning: {} is not a loopback address: other computers that can reach this one \
             can read the site while it is served; leave out --bind to serve on 127.0.0.1 only",
            options.bind
        )?;
    }
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(address).await {
            Ok(listener) => listener,
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
                writeln!(
                    err,
                    "error: port {} is already in use on {}",
                    options.port, options.bind
                )?;
                writeln!(
                    err,
                    "help: stop the other program, or pass another port with --port"
                )?;
                return Ok(Outcome::Failure);
            }
            Err(e) => {
                writeln!(err, "error: cannot listen on {address}: {e}")?;
                return Ok(Outcome::Failure);
            }
        };
        let address = listener.local_addr().unwrap_or(address);
        let url = format!("http://{address}/");
        writeln!(
            out,
            "serving {} at {url} (Ctrl-C to stop)",
            options.root.display()
        )?;
        out.flush()?;
        if options.open {
            open_browser(&url);
        }
        let app = http::router(AppState {
            site,
            notices,
            address,
        });
        tokio::select! {
            result = connections::serve(listener, app) => {
                if let Err(e) = result {
                    writeln!(err, "error: the server stopped: {e}")?;
                    return Ok(Outcome::Failure);
                }
            }
            () = stop_signal() => {
                writeln!(out, "stopped")?;
            }
        }
        Ok(Outcome::Success)
    })
}

/// Waits for Ctrl-C or, on Unix, SIGTERM.
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", url])
    } else {
        ("xdg-open", vec![url])
    };
    if std::process::Command::new(command.0)
        .args(&command.1)
        .spawn()
        .is_err()
    {
        let _ = writeln!(
            std::io::stderr(),
            "could not open a browser; open {url} yourself"
        );
    }
}

//! `journeymap serve`: builds the site into memory, serves it on the loopback interface
//! (to requests for `localhost` or a loopback address only, with limits on slow clients),
//! rebuilds when files change and reloads open pages; a broken change keeps the last good
//! site and shows its errors in the browser and the terminal.

mod connections;
mod http;
mod site;
mod watch;

pub use http::site_path;

use crate::commands::{Outcome, Voice};
use crate::model::Language;
use crate::msg;
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
    /// The language asked for with `--lang`, over the project's.
    pub lang: Option<Language>,
}

/// Serves the site until Ctrl-C or SIGTERM.
pub fn run(
    options: &ServeOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    if !options.root.join("content").is_dir() {
        let voice = Voice::chosen(options.lang, None);
        let message = msg!("error.no_content", root = options.root.display());
        voice.error(err, &message, Some(&msg!("cli.serve_no_content_help")))?;
        return Ok(Outcome::Usage);
    }
    let mut rebuilder = Rebuilder::new(&options.root, options.lang);
    let site = Arc::new(SiteState::new(&options.root));
    let first = rebuilder.rebuild(true, &mut |published| site.update(Ok(&published)));
    let voice = rebuilder.voice();
    if let Err(report) = first {
        write!(err, "{}", site::without_heading(&report))?;
        voice.say(err, &msg!("cli.serve_when_fixed"))?;
        site.update(Err(report));
    }
    let (notices, _) = broadcast::channel::<Notice>(16);
    if let Err(e) = watch::start(
        options.root.clone(),
        rebuilder,
        site.clone(),
        notices.clone(),
    ) {
        voice.error(err, &msg!("cli.cannot_watch", reason = e), None)?;
        return Ok(Outcome::Failure);
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let address = SocketAddr::new(options.bind, options.port);
    if !options.bind.is_loopback() {
        voice.warning(err, &msg!("cli.not_loopback", bind = options.bind))?;
    }
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(address).await {
            Ok(listener) => listener,
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
                let message = msg!("cli.port_in_use", port = options.port, bind = options.bind);
                voice.error(err, &message, Some(&msg!("cli.port_help")))?;
                return Ok(Outcome::Failure);
            }
            Err(e) => {
                voice.error(err, &msg!("cli.cannot_listen", address, reason = e), None)?;
                return Ok(Outcome::Failure);
            }
        };
        let address = listener.local_addr().unwrap_or(address);
        let url = format!("http://{address}/");
        voice.say(
            out,
            &msg!("cli.serving", root = options.root.display(), url),
        )?;
        out.flush()?;
        if options.open {
            open_browser(&url, &voice);
        }
        let app = http::router(AppState {
            site,
            notices,
            address,
        });
        tokio::select! {
            result = connections::serve(listener, app) => {
                if let Err(e) = result {
                    voice.error(err, &msg!("cli.server_stopped", reason = e), None)?;
                    return Ok(Outcome::Failure);
                }
            }
            () = stop_signal() => {
                voice.say(out, &msg!("cli.stopped"))?;
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

fn open_browser(url: &str, voice: &Voice) {
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
        let _ = voice.say(&mut std::io::stderr(), &msg!("cli.no_browser", url));
    }
}

//! The HTTP side of `serve`: the built files (and nothing else), the reload script injected
//! into HTML, the build status, and a stream of reload and error events; only for requests
//! whose `Host` is this computer (see `is_local_host`).

use super::site::SiteState;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

/// What the browser is told after a build.
#[derive(Debug, Clone)]
pub enum Notice {
    /// These files of the site changed (`*`: all of them): pages showing one reload.
    Reload(Arc<[String]>),
    /// The build failed: show this report.
    Errors(String),
}

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    /// The site.
    pub site: Arc<SiteState>,
    /// Notices to open pages.
    pub notices: broadcast::Sender<Notice>,
    /// The address the server listens on.
    pub address: SocketAddr,
}

const SCRIPT: &str = include_str!("reload.js");
const SCRIPT_TAG: &str = "<script src=\"/__journeymap/reload.js\"></script>";

/// The routes of the server.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/__journeymap/events", get(events))
        .route("/__journeymap/status", get(status))
        .route("/__journeymap/reload.js", get(script))
        .fallback(get(file))
        .layer(middleware::from_fn_with_state(state.clone(), local_only))
        .with_state(state)
}

/// Answers 403 to a request whose `Host` is not this computer, so that a web page whose
/// name an attacker points at 127.0.0.1 (DNS rebinding) cannot read the site.
async fn local_only(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if host.is_some_and(|host| is_local_host(host, state.address)) {
        next.run(request).await
    } else {
        (
            StatusCode::FORBIDDEN,
            "forbidden: this server only answers requests to localhost or its own address\n",
        )
            .into_response()
    }
}

/// Whether a `Host` header names this server: `localhost`, a loopback address or the bound
/// address (any address literal when bound to all interfaces), with the bound port or none.
pub fn is_local_host(host: &str, bound: SocketAddr) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !port.contains(']') => (name, Some(port)),
        _ => (host, None),
    };
    if port.is_some_and(|p| p.parse::<u16>().ok() != Some(bound.port())) {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let literal = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    let Ok(ip) = literal.parse::<IpAddr>() else {
        return false;
    };
    if name.contains(':') && !name.starts_with('[') {
        return false;
    }
    ip.is_loopback() || ip == bound.ip() || bound.ip().is_unspecified()
}

async fn events(
    State(state): State<AppState>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let stream =
        BroadcastStream::new(state.notices.subscribe()).filter_map(|notice| match notice {
            Ok(Notice::Reload(paths)) => {
                Some(Ok(Event::default().event("reload").data(paths.join("\n"))))
            }
            Ok(Notice::Errors(text)) => Some(Ok(Event::default().event("errors").data(text))),
            Err(_) => None,
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn status(State(state): State<AppState>) -> Response {
    let body = serde_json::json!({"errors": state.site.errors()}).to_string();
    with_type(body.into_bytes(), "application/json")
}

async fn script() -> Response {
    with_type(SCRIPT.as_bytes().to_vec(), "text/javascript; charset=utf-8")
}

async fn file(State(state): State<AppState>, uri: Uri) -> Response {
    let Some(path) = site_path(uri.path()) else {
        return not_found();
    };
    let files = state.site.files();
    let found = match files.get(path.as_str()) {
        Some(bytes) => Some(bytes.clone()),
        None if crate::address::DOWNLOADS.contains(&path.as_str()) => {
            // Made on request, off the thread that answers every request.
            let (site, file) = (state.site.clone(), path.clone());
            let made = tokio::task::spawn_blocking(move || site.download(&file));
            made.await.ok().flatten()
        }
        None => None,
    };
    let Some(bytes) = found else {
        if state.site.errors().is_some() && content_type(&path).starts_with("text/html") {
            return awaiting_a_good_build();
        }
        return not_found();
    };
    let content_type = content_type(&path);
    if content_type.starts_with("text/html") {
        return with_type(with_reload_script(&bytes), content_type);
    }
    with_type(bytes, content_type)
}

/// An HTML page with the reload script before its last `</body>`, or at its end without one.
/// The bytes are copied as they are: a page need not be UTF-8, and a search from the end
/// finds `</body>` at once in a page of many megabytes.
fn with_reload_script(html: &[u8]) -> Vec<u8> {
    let end = b"</body>";
    let at = html.windows(end.len()).rposition(|w| w == end);
    let mut page = Vec::with_capacity(html.len() + SCRIPT_TAG.len() + 1);
    match at {
        Some(i) => {
            page.extend_from_slice(&html[..i]);
            page.extend_from_slice(SCRIPT_TAG.as_bytes());
            page.push(b'\n');
            page.extend_from_slice(&html[i..]);
        }
        None => {
            page.extend_from_slice(html);
            page.extend_from_slice(SCRIPT_TAG.as_bytes());
        }
    }
    page
}

/// A page of a site that has not built yet: only the reload script, which shows the errors
/// (in the project's language) and reloads once they are fixed.
fn awaiting_a_good_build() -> Response {
    let html = format!(
        "<!doctype html>\n<meta charset=\"utf-8\">\n<title>journeymap</title>\n<body>{SCRIPT_TAG}</body>\n"
    );
    let mut response = with_type(html.into_bytes(), "text/html; charset=utf-8");
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    response
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}

fn with_type(body: impl IntoResponse, content_type: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The site file a request path names: percent-decoded, `/` and `dir/` mean `index.html`;
/// `None` for any path with `..`, `.`, a backslash or a NUL in it.
pub fn site_path(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw)?;
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" => {}
            "." | ".." => return None,
            p if p.contains('\\') || p.contains('\0') => return None,
            p => parts.push(p),
        }
    }
    let mut path = parts.join("/");
    if decoded.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" | "mmd" => "text/plain; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_site_files() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/course/").as_deref(), Some("course/index.html"));
        assert_eq!(
            site_path("/theme/style.css").as_deref(),
            Some("theme/style.css")
        );
        assert_eq!(
            site_path("/journeys/caf%C3%A9/index.html").as_deref(),
            Some("journeys/café/index.html")
        );
    }

    #[test]
    fn only_hosts_of_this_computer_are_local() {
        let loopback: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        let lan: SocketAddr = "192.168.1.5:1111".parse().unwrap();
        let every: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        for host in [
            "localhost",
            "LOCALHOST:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.9.9.9",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(is_local_host(host, loopback), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost:2222",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "192.168.1.5",
            "",
            ":1111",
            "[::1",
            "::1",
            "localhost:",
            "localhost:x",
        ] {
            assert!(!is_local_host(host, loopback), "{host}");
        }
        assert!(is_local_host("192.168.1.5:1111", lan));
        assert!(!is_local_host("192.168.1.6", lan));
        assert!(is_local_host("192.168.1.6:1111", every));
        assert!(!is_local_host("evil.example:1111", every));
    }

    #[test]
    fn no_path_leaves_the_site() {
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/a/%2E%2E/%2e%2e/x",
            "/..%2fCargo.toml",
            "/a/./b",
            "/%5c..%5cx",
            "/%00",
            "/%zz",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_reload_script_goes_before_the_last_body_end_and_no_byte_changes() {
        let page = b"<p>\xE9 </body> in text</p>\n</body>\n</html>\n";
        let served = with_reload_script(page);
        let expected = [
            &b"<p>\xE9 </body> in text</p>\n"[..],
            SCRIPT_TAG.as_bytes(),
            b"\n</body>\n</html>\n",
        ]
        .concat();
        assert_eq!(served, expected, "a Latin-1 byte is kept as it is");
        let fragment = with_reload_script(b"<p>no end");
        assert_eq!(
            fragment,
            [&b"<p>no end"[..], SCRIPT_TAG.as_bytes()].concat()
        );
    }
}

//! `journeymap serve` through the real binary on a free port: pages are served with the
//! reload script, edits show up, a broken edit keeps the last good page and exposes the
//! errors, no path leaves the site, a busy port is a clear error, SIGTERM stops it.

mod common;
use common::{copy_to_temp, fixture};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(root: &Path) -> Server {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert!(first.starts_with("serving "), "{first}");
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    Server { child, port }
}

/// A raw GET, so that paths reach the server exactly as written; gives status and body.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Polls until `check` holds; the deadline only stops a hung test, it measures nothing.
fn eventually(mut check: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    false
}

#[test]
fn pages_are_served_with_the_reload_script() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let server = start(project.path());
    let (status, body) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(body.contains("First visit"), "{body}");
    assert!(body.contains("<script src=\"/__journeymap/reload.js\"></script>\n</body>"));
    let (status, body) = get(server.port, "/journeys/first-visit/");
    assert_eq!(status, 200);
    assert!(body.contains("<h1>First visit</h1>"));
    let (status, script) = get(server.port, "/__journeymap/reload.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));
    let (status, _) = get(server.port, "/theme/style.css");
    assert_eq!(status, 200);
}

#[test]
fn an_edit_is_served_and_a_broken_edit_keeps_the_last_good_page() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let server = start(project.path());
    let journey = project.path().join("content/journeys/first-visit.yaml");
    let text = std::fs::read_to_string(&journey).unwrap();
    std::fs::write(
        &journey,
        text.replace("title: First visit", "title: Second visit"),
    )
    .unwrap();
    assert!(
        eventually(|| get(server.port, "/journeys/first-visit/index.html")
            .1
            .contains("<h1>Second visit</h1>")),
        "the edit was never served"
    );
    std::fs::write(&journey, "title: [broken\n").unwrap();
    assert!(
        eventually(|| get(server.port, "/__journeymap/status")
            .1
            .contains("yaml-syntax")),
        "the error was never exposed"
    );
    let (_, status) = get(server.port, "/__journeymap/status");
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    let report = status["errors"].as_str().unwrap();
    assert!(
        report.contains("content/journeys/first-visit.yaml:1:"),
        "{report}"
    );
    let (code, page) = get(server.port, "/journeys/first-visit/index.html");
    assert_eq!(code, 200);
    assert!(
        page.contains("<h1>Second visit</h1>"),
        "the last good page is still served"
    );
    std::fs::write(
        &journey,
        text.replace("title: First visit", "title: Third visit"),
    )
    .unwrap();
    assert!(eventually(|| get(server.port, "/__journeymap/status")
        .1
        .contains("\"errors\":null")));
    assert!(
        get(server.port, "/journeys/first-visit/index.html")
            .1
            .contains("<h1>Third visit</h1>")
    );
}

#[test]
fn no_request_path_reaches_outside_the_site() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    std::fs::write(project.path().join("secret.txt"), "secret").unwrap();
    let server = start(project.path());
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/..%2fsecret.txt",
        "/journeys/../../secret.txt",
        "/%5c..%5csecret.txt",
        "/content/journeys/first-visit.yaml",
        "/secret.txt",
    ] {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("secret"), "{path}");
    }
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let project = copy_to_temp(&fixture("valid-minimal"));
    let output = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(project.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("port {port} is already in use")),
        "{stderr}"
    );
    drop(listener);
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let mut server = start(project.path());
    assert_eq!(get(server.port, "/").0, 200);
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut exit = None;
    assert!(eventually(|| {
        exit = server.child.try_wait().unwrap();
        exit.is_some()
    }));
    assert_eq!(exit.unwrap().code(), Some(0), "a clean stop");
}

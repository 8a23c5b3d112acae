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
    start_in(None, Some(root))
}

/// Starts `serve` on a free port, in folder `dir` (else this process's), with `--root` when
/// given.
fn start_in(dir: Option<&Path>, root: Option<&Path>) -> Server {
    let port = free_port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_journeymap"));
    command.args(["serve", "--port", &port.to_string()]);
    if let Some(root) = root {
        command.arg("--root").arg(root);
    }
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let mut child = command
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
    let (status, body) = get_bytes(port, path);
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// A raw GET of a file's bytes (a data file need not be UTF-8); gives status and body.
fn get_bytes(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let Some(end) = response.windows(4).position(|w| w == b"\r\n\r\n") else {
        return (0, Vec::new());
    };
    let head = String::from_utf8_lossy(&response[..end]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response[end + 4..].to_vec())
}

/// Writes the valid-minimal fixture's journey `text` to `journey` with another title.
fn retitle(journey: &Path, text: &str, title: &str) {
    let retitled = text.replace("title: First visit", &format!("title: {title}"));
    std::fs::write(journey, retitled).unwrap();
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
    retitle(&journey, &text, "Second visit");
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
    retitle(&journey, &text, "Third visit");
    assert!(eventually(|| get(server.port, "/__journeymap/status")
        .1
        .contains("\"errors\":null")));
    assert!(
        get(server.port, "/journeys/first-visit/index.html")
            .1
            .contains("<h1>Third visit</h1>")
    );
}

/// The way most people start it: in the project's folder, with no `--root` (or a relative
/// one). The watcher reports absolute paths, which must still count as the project's.
#[test]
fn an_edit_is_served_when_serve_runs_in_the_project_folder() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let parent = project.path().parent().unwrap();
    let name = Path::new(project.path().file_name().unwrap());
    let servers = [
        start_in(Some(project.path()), None),
        start_in(Some(parent), Some(name)),
    ];
    let journey = project.path().join("content/journeys/first-visit.yaml");
    let text = std::fs::read_to_string(&journey).unwrap();
    retitle(&journey, &text, "Edited");
    for server in &servers {
        assert!(
            eventually(|| get(server.port, "/journeys/first-visit/index.html")
                .1
                .contains("<h1>Edited</h1>")),
            "the edit was never served"
        );
    }
}

/// The data files are not made with every rebuild but when asked for: they are then those
/// `build` writes, for the project as it is after the last edit.
#[test]
fn the_data_files_are_made_when_asked_for_as_build_makes_them() {
    let project = copy_to_temp(&fixture("measured"));
    let server = start(project.path());
    let journey = fs_journey(project.path());
    let text = std::fs::read_to_string(&journey).unwrap();
    std::fs::write(&journey, text.replacen("title: ", "title: Edited ", 1)).unwrap();
    assert!(
        eventually(|| get(server.port, "/").1.contains("Edited ")),
        "the edit was never served"
    );
    let built = common::journeymap(project.path(), &["build"]);
    assert!(built.status.success(), "{built:?}");
    for file in [
        "model.json",
        "inventory.csv",
        "consistency.csv",
        "journeymap.xlsx",
    ] {
        let written = std::fs::read(project.path().join("output").join(file)).unwrap();
        assert!(
            eventually(|| get_bytes(server.port, &format!("/{file}")) == (200, written.clone())),
            "{file} is served as build writes it"
        );
    }
}

/// The first journey file of a project.
fn fs_journey(root: &Path) -> std::path::PathBuf {
    let mut files: Vec<_> = std::fs::read_dir(root.join("content/journeys"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files.remove(0)
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

/// A raw GET with the given `Host` header (none for `None`); gives the status.
fn get_with_host(port: u16, path: &str, host: Option<&str>) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let host = host.map_or(String::new(), |h| format!("Host: {h}\r\n"));
    write!(
        stream,
        "GET {path} HTTP/1.1\r\n{host}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response)
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[test]
fn only_a_local_host_name_is_answered() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let server = start(project.path());
    let port = server.port;
    for host in [
        "evil.example",
        "evil.example:1111",
        "localhost.evil.example",
        "127.0.0.1.nip.io",
        "192.168.1.10",
        "",
    ] {
        for path in [
            "/",
            "/model.json",
            "/__journeymap/events",
            "/__journeymap/status",
        ] {
            assert_eq!(get_with_host(port, path, Some(host)), 403, "{host} {path}");
        }
    }
    assert_eq!(get_with_host(port, "/", None), 403, "no Host header");
    assert_eq!(
        get_with_host(port, "/", Some(&format!("localhost:{}", port + 1))),
        403,
        "another port"
    );
    for host in [
        "localhost".to_string(),
        "LocalHost".to_string(),
        format!("localhost:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{port}"),
        format!("127.1.2.3:{port}"),
        "[::1]".to_string(),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(get_with_host(port, "/", Some(&host)), 200, "{host}");
    }
}

/// One test for everything that waits for the header timeout, so that it is waited for once.
#[test]
fn slow_clients_are_cut_off_and_starve_nobody_while_the_reload_stream_stays_open() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let server = start(project.path());
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        events,
        "GET /__journeymap/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut events = BufReader::new(events);
    let mut line = String::new();
    events.read_line(&mut line).unwrap();
    assert!(line.contains("200"), "{line}");
    // More slow clients than the server serves at once, each with half a request.
    let mut slow: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", server.port)).ok())
        .map(|mut s| {
            let _ = write!(s, "GET / HTTP/1.1\r\nHost: localhost\r\n");
            s
        })
        .collect();
    assert!(slow.len() > 260, "{}", slow.len());
    assert_eq!(get(server.port, "/").0, 200, "others are served");
    let first = &mut slow[0];
    first
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut rest = Vec::new();
    // The read ends (the server closed the connection) instead of waiting for 60 s.
    match first.read_to_end(&mut rest) {
        Ok(_) => assert!(!String::from_utf8_lossy(&rest).contains("200 OK")),
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
    }
    // The reload stream, open longer than the header timeout by now, still reports a change.
    let journey = project.path().join("content/journeys/first-visit.yaml");
    let text = std::fs::read_to_string(&journey).unwrap();
    retitle(&journey, &text, "Later");
    let reloaded = (0..1000).any(|_| {
        line.clear();
        events.read_line(&mut line).is_ok_and(|n| n > 0) && line.starts_with("event: reload")
    });
    assert!(reloaded, "no reload event: {line}");
}

#[test]
fn replacing_the_content_folder_keeps_live_reload_working() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let server = start(project.path());
    let content = project.path().join("content");
    let moved = project.path().join("content.old");
    std::fs::rename(&content, &moved).unwrap();
    copy_folder(&moved, &content);
    std::thread::sleep(Duration::from_millis(200));
    let journey = content.join("journeys/first-visit.yaml");
    let text = std::fs::read_to_string(&journey).unwrap();
    retitle(&journey, &text, "Back again");
    assert!(
        eventually(|| get(server.port, "/journeys/first-visit/index.html")
            .1
            .contains("<h1>Back again</h1>")),
        "the edit in the new content/ was never served"
    );
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn binding_to_every_interface_gives_a_warning() {
    let listener = TcpListener::bind("0.0.0.0:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let project = copy_to_temp(&fixture("valid-minimal"));
    let output = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["serve", "--bind", "0.0.0.0", "--port", &port.to_string()])
        .arg("--root")
        .arg(project.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: 0.0.0.0 is not a loopback address"),
        "{stderr}"
    );
    drop(listener);
}

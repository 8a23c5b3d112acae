//! Measures how soon `journeymap serve` serves an edited journey: starts the server on a
//! project, then edits one journey's persona again and again and polls the journey page and
//! the home page until they show the new text. Prints the median and the slowest time from
//! the save to each page served updated, and every time of the edited page. The pages are
//! polled every 5 ms, so times are up to 5 ms late.
//!
//!   cargo run --release --example serve_latency -- ROOT [EDITS]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let response = String::from_utf8_lossy(&response).into_owned();
    response.starts_with("HTTP/1.1 200").then_some(response)
}

/// Waits until the page at `path` contains `text`; the time it took.
fn until(port: u16, path: &str, text: &str, since: Instant) -> Duration {
    loop {
        if get(port, path).is_some_and(|body| body.contains(text)) {
            return since.elapsed();
        }
        if since.elapsed() > Duration::from_secs(60) {
            eprintln!("{path} did not show {text} within a minute");
            std::process::exit(1);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn first_journey(root: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("content/journeys"))
        .expect("content/journeys")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files.into_iter().next().expect("a journey file")
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: serve_latency ROOT [EDITS]"));
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let binary = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.join("journeymap")))
        .expect("the journeymap binary next to the examples");
    let started = Instant::now();
    let _server = Server(
        Command::new(binary)
            .args(["serve", "--root"])
            .arg(&root)
            .args(["--port", &port.to_string()])
            .stdout(Stdio::null())
            .spawn()
            .expect("journeymap serve starts"),
    );
    until(port, "/", "</html>", started);
    println!("first build served after {:?}", started.elapsed());

    let journey = first_journey(&root);
    let id = journey
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let original = std::fs::read_to_string(&journey).expect("the journey file");
    let body = original
        .lines()
        .filter(|l| !l.starts_with("persona:"))
        .collect::<Vec<_>>()
        .join("\n");
    let (mut page, mut home) = (Vec::new(), Vec::new());
    for edit in 0..edits {
        std::thread::sleep(Duration::from_millis(500));
        let persona = format!("Persona after edit {edit} of {}", std::process::id());
        let saved = Instant::now();
        std::fs::write(&journey, format!("persona: {persona}\n{body}\n")).expect("saved");
        page.push(until(port, &format!("/journeys/{id}/"), &persona, saved));
        home.push(until(port, "/", &persona, saved));
    }
    std::fs::write(&journey, original).expect("the journey file restored");
    let show = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
    println!(
        "edited journey page served updated: median {}, slowest {} ({edits} edits)",
        show(median(page.clone())),
        show(page.iter().copied().max().unwrap_or_default())
    );
    let all: Vec<String> = page.iter().map(|d| show(*d)).collect();
    println!("each edit: {}", all.join(", "));
    println!(
        "home page served updated:           median {}, slowest {}",
        show(median(home.clone())),
        show(home.iter().copied().max().unwrap_or_default())
    );
}

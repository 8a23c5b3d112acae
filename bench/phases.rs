//! Times each stage of a build (load, analyse, render and write, swap) on a project, to see
//! what dominates, and the memory after each. cargo run --release --example phases -- ROOT [OUT]

use journeymap::analysis::analyse;
use journeymap::load::load_project;
use journeymap::output::{Staging, check_output_folder};
use journeymap::render::render_site;
use std::path::PathBuf;
use std::time::Instant;

/// The same allocator as the journeymap binary, so the phases add up to its time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".to_string()));
    let out = std::env::args()
        .nth(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("output"));
    let start = Instant::now();
    let loaded = load_project(&root);
    let load = start.elapsed();
    let after_load = resident();
    drop(loaded.sources);
    let without_sources = resident();
    let Some(project) = loaded.project else {
        eprintln!("the project has errors: run journeymap check");
        std::process::exit(1);
    };
    let analysis = analyse(&project);
    let analyse_done = start.elapsed();
    let after_analysis = resident();
    let target = match check_output_folder(&root, &out) {
        Ok(target) => target,
        Err(d) => {
            eprintln!("{}", d.message.english());
            std::process::exit(1);
        }
    };
    let staging = match Staging::open(&target) {
        Ok(staging) => staging,
        Err(d) => {
            eprintln!("{}", d.message.english());
            std::process::exit(1);
        }
    };
    let rendered = match render_site(&project, &analysis, &root, &staging) {
        Ok(rendered) => rendered,
        Err(_) => {
            eprintln!("the site could not be rendered");
            std::process::exit(1);
        }
    };
    let render = start.elapsed();
    if let Err(d) = staging.commit() {
        eprintln!("{}", d.diagnostic.message.english());
        std::process::exit(1);
    }
    let write = start.elapsed();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!("load     {:8.1} ms", ms(load));
    println!("analyse  {:8.1} ms", ms(analyse_done - load));
    println!(
        "render   {:8.1} ms ({} files, {} pages, written as they are rendered)",
        ms(render - analyse_done),
        rendered.files,
        rendered.pages
    );
    println!("commit   {:8.1} ms", ms(write - render));
    println!("total    {:8.1} ms", ms(write));
    println!(
        "memory   {after_load} MB after load, {without_sources} MB without the sources kept for \
         reports, {after_analysis} MB after analysis, {} MB at the end (peak {} MB)",
        resident(),
        peak()
    );
}

/// The resident memory now, in MB (Linux; 0 elsewhere).
fn resident() -> u64 {
    status_field("VmRSS:")
}

/// The most resident memory so far, in MB (Linux; 0 elsewhere).
fn peak() -> u64 {
    status_field("VmHWM:")
}

fn status_field(name: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

//! The output folder through the real binary: a user's own files are never deleted, a marker is
//! only trusted when it is journeymap's, and a build stopped at any step of its final update
//! leaves the whole old site or the whole new one.

mod common;
use common::{copy_to_temp, fixture, repository};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `journeymap build` on `root` into `out` with extra environment variables.
fn build_with(root: &Path, out: &Path, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_journeymap"));
    command
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .current_dir(repository())
        .env("NO_COLOR", "1")
        .env_remove("JOURNEYMAP_TEST_ABORT_AT")
        .env_remove("JOURNEYMAP_TEST_NO_EXCHANGE");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the journeymap binary runs")
}

/// Builds and gives the exit code and stderr.
fn build(root: &Path, out: &Path) -> (Option<i32>, String) {
    let output = build_with(root, out, &[]);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Every file (and empty folder, as `path/`) under a folder with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let mut empty = true;
        for entry in fs::read_dir(&folder).unwrap() {
            empty = false;
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(relative(dir, &path), fs::read(&path).unwrap());
            }
        }
        if empty && folder != dir {
            files.insert(format!("{}/", relative(dir, &folder)), Vec::new());
        }
    }
    files
}

fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// Names of journeymap's staging folders left in `parent`.
fn staging_left(parent: &Path) -> Vec<String> {
    fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("journeymap-"))
        .collect()
}

/// A copy of the minimal fixture with a second journey, so a change adds and removes files.
fn project() -> tempfile::TempDir {
    let project = copy_to_temp(&fixture("valid-minimal"));
    fs::write(
        project.path().join("content/journeys/second-visit.yaml"),
        "title: Second\nstages:\n  - name: A\n    touchpoints:\n      - {name: B, kind: human, emotion: 3}\n",
    )
    .unwrap();
    project
}

/// Changes the project so the next build writes, keeps and removes files.
fn change(project: &Path) {
    let journeys = project.join("content/journeys");
    fs::rename(
        journeys.join("second-visit.yaml"),
        journeys.join("third-visit.yaml"),
    )
    .unwrap();
    let first = journeys.join("first-visit.yaml");
    let yaml = fs::read_to_string(&first).unwrap();
    fs::write(&first, format!("persona: Renamed persona\n{yaml}")).unwrap();
}

/// A user's own files as a static host's publishing setup has them.
fn add_users_files(out: &Path) {
    fs::create_dir_all(out.join(".git/objects/ab")).unwrap();
    fs::write(out.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    fs::write(out.join(".git/objects/ab/cdef"), "object").unwrap();
    fs::create_dir_all(out.join(".git/refs/tags")).unwrap();
    fs::write(out.join(".htaccess"), "Options -Indexes\n").unwrap();
    fs::write(out.join("CNAME"), "journeys.example.com\n").unwrap();
    fs::write(out.join("journeys/.notes"), "a dotfile deep down\n").unwrap();
}

fn users_files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(out)
        .into_iter()
        .filter(|(path, _)| {
            path.starts_with(".git")
                || path == ".htaccess"
                || path == "CNAME"
                || path.ends_with("/.notes")
        })
        .collect()
}

#[test]
fn a_users_git_folder_dotfiles_and_cname_survive_rebuilds() {
    let project = project();
    let out = project.path().join("output");
    assert_eq!(build(project.path(), &out).0, Some(0));
    add_users_files(&out);
    let mine = users_files(&out);
    assert_eq!(mine.len(), 6, "{:?}", mine.keys());
    change(project.path());
    let (status, stderr) = build(project.path(), &out);
    assert_eq!(status, Some(0), "{stderr}");
    assert_eq!(users_files(&out), mine, "the user's files are all there");
    assert!(out.join("journeys/third-visit/index.html").is_file());
    assert!(
        !out.join("journeys/second-visit").exists(),
        "stale pages go"
    );
    let fresh = project.path().join("fresh");
    assert_eq!(build(project.path(), &fresh).0, Some(0));
    let mut expected = tree(&fresh);
    expected.extend(mine.clone());
    assert_eq!(tree(&out), expected, "a first build plus the user's files");
    assert_eq!(build(project.path(), &out).0, Some(0));
    assert_eq!(tree(&out), expected, "an unchanged rebuild changes nothing");
    assert!(staging_left(project.path()).is_empty());
}

#[test]
fn a_folder_holding_only_a_git_clone_is_accepted_as_a_new_output() {
    let project = project();
    let out = project.path().join("output");
    fs::create_dir_all(out.join(".git")).unwrap();
    fs::write(out.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    let (status, stderr) = build(project.path(), &out);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(out.join("index.html").is_file());
    assert_eq!(
        fs::read_to_string(out.join(".git/HEAD")).unwrap(),
        "ref: refs/heads/gh-pages\n"
    );
}

#[test]
fn output_keep_globs_are_honoured() {
    let project = project();
    let out = project.path().join("output");
    fs::create_dir_all(out.join("downloads/2024")).unwrap();
    fs::write(out.join("CNAME"), "journeys.example.com\n").unwrap();
    fs::write(out.join("downloads/2024/report.pdf"), "pdf").unwrap();
    let (status, stderr) = build(project.path(), &out);
    assert_eq!(
        status,
        Some(1),
        "without `output.keep` the folder is the user's"
    );
    assert!(stderr.contains("error[output-error]"), "{stderr}");
    assert!(
        !stderr.contains("//"),
        "paths are shown as they are: {stderr}"
    );

    let site = project.path().join("content/site.yaml");
    fs::write(&site, "output:\n  keep: [CNAME, \"downloads/**\"]\n").unwrap();
    let (status, stderr) = build(project.path(), &out);
    assert_eq!(status, Some(0), "{stderr}");
    change(project.path());
    let (status, stderr) = build(project.path(), &out);
    assert_eq!(status, Some(0), "{stderr}");
    assert_eq!(
        fs::read(out.join("downloads/2024/report.pdf")).unwrap(),
        b"pdf"
    );
    assert_eq!(
        fs::read(out.join("CNAME")).unwrap(),
        b"journeys.example.com\n"
    );
    assert!(out.join("journeys/third-visit/index.html").is_file());

    fs::write(&site, "output:\n  keep: [\"downloads/[\"]\n").unwrap();
    let (status, stderr) = build(project.path(), &out);
    assert_eq!(status, Some(1), "a broken glob is an error: {stderr}");
    assert!(stderr.contains("site.yaml"), "{stderr}");
}

#[test]
fn a_forged_or_empty_marker_is_refused() {
    let project = project();
    let header = "This folder is written by journeymap build; every build brings it up to date.\n";
    let markers = [
        String::new(),
        header.to_string(),
        "not a manifest\n".to_string(),
        format!("{header}0123456789abcdef 8 thesis.docx\n"),
        format!("{header}0123456789abcdef 8 index.html\n"),
    ];
    for marker in markers {
        let mine = project.path().join("mine");
        fs::create_dir_all(&mine).unwrap();
        fs::write(mine.join("thesis.docx"), "precious").unwrap();
        fs::write(mine.join(".journeymap-output"), &marker).unwrap();
        let (status, stderr) = build(project.path(), &mine);
        assert_eq!(status, Some(1), "{marker:?}: {stderr}");
        assert!(stderr.contains("error[output-error]"), "{stderr}");
        assert!(
            stderr.contains("marker"),
            "the message names the marker: {stderr}"
        );
        assert_eq!(fs::read(mine.join("thesis.docx")).unwrap(), b"precious");
        assert!(!mine.join("index.html").exists());
        assert!(staging_left(project.path()).is_empty());
    }
}

/// Copies a built output with its files' modification times, so the copy is an output the
/// next build trusts as it trusts the original.
fn copy_output(from: &Path, to: &Path) {
    if to.exists() {
        fs::remove_dir_all(to).unwrap();
    }
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_output(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
            let modified = entry.metadata().unwrap().modified().unwrap();
            let file = fs::File::options().write(true).open(&target).unwrap();
            file.set_modified(modified).unwrap();
        }
    }
}

/// The old site, the new one and a project whose next build turns one into the other, for
/// the tests that stop a build during its update.
struct Update {
    project: tempfile::TempDir,
    old: PathBuf,
    old_tree: BTreeMap<String, Vec<u8>>,
    new_tree: BTreeMap<String, Vec<u8>>,
}

/// The minimal fixture built, with the user's files added, then changed so the next build
/// writes, links, carries and removes files and folders.
fn update() -> Update {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let old = project.path().join("old");
    assert_eq!(build(project.path(), &old).0, Some(0));
    fs::create_dir_all(old.join(".git/refs/tags")).unwrap();
    fs::write(old.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    fs::write(old.join("CNAME"), "journeys.example.com\n").unwrap();
    fs::write(old.join("journeys/first-visit/.kept"), "mine").unwrap();
    let journeys = project.path().join("content/journeys");
    fs::rename(
        journeys.join("first-visit.yaml"),
        journeys.join("later-visit.yaml"),
    )
    .unwrap();
    let new = project.path().join("new");
    copy_output(&old, &new);
    assert_eq!(build(project.path(), &new).0, Some(0));
    let (old_tree, new_tree) = (tree(&old), tree(&new));
    assert_ne!(old_tree, new_tree);
    Update {
        project,
        old,
        old_tree,
        new_tree,
    }
}

/// Stops the build at step `step` of its update (through the test hook
/// `JOURNEYMAP_TEST_ABORT_AT`) in its own copy of the old site and checks that the output is
/// then the whole old site or the whole new one (or, without an exchange, missing for a
/// moment), and that the next build succeeds, gives the new site and leaves no staging
/// folder. True when the build had fewer steps and finished.
fn abort_at(update: &Update, step: usize, extra: &[(&str, &str)]) -> bool {
    let parent = update.project.path().join(format!("run-{step}"));
    let out = parent.join("out");
    copy_output(&update.old, &out);
    let n = step.to_string();
    let mut env = extra.to_vec();
    env.push(("JOURNEYMAP_TEST_ABORT_AT", n.as_str()));
    let aborted = build_with(update.project.path(), &out, &env);
    if aborted.status.success() {
        assert_eq!(tree(&out), update.new_tree);
        return true;
    }
    assert_eq!(
        aborted.status.code(),
        None,
        "step {step}: stopped by a signal"
    );
    let now = if out.exists() {
        tree(&out)
    } else {
        BTreeMap::new()
    };
    let missing = now.is_empty() && !extra.is_empty();
    assert!(
        missing || now == update.old_tree || now == update.new_tree,
        "step {step}: the output is neither the old nor the new site"
    );
    let output = build_with(update.project.path(), &out, extra);
    assert!(
        output.status.success(),
        "step {step}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(tree(&out), update.new_tree, "step {step}: the next build");
    let left = staging_left(&parent);
    assert!(left.is_empty(), "step {step}: staging left: {left:?}");
    false
}

/// Stops a build right before each file-system step of its final update in turn, two runs
/// at a time; gives the number of steps.
fn abort_at_every_step(update: &Update, from: usize, extra: &[(&str, &str)]) -> usize {
    let done = std::sync::atomic::AtomicUsize::new(usize::MAX);
    std::thread::scope(|scope| {
        for lane in 0..2 {
            let done = &done;
            scope.spawn(move || {
                let mut step = from + lane;
                while step < done.load(std::sync::atomic::Ordering::SeqCst) {
                    if abort_at(update, step, extra) {
                        done.fetch_min(step, std::sync::atomic::Ordering::SeqCst);
                    }
                    step += 2;
                }
            });
        }
    });
    done.into_inner() - 1
}

#[test]
fn a_build_stopped_at_any_step_of_its_update_leaves_the_old_or_the_new_site() {
    let update = update();
    let steps = abort_at_every_step(&update, 1, &[]);
    assert!(steps > 10, "the update has more than ten steps: {steps}");
    // Without an exchange only the swap differs: its steps come after the marker is written.
    let swap = abort_at_every_step(&update, steps - 2, &[("JOURNEYMAP_TEST_NO_EXCHANGE", "1")]);
    assert_eq!(swap, steps + 1, "two renames where there was one exchange");
}

/// One real SIGKILL at whatever moment the build has reached.
#[test]
fn a_killed_build_leaves_a_whole_site_and_the_next_build_clean() {
    let project = project();
    let out = project.path().join("output");
    assert_eq!(build(project.path(), &out).0, Some(0));
    let before = tree(&out);
    change(project.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["build", "--root"])
        .arg(project.path())
        .arg("--out")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let fresh = project.path().join("fresh");
    assert_eq!(build(project.path(), &fresh).0, Some(0));
    let after = tree(&fresh);
    let now = tree(&out);
    assert!(now == before || now == after, "neither old nor new");
    assert_eq!(build(project.path(), &out).0, Some(0));
    assert_eq!(tree(&out), after);
    assert!(staging_left(project.path()).is_empty());
}

#[test]
fn a_users_file_where_the_site_now_writes_is_refused_and_kept() {
    let project = project();
    let out = project.path().join("output");
    assert_eq!(build(project.path(), &out).0, Some(0));
    fs::create_dir_all(out.join("journeys/third-visit")).unwrap();
    fs::write(out.join("journeys/third-visit/index.html"), "mine").unwrap();
    let before = tree(&out);
    change(project.path());
    let (status, stderr) = build(project.path(), &out);
    assert_eq!(status, Some(1), "{stderr}");
    assert!(
        stderr.contains("journeys/third-visit/index.html"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the output folder was not changed"),
        "{stderr}"
    );
    assert_eq!(tree(&out), before);
    assert!(staging_left(project.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn an_output_inside_the_real_content_folder_is_refused_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real-content");
    copy_dir_into(&fixture("valid-minimal").join("content"), &real);
    let project = dir.path().join("project");
    fs::create_dir_all(&project).unwrap();
    std::os::unix::fs::symlink(&real, project.join("content")).unwrap();
    let out: PathBuf = real.join("site");
    let (status, stderr) = build(&project, &out);
    assert_eq!(status, Some(1), "{stderr}");
    assert!(stderr.contains("inside content/"), "{stderr}");
    assert!(!out.exists());
}

fn copy_dir_into(from: &Path, to: &Path) {
    let copy = copy_to_temp(from);
    copy_output(copy.path(), to);
}

#[test]
fn a_failed_first_build_leaves_no_empty_folders_behind() {
    let project = copy_to_temp(&fixture("valid-minimal"));
    let templates = project.path().join("themes/late/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join("journey.html"), "{{ no_such_thing.field }}").unwrap();
    fs::write(project.path().join("content/site.yaml"), "theme: late\n").unwrap();
    let out = project.path().join("nested/deeper/site");
    let (status, stderr) = build(project.path(), &out);
    assert_eq!(status, Some(1), "{stderr}");
    assert!(stderr.contains("error[template-error]"), "{stderr}");
    assert!(
        !project.path().join("nested").exists(),
        "the folders made for the output are removed again"
    );
}

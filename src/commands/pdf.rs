//! `journeymap pdf`: build the site, then print its report (`report/index.html`) to a PDF
//! with an installed Chromium-family browser in headless mode.
//!
//! The site is built into its normal output folder (`ROOT/output`), as `build` does: the
//! report needs the site's stylesheet and logo beside it, the build is incremental (files
//! that did not change are not written), and when no browser is found the message can point
//! at a report that exists, to print by hand.

use super::{Outcome, Voice, build};
use crate::address;
use crate::diagnostics::{Message, TextStyle};
use crate::model::Language;
use crate::msg;
use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Options of `journeymap pdf`.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// The folder that holds `content/`.
    pub root: PathBuf,
    /// The PDF to write; default `ROOT/report.pdf`.
    pub out: Option<PathBuf>,
    /// The browser to print with; default: the first Chromium-family browser found.
    pub browser: Option<PathBuf>,
    /// Colours for error reports.
    pub style: TextStyle,
    /// The language asked for with `--lang`, over the project's.
    pub lang: Option<Language>,
}

/// Names of Chromium-family browsers looked for on `PATH`, in order.
const BROWSER_NAMES: [&str; 8] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
];

/// Where browsers are installed when they are not on `PATH`, per system.
fn install_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = Vec::new();
    if cfg!(target_os = "macos") {
        paths.extend(
            [
                "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                "/Applications/Chromium.app/Contents/MacOS/Chromium",
                "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
            ]
            .map(PathBuf::from),
        );
    } else if cfg!(windows) {
        let bases = ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"]
            .iter()
            .filter_map(std::env::var_os)
            .map(PathBuf::from);
        for base in bases {
            paths.push(base.join(r"Google\Chrome\Application\chrome.exe"));
            paths.push(base.join(r"Microsoft\Edge\Application\msedge.exe"));
            paths.push(base.join(r"Chromium\Application\chrome.exe"));
        }
    } else {
        paths.extend(
            [
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/snap/bin/chromium",
                "/usr/bin/google-chrome",
                "/usr/bin/google-chrome-stable",
                "/opt/google/chrome/chrome",
                "/usr/bin/microsoft-edge",
                "/opt/microsoft/msedge/msedge",
            ]
            .map(PathBuf::from),
        );
    }
    paths
}

/// The browser to print with, and every place looked at (for the message when none is
/// found). `--browser` is the only place looked at when it is given.
fn find_browser(given: Option<&Path>) -> (Option<PathBuf>, Vec<String>) {
    if let Some(path) = given {
        let found = path.is_file().then(|| path.to_path_buf());
        return (found, vec![format!("--browser {}", path.display())]);
    }
    let dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    find_in(&dirs, install_paths())
}

/// Looks for a browser by name in the folders of `PATH`, then at the install paths; the
/// places searched, for the message when none is found.
fn find_in(dirs: &[PathBuf], installs: Vec<PathBuf>) -> (Option<PathBuf>, Vec<String>) {
    let mut searched = Vec::new();
    for name in BROWSER_NAMES {
        let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
        if let Some(found) = dirs.iter().map(|d| d.join(&file)).find(|p| p.is_file()) {
            return (Some(found), searched);
        }
    }
    searched.push(format!("PATH: {}", BROWSER_NAMES.join(", ")));
    for path in installs {
        if path.is_file() {
            return (Some(path), searched);
        }
        searched.push(path.display().to_string());
    }
    (None, searched)
}

/// Builds the site and prints its report to a PDF. Exit 1 when the build fails, no browser
/// is found or printing fails; an existing PDF is then left as it was.
pub fn run(options: &PdfOptions, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let site = options.root.join("output");
    let build_options = build::BuildOptions {
        root: options.root.clone(),
        out: Some(site.clone()),
        style: options.style,
        lang: options.lang,
    };
    let built = build::run(&build_options, out, err)?;
    if built != Outcome::Success {
        return Ok(built);
    }
    let language = crate::load::load_language(&options.root);
    let voice = &Voice::chosen(options.lang, language);
    let report = site.join(address::REPORT);
    let target = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("report.pdf"));
    let (browser, searched) = find_browser(options.browser.as_deref());
    let Some(browser) = browser else {
        voice.say(err, &msg!("cli.pdf_no_browser"))?;
        for place in &searched {
            writeln!(err, "  {place}")?;
        }
        voice.say(err, &msg!("cli.pdf_by_hand", report = report.display()))?;
        return Ok(Outcome::Failure);
    };
    match print(&browser, &report, &target) {
        Ok(()) => {
            voice.say(out, &msg!("cli.wrote", target = target.display()))?;
            Ok(Outcome::Success)
        }
        Err(message) => {
            let failed = msg!(
                "cli.pdf_failed",
                browser = browser.display(),
                report = report.display(),
                message,
                target = target.display()
            );
            voice.say(err, &failed)?;
            Ok(Outcome::Failure)
        }
    }
}

/// How long a browser may take to print the report.
const PRINT_TIMEOUT: Duration = Duration::from_secs(180);

/// Prints `report` to `target` with `browser`: into a temporary file beside `target`, which
/// then replaces it, so a failure leaves an existing PDF as it was.
fn print(browser: &Path, report: &Path, target: &Path) -> Result<(), Message> {
    let report = report
        .canonicalize()
        .map_err(|e| msg!("cli.pdf_no_report", reason = e))?;
    let name = target
        .file_name()
        .ok_or_else(|| msg!("cli.pdf_not_a_name", target = target.display()))?;
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temporary_name = OsString::from(".");
    temporary_name.push(name);
    temporary_name.push(format!(".journeymap-{}.tmp", std::process::id()));
    let temporary = folder.join(temporary_name);
    let profile = std::env::temp_dir().join(format!("journeymap-pdf-{}", std::process::id()));
    let printed = run_browser(browser, &report, &temporary, &profile);
    let _ = fs::remove_dir_all(&profile);
    let result = printed.and_then(|()| {
        let bytes = fs::read(&temporary).map_err(|e| msg!("cli.pdf_none_written", reason = e))?;
        if !bytes.starts_with(b"%PDF") {
            return Err(msg!("cli.pdf_not_pdf"));
        }
        fs::rename(&temporary, target).map_err(|e| msg!("cli.pdf_not_moved", reason = e))
    });
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Runs the browser headless until it has printed, or [`PRINT_TIMEOUT`] has passed.
fn run_browser(browser: &Path, report: &Path, pdf: &Path, profile: &Path) -> Result<(), Message> {
    fs::create_dir_all(profile).map_err(|e| msg!("cli.pdf_no_profile", reason = e))?;
    let log_path = profile.join("browser.log");
    let log = fs::File::create(&log_path).map_err(|e| msg!("cli.pdf_no_log", reason = e))?;
    let log_err = log
        .try_clone()
        .map_err(|e| msg!("cli.pdf_no_log", reason = e))?;
    let mut command = Command::new(browser);
    command
        .arg("--headless")
        .arg("--disable-gpu")
        .arg("--no-first-run")
        .arg("--no-default-browser-check")
        .arg("--disable-extensions")
        .arg(arg("--user-data-dir=", profile))
        // Without the browser's own header and footer (date, title, file:// path): the first
        // flag is today's, the second the one older versions know.
        .arg("--no-pdf-header-footer")
        .arg("--print-to-pdf-no-header")
        // Bookmarks from the report's headings, so a reader can jump to a part (a version
        // that does not know the flag ignores it).
        .arg("--generate-pdf-document-outline")
        .arg(arg("--print-to-pdf=", pdf))
        .arg(file_url(report))
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_err);
    if running_as_root() {
        // Chromium refuses to start as root with its sandbox; it opens only our own page.
        command.arg("--no-sandbox");
    }
    let mut child = command
        .spawn()
        .map_err(|e| msg!("cli.pdf_no_start", reason = e))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > PRINT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(msg!("cli.pdf_timeout", seconds = PRINT_TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(msg!("cli.pdf_no_wait", reason = e)),
        }
    };
    if status.success() {
        return Ok(());
    }
    let log = fs::read_to_string(&log_path).unwrap_or_default();
    let last: Vec<&str> = log.lines().rev().take(5).collect();
    let last: Vec<&str> = last.into_iter().rev().collect();
    Err(msg!("cli.pdf_exited", status, log = last.join("\n")))
}

/// A command-line argument of a flag and a path.
fn arg(flag: &str, path: &Path) -> OsString {
    let mut arg = OsString::from(flag);
    arg.push(path);
    arg
}

/// The `file://` URL of an absolute path, percent-encoded.
fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = text.strip_prefix("//?/").unwrap_or(&text);
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~:".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// True when this process runs as root (on Linux; elsewhere it is taken not to).
fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/report/index.html")),
            "file:///tmp/a%20b/report/index.html"
        );
        assert_eq!(
            file_url(Path::new("/tmp/Oriëntatie#1")),
            "file:///tmp/Ori%C3%ABntatie%231"
        );
    }

    #[test]
    fn no_browser_on_path_nor_installed_is_not_found_and_says_where_it_looked() {
        let empty = tempfile::tempdir().unwrap();
        let nowhere = empty.path().join("Chromium.app/chromium");
        let (found, searched) = find_in(&[empty.path().to_path_buf()], vec![nowhere.clone()]);
        assert_eq!(found, None);
        assert_eq!(
            searched,
            [
                format!("PATH: {}", BROWSER_NAMES.join(", ")),
                nowhere.display().to_string()
            ]
        );
        let browser = empty
            .path()
            .join(format!("chromium{}", std::env::consts::EXE_SUFFIX));
        std::fs::write(&browser, "").unwrap();
        let (found, _) = find_in(&[empty.path().to_path_buf()], vec![nowhere]);
        assert_eq!(found, Some(browser), "one on PATH is found");
    }

    #[test]
    fn a_given_browser_is_the_only_place_looked_at() {
        let (found, searched) = find_browser(Some(Path::new("/nowhere/chromium")));
        assert_eq!(found, None);
        assert_eq!(searched, ["--browser /nowhere/chromium"]);
    }
}

//! The `journeymap` command line: parses arguments, runs a command, maps its outcome to an
//! exit status (0 fine, 1 errors in the project, 2 wrong usage).

#![forbid(unsafe_code)]

use clap::{Parser, Subcommand, ValueEnum};
use journeymap::commands::{
    Outcome, build, check, export, import, import_survey, init, pdf, schema,
};
use journeymap::diagnostics::TextStyle;
use journeymap::model::Language;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: the build allocates many small strings on several threads, where it is faster
/// than the system allocator (a W1k build took a third longer with the system's, 2026-11-30).
/// Its v2 line without transparent huge pages (Cargo features): a W1k build took 14 % longer
/// with v3's defaults, much of it the kernel clearing fresh huge pages (2026-12-02).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Compile customer journeys written as YAML, plus Markdown notes, into a static website:
/// emotion curves, touchpoint inventories and promise-versus-delivery consistency reports.
#[derive(Parser)]
#[command(name = "journeymap", version, about, long_about = None)]
#[command(
    after_help = "A project is a folder with content/site.yaml, content/promises.yaml, \
content/journeys/*.yaml and Markdown pages. See README.md for the format."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of the messages [default: the project's `language`; before there is a
    /// project, Dutch when the locale (LANG) is nl_*, else English].
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<Lang>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    En,
    Nl,
}

impl From<Lang> for Language {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::En => Language::En,
            Lang::Nl => Language::Nl,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site: journey pages, plots, inventory and consistency report, into output/.
    Build {
        /// The folder that holds content/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/output]. It must be new, empty, or an
        /// earlier journeymap output.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Build the site and print its report (report/index.html) to a PDF with an installed
    /// Chromium, Google Chrome or Microsoft Edge.
    Pdf {
        /// The folder that holds content/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The PDF to write [default: ROOT/report.pdf].
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The browser to print with [default: the first Chromium-family browser found].
        #[arg(long, value_name = "PATH")]
        browser: Option<PathBuf>,
    },
    /// Start a new project in DIR (created if missing), with an example journey and schemas.
    Init {
        /// The folder of the new project.
        dir: PathBuf,
        /// The project's language: its example journey, notes and comments, and every label
        /// of its site [default: --lang, else the locale's].
        #[arg(long, value_enum, value_name = "LANG")]
        language: Option<Lang>,
    },
    /// Add a commented skeleton of a journey or page to the project; never overwrites.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Print the JSON Schema of journey files, site.yaml or promises.yaml (for editors).
    Schema {
        /// Which file's schema.
        #[arg(value_enum, default_value_t = SchemaFile::Journey)]
        file: SchemaFile,
    },
    /// Serve the site on http://127.0.0.1:1111/, rebuild on every save and reload the page.
    Serve {
        /// The folder that holds content/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; only this computer can connect unless you change it.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Validate the project and report every error, with file, line and column.
    Check {
        /// The folder that holds content/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// How to print diagnostics: text for people, json (one object per line) for CI.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also fail (exit 1) when the analysis reports findings.
        #[arg(long)]
        strict: bool,
    },
    /// Write a journey file from a Mermaid `journey` diagram or a workshop sheet.
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Print a journey in another tool's format.
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// A Mermaid `journey` diagram: sections become stages, tasks touchpoints.
    Mermaid {
        /// The diagram, e.g. `journey.mmd`.
        file: PathBuf,
        /// The folder that holds content/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The journey's title [default: the diagram's title].
        #[arg(long)]
        title: Option<String>,
    },
    /// A workshop sheet (.xlsx or .csv), one row per touchpoint, headers in English or Dutch.
    Sheet {
        /// The sheet, e.g. `workshop.xlsx`.
        file: PathBuf,
        /// The folder that holds content/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The journey's title [default: the file's name].
        #[arg(long)]
        title: Option<String>,
    },
    /// A survey export (.csv or .xlsx: Qualtrics, Typeform, Google Forms or plain): only
    /// its aggregates per touchpoint, written as content/measurements/<wave>.yaml.
    Survey {
        /// The export, e.g. `responses.csv`.
        file: PathBuf,
        /// The mapping file: which column holds which metric of which touchpoint.
        #[arg(long, value_name = "MAP.yaml")]
        map: PathBuf,
        /// The wave's name, e.g. "2026 Q1"; the file is named after it.
        #[arg(long, value_name = "NAME")]
        wave: String,
        /// The wave's date (YYYY-MM-DD), unless the mapping file gives it.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// The folder that holds content/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Replace the wave file if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// A journey as a Mermaid `journey` diagram, printed.
    Mermaid {
        /// The journey's id (or its file).
        journey: String,
        /// The folder that holds content/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// A journey file in content/journeys/, named after its title.
    Journey {
        /// The journey's title, e.g. "Returning a broken hairdryer".
        title: String,
        /// The folder that holds content/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
    /// A Markdown page under content/, e.g. `course/lesson-4`.
    Page {
        /// Path of the page under content/ (`.md` is added).
        path: String,
        /// The folder that holds content/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaFile {
    Journey,
    Site,
    Promises,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.map(Language::from);
    let (mut stdout, mut stderr) = (std::io::stdout(), std::io::stderr());
    let result = match cli.command {
        Command::Serve {
            root,
            port,
            bind,
            open,
        } => {
            let options = journeymap::serve::ServeOptions {
                root,
                bind,
                port,
                open,
                lang,
            };
            journeymap::serve::run(&options, &mut stdout, &mut stderr)
        }
        Command::Init { dir, language } => init::init(
            &dir,
            language.map(Language::from),
            lang,
            &mut stdout,
            &mut stderr,
        ),
        Command::New { what } => match what {
            NewCommand::Journey { title, root } => init::new(
                &root,
                init::NewThing::Journey,
                &title,
                lang,
                &mut stdout,
                &mut stderr,
            ),
            NewCommand::Page { path, root } => init::new(
                &root,
                init::NewThing::Page,
                &path,
                lang,
                &mut stdout,
                &mut stderr,
            ),
        },
        Command::Schema { file } => {
            let which = match file {
                SchemaFile::Journey => schema::Which::Journey,
                SchemaFile::Site => schema::Which::Site,
                SchemaFile::Promises => schema::Which::Promises,
            };
            schema::run(which, &mut stdout)
        }
        Command::Build { root, out } => {
            let options = build::BuildOptions {
                root,
                out,
                style: text_style(std::io::stderr().is_terminal()),
                lang,
            };
            // Not locked for the whole build: a message from a render thread would wait forever.
            build::run(&options, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Command::Pdf { root, out, browser } => {
            let options = pdf::PdfOptions {
                root,
                out,
                browser,
                style: text_style(std::io::stderr().is_terminal()),
                lang,
            };
            pdf::run(&options, &mut stdout, &mut stderr)
        }
        Command::Import {
            what:
                ImportCommand::Survey {
                    file,
                    map,
                    wave,
                    date,
                    root,
                    force,
                },
        } => {
            let options = import_survey::SurveyOptions {
                file,
                map,
                wave,
                date,
                root,
                force,
                style: text_style(std::io::stderr().is_terminal()),
                lang,
            };
            import_survey::run(&options, &mut stdout, &mut stderr)
        }
        Command::Import { what } => {
            let (source, file, root, title) = match what {
                ImportCommand::Mermaid { file, root, title } => {
                    (import::Source::Mermaid, file, root, title)
                }
                ImportCommand::Sheet { file, root, title } => {
                    (import::Source::Sheet, file, root, title)
                }
                ImportCommand::Survey { .. } => return ExitCode::from(2),
            };
            let options = import::ImportOptions {
                source,
                file,
                root,
                title,
                style: text_style(std::io::stderr().is_terminal()),
                lang,
            };
            import::run(&options, &mut stdout, &mut stderr)
        }
        Command::Export {
            what: ExportCommand::Mermaid { journey, root },
        } => {
            let options = export::ExportOptions {
                journey,
                root,
                style: text_style(std::io::stderr().is_terminal()),
                lang,
            };
            export::mermaid(&options, &mut stdout, &mut stderr)
        }
        Command::Check {
            root,
            format,
            strict,
        } => {
            let options = check::CheckOptions {
                root,
                format: match format {
                    Format::Text => check::ReportFormat::Text,
                    Format::Json => check::ReportFormat::Json,
                },
                strict,
                style: text_style(std::io::stdout().is_terminal()),
                lang,
            };
            check::run(&options, &mut stdout)
        }
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failure) => ExitCode::from(1),
        Ok(Outcome::Usage) => ExitCode::from(2),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("journeymap: {error}");
            ExitCode::from(1)
        }
    }
}

fn text_style(terminal: bool) -> TextStyle {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if !no_color && terminal {
        TextStyle::Coloured
    } else {
        TextStyle::Plain
    }
}

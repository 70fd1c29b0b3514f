//! The `dangvu` command: single renders, the catalogue, the vote engine.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use dangvu::rules::vote::{self, Ballot, Profile};
use dangvu::{Error, Format, Renderer};

#[derive(Parser)]
#[command(
    name = "dangvu",
    version,
    about = "Văn bản công tác đảng vụ: PDF và DOCX từ dữ liệu hồ sơ"
)]
struct Cli {
    /// Use the forms in this folder instead of the built-in ones.
    #[arg(long, global = true, value_name = "DIR")]
    forms: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the form ids, one per line.
    Forms {
        /// Id, title, category and formats as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a realistic example case for a form, as JSON.
    Example { form: String },
    /// Print the JSON Schema of a form's case data.
    Schema { form: String },
    /// Render a case to PDF, DOCX or PNG (one page: the first unless --page).
    Render {
        form: String,
        /// Case JSON file, or - for standard input.
        case: PathBuf,
        /// Output file; its extension picks the format unless --format is given.
        #[arg(short, long)]
        output: PathBuf,
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// For PNG: the page to picture (1-based); the page count goes to
        /// standard error.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        page: Option<u32>,
    },
    /// Render the first page of every form's example as PNG (the pictures the
    /// README shows).
    Pictures {
        #[arg(long, default_value = "docs/forms")]
        out: PathBuf,
    },
    /// Build the quarterly report pack (ZIP of PDF and DOCX with a manifest)
    /// from a committee file.
    Pack {
        committee: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// Leave out invalid roster rows (the statistics report says how many)
        /// instead of refusing the pack.
        #[arg(long)]
        skip_bad_rows: bool,
    },
    /// Write a deterministic, realistic committee file for tests and benchmarks.
    DemoData {
        #[arg(long, default_value_t = 72)]
        branches: usize,
        #[arg(long, default_value_t = 4216)]
        members: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Decide one ballot: does `yes` pass for this base under this profile?
    Vote {
        #[arg(long, value_enum)]
        profile: ProfileArg,
        #[arg(long, value_enum)]
        ballot: BallotArg,
        #[arg(long)]
        base: u32,
        #[arg(long)]
        yes: u32,
    },
    /// Run the HTTP service (loopback only unless an access token is set).
    Serve {
        /// Address to listen on; anything but loopback needs a token.
        #[arg(long, env = "DANGVU_BIND", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port (0: any free port; the first line printed names it).
        #[arg(long, env = "DANGVU_PORT", default_value_t = 8080)]
        port: u16,
        /// File holding the access token (else the DANGVU_TOKEN variable).
        #[arg(long, env = "DANGVU_TOKEN_FILE", value_name = "FILE")]
        token_file: Option<PathBuf>,
        /// Largest request body, in bytes.
        #[arg(long, env = "DANGVU_MAX_BODY", default_value_t = 1024 * 1024)]
        max_body: usize,
        /// Longest a render may take (waiting included), in milliseconds.
        #[arg(long, env = "DANGVU_TIMEOUT_MS", default_value_t = 10_000)]
        timeout_ms: u64,
        /// Renders that may wait for a core; beyond that the answer is 503.
        #[arg(long, env = "DANGVU_QUEUE", default_value_t = 64)]
        queue: usize,
        /// Renders running at once (default: the number of cores).
        #[arg(long, env = "DANGVU_WORKERS")]
        workers: Option<usize>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Pdf,
    Docx,
    Png,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProfileArg {
    #[value(name = "hd02-btctw-2021")]
    Hd02,
    #[value(name = "qd02-tu-hanoi-2025")]
    Hanoi,
}

#[derive(Clone, Copy, ValueEnum)]
enum BallotArg {
    Inclusion,
    Progress,
    Removal,
}

/// Typst allocates and frees many small objects per render; mimalloc serves
/// them faster than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Invalid(problems)) => {
            for p in problems {
                eprintln!("{}: {}", p.field, p.message);
            }
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("dangvu: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to standard error, one line per event; they never carry case data.
fn init_logs() {
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .with_target(false)
        .try_init();
}

fn read_token(file: Option<&Path>) -> dangvu::Result<Option<String>> {
    let token = match file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| Error::io(format!("reading {}", path.display()), e))?,
        ),
        None => std::env::var("DANGVU_TOKEN").ok(),
    };
    Ok(token
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty()))
}

fn renderer(forms: Option<&Path>) -> dangvu::Result<Renderer> {
    match forms {
        Some(dir) => Renderer::from_dir(dir),
        None => Renderer::built_in(),
    }
}

fn run(cli: Cli) -> dangvu::Result<()> {
    let forms = cli.forms.as_deref();
    match cli.command {
        Command::Forms { json } => {
            let r = renderer(forms)?;
            let infos: Vec<_> = r.catalog().iter().map(|f| f.info()).collect();
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&infos).unwrap_or_default()
                );
            } else {
                for info in infos {
                    println!("{}", info.id);
                }
            }
        }
        Command::Example { form } => {
            let r = renderer(forms)?;
            let form = r.form(&form)?;
            let example = form
                .example
                .as_deref()
                .ok_or_else(|| Error::Config(format!("form '{}' has no example.json", form.id)))?;
            std::io::stdout()
                .write_all(example)
                .map_err(|e| Error::io("stdout", e))?;
        }
        Command::Schema { form } => {
            let r = renderer(forms)?;
            let schema = r.form(&form)?.model.schema();
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            );
        }
        Command::Render {
            form,
            case,
            output,
            format,
            page,
        } => {
            let format = match format {
                Some(FormatArg::Pdf) => Format::Pdf,
                Some(FormatArg::Docx) => Format::Docx,
                Some(FormatArg::Png) => Format::Png,
                None => Format::from_path(&output).ok_or_else(|| {
                    Error::Config(format!(
                        "cannot tell the format of {}: use .pdf, .docx or --format",
                        output.display()
                    ))
                })?,
            };
            let input = read_case(&case)?;
            let r = renderer(forms)?;
            let rendered = match (format, page) {
                (Format::Png, Some(page)) => {
                    let preview = r.preview(&form, &input, page as usize)?;
                    eprintln!("trang {page}/{}", preview.pages);
                    preview.rendered
                }
                (_, Some(_)) => {
                    return Err(Error::Config(
                        "--page is for PNG pictures (a PDF or DOCX holds every page)".into(),
                    ));
                }
                (_, None) => r.render(&form, &input, format)?,
            };
            write_atomic(&output, &rendered.bytes)?;
        }
        Command::Pictures { out } => {
            let r = renderer(forms)?;
            std::fs::create_dir_all(&out)
                .map_err(|e| Error::io(format!("creating {}", out.display()), e))?;
            for form in r.catalog().iter() {
                let Some(example) = form.example.as_deref() else {
                    continue;
                };
                let png = r.render(&form.id, example, Format::Png)?;
                write_atomic(&out.join(format!("{}.png", form.id)), &png.bytes)?;
            }
        }
        Command::Pack {
            committee,
            output,
            skip_bad_rows,
        } => {
            let input = read_case(&committee)?;
            let r = renderer(forms)?;
            let opts = dangvu::pack::Options {
                base_dir: Some(
                    committee
                        .parent()
                        .filter(|p| !p.as_os_str().is_empty())
                        .unwrap_or(Path::new("."))
                        .to_path_buf(),
                ),
                skip_bad_rows,
                files: Default::default(),
            };
            let bar = std::io::stderr().is_terminal().then(|| {
                let bar = indicatif::ProgressBar::new(0);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{bar:40} {pos}/{len} văn bản  còn {eta}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar
            });
            let progress = |done: usize, total: usize| {
                if let Some(bar) = &bar {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                }
            };
            let zip = dangvu::pack::build(&r, &input, &opts, Some(&progress));
            if let Some(bar) = &bar {
                bar.finish_and_clear();
            }
            write_atomic(&output, &zip?)?;
        }
        Command::DemoData {
            branches,
            members,
            seed,
            output,
        } => {
            let value = dangvu::demo::committee(branches, members, seed);
            let mut json = serde_json::to_vec_pretty(&value).unwrap_or_default();
            json.push(b'\n');
            write_atomic(&output, &json)?;
        }
        Command::Vote {
            profile,
            ballot,
            base,
            yes,
        } => {
            let profile = match profile {
                ProfileArg::Hd02 => Profile::Hd02Btctw2021,
                ProfileArg::Hanoi => Profile::Qd02TuHanoi2025,
            };
            let ballot = match ballot {
                BallotArg::Inclusion => Ballot::Inclusion,
                BallotArg::Progress => Ballot::Progress,
                BallotArg::Removal => Ballot::Removal,
            };
            let outcome = vote::decide(profile, ballot, base, yes)
                .map_err(|e| Error::invalid("base", e.to_string()))?;
            let threshold = profile.threshold(ballot);
            let out = serde_json::json!({
                "profile": profile.id(),
                "ballot": ballot,
                "base": base,
                "yes": yes,
                "passed": outcome.passed,
                "min_yes": outcome.min_yes,
                "percent": outcome.percent,
                "threshold": threshold.describe_vi(),
            });
            println!("{out}");
        }
        Command::Serve {
            bind,
            port,
            token_file,
            max_body,
            timeout_ms,
            queue,
            workers,
        } => {
            init_logs();
            let config = dangvu::server::Config {
                bind,
                port,
                token: read_token(token_file.as_deref())?,
                max_body,
                timeout: std::time::Duration::from_millis(timeout_ms.max(1)),
                queue,
                workers: workers.unwrap_or_else(dangvu::server::cores).max(1),
            };
            config.check().map_err(Error::Config)?;
            let r = renderer(forms)?;
            dangvu::server::run(config, r).map_err(Error::Config)?;
        }
    }
    Ok(())
}

/// Reads case JSON and converts fields typed in a legacy encoding (TCVN3,
/// VNI) to Unicode, with a note on standard error for each.
fn read_case(path: &Path) -> dangvu::Result<Vec<u8>> {
    let (json, converted) = dangvu::legacy::convert_json(&read_file(path)?);
    for c in &converted {
        eprintln!("ghi chú: {}", c.note_vi());
    }
    Ok(json)
}

fn read_file(path: &Path) -> dangvu::Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("reading standard input", e))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))
    }
}

/// Writes through a temporary file in the same folder, so a failure never
/// leaves a half-written document behind.
fn write_atomic(path: &Path, bytes: &[u8]) -> dangvu::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| Error::io(format!("writing {}", path.display()), e))
}

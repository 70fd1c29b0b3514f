//! The `dangvu` command: single renders, the catalogue, the vote engine.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod register_cli;

use dangvu::rules::vote::{self, Ballot, Profile};
use dangvu::{Error, Format, PdfStandard, RenderOptions, Renderer};

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
    /// The document register: a SQLite file, or postgres://… (default: a
    /// file in the user's data folder, see README).
    #[arg(long, global = true, env = "DANGVU_DB", value_name = "FILE|URL")]
    db: Option<String>,
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
    /// Print the JSON Schema of a form's case data (with --view: of the view
    /// its template reads).
    Schema {
        form: String,
        /// The view the template reads (`v`), not the case data.
        #[arg(long)]
        view: bool,
    },
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
        /// For PDF: `a-2b` writes PDF/A-2b, for archiving.
        #[arg(long, value_enum, default_value = "pdf", value_name = "STANDARD")]
        pdf_standard: PdfStandardArg,
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
    /// Issue a document: allocate its number in the register (when the case
    /// leaves it out), render, record; prints the number as JSON.
    Issue {
        form: String,
        /// Case JSON file, or - for standard input.
        case: PathBuf,
        /// Output file, .pdf or .docx.
        #[arg(short, long)]
        output: PathBuf,
        /// For PDF: `a-2b` writes PDF/A-2b, for archiving (the register keeps
        /// its hash apart from the plain PDF's).
        #[arg(long, value_enum, default_value = "pdf", value_name = "STANDARD")]
        pdf_standard: PdfStandardArg,
    },
    /// The document register (sổ văn bản đi): list, download, void, terms,
    /// export and import.
    #[command(subcommand)]
    Register(register_cli::RegisterCommand),
    /// Run the HTTP service (loopback only unless an access token is set).
    Serve(ServeArgs),
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on; anything but loopback needs a token.
    #[arg(long, env = "DANGVU_BIND", default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Port (0: any free port; the first line printed names it).
    #[arg(long, env = "DANGVU_PORT", default_value_t = 8080)]
    port: u16,
    /// File holding the access token (else the DANGVU_TOKEN variable).
    #[arg(long, env = "DANGVU_TOKEN_FILE", value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Largest request body, in bytes, of every route but the pack.
    #[arg(long, env = "DANGVU_MAX_BODY", default_value_t = 1024 * 1024)]
    max_body: usize,
    /// Largest body of a quarterly pack request, in bytes.
    #[arg(long, env = "DANGVU_MAX_PACK_BODY", default_value_t = dangvu::server::DEFAULT_MAX_PACK_BODY)]
    max_pack_body: usize,
    /// Longest a render may take (waiting included), in milliseconds.
    #[arg(long, env = "DANGVU_TIMEOUT_MS", default_value_t = 10_000)]
    timeout_ms: u64,
    /// Renders that may wait for a core; beyond that the answer is 503.
    #[arg(long, env = "DANGVU_QUEUE", default_value_t = 64)]
    queue: usize,
    /// Renders running at once (default: the number of cores).
    #[arg(long, env = "DANGVU_WORKERS")]
    workers: Option<usize>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Pdf,
    Docx,
    Png,
}

#[derive(Clone, Copy, ValueEnum)]
enum PdfStandardArg {
    Pdf,
    #[value(name = "a-2b")]
    A2b,
}

impl From<PdfStandardArg> for PdfStandard {
    fn from(arg: PdfStandardArg) -> Self {
        match arg {
            PdfStandardArg::Pdf => Self::Plain,
            PdfStandardArg::A2b => Self::A2b,
        }
    }
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

/// Exit status for invalid case data (one line per problem on stderr).
const EXIT_INVALID: u8 = 2;
/// Exit status for a bug in dangvu itself (a panic): neither the data (2) nor
/// the command line, a file or a form folder (1) is to blame.
const EXIT_BUG: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The service keeps its own account of a failed render (a log line and
    // a 500); a command says it in Vietnamese, without Rust's backtrace hint.
    if !matches!(cli.command, Command::Serve(_)) {
        std::panic::set_hook(Box::new(|info| eprintln!("{}", bug_report(info))));
    }
    exit_status(std::panic::catch_unwind(|| run(cli)))
}

fn exit_status(outcome: std::thread::Result<Result<(), CliError>>) -> ExitCode {
    match outcome {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(CliError::Dangvu(Error::Invalid(problems)))) => {
            for p in problems {
                eprintln!("{}: {}", p.field, p.message);
            }
            ExitCode::from(EXIT_INVALID)
        }
        Ok(Err(e)) => {
            eprintln!("dangvu: {e}");
            ExitCode::FAILURE
        }
        // The panic hook has said what broke.
        Err(_) => ExitCode::from(EXIT_BUG),
    }
}

/// What a panic says to the person at the command line: that the program,
/// not their data, failed, where, and what to do.
fn bug_report(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let cause = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
    bug_text(cause, info.location().map(|l| (l.file(), l.line())))
}

fn bug_text(cause: Option<&str>, place: Option<(&str, u32)>) -> String {
    let cause = cause.unwrap_or("không rõ nguyên nhân");
    let place = place
        .map(|(file, line)| format!(" tại {file}:{line}"))
        .unwrap_or_default();
    format!(
        "dangvu: lỗi của chương trình dangvu{place}, không phải của dữ liệu: {cause}. \
         Xin báo lỗi này cho người bảo trì, kèm lệnh vừa chạy."
    )
}

/// What the command line itself can get wrong (files, the form id, the
/// output name), said in Vietnamese with what to do about it; the library's
/// own errors pass through.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error("không có biểu mẫu \"{0}\"; xem danh sách biểu mẫu bằng lệnh: dangvu forms")]
    UnknownForm(String),
    #[error(
        "không biết định dạng của tệp \"{0}\": hãy đặt tên tệp kết quả có đuôi .pdf, .docx hoặc .png, hoặc thêm --format pdf|docx|png"
    )]
    UnknownExtension(String),
    /// An issued document's output (`issue`, `register download`, `book`,
    /// `overdue`): a file named .pdf or .docx; these take no `--format`.
    #[error(
        "không biết định dạng của tệp \"{path}\": hãy đặt tên tệp kết quả có đuôi {endings} (lệnh này ghi ra tệp, không ghi ra màn hình)"
    )]
    DocumentExtension { path: String, endings: &'static str },
    #[error("ghi ra màn hình (-o -) cần chọn định dạng: thêm --format pdf|docx|png")]
    StdoutNeedsFormat,
    #[error("--page chỉ dùng cho ảnh PNG (tệp PDF hoặc DOCX đã có đủ mọi trang)")]
    PageNeedsPng,
    #[error("{}", file_problem(.action, .path, .source))]
    File {
        action: Action,
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Dangvu(Error),
    #[error("{0}")]
    Register(dangvu::register::RegisterError),
    /// A token was named (a file, or the variable set) but holds nothing:
    /// serving without one would not be what was asked.
    #[error("{}", blank_token(.0))]
    BlankToken(TokenSource),
}

/// Where the access token was to come from, for [`CliError::BlankToken`].
#[derive(Debug)]
enum TokenSource {
    File(String),
    Variable,
}

fn blank_token(source: &TokenSource) -> String {
    let what = match source {
        TokenSource::File(path) => format!("tệp mã truy cập \"{path}\" (--token-file) trống"),
        TokenSource::Variable => "biến môi trường DANGVU_TOKEN được đặt nhưng trống".to_string(),
    };
    format!(
        "{what}: không mở dịch vụ. Hãy ghi mã truy cập (ít nhất 16 ký tự), hoặc bỏ hẳn \
         --token-file và DANGVU_TOKEN để chạy không cần mã (chỉ ở địa chỉ nội bộ 127.0.0.1)"
    )
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        match e {
            Error::UnknownForm(id) => CliError::UnknownForm(id),
            other => CliError::Dangvu(other),
        }
    }
}

/// Reading or writing, for [`CliError::File`].
#[derive(Debug, Clone, Copy)]
enum Action {
    Read,
    Write,
}

fn file_problem(action: &Action, path: &str, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match (*action, e.kind()) {
        (Action::Read, ErrorKind::NotFound) => {
            format!("không tìm thấy tệp \"{path}\"; kiểm tra lại tên tệp và thư mục đang đứng")
        }
        (Action::Write, ErrorKind::NotFound) => {
            format!("không ghi được tệp \"{path}\": thư mục chứa tệp không tồn tại")
        }
        (Action::Read, ErrorKind::PermissionDenied) => {
            format!("không có quyền đọc tệp \"{path}\"")
        }
        (Action::Write, ErrorKind::PermissionDenied) => {
            format!("không có quyền ghi tệp \"{path}\" (hoặc thư mục chứa tệp)")
        }
        (_, ErrorKind::IsADirectory) => format!("\"{path}\" là một thư mục, cần tên một tệp"),
        (Action::Read, ErrorKind::InvalidData) => {
            format!("không đọc được tệp \"{path}\": nội dung không phải chữ UTF-8")
        }
        (Action::Read, _) => format!(
            "không đọc được tệp \"{path}\" (lỗi hệ thống {})",
            e.raw_os_error().unwrap_or_default()
        ),
        (Action::Write, ErrorKind::StorageFull) => {
            format!("không ghi được tệp \"{path}\": đĩa đã đầy")
        }
        (Action::Write, _) => format!(
            "không ghi được tệp \"{path}\" (lỗi hệ thống {})",
            e.raw_os_error().unwrap_or_default()
        ),
    }
}

fn file_error(action: Action, path: &Path) -> impl FnOnce(std::io::Error) -> CliError {
    let path = path.display().to_string();
    move |source| CliError::File {
        action,
        path,
        source,
    }
}

/// `-` as a file name: standard input or output.
fn is_dash(path: &Path) -> bool {
    path == Path::new("-")
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

/// The access token: from the file named, else from `DANGVU_TOKEN`, else
/// none. A file or a variable that is there but blank is refused: it never
/// turns the token check off.
fn read_token(file: Option<&Path>) -> Result<Option<String>, CliError> {
    let (token, source) = match file {
        Some(path) => (
            std::fs::read_to_string(path).map_err(file_error(Action::Read, path))?,
            TokenSource::File(path.display().to_string()),
        ),
        None => match std::env::var_os("DANGVU_TOKEN") {
            Some(value) => (value.to_string_lossy().into_owned(), TokenSource::Variable),
            None => return Ok(None),
        },
    };
    match token.trim() {
        "" => Err(CliError::BlankToken(source)),
        token => Ok(Some(token.to_string())),
    }
}

fn renderer(forms: Option<&Path>) -> dangvu::Result<Renderer> {
    match forms {
        Some(dir) => Renderer::from_dir(dir),
        None => Renderer::built_in(),
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    let forms = cli.forms.as_deref();
    let db = cli.db.as_deref();
    match cli.command {
        Command::Issue {
            form,
            case,
            output,
            pdf_standard,
        } => {
            let options = RenderOptions {
                pdf_standard: pdf_standard.into(),
            };
            register_cli::issue(forms, db, &form, &case, &output, options)?
        }
        Command::Register(command) => register_cli::run(forms, db, command)?,
        Command::Forms { json } => list_forms(forms, json)?,
        Command::Example { form } => {
            let r = renderer(forms)?;
            let form = r.form(&form)?;
            let example = form.example.as_deref().ok_or_else(|| {
                Error::FormFolder(format!(
                    "biểu mẫu \"{}\" không có ví dụ (example.json)",
                    form.id
                ))
            })?;
            write_output(Path::new("-"), example)?;
        }
        Command::Schema { form, view } => {
            let r = renderer(forms)?;
            let model = r.form(&form)?.model;
            let schema = if view {
                model.view_schema()
            } else {
                model.schema()
            };
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
            pdf_standard,
        } => render(forms, &form, &case, &output, format, page, pdf_standard)?,
        Command::Pictures { out } => pictures(forms, &out)?,
        Command::Pack {
            committee,
            output,
            skip_bad_rows,
        } => pack(forms, &committee, &output, skip_bad_rows)?,
        Command::DemoData {
            branches,
            members,
            seed,
            output,
        } => {
            let value = dangvu::demo::committee(branches, members, seed);
            let mut json = serde_json::to_vec_pretty(&value).unwrap_or_default();
            json.push(b'\n');
            write_output(&output, &json)?;
        }
        Command::Vote {
            profile,
            ballot,
            base,
            yes,
        } => decide_vote(profile, ballot, base, yes)?,
        Command::Serve(args) => serve(forms, db, args)?,
    }
    Ok(())
}

fn list_forms(forms: Option<&Path>, json: bool) -> Result<(), CliError> {
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
    Ok(())
}

fn render(
    forms: Option<&Path>,
    form: &str,
    case: &Path,
    output: &Path,
    format: Option<FormatArg>,
    page: Option<u32>,
    pdf_standard: PdfStandardArg,
) -> Result<(), CliError> {
    let format = match format {
        Some(FormatArg::Pdf) => Format::Pdf,
        Some(FormatArg::Docx) => Format::Docx,
        Some(FormatArg::Png) => Format::Png,
        None if is_dash(output) => return Err(CliError::StdoutNeedsFormat),
        None => Format::from_path(output)
            .ok_or_else(|| CliError::UnknownExtension(output.display().to_string()))?,
    };
    let input = read_case(case)?;
    let r = renderer(forms)?;
    let rendered = match (format, page) {
        (Format::Png, Some(page)) => {
            let preview = r.preview(form, &input, page as usize)?;
            eprintln!("trang {page}/{}", preview.pages);
            preview.rendered
        }
        (_, Some(_)) => return Err(CliError::PageNeedsPng),
        (_, None) => {
            let options = RenderOptions {
                pdf_standard: pdf_standard.into(),
            };
            r.render_with(form, &input, format, options)?
        }
    };
    write_output(output, &rendered.bytes)
}

fn pictures(forms: Option<&Path>, out: &Path) -> Result<(), CliError> {
    let r = renderer(forms)?;
    std::fs::create_dir_all(out).map_err(file_error(Action::Write, out))?;
    for form in r.catalog().iter() {
        let Some(example) = form.example.as_deref() else {
            continue;
        };
        let png = r.render(&form.id, example, Format::Png)?;
        write_output(&out.join(format!("{}.png", form.id)), &png.bytes)?;
    }
    Ok(())
}

fn pack(
    forms: Option<&Path>,
    committee: &Path,
    output: &Path,
    skip_bad_rows: bool,
) -> Result<(), CliError> {
    let _purge = dangvu::pack::PromptPurge::start();
    let input = read_case(committee)?;
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
    let bar = progress_bar();
    let progress = |done: usize, total: usize| {
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    };
    let plan = dangvu::pack::Plan::new(&r, &input, &opts)?;
    drop(input);
    // Straight into the file: a large committee's pack is never held
    // in memory whole.
    let written = if is_dash(output) {
        // A ZIP needs to seek: for standard output it is built in
        // memory first.
        plan.write(&r, Some(&progress), std::io::Cursor::new(Vec::new()))
            .map_err(CliError::from)
            .and_then(|zip| write_output(output, &zip.into_inner()))
    } else {
        PendingFile::open(output).and_then(|pending| {
            pending.finish_with(|file| {
                let out = std::io::BufWriter::new(file);
                let out = plan.write(&r, Some(&progress), out)?;
                out.into_inner()
                    .map_err(|e| e.into_error())
                    .map_err(file_error(Action::Write, output))?;
                Ok(())
            })
        })
    };
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    written
}

/// The pack's progress on a terminal; none when standard error is a file.
fn progress_bar() -> Option<indicatif::ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} văn bản  còn {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    })
}

fn decide_vote(
    profile: ProfileArg,
    ballot: BallotArg,
    base: u32,
    yes: u32,
) -> Result<(), CliError> {
    let profile = match profile {
        ProfileArg::Hd02 => Profile::Hd02Btctw2021,
        ProfileArg::Hanoi => Profile::Qd02TuHanoi2025,
    };
    let ballot = match ballot {
        BallotArg::Inclusion => Ballot::Inclusion,
        BallotArg::Progress => Ballot::Progress,
        BallotArg::Removal => Ballot::Removal,
    };
    let decision = vote::Decision::new(profile, ballot, base, yes)
        .map_err(|e| Error::invalid(e.field(), e.to_string()))?;
    println!("{}", serde_json::to_string(&decision).unwrap_or_default());
    Ok(())
}

fn serve(forms: Option<&Path>, db: Option<&str>, args: ServeArgs) -> Result<(), CliError> {
    init_logs();
    let config = dangvu::server::Config {
        bind: args.bind,
        port: args.port,
        token: read_token(args.token_file.as_deref())?,
        max_body: args.max_body,
        max_pack_body: args.max_pack_body,
        timeout: std::time::Duration::from_millis(args.timeout_ms.max(1)),
        queue: args.queue,
        workers: args.workers.unwrap_or_else(dangvu::server::cores).max(1),
    };
    config.check().map_err(Error::Config)?;
    let r = renderer(forms)?;
    match register_cli::open(db) {
        Ok(register) => {
            tracing::info!(register = %register.location().describe(), "register open");
            dangvu::server::run_with_register(config, r, register)
        }
        // The default file could not be made (no writable data folder):
        // documents still render; only the register is missing.
        Err(e) if db.is_none() => {
            tracing::warn!(cause = %e, "no register: serving without /v1/register");
            dangvu::server::run(config, r)
        }
        Err(e) => return Err(e),
    }
    .map_err(Error::Config)?;
    Ok(())
}

/// Reads case JSON and converts fields typed in a legacy encoding (TCVN3,
/// VNI) to Unicode, with a note on standard error for each.
fn read_case(path: &Path) -> Result<Vec<u8>, CliError> {
    let (json, converted) = dangvu::legacy::convert_json(&read_file(path)?);
    for c in &converted {
        eprintln!("ghi chú: {}", c.note_vi());
    }
    Ok(json)
}

fn read_file(path: &Path) -> Result<Vec<u8>, CliError> {
    if is_dash(path) {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(file_error(Action::Read, Path::new("(đầu vào chuẩn)")))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(file_error(Action::Read, path))
    }
}

/// Writes a result: to standard output for `-`, else to the file, atomically.
fn write_output(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    if is_dash(path) {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(file_error(Action::Write, Path::new("(đầu ra chuẩn)")));
    }
    PendingFile::open(path)?.finish(bytes)
}

/// An output file made ready before the work that fills it: a temporary
/// file in its folder, put in place once written, so a failure never leaves
/// a half-written document behind, and work that must not be wasted (a
/// document number) is done only once the output is known to be writable.
/// Dropped unfinished, it leaves nothing behind.
pub(crate) struct PendingFile {
    path: PathBuf,
    /// The temporary file and its name, until it is put in place.
    tmp: Option<(std::fs::File, PathBuf)>,
}

impl PendingFile {
    /// Creates the temporary file beside `path`; refuses a folder as `path`.
    pub(crate) fn open(path: &Path) -> Result<Self, CliError> {
        if path.is_dir() {
            let kind = std::io::Error::from(std::io::ErrorKind::IsADirectory);
            return Err(file_error(Action::Write, path)(kind));
        }
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let file = std::fs::File::create(&tmp).map_err(file_error(Action::Write, path))?;
        Ok(Self {
            path: path.to_path_buf(),
            tmp: Some((file, tmp)),
        })
    }

    /// Writes the bytes and puts the file in place.
    pub(crate) fn finish(self, bytes: &[u8]) -> Result<(), CliError> {
        let path = self.path.clone();
        self.finish_with(|file| {
            file.write_all(bytes)
                .map_err(file_error(Action::Write, &path))
        })
    }

    /// [`PendingFile::finish`] for content written piece by piece by `fill`.
    fn finish_with(
        mut self,
        fill: impl FnOnce(&mut std::fs::File) -> Result<(), CliError>,
    ) -> Result<(), CliError> {
        let Some((file, tmp)) = &mut self.tmp else {
            return Ok(());
        };
        fill(file)?;
        std::fs::rename(&*tmp, &self.path).map_err(file_error(Action::Write, &self.path))?;
        self.tmp = None;
        Ok(())
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        if let Some((_, tmp)) = self.tmp.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_exits_with_its_own_status_and_a_vietnamese_report() {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let outcome = std::panic::catch_unwind(|| -> Result<(), CliError> { panic!("boom") });
        std::panic::set_hook(previous);
        assert_eq!(exit_status(outcome), ExitCode::from(EXIT_BUG));
        assert_eq!(
            bug_text(Some("boom"), Some(("src/render.rs", 12))),
            "dangvu: lỗi của chương trình dangvu tại src/render.rs:12, không phải của dữ liệu: \
             boom. Xin báo lỗi này cho người bảo trì, kèm lệnh vừa chạy."
        );
        assert!(bug_text(None, None).contains("không rõ nguyên nhân"));
    }

    #[test]
    fn exit_statuses_tell_data_from_command_line_from_bug() {
        let invalid = Ok(Err(CliError::Dangvu(Error::invalid("x", "sai"))));
        assert_eq!(exit_status(invalid), ExitCode::from(EXIT_INVALID));
        assert_eq!(
            exit_status(Ok(Err(CliError::PageNeedsPng))),
            ExitCode::FAILURE
        );
        assert_eq!(exit_status(Ok(Ok(()))), ExitCode::SUCCESS);
    }
}

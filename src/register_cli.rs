//! `dangvu issue` and `dangvu register …`: the document register from the
//! command line (the same register `serve` keeps).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Subcommand;
use serde::Serialize;

use dangvu::register::{Entry, Filter, Location, Register, RegisterError};
use dangvu::{Error, Format, RenderOptions};

use crate::{
    Action, CliError, PdfStandardArg, PendingFile, file_error, read_case, renderer, write_output,
};

#[derive(Subcommand)]
pub enum RegisterCommand {
    /// List issued documents as JSON (filters combine).
    List {
        #[arg(long)]
        organisation: Option<String>,
        /// Kind abbreviation: NQ, BC, GGT…
        #[arg(long)]
        kind: Option<String>,
        /// First day of the term (YYYY-MM-DD).
        #[arg(long)]
        term: Option<NaiveDate>,
        #[arg(long)]
        from: Option<NaiveDate>,
        #[arg(long)]
        to: Option<NaiveDate>,
    },
    /// An issued document again, rendered from its stored case and checked
    /// against the hash recorded at issue.
    Download {
        id: String,
        #[arg(short, long)]
        output: PathBuf,
        /// For PDF: `a-2b` for the archival copy.
        #[arg(long, value_enum, default_value = "pdf", value_name = "STANDARD")]
        pdf_standard: PdfStandardArg,
    },
    /// The book (sổ đăng ký văn bản đi) of an organisation for a period:
    /// the register's rows as an A4 landscape PDF or DOCX, or as a workbook
    /// (.xlsx), by the output's extension.
    Book {
        #[arg(long)]
        organisation: String,
        /// First day of the period (YYYY-MM-DD).
        #[arg(long)]
        from: NaiveDate,
        /// Last day of the period (YYYY-MM-DD).
        #[arg(long)]
        to: NaiveDate,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// The periodic check of transfer notices (seed 000 §1.3): the case of
    /// `danh-sach-phieu-bao-qua-han` from the phiếu báo (PB) the
    /// organisation issued up to `--on`, printed as JSON for the clerk to
    /// mark who submitted the dossier (`da_nop_ho_so`; the register does
    /// not know), or rendered as it stands with `--output`.
    Overdue {
        #[arg(long)]
        organisation: String,
        /// The day of the check (YYYY-MM-DD): days overdue count to it.
        #[arg(long)]
        on: NaiveDate,
        /// Only notices issued on or after this day (YYYY-MM-DD).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// A .pdf or .docx to render the list to, instead of printing the case.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Mark a document voided (its number is never reused).
    Void {
        id: String,
        /// Why it is withdrawn.
        #[arg(long)]
        reason: String,
        /// Day of voiding (default: today).
        #[arg(long)]
        date: Option<NaiveDate>,
    },
    /// Committee terms of an organisation: numbers restart at 01 in each.
    #[command(subcommand)]
    Term(TermCommand),
    /// Write the whole register as JSON lines (backup, move).
    Export {
        #[arg(short, long, default_value = "-")]
        output: PathBuf,
    },
    /// Read JSON lines written by `export` into this register.
    Import { input: PathBuf },
}

#[derive(Subcommand)]
pub enum TermCommand {
    /// Add the first day of a term (the day after the congress closed).
    Add {
        organisation: String,
        starts: NaiveDate,
    },
    /// List an organisation's term start dates.
    List { organisation: String },
}

/// What `dangvu issue` prints.
#[derive(Serialize)]
struct IssuedLine<'a> {
    number: u32,
    symbol: &'a str,
    id: &'a str,
    organisation: &'a str,
    kind: &'a str,
    term: &'a str,
    date: &'a str,
    format: &'a str,
    sha256: &'a str,
}

impl From<RegisterError> for CliError {
    fn from(e: RegisterError) -> Self {
        match e {
            RegisterError::Render(e) => e.into(),
            other => match other.problem() {
                Some(p) => CliError::Dangvu(Error::Invalid(vec![with_command(&other, p)])),
                None => CliError::Register(other),
            },
        }
    }
}

/// A refusal that a command mends, with that command: the register's own
/// words serve every caller, and the web page links its own page instead.
fn with_command(e: &RegisterError, mut p: dangvu::Problem) -> dangvu::Problem {
    if let RegisterError::NoTerm { organisation }
    | RegisterError::BeforeFirstTerm { organisation, .. } = e
    {
        p.message = format!(
            "{} (lệnh: dangvu register term add \"{organisation}\" YYYY-MM-DD)",
            p.message
        );
    }
    p
}

pub fn open(db: Option<&str>) -> Result<Register, CliError> {
    let location = db.map_or_else(Location::default_file, Location::parse);
    Register::open(location).map_err(|e| CliError::Register(e.into()))
}

/// What an issued document may be written as.
const DOCUMENT_ENDINGS: &str = ".pdf hoặc .docx";

/// The format of a document output, by its extension; `endings` says which
/// the command accepts when it is neither.
fn output_format(output: &Path, endings: &'static str) -> Result<Format, CliError> {
    match Format::from_path(output) {
        Some(f @ (Format::Pdf | Format::Docx)) => Ok(f),
        _ => Err(CliError::DocumentExtension {
            path: output.display().to_string(),
            endings,
        }),
    }
}

/// `dangvu issue`.
pub fn issue(
    forms: Option<&Path>,
    db: Option<&str>,
    form: &str,
    case: &Path,
    output: &Path,
    options: RenderOptions,
) -> Result<(), CliError> {
    let format = output_format(output, DOCUMENT_ENDINGS)?;
    let input = read_case(case)?;
    let r = renderer(forms)?;
    let register = open(db)?;
    // The output made ready first: a number once issued is recorded for
    // good, so an output that cannot be written must cost none. (`-o -`
    // has no ending: refused above.)
    let pending = PendingFile::open(output)?;
    let issued = register.issue(&r, form, &input, format, options)?;
    let name = dangvu::register::rendition_name(format, options);
    pending.finish(&issued.rendered.bytes)?;
    let rec = &issued.record;
    let line = IssuedLine {
        number: rec.number,
        symbol: &rec.symbol,
        id: &rec.id,
        organisation: &rec.organisation,
        kind: &rec.kind,
        term: &rec.term,
        date: &rec.date,
        format: name,
        sha256: rec
            .renditions
            .iter()
            .find(|r| r.format == name)
            .map_or("", |r| r.sha256.as_str()),
    };
    println!("{}", serde_json::to_string(&line).unwrap_or_default());
    Ok(())
}

/// `dangvu register …`.
pub fn run(
    forms: Option<&Path>,
    db: Option<&str>,
    command: RegisterCommand,
) -> Result<(), CliError> {
    let register = open(db)?;
    match command {
        RegisterCommand::List {
            organisation,
            kind,
            term,
            from,
            to,
        } => {
            let filter = Filter {
                organisation,
                kind,
                term: term.map(|d| d.to_string()),
                from: from.map(|d| d.to_string()),
                to: to.map(|d| d.to_string()),
            };
            let entries: Vec<Entry> = register
                .list(&filter)?
                .into_iter()
                .map(Entry::from)
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&entries).unwrap_or_default()
            );
        }
        RegisterCommand::Download {
            id,
            output,
            pdf_standard,
        } => {
            let format = output_format(&output, DOCUMENT_ENDINGS)?;
            let r = renderer(forms)?;
            let options = RenderOptions {
                pdf_standard: pdf_standard.into(),
            };
            let (_, rendered) = register.download(&r, &id, format, options)?;
            write_output(&output, &rendered.bytes)?;
        }
        RegisterCommand::Book {
            organisation,
            from,
            to,
            output,
        } => book(forms, &register, &organisation, from, to, &output)?,
        RegisterCommand::Overdue {
            organisation,
            on,
            from,
            output,
        } => overdue(forms, &register, &organisation, on, from, output.as_deref())?,
        RegisterCommand::Void { id, reason, date } => {
            let on = date.unwrap_or_else(|| chrono::Local::now().date_naive());
            let record = register.void(&id, on, &reason)?;
            println!(
                "{}",
                serde_json::to_string(&Entry::from(record)).unwrap_or_default()
            );
        }
        RegisterCommand::Term(TermCommand::Add {
            organisation,
            starts,
        }) => register.add_term(&organisation, starts)?,
        RegisterCommand::Term(TermCommand::List { organisation }) => {
            for starts in register.terms(&organisation)? {
                println!("{starts}");
            }
        }
        RegisterCommand::Export { output } => {
            let mut buf = Vec::new();
            register.export(&mut buf)?;
            write_output(&output, &buf)?;
        }
        RegisterCommand::Import { input } => {
            let file = std::fs::File::open(&input).map_err(file_error(Action::Read, &input))?;
            let done = register.import(std::io::BufReader::new(file))?;
            println!("{}", serde_json::to_string(&done).unwrap_or_default());
        }
    }
    Ok(())
}

/// `dangvu register book`: the workbook for `.xlsx`, else the printed book.
fn book(
    forms: Option<&Path>,
    register: &Register,
    organisation: &str,
    from: NaiveDate,
    to: NaiveDate,
    output: &Path,
) -> Result<(), CliError> {
    use dangvu::forms::models::so_van_ban_di;
    let case = register.book(organisation, from, to)?;
    let is_xlsx = output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let bytes = if is_xlsx {
        so_van_ban_di::to_xlsx(&case)?
    } else {
        let format = output_format(output, ".pdf, .docx hoặc .xlsx")?;
        let json = serde_json::to_vec(&case)
            .map_err(|e| CliError::Dangvu(Error::json("sổ văn bản")(e)))?;
        renderer(forms)?
            .render(so_van_ban_di::ID, &json, format)?
            .bytes
    };
    write_output(output, &bytes)
}

/// `dangvu register overdue`: the case on stdout, or the list rendered.
fn overdue(
    forms: Option<&Path>,
    register: &Register,
    organisation: &str,
    on: NaiveDate,
    from: Option<NaiveDate>,
    output: Option<&Path>,
) -> Result<(), CliError> {
    use dangvu::forms::models::danh_sach_phieu_bao_qua_han;
    let case = register.overdue_transfers(organisation, on, from)?;
    let Some(output) = output else {
        println!(
            "{}",
            serde_json::to_string_pretty(&case).unwrap_or_default()
        );
        return Ok(());
    };
    let format = output_format(output, DOCUMENT_ENDINGS)?;
    let json = serde_json::to_vec(&case)
        .map_err(|e| CliError::Dangvu(Error::json("danh sách phiếu báo")(e)))?;
    let id = <danh_sach_phieu_bao_qua_han::Case as dangvu::forms::models::Case>::ID;
    let bytes = renderer(forms)?.render(id, &json, format)?.bytes;
    write_output(output, &bytes)
}

//! The `digisos-pakke` command.

mod cli;
mod cmd;

use clap::Parser;
use cli::{Command, Sources, TemplatesCommand, TranslateCommand};
use digisos_pakke::Error;
use digisos_pakke::assets::TemplateFiles;
use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::reference::{Reference, ReferenceError};
use std::error::Error as _;
use std::process::ExitCode;

// Typesetting allocates and frees small objects by the million; mimalloc does it in less
// time than glibc's malloc (issue 14).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        Command::Generate {
            profile,
            output,
            require_sami,
            docx,
            sources,
        } => with_pipeline_docx(&sources, docx, |g| {
            cmd::generate::run(g, &profile, &output, require_sami)
        }),
        Command::Preview {
            profile,
            document,
            output,
            sources,
        } => {
            let output = output.unwrap_or_else(|| format!("{document}.pdf").into());
            with_pipeline(&sources, |g| {
                cmd::generate::preview(g, &profile, &document, &output)
            })
        }
        Command::Batch {
            batch,
            output,
            jobs,
            keep_going,
            force,
            quiet,
            require_sami,
            docx,
            sources,
        } => {
            let options = digisos_pakke::batch::Options {
                out: output,
                jobs: jobs.unwrap_or(0),
                keep_going,
                force,
            };
            with_pipeline_docx(&sources, docx, |g| {
                cmd::batch::run(g, &batch, &options, quiet, require_sami)
            })
        }
        Command::Redline {
            profile,
            against,
            output,
            sources,
        } => {
            let baseline = match against {
                Some(pack) => digisos_pakke::redline::Baseline::Pack(pack),
                None => digisos_pakke::redline::Baseline::Standard,
            };
            with_pipeline(&sources, |g| {
                cmd::redline::run(g, &profile, &baseline, &output)
            })
        }
        Command::Validate {
            profiles,
            reference,
        } => cmd::check::validate(&profiles, reference.as_deref()),
        Command::Verify { pack } => cmd::check::verify(&pack),
        Command::Init {
            kommune,
            model,
            member,
            language,
        } => cmd::start::init(kommune, model, member, language),
        Command::Serve {
            port,
            listen,
            renders,
            sources,
        } => match pipeline(&sources) {
            Ok(g) => cmd::serve::run(g, port, listen, renders),
            Err(e) => report(&e),
        },
        Command::Schema => {
            println!("{}", digisos_pakke::profile::schema());
            ExitCode::SUCCESS
        }
        Command::Translate(TranslateCommand::Export {
            profile,
            output,
            sources,
        }) => with_pipeline(&sources, |g| cmd::translate::export(g, &profile, &output)),
        Command::Translate(TranslateCommand::Check {
            profile,
            dir,
            sources,
        }) => with_pipeline(&sources, |g| cmd::translate::check(g, &profile, &dir)),
        Command::Templates(TemplatesCommand::Export { dir, force }) => {
            cmd::start::export_templates(&dir, force)
        }
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut <cli::Cli as clap::CommandFactory>::command(),
                "digisos-pakke",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
    }
}

/// Runs `f` with a pipeline built from `sources`; a setup error exits with 2.
fn with_pipeline(sources: &Sources, f: impl FnOnce(&Pipeline) -> ExitCode) -> ExitCode {
    with_pipeline_docx(sources, false, f)
}

/// [`with_pipeline`], with a DOCX of every document in each pack when `docx`.
fn with_pipeline_docx(
    sources: &Sources,
    docx: bool,
    f: impl FnOnce(&Pipeline) -> ExitCode,
) -> ExitCode {
    match pipeline(sources) {
        Ok(g) => f(&g.with_docx(docx)),
        Err(e) => report(&e),
    }
}

/// The pipeline of the templates and reference data `sources` name.
fn pipeline(sources: &Sources) -> Result<Pipeline, Error> {
    let reference = match &sources.reference {
        Some(file) => Reference::load(file),
        None => Reference::builtin(),
    };
    let files = match &sources.templates {
        Some(dir) => TemplateFiles::with_overrides(dir).map_err(|source| Error::Templates {
            path: dir.clone(),
            source,
        }),
        None => Ok(TemplateFiles::builtin()),
    };
    reference
        .map_err(|e: ReferenceError| Error::from(e))
        .and_then(|reference| Pipeline::new(reference, &files?))
}

/// Prints `error` and returns its exit code, for a command that ends with it.
pub(crate) fn report(error: &Error) -> ExitCode {
    print_error(error);
    ExitCode::from(error.exit_code())
}

/// The one place errors are printed: `error: …`, a `cause: …` line per source, then the
/// error's hints.
pub(crate) fn print_error(error: &Error) {
    eprintln!("error: {error}");
    let mut source = error.source();
    while let Some(cause) = source {
        eprintln!("  cause: {cause}");
        source = cause.source();
    }
    for hint in error.hints() {
        eprintln!("  hint: {hint}");
    }
}

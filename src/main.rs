//! The `digisos-pakke` command.

mod cli;
mod cmd;

use clap::Parser;
use digisos_pakke::generate::Generator;
use digisos_pakke::profile::{self, Defaults};
use digisos_pakke::reference::Reference;
use digisos_pakke::{Error, pack};
use std::error::Error as _;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Generate {
            profile,
            output,
            reference,
        } => generate(&profile, &output, reference.as_deref()),
        cli::Command::Validate { profiles } => validate(&profiles),
        cli::Command::Verify { pack } => verify(&pack),
        cli::Command::Preview {
            profile,
            document,
            output,
            reference,
        } => {
            let output = output.unwrap_or_else(|| format!("{document}.pdf").into());
            match generator(reference.as_deref()) {
                Ok(generator) => preview(&generator, &profile, &document, &output),
                Err(code) => code,
            }
        }
        cli::Command::Batch {
            batch,
            output,
            jobs,
            keep_going,
            quiet,
            reference,
        } => {
            let generator = match generator(reference.as_deref()) {
                Ok(g) => g,
                Err(code) => return code,
            };
            let options = digisos_pakke::batch::Options {
                out: output,
                jobs: jobs.unwrap_or(0),
                keep_going,
                memo_max_age: digisos_pakke::batch::MEMO_MAX_AGE,
            };
            cmd::batch::run(&generator, &batch, &options, quiet)
        }
    }
}

/// The built-in generator, with `reference` data instead of the built-in data if given.
fn generator(reference: Option<&Path>) -> Result<Generator, ExitCode> {
    let mut generator = Generator::builtin().map_err(|e| report(&e, ExitCode::from(2)))?;
    if let Some(file) = reference {
        generator.reference =
            Reference::load(file).map_err(|e| report(&e.into(), ExitCode::from(2)))?;
    }
    Ok(generator)
}

fn preview(generator: &Generator, path: &Path, document: &str, output: &Path) -> ExitCode {
    let profile = match profile::load(path, &Defaults::default()) {
        Ok(p) => p,
        Err(e) => return report(&e.into(), ExitCode::from(1)),
    };
    let plan = digisos_pakke::plan::build(&profile, &generator.reference);
    let Some(job) = plan.documents.iter().find(|j| j.file_stem == document) else {
        let names: Vec<&str> = plan
            .documents
            .iter()
            .map(|j| j.file_stem.as_str())
            .collect();
        eprintln!(
            "error: the pack of {} has no document `{document}`",
            path.display()
        );
        eprintln!("  hint: choose one of: {}", names.join(", "));
        return ExitCode::from(1);
    };
    let result = generator.prepare(&plan, job).and_then(|p| {
        generator
            .typesetter
            .pdf(&p.markup.body, &p.meta)
            .map_err(|source| Error::Typeset {
                document: format!("{document}.pdf"),
                source,
            })
    });
    match result.and_then(|pdf| Ok(pack::write_file_atomic(output, &pdf)?)) {
        Ok(()) => {
            println!("wrote {}", output.display());
            ExitCode::SUCCESS
        }
        Err(e) => report(&e, ExitCode::from(1)),
    }
}

fn verify(path: &Path) -> ExitCode {
    match pack::verify(path) {
        Ok(v) if v.findings.is_empty() => {
            println!(
                "{}: ok, {} files match the manifest",
                path.display(),
                v.manifest.files.len()
            );
            ExitCode::SUCCESS
        }
        Ok(v) => {
            eprintln!("error: {} does not match its manifest", path.display());
            for finding in &v.findings {
                eprintln!("  {finding}");
            }
            eprintln!(
                "  hint: generate the pack again from its profile, or get an unchanged copy from its sender"
            );
            ExitCode::from(1)
        }
        Err(e) => report(&e.into(), ExitCode::from(1)),
    }
}

fn generate(path: &Path, output: &Path, reference: Option<&Path>) -> ExitCode {
    let generator = match generator(reference) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let result = profile::load(path, &Defaults::default())
        .map_err(Error::from)
        .and_then(|profile| {
            let plan = digisos_pakke::plan::build(&profile, &generator.reference);
            for warning in &plan.warnings {
                eprintln!("warning: {warning}");
            }
            generator.pack_planned(&plan, &|| {})
        })
        .and_then(|p| Ok((p.files.len(), pack::write(output, &p)?)));
    match result {
        Ok((files, folder)) => {
            println!(
                "wrote {files} files to {} and {}.zip",
                folder.display(),
                folder.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => report(&e, ExitCode::from(1)),
    }
}

fn validate(paths: &[std::path::PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in paths {
        match profile::load(path, &Defaults::default()) {
            Ok(_) => println!("{}: ok", path.display()),
            Err(e) => {
                failed = true;
                report(&e.into(), ExitCode::FAILURE);
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints `error: …`, a `cause: …` line per source and any hint; returns `code`.
pub(crate) fn report(error: &Error, code: ExitCode) -> ExitCode {
    eprintln!("error: {error}");
    let mut source = error.source();
    while let Some(cause) = source {
        eprintln!("  cause: {cause}");
        source = cause.source();
    }
    if let Error::Profile(p) = error
        && let Some(hint) = p.hint()
    {
        eprintln!("  hint: {hint}");
    }
    if let Error::Typeset {
        source:
            digisos_pakke::typeset::TypesetError::Compile(d)
            | digisos_pakke::typeset::TypesetError::Export(d),
        ..
    } = error
    {
        for hint in d.iter().flat_map(|d| &d.hints) {
            eprintln!("  hint: {hint}");
        }
    }
    code
}

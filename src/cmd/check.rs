//! `validate` and `verify`.

use crate::report;
use digisos_pakke::Error;
use digisos_pakke::assets::TemplateFiles;
use digisos_pakke::pack;
use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::profile::{self, Defaults};
use digisos_pakke::reference::Reference;
use digisos_pakke::translate;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(crate) fn validate(paths: &[PathBuf], reference: Option<&Path>) -> ExitCode {
    let reference = match reference.map_or_else(Reference::builtin, Reference::load) {
        Ok(r) => r,
        Err(e) => return report(&e.into()),
    };
    // The same for every profile: the facts about the processing that make drafts.
    if let Some(warning) = reference.draft_warning() {
        eprintln!("warning: {warning}");
    }
    let mut failed = false;
    for path in paths {
        match profile::load(path, &Defaults::default()) {
            Ok(p) => {
                for warning in &p.warnings {
                    eprintln!("warning: {}", warning.describe(path));
                }
                // The Sami language area: the citizen texts would wait for their Sami text,
                // or the translation given must fit the current (built-in) texts.
                let plan = digisos_pakke::plan::build(&p, &reference);
                if let Some(waiting) = digisos_pakke::translate::awaiting_message(&plan) {
                    eprintln!("warning: {}: {waiting}", path.display());
                }
                if let Some(folder) = &plan.sami.translation {
                    let checked = Pipeline::new(reference.clone(), &TemplateFiles::builtin())
                        .and_then(|pipeline| translate::check_dir(&pipeline, &plan, folder));
                    if let Err(e) = checked {
                        failed = true;
                        crate::print_error(&e);
                        continue;
                    }
                }
                println!(
                    "{}: ok{}",
                    path.display(),
                    match p.warnings.len() {
                        0 => String::new(),
                        n => format!(" ({n} warning{})", if n == 1 { "" } else { "s" }),
                    }
                );
            }
            Err(e) => {
                failed = true;
                crate::print_error(&e.into());
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

pub(crate) fn verify(path: &Path) -> ExitCode {
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
            for finding in &v.findings {
                eprintln!("{finding}");
            }
            report(&Error::PackChanged {
                path: path.to_owned(),
            })
        }
        Err(e) => report(&e.into()),
    }
}

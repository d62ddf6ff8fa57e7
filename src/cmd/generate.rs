//! `generate` and `preview`.

use crate::report;
use digisos_pakke::Error;
use digisos_pakke::pack;
use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::profile::{self, Defaults};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(pipeline: &Pipeline, path: &Path, output: &Path, require_sami: bool) -> ExitCode {
    let result = profile::load(path, &Defaults::default())
        .map_err(Error::from)
        .and_then(|profile| {
            let plan = pipeline.plan(&profile);
            let draft = pipeline.reference().draft_warning();
            for warning in plan.warnings.iter().chain(&draft) {
                eprintln!("warning: {warning}");
            }
            // Without --require-sami the plan's warnings above already say what waits.
            if let Some(waiting) = digisos_pakke::translate::awaiting_message(&plan)
                && require_sami
            {
                return Err(Error::SamiMissing {
                    profile: path.display().to_string(),
                    waiting,
                });
            }
            // One pack on its own: its documents are typeset side by side.
            let built = pipeline.pack_planned(&plan, 0, &|| {})?;
            Ok((built.files.len(), pack::write(output, &built)?))
        });
    match result {
        Ok((files, folder)) => {
            println!(
                "wrote {files} files to {} and {}.zip",
                folder.display(),
                folder.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => report(&e),
    }
}

pub(crate) fn preview(pipeline: &Pipeline, path: &Path, document: &str, output: &Path) -> ExitCode {
    let profile = match profile::load(path, &Defaults::default()) {
        Ok(p) => p,
        Err(e) => return report(&e.into()),
    };
    let plan = pipeline.plan(&profile);
    let Some(job) = plan.documents.iter().find(|j| j.file_stem == document) else {
        return report(&Error::UnknownDocument {
            profile: path.display().to_string(),
            document: document.to_owned(),
            choices: plan.documents.iter().map(|j| j.file_stem.clone()).collect(),
        });
    };
    match pipeline
        .document_pdf(&plan, job)
        .and_then(|pdf| Ok(pack::write_file_atomic(output, &pdf)?))
    {
        Ok(()) => {
            println!("wrote {}", output.display());
            ExitCode::SUCCESS
        }
        Err(e) => report(&e),
    }
}

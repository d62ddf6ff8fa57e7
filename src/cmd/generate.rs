//! `generate` and `preview`.

use crate::report;
use digisos_pakke::Error;
use digisos_pakke::pack;
use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::profile::{self, Defaults};
use std::path::Path;
use std::process::ExitCode;

pub fn run(pipeline: &Pipeline, path: &Path, output: &Path, require_sami: bool) -> ExitCode {
    let result = profile::load(path, &Defaults::default())
        .map_err(Error::from)
        .and_then(|profile| {
            let plan = pipeline.plan(&profile);
            for warning in &plan.warnings {
                eprintln!("warning: {warning}");
            }
            // Without --require-sami the plan's warnings above already say what waits.
            if let Some(waiting) = digisos_pakke::translate::awaiting_message(&plan)
                && require_sami
            {
                return Ok(Err(waiting));
            }
            let built = pipeline.pack_planned(&plan, &|| {})?;
            Ok(Ok((built.files.len(), pack::write(output, &built)?)))
        });
    match result {
        Ok(Err(waiting)) => {
            eprintln!("error: {}: {waiting}", path.display());
            eprintln!(
                "  hint: --require-sami refuses a pack without its Sami text; send the translation package (`translate export`) to the municipality's translator, or leave out --require-sami to write the Norwegian texts marked as waiting"
            );
            ExitCode::from(1)
        }
        Ok(Ok((files, folder))) => {
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

pub fn preview(pipeline: &Pipeline, path: &Path, document: &str, output: &Path) -> ExitCode {
    let profile = match profile::load(path, &Defaults::default()) {
        Ok(p) => p,
        Err(e) => return report(&e.into(), ExitCode::from(1)),
    };
    let plan = pipeline.plan(&profile);
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
    match pipeline
        .document_pdf(&plan, job)
        .and_then(|pdf| Ok(pack::write_file_atomic(output, &pdf)?))
    {
        Ok(()) => {
            println!("wrote {}", output.display());
            ExitCode::SUCCESS
        }
        Err(e) => report(&e, ExitCode::from(1)),
    }
}

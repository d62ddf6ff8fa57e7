//! `translate export`: the translation package of one profile, without the rest of the
//! pack; `translate check`: translated files checked against the current texts.

use crate::report;
use digisos_pakke::Error;
use digisos_pakke::pack;
use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::profile::{self, Defaults};
use digisos_pakke::translate;
use std::path::Path;
use std::process::ExitCode;

pub fn export(pipeline: &Pipeline, path: &Path, output: &Path) -> ExitCode {
    let result = profile::load(path, &Defaults::default())
        .map_err(Error::from)
        .and_then(|profile| {
            let plan = pipeline.plan(&profile);
            let files = translate::package(pipeline, &plan)?;
            let folder = output.join(format!("{}-oversettelse", plan.pack_name));
            for file in &files {
                pack::write_file_atomic(&folder.join(&file.name), &file.bytes)?;
            }
            let waiting: Vec<String> = translate::awaiting_sami(&plan)
                .iter()
                .map(|(p, language)| format!("{} kommune ({})", p.short_name, language.code()))
                .collect();
            Ok((files.len(), folder, waiting))
        });
    match result {
        Ok((0, _, _)) => {
            eprintln!(
                "error: no municipality of {} is in the Sami language area: there is nothing to translate",
                path.display()
            );
            eprintln!(
                "  hint: the register (data/kommuner.csv, samisk_sprak) lists the 14 municipalities of the area"
            );
            ExitCode::from(1)
        }
        Ok((files, folder, waiting)) => {
            println!(
                "wrote {files} translation files for {} to {}",
                waiting.join(", "),
                folder.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => report(&e, ExitCode::from(1)),
    }
}

pub fn check(pipeline: &Pipeline, path: &Path, dir: &Path) -> ExitCode {
    let result = profile::load(path, &Defaults::default())
        .map_err(Error::from)
        .and_then(|profile| {
            let plan = pipeline.plan(&profile);
            translate::check_dir(pipeline, &plan, dir)
        });
    match result {
        Ok(Ok(0)) => {
            eprintln!(
                "error: no municipality of {} is in the Sami language area: there is nothing to check",
                path.display()
            );
            ExitCode::from(1)
        }
        Ok(Ok(units)) => {
            println!(
                "{}: every one of {units} units is translated, current and complete",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Ok(Err(problems)) => {
            eprintln!(
                "error: the translation in {} has {} problem{}:",
                dir.display(),
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
            for p in &problems {
                eprintln!("  {p}");
                eprintln!("    hint: {}", p.hint());
            }
            ExitCode::from(1)
        }
        Err(e) => report(&e, ExitCode::from(1)),
    }
}

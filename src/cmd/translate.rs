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

/// `translate export` of one profile, or of every profile of a batch file or folder.
pub(crate) fn export(pipeline: &Pipeline, path: &Path, output: &Path) -> ExitCode {
    if is_batch(path) {
        return export_batch(pipeline, path, output);
    }
    match export_one(pipeline, path, &Defaults::default(), output) {
        Ok(None) => {
            eprintln!(
                "error: no municipality of {} is in the Sami language area: there is nothing to translate",
                path.display()
            );
            eprintln!(
                "  hint: the register (data/kommuner.csv, samisk_sprak) lists the 14 municipalities of the area"
            );
            ExitCode::from(1)
        }
        Ok(Some(done)) => {
            println!("{done}");
            ExitCode::SUCCESS
        }
        Err(e) => report(&e),
    }
}

/// A folder, or a YAML file with a top-level `profiles:` list (a batch file).
fn is_batch(path: &Path) -> bool {
    path.is_dir()
        || std::fs::read_to_string(path)
            .is_ok_and(|text| text.lines().any(|l| l.starts_with("profiles:")))
}

/// Writes the package of the profile at `path`; `None` when it has nothing to translate.
fn export_one(
    pipeline: &Pipeline,
    path: &Path,
    defaults: &Defaults,
    output: &Path,
) -> Result<Option<String>, Error> {
    let profile = profile::load(path, defaults)?;
    let plan = pipeline.plan(&profile);
    let files = translate::package(pipeline, &plan)?;
    if files.is_empty() {
        return Ok(None);
    }
    let folder = output.join(format!("{}-oversettelse", plan.pack_name));
    for file in &files {
        pack::write_file_atomic(&folder.join(&file.name), &file.bytes)?;
    }
    let waiting: Vec<String> = translate::awaiting_sami(&plan)
        .iter()
        .map(|(p, language)| format!("{} kommune ({})", p.short_name, language.code()))
        .collect();
    Ok(Some(format!(
        "wrote {} translation files for {} to {}",
        files.len(),
        waiting.join(", "),
        folder.display()
    )))
}

fn export_batch(pipeline: &Pipeline, path: &Path, output: &Path) -> ExitCode {
    let input = match digisos_pakke::batch::load(path) {
        Ok(input) => input,
        Err(e) => return report(&e.into()),
    };
    let (mut written, mut outside, mut failed) = (0, 0, 0);
    for profile in &input.profiles {
        match export_one(pipeline, profile, &input.defaults, output) {
            Ok(Some(done)) => {
                println!("{}: {done}", profile.display());
                written += 1;
            }
            Ok(None) => outside += 1,
            Err(e) => {
                eprintln!("{}:", profile.display());
                crate::print_error(&e);
                failed += 1;
            }
        }
    }
    println!(
        "{written} translation packages written; {outside} profiles have no municipality in the Sami language area; {failed} failed"
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

pub(crate) fn check(pipeline: &Pipeline, path: &Path, dir: &Path) -> ExitCode {
    let result = profile::load(path, &Defaults::default())
        .map_err(Error::from)
        .and_then(|profile| {
            let plan = pipeline.plan(&profile);
            translate::check_dir(pipeline, &plan, dir)
        });
    match result {
        Ok(0) => {
            eprintln!(
                "error: no municipality of {} is in the Sami language area: there is nothing to check",
                path.display()
            );
            ExitCode::from(1)
        }
        Ok(units) => {
            println!(
                "{}: every one of {units} units is translated, current and complete",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => report(&e),
    }
}

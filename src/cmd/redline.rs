//! `redline`.

use crate::report;
use digisos_pakke::Error;
use digisos_pakke::pack;
use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::profile::{self, Defaults};
use digisos_pakke::redline::{self, Baseline};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(
    pipeline: &Pipeline,
    path: &Path,
    baseline: &Baseline,
    output: &Path,
) -> ExitCode {
    let result = profile::load(path, &Defaults::default())
        .map_err(Error::from)
        .and_then(|profile| {
            let plan = pipeline.plan(&profile);
            redline::redline(pipeline, &plan, baseline)
        });
    let redlines = match result {
        Ok(r) => r,
        Err(e) => return report(&e),
    };
    for stem in &redlines.without_text {
        eprintln!(
            "warning: {stem} is left out: the earlier pack has no text of it (a pack made before packs kept every document's .md)"
        );
    }
    for d in &redlines.documents {
        let changed: Vec<_> = d
            .comparison
            .clauses
            .iter()
            .filter(|c| c.status != redline::ClauseStatus::Unchanged)
            .collect();
        if changed.is_empty() {
            println!("{}: unchanged", d.file_stem);
        } else {
            let added: usize = changed.iter().map(|c| c.words_in()).sum();
            let removed: usize = changed.iter().map(|c| c.words_out()).sum();
            println!(
                "{}: {} clauses changed, {added} words in, {removed} words out",
                d.file_stem,
                changed.len()
            );
        }
    }
    if redlines.pack.files.is_empty() {
        println!("no changes: nothing written");
        return ExitCode::SUCCESS;
    }
    match pack::write(output, &redlines.pack) {
        Ok(folder) => {
            println!(
                "wrote {} files to {}",
                redlines.pack.files.len(),
                folder.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => report(&e.into()),
    }
}

//! Getting started: `init` and `templates export`.

use digisos_pakke::assets::TemplateFiles;
use digisos_pakke::init::{self, InitOptions};
use digisos_pakke::pack;
use digisos_pakke::profile::{CooperationModel, Language};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn init(
    kommune: String,
    model: CooperationModel,
    members: Vec<String>,
    language: Option<Language>,
) -> ExitCode {
    let options = InitOptions {
        file_name: format!("{kommune}.yaml"),
        kommune,
        model,
        members,
        language,
        today: today(),
    };
    match init::profile(&options) {
        Ok(yaml) => {
            print!("{yaml}");
            ExitCode::SUCCESS
        }
        Err(e) => crate::report(&e.into()),
    }
}

/// Today's date (UTC): only to suggest dates in a new profile, never while rendering.
pub(crate) fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(days)))
        .unwrap_or_default()
}

pub(crate) fn export_templates(dir: &Path, force: bool) -> ExitCode {
    let files = TemplateFiles::builtin();
    let mut all: Vec<(String, &str)> = files
        .templates
        .iter()
        .map(|f| (f.name.clone(), f.text.as_str()))
        .collect();
    all.push((files.layout.name.clone(), &files.layout.text));
    all.push((
        "README.md".to_owned(),
        digisos_pakke::assets::TEMPLATES_README,
    ));
    let existing: Vec<&str> = all
        .iter()
        .filter(|(n, _)| dir.join(n).exists())
        .map(|(n, _)| n.as_str())
        .collect();
    if !existing.is_empty() && !force {
        return crate::report(&digisos_pakke::Error::TemplatesExist {
            dir: dir.to_owned(),
            files: existing.iter().map(|f| (*f).to_owned()).collect(),
        });
    }
    for (name, text) in &all {
        if let Err(e) = pack::write_file_atomic(&dir.join(name), text.as_bytes()) {
            return crate::report(&e.into());
        }
    }
    println!(
        "wrote {} files to {}; use them with --templates {}",
        all.len(),
        dir.display(),
        dir.display()
    );
    ExitCode::SUCCESS
}

//! The coordinator's page: upload a batch of profiles, see the overview, download every
//! pack with the batch summary.
//!
//! The server keeps nothing, so the summary page carries the uploaded profiles back in the
//! download form, base64-encoded: the packs are made from exactly the bytes uploaded.

use super::State;
use super::routes::{self, parse};
use crate::batch::{self, Outcome, Report, Summary};
use crate::pipeline::Pipeline;
use crate::profile::{Profile, ProfileError};
use axum::extract::Form;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::rejection::FormRejection;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Serialize, Default)]
struct BatchView {
    rows: Vec<Row>,
    /// Every uploaded profile, to send back for the download.
    files: Vec<Carried>,
    ready: usize,
    error: Option<String>,
}

#[derive(Serialize)]
struct Row {
    file: String,
    municipality: String,
    model: String,
    pack: String,
    documents: usize,
    warnings: Vec<String>,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct Carried {
    name: String,
    data: String,
}

pub(super) async fn page(axum::extract::State(s): axum::extract::State<State>) -> Response {
    s.pages
        .render(StatusCode::OK, "batch.html", &BatchView::default())
}

/// The summary of the uploaded profiles.
pub(super) async fn upload(
    axum::extract::State(s): axum::extract::State<State>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let files = match routes::read_files(multipart).await {
        Ok(files) => files,
        Err(status) => return routes::rejected(&s, status),
    };
    if files.is_empty() {
        let view = BatchView {
            error: Some("Velg én eller flere profilfiler (.yaml) å laste opp.".into()),
            ..BatchView::default()
        };
        return s.pages.render(StatusCode::BAD_REQUEST, "batch.html", &view);
    }
    let mut view = BatchView::default();
    for (name, bytes) in &files {
        let row = match parse(bytes, name) {
            Ok(profile) => {
                let plan = s.pipeline.plan(&profile);
                view.ready += 1;
                Row {
                    file: name.clone(),
                    municipality: format!(
                        "{} {}",
                        profile.municipality.number.as_str(),
                        profile.municipality.name
                    ),
                    model: plan.rules.name(crate::profile::Language::Nb).to_owned(),
                    pack: plan.pack_name.clone(),
                    documents: plan.documents.len(),
                    warnings: profile
                        .warnings
                        .iter()
                        .map(|w| format!("{}: {}", w.path, w.message))
                        .chain(plan.warnings.iter().cloned())
                        .collect(),
                    problems: Vec::new(),
                }
            }
            Err(e) => Row {
                file: name.clone(),
                municipality: String::new(),
                model: String::new(),
                pack: String::new(),
                documents: 0,
                warnings: Vec::new(),
                problems: problems(&e),
            },
        };
        view.rows.push(row);
    }
    view.files = files
        .iter()
        .map(|(name, bytes)| Carried {
            name: name.clone(),
            data: BASE64.encode(bytes),
        })
        .collect();
    s.pages.render(StatusCode::OK, "batch.html", &view)
}

/// Every valid profile's pack zip and the batch summary, in one zip (see [`zip_batch`]).
pub(super) async fn download(
    axum::extract::State(s): axum::extract::State<State>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let pairs = match form {
        Ok(Form(p)) => p,
        Err(r) => return routes::rejected(&s, r.status()),
    };
    let names = pairs.iter().filter(|(k, _)| k == "navn").map(|(_, v)| v);
    let data = pairs.iter().filter(|(k, _)| k == "profil").map(|(_, v)| v);
    let mut profiles = Vec::new();
    for (name, data) in names.zip(data) {
        let Ok(bytes) = BASE64.decode(data) else {
            return s.pages.message(
                StatusCode::BAD_REQUEST,
                "Skjemaet kunne ikke leses",
                "Last opp profilene på nytt.",
            );
        };
        profiles.push((name.clone(), parse(&bytes, name)));
    }
    if !profiles.iter().any(|(_, p)| p.is_ok()) {
        return s.pages.message(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Ingen profil er uten feil",
            "Rett profilene som oversikten viser feil i, og last dem opp på nytt.",
        );
    }
    let docx = routes::wants_docx(&pairs);
    let zipped = routes::typeset(&s, move |pipeline| zip_batch(pipeline, profiles, docx)).await;
    match zipped {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "application/zip"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"pakker.zip\"",
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(e)) => routes::error_page(&s, &e),
        Err(response) => response,
    }
}

/// Every valid profile's pack zip, each once, and the batch summary (CSV and PDF) that
/// `digisos-pakke batch` writes beside the packs: a profile with errors, or a pack that
/// could not be made, is a failed row there, and the other packs are still in the zip.
/// With `docx`, each pack has a Word file beside each PDF.
fn zip_batch(
    pipeline: &Pipeline,
    profiles: Vec<(String, Result<Profile, ProfileError>)>,
    docx: bool,
) -> Result<Vec<u8>, crate::Error> {
    let zip_error = |name: &str| {
        let name = name.to_owned();
        move |source| crate::Error::from(crate::pack::PackError::Zip { name, source })
    };
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // The packs are zips already and the summary's PDF is compressed: store them as they are.
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut stored = |name: &str, bytes: &[u8]| {
        writer
            .start_file(name, options)
            .and_then(|()| Ok(writer.write_all(bytes)?))
            .map_err(zip_error(name))
    };
    let mut seen = std::collections::BTreeSet::new();
    let mut outcomes = Vec::new();
    for (name, parsed) in profiles {
        let started = std::time::Instant::now();
        let (row, result) = match parsed {
            Err(e) => (None, Err(crate::Error::from(e))),
            Ok(profile) => {
                let plan = routes::plan_for(pipeline, &profile, docx);
                let row = batch::Row::new(&plan);
                let zipped = routes::zip_pack(pipeline, &plan).and_then(|(pack, bytes)| {
                    if seen.insert(pack.clone()) {
                        stored(&format!("{pack}.zip"), &bytes)?;
                    }
                    Ok(PathBuf::from(pack))
                });
                (Some(row), zipped)
            }
        };
        outcomes.push(Outcome {
            profile: PathBuf::from(name),
            row,
            result,
            unchanged: false,
            elapsed: started.elapsed(),
        });
    }
    let report = Report {
        outcomes,
        stopped_before_rendering: false,
    };
    let summary = Summary::new(&report, None, pipeline)?;
    stored("batch-summary.csv", &summary.csv)?;
    stored("batch-summary.pdf", &summary.pdf)?;
    let bytes = writer.finish().map_err(zip_error("pakker"))?;
    Ok(bytes.into_inner())
}

/// The validator's problems, one line each, or the loader's error for a file that is not
/// a profile.
fn problems(error: &ProfileError) -> Vec<String> {
    match error {
        ProfileError::Invalid { problems, .. } => problems
            .iter()
            .map(|p| match &p.hint {
                Some(hint) => format!("{}: {} (hint: {hint})", p.path, p.message),
                None => format!("{}: {}", p.path, p.message),
            })
            .collect(),
        other => vec![other.to_string()],
    }
}

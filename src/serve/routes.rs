//! The handlers of the profile form: open, check, preview and download.

use super::form::Values;
use super::guard::{self, PDF_POLICY};
use super::pages::{self, Outcome, ProfileView, StartView};
use super::{Shared, State};
use crate::Error;
use crate::pipeline::Pipeline;
use crate::plan::Plan;
use crate::profile::{self, Defaults, Profile, ProfileError};
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::path::Path;
use std::sync::Arc;

/// The name a profile made from the form carries in messages and in the manifest's
/// provenance (its hash, not the name, is recorded).
const FORM_FILE: &str = "profil.yaml";

type Pairs = Vec<(String, String)>;

pub(super) async fn start(axum::extract::State(s): axum::extract::State<State>) -> Response {
    s.pages.render(
        StatusCode::OK,
        "start.html",
        &StartView {
            register: pages::register_options(),
            ..StartView::default()
        },
    )
}

#[derive(serde::Deserialize)]
pub(super) struct Open {
    #[serde(default)]
    kommune: String,
}

/// The form for the municipality the start page named, pre-filled as `init` would.
pub(super) async fn open(
    axum::extract::State(s): axum::extract::State<State>,
    query: Result<Query<Open>, QueryRejection>,
) -> Response {
    let query = query.map(|Query(q)| q.kommune).unwrap_or_default();
    let entry = match pages::find_municipality(&query) {
        Ok(e) => e,
        Err(error) => {
            return s.pages.render(
                StatusCode::BAD_REQUEST,
                "start.html",
                &StartView {
                    query,
                    error: Some(error),
                    register: pages::register_options(),
                    ..StartView::default()
                },
            );
        }
    };
    let options = crate::init::InitOptions {
        file_name: FORM_FILE.to_owned(),
        kommune: entry.number.clone(),
        model: crate::profile::CooperationModel::Single,
        members: Vec::new(),
        language: None,
        today: (s.today)(),
    };
    match crate::init::profile(&options) {
        Ok(yaml) => {
            let mut values = Values::from_yaml(&yaml);
            values.clear_placeholders();
            let view = ProfileView::new(&values, &Outcome::Unchecked, None);
            s.pages.render(StatusCode::OK, "profile.html", &view)
        }
        Err(e) => error_page(&s, &e.into()),
    }
}

/// The form sent back: apply the button pressed (add or remove a member, change the
/// model), then check the profile.
pub(super) async fn submit(
    axum::extract::State(s): axum::extract::State<State>,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    let pairs = match form {
        Ok(Form(p)) => p,
        Err(r) => return rejected(&s, r.status()),
    };
    let mut values = Values::from_pairs(&pairs);
    let action = value_of(&pairs, "handling").unwrap_or_default();
    let mut add_error = None;
    if action == "legg-til-medlem" {
        match pages::find_municipality(value_of(&pairs, "nytt_medlem").unwrap_or_default()) {
            Ok(entry) => values.add_member(&member_fields(&entry)),
            Err(e) => add_error = Some(e),
        }
    } else if let Some(Ok(i)) = action.strip_prefix("fjern-medlem-").map(str::parse) {
        values.remove_member(i);
    }
    let bytes = values.to_yaml().into_bytes();
    let parsed = parse(&bytes, FORM_FILE);
    let mut response = profile_page(&s, &values, &parsed, None, add_error.as_deref());
    if add_error.is_some() {
        *response.status_mut() = StatusCode::BAD_REQUEST;
    }
    response
}

/// A profile uploaded to continue with: checked exactly as `validate` checks the file.
pub(super) async fn upload(
    axum::extract::State(s): axum::extract::State<State>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let files = match read_files(multipart).await {
        Ok(files) => files,
        Err(status) => return rejected(&s, status),
    };
    let Some((name, bytes)) = files.into_iter().next() else {
        return s.pages.render(
            StatusCode::BAD_REQUEST,
            "start.html",
            &StartView {
                upload_error: Some("Velg en profilfil (.yaml) å laste opp.".into()),
                register: pages::register_options(),
                ..StartView::default()
            },
        );
    };
    let parsed = parse(&bytes, &name);
    let values = Values::from_yaml(&String::from_utf8_lossy(&bytes));
    profile_page(&s, &values, &parsed, Some(name), None)
}

/// One document of the form's pack, as a PDF to show in the page.
pub(super) async fn preview(
    axum::extract::State(s): axum::extract::State<State>,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    let (pairs, profile) = match checked_profile(&s, form) {
        Ok(p) => p,
        Err(response) => return *response,
    };
    let document = value_of(&pairs, "dokument").unwrap_or_default().to_owned();
    let rendered = typeset(&s, move |pipeline| {
        let plan = pipeline.plan(&profile);
        let job = plan.documents.iter().find(|j| j.file_stem == document);
        job.map(|job| {
            pipeline
                .document_pdf(&plan, job)
                .map(|pdf| (job.file_stem.clone(), pdf))
        })
    })
    .await;
    match rendered {
        Ok(Some(Ok((stem, pdf)))) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"{stem}.pdf\""),
                ),
                (header::CONTENT_SECURITY_POLICY, PDF_POLICY.to_owned()),
            ],
            pdf,
        )
            .into_response(),
        Ok(Some(Err(e))) => error_page(&s, &e),
        Ok(None) => s.pages.message(
            StatusCode::NOT_FOUND,
            "Dokumentet finnes ikke i pakken",
            "Kontroller skjemaet på nytt og velg et av dokumentene i listen.",
        ),
        Err(response) => response,
    }
}

/// The frame's content before a document is chosen.
pub(super) async fn preview_blank(
    axum::extract::State(s): axum::extract::State<State>,
) -> Response {
    s.pages.message(
        StatusCode::OK,
        "Forhåndsvisning",
        "Velg «Vis» ved et dokument for å se det her.",
    )
}

/// The pack's zip: the bytes `generate` writes, manifest included.
pub(super) async fn download_pack(
    axum::extract::State(s): axum::extract::State<State>,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    let (pairs, profile) = match checked_profile(&s, form) {
        Ok(checked) => checked,
        Err(response) => return *response,
    };
    let docx = wants_docx(&pairs);
    let zipped = typeset(&s, move |pipeline| {
        zip_pack(pipeline, &plan_for(pipeline, &profile, docx))
    })
    .await;
    match zipped {
        Ok(Ok((name, bytes))) => attachment("application/zip", &format!("{name}.zip"), bytes),
        Ok(Err(e)) => error_page(&s, &e),
        Err(response) => response,
    }
}

/// The form as profile YAML, valid or not: the record to continue from later.
pub(super) async fn download_profile(
    axum::extract::State(s): axum::extract::State<State>,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    let pairs = match form {
        Ok(Form(p)) => p,
        Err(r) => return rejected(&s, r.status()),
    };
    let values = Values::from_pairs(&pairs);
    let number = values.get("municipality.number");
    let name = if number.chars().all(|c| c.is_ascii_digit()) && number.len() == 4 {
        format!("{number}.yaml")
    } else {
        FORM_FILE.to_owned()
    };
    attachment(
        "application/yaml; charset=utf-8",
        &name,
        values.to_yaml().into_bytes(),
    )
}

pub(super) async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        pages::STYLE,
    )
        .into_response()
}

pub(super) async fn not_found(axum::extract::State(s): axum::extract::State<State>) -> Response {
    s.pages.message(
        StatusCode::NOT_FOUND,
        "Siden finnes ikke",
        "Gå til forsiden for å finne kommunen eller laste opp en profil.",
    )
}

/// Whether a download asks for the packs «med Word-filer».
pub(super) fn wants_docx(pairs: &Pairs) -> bool {
    value_of(pairs, "word") == Some("ja")
}

/// `profile`'s plan, with a DOCX beside each PDF where `docx` (as `generate --docx`).
pub(super) fn plan_for(pipeline: &Pipeline, profile: &Profile, docx: bool) -> Plan {
    let mut plan = pipeline.plan(profile);
    plan.docx = docx;
    plan
}

/// Builds `plan`'s pack and zips it, as `generate` does.
pub(super) fn zip_pack(pipeline: &Pipeline, plan: &Plan) -> Result<(String, Vec<u8>), Error> {
    let pack = pipeline.pack_planned(plan, 1, &|| {})?;
    let bytes = crate::pack::zip(&pack).map_err(|source| crate::pack::PackError::Zip {
        name: pack.name.clone(),
        source,
    })?;
    Ok((pack.name, bytes))
}

/// Runs `work` on the blocking pool once a render slot is free, so that a burst of
/// requests waits rather than holding many packs in memory at once.
pub(super) async fn typeset<T: Send + 'static>(
    s: &Arc<Shared>,
    work: impl FnOnce(&Pipeline) -> T + Send + 'static,
) -> Result<T, Response> {
    let busy = || {
        s.pages.message(
            StatusCode::SERVICE_UNAVAILABLE,
            "Siden stenges",
            "Serveren holder på å stoppe.",
        )
    };
    let Ok(permit) = s.renders.clone().acquire_owned().await else {
        return Err(busy());
    };
    let pipeline = s.pipeline.clone();
    let done = tokio::task::spawn_blocking(move || {
        let result = work(&pipeline);
        // Keep only the layout the last request used: a preview after a small change
        // reuses most of it.
        pipeline.trim_caches(1);
        drop(permit);
        result
    })
    .await;
    done.map_err(|_| {
        s.pages.message(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Dokumentet kunne ikke lages",
            "Det oppsto en intern feil. Prøv igjen, og meld feilen hvis den kommer tilbake.",
        )
    })
}

/// The form's profile, or the response for a form with problems.
fn checked_profile(
    s: &Arc<Shared>,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<(Pairs, Profile), Box<Response>> {
    let pairs = match form {
        Ok(Form(p)) => p,
        Err(r) => return Err(Box::new(rejected(s, r.status()))),
    };
    let values = Values::from_pairs(&pairs);
    match parse(values.to_yaml().as_bytes(), FORM_FILE) {
        Ok(profile) => Ok((pairs, profile)),
        Err(_) => Err(Box::new(s.pages.message(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Skjemaet har feil",
            "Dokumentene kan lages når skjemaet er uten feil. Trykk «Kontroller» for å se hva som må rettes.",
        ))),
    }
}

/// Validates a profile's bytes as `validate` does; `name` is used in messages only.
///
/// The page reads no file path from a request: a Sami translation folder the profile names
/// is not read (it would be a path on this machine), so its letter and news text are made as
/// while the translation is awaited, marked «samisk versjon mangler».
pub(super) fn parse(bytes: &[u8], name: &str) -> Result<Profile, ProfileError> {
    let mut profile = profile::parse(bytes, Path::new(name), &Defaults::default())?;
    if profile.sami.translation.take().is_some() {
        profile.warnings.push(profile::Problem {
            path: "sami.translation".into(),
            location: None,
            message: "the web page opens no folder it is given: the letter and the news text are made as while the Sami translation is awaited".into(),
            hint: Some("make the pack in Sami and Norwegian with `generate` on the command line".into()),
        });
    }
    Ok(profile)
}

fn profile_page(
    s: &Shared,
    values: &Values,
    parsed: &Result<Profile, ProfileError>,
    source: Option<String>,
    add_error: Option<&str>,
) -> Response {
    let plan;
    let outcome = match parsed {
        Ok(profile) => {
            plan = s.pipeline.plan(profile);
            Outcome::Valid {
                warnings: &profile.warnings,
                plan: &plan,
                reference_warning: s.pipeline.reference().draft_warning(),
            }
        }
        Err(e) => Outcome::Invalid(e),
    };
    let mut view = ProfileView::new(values, &outcome, source);
    if let Some(error) = add_error {
        view.add_member_error(error);
    }
    let status = match parsed {
        Ok(_) => StatusCode::OK,
        Err(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    s.pages.render(status, "profile.html", &view)
}

/// A member's fields from the register, as `init` fills them: its own written standard.
fn member_fields(entry: &crate::register::Entry) -> Vec<(String, String)> {
    let language = entry
        .language_decision
        .map_or(crate::profile::Language::Nb, |d| d.language());
    [
        ("name", entry.name.clone()),
        ("number", entry.number.clone()),
        ("org_number", entry.org_number.clone()),
        ("population", entry.population.to_string()),
        ("language", language.code().to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn value_of<'a>(pairs: &'a Pairs, name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The uploaded files of a multipart form, by their base name (for messages only: no path
/// from a request is ever opened).
pub(super) async fn read_files(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Vec<(String, Vec<u8>)>, StatusCode> {
    let mut multipart = multipart.map_err(|r| r.status())?;
    let mut files = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(e.status()),
        };
        let Some(name) = field.file_name().map(base_name) else {
            continue;
        };
        let bytes = field
            .bytes()
            .await
            .map_err(|e: MultipartError| e.status())?;
        // An empty file input still sends a part with no name and no bytes.
        if !(name.is_empty() && bytes.is_empty()) {
            files.push((name, bytes.to_vec()));
        }
    }
    Ok(files)
}

fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The page for a request the extractors refused: too large, or not a form.
pub(super) fn rejected(s: &Shared, status: StatusCode) -> Response {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        let (status, title, text) = guard::too_large();
        s.pages.message(status, title, text)
    } else {
        s.pages.message(
            status,
            "Skjemaet kunne ikke leses",
            "Send skjemaet fra siden på nytt.",
        )
    }
}

fn attachment(content_type: &'static str, file: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// An error of the pipeline, with its causes and hints as the command line prints them.
pub(super) fn error_page(s: &Shared, error: &Error) -> Response {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!("\ncause: {cause}"));
        source = cause.source();
    }
    for hint in error.hints() {
        text.push_str(&format!("\nhint: {hint}"));
    }
    s.pages.tool_message(
        StatusCode::UNPROCESSABLE_ENTITY,
        "Pakken kunne ikke lages",
        &text,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uploaded_files_name_loses_its_folders() {
        assert_eq!(base_name("../../etc/passwd"), "passwd");
        assert_eq!(base_name("C:\\profiler\\baerum.yaml"), "baerum.yaml");
        assert_eq!(base_name("baerum.yaml"), "baerum.yaml");
    }
}

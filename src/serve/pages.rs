//! The pages: Tera templates (auto-escaped, since their names end in `.html`) and the
//! views they are filled from.

use super::form::{self, Field, Group, Input, Values};
use crate::Error;
use crate::plan::{DocumentJob, Plan};
use crate::profile::{CooperationModel, Language, Problem, ProfileError};
use crate::register::Entry;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The built-in page templates.
const TEMPLATES: [(&str, &str); 6] = [
    ("layout.html", include_str!("pages/layout.html")),
    ("macros.html", include_str!("pages/macros.html")),
    ("start.html", include_str!("pages/start.html")),
    ("profile.html", include_str!("pages/profile.html")),
    ("batch.html", include_str!("pages/batch.html")),
    ("message.html", include_str!("pages/message.html")),
];

/// The style sheet, served as a file so that the policy needs no inline style.
pub(super) const STYLE: &str = include_str!("pages/style.css");

/// The parsed templates.
pub(super) struct Pages {
    tera: tera::Tera,
}

impl Pages {
    pub(super) fn new() -> Result<Self, Error> {
        let mut tera = tera::Tera::default();
        tera.add_raw_templates(TEMPLATES)
            .map_err(|source| Error::Page {
                template: "pages".into(),
                source,
            })?;
        Ok(Pages { tera })
    }

    /// The page `template` filled from `view`, or a plain error page if that fails.
    pub(super) fn render(
        &self,
        status: StatusCode,
        template: &str,
        view: &impl Serialize,
    ) -> Response {
        let html = tera::Context::from_serialize(view)
            .and_then(|context| self.tera.render(template, &context));
        match html {
            Ok(html) => (
                status,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                html,
            )
                .into_response(),
            // A template bug, not the user's: say so without echoing anything.
            Err(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the page could not be built; please report this",
            )
                .into_response(),
        }
    }

    /// A page with one message and a way back.
    pub(super) fn message(&self, status: StatusCode, title: &str, text: &str) -> Response {
        self.message_in(status, title, &Message::page(text.to_owned()))
    }

    /// A page with one message of the pipeline (in English, as the command line prints it).
    pub(super) fn tool_message(&self, status: StatusCode, title: &str, text: &str) -> Response {
        self.message_in(status, title, &Message::tool(text.to_owned()))
    }

    fn message_in(&self, status: StatusCode, title: &str, message: &Message) -> Response {
        #[derive(Serialize)]
        struct View<'a> {
            title: &'a str,
            message: &'a Message,
        }
        self.render(status, "message.html", &View { title, message })
    }
}

/// A municipality of the register, as the type-ahead lists it.
#[derive(Serialize)]
pub(super) struct RegisterOption {
    value: String,
}

/// The register, for the type-ahead lists: number, name and any Sami or Kven names.
pub(super) fn register_options() -> Vec<RegisterOption> {
    crate::register::entries()
        .map(|e| RegisterOption {
            value: if e.parallel_names.is_empty() {
                format!("{} {}", e.number, e.name)
            } else {
                format!("{} {} ({})", e.number, e.name, e.parallel_names)
            },
        })
        .collect()
}

/// The start page.
#[derive(Serialize, Default)]
pub(super) struct StartView {
    pub(super) query: String,
    pub(super) error: Option<String>,
    pub(super) upload_error: Option<String>,
    pub(super) register: Vec<RegisterOption>,
}

/// One option of a select or radio group.
#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    help: &'static str,
    selected: bool,
}

#[derive(Serialize)]
struct FieldView {
    id: String,
    name: String,
    label: &'static str,
    help: &'static str,
    input: Input,
    value: String,
    choices: Vec<Choice>,
    errors: Vec<Message>,
    warnings: Vec<Message>,
    /// The ids of the help, error and warning texts, for `aria-describedby`.
    described_by: String,
}

#[derive(Serialize)]
struct GroupView {
    id: &'static str,
    legend: String,
    fields: Vec<FieldView>,
    /// The member's index, where the group is a member (it can be removed).
    member: Option<usize>,
}

#[derive(Serialize)]
struct SummaryItem {
    href: Option<String>,
    message: Message,
}

/// A message on the page with the language it is written in, so that a screen reader
/// speaks it right: the validator and the pipeline speak English, as on the command line;
/// the page's own messages bokmål.
#[derive(Serialize, Clone)]
struct Message {
    text: String,
    lang: &'static str,
}

impl Message {
    /// A message of the validator or the pipeline.
    fn tool(text: String) -> Message {
        Message { text, lang: "en" }
    }

    /// One of the page's own messages.
    fn page(text: String) -> Message {
        Message { text, lang: "nb" }
    }
}

#[derive(Serialize)]
struct DocumentView {
    stem: String,
    title: String,
}

/// The profile page.
#[derive(Serialize)]
pub(super) struct ProfileView {
    /// The uploaded file the form was filled from, if any.
    source: Option<String>,
    /// Whether the form was checked (problems are shown only then).
    checked: bool,
    valid: bool,
    summary: Vec<SummaryItem>,
    general_warnings: Vec<Message>,
    groups: Vec<GroupView>,
    model: FieldView,
    show_members: bool,
    members: Vec<GroupView>,
    add_member: FieldView,
    after: Vec<GroupView>,
    documents: Vec<DocumentView>,
    pack_name: String,
    register: Vec<RegisterOption>,
    /// Where the page should open (the summary, after a check with problems).
    focus: Option<String>,
}

/// What the validator said about the form's profile.
pub(super) enum Outcome<'a> {
    /// Not checked yet: a form just opened from the register.
    Unchecked,
    /// The profile was refused: every problem, or one error for a file that is not YAML.
    Invalid(&'a ProfileError),
    /// The profile is valid; its warnings and its plan.
    Valid {
        warnings: &'a [Problem],
        plan: &'a Plan,
        reference_warning: Option<String>,
    },
}

/// `warning` without its leading `file:line:column: `, where the file is not the user's.
fn without_location(warning: &str, source: &Option<String>) -> String {
    if source.is_some() {
        return warning.to_owned();
    }
    let mut parts = warning.splitn(4, ':');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(_), Some(line), Some(column), Some(rest))
            if line.parse::<u32>().is_ok() && column.parse::<u32>().is_ok() =>
        {
            rest.trim_start().to_owned()
        }
        _ => warning.to_owned(),
    }
}

/// The model's one-line explanations, in the order of [`CooperationModel::ALL`].
const MODEL_HELP: [&str; 4] = [
    "Kommunen har eget NAV-kontor og signerer avtalene selv.",
    "Vertskommunen er behandlingsansvarlig for alle kommunene og signerer alene.",
    "Hver kommune er behandlingsansvarlig og signerer egne avtaler; vertskommunen driver NAV-kontoret.",
    "Et felles organ signerer avtalene; organets rettsform avgjør hvem som er behandlingsansvarlig.",
];

impl ProfileView {
    /// The view of the form with `values`, after `outcome`.
    pub(super) fn new(values: &Values, outcome: &Outcome, source: Option<String>) -> Self {
        let visible = values.visible_paths();
        let mut notes = Notes::default();
        let (problems, warnings): (&[Problem], &[Problem]) = match outcome {
            Outcome::Invalid(ProfileError::Invalid { problems, .. }) => (problems, &[]),
            Outcome::Valid { warnings, .. } => (&[], warnings),
            _ => (&[], &[]),
        };
        for p in problems {
            notes.problem(p, &visible);
        }
        for w in warnings {
            notes.warning(w, &visible);
        }
        if let Outcome::Invalid(error) = outcome
            && !matches!(error, ProfileError::Invalid { .. })
        {
            // A file that is not a profile at all: the loader's own message and hint.
            let mut text = error.to_string();
            if let Some(hint) = error.hint() {
                text.push_str(&format!(" (hint: {hint})"));
            }
            notes.summary.push(SummaryItem {
                href: None,
                message: Message::tool(text),
            });
        }
        let mut general_warnings = std::mem::take(&mut notes.general_warnings);
        let (documents, pack_name) = match outcome {
            Outcome::Valid {
                plan,
                reference_warning,
                ..
            } => {
                // A form's profile has no file to point into: its line numbers mean nothing
                // to the user.
                general_warnings.extend(
                    plan.warnings
                        .iter()
                        .map(|w| Message::tool(without_location(w, &source))),
                );
                general_warnings.extend(reference_warning.iter().cloned().map(Message::tool));
                (
                    plan.documents.iter().map(document_view).collect(),
                    plan.pack_name.clone(),
                )
            }
            _ => (Vec::new(), String::new()),
        };
        let groups = form::MUNICIPALITY
            .iter()
            .map(|g| group_view(g, values, &mut notes))
            .collect();
        let sections = values.sections();
        let members = (0..values.members())
            .map(|i| {
                let prefix = form::member_prefix(i);
                let name = values.get(&format!("{prefix}.name"));
                GroupView {
                    id: "medlem",
                    legend: format!("Medlem {}: {name}", i + 1),
                    fields: sections
                        .member_fields()
                        .map(|f| field_view(&prefix, f, values, &mut notes))
                        .collect(),
                    member: Some(i),
                }
            })
            .collect();
        let model = model_view(values, &mut notes);
        let add_member = notes.field(
            form::MEMBERS,
            "Legg til en kommune fra registeret",
            "Skriv navnet eller kommunenummeret og velg fra listen.",
            Input::Text,
            String::new(),
        );
        let after = values
            .cooperation_groups()
            .into_iter()
            .chain(form::DATES)
            .chain(values.sami_group())
            .map(|g| group_view(g, values, &mut notes))
            .collect();
        let checked = !matches!(outcome, Outcome::Unchecked);
        ProfileView {
            source,
            checked,
            valid: matches!(outcome, Outcome::Valid { .. }),
            focus: (checked && !notes.summary.is_empty()).then(|| "feiloppsummering".to_owned()),
            summary: notes.summary,
            general_warnings,
            groups,
            model,
            show_members: sections.members,
            members,
            add_member,
            after,
            documents,
            pack_name,
            register: register_options(),
        }
    }
}

impl ProfileView {
    /// Shows why the member could not be added, at the field that adds members.
    pub(super) fn add_member_error(&mut self, error: &str) {
        let field = &mut self.add_member;
        let message = Message::page(error.to_owned());
        field.errors.push(message.clone());
        // The validator may already have put an error there, with its id.
        let error_id = format!("{}-feil", field.id);
        if !field.described_by.split(' ').any(|id| id == error_id) {
            field.described_by = format!("{} {error_id}", field.described_by);
        }
        self.summary.push(SummaryItem {
            href: Some(format!("#{}", field.id)),
            message,
        });
        self.focus = Some("feiloppsummering".to_owned());
    }
}

/// The problems and warnings of the form, by the field they belong to.
#[derive(Default)]
struct Notes {
    errors: std::collections::HashMap<String, Vec<Message>>,
    warnings: std::collections::HashMap<String, Vec<Message>>,
    summary: Vec<SummaryItem>,
    general_warnings: Vec<Message>,
}

/// The validator's message, with its hint where it has one, exactly as `validate` words them.
fn text_of(p: &Problem) -> Message {
    Message::tool(match &p.hint {
        Some(hint) => format!("{} (hint: {hint})", p.message),
        None => p.message.clone(),
    })
}

impl Notes {
    fn problem(&mut self, p: &Problem, visible: &[String]) {
        let text = text_of(p);
        match form::field_for(&p.path, visible) {
            Some(field) => {
                self.summary.push(SummaryItem {
                    href: Some(format!("#{}", form::field_id(&field))),
                    message: text.clone(),
                });
                self.errors.entry(field).or_default().push(text);
            }
            None => self.summary.push(SummaryItem {
                href: None,
                message: Message::tool(format!("{}: {}", p.path, text.text)),
            }),
        }
    }

    fn warning(&mut self, w: &Problem, visible: &[String]) {
        let text = text_of(w);
        match form::field_for(&w.path, visible) {
            Some(field) => self.warnings.entry(field).or_default().push(text),
            None => self.general_warnings.push(text),
        }
    }

    fn field(
        &mut self,
        path: &str,
        label: &'static str,
        help: &'static str,
        input: Input,
        value: String,
    ) -> FieldView {
        let id = form::field_id(path);
        let errors = self.errors.remove(path).unwrap_or_default();
        let warnings = self.warnings.remove(path).unwrap_or_default();
        let mut described_by = Vec::new();
        if !help.is_empty() {
            described_by.push(format!("{id}-hjelp"));
        }
        if !errors.is_empty() {
            described_by.push(format!("{id}-feil"));
        }
        if !warnings.is_empty() {
            described_by.push(format!("{id}-varsel"));
        }
        FieldView {
            choices: choices(input, &value),
            id,
            name: path.to_owned(),
            label,
            help,
            input,
            value,
            errors,
            warnings,
            described_by: described_by.join(" "),
        }
    }
}

fn field_view(prefix: &str, f: &Field, values: &Values, notes: &mut Notes) -> FieldView {
    let path = format!("{prefix}.{}", f.key);
    let value = values.get(&path).to_owned();
    notes.field(&path, f.label, f.help, f.input, value)
}

fn group_view(g: &Group, values: &Values, notes: &mut Notes) -> GroupView {
    GroupView {
        id: g.id,
        legend: g.legend.to_owned(),
        fields: g
            .fields
            .iter()
            .map(|f| field_view(g.prefix, f, values, notes))
            .collect(),
        member: None,
    }
}

fn model_view(values: &Values, notes: &mut Notes) -> FieldView {
    let mut view = notes.field(
        form::MODEL,
        "Samarbeidsmodell",
        "",
        Input::Text,
        values.get(form::MODEL).to_owned(),
    );
    let chosen = values.model();
    view.choices = CooperationModel::ALL
        .iter()
        .zip(MODEL_HELP)
        .map(|(m, help)| Choice {
            value: m.to_string(),
            label: capitalised(crate::plan::rules_of(*m).name(Language::Nb)),
            help,
            selected: *m == chosen,
        })
        .collect();
    view
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The options of a select; a value the form does not offer (from an uploaded file) is
/// kept as an option of its own, so that it is shown as written.
fn choices(input: Input, value: &str) -> Vec<Choice> {
    // The default order, written out in a file, is the default option.
    let value = match (input, value) {
        (Input::SamiOrder, "sami_first") => "",
        _ => value,
    };
    let options: &[(&str, &str)] = match input {
        Input::Language => &[("nb", "Bokmål"), ("nn", "Nynorsk")],
        Input::YesNo => &[("false", "Nei"), ("true", "Ja")],
        Input::LegalForm => &[
            ("", "Velg rettsform"),
            (
                "oppgavefellesskap",
                "Kommunalt oppgavefellesskap (kommuneloven kapittel 19)",
            ),
            ("iks", "Interkommunalt selskap (IKS)"),
            (
                "paragraph_27",
                "§ 27-styre etter kommuneloven 1992 (overgangsperiode)",
            ),
        ],
        Input::BoardRole => &[
            ("", "Standard"),
            ("members", "Hver kommune"),
            ("board", "Organet"),
        ],
        Input::SamiOrder => &[
            ("", "Samisk først (standard)"),
            ("norwegian_first", "Norsk først"),
        ],
        _ => return Vec::new(),
    };
    let mut list: Vec<Choice> = options
        .iter()
        .map(|(v, label)| Choice {
            value: (*v).to_owned(),
            label: (*label).to_owned(),
            help: "",
            selected: *v == value,
        })
        .collect();
    if !value.is_empty() && !options.iter().any(|(v, _)| *v == value) {
        list.push(Choice {
            value: value.to_owned(),
            label: value.to_owned(),
            help: "",
            selected: true,
        });
    }
    list
}

/// A document's Norwegian title and whom it is for.
fn document_view(job: &DocumentJob) -> DocumentView {
    use crate::plan::DocumentKind as K;
    let title = match job.kind {
        K::Databehandleravtale => "Databehandleravtale",
        K::Samarbeidsavtale => "Samarbeidsavtale",
        K::Pvk => "Personvernkonsekvensvurdering (PVK)",
        K::Informasjonsbrev => "Informasjonsbrev til innbyggere",
        K::Nyhetssak => "Tekst til kommunens nettside",
        K::Sjekkliste => "Plan for påkobling og sjekkliste",
    };
    let whom = if job.kind.is_agreement() {
        job.party.organisation.name.clone()
    } else {
        job.municipality.organisation().name
    };
    DocumentView {
        stem: job.file_stem.clone(),
        title: format!("{title}, {whom}"),
    }
}

/// The municipality `query` names: a kommunenummer (as the type-ahead writes it, followed
/// by the name) or a Norwegian, Sami or Kven name.
pub(super) fn find_municipality(query: &str) -> Result<Entry, String> {
    let query = query.trim();
    if query.is_empty() {
        return Err("Skriv navnet eller kommunenummeret til kommunen.".into());
    }
    let digits: String = query.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return crate::profile::MunicipalityNumber::parse(&digits)
            .and_then(|n| crate::register::find(&n))
            .ok_or_else(|| format!("Kommunenummer {digits} finnes ikke i kommuneregisteret. Et kommunenummer har fire sifre, for eksempel 3201."));
    }
    let wanted = query.to_lowercase();
    let names = |e: &Entry| {
        std::iter::once(e.name.to_lowercase())
            .chain(e.parallel_names.split(';').map(|n| n.trim().to_lowercase()))
            .collect::<Vec<_>>()
    };
    let entries: Vec<Entry> = crate::register::entries().collect();
    let exact: Vec<&Entry> = entries
        .iter()
        .filter(|e| names(e).contains(&wanted))
        .collect();
    let found = if exact.is_empty() {
        entries
            .iter()
            .filter(|e| names(e).iter().any(|n| n.starts_with(&wanted)))
            .collect()
    } else {
        exact
    };
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(format!(
            "Fant ingen kommune som heter «{query}». Skriv navnet slik det står i listen, eller kommunenummeret."
        )),
        many => Err(format!(
            "Flere kommuner passer: {}. Velg én fra listen, eller skriv kommunenummeret.",
            many.iter()
                .map(|e| format!("{} {}", e.number, e.name))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_about_the_forms_own_yaml_loses_its_line_numbers() {
        let w = "profil.yaml:26:8: the host agreement's date is not given";
        assert_eq!(
            without_location(w, &None),
            "the host agreement's date is not given"
        );
        let uploaded = Some("baerum.yaml".to_owned());
        assert_eq!(without_location(w, &uploaded), w);
        assert_eq!(
            without_location("no location: here", &None),
            "no location: here"
        );
    }

    #[test]
    fn a_municipality_is_found_by_number_name_or_sami_name() {
        assert_eq!(find_municipality("3201 Bærum").unwrap().name, "Bærum");
        assert_eq!(find_municipality("bærum").unwrap().number, "3201");
        assert_eq!(
            find_municipality("Guovdageaidnu").unwrap().name,
            "Kautokeino"
        );
        assert!(find_municipality("9999").is_err());
        assert!(find_municipality("Nowhere").is_err());
        // "Ås" is a name of its own and the start of others: the exact name wins.
        assert_eq!(find_municipality("Ås").unwrap().name, "Ås");
    }
}

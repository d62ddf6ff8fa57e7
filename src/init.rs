//! `init`: a commented profile to start from, pre-filled from the municipality register.

use crate::profile::{CooperationModel, Language, MunicipalityNumber};
use crate::register::{self, Entry};
use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

/// What to pre-fill.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The municipality's kommunenummer (the host in cooperations).
    pub kommune: String,
    /// The cooperation model.
    pub model: CooperationModel,
    /// Members' kommunenummer.
    pub members: Vec<String>,
    /// The written standard of the documents and of the comments; `None` takes the
    /// municipality's own decision from the register.
    pub language: Option<Language>,
    /// Today, from which the suggested dates are counted.
    pub today: NaiveDate,
    /// The file name the instructions in the comments use.
    pub file_name: String,
}

/// Why no profile could be made.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The number is not four digits or not in the register.
    #[error("kommunenummer `{0}` is not in the municipality register (2026)")]
    Unknown(String),
    /// A model that takes members was given none, or `single` was given some.
    #[error("{0}")]
    Members(String),
    /// The built-in template failed.
    #[error("the built-in profile template failed")]
    Template(#[source] tera::Error),
}

#[derive(Serialize)]
struct Context {
    file: String,
    name: String,
    name_yaml: String,
    number: String,
    org_number_yaml: String,
    org_missing: bool,
    county_yaml: String,
    population: u32,
    language: &'static str,
    /// Where the language comes from: `given`, `nb`, `nn`, `noytral` or `none`.
    language_source: &'static str,
    nav_office_yaml: String,
    model: &'static str,
    model_comment: &'static str,
    members: Vec<MemberContext>,
    signing_members: bool,
    /// Each member is controller: it names its own contact and data protection officer.
    members_control: bool,
    board: bool,
    /// A municipality of the pack is in the Sami language area: the `sami:` key is shown.
    sami_area: bool,
    connection_date: NaiveDate,
    documents_date: NaiveDate,
}

#[derive(Serialize)]
struct MemberContext {
    name_yaml: String,
    number: String,
    org_number_yaml: String,
    org_missing: bool,
    population: u32,
    language: &'static str,
}

fn find(number: &str) -> Result<Entry, InitError> {
    MunicipalityNumber::parse(number)
        .and_then(|n| register::find(&n))
        .ok_or_else(|| InitError::Unknown(number.to_owned()))
}

/// A YAML string literal: JSON's double-quoted strings are valid YAML.
fn yaml(text: &str) -> String {
    serde_json::to_string(text).expect("serialising a string to JSON cannot fail")
}

fn org_number(e: &Entry) -> (String, bool) {
    if e.org_number.is_empty() {
        (yaml("FYLL UT"), true)
    } else {
        (yaml(&e.org_number), false)
    }
}

/// The written standard for `entry`'s documents, and where it comes from (for the
/// profile's comment): the one given, else the municipality's own decision (*språkvedtak*),
/// with bokmål for a neutral municipality.
fn language_of(entry: &Entry, given: Option<Language>) -> (Language, &'static str) {
    use crate::register::LanguageDecision;
    match (given, entry.language_decision) {
        (Some(l), _) => (l, "given"),
        (None, Some(LanguageDecision::Nb)) => (Language::Nb, "nb"),
        (None, Some(LanguageDecision::Nn)) => (Language::Nn, "nn"),
        (None, Some(LanguageDecision::Neutral)) => (Language::Nb, "noytral"),
        (None, None) => (Language::Nb, "none"),
    }
}

/// The commented profile, as YAML.
pub fn profile(options: &InitOptions) -> Result<String, InitError> {
    let host = find(&options.kommune)?;
    let members: Vec<Entry> = options
        .members
        .iter()
        .map(|n| find(n))
        .collect::<Result<_, _>>()?;
    check_members(options.model, &members)?;
    let (language, language_source) = language_of(&host, options.language);
    let (connection_date, documents_date) = suggested_dates(options.today);
    let rules = crate::plan::rules_of(options.model);
    let (org_number_yaml, org_missing) = org_number(&host);
    let context = Context {
        file: options.file_name.clone(),
        name: host.name.clone(),
        name_yaml: yaml(&host.name),
        number: host.number.clone(),
        org_number_yaml,
        org_missing,
        county_yaml: yaml(&host.county),
        population: host.population,
        language: language.code(),
        language_source,
        nav_office_yaml: yaml(&format!("NAV {}", host.name)),
        model: options.model.key(),
        model_comment: rules.name(language),
        members: members.iter().map(member).collect(),
        signing_members: rules.signs == crate::plan::Role::Own,
        members_control: matches!(
            options.model,
            CooperationModel::HostWithoutTransfer | CooperationModel::Board
        ),
        board: options.model == CooperationModel::Board,
        sami_area: host.sami_language.is_some()
            || members.iter().any(|m| m.sami_language.is_some()),
        connection_date,
        documents_date,
    };
    render(&context, language)
}

/// Refuses members for a `single` municipality and a host model without members, before
/// anything is written: the user learns it here, with the flag that fixes it, rather than
/// from a profile that does not describe the cooperation.
fn check_members(model: CooperationModel, members: &[Entry]) -> Result<(), InitError> {
    match (model, members.is_empty()) {
        (CooperationModel::Single, false) => Err(InitError::Members(
            "a `single` municipality has no members; choose a host model or board".into(),
        )),
        (CooperationModel::HostWithTransfer | CooperationModel::HostWithoutTransfer, true) => {
            Err(InitError::Members(format!(
                "the model `{model}` needs the other municipalities: add --member NNNN for each"
            )))
        }
        _ => Ok(()),
    }
}

/// A suggestion the user is told to check: the connection eight weeks ahead on a Monday,
/// the documents four weeks before. At the end of the calendar the dates stay put rather
/// than fail: the user replaces them anyway.
fn suggested_dates(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let ahead = today.checked_add_days(Days::new(56)).unwrap_or(today);
    let to_monday = (7 - ahead.weekday().num_days_from_monday()) % 7;
    let connection_date = ahead
        .checked_add_days(Days::new(u64::from(to_monday)))
        .unwrap_or(ahead);
    let documents_date = connection_date
        .checked_sub_days(Days::new(28))
        .unwrap_or(connection_date);
    (connection_date, documents_date)
}

/// A member's entry; its language is its own decision, since each member's documents are
/// written in its own standard.
fn member(m: &Entry) -> MemberContext {
    let (org_number_yaml, org_missing) = org_number(m);
    MemberContext {
        name_yaml: yaml(&m.name),
        number: m.number.clone(),
        org_number_yaml,
        org_missing,
        population: m.population,
        language: language_of(m, None).0.code(),
    }
}

/// Fills the built-in profile template of `language`, whose comments are in that standard.
fn render(context: &Context, language: Language) -> Result<String, InitError> {
    let name = format!("{}/profil.yaml.tera", language.code());
    let template = crate::assets::PROFILE_TEMPLATES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .expect("a profile template is built in for every written standard");
    let context = tera::Context::from_serialize(context).map_err(InitError::Template)?;
    tera::Tera::one_off(template, &context, false).map_err(InitError::Template)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    #[test]
    fn the_suggested_connection_is_a_monday_eight_weeks_ahead_with_documents_four_weeks_before() {
        for day in 1..=7 {
            let today = NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
            let (connection, documents) = suggested_dates(today);
            assert_eq!(connection.weekday(), Weekday::Mon, "{today}");
            assert!(
                (56..63).contains(&(connection - today).num_days()),
                "{today}"
            );
            assert_eq!((connection - documents).num_days(), 28, "{today}");
        }
    }

    #[test]
    fn members_must_fit_the_model() {
        let bærum = find("3201").unwrap();
        assert!(check_members(CooperationModel::Single, &[]).is_ok());
        assert!(check_members(CooperationModel::Single, std::slice::from_ref(&bærum)).is_err());
        assert!(check_members(CooperationModel::HostWithTransfer, &[]).is_err());
        assert!(check_members(CooperationModel::HostWithoutTransfer, &[bærum]).is_ok());
    }
}

//! Things worth knowing about a valid profile: where it disagrees with the municipality
//! register, and fields that still hold the placeholders `init` writes. The profile wins;
//! these never stop a pack.

use super::Problem;
use super::model::{Cooperation, Language, MunicipalityNumber, OrgNumber};
use super::position::Positions;
use super::raw;
use crate::register;

/// The marker `init` writes into every field the user must fill in.
pub const PLACEHOLDER: &str = "FYLL UT";

/// The municipality-level facts checked against the register.
struct Facts<'a> {
    path: String,
    name: &'a str,
    number: &'a MunicipalityNumber,
    org_number: &'a OrgNumber,
    county: Option<&'a str>,
    population: u32,
    language: Language,
}

/// Warnings for a profile that passed validation.
pub fn check(
    file: &raw::ProfileFile,
    validated: &super::model::Profile,
    positions: &Positions,
) -> Vec<Problem> {
    let mut warnings = Vec::new();
    let mut warn = |path: &str, message: String, hint: &str| {
        warnings.push(Problem {
            path: path.to_owned(),
            location: positions.value(path),
            message,
            hint: Some(hint.to_owned()),
        });
    };

    let m = &validated.municipality;
    let mut facts = vec![Facts {
        path: "municipality".into(),
        name: &m.name,
        number: &m.number,
        org_number: &m.org_number,
        county: Some(&m.county),
        population: m.population,
        language: m.language,
    }];
    let members = validated.cooperation.members();
    for (i, member) in members.iter().enumerate() {
        facts.push(Facts {
            path: format!("cooperation.members[{i}]"),
            name: &member.name,
            number: &member.number,
            org_number: &member.org_number,
            county: None,
            population: member.population,
            language: member.language,
        });
    }
    for f in facts {
        let Some(entry) = register::find(f.number) else {
            warn(
                &format!("{}.number", f.path),
                format!(
                    "kommunenummer {} is not in the municipality register (2026)",
                    f.number
                ),
                "check the number; municipalities merged or renumbered since 2024 have new numbers",
            );
            continue;
        };
        if entry.name != f.name {
            warn(
                &format!("{}.name", f.path),
                format!(
                    "the register names kommune {} `{}`, the profile `{}`",
                    f.number, entry.name, f.name
                ),
                "check the spelling; the profile's name is used",
            );
        }
        if entry.org_number.is_empty() {
            warn(
                &format!("{}.org_number", f.path),
                format!(
                    "the register has no organisation number for {} (kommune {}), so `{}` cannot be checked against it",
                    entry.name,
                    f.number,
                    f.org_number.grouped()
                ),
                "confirm the number in Enhetsregisteret (brreg.no)",
            );
        } else if entry.org_number != f.org_number.as_str() {
            warn(
                &format!("{}.org_number", f.path),
                format!(
                    "the register gives {} the organisation number {}, the profile {}",
                    entry.name,
                    entry.org_number,
                    f.org_number.grouped()
                ),
                "confirm the number in Enhetsregisteret (brreg.no); the profile's number is used",
            );
        }
        if let Some(county) = f.county.filter(|c| *c != entry.county) {
            warn(
                &format!("{}.county", f.path),
                format!(
                    "the register places {} in {}, the profile in {county}",
                    entry.name, entry.county
                ),
                "check the county; the profile's is used",
            );
        }
        let (register_population, profile_population) =
            (f64::from(entry.population), f64::from(f.population));
        if (profile_population - register_population).abs() > register_population * 0.10 {
            warn(
                &format!("{}.population", f.path),
                format!(
                    "{} inhabitants differs by more than 10% from the register's {} (1 January 2026)",
                    f.population, entry.population
                ),
                "check the number; it decides the connection fee",
            );
        }
        if let Some(decision) = entry
            .language_decision
            .filter(|d| d.contradicts(f.language))
        {
            let standard = |l: Language| l.pick("bokmål", "nynorsk");
            warn(
                &format!("{}.language", f.path),
                format!(
                    "{} has decided on {} (språkvedtak), but the profile writes its documents in {}; språklova § 15 binds the Directorate to the municipality's decision",
                    entry.name,
                    standard(decision.language()),
                    standard(f.language)
                ),
                &format!(
                    "write `language: {}`, unless the council has changed its decision",
                    decision.language().code()
                ),
            );
        }
    }

    cooperation_warnings(validated, &mut warn);

    // Every text the profile still has from `init`'s placeholders.
    let yaml = serde_yaml::to_value(file).unwrap_or(serde_yaml::Value::Null);
    let mut placeholders = Vec::new();
    find_placeholders(&yaml, String::new(), &mut placeholders);
    for path in placeholders {
        warn(
            &path,
            format!("`{path}` still holds the placeholder «{PLACEHOLDER}» from init"),
            "replace it with the real value before the documents are sent",
        );
    }
    warnings
}

/// What a cooperation's profile leaves out that its documents then mark as missing.
fn cooperation_warnings(
    validated: &super::model::Profile,
    warn: &mut impl FnMut(&str, String, &str),
) {
    let members_control = match &validated.cooperation {
        Cooperation::HostWithTransfer { .. } => {
            if validated
                .host_agreement
                .as_ref()
                .is_none_or(|a| a.date.is_none() || a.clause.is_none())
            {
                warn(
                    "cooperation.agreement",
                    "the host agreement's date and clause are not given: the agreements mark them as missing".into(),
                    "add `agreement: { date: YYYY-MM-DD, clause: \"punkt N\" }` under `cooperation`, naming the clause that transfers controllership",
                );
            }
            false
        }
        Cooperation::HostWithoutTransfer { .. } => true,
        Cooperation::Board { board, .. } => !board.legal_form.can_decide_applications(),
        Cooperation::Single => false,
    };
    if !members_control {
        return;
    }
    for (i, m) in validated.cooperation.members().iter().enumerate() {
        if m.privacy_officer.is_none() {
            warn(
                &format!("cooperation.members[{i}]"),
                format!(
                    "{} is controller for its residents but has no `privacy_officer`: its agreements and DPIA mark the data protection officer as missing",
                    m.name
                ),
                "add `privacy_officer: { name: …, email: … }` to the member",
            );
        }
    }
}

fn find_placeholders(value: &serde_yaml::Value, path: String, out: &mut Vec<String>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        serde_yaml::Value::String(s)
            if s.to_uppercase().contains(PLACEHOLDER) || s.contains("fyll-ut") =>
        {
            out.push(path)
        }
        serde_yaml::Value::Mapping(m) => {
            for (k, v) in m {
                if let Some(k) = k.as_str() {
                    find_placeholders(v, join(k), out);
                }
            }
        }
        serde_yaml::Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                find_placeholders(v, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

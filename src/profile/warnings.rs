//! Things worth knowing about a valid profile: where it disagrees with the municipality
//! register, and fields that still hold the placeholders `init` writes. The profile wins;
//! these never stop a pack.

use super::Problem;
use super::model::{Cooperation, Language, MunicipalityNumber, OpeningHours, OrgNumber};
use super::position::Positions;
use super::raw;
use crate::register;

/// The marker `init` writes into every field the user must fill in.
pub(crate) const PLACEHOLDER: &str = "FYLL UT";

/// The municipality-level facts checked against the register: the host's and each
/// member's. Only the host's county is in the profile.
struct Facts<'a> {
    path: String,
    name: &'a str,
    number: &'a MunicipalityNumber,
    org_number: &'a OrgNumber,
    county: Option<&'a str>,
    population: u32,
    language: Language,
}

/// Warnings for a profile that passed validation, in this order: each municipality
/// against the register, what a cooperation leaves out, then leftover placeholders.
pub(crate) fn check(
    file: &raw::ProfileFile,
    validated: &super::model::Profile,
    positions: &Positions,
) -> Vec<Problem> {
    let mut warnings = Warnings {
        positions,
        list: Vec::new(),
    };
    for f in facts(validated) {
        warnings.against_register(&f);
    }
    warnings.cooperation(validated);
    warnings.opening_hours(validated);
    warnings.placeholders(file);
    warnings.list
}

/// The host first, then the members in the order the profile lists them.
fn facts(validated: &super::model::Profile) -> Vec<Facts<'_>> {
    let m = &validated.municipality;
    let host = Facts {
        path: "municipality".into(),
        name: &m.name,
        number: &m.number,
        org_number: &m.org_number,
        county: Some(&m.county),
        population: m.population,
        language: m.language,
    };
    let members = validated
        .cooperation
        .members()
        .iter()
        .enumerate()
        .map(|(i, member)| Facts {
            path: format!("cooperation.members[{i}]"),
            name: &member.name,
            number: &member.number,
            org_number: &member.org_number,
            county: None,
            population: member.population,
            language: member.language,
        });
    std::iter::once(host).chain(members).collect()
}

/// Collects warnings, each located like a validation problem and always with a hint.
struct Warnings<'a> {
    positions: &'a Positions,
    list: Vec<Problem>,
}

impl Warnings<'_> {
    fn warn(&mut self, path: &str, message: String, hint: &str) {
        self.list.push(Problem {
            path: path.to_owned(),
            location: self.positions.value(path),
            message,
            hint: Some(hint.to_owned()),
        });
    }

    /// Where `f` disagrees with the register. A number the register lacks says nothing
    /// about the other fields, so they are only compared once the entry is found.
    fn against_register(&mut self, f: &Facts) {
        let Some(entry) = register::find(f.number) else {
            self.warn(
                &format!("{}.number", f.path),
                format!(
                    "kommunenummer {} is not in the municipality register (2026)",
                    f.number
                ),
                "check the number; municipalities merged or renumbered since 2024 have new numbers",
            );
            return;
        };
        if entry.name != f.name {
            self.warn(
                &format!("{}.name", f.path),
                format!(
                    "the register names kommune {} `{}`, the profile `{}`",
                    f.number, entry.name, f.name
                ),
                "check the spelling; the profile's name is used",
            );
        }
        self.org_number(f, &entry);
        if let Some(county) = f.county.filter(|c| *c != entry.county) {
            self.warn(
                &format!("{}.county", f.path),
                format!(
                    "the register places {} in {}, the profile in {county}",
                    entry.name, entry.county
                ),
                "check the county; the profile's is used",
            );
        }
        self.population(f, &entry);
        self.language(f, &entry);
    }

    /// The register lacks a few organisation numbers; then the profile's is unconfirmed
    /// rather than wrong.
    fn org_number(&mut self, f: &Facts, entry: &register::Entry) {
        if entry.org_number.is_empty() {
            self.warn(
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
            self.warn(
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
    }

    /// Populations change yearly, so only a difference above 10 % (likely a typing slip,
    /// and it moves the fee) is worth a warning.
    fn population(&mut self, f: &Facts, entry: &register::Entry) {
        let (register_population, profile_population) =
            (f64::from(entry.population), f64::from(f.population));
        if (profile_population - register_population).abs() > register_population * 0.10 {
            self.warn(
                &format!("{}.population", f.path),
                format!(
                    "{} inhabitants differs by more than 10% from the register's {} (1 January 2026)",
                    f.population, entry.population
                ),
                "check the number; it decides the connection fee",
            );
        }
    }

    /// A written standard against the council's recorded decision (språkvedtak).
    fn language(&mut self, f: &Facts, entry: &register::Entry) {
        let Some(decision) = entry
            .language_decision
            .filter(|d| d.contradicts(f.language))
        else {
            return;
        };
        let standard = |l: Language| l.pick("bokmål", "nynorsk");
        self.warn(
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

    /// Every text the profile still has from `init`'s placeholders.
    fn placeholders(&mut self, file: &raw::ProfileFile) {
        let yaml = serde_yaml::to_value(file).unwrap_or(serde_yaml::Value::Null);
        let mut placeholders = Vec::new();
        find_placeholders(&yaml, String::new(), &mut placeholders);
        for path in placeholders {
            self.warn(
                &path,
                format!("`{path}` still holds the placeholder «{PLACEHOLDER}» from init"),
                "replace it with the real value before the documents are sent",
            );
        }
    }
}

impl Warnings<'_> {
    /// What a cooperation's profile leaves out that its documents then mark as missing:
    /// the host agreement's citation under transfer, and the data protection officer of
    /// every member that stays controller.
    /// What a cooperation's profile leaves open that its documents then mark or assume.
    fn cooperation(&mut self, validated: &super::model::Profile) {
        match &validated.cooperation {
            Cooperation::HostWithTransfer { .. }
                if validated
                    .host_agreement
                    .as_ref()
                    .is_none_or(|a| a.date.is_none() || a.clause.is_none()) =>
            {
                self.warn(
                    "cooperation.agreement",
                    "the host agreement's date and clause are not given: the agreements mark them as missing".into(),
                    "add `agreement: { date: YYYY-MM-DD, clause: \"punkt N\" }` under `cooperation`, naming the clause that transfers controllership",
                );
            }
            // One office serves every member, but the body cannot decide their applications:
            // the documents assume each member's cases are decided on its own authority.
            Cooperation::Board { board, members }
                if !members.is_empty() && !board.legal_form.can_decide_applications() =>
            {
                self.warn(
                    "cooperation.board.legal_form",
                    format!(
                        "{} cannot decide applications, and one office ({}) serves every member: the documents assume each member's applications are decided by staff acting on that municipality's behalf (its own employees, or by delegation under kommuneloven kapittel 20)",
                        board.name, validated.nav_office.name
                    ),
                    "if the host municipality's staff decide the other members' applications, the cooperation is a host cooperation: use host_with_transfer or host_without_transfer",
                );
            }
            _ => {}
        }
    }
}

impl Warnings<'_> {
    /// One text of opening hours is written in one standard, so letters in the other
    /// standard would carry it as written ("mandag" in a nynorsk letter).
    fn opening_hours(&mut self, validated: &super::model::Profile) {
        let Some(OpeningHours::One(text)) = &validated.nav_office.opening_hours else {
            return;
        };
        let facts = facts(validated);
        let standards = [Language::Nb, Language::Nn]
            .map(|language| facts.iter().any(|f| f.language == language));
        if standards == [true, true] {
            self.warn(
                "nav_office.opening_hours",
                format!("the opening hours are one text («{text}») for letters in bokmål and in nynorsk"),
                "give one text per written standard: `opening_hours: { nb: \"mandag–fredag …\", nn: \"måndag–fredag …\" }`",
            );
        }
    }
}

/// Whether `value` still holds a placeholder `init` wrote (the marker, or its e-mail
/// address `fyll-ut@fyll-ut.invalid`).
pub(crate) fn is_placeholder(value: &str) -> bool {
    value.to_uppercase().contains(PLACEHOLDER) || value.contains("fyll-ut")
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
        serde_yaml::Value::String(s) if is_placeholder(s) => out.push(path),
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

//! Reference data: the Directorate's details, prices, addresses and links.
//!
//! These change on their own schedule, so they live in one YAML file, `data/reference.yaml`,
//! built into the binary and replaceable with `--reference FILE`. Everything the Directorate
//! or KS knows about the processing is here too, each fact either confirmed with its source
//! or unknown: an unknown fact is printed as unknown and makes the agreements drafts.

use crate::profile::{Language, OrgNumber};
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The reference data every document may cite.
#[derive(Debug, Clone)]
pub struct Reference {
    /// Arbeids- og velferdsdirektoratet, the processor and counterparty.
    pub directorate: Directorate,
    /// Prices with the date they were valid from.
    pub prices: Prices,
    /// Links residents are given.
    pub urls: Urls,
    /// E-mail addresses.
    pub emails: Emails,
    /// NAV Kontaktsenter's phone number.
    pub kontaktsenter_phone: String,
    /// Where agreements are signed, e.g. Mercell.
    pub signing_channel: String,
    /// How the brand is written in running text ("Nav"; older texts "NAV").
    pub nav_brand: String,
    /// The reference date of the register's populations (SSB, 1 January).
    pub population_date: NaiveDate,
    /// Facts about the processing on nav.no that only the Directorate can confirm.
    pub processing: Processing,
    /// The Directorate's sub-processors.
    pub sub_processors: SubProcessors,
    /// Bodies in the data flow that are controllers in their own right.
    pub third_parties: Vec<ThirdParty>,
    /// Terms the tool proposes where the handbook is silent.
    pub terms: Terms,
    /// The marker printed for an unknown fact.
    pub unknown: Localized,
    /// SHA-256 of the file's text, so a pack records which reference data made it.
    pub sha256: String,
}

/// A text in bokmål and nynorsk, or one text for both.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Localized {
    /// The same in both standards (a name, a number).
    Same(String),
    /// One text per standard.
    Both {
        /// Bokmål.
        nb: String,
        /// Nynorsk.
        nn: String,
    },
}

impl Localized {
    /// The text in `language`.
    pub fn get(&self, language: Language) -> &str {
        match self {
            Localized::Same(text) => text,
            Localized::Both { nb, nn } => language.pick(nb, nn),
        }
    }
}

/// A fact about the processing: confirmed (`value` with its source) or unknown.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// What the fact is, as the draft list names it.
    pub label: Localized,
    /// The confirmed fact, or `None` while it is unknown.
    pub value: Option<Localized>,
    /// Where the fact comes from, or who must give it.
    pub source: String,
}

/// The facts about nav.no's processing an agreement states.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Processing {
    /// Where the data are processed: country and operator.
    pub location: Fact,
    /// How long nav.no keeps applications, attachments and drafts.
    pub retention: Fact,
    /// The Directorate's data protection officer.
    pub directorate_dpo: Fact,
    /// Encryption between nav.no and FIKS, in transit and at rest.
    pub encryption: Fact,
    /// How long FIKS (KS) keeps delivered applications.
    pub fiks_retention: Fact,
    /// How long backups keep deleted data.
    pub backups: Fact,
}

impl Processing {
    /// The facts the agreements with the Directorate rely on: while one is unknown, they
    /// are drafts. (FIKS belongs to the municipality's own agreements with KS.)
    pub(crate) fn for_agreements(&self) -> [(&'static str, &Fact); 5] {
        [
            ("location", &self.location),
            ("retention", &self.retention),
            ("directorate_dpo", &self.directorate_dpo),
            ("encryption", &self.encryption),
            ("backups", &self.backups),
        ]
    }

    /// Every fact with its template name, in the order documents list them.
    pub fn all(&self) -> [(&'static str, &Fact); 6] {
        [
            ("location", &self.location),
            ("retention", &self.retention),
            ("directorate_dpo", &self.directorate_dpo),
            ("encryption", &self.encryption),
            ("fiks_retention", &self.fiks_retention),
            ("backups", &self.backups),
        ]
    }
}

/// The Directorate's sub-processors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubProcessors {
    /// Whether the Directorate has confirmed the list (an empty confirmed list means none).
    pub confirmed: bool,
    /// The date of the list.
    pub as_of: NaiveDate,
    /// Where the list comes from, or who must give it.
    pub source: String,
    /// What the draft list calls the missing list.
    pub label: Localized,
    /// The sub-processors.
    #[serde(default)]
    pub list: Vec<SubProcessor>,
}

/// One sub-processor.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SubProcessor {
    /// Its name.
    pub name: String,
    /// Its organisation number, or a foreign identifier.
    pub org_number: String,
    /// What it does.
    pub task: String,
    /// Where.
    pub location: String,
    /// The chapter V basis for a transfer outside the EU/EEA, or "ingen overføring".
    pub transfer_basis: String,
}

/// A body in the data flow that is a controller in its own right, not a sub-processor.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThirdParty {
    /// Its name.
    pub name: String,
    /// Its role in the flow.
    pub role: Localized,
}

/// A term the tool proposes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The term as printed ("24 timer").
    pub value: Localized,
    /// True while it is the tool's proposal rather than a term the Directorate has confirmed.
    pub assumed: bool,
    /// Why this value.
    pub basis: String,
}

/// The standard terms of the agreements.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    /// Deadline for the processor's notice of a personal data breach.
    pub breach_notice: Term,
    /// Deadline for the processor's assistance under art. 28(3)(e) and (f).
    pub assistance: Term,
    /// Notice period of the cooperation agreement.
    pub notice_period: Term,
    /// Deadline for deletion after the agreements end.
    pub exit_deletion: Term,
    /// Notice of planned downtime.
    pub downtime_notice: Term,
    /// The legal venue.
    pub venue: Term,
}

impl Terms {
    /// Every term with its template name.
    pub fn all(&self) -> [(&'static str, &Term); 6] {
        [
            ("breach_notice", &self.breach_notice),
            ("assistance", &self.assistance),
            ("notice_period", &self.notice_period),
            ("exit_deletion", &self.exit_deletion),
            ("downtime_notice", &self.downtime_notice),
            ("venue", &self.venue),
        ]
    }
}

/// The Directorate as a party.
#[derive(Debug, Clone)]
pub struct Directorate {
    /// Its name.
    pub name: String,
    /// Its organisation number.
    pub org_number: OrgNumber,
    /// Its postal address on one line.
    pub address: String,
    /// Whether the organisation number is confirmed; an unconfirmed one makes a draft.
    pub org_number_confirmed: bool,
    /// Who signs for it; an empty name leaves the line blank.
    pub signatory_name: String,
    /// The signatory's title.
    pub signatory_title: String,
}

/// Prices from the handbook's cost table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prices {
    /// The date the prices were stated.
    pub as_of: NaiveDate,
    /// Where they were stated.
    pub source: Localized,
    /// Municipalities with more inhabitants than this pay per inhabitant.
    pub connection_threshold: u32,
    /// The flat connection fee in NOK, excluding VAT.
    pub connection_flat_nok: u64,
    /// The fee per inhabitant in øre, excluding VAT.
    pub connection_per_inhabitant_ore: u64,
    /// SvarUt, per shipment, in øre.
    pub svarut_per_shipment_ore: u64,
    /// Innsyn, per indexed document per month, in øre.
    pub innsyn_per_document_month_ore: u64,
    /// Document storage, per GB per month, in øre.
    pub storage_per_gb_month_ore: u64,
    /// NAV's yearly running costs shared among municipalities, in NOK.
    pub nav_running_cost_per_year_nok: u64,
}

/// Links residents are given.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Urls {
    /// The application form.
    pub soknad: String,
    /// The information page.
    pub info: String,
    /// The explanatory film.
    pub video: String,
}

/// E-mail addresses named in the documents.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Emails {
    /// The Digisos team.
    pub digisos: String,
    /// NAV Kontaktsenter's case inbox.
    pub kontaktsenter: String,
    /// KS FIKS.
    pub fiks: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    directorate: RawDirectorate,
    prices: Prices,
    urls: Urls,
    emails: Emails,
    kontaktsenter_phone: String,
    signing_channel: String,
    nav_brand: String,
    population_date: NaiveDate,
    processing: Processing,
    sub_processors: SubProcessors,
    third_parties: Vec<ThirdParty>,
    terms: Terms,
    unknown: Localized,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDirectorate {
    name: String,
    org_number: String,
    org_number_confirmed: bool,
    address: String,
    signatory: RawSignatory,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSignatory {
    name: String,
    title: String,
}

/// Why the reference data could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    /// The file could not be read.
    #[error("cannot read the reference data {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The reason.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid reference data.
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl Reference {
    /// The reference data built into the binary.
    pub fn builtin() -> Result<Self, ReferenceError> {
        Self::parse(
            crate::assets::REFERENCE,
            Path::new("data/reference.yaml (built in)"),
        )
    }

    /// Reads reference data from `path`.
    pub fn load(path: &Path) -> Result<Self, ReferenceError> {
        let text = std::fs::read_to_string(path).map_err(|source| ReferenceError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text, path)
    }

    fn parse(text: &str, path: &Path) -> Result<Self, ReferenceError> {
        let invalid = |message: String| ReferenceError::Invalid {
            path: path.to_owned(),
            message,
        };
        // Its values reach the templates as a profile's do, and the characters that mark
        // values and literal text in a rendered template must not occur in one.
        if let Some((line, c)) = text.lines().enumerate().find_map(|(i, l)| {
            l.chars()
                .find(|&c| crate::typst_markup::is_reserved(c))
                .map(|c| (i + 1, c))
        }) {
            return Err(invalid(format!(
                "line {line}: the character U+{:04X} (Private Use Area) is reserved by \
                 digisos-pakke; remove it",
                u32::from(c)
            )));
        }
        let raw: RawReference = serde_yaml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let org_number = OrgNumber::parse(&raw.directorate.org_number).map_err(|_| {
            invalid(format!(
                "directorate.org_number `{}` is not a valid organisation number",
                raw.directorate.org_number
            ))
        })?;
        let sha256 = crate::pack::manifest::sha256(text.as_bytes());
        Ok(Reference {
            sha256,
            directorate: Directorate {
                name: raw.directorate.name,
                org_number,
                address: raw.directorate.address,
                org_number_confirmed: raw.directorate.org_number_confirmed,
                signatory_name: raw.directorate.signatory.name,
                signatory_title: raw.directorate.signatory.title,
            },
            prices: raw.prices,
            urls: raw.urls,
            emails: raw.emails,
            kontaktsenter_phone: raw.kontaktsenter_phone,
            signing_channel: raw.signing_channel,
            nav_brand: raw.nav_brand,
            population_date: raw.population_date,
            processing: raw.processing,
            sub_processors: raw.sub_processors,
            third_parties: raw.third_parties,
            terms: raw.terms,
            unknown: raw.unknown,
        })
    }

    /// The names of the facts not yet confirmed, for messages: `directorate.org_number`,
    /// `processing.location`, …, `sub_processors`.
    pub fn unconfirmed_keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        if !self.directorate.org_number_confirmed {
            keys.push("directorate.org_number".to_owned());
        }
        for (name, fact) in self.processing.for_agreements() {
            if fact.value.is_none() {
                keys.push(format!("processing.{name}"));
            }
        }
        if !self.sub_processors.confirmed {
            keys.push("sub_processors".to_owned());
        }
        keys
    }

    /// What `validate`, `generate` and `batch` say once while facts are unconfirmed.
    pub fn draft_warning(&self) -> Option<String> {
        let unconfirmed = self.unconfirmed_keys();
        (!unconfirmed.is_empty()).then(|| {
            format!(
                "the agreements are drafts («UTKAST – ikke for signering» on every page, with a list of what is missing) until the reference data confirm: {}",
                unconfirmed.join(", ")
            )
        })
    }

    /// What the agreements rely on that is not confirmed, in `language`: while this is not
    /// empty, every agreement is a draft.
    pub fn unconfirmed(&self, language: Language) -> Vec<String> {
        let mut missing = Vec::new();
        if !self.directorate.org_number_confirmed {
            missing.push(
                language
                    .pick(
                        "Arbeids- og velferdsdirektoratets organisasjonsnummer",
                        "organisasjonsnummeret til Arbeids- og velferdsdirektoratet",
                    )
                    .to_owned(),
            );
        }
        for (_, fact) in self.processing.for_agreements() {
            if fact.value.is_none() {
                missing.push(fact.label.get(language).to_owned());
            }
        }
        if !self.sub_processors.confirmed {
            missing.push(self.sub_processors.label.get(language).to_owned());
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_builtin_reference_data_is_valid() {
        let r = super::Reference::builtin().expect("built-in reference data");
        assert_eq!(r.prices.connection_threshold, 6300);
        // Nothing in the built-in data claims a fact the Directorate has not confirmed.
        for (name, fact) in r.processing.all() {
            assert!(!fact.source.is_empty(), "{name} has no source");
        }
    }

    #[test]
    fn a_reserved_character_in_reference_data_is_refused_with_its_line() {
        let text = crate::assets::REFERENCE.replacen('\n', "\n# \u{E002}\n", 1);
        let error = super::Reference::parse(&text, std::path::Path::new("ref.yaml"))
            .expect_err("refused")
            .to_string();
        assert!(
            error.contains("ref.yaml: line 2: the character U+E002"),
            "{error}"
        );
    }
}

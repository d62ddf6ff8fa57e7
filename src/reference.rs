//! Reference data: the Directorate's details, prices, addresses and links.
//!
//! These change on their own schedule (domain.md §7), so they live in one YAML file,
//! `data/reference.yaml`, built into the binary and replaceable with `--reference FILE`.

use crate::profile::OrgNumber;
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
    /// The agreed legal venue.
    pub venue: String,
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
    venue: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDirectorate {
    name: String,
    org_number: String,
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
        let raw: RawReference = serde_yaml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let org_number = OrgNumber::parse(&raw.directorate.org_number).map_err(|_| {
            invalid(format!(
                "directorate.org_number `{}` is not a valid organisation number",
                raw.directorate.org_number
            ))
        })?;
        Ok(Reference {
            directorate: Directorate {
                name: raw.directorate.name,
                org_number,
                address: raw.directorate.address,
                signatory_name: raw.directorate.signatory.name,
                signatory_title: raw.directorate.signatory.title,
            },
            prices: raw.prices,
            urls: raw.urls,
            emails: raw.emails,
            kontaktsenter_phone: raw.kontaktsenter_phone,
            signing_channel: raw.signing_channel,
            venue: raw.venue,
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_builtin_reference_data_is_valid() {
        let r = super::Reference::builtin().expect("built-in reference data");
        assert_eq!(r.prices.connection_threshold, 6300);
    }
}

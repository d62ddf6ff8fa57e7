//! Turns a raw profile into a validated [`Profile`], collecting every problem on the way.
//!
//! [`checker`] validates single fields, [`sections`] applies the rules of each section and
//! those between sections, and [`unknown_keys`] reports keys the format does not have.

mod checker;
mod sections;
mod unknown_keys;

use super::model::{
    CaseSystem, Cooperation, HostAgreement, Municipality, NavOffice, Profile, SamiTexts,
};
use super::position::Positions;
use super::{Defaults, Problem, raw};
use checker::Checker;
use chrono::NaiveDate;
use std::path::Path;

/// Validates `file`, read from `path` with hash `sha256`; `unknown` are the key paths serde
/// did not recognise. The profile's warnings are left for [`super::warnings`].
///
/// On failure the problems come in the order of the file: unknown keys, then each section
/// as the README lists them.
pub(crate) fn validate(
    file: &raw::ProfileFile,
    unknown: &[String],
    positions: &Positions,
    defaults: &Defaults,
    path: &Path,
    sha256: String,
) -> Result<Profile, Vec<Problem>> {
    let mut c = Checker::new(positions);
    unknown_keys::report(&mut c, file, unknown);
    let parts = Parts::check(&mut c, file, defaults, path);
    if c.has_problems() {
        return Err(c.into_problems());
    }
    // Every `None` in `parts` was recorded as a problem, so with no problem there is none;
    // an empty list of problems would tell the user nothing, so a broken invariant stops here.
    Ok(parts
        .into_profile(path, sha256)
        .expect("every section without a value recorded a problem"))
}

/// Each section's result, `None` where the section had a problem.
struct Parts {
    municipality: Option<Municipality>,
    nav_office: Option<NavOffice>,
    case_system: Option<CaseSystem>,
    cooperation: Option<Cooperation>,
    connection: sections::Connection,
    documents_date: Option<NaiveDate>,
    publication_date: Option<NaiveDate>,
    host_agreement: Option<HostAgreement>,
    sami: Option<SamiTexts>,
}

impl Parts {
    /// Checks the sections in the order of the README, since that is the order in which
    /// the problems are listed.
    fn check(c: &mut Checker, file: &raw::ProfileFile, defaults: &Defaults, path: &Path) -> Parts {
        sections::schema(c, file.schema.as_ref());
        let municipality = c.section(
            "municipality",
            file.municipality.as_ref(),
            sections::municipality,
        );
        let nav_office = c.section("nav_office", file.nav_office.as_ref(), sections::nav_office);
        let case_system = c.section(
            "case_system",
            file.case_system.as_ref(),
            sections::case_system,
        );
        let host = sections::Host {
            language: municipality.as_ref().map(|m| m.language),
            number: municipality.as_ref().map(|m| &m.number),
        };
        let cooperation = c.section("cooperation", file.cooperation.as_ref(), |c, co| {
            sections::cooperation(c, co, host)
        });
        let connection = sections::connection(c, file.connection.as_ref(), defaults);
        let (documents_date, publication_date) =
            sections::documents(c, file.documents.as_ref(), defaults, connection.date);
        let host_agreement = file
            .cooperation
            .as_ref()
            .and_then(|co| co.agreement.as_ref())
            .and_then(|a| {
                sections::host_agreement(c, a, cooperation.as_ref().map(Cooperation::model))
            });
        sections::legal_form_in_force(c, cooperation.as_ref(), documents_date);
        sections::opening_hours_cover(
            c,
            nav_office.as_ref(),
            municipality.as_ref(),
            cooperation.as_ref(),
        );
        let sami = sections::sami(c, file.sami.as_ref(), path);
        Parts {
            municipality,
            nav_office,
            case_system,
            cooperation,
            connection,
            documents_date,
            publication_date,
            host_agreement,
            sami,
        }
    }

    /// The profile, if every required part is there.
    fn into_profile(self, path: &Path, sha256: String) -> Option<Profile> {
        Some(Profile {
            path: path.to_owned(),
            sha256,
            warnings: Vec::new(),
            municipality: self.municipality?,
            nav_office: self.nav_office?,
            case_system: self.case_system?,
            cooperation: self.cooperation?,
            batch: self.connection.batch,
            connection_date: self.connection.date?,
            innsyn: self.connection.innsyn?,
            documents_date: self.documents_date?,
            publication_date: self.publication_date?,
            host_agreement: self.host_agreement,
            sami: self.sami?,
        })
    }
}

//! The validated profile: what every later stage reads.

use chrono::NaiveDate;
use std::fmt;
use std::path::PathBuf;

/// A validated municipality profile.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Where the profile was read from.
    pub path: PathBuf,
    /// SHA-256 of the profile file's bytes, lowercase hex.
    pub sha256: String,
    /// The municipality the profile is for (the host in the host models).
    pub municipality: Municipality,
    /// The NAV office that handles the applications.
    pub nav_office: NavOffice,
    /// The case-management system (*fagsystem*).
    pub case_system: CaseSystem,
    /// The cooperation model and its participants.
    pub cooperation: Cooperation,
    /// The connection batch (*pulje*), if any.
    pub batch: Option<String>,
    /// The connection date (*påkoblingsdato*).
    pub connection_date: NaiveDate,
    /// Whether the status service (*innsyn*) is part of the agreements.
    pub innsyn: bool,
    /// The date of the agreements, the DPIA and the checklist.
    pub documents_date: NaiveDate,
    /// When the letter and the news text are published: never before the connection date.
    pub publication_date: NaiveDate,
    /// The host agreement (*vertskommuneavtalen*), where a host model's profile gives it.
    pub host_agreement: Option<HostAgreement>,
    /// The municipality's own Sami translation of the citizen texts, and their order.
    pub sami: SamiTexts,
    /// What disagrees with the register, or still holds a placeholder; never stops a pack.
    pub warnings: Vec<super::Problem>,
}

/// `sami:`: where the municipality's translation of the citizen texts is, and which
/// version comes first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SamiTexts {
    /// The folder of the translated XLIFF files, resolved against the profile's folder;
    /// `None` while the translation is awaited.
    pub translation: Option<PathBuf>,
    /// Which version comes first.
    pub order: SamiOrder,
}

/// The order of the two versions of a bilingual citizen text. The law sets none; Sami
/// first is the local practice (the research brief, "Practice in the area").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SamiOrder {
    /// The Sami version, then the Norwegian one.
    #[default]
    SamiFirst,
    /// The Norwegian version, then the Sami one.
    NorwegianFirst,
}

/// The municipality a profile is written for.
#[derive(Debug, Clone)]
pub struct Municipality {
    /// The name without the word "kommune", e.g. "Bærum".
    pub name: String,
    /// The kommunenummer.
    pub number: MunicipalityNumber,
    /// The organisation number in Enhetsregisteret.
    pub org_number: OrgNumber,
    /// The county (*fylke*).
    pub county: String,
    /// Inhabitants, which decide the connection fee.
    pub population: u32,
    /// The written standard (*målform*) of its documents.
    pub language: Language,
    /// The postal address, if given.
    pub address: Option<Address>,
    /// Who signs for the municipality.
    pub signatory: Person,
    /// The data protection officer (*personvernombud*).
    pub privacy_officer: Contact,
    /// The municipality's contact person for Digisos.
    pub contact: Contact,
    /// A sub-unit for social services that receives the applications, if given.
    pub recipient_org_number: Option<OrgNumber>,
}

/// Another municipality in a host or board cooperation.
#[derive(Debug, Clone)]
pub struct Member {
    /// The name without the word "kommune".
    pub name: String,
    /// The kommunenummer.
    pub number: MunicipalityNumber,
    /// The organisation number.
    pub org_number: OrgNumber,
    /// Inhabitants.
    pub population: u32,
    /// The member's own written standard.
    pub language: Language,
    /// Who signs for the member, where it signs its own agreements.
    pub signatory: Option<Person>,
    /// The member's own contact person for Digisos, if given.
    pub contact: Option<Contact>,
    /// The member's own data protection officer, if given.
    pub privacy_officer: Option<Contact>,
    /// A sub-unit for social services that receives the applications, if given.
    pub recipient_org_number: Option<OrgNumber>,
}

/// The inter-municipal agreement of a host cooperation (kommuneloven kapittel 20).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostAgreement {
    /// The date it was made or last changed, if given.
    pub date: Option<NaiveDate>,
    /// The clause that settles controllership, e.g. "punkt 4", if given.
    pub clause: Option<String>,
}

/// A postal address.
#[derive(Debug, Clone)]
pub struct Address {
    /// Street and number.
    pub street: String,
    /// Four-digit postal code.
    pub postal_code: String,
    /// Postal town.
    pub city: String,
}

/// A person who signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Title, as registered in Enhetsregisteret.
    pub title: String,
}

/// A person to contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Full name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Phone number, if given.
    pub phone: Option<String>,
}

/// The NAV office.
#[derive(Debug, Clone)]
pub struct NavOffice {
    /// E.g. "NAV Bærum".
    pub name: String,
    /// One-line visiting address.
    pub address: String,
    /// Phone number.
    pub phone: String,
    /// Opening hours on one line, if given.
    pub opening_hours: Option<OpeningHours>,
}

/// The office's opening hours as the profile gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpeningHours {
    /// One text for every letter.
    One(String),
    /// A text per written standard; validation ensures every standard the letters use.
    PerLanguage {
        /// Bokmål.
        nb: Option<String>,
        /// Nynorsk.
        nn: Option<String>,
    },
}

impl OpeningHours {
    /// The text for a letter in `language`.
    pub fn get(&self, language: Language) -> Option<&str> {
        match self {
            OpeningHours::One(text) => Some(text),
            OpeningHours::PerLanguage { nb, nn } => language.pick(nb, nn).as_deref(),
        }
    }
}

/// The case-management system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSystem {
    /// The vendor (*fagsystemleverandør*).
    pub vendor: String,
    /// The product name.
    pub product: String,
}

/// The inter-municipal board of the board model.
#[derive(Debug, Clone)]
pub struct Board {
    /// The board's name.
    pub name: String,
    /// The board's organisation number.
    pub org_number: OrgNumber,
    /// Who signs for the board.
    pub signatory: Person,
    /// The body's legal form today.
    pub legal_form: LegalForm,
    /// Who is controller, where the profile settles what the handbook leaves open.
    pub controller: Option<BoardRole>,
    /// Whose organisation number applications go to, where the profile settles it.
    pub recipient: Option<BoardRole>,
}

/// The legal form of the inter-municipal body in the board model.
///
/// Kommuneloven 1992 § 27 bodies had to be converted to a form of the 2018 Act within four
/// years of its entry into force, that is by autumn 2023; none of the 2018 forms offered here
/// can make individual decisions (*enkeltvedtak*) under sosialtjenesteloven, so with them each
/// member municipality stays controller for its residents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegalForm {
    /// *Kommunalt oppgavefellesskap*, kommuneloven 2018 kapittel 19.
    Oppgavefellesskap,
    /// *Interkommunalt selskap*, IKS-loven (lov 29. januar 1999 nr. 6).
    Iks,
    /// A body under kommuneloven 1992 § 27, only within the transitional period.
    Paragraph27,
}

impl LegalForm {
    /// Every form a profile may name, with its key.
    pub(crate) const ALL: [(LegalForm, &'static str); 3] = [
        (LegalForm::Oppgavefellesskap, "oppgavefellesskap"),
        (LegalForm::Iks, "iks"),
        (LegalForm::Paragraph27, "paragraph_27"),
    ];

    /// The form written `key` in a profile.
    pub(crate) fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, k)| *k == key).map(|(f, _)| *f)
    }

    /// The key a profile writes.
    pub(crate) fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("", |(_, k)| k)
    }

    /// Whether the body can be controller for the applications: only a § 27 body whose
    /// statutes gave it the decisions, and the handbook's rule assumes that it did.
    pub(crate) fn can_decide_applications(self) -> bool {
        self == LegalForm::Paragraph27
    }

    /// The last day a document may rest on this form, if the form has one.
    pub(crate) fn valid_until(self) -> Option<NaiveDate> {
        // Four years after the 2018 Act came into force at the councils' constituent
        // meetings in autumn 2019: the end of 2023 is the latest reading of "autumn 2023".
        (self == LegalForm::Paragraph27)
            .then(|| NaiveDate::from_ymd_opt(2023, 12, 31))
            .flatten()
    }
}

/// In the board model, which side holds a role the handbook does not assign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardRole {
    /// The board.
    Board,
    /// Each participating municipality for its own residents.
    Members,
}

/// The cooperation models; their keys exist here and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CooperationModel {
    /// A municipality on its own.
    Single,
    /// Host cooperation with controllership transferred to the host.
    HostWithTransfer,
    /// Host cooperation where each municipality stays controller.
    HostWithoutTransfer,
    /// An inter-municipal body (the handbook's board model).
    Board,
}

impl CooperationModel {
    /// Every model, in the order the documentation lists them.
    pub const ALL: [CooperationModel; 4] = [
        CooperationModel::Single,
        CooperationModel::HostWithTransfer,
        CooperationModel::HostWithoutTransfer,
        CooperationModel::Board,
    ];

    /// The key a profile writes.
    pub(crate) fn key(self) -> &'static str {
        match self {
            CooperationModel::Single => "single",
            CooperationModel::HostWithTransfer => "host_with_transfer",
            CooperationModel::HostWithoutTransfer => "host_without_transfer",
            CooperationModel::Board => "board",
        }
    }

    /// The model written `key` in a profile.
    pub(crate) fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }

    /// The keys, comma-separated, for messages.
    pub(crate) fn keys() -> String {
        Self::ALL.map(Self::key).join(", ")
    }
}

impl std::str::FromStr for CooperationModel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::from_key(s).ok_or_else(|| {
            format!(
                "`{s}` is not a cooperation model; use one of: {}",
                Self::keys()
            )
        })
    }
}

impl fmt::Display for CooperationModel {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The cooperation model with the data each model needs.
#[derive(Debug, Clone)]
pub enum Cooperation {
    /// One municipality with its own NAV office.
    Single,
    /// Host cooperation where controllership is transferred to the host.
    HostWithTransfer {
        /// The other municipalities.
        members: Vec<Member>,
    },
    /// Host cooperation where each municipality stays controller.
    HostWithoutTransfer {
        /// The other municipalities.
        members: Vec<Member>,
    },
    /// Inter-municipal cooperation with a board (old kommuneloven § 27).
    Board {
        /// The board that signs.
        board: Board,
        /// The other participating municipalities.
        members: Vec<Member>,
    },
}

impl Cooperation {
    /// The model without its data, for rules that depend only on the kind.
    pub(crate) fn model(&self) -> CooperationModel {
        match self {
            Cooperation::Single => CooperationModel::Single,
            Cooperation::HostWithTransfer { .. } => CooperationModel::HostWithTransfer,
            Cooperation::HostWithoutTransfer { .. } => CooperationModel::HostWithoutTransfer,
            Cooperation::Board { .. } => CooperationModel::Board,
        }
    }

    /// The municipalities besides the profile's own.
    pub(crate) fn members(&self) -> &[Member] {
        match self {
            Cooperation::Single => &[],
            Cooperation::HostWithTransfer { members }
            | Cooperation::HostWithoutTransfer { members }
            | Cooperation::Board { members, .. } => members,
        }
    }
}

/// A written standard of Norwegian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Bokmål.
    Nb,
    /// Nynorsk.
    Nn,
}

impl Language {
    /// Both standards.
    pub(crate) const ALL: [Language; 2] = [Language::Nb, Language::Nn];

    /// The ISO 639-1 code, also the name of the template folder.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nb => "nb",
            Language::Nn => "nn",
        }
    }

    /// The standard with `code`.
    pub(crate) fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Picks the bokmål or the nynorsk text.
    pub(crate) fn pick<T>(self, nb: T, nn: T) -> T {
        match self {
            Language::Nb => nb,
            Language::Nn => nn,
        }
    }
}

impl std::str::FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::from_code(s).ok_or_else(|| format!("`{s}` is not a written standard; use nb or nn"))
    }
}

/// A four-digit kommunenummer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MunicipalityNumber(String);

impl MunicipalityNumber {
    /// Checks that `text` is exactly four ASCII digits.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| MunicipalityNumber(text.to_owned()))
    }

    /// The four digits.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MunicipalityNumber {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A nine-digit organisation number whose check digit is correct (modulus 11).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrgNumber(String);

/// Why a text is not an organisation number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OrgNumberError {
    /// Not nine digits (spaces are allowed and ignored).
    NotNineDigits,
    /// Nine digits, but the last one is not the modulus-11 check digit.
    CheckDigit {
        /// The check digit the first eight digits require, if any exists.
        expected: Option<u8>,
    },
}

impl OrgNumber {
    /// Weights of Brønnøysundregistrene's modulus-11 check on the first eight digits.
    const WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];

    /// Parses "935478715" or "935 478 715" and checks the check digit.
    pub(crate) fn parse(text: &str) -> Result<Self, OrgNumberError> {
        let digits: String = text.chars().filter(|c| *c != ' ').collect();
        if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(OrgNumberError::NotNineDigits);
        }
        let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
        let sum: u32 = Self::WEIGHTS.iter().zip(&d).map(|(w, d)| w * d).sum();
        // Remainder 0 gives check digit 0; remainder 1 would need "10", so no valid number exists.
        let expected = match 11 - sum % 11 {
            11 => Some(0),
            10 => None,
            n => Some(n as u8),
        };
        if expected != Some(d[8] as u8) {
            return Err(OrgNumberError::CheckDigit { expected });
        }
        Ok(OrgNumber(digits))
    }

    /// The nine digits without spaces.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The number grouped as Enhetsregisteret prints it: "935 478 715".
    pub fn grouped(&self) -> String {
        format!("{} {} {}", &self.0[..3], &self.0[3..6], &self.0[6..])
    }
}

impl fmt::Display for OrgNumber {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_numbers_from_the_register_pass() {
        // Bærum, Oslo, Kautokeino, Stavanger (../data/kommuner.csv).
        for n in [
            "935478715",
            "958935420",
            "945475056",
            "964965226",
            "935 478 715",
        ] {
            assert!(OrgNumber::parse(n).is_ok(), "{n}");
        }
    }

    #[test]
    fn org_numbers_with_a_wrong_check_digit_fail() {
        assert_eq!(
            OrgNumber::parse("935478714"),
            Err(OrgNumberError::CheckDigit { expected: Some(5) })
        );
        assert_eq!(
            OrgNumber::parse("958935421"),
            Err(OrgNumberError::CheckDigit { expected: Some(0) })
        );
    }

    #[test]
    fn org_numbers_that_cannot_have_a_check_digit_fail() {
        // 3·1+2·0+… leaves remainder 1: no digit can make the number valid.
        let no_digit = (0..100_000_000u32)
            .map(|n| format!("{n:08}"))
            .find(|p| {
                let s: u32 = OrgNumber::WEIGHTS
                    .iter()
                    .zip(p.bytes())
                    .map(|(w, b)| w * u32::from(b - b'0'))
                    .sum();
                s % 11 == 1
            })
            .map(|p| format!("{p}0"))
            .unwrap_or_default();
        assert_eq!(
            OrgNumber::parse(&no_digit),
            Err(OrgNumberError::CheckDigit { expected: None })
        );
    }

    #[test]
    fn org_numbers_of_the_wrong_length_or_with_letters_fail() {
        for n in ["93547871", "9354787150", "93547871A", ""] {
            assert_eq!(
                OrgNumber::parse(n),
                Err(OrgNumberError::NotNineDigits),
                "{n}"
            );
        }
    }

    #[test]
    fn municipality_numbers_are_four_digits() {
        assert!(MunicipalityNumber::parse("0301").is_some());
        for n in ["301", "32011", "32a1", ""] {
            assert!(MunicipalityNumber::parse(n).is_none(), "{n}");
        }
    }
}

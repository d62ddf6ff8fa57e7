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
    /// The date printed on every document.
    pub documents_date: NaiveDate,
    /// What disagrees with the register, or still holds a placeholder; never stops a pack.
    pub warnings: Vec<super::Problem>,
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
#[derive(Debug, Clone)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Title, as registered in Enhetsregisteret.
    pub title: String,
}

/// A person to contact.
#[derive(Debug, Clone)]
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
}

/// The case-management system.
#[derive(Debug, Clone)]
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
    /// Who is controller, where the profile settles what the handbook leaves open.
    pub controller: Option<BoardRole>,
    /// Whose organisation number applications go to, where the profile settles it.
    pub recipient: Option<BoardRole>,
}

/// In the board model, which side holds a role the handbook does not assign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardRole {
    /// The board.
    Board,
    /// Each participating municipality for its own residents.
    Members,
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
    /// The ISO 639-1 code, also the name of the template folder.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nb => "nb",
            Language::Nn => "nn",
        }
    }
}

/// A four-digit kommunenummer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MunicipalityNumber(String);

impl MunicipalityNumber {
    /// Checks that `text` is exactly four ASCII digits.
    pub fn parse(text: &str) -> Option<Self> {
        (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| MunicipalityNumber(text.to_owned()))
    }

    /// The four digits.
    pub fn as_str(&self) -> &str {
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
pub enum OrgNumberError {
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
    pub fn parse(text: &str) -> Result<Self, OrgNumberError> {
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
    pub fn as_str(&self) -> &str {
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

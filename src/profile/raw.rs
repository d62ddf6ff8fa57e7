//! The profile exactly as written in YAML, before any check.
//!
//! Every leaf is optional and every scalar is kept as text, so that a missing field, a
//! number written without quotes or an impossible date becomes a validation problem with a
//! location, collected with all the others, rather than a deserialisation error that stops
//! at the first one.

use serde::{Deserialize, Deserializer, Serialize};

/// A YAML scalar kept as the text the user wrote (`3201`, `"3201"` and `3201.0` all arrive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a single value (text, number or date)")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_owned()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The whole profile file (`schema: 1`).
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProfileFile {
    pub schema: Option<Scalar>,
    pub municipality: Option<Municipality>,
    pub nav_office: Option<NavOffice>,
    pub case_system: Option<CaseSystem>,
    pub cooperation: Option<Cooperation>,
    pub connection: Option<Connection>,
    pub documents: Option<Documents>,
}

/// `municipality:` — the municipality the profile is for (the host in host models).
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Municipality {
    pub name: Option<Scalar>,
    pub number: Option<Scalar>,
    pub org_number: Option<Scalar>,
    pub county: Option<Scalar>,
    pub population: Option<Scalar>,
    pub language: Option<Scalar>,
    pub address: Option<Address>,
    pub signatory: Option<Person>,
    pub privacy_officer: Option<Contact>,
    pub contact: Option<Contact>,
}

/// A postal address.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Address {
    pub street: Option<Scalar>,
    pub postal_code: Option<Scalar>,
    pub city: Option<Scalar>,
}

/// A person who signs: name and title.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Person {
    pub name: Option<Scalar>,
    pub title: Option<Scalar>,
}

/// A person to contact.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Contact {
    pub name: Option<Scalar>,
    pub email: Option<Scalar>,
    pub phone: Option<Scalar>,
}

/// `nav_office:`
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct NavOffice {
    pub name: Option<Scalar>,
    pub address: Option<Scalar>,
    pub phone: Option<Scalar>,
}

/// `case_system:` — the case-management system (*fagsystem*).
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CaseSystem {
    pub vendor: Option<Scalar>,
    pub product: Option<Scalar>,
}

/// `cooperation:`
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Cooperation {
    pub model: Option<Scalar>,
    pub members: Option<Vec<Member>>,
    pub board: Option<Board>,
}

/// One entry of `cooperation.members`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Member {
    pub name: Option<Scalar>,
    pub number: Option<Scalar>,
    pub org_number: Option<Scalar>,
    pub population: Option<Scalar>,
    pub language: Option<Scalar>,
    pub signatory: Option<Person>,
}

/// `cooperation.board:`
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Board {
    pub name: Option<Scalar>,
    pub org_number: Option<Scalar>,
    pub signatory: Option<Person>,
    pub controller: Option<Scalar>,
    pub recipient: Option<Scalar>,
}

/// `connection:`
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Connection {
    pub batch: Option<Scalar>,
    pub date: Option<Scalar>,
    pub innsyn: Option<Scalar>,
}

/// `documents:`
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Documents {
    pub date: Option<Scalar>,
}

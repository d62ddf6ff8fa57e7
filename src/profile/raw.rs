//! The profile exactly as written in YAML, before any check.
//!
//! Every leaf is optional and every scalar is kept as text, so that a missing field, a
//! number written without quotes or an impossible date becomes a validation problem with a
//! location, collected with all the others, rather than a deserialisation error that stops
//! at the first one.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;

/// A YAML scalar kept as the text the user wrote (`3201`, `"3201"` and `3201.0` all arrive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub(crate) struct Scalar(pub(crate) String);

impl JsonSchema for Scalar {
    fn schema_name() -> Cow<'static, str> {
        "Scalar".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

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
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct ProfileFile {
    /// Profile format version: always 1.
    #[schemars(required)]
    pub(crate) schema: Option<Scalar>,
    /// The municipality the profile is for; in host models, the host.
    #[schemars(required)]
    pub(crate) municipality: Option<Municipality>,
    /// The NAV office that handles the applications.
    #[schemars(required)]
    pub(crate) nav_office: Option<NavOffice>,
    /// The case-management system (fagsystem).
    #[schemars(required)]
    pub(crate) case_system: Option<CaseSystem>,
    /// The inter-municipal cooperation model and its participants.
    #[schemars(required)]
    pub(crate) cooperation: Option<Cooperation>,
    /// The connection (påkobling) to nav.no.
    pub(crate) connection: Option<Connection>,
    /// The documents of the pack.
    pub(crate) documents: Option<Documents>,
    /// The Sami language area: the municipality's own translation of the letter and the
    /// news text.
    pub(crate) sami: Option<Sami>,
}

/// `municipality:` — the municipality the profile is for (the host in host models).
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Municipality {
    /// The name without the word "kommune", e.g. Bærum.
    #[schemars(required)]
    pub(crate) name: Option<Scalar>,
    /// Kommunenummer: four digits, in quotes, e.g. "3201".
    #[schemars(required, regex(pattern = r"^[0-9]{4}$"))]
    pub(crate) number: Option<Scalar>,
    /// Organisasjonsnummer in Enhetsregisteret: nine digits with a modulus-11 check digit.
    #[schemars(required, regex(pattern = r"^[0-9]{3} ?[0-9]{3} ?[0-9]{3}$"))]
    pub(crate) org_number: Option<Scalar>,
    /// The county (fylke).
    #[schemars(required)]
    pub(crate) county: Option<Scalar>,
    /// Inhabitants; decide the connection fee.
    #[schemars(required)]
    pub(crate) population: Option<Scalar>,
    /// Written standard (målform) of the documents: nb (bokmål) or nn (nynorsk), as the
    /// municipality's språkvedtak decides.
    #[schemars(required, regex(pattern = r"^(nb|nn)$"))]
    pub(crate) language: Option<Scalar>,
    /// Postal address (optional).
    pub(crate) address: Option<Address>,
    /// Who signs the agreements, as registered in Enhetsregisteret.
    #[schemars(required)]
    pub(crate) signatory: Option<Person>,
    /// The data protection officer (personvernombud).
    #[schemars(required)]
    pub(crate) privacy_officer: Option<Contact>,
    /// The municipality's contact person for Digisos.
    #[schemars(required)]
    pub(crate) contact: Option<Contact>,
    /// The organisation number applications are addressed to, where it is a sub-unit for
    /// social services rather than the municipality itself (optional).
    #[schemars(regex(pattern = r"^[0-9]{3} ?[0-9]{3} ?[0-9]{3}$"))]
    pub(crate) recipient_org_number: Option<Scalar>,
}

/// A postal address.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Address {
    /// Street and number.
    #[schemars(required)]
    pub(crate) street: Option<Scalar>,
    /// Four-digit postal code, in quotes.
    #[schemars(required, regex(pattern = r"^[0-9]{4}$"))]
    pub(crate) postal_code: Option<Scalar>,
    /// Postal town.
    #[schemars(required)]
    pub(crate) city: Option<Scalar>,
}

/// A person who signs: name and title.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Person {
    /// Full name.
    #[schemars(required)]
    pub(crate) name: Option<Scalar>,
    /// Title, e.g. Kommunedirektør.
    #[schemars(required)]
    pub(crate) title: Option<Scalar>,
}

/// A person to contact.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Contact {
    /// Full name.
    #[schemars(required)]
    pub(crate) name: Option<Scalar>,
    /// E-mail address.
    #[schemars(required)]
    pub(crate) email: Option<Scalar>,
    /// Phone number (optional).
    pub(crate) phone: Option<Scalar>,
}

/// `nav_office:`
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct NavOffice {
    /// E.g. NAV Bærum.
    #[schemars(required)]
    pub(crate) name: Option<Scalar>,
    /// Visiting address on one line.
    #[schemars(required)]
    pub(crate) address: Option<Scalar>,
    /// Phone number.
    #[schemars(required)]
    pub(crate) phone: Option<Scalar>,
    /// Opening hours on one line, printed in the letter and the news text (optional): one
    /// text, e.g. "mandag–fredag 09.00–15.00", or one per written standard,
    /// `{ nb: "mandag–fredag …", nn: "måndag–fredag …" }`, where the letters use both.
    pub(crate) opening_hours: Option<OpeningHours>,
}

/// `nav_office.opening_hours:` one text, or one per written standard.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub(crate) enum OpeningHours {
    /// The same text in every letter.
    One(Scalar),
    /// A text per written standard.
    PerLanguage(OpeningHoursPerLanguage),
}

/// `nav_office.opening_hours: { nb: …, nn: … }`
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct OpeningHoursPerLanguage {
    /// In bokmål, e.g. "mandag–fredag 09.00–15.00".
    pub(crate) nb: Option<Scalar>,
    /// In nynorsk, e.g. "måndag–fredag 09.00–15.00".
    pub(crate) nn: Option<Scalar>,
}

// By hand rather than `#[serde(untagged)]`: untagged buffers the value, which hides the
// unknown keys of the map form from `serde_ignored`, and its error names no expected form.
impl<'de> Deserialize<'de> for OpeningHours {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OpeningHours;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("one text, or `nb:` and `nn:` texts")
            }
            fn visit_str<E>(self, v: &str) -> Result<OpeningHours, E> {
                Ok(OpeningHours::One(Scalar(v.to_owned())))
            }
            fn visit_i64<E>(self, v: i64) -> Result<OpeningHours, E> {
                Ok(OpeningHours::One(Scalar(v.to_string())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<OpeningHours, E> {
                Ok(OpeningHours::One(Scalar(v.to_string())))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<OpeningHours, A::Error> {
                let deserializer = serde::de::value::MapAccessDeserializer::new(map);
                OpeningHoursPerLanguage::deserialize(deserializer).map(OpeningHours::PerLanguage)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `case_system:` — the case-management system (*fagsystem*).
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct CaseSystem {
    /// The vendor (fagsystemleverandør).
    #[schemars(required)]
    pub(crate) vendor: Option<Scalar>,
    /// The product, e.g. Visma Flyt Sosial.
    #[schemars(required)]
    pub(crate) product: Option<Scalar>,
}

/// `cooperation:`
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Cooperation {
    /// The cooperation model.
    #[schemars(required, schema_with = "model_schema")]
    pub(crate) model: Option<Scalar>,
    /// Host and board models: the other participating municipalities.
    pub(crate) members: Option<Vec<Member>>,
    /// Board model only: the inter-municipal board that signs.
    pub(crate) board: Option<Board>,
    /// Host models: the host agreement (vertskommuneavtalen) that sets up the cooperation.
    pub(crate) agreement: Option<HostAgreement>,
}

/// `cooperation.agreement:` — the host agreement (vertskommuneavtalen), kommuneloven kapittel 20.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct HostAgreement {
    /// The date of the host agreement (or of its last change), YYYY-MM-DD.
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub(crate) date: Option<Scalar>,
    /// The clause that settles controllership, e.g. "punkt 4".
    pub(crate) clause: Option<Scalar>,
}

fn model_schema(_: &mut SchemaGenerator) -> Schema {
    let keys: Vec<&str> = super::CooperationModel::ALL
        .map(super::CooperationModel::key)
        .to_vec();
    json_schema!({ "type": "string", "enum": keys,
        "description": "The cooperation model." })
}

fn legal_form_schema(_: &mut SchemaGenerator) -> Schema {
    let keys: Vec<&str> = super::LegalForm::ALL.iter().map(|(_, k)| *k).collect();
    json_schema!({ "type": "string", "enum": keys,
        "description": "The body's legal form today." })
}

/// One entry of `cooperation.members`.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Member {
    /// The name without the word "kommune".
    #[schemars(required)]
    pub(crate) name: Option<Scalar>,
    /// Kommunenummer, in quotes.
    #[schemars(required, regex(pattern = r"^[0-9]{4}$"))]
    pub(crate) number: Option<Scalar>,
    /// Organisasjonsnummer.
    #[schemars(required, regex(pattern = r"^[0-9]{3} ?[0-9]{3} ?[0-9]{3}$"))]
    pub(crate) org_number: Option<Scalar>,
    /// Inhabitants.
    #[schemars(required)]
    pub(crate) population: Option<Scalar>,
    /// The member's own written standard: nb or nn (default: the host's).
    #[schemars(regex(pattern = r"^(nb|nn)$"))]
    pub(crate) language: Option<Scalar>,
    /// Who signs for the member; required in host_without_transfer.
    pub(crate) signatory: Option<Person>,
    /// The member's own contact person for Digisos (on its own documents); required where
    /// the member is controller (host_without_transfer, board).
    pub(crate) contact: Option<Contact>,
    /// The member's own data protection officer; required where the member is controller
    /// (host_without_transfer, board).
    pub(crate) privacy_officer: Option<Contact>,
    /// The organisation number the member's applications are addressed to, where it is a
    /// sub-unit for social services (optional).
    #[schemars(regex(pattern = r"^[0-9]{3} ?[0-9]{3} ?[0-9]{3}$"))]
    pub(crate) recipient_org_number: Option<Scalar>,
}

/// `cooperation.board:`
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Board {
    /// The board's name.
    #[schemars(required)]
    pub(crate) name: Option<Scalar>,
    /// The board's organisation number.
    #[schemars(required, regex(pattern = r"^[0-9]{3} ?[0-9]{3} ?[0-9]{3}$"))]
    pub(crate) org_number: Option<Scalar>,
    /// Who signs for the board.
    #[schemars(required)]
    pub(crate) signatory: Option<Person>,
    /// The body's legal form today: oppgavefellesskap (kommuneloven kapittel 19), iks
    /// (interkommunalt selskap), or paragraph_27 (kommuneloven 1992 § 27, transitional period only).
    #[schemars(required, schema_with = "legal_form_schema")]
    pub(crate) legal_form: Option<Scalar>,
    /// Who is controller: members (default for every 2018-Act form) or board (§ 27 only).
    #[schemars(regex(pattern = r"^(board|members)$"))]
    pub(crate) controller: Option<Scalar>,
    /// Whose organisation number applications go to: members (default) or board (§ 27 only).
    #[schemars(regex(pattern = r"^(board|members)$"))]
    pub(crate) recipient: Option<Scalar>,
}

/// `connection:`
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Connection {
    /// The connection batch (pulje), e.g. "Pulje 14".
    pub(crate) batch: Option<Scalar>,
    /// The connection date (påkoblingsdato), YYYY-MM-DD.
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub(crate) date: Option<Scalar>,
    /// Whether the status service (innsyn) is part of the agreements (default false).
    pub(crate) innsyn: Option<Scalar>,
}

/// `documents:`
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Documents {
    /// The date of the agreements, the DPIA and the checklist, YYYY-MM-DD.
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub(crate) date: Option<Scalar>,
    /// When the letter and the news text are published, YYYY-MM-DD: on or after the
    /// connection date (default: the connection date).
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub(crate) publication_date: Option<Scalar>,
}

/// `sami:`
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Sami {
    /// The folder of the translated XLIFF files, under the names the translation package
    /// gave them (informasjonsbrev-5612.sme.xlf, …), relative to this profile's folder. The
    /// files are checked; the letter and the news text are then written in Sami and
    /// Norwegian.
    pub(crate) translation: Option<Scalar>,
    /// Which version comes first in the letter and the news text: sami_first (default) or
    /// norwegian_first.
    #[schemars(regex(pattern = r"^(sami_first|norwegian_first)$"))]
    pub(crate) order: Option<Scalar>,
}

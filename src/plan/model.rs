//! The plan: every document of a pack, with the facts its template needs, decided.

use super::rules::Rules;
use crate::profile::{Language, OrgNumber, Person, Profile};

/// What `plan::build` decides for one profile.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The pack's folder name: kommunenummer and an ASCII slug, e.g. `3201-baerum`.
    pub pack_name: String,
    /// The cooperation model's rules.
    pub rules: Rules,
    /// The validated profile the plan was made from.
    pub profile: Profile,
    /// The documents, in the order they are written.
    pub documents: Vec<DocumentJob>,
    /// The connection timeline, dated, and the dates moved off weekends and holidays.
    pub timeline: (Vec<super::timeline::DatedStep>, Vec<super::timeline::Moved>),
    /// Things the user must know but that do not stop the pack (English, for the terminal).
    pub warnings: Vec<String>,
}

impl Plan {
    /// One document per party the Directorate signs with (its cooperation agreement), in
    /// pack order: the parties, their signatories and their fees.
    pub fn agreements(&self) -> impl Iterator<Item = &DocumentJob> {
        self.documents
            .iter()
            .filter(|d| d.kind == DocumentKind::Samarbeidsavtale)
    }
}

/// The kinds of document in a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    /// The data processing agreement with the Directorate.
    Databehandleravtale,
    /// The Digisos cooperation agreement with the Directorate.
    Samarbeidsavtale,
    /// The DPIA template (*personvernkonsekvensvurdering*).
    Pvk,
    /// The letter to residents.
    Informasjonsbrev,
    /// The news text for the municipality's website.
    Nyhetssak,
    /// The dated connection plan and the handbook's checklist.
    Sjekkliste,
}

impl DocumentKind {
    /// The machine id: the template's file name and the output file's prefix.
    pub fn id(self) -> &'static str {
        match self {
            DocumentKind::Databehandleravtale => "databehandleravtale",
            DocumentKind::Samarbeidsavtale => "samarbeidsavtale",
            DocumentKind::Pvk => "pvk",
            DocumentKind::Informasjonsbrev => "informasjonsbrev",
            DocumentKind::Nyhetssak => "nyhetssak",
            DocumentKind::Sjekkliste => "sjekkliste",
        }
    }

    /// Whether the document is signed, and so ends with signature blocks.
    pub fn is_agreement(self) -> bool {
        matches!(
            self,
            DocumentKind::Databehandleravtale | DocumentKind::Samarbeidsavtale
        )
    }

    /// The files written besides the PDF.
    pub fn also_written(self) -> &'static [Format] {
        match self {
            DocumentKind::Databehandleravtale | DocumentKind::Samarbeidsavtale => &[],
            DocumentKind::Pvk | DocumentKind::Sjekkliste => &[Format::Markdown],
            DocumentKind::Informasjonsbrev | DocumentKind::Nyhetssak => {
                &[Format::Markdown, Format::Html]
            }
        }
    }
}

/// An output format besides PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The rendered Markdown, to edit.
    Markdown,
    /// An HTML fragment, to paste into a CMS.
    Html,
}

/// An organisation: a municipality (named "X kommune") or a board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// The full name, e.g. "Bærum kommune".
    pub name: String,
    /// The organisation number.
    pub org_number: OrgNumber,
}

/// A municipality taking part in the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// The name without "kommune".
    pub short_name: String,
    /// Kommunenummer.
    pub number: String,
    /// Organisation number.
    pub org_number: OrgNumber,
    /// County.
    pub county: String,
    /// Inhabitants.
    pub population: u32,
    /// Written standard of its documents.
    pub language: Language,
    /// Sami (and Kven) parallel names when it is in the Sami language area, else `None`.
    pub sami_name: Option<String>,
}

impl Participant {
    /// The municipality as an organisation ("Bærum kommune").
    pub fn organisation(&self) -> Organisation {
        Organisation {
            name: format!("{} kommune", self.short_name),
            org_number: self.org_number.clone(),
        }
    }
}

/// One document to render.
#[derive(Debug, Clone)]
pub struct DocumentJob {
    /// Which document.
    pub kind: DocumentKind,
    /// Its written standard.
    pub language: Language,
    /// The output file name without extension, e.g. `databehandleravtale-3201`.
    pub file_stem: String,
    /// The party the Directorate signs with for the municipalities this document covers.
    pub party: Party,
    /// The controller for the data this document covers.
    pub controller: Organisation,
    /// The municipalities the document covers.
    pub covered: Vec<Participant>,
    /// Where applications are addressed.
    pub recipient: Organisation,
    /// The municipality the document is for (a letter's or news text's own municipality; an
    /// agreement's first covered municipality).
    pub municipality: Participant,
    /// What nav.no shows residents of `municipality`.
    pub routing: Routing,
    /// The connection fee of `party`.
    pub fee: Fee,
    /// Which optional clauses apply.
    pub clauses: Clauses,
    /// Signature blocks, in order; empty for documents that are not signed.
    pub signatures: Vec<Signature>,
}

/// The party on the municipal side of an agreement.
#[derive(Debug, Clone)]
pub struct Party {
    /// Name and organisation number.
    pub organisation: Organisation,
    /// One-line postal address, if known.
    pub address: Option<String>,
    /// Who signs.
    pub signatory: Person,
}

/// What nav.no shows as the receiver of an application.
#[derive(Debug, Clone)]
pub struct Routing {
    /// The NAV unit, e.g. "NAV Bærum".
    pub unit: String,
    /// The municipality named, e.g. "Bærum kommune".
    pub municipality: String,
    /// The municipalities (short names) whose applications the unit handles.
    pub served: Vec<String>,
}

/// The one-off connection fee, by the handbook's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fee {
    /// The inhabitants it is computed from.
    pub population: u32,
    /// Which branch of the rule applies.
    pub rule: FeeRule,
    /// The fee excluding VAT, in øre.
    pub amount_ore: u64,
}

/// The two branches of the connection-fee rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeeRule {
    /// Up to the threshold: the flat fee.
    Flat,
    /// Over the threshold: a price per inhabitant.
    PerInhabitant,
}

/// One signature block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The party signing, e.g. "Bærum kommune".
    pub party: String,
    /// The signatory's name; empty leaves a line to write on.
    pub name: String,
    /// The signatory's title.
    pub title: String,
}

/// The clauses a template includes or leaves out, decided from the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Clauses {
    /// The party signs for several municipalities (host with transfer).
    pub on_behalf_of_members: bool,
    /// Each municipality of the cooperation signs its own agreements.
    pub each_member_signs: bool,
    /// The party is an inter-municipal board.
    pub board_is_party: bool,
    /// The handbook is silent: state the assumption about routing and controllership.
    pub board_assumption: bool,
    /// The NAV office handles applications from more than one municipality.
    pub shared_office: bool,
    /// The status service (*innsyn*) is part of the agreement.
    pub innsyn: bool,
    /// The connection fee is computed from several municipalities' combined population.
    pub fee_combined: bool,
}

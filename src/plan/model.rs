//! The plan: every document of a pack, with the facts its template needs, decided.

use super::rules::Rules;
use super::timeline::Timeline;
use crate::profile::{
    CaseSystem, Contact, HostAgreement, Language, LegalForm, OpeningHours, OrgNumber, Person,
};
use chrono::NaiveDate;

/// What `plan::build` decides for one profile: everything later stages need, and nothing
/// they would have to look up in the profile.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The pack's folder name: kommunenummer and an ASCII slug, e.g. `3201-baerum`.
    pub pack_name: String,
    /// The cooperation model's rules.
    pub rules: Rules,
    /// The dates of the pack.
    pub dates: Dates,
    /// The connection batch (*pulje*), if any.
    pub batch: Option<String>,
    /// The profile the plan was made from, as the manifest records it.
    pub source: Source,
    /// The NAV office that handles the applications.
    pub office: Office,
    /// The case-management system (*fagsystem*).
    pub case_system: CaseSystem,
    /// The documents, in the order they are written.
    pub documents: Vec<DocumentJob>,
    /// The connection timeline, dated.
    pub timeline: Timeline,
    /// The municipality's Sami translation of the citizen texts (the Sami language area).
    pub sami: crate::profile::SamiTexts,
    /// Things the user must know but that do not stop the pack (English, for the terminal).
    pub warnings: Vec<String>,
    /// Whether each document also gets a Word file (`--docx`); part of the pack's inputs.
    pub docx: bool,
}

/// The dates of a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dates {
    /// The agreements', the DPIA's and the checklist's date.
    pub agreement: NaiveDate,
    /// When the letter and the news text are published (on or after `connection`).
    pub publication: NaiveDate,
    /// The connection date (*påkoblingsdato*).
    pub connection: NaiveDate,
}

/// Where the plan's profile came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The profile's file name, without folders.
    pub file: String,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: String,
}

/// The NAV office as residents are told about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// E.g. "NAV Bærum".
    pub name: String,
    /// Visiting address on one line.
    pub address: String,
    /// Phone number.
    pub phone: String,
    /// Opening hours, where the profile gives them.
    pub opening_hours: Option<OpeningHours>,
    /// The office's number is NAV Kontaktsenter's: residents get one phone line.
    pub phone_is_kontaktsenter: bool,
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

    /// Whether the document is for residents: dated by publication, without provenance.
    pub fn is_citizen_text(self) -> bool {
        matches!(
            self,
            DocumentKind::Informasjonsbrev | DocumentKind::Nyhetssak
        )
    }

    /// Whether the document is signed, and so ends with signature blocks.
    pub fn is_agreement(self) -> bool {
        matches!(
            self,
            DocumentKind::Databehandleravtale | DocumentKind::Samarbeidsavtale
        )
    }

    /// The files written besides the PDF. Every document has its Markdown: the text
    /// `redline` compares a later pack with (an agreement's PDF stays the signed text).
    pub(crate) fn also_written(self) -> &'static [Format] {
        match self {
            DocumentKind::Databehandleravtale
            | DocumentKind::Samarbeidsavtale
            | DocumentKind::Pvk
            | DocumentKind::Sjekkliste => &[Format::Markdown],
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
    /// Its official name in its Sami language when it is in the Sami language area and has
    /// one, else `None` (never a Kven name).
    pub sami_name: Option<String>,
    /// The Sami language of its part of the Sami language area, from the register, or
    /// `None` outside the area: its letter and news text need a version in it.
    pub sami_language: Option<crate::register::SamiLanguage>,
    /// Who signs for it, where the profile gives someone.
    pub signatory: Option<Person>,
    /// Its own contact person for Digisos, where the profile gives one.
    pub contact: Option<Contact>,
    /// Its own data protection officer, where the profile gives one.
    pub privacy_officer: Option<Contact>,
    /// It is the profile's own municipality (the host in a cooperation).
    pub is_host: bool,
    /// Its population in the register, if the register has it.
    pub register_population: Option<u32>,
    /// A sub-unit for social services that receives its applications, if given.
    pub recipient_org_number: Option<OrgNumber>,
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
    /// The date printed on it.
    pub date: NaiveDate,
    /// The controller for `municipality`'s residents.
    pub controller: Organisation,
    /// Every controller of the municipalities the document covers, with its recipient.
    pub controllers: Vec<Controller>,
    /// The municipalities the document covers.
    pub covered: Vec<Participant>,
    /// Where applications are addressed.
    pub recipient: Organisation,
    /// The municipality the document is for (a letter's or news text's own municipality; an
    /// agreement's first covered municipality).
    pub municipality: Participant,
    /// What nav.no shows residents of `municipality`.
    pub routing: Routing,
    /// The host municipality of a host or board cooperation.
    pub host: Option<Organisation>,
    /// The host agreement, where the profile gives it.
    pub host_agreement: Option<HostAgreement>,
    /// The inter-municipal body of the board model.
    pub board: Option<BoardBody>,
    /// The contact person named on the document: `municipality`'s own.
    pub contact: ContactPerson,
    /// The data protection officer of `controller`, where the profile gives one.
    pub privacy_officer: Option<Contact>,
    /// An agreement that relies on reference facts not yet confirmed: a draft.
    pub draft: bool,
    /// The connection fee of `party`.
    pub fee: Fee,
    /// Which optional clauses apply.
    pub clauses: Clauses,
    /// Signature blocks, in order; empty for documents that are not signed.
    pub signatures: Vec<Signature>,
}

/// A controller and where its residents' applications go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Controller {
    /// The controller.
    pub organisation: Organisation,
    /// Where its applications are addressed.
    pub recipient: Organisation,
    /// The municipalities it is controller for.
    pub municipalities: Vec<Organisation>,
    /// Its data protection officer, where the profile gives one.
    pub privacy_officer: Option<Contact>,
    /// Its contact person for Digisos.
    pub contact: ContactPerson,
}

/// A contact person and the organisation they are named for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactPerson {
    /// The person.
    pub contact: Contact,
    /// Their municipality, e.g. "Karasjok kommune".
    pub organisation: String,
    /// The person is the host's, named on a member's document that has none of its own.
    pub borrowed_from_host: bool,
}

/// The inter-municipal body of the board model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardBody {
    /// Its name and organisation number.
    pub organisation: Organisation,
    /// Its legal form.
    pub legal_form: LegalForm,
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
    /// Every population it is computed from is the register's, on its reference date.
    pub population_from_register: bool,
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
    /// The host signs in its own name as controller for several municipalities.
    pub on_behalf_of_members: bool,
    /// Each municipality of the cooperation signs its own agreements.
    pub each_member_signs: bool,
    /// The party is an inter-municipal body.
    pub board_is_party: bool,
    /// The body signs as the members' authorised agent; the members are controllers.
    pub board_signs_for_members: bool,
    /// The body itself is controller (a kommuneloven 1992 § 27 body).
    pub board_is_controller: bool,
    /// The handbook does not settle the model: state the assumption, to be confirmed.
    pub board_assumption: bool,
    /// The host's staff process a member's residents' data (host without transfer).
    pub host_staff_process: bool,
    /// The document's municipality is a member, not the host.
    pub is_member: bool,
    /// The document's municipality signs agreements with the Directorate itself.
    pub signs_agreements: bool,
    /// The connection fee is invoiced to the document's municipality.
    pub pays_connection_fee: bool,
    /// The host agreement must state the transfer of controllership.
    pub host_transfer: bool,
    /// The NAV office handles applications from more than one municipality.
    pub shared_office: bool,
    /// The status service (*innsyn*) is part of the agreement.
    pub innsyn: bool,
    /// The connection fee is computed from several municipalities' combined population.
    pub fee_combined: bool,
}

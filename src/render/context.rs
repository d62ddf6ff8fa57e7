//! The values a template sees, built from a planned document and the reference data
//! (templates/README.md lists them). Nothing here decides: it formats what the plan decided.

use super::format;
use crate::plan::{
    Controller, DocumentJob, FeeRule, Organisation, Participant, Plan, timeline::DatedStep,
};
use crate::profile::{Contact, Language};
use crate::reference::{Emails, Fact, Reference, SubProcessor, Term, Urls};
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything a template can use, already formatted for print.
#[derive(Debug, Serialize)]
pub struct Context<'a> {
    doc: Doc,
    agreement_date: String,
    publication_date: String,
    connection_date: String,
    batch: &'a str,
    nav: &'a str,
    model: Model,
    party: Party<'a>,
    directorate: Directorate<'a>,
    controller: Org<'a>,
    controllers: Vec<ControllerEntry>,
    covered: Vec<Member<'a>>,
    recipient: Org<'a>,
    municipality: Municipality<'a>,
    host: HostOrg,
    host_agreement: HostAgreement,
    board: Board,
    contact: ContactText<'a>,
    privacy_officer: ContactText<'a>,
    nav_office: NavOffice<'a>,
    routing: Routing<'a>,
    case_system: CaseSystem<'a>,
    fee: Fee,
    prices: Prices<'a>,
    processing: BTreeMap<&'static str, FactText<'a>>,
    sub_processors: SubProcessors<'a>,
    third_parties: Vec<ThirdParty<'a>>,
    terms: BTreeMap<&'static str, TermText<'a>>,
    draft: Draft,
    unknown: &'a str,
    urls: &'a Urls,
    emails: &'a Emails,
    kontaktsenter_phone: &'a str,
    signing_channel: &'a str,
    clauses: crate::plan::Clauses,
    steps: BTreeMap<&'static str, Step>,
    adjusted: Vec<Moved>,
}

#[derive(Debug, Serialize)]
struct Step {
    from: String,
    to: String,
    single: bool,
    inferred: bool,
    when: String,
}

#[derive(Debug, Serialize)]
struct Moved {
    original: String,
    moved_to: String,
}

#[derive(Debug, Serialize)]
struct Doc {
    date: String,
    language: &'static str,
}

#[derive(Debug, Serialize)]
struct Model {
    name: &'static str,
}

#[derive(Debug, Serialize)]
struct Person<'a> {
    name: &'a str,
    title: &'a str,
}

#[derive(Debug, Serialize)]
struct Party<'a> {
    name: &'a str,
    org_number: String,
    address: &'a str,
    signatory: Person<'a>,
}

#[derive(Debug, Serialize)]
struct Directorate<'a> {
    name: &'a str,
    org_number: String,
    org_number_confirmed: bool,
    address: &'a str,
    signatory: Person<'a>,
}

#[derive(Debug, Serialize)]
struct Org<'a> {
    name: &'a str,
    org_number: String,
}

#[derive(Debug, Serialize)]
struct ControllerEntry {
    name: String,
    org_number: String,
    recipient_name: String,
    recipient_org_number: String,
    municipalities: String,
    privacy_officer: PersonText,
    contact: PersonText,
}

/// A person as an owned text, for lists.
#[derive(Debug, Serialize)]
struct PersonText {
    name: String,
    email: String,
    phone: String,
    organisation: String,
}

impl From<ContactText<'_>> for PersonText {
    fn from(c: ContactText<'_>) -> Self {
        PersonText {
            name: c.name.to_owned(),
            email: c.email.to_owned(),
            phone: c.phone.to_owned(),
            organisation: c.organisation.to_owned(),
        }
    }
}

#[derive(Debug, Serialize)]
struct Member<'a> {
    name: String,
    number: &'a str,
    org_number: String,
}

#[derive(Debug, Serialize)]
struct Municipality<'a> {
    name: String,
    short_name: &'a str,
    number: &'a str,
    county: &'a str,
    sami_name: &'a str,
    /// In the Sami language area: residents may contact the office and the municipality
    /// in Sami (sameloven § 3-3).
    sami_area: bool,
    population: String,
}

#[derive(Debug, Serialize, Default)]
struct HostOrg {
    name: String,
    org_number: String,
}

#[derive(Debug, Serialize)]
struct HostAgreement {
    date: String,
    clause: String,
    known: bool,
}

#[derive(Debug, Serialize, Default)]
struct Board {
    name: String,
    org_number: String,
    legal_form: String,
    law: String,
}

#[derive(Debug, Serialize)]
struct NavOffice<'a> {
    name: &'a str,
    address: &'a str,
    phone: &'a str,
    opening_hours: &'a str,
    phone_is_kontaktsenter: bool,
}

#[derive(Debug, Serialize)]
struct Routing<'a> {
    unit: &'a str,
    municipality: &'a str,
    navno_text: String,
    served: &'a [String],
}

#[derive(Debug, Serialize)]
struct CaseSystem<'a> {
    vendor: &'a str,
    product: &'a str,
}

#[derive(Debug, Serialize)]
struct ContactText<'a> {
    name: &'a str,
    email: &'a str,
    phone: &'a str,
    organisation: &'a str,
}

#[derive(Debug, Serialize)]
struct Fee {
    population: String,
    population_basis: String,
    flat: bool,
    at_threshold: bool,
    amount: String,
    arithmetic: String,
    threshold: String,
    flat_amount: String,
    per_inhabitant: String,
}

#[derive(Debug, Serialize)]
struct Prices<'a> {
    as_of: String,
    source: &'a str,
    svarut_per_shipment: String,
    innsyn_per_document_month: String,
    storage_per_gb_month: String,
    nav_running_cost_per_year: String,
}

#[derive(Debug, Serialize)]
struct FactText<'a> {
    text: &'a str,
    known: bool,
    source: &'a str,
}

#[derive(Debug, Serialize)]
struct SubProcessors<'a> {
    known: bool,
    as_of: String,
    source: &'a str,
    text: &'a str,
    list: &'a [SubProcessor],
}

#[derive(Debug, Serialize)]
struct ThirdParty<'a> {
    name: &'a str,
    role: &'a str,
}

#[derive(Debug, Serialize)]
struct TermText<'a> {
    text: &'a str,
    assumed: bool,
}

#[derive(Debug, Serialize)]
struct Draft {
    active: bool,
    missing: Vec<String>,
}

impl<'a> Context<'a> {
    /// The context of `job`, one of `plan`'s documents.
    pub fn new(plan: &'a Plan, job: &'a DocumentJob, reference: &'a Reference) -> Self {
        let language = job.language;
        let unknown = reference.unknown.get(language);
        Context {
            doc: Doc {
                date: format::date(job.date),
                language: language.code(),
            },
            agreement_date: format::date(plan.dates.agreement),
            publication_date: format::date(plan.dates.publication),
            connection_date: format::date(plan.dates.connection),
            batch: plan.batch.as_deref().unwrap_or(""),
            nav: &reference.nav_brand,
            model: Model {
                name: plan.rules.name(language),
            },
            party: party(job),
            directorate: directorate(reference),
            controller: org(&job.controller),
            controllers: job
                .controllers
                .iter()
                .map(|c| controller(c, language))
                .collect(),
            covered: job.covered.iter().map(member).collect(),
            recipient: org(&job.recipient),
            municipality: municipality(&job.municipality),
            host: host(job),
            host_agreement: host_agreement(job),
            board: board(job, language),
            contact: ContactText {
                organisation: &job.contact.organisation,
                ..contact(&job.contact.contact)
            },
            privacy_officer: privacy_officer(job.privacy_officer.as_ref(), language),
            nav_office: nav_office(plan, language),
            routing: routing(job),
            case_system: CaseSystem {
                vendor: &plan.case_system.vendor,
                product: &plan.case_system.product,
            },
            fee: fee(job, reference, language),
            prices: prices(reference, language),
            processing: processing(reference, language, unknown),
            sub_processors: sub_processors(reference, unknown),
            third_parties: third_parties(reference, language),
            terms: terms(reference, language),
            draft: draft(job, reference),
            unknown,
            urls: &reference.urls,
            emails: &reference.emails,
            kontaktsenter_phone: &reference.kontaktsenter_phone,
            signing_channel: &reference.signing_channel,
            clauses: job.clauses,
            steps: steps(plan),
            adjusted: adjusted(plan),
        }
    }
}

fn party(job: &DocumentJob) -> Party<'_> {
    Party {
        name: &job.party.organisation.name,
        org_number: job.party.organisation.org_number.grouped(),
        address: job.party.address.as_deref().unwrap_or(""),
        signatory: Person {
            name: &job.party.signatory.name,
            title: &job.party.signatory.title,
        },
    }
}

/// The host of a host or board cooperation. Empty otherwise: the templates name the host
/// only in clauses that such cooperations switch on.
fn host(job: &DocumentJob) -> HostOrg {
    job.host
        .as_ref()
        .map_or_else(HostOrg::default, |h| HostOrg {
            name: h.name.clone(),
            org_number: h.org_number.grouped(),
        })
}

fn nav_office(plan: &Plan, language: Language) -> NavOffice<'_> {
    NavOffice {
        name: &plan.office.name,
        address: &plan.office.address,
        phone: &plan.office.phone,
        opening_hours: plan
            .office
            .opening_hours
            .as_ref()
            .and_then(|o| o.get(language))
            .unwrap_or(""),
        phone_is_kontaktsenter: plan.office.phone_is_kontaktsenter,
    }
}

fn routing(job: &DocumentJob) -> Routing<'_> {
    Routing {
        unit: &job.routing.unit,
        municipality: &job.routing.municipality,
        // nav.no's own wording (navikt/sosialhjelp-soknad), quoted in bokmål in every document.
        navno_text: format!(
            "Søknaden vil bli sendt til: {}, {}.",
            job.routing.unit, job.routing.municipality
        ),
        served: &job.routing.served,
    }
}

fn processing<'a>(
    reference: &'a Reference,
    language: Language,
    unknown: &'a str,
) -> BTreeMap<&'static str, FactText<'a>> {
    reference
        .processing
        .all()
        .into_iter()
        .map(|(name, f)| (name, fact(f, language, unknown)))
        .collect()
}

/// The Directorate's sub-processors. Until the list is confirmed, `text` carries the
/// "not known" marker, so the agreement never presents an unconfirmed list as final.
fn sub_processors<'a>(reference: &'a Reference, unknown: &'a str) -> SubProcessors<'a> {
    let s = &reference.sub_processors;
    SubProcessors {
        known: s.confirmed,
        as_of: format::date(s.as_of),
        source: &s.source,
        text: if s.confirmed { "" } else { unknown },
        list: &s.list,
    }
}

fn third_parties(reference: &Reference, language: Language) -> Vec<ThirdParty<'_>> {
    reference
        .third_parties
        .iter()
        .map(|t| ThirdParty {
            name: &t.name,
            role: t.role.get(language),
        })
        .collect()
}

fn terms(reference: &Reference, language: Language) -> BTreeMap<&'static str, TermText<'_>> {
    reference
        .terms
        .all()
        .into_iter()
        .map(|(name, t)| (name, term(t, language)))
        .collect()
}

/// A draft lists the reference facts still unconfirmed, so the reader knows what may change
/// before signing; a final document lists none.
fn draft(job: &DocumentJob, reference: &Reference) -> Draft {
    Draft {
        active: job.draft,
        missing: if job.draft {
            reference.unconfirmed(job.language)
        } else {
            Vec::new()
        },
    }
}

/// The timeline's steps by id, so that a template can name the step it needs.
fn steps(plan: &Plan) -> BTreeMap<&'static str, Step> {
    plan.timeline
        .steps
        .iter()
        .map(|s| (s.step.id, step(s)))
        .collect()
}

/// The dates moved off a weekend or public holiday, for the note that explains them.
fn adjusted(plan: &Plan) -> Vec<Moved> {
    plan.timeline
        .moved
        .iter()
        .map(|m| Moved {
            original: format::date(m.original),
            moved_to: format::date(m.moved_to),
        })
        .collect()
}

fn org(o: &Organisation) -> Org<'_> {
    Org {
        name: &o.name,
        org_number: o.org_number.grouped(),
    }
}

fn member(p: &Participant) -> Member<'_> {
    Member {
        name: p.organisation().name,
        number: &p.number,
        org_number: p.org_number.grouped(),
    }
}

fn municipality(p: &Participant) -> Municipality<'_> {
    Municipality {
        name: p.organisation().name,
        short_name: &p.short_name,
        number: &p.number,
        county: &p.county,
        sami_name: p.sami_name.as_deref().unwrap_or(""),
        sami_area: p.sami_language.is_some(),
        population: format::integer(p.population.into()),
    }
}

fn directorate(reference: &Reference) -> Directorate<'_> {
    let d = &reference.directorate;
    Directorate {
        name: &d.name,
        org_number: d.org_number.grouped(),
        org_number_confirmed: d.org_number_confirmed,
        address: &d.address,
        signatory: Person {
            name: &d.signatory_name,
            title: &d.signatory_title,
        },
    }
}

fn controller(c: &Controller, language: Language) -> ControllerEntry {
    let names: Vec<&str> = c.municipalities.iter().map(|m| m.name.as_str()).collect();
    ControllerEntry {
        name: c.organisation.name.clone(),
        org_number: c.organisation.org_number.grouped(),
        recipient_name: c.recipient.name.clone(),
        recipient_org_number: c.recipient.org_number.grouped(),
        municipalities: format::list(&names),
        privacy_officer: privacy_officer(c.privacy_officer.as_ref(), language).into(),
        contact: ContactText {
            organisation: &c.contact.organisation,
            ..contact(&c.contact.contact)
        }
        .into(),
    }
}

/// The data protection officer, or a marker: only the municipality can name its own.
fn privacy_officer(c: Option<&Contact>, language: Language) -> ContactText<'_> {
    c.map_or(
        ContactText {
            name: language.pick(
                "⟦KOMMUNEN FYLLER UT: personvernombud⟧",
                "⟦KOMMUNEN FYLLER UT: personvernombod⟧",
            ),
            email: "",
            phone: "",
            organisation: "",
        },
        contact,
    )
}

/// The host agreement as the profile gives it; what it leaves out is marked, since only the
/// municipality can give it.
fn host_agreement(job: &DocumentJob) -> HostAgreement {
    let agreement = job.host_agreement.as_ref();
    let date = agreement.and_then(|a| a.date).map(format::date);
    let clause = agreement.and_then(|a| a.clause.clone());
    let missing = || {
        job.language
            .pick(
                "⟦KOMMUNEN FYLLER UT: ikke oppgitt i profilen (cooperation.agreement)⟧",
                "⟦KOMMUNEN FYLLER UT: ikkje oppgitt i profilen (cooperation.agreement)⟧",
            )
            .to_owned()
    };
    HostAgreement {
        known: date.is_some() && clause.is_some(),
        date: date.unwrap_or_else(missing),
        clause: clause.unwrap_or_else(missing),
    }
}

fn board(job: &DocumentJob, language: Language) -> Board {
    use crate::profile::LegalForm;
    let Some(body) = &job.board else {
        return Board::default();
    };
    let (legal_form, law) = match body.legal_form {
        LegalForm::Oppgavefellesskap => (
            language.pick(
                "kommunalt oppgavefellesskap etter kommuneloven kapittel 19",
                "kommunalt oppgåvefellesskap etter kommunelova kapittel 19",
            ),
            language.pick(
                "kommuneloven (lov 22. juni 2018 nr. 83) kapittel 19",
                "kommunelova (lov 22. juni 2018 nr. 83) kapittel 19",
            ),
        ),
        LegalForm::Iks => (
            language.pick(
                "interkommunalt selskap etter IKS-loven",
                "interkommunalt selskap etter IKS-lova",
            ),
            language.pick(
                "lov 29. januar 1999 nr. 6 om interkommunale selskaper (IKS-loven)",
                "lov 29. januar 1999 nr. 6 om interkommunale selskaper (IKS-lova)",
            ),
        ),
        LegalForm::Paragraph27 => (
            language.pick(
                "interkommunalt styre etter kommuneloven 1992 § 27",
                "interkommunalt styre etter kommunelova 1992 § 27",
            ),
            language.pick(
                "kommuneloven 1992 (lov 25. september 1992 nr. 107) § 27, videreført etter overgangsregelen i kommuneloven 2018",
                "kommunelova 1992 (lov 25. september 1992 nr. 107) § 27, vidareført etter overgangsregelen i kommunelova 2018",
            ),
        ),
    };
    Board {
        name: body.organisation.name.clone(),
        org_number: body.organisation.org_number.grouped(),
        legal_form: legal_form.to_owned(),
        law: law.to_owned(),
    }
}

fn contact(c: &Contact) -> ContactText<'_> {
    ContactText {
        name: &c.name,
        email: &c.email,
        phone: c.phone.as_deref().unwrap_or(""),
        organisation: "",
    }
}

fn fee(job: &DocumentJob, reference: &Reference, language: Language) -> Fee {
    let prices = &reference.prices;
    let fee = job.fee;
    let per_inhabitant = format::kroner(prices.connection_per_inhabitant_ore);
    let population_basis = if fee.population_from_register {
        format!("per {} (SSB)", format::date(reference.population_date))
    } else {
        language
            .pick("oppgitt av kommunen", "oppgitt av kommunen sjølv")
            .to_owned()
    };
    Fee {
        population: format::integer(fee.population.into()),
        population_basis,
        flat: fee.rule == FeeRule::Flat,
        at_threshold: fee.population == prices.connection_threshold,
        amount: format::kroner(fee.amount_ore),
        arithmetic: format!(
            "{} × {} = {}",
            format::integer(fee.population.into()),
            per_inhabitant,
            format::kroner(u64::from(fee.population) * prices.connection_per_inhabitant_ore)
        ),
        threshold: format::integer(prices.connection_threshold.into()),
        flat_amount: format::kroner(prices.connection_flat_nok * 100),
        per_inhabitant,
    }
}

fn prices(reference: &Reference, language: Language) -> Prices<'_> {
    let prices = &reference.prices;
    Prices {
        as_of: format::date(prices.as_of),
        source: prices.source.get(language),
        svarut_per_shipment: format::kroner(prices.svarut_per_shipment_ore),
        innsyn_per_document_month: format::kroner(prices.innsyn_per_document_month_ore),
        storage_per_gb_month: format::kroner(prices.storage_per_gb_month_ore),
        nav_running_cost_per_year: format::kroner(prices.nav_running_cost_per_year_nok * 100),
    }
}

fn fact<'a>(f: &'a Fact, language: Language, unknown: &'a str) -> FactText<'a> {
    FactText {
        text: f.value.as_ref().map_or(unknown, |v| v.get(language)),
        known: f.value.is_some(),
        source: &f.source,
    }
}

fn term(t: &Term, language: Language) -> TermText<'_> {
    TermText {
        text: t.value.get(language),
        assumed: t.assumed,
    }
}

fn step(s: &DatedStep) -> Step {
    let (from, to) = s.dates.map_or((String::new(), String::new()), |(a, b)| {
        (format::date(a), format::date(b))
    });
    let mut when = match s.dates {
        Some((a, b)) if a == b => from.clone(),
        Some((a, b)) => format::date_range(a, b),
        None => String::new(),
    };
    if s.step.inferred {
        // The same word in both standards.
        when.push_str(" (anslått)");
    }
    Step {
        single: from == to,
        from,
        to,
        inferred: s.step.inferred,
        when,
    }
}

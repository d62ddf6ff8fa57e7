//! The values a template sees, built from a planned document (templates/README.md lists them).

use super::format;
use crate::plan::{DocumentJob, FeeRule, Organisation, Participant, Plan};
use crate::reference::{Emails, Reference, Urls};
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything a template can use, already formatted for print.
#[derive(Debug, Serialize)]
pub struct Context<'a> {
    doc: Doc,
    batch: &'a str,
    connection_date: String,
    model: Model,
    party: Party<'a>,
    directorate: Directorate<'a>,
    controller: Org<'a>,
    covered: Vec<Member<'a>>,
    recipient: Org<'a>,
    municipality: Municipality<'a>,
    nav_office: NavOffice<'a>,
    routing: Routing<'a>,
    case_system: CaseSystem<'a>,
    contact: Contact<'a>,
    privacy_officer: Contact<'a>,
    fee: Fee,
    prices: Prices,
    urls: &'a Urls,
    emails: &'a Emails,
    kontaktsenter_phone: &'a str,
    signing_channel: &'a str,
    venue: &'a str,
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
    key: &'static str,
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
    address: &'a str,
    signatory: Person<'a>,
}

#[derive(Debug, Serialize)]
struct Org<'a> {
    name: &'a str,
    org_number: String,
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
    population: String,
}

#[derive(Debug, Serialize)]
struct NavOffice<'a> {
    name: &'a str,
    address: &'a str,
    phone: &'a str,
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
struct Contact<'a> {
    name: &'a str,
    email: &'a str,
    phone: &'a str,
}

#[derive(Debug, Serialize)]
struct Fee {
    population: String,
    flat: bool,
    at_threshold: bool,
    amount: String,
    arithmetic: String,
    threshold: String,
    flat_amount: String,
    per_inhabitant: String,
}

#[derive(Debug, Serialize)]
struct Prices {
    as_of: String,
    svarut_per_shipment: String,
    innsyn_per_document_month: String,
    storage_per_gb_month: String,
    nav_running_cost_per_year: String,
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

impl<'a> Context<'a> {
    /// The context of `job`, one of `plan`'s documents.
    pub fn new(plan: &'a Plan, job: &'a DocumentJob, reference: &'a Reference) -> Self {
        let profile = &plan.profile;
        let prices = &reference.prices;
        let fee = job.fee;
        let per_inhabitant = format::kroner(prices.connection_per_inhabitant_ore);

        Context {
            doc: Doc {
                date: format::date(profile.documents_date),
                language: job.language.code(),
            },
            batch: profile.batch.as_deref().unwrap_or(""),
            connection_date: format::date(profile.connection_date),
            model: Model {
                key: plan.rules.key,
                name: plan.rules.name[match job.language {
                    crate::profile::Language::Nb => 0,
                    crate::profile::Language::Nn => 1,
                }],
            },
            party: Party {
                name: &job.party.organisation.name,
                org_number: job.party.organisation.org_number.grouped(),
                address: job.party.address.as_deref().unwrap_or(""),
                signatory: Person {
                    name: &job.party.signatory.name,
                    title: &job.party.signatory.title,
                },
            },
            directorate: Directorate {
                name: &reference.directorate.name,
                org_number: reference.directorate.org_number.grouped(),
                address: &reference.directorate.address,
                signatory: Person {
                    name: &reference.directorate.signatory_name,
                    title: &reference.directorate.signatory_title,
                },
            },
            controller: org(&job.controller),
            covered: job.covered.iter().map(member).collect(),
            recipient: org(&job.recipient),
            municipality: Municipality {
                name: job.municipality.organisation().name,
                short_name: &job.municipality.short_name,
                number: &job.municipality.number,
                county: &job.municipality.county,
                sami_name: job.municipality.sami_name.as_deref().unwrap_or(""),
                population: format::integer(job.municipality.population.into()),
            },
            nav_office: NavOffice {
                name: &profile.nav_office.name,
                address: &profile.nav_office.address,
                phone: &profile.nav_office.phone,
            },
            routing: Routing {
                unit: &job.routing.unit,
                municipality: &job.routing.municipality,
                // nav.no's own wording (navikt/sosialhjelp-soknad), quoted in bokmål in every document.
                navno_text: format!(
                    "Søknaden vil bli sendt til: {}, {}.",
                    job.routing.unit, job.routing.municipality
                ),
                served: &job.routing.served,
            },
            case_system: CaseSystem {
                vendor: &profile.case_system.vendor,
                product: &profile.case_system.product,
            },
            contact: contact(&profile.municipality.contact),
            privacy_officer: contact(&profile.municipality.privacy_officer),
            fee: Fee {
                population: format::integer(fee.population.into()),
                flat: fee.rule == FeeRule::Flat,
                at_threshold: fee.population == prices.connection_threshold,
                amount: format::kroner(fee.amount_ore),
                arithmetic: format!(
                    "{} × {} = {}",
                    format::integer(fee.population.into()),
                    per_inhabitant,
                    format::kroner(
                        u64::from(fee.population) * prices.connection_per_inhabitant_ore
                    )
                ),
                threshold: format::integer(prices.connection_threshold.into()),
                flat_amount: format::kroner(prices.connection_flat_nok * 100),
                per_inhabitant,
            },
            prices: Prices {
                as_of: format::date(prices.as_of),
                svarut_per_shipment: format::kroner(prices.svarut_per_shipment_ore),
                innsyn_per_document_month: format::kroner(prices.innsyn_per_document_month_ore),
                storage_per_gb_month: format::kroner(prices.storage_per_gb_month_ore),
                nav_running_cost_per_year: format::kroner(
                    prices.nav_running_cost_per_year_nok * 100,
                ),
            },
            urls: &reference.urls,
            emails: &reference.emails,
            kontaktsenter_phone: &reference.kontaktsenter_phone,
            signing_channel: &reference.signing_channel,
            venue: &reference.venue,
            clauses: job.clauses,
            steps: plan
                .timeline
                .0
                .iter()
                .map(|s| {
                    let (from, to) = s.dates.map_or((String::new(), String::new()), |(a, b)| {
                        (format::date(a), format::date(b))
                    });
                    (
                        s.step.id,
                        Step {
                            single: from == to,
                            from,
                            to,
                            inferred: s.step.inferred,
                        },
                    )
                })
                .collect(),
            adjusted: plan
                .timeline
                .1
                .iter()
                .map(|m| Moved {
                    original: format::date(m.original),
                    moved_to: format::date(m.moved_to),
                })
                .collect(),
        }
    }
}

fn contact(c: &crate::profile::Contact) -> Contact<'_> {
    Contact {
        name: &c.name,
        email: &c.email,
        phone: c.phone.as_deref().unwrap_or(""),
    }
}

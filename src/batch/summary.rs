//! `batch-summary.csv` and `batch-summary.pdf`: one row per pack, and totals.

use super::Report;
use crate::Error;
use crate::pipeline::{PageSpec, Pipeline};
use crate::plan::Plan;
use crate::render;
use chrono::NaiveDate;
use serde::Serialize;

/// One pack's line in the summary, from its plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The pack's name, e.g. `3201-baerum`.
    pub pack: String,
    /// The profile's municipality, e.g. "Bærum kommune".
    pub municipality: String,
    /// The participating municipalities.
    pub municipalities: usize,
    /// The model's key.
    pub model: &'static str,
    /// The parties the Directorate signs with.
    pub parties: Vec<String>,
    /// Their signatories, "name (title)".
    pub signatories: Vec<String>,
    /// The written standards of the documents.
    pub languages: Vec<&'static str>,
    /// The connection date.
    pub connection_date: NaiveDate,
    /// The documents' date.
    pub documents_date: NaiveDate,
    /// The connection fees of all parties, in øre excluding VAT.
    pub fee_ore: u64,
    /// The documents in the pack.
    pub documents: usize,
    /// The municipalities whose citizen texts wait for their Sami version, e.g.
    /// "Kautokeino kommune (sme)".
    pub awaiting_sami: Vec<String>,
}

impl Row {
    /// The row of `plan`'s pack.
    pub fn new(plan: &Plan) -> Self {
        let agreements: Vec<_> = plan.agreements().collect();
        let mut languages: Vec<&'static str> =
            plan.documents.iter().map(|d| d.language.code()).collect();
        languages.sort_unstable();
        languages.dedup();
        let mut municipalities: Vec<&str> = plan
            .documents
            .iter()
            .map(|d| d.municipality.number.as_str())
            .collect();
        municipalities.sort_unstable();
        municipalities.dedup();
        Row {
            pack: plan.pack_name.clone(),
            municipality: plan
                .documents
                .iter()
                .find(|d| d.municipality.is_host)
                .map_or_else(
                    || plan.pack_name.clone(),
                    |d| d.municipality.organisation().name,
                ),
            municipalities: municipalities.len(),
            model: plan.rules.model.key(),
            parties: agreements
                .iter()
                .map(|d| d.party.organisation.name.clone())
                .collect(),
            signatories: agreements
                .iter()
                .map(|d| format!("{} ({})", d.party.signatory.name, d.party.signatory.title))
                .collect(),
            languages,
            awaiting_sami: crate::translate::awaiting_sami(plan)
                .iter()
                .map(|(p, l)| format!("{} ({})", p.organisation().name, l.code()))
                .collect(),
            connection_date: plan.dates.connection,
            documents_date: plan.dates.agreement,
            fee_ore: agreements.iter().map(|d| d.fee.amount_ore).sum(),
            documents: plan.documents.len(),
        }
    }
}

/// The summary of a batch.
pub struct Summary {
    /// `batch-summary.csv`.
    pub csv: Vec<u8>,
    /// `batch-summary.pdf`.
    pub pdf: Vec<u8>,
}

#[derive(Serialize)]
struct Line {
    profile: String,
    municipality: String,
    model: String,
    parties: String,
    signatories: String,
    languages: String,
    connection_date: String,
    fee: String,
    documents: String,
    status: String,
    ok: bool,
    /// Municipalities waiting for their Sami text, or empty.
    awaiting_sami: String,
}

#[derive(Serialize)]
struct Context {
    batch: String,
    lines: Vec<Line>,
    packs: usize,
    failed: usize,
    municipalities: usize,
    documents: usize,
    fees: String,
}

impl Summary {
    /// Builds both files from `report`.
    pub fn new(report: &Report, batch: Option<&str>, pipeline: &Pipeline) -> Result<Self, Error> {
        let mut csv = String::from(
            "profile,pack,municipality,model,parties,signatories,languages,connection_date,connection_fee_nok_excl_vat,documents,status,awaiting_sami\n",
        );
        let mut lines = Vec::new();
        let (mut municipalities, mut documents, mut fees) = (0, 0, 0);
        for o in &report.outcomes {
            let profile = o
                .profile
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let r = o.row.as_ref();
            let waiting = r.map(|r| r.awaiting_sami.join(", ")).unwrap_or_default();
            let status = match &o.result {
                Ok(_) => "ok".to_owned(),
                Err(e) => format!("error: {}", one_line(e)),
            };
            if let (Some(r), Ok(_)) = (r, &o.result) {
                municipalities += r.municipalities;
                documents += r.documents;
                fees += r.fee_ore;
            }
            let field = |f: &dyn Fn(&Row) -> String| r.map(f).unwrap_or_default();
            let cells = [
                profile.clone(),
                field(&|r| r.pack.clone()),
                field(&|r| r.municipality.clone()),
                field(&|r| r.model.to_owned()),
                field(&|r| r.parties.join("; ")),
                field(&|r| r.signatories.join("; ")),
                field(&|r| r.languages.join(" ")),
                field(&|r| r.connection_date.to_string()),
                field(&|r| format!("{}.{:02}", r.fee_ore / 100, r.fee_ore % 100)),
                field(&|r| r.documents.to_string()),
                status.clone(),
                waiting.clone(),
            ];
            csv.push_str(
                &cells
                    .iter()
                    .map(|c| csv_cell(c))
                    .collect::<Vec<_>>()
                    .join(","),
            );
            csv.push('\n');
            lines.push(Line {
                profile,
                municipality: field(&|r| r.municipality.clone()),
                model: field(&|r| r.model.to_owned()),
                parties: field(&|r| r.parties.join("; ")),
                signatories: field(&|r| r.signatories.join("; ")),
                languages: field(&|r| r.languages.join(", ")),
                connection_date: field(&|r| render::date(r.connection_date)),
                fee: field(&|r| render::kroner(r.fee_ore)),
                documents: field(&|r| r.documents.to_string()),
                ok: o.result.is_ok(),
                awaiting_sami: waiting,
                status,
            });
        }
        let failed = report.outcomes.iter().filter(|o| o.result.is_err()).count();
        csv.push_str(&format!(
            "TOTAL,,{municipalities} municipalities,,,,,,{}.{:02},{documents},{} ok / {failed} failed,\n",
            fees / 100,
            fees % 100,
            report.outcomes.len() - failed
        ));
        let context = Context {
            batch: batch.unwrap_or_default().to_owned(),
            packs: report.outcomes.len() - failed,
            failed,
            municipalities,
            documents,
            fees: render::kroner(fees),
            lines,
        };
        // The summary is dated by its newest pack, so the same batch gives the same bytes.
        let date = report
            .outcomes
            .iter()
            .filter_map(|o| o.row.as_ref().map(|r| r.documents_date))
            .max()
            .unwrap_or(NaiveDate::MIN);
        let spec = PageSpec {
            template: "nb/batch-summary.md.tera",
            file: "batch-summary.pdf",
            date,
            landscape: true,
        };
        let pdf = pipeline.typeset_page(&spec, &context)?;
        Ok(Summary {
            csv: csv.into_bytes(),
            pdf,
        })
    }
}

/// The error and its causes on one line, for a table cell.
fn one_line(e: &Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// RFC 4180 quoting. A leading `=`, `+`, `-` or `@` is prefixed with `'` so that a
/// spreadsheet never runs a value as a formula.
fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(super::csv_cell("a,b"), "\"a,b\"");
        assert_eq!(super::csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(super::csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(super::csv_cell("Bærum"), "Bærum");
    }
}

//! `batch-summary.csv` and `batch-summary.pdf`: one row per pack, and totals.

use super::{Outcome, Report, RunError};
use crate::Error;
use crate::pipeline::{PageSpec, Pipeline};
use crate::plan::Plan;
use crate::render;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

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
            connection_date: plan.dates.connection,
            documents_date: plan.dates.agreement,
            fee_ore: agreements.iter().map(|d| d.fee.amount_ore).sum(),
            documents: plan.documents.len(),
            awaiting_sami: crate::translate::awaiting_sami(plan)
                .iter()
                .map(|(p, l)| format!("{} ({})", p.organisation().name, l.code()))
                .collect(),
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

/// One column of the summary. The CSV and the PDF both read their cells from [`COLUMNS`], so
/// a column cannot be added, moved or dropped in one file and not in the other.
struct Column {
    /// The CSV's header.
    header: &'static str,
    /// The name the PDF template reads the cell by; `None` for a column only the CSV has.
    pdf: Option<&'static str>,
    /// The cell in the CSV: plain values a spreadsheet reads (ISO dates, decimal points).
    csv: fn(&Outcome) -> String,
    /// The cell in the PDF, where it is printed differently from the CSV's (Norwegian dates
    /// and amounts, lists with commas).
    printed: Option<fn(&Outcome) -> String>,
    /// The cell in the CSV's `TOTAL` row.
    total: fn(&Totals) -> String,
}

impl Column {
    const fn new(
        header: &'static str,
        pdf: Option<&'static str>,
        csv: fn(&Outcome) -> String,
    ) -> Self {
        Column {
            header,
            pdf,
            csv,
            printed: None,
            total: |_| String::new(),
        }
    }

    const fn printed(self, printed: fn(&Outcome) -> String) -> Self {
        Column {
            printed: Some(printed),
            ..self
        }
    }

    const fn total(self, total: fn(&Totals) -> String) -> Self {
        Column { total, ..self }
    }

    fn printed_cell(&self, outcome: &Outcome) -> String {
        self.printed.unwrap_or(self.csv)(outcome)
    }
}

/// The summary's columns, in the CSV's order.
const COLUMNS: [Column; 12] = [
    Column::new("profile", Some("profile"), profile).total(|_| "TOTAL".to_owned()),
    Column::new("pack", None, |o| cell(o, |r| r.pack.clone())),
    Column::new("municipality", Some("municipality"), |o| {
        cell(o, |r| r.municipality.clone())
    })
    .total(|t| format!("{} municipalities", t.municipalities)),
    Column::new("model", Some("model"), |o| cell(o, |r| r.model.to_owned())),
    Column::new("parties", Some("parties"), |o| {
        cell(o, |r| r.parties.join("; "))
    }),
    Column::new("signatories", Some("signatories"), |o| {
        cell(o, |r| r.signatories.join("; "))
    }),
    Column::new("languages", Some("languages"), |o| {
        cell(o, |r| r.languages.join(" "))
    })
    .printed(|o| cell(o, |r| r.languages.join(", "))),
    Column::new("connection_date", Some("connection_date"), |o| {
        cell(o, |r| r.connection_date.to_string())
    })
    .printed(|o| cell(o, |r| render::date(r.connection_date))),
    Column::new("connection_fee_nok_excl_vat", Some("fee"), |o| {
        cell(o, |r| decimal_kroner(r.fee_ore))
    })
    .printed(|o| cell(o, |r| render::kroner(r.fee_ore)))
    .total(|t| decimal_kroner(t.fee_ore)),
    Column::new("documents", Some("documents"), |o| {
        cell(o, |r| r.documents.to_string())
    })
    .total(|t| t.documents.to_string()),
    Column::new("status", Some("status"), status)
        .printed(printed_status)
        .total(|t| format!("{} ok / {} failed", t.packs, t.failed)),
    Column::new("awaiting_sami", Some("awaiting_sami"), |o| {
        cell(o, |r| r.awaiting_sami.join("; "))
    })
    .printed(|o| cell(o, |r| r.awaiting_sami.join(", "))),
];

/// The profile's file name; the whole path in the unlikely case it has none, so that the
/// row still says which profile it is.
fn profile(outcome: &Outcome) -> String {
    outcome
        .profile
        .file_name()
        .unwrap_or(outcome.profile.as_os_str())
        .to_string_lossy()
        .into_owned()
}

/// A cell from the pack's row. A profile that could not be planned has no row: its pack
/// cells are empty and its status says why.
fn cell(outcome: &Outcome, f: impl Fn(&Row) -> String) -> String {
    outcome.row.as_ref().map(f).unwrap_or_default()
}

fn status(outcome: &Outcome) -> String {
    match &outcome.result {
        Ok(_) if outcome.unchanged => "unchanged".to_owned(),
        Ok(_) => "ok".to_owned(),
        Err(e) => format!("error: {}", one_line(e)),
    }
}

/// The status as the bokmål PDF prints it; an error's message stays the command's own.
fn printed_status(outcome: &Outcome) -> String {
    match &outcome.result {
        Ok(_) if outcome.unchanged => "uendret".to_owned(),
        Ok(_) => "ok".to_owned(),
        Err(e) => format!("feil: {}", one_line(e)),
    }
}

/// Kroner with a decimal point and no grouping, as spreadsheets read numbers.
fn decimal_kroner(ore: u64) -> String {
    format!("{}.{:02}", ore / 100, ore % 100)
}

/// What the packs add up to. Only packs that were written count towards the municipalities,
/// documents and fees: a failed pack is not delivered.
struct Totals {
    packs: usize,
    failed: usize,
    municipalities: usize,
    documents: usize,
    fee_ore: u64,
}

impl Totals {
    fn of(report: &Report) -> Self {
        let failed = report.outcomes.iter().filter(|o| o.result.is_err()).count();
        let written = report
            .outcomes
            .iter()
            .filter(|o| o.result.is_ok())
            .filter_map(|o| o.row.as_ref());
        let (mut municipalities, mut documents, mut fee_ore) = (0, 0, 0);
        for r in written {
            municipalities += r.municipalities;
            documents += r.documents;
            fee_ore += r.fee_ore;
        }
        Totals {
            packs: report.outcomes.len() - failed,
            failed,
            municipalities,
            documents,
            fee_ore,
        }
    }
}

/// One line of the PDF's table: the cells by the names the template uses.
#[derive(Serialize)]
struct Line {
    #[serde(flatten)]
    cells: BTreeMap<&'static str, String>,
    ok: bool,
}

impl Line {
    fn of(outcome: &Outcome) -> Self {
        Line {
            cells: COLUMNS
                .iter()
                .filter_map(|c| c.pdf.map(|name| (name, c.printed_cell(outcome))))
                .collect(),
            ok: outcome.result.is_ok(),
        }
    }
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
    /// Builds both files from `report`; `batch` names the batch in the PDF's title.
    ///
    /// Fails with [`RunError::NoPackToSummarise`] when no profile could be planned.
    pub fn new(report: &Report, batch: Option<&str>, pipeline: &Pipeline) -> Result<Self, Error> {
        let date = date(report)?;
        let totals = Totals::of(report);
        let context = Context {
            batch: batch.unwrap_or_default().to_owned(),
            lines: report.outcomes.iter().map(Line::of).collect(),
            packs: totals.packs,
            failed: totals.failed,
            municipalities: totals.municipalities,
            documents: totals.documents,
            fees: render::kroner(totals.fee_ore),
        };
        let spec = PageSpec {
            template: "nb/batch-summary.md.tera",
            file: "batch-summary.pdf",
            date,
            landscape: true,
        };
        Ok(Summary {
            csv: csv(report, &totals).into_bytes(),
            pdf: pipeline.typeset_page(&spec, &context)?,
        })
    }
}

/// The summary is dated by its newest pack, so the same batch gives the same bytes.
fn date(report: &Report) -> Result<NaiveDate, RunError> {
    report
        .outcomes
        .iter()
        .filter_map(|o| o.row.as_ref().map(|r| r.documents_date))
        .max()
        .ok_or(RunError::NoPackToSummarise)
}

/// The CSV: the header, one row per profile in the batch's order, and the totals.
fn csv(report: &Report, totals: &Totals) -> String {
    let mut csv = csv_line(COLUMNS.iter().map(|c| c.header.to_owned()));
    for outcome in &report.outcomes {
        csv.push_str(&csv_line(COLUMNS.iter().map(|c| (c.csv)(outcome))));
    }
    csv.push_str(&csv_line(COLUMNS.iter().map(|c| (c.total)(totals))));
    csv
}

fn csv_line(cells: impl Iterator<Item = String>) -> String {
    let mut line = cells.map(|c| csv_cell(&c)).collect::<Vec<_>>().join(",");
    line.push('\n');
    line
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
    use super::*;
    use std::path::PathBuf;
    use std::time::Duration;

    fn unplanned(name: &str) -> Outcome {
        Outcome {
            profile: PathBuf::from(name),
            row: None,
            result: Err(RunError::NoPackToSummarise.into()),
            unchanged: false,
            elapsed: Duration::ZERO,
        }
    }

    #[test]
    fn the_header_every_row_and_the_totals_have_a_cell_per_column() {
        let report = Report {
            outcomes: vec![unplanned("dir/a.yaml")],
            stopped_before_rendering: false,
        };
        let csv = csv(&report, &Totals::of(&report));
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "profile,pack,municipality,model,parties,signatories,languages,connection_date,connection_fee_nok_excl_vat,documents,status,awaiting_sami"
        );
        assert!(
            lines[1].starts_with("a.yaml,,,,,,,,,,\"error: "),
            "{}",
            lines[1]
        );
        assert_eq!(
            lines[2],
            "TOTAL,,0 municipalities,,,,,,0.00,0,0 ok / 1 failed,"
        );
    }

    #[test]
    fn the_pdf_template_prints_every_pdf_cell() {
        let template = include_str!("../../templates/nb/batch-summary.md.tera");
        for name in COLUMNS.iter().filter_map(|c| c.pdf) {
            assert!(template.contains(&format!("l.{name} ")), "{name}");
        }
    }

    #[test]
    fn a_summary_without_a_planned_pack_has_no_date() {
        let report = Report {
            outcomes: vec![unplanned("a.yaml")],
            stopped_before_rendering: false,
        };
        assert!(matches!(date(&report), Err(RunError::NoPackToSummarise)));
    }

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(super::csv_cell("a,b"), "\"a,b\"");
        assert_eq!(super::csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(super::csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(super::csv_cell("Bærum"), "Bærum");
    }
}

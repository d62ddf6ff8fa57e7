//! No word runs out of its table cell or off the page.
//!
//! The check walks the pages Typst laid out (the `PagedDocument` the PDF is written from)
//! and compares the position and advance width of every run of text with two boundaries:
//!
//! - the page's text area: the page's body frame, which Typst places at the top-left margin
//!   with the size of the text area; header and footer share its left and right edges;
//! - its table cell: the layout strokes every table cell, and Typst draws the strokes as
//!   line segments. The vertical segments beside a run's baseline bound its cell on the
//!   left and right; the cell's inset is how far the closest run of that column starts from
//!   its left border (every cell is left-aligned), and the same inset must stay free on the
//!   right.
//!
//! A word that does not fit its cell therefore crosses (or touches) a border and is named
//! with the document and page. It runs on one pack per cooperation model (nb and nn), a
//! pack of the longest names the register and the field limits allow, the hostile corpus
//! and the batch summary.

use crate::util::*;
use digisos_pakke::assets::TemplateFiles;
use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::plan::Plan;
use digisos_pakke::profile::{self, Defaults, Profile};
use digisos_pakke::reference::{Reference, SubProcessor};
use digisos_pakke::render::Templates;
use digisos_pakke::typeset::{Meta, Typesetter};
use std::collections::HashMap;
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::visualize::Geometry;
use typst_layout::PagedDocument;

/// How far (pt) a run may reach past a boundary before it counts: rounding only.
const TOLERANCE: f64 = 0.5;

/// A run of text on a page, in points from the page's top-left corner.
struct Run {
    text: String,
    left: f64,
    right: f64,
    baseline: f64,
}

/// A vertical stroke segment (a table's column border).
struct Border {
    x: f64,
    top: f64,
    bottom: f64,
}

/// What is on one page.
#[derive(Default)]
struct Page {
    runs: Vec<Run>,
    borders: Vec<Border>,
    /// The text area, `(left, top, right, bottom)`.
    area: Option<(f64, f64, f64, f64)>,
    height: f64,
}

fn walk(frame: &Frame, ts: Transform, page: &mut Page) {
    let at = |p: Point| {
        let p = p.transform(ts);
        (p.x.to_pt(), p.y.to_pt())
    };
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(group.transform);
                walk(&group.frame, inner, page);
            }
            FrameItem::Text(text) => {
                let (left, baseline) = at(*pos);
                let (right, _) = at(*pos + Point::with_x(text.width()));
                page.runs.push(Run {
                    text: text.text.to_string(),
                    left,
                    right,
                    baseline,
                });
            }
            FrameItem::Shape(shape, _) => {
                if let Geometry::Line(to) = shape.geometry {
                    let (x0, y0) = at(*pos);
                    let (x1, y1) = at(*pos + to);
                    if (x0 - x1).abs() < 0.01 && (y0 - y1).abs() > 0.01 {
                        page.borders.push(Border {
                            x: x0,
                            top: y0.min(y1),
                            bottom: y0.max(y1),
                        });
                    }
                }
            }
            _ => {}
        }
    }
}

fn pages(document: &PagedDocument) -> Vec<Page> {
    document
        .pages()
        .iter()
        .map(|p| {
            let mut page = Page {
                height: p.frame.height().to_pt(),
                ..Page::default()
            };
            walk(&p.frame, Transform::identity(), &mut page);
            // The body: the page's largest direct group (header and footer are shorter).
            page.area = p
                .frame
                .items()
                .filter_map(|(pos, item)| match item {
                    FrameItem::Group(g) => Some((*pos, g.frame.size())),
                    _ => None,
                })
                .max_by(|a, b| a.1.y.to_pt().total_cmp(&b.1.y.to_pt()))
                .map(|(pos, size)| {
                    let (x, y) = (pos.x.to_pt(), pos.y.to_pt());
                    (x, y, x + size.x.to_pt(), y + size.y.to_pt())
                });
            page
        })
        .collect()
}

/// Every run of `document` that leaves its table cell or the text area, one line each.
fn overruns(name: &str, document: &PagedDocument) -> Vec<String> {
    let mut out = Vec::new();
    for (number, page) in pages(document).iter().enumerate() {
        let number = number + 1;
        let Some((left, _top, right, _bottom)) = page.area else {
            out.push(format!("{name} p. {number}: no text area found"));
            continue;
        };
        // Each run's cell: the nearest column borders on either side of its start.
        let cell = |run: &Run| -> Option<(f64, f64)> {
            let y = run.baseline - 1.0;
            let beside = page.borders.iter().filter(|b| b.top <= y && y <= b.bottom);
            let l = beside
                .clone()
                .map(|b| b.x)
                .filter(|&x| x <= run.left + TOLERANCE)
                .max_by(f64::total_cmp)?;
            let r = beside
                .map(|b| b.x)
                .filter(|&x| x > run.left + TOLERANCE)
                .min_by(f64::total_cmp)?;
            Some((l, r))
        };
        let key = |(l, r): (f64, f64)| ((l * 10.0).round() as i64, (r * 10.0).round() as i64);
        let mut inset: HashMap<(i64, i64), f64> = HashMap::new();
        for run in &page.runs {
            if let Some(c) = cell(run) {
                let e = inset.entry(key(c)).or_insert(f64::INFINITY);
                *e = e.min(run.left - c.0);
            }
        }
        for run in &page.runs {
            let words = run.text.trim();
            if words.is_empty() {
                continue;
            }
            let mut problems = Vec::new();
            if run.left < left - TOLERANCE || run.right > right + TOLERANCE {
                problems.push(format!(
                    "runs {:.1} pt outside the text area",
                    (left - run.left).max(run.right - right)
                ));
            }
            // Only header and footer sit above or below the text area, inside the page.
            if run.baseline < 0.0 || run.baseline > page.height {
                problems.push("is outside the page".to_owned());
            }
            if let Some(c) = cell(run) {
                let limit = c.1 - inset[&key(c)].max(0.0);
                if run.right > limit + TOLERANCE {
                    problems.push(format!(
                        "runs {:.1} pt past its table cell ({:.1}–{:.1} pt)",
                        run.right - limit,
                        c.0,
                        c.1
                    ));
                }
            }
            for p in problems {
                out.push(format!("{name} p. {number}: «{words}» {p}"));
            }
        }
    }
    out
}

/// The sub-processor table as a confirmed list would fill it, with long values.
fn confirmed_pipeline() -> Pipeline {
    let mut reference = Reference::load(&root().join("tests/fixtures/reference-confirmed.yaml"))
        .expect("the confirmed test reference data");
    reference.sub_processors.list.push(SubProcessor {
        name: "Eksempelleverandøren Driftstjenester Norge AS".into(),
        org_number: "999 999 999".into(),
        task: "TESTVERDI drift og overvåking av driftsinfrastrukturen, sikkerhetskopiering".into(),
        location: "Norge (Oslo og Trondheim)".into(),
        transfer_basis: "ingen overføring; drift@eksempelleverandoren.example.no".into(),
    });
    Pipeline::new(reference, &TemplateFiles::builtin()).expect("a pipeline")
}

fn check_plan(p: &Pipeline, plan: &Plan, out: &mut Vec<String>) {
    for job in &plan.documents {
        let document = p
            .document(plan, job)
            .unwrap_or_else(|e| panic!("{}/{}: {e}", plan.pack_name, job.file_stem));
        out.extend(overruns(
            &format!("{}/{}", plan.pack_name, job.file_stem),
            &document,
        ));
    }
}

/// Checks every document of `profiles` on two threads.
fn check_profiles(p: &Pipeline, profiles: &[Profile]) -> Vec<String> {
    let half = profiles.len().div_ceil(2).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = profiles
            .chunks(half)
            .map(|chunk| {
                s.spawn(move || {
                    let mut out = Vec::new();
                    for profile in chunk {
                        check_plan(p, &p.plan(profile), &mut out);
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("no panic"))
            .collect()
    })
}

/// The longest municipality name in the register, with its numbers: `(number, name, org)`.
fn longest_municipalities() -> Vec<(String, String, String)> {
    let csv = std::fs::read_to_string(root().join("data/kommuner.csv")).unwrap();
    let mut rows: Vec<(String, String, String)> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_owned(), f[1].to_owned(), f[5].to_owned())
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1.chars().count()));
    rows.truncate(2);
    rows
}

/// A board pack of the longest names: the register's longest municipality names, and a
/// board name, titles and office just under the 300-character field limit.
fn longest_names_profile(language: &str) -> Profile {
    let m = longest_municipalities();
    let long = |stem: &str, limit: usize| {
        let mut s = stem.to_owned();
        let words = [
            "interkommunale",
            "samarbeid",
            "om",
            "sosialtjenester",
            "og",
            "tilknytningskostnader",
            "for",
            "kommunene",
            "personvernkonsekvensvurderinger",
        ];
        let mut i = 0;
        while s.chars().count() + words[i % words.len()].len() + 1 < limit {
            s.push(' ');
            s.push_str(words[i % words.len()]);
            i += 1;
        }
        s
    };
    let board = long("Det", 298);
    let title = long("Styreleder og fungerende", 120);
    let office = long("NAV", 120);
    let yaml = format!(
        r#"schema: 1
municipality:
  name: "{m0}"
  number: "{n0}"
  org_number: "{o0}"
  county: Agder
  population: 3700
  language: {language}
  signatory: {{ name: "Kristoffer-Alexander Andreassen-Bjørnstad", title: "{title}" }}
  privacy_officer: {{ name: "Marie-Christine Personvernombudsen", email: "personvernombud.for.kommunesamarbeidet@kommuneeksempel.example.no" }}
  contact: {{ name: "Per Testesen", email: "per.testesen.fagsystemansvarlig@kommuneeksempel.example.no", phone: "99 99 99 01" }}
nav_office:
  name: "{office}"
  address: "Kjørboveien 20, 1337 Sandvika"
  phone: "55 55 33 33"
case_system: {{ vendor: "Visma", product: "Visma Flyt Sosial" }}
cooperation:
  model: board
  board:
    name: "{board}"
    org_number: "999999999"
    legal_form: oppgavefellesskap
    signatory: {{ name: "Knut Eksempelsen", title: "{title}" }}
  members:
    - name: "{m1}"
      number: "{n1}"
      org_number: "{o1}"
      population: 16000
      language: {language}
      contact: {{ name: "Ingrid-Marie Kontaktpersonsen", email: "fagsystemansvarlig.sosialtjenesten@kommuneeksempel.example.no", phone: "99 99 99 07" }}
      privacy_officer: {{ name: "Siri Prøvesen", email: "personvernombud.for.kommunesamarbeidet@kommuneeksempel.example.no" }}
connection:
  batch: "Pulje 16"
  date: 2026-05-04
documents:
  date: 2026-04-06
"#,
        n0 = m[0].0,
        m0 = m[0].1,
        o0 = m[0].2,
        n1 = m[1].0,
        m1 = m[1].1,
        o1 = m[1].2,
    );
    parse(&yaml).unwrap_or_else(|e| panic!("the long-name profile: {e}"))
}

fn hostile_shown() -> Vec<Profile> {
    let dir = root().join("tests/fixtures/hostile");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .any(|l| l == "# expect: shown")
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            profile::load(p, &Defaults::default())
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect()
}

/// The batch summary of `plans` (and a failed profile with a long error), laid out as the
/// batch lays it out: `nb/batch-summary.md.tera`, landscape.
fn summary(plans: &[Plan]) -> PagedDocument {
    use digisos_pakke::batch::Row;
    let mut lines: Vec<serde_json::Value> = plans
        .iter()
        .map(|plan| {
            let r = Row::new(plan);
            serde_json::json!({
                "profile": format!("{}.yaml", r.pack),
                "municipality": r.municipality,
                "model": r.model,
                "parties": r.parties.join("; "),
                "signatories": r.signatories.join("; "),
                "languages": r.languages.join(", "),
                "connection_date": digisos_pakke::render::date(r.connection_date),
                "fee": digisos_pakke::render::kroner(r.fee_ore),
                "documents": r.documents.to_string(),
                "status": "ok",
                "ok": true,
            })
        })
        .collect();
    lines.push(serde_json::json!({
        "profile": "profiler/pulje-16/interkommunalt-sosialtjenestesamarbeid-nordmore.yaml",
        "municipality": "", "model": "", "parties": "", "signatories": "", "languages": "",
        "connection_date": "", "fee": "", "documents": "",
        "status": "error: profiler/pulje-16/interkommunalt-sosialtjenestesamarbeid-nordmore.yaml:14: municipality.org_number: 935478714 is not a valid organisation number (the check digit should be 5)",
        "ok": false,
    }));
    let context = serde_json::json!({
        "batch": "Pulje 14",
        "lines": lines,
        "packs": plans.len(),
        "failed": 1,
        "municipalities": 99,
        "documents": 999,
        "fees": "1 234 567,00 kr",
    });
    let files = TemplateFiles::builtin();
    let markup = Templates::new(&files)
        .expect("templates")
        .render_named("nb/batch-summary.md.tera", &context)
        .expect("renders")
        .to_typst()
        .expect("converts");
    let meta = Meta {
        landscape: true,
        ..Meta::bare(markup.values.clone())
    };
    Typesetter::new(&files.layout.text)
        .compile(&markup.body, &meta)
        .expect("typesets")
}

#[track_caller]
fn assert_none(overruns: Vec<String>) {
    assert!(
        overruns.is_empty(),
        "{} runs of text leave their table cell or the text area:\n{}",
        overruns.len(),
        overruns.join("\n")
    );
}

#[test]
fn layout_no_text_leaves_its_cell_in_the_example_packs_and_the_longest_names() {
    let p = confirmed_pipeline();
    let mut profiles: Vec<Profile> = EXAMPLES.iter().map(|n| example(n)).collect();
    profiles.push(longest_names_profile("nb"));
    profiles.push(longest_names_profile("nn"));
    let languages: Vec<&str> = profiles
        .iter()
        .flat_map(|pr| p.plan(pr).documents)
        .map(|d| d.language.code())
        .collect();
    assert!(languages.contains(&"nb") && languages.contains(&"nn"));
    assert_none(check_profiles(&p, &profiles));
}

#[test]
fn layout_no_text_leaves_its_cell_in_the_hostile_corpus() {
    let profiles = hostile_shown();
    assert!(profiles.len() >= 10, "{} shown fixtures", profiles.len());
    assert_none(check_profiles(pipeline(), &profiles));
}

#[test]
fn layout_no_text_leaves_its_cell_in_the_batch_summary() {
    let p = pipeline();
    let mut profiles: Vec<Profile> = EXAMPLES.iter().map(|n| example(n)).collect();
    profiles.push(longest_names_profile("nb"));
    let plans: Vec<Plan> = profiles.iter().map(|pr| p.plan(pr)).collect();
    assert_none(overruns("batch-summary", &summary(&plans)));
}

/// The check itself: a word wider than its cell is found and named, one that fits is not.
#[test]
fn layout_the_overrun_check_finds_a_word_wider_than_its_cell() {
    let typesetter = Typesetter::new(&TemplateFiles::builtin().layout.text);
    let compile = |body: &str| {
        typesetter
            .compile(body, &Meta::bare(Vec::new()))
            .expect("compiles")
    };
    let found = overruns(
        "narrow",
        &compile("#table(columns: (2cm, 1fr), [99999999999999999999], [b])\n"),
    );
    assert!(
        found.len() == 1 && found[0].contains("«99999999999999999999» runs"),
        "{found:?}"
    );
    let found = overruns(
        "off the page",
        &compile("#block(width: 30cm)[#lorem(80)]\n"),
    );
    assert!(
        found.iter().any(|f| f.contains("outside the text area")),
        "{found:?}"
    );
    assert_none(overruns(
        "fits",
        &compile("#table(columns: (5cm, 1fr), [Underdatabehandler], [Org.nr.])\n"),
    ));
}

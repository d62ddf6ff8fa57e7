//! Stage 3: renders each planned document's Markdown from its Tera template.
//!
//! Profile values reach the Markdown only through Tera's auto-escaping, which here escapes
//! Markdown rather than HTML (see [`crate::typst_markup::escape_value`]), so a value can never become a
//! heading, a list, a link or HTML.

mod context;
mod format;
mod skeleton;

pub use context::Context;
pub(crate) use format::date_in_figures;
pub use format::{date, date_figures, integer, kroner};

use crate::assets::TemplateFiles;
use crate::plan::{DocumentJob, Plan};
use crate::reference::Reference;
use crate::typst_markup::Marked;
use sha2::{Digest, Sha256};
use skeleton::Skeleton;
use std::collections::HashMap;
use std::sync::OnceLock;
use tera::Tera;

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template could not be read: its syntax is wrong.
    #[error("template {name} failed")]
    Parse {
        /// The template's name, or its file when it came from `--templates`.
        name: String,
        /// Tera's explanation, with line and column.
        #[source]
        source: tera::Error,
    },
    /// A template failed while rendering a document.
    #[error("template {name} failed")]
    Template {
        /// The template's name, e.g. `nb/databehandleravtale.md.tera`.
        name: String,
        /// Tera's explanation.
        #[source]
        source: tera::Error,
    },
}

/// The template set, shared by every document of every pack.
///
/// Each template is parsed on its own, the built-in ones on first use: parsing all of them
/// cost a sixth of a `generate`, which needs one language's templates only. A template from
/// `--templates` is parsed at once, so that its syntax error is a setup error before any pack
/// is written. Templates cannot include one another.
pub struct Templates {
    templates: HashMap<String, Template>,
    version: String,
}

/// One template's text and, once parsed, its Tera.
struct Template {
    text: String,
    /// How errors name it: its file when it came from `--templates`.
    display_name: String,
    parsed: OnceLock<Parsed>,
}

/// A parsed template: Tera's parse of its skeleton, or of its whole text where it has none.
struct Parsed {
    tera: Tera,
    skeleton: Option<Skeleton>,
}

impl Template {
    fn parse(&self, name: &str) -> Result<&Parsed, RenderError> {
        if let Some(parsed) = self.parsed.get() {
            return Ok(parsed);
        }
        let skeleton = Skeleton::of(&self.text);
        let tera = match &skeleton {
            // A syntax error is reported on the whole text, where its line is the file's.
            Some(s) => tera_of(name, &s.text).or_else(|_| tera_of(name, &self.text)),
            None => tera_of(name, &self.text),
        }
        .map_err(|source| RenderError::Parse {
            name: self.display_name.clone(),
            source,
        })?;
        // Two threads may both parse it; either result is the same.
        Ok(self.parsed.get_or_init(|| Parsed { tera, skeleton }))
    }
}

/// Tera with the template `name` of `text`, escaping values for Markdown.
fn tera_of(name: &str, text: &str) -> Result<Tera, tera::Error> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".md.tera"]);
    tera.set_escape_fn(crate::typst_markup::escape_value);
    tera.add_raw_template(name, text)?;
    Ok(tera)
}

impl Templates {
    /// The template set of `files`; parses those that are not built in.
    pub fn new(files: &TemplateFiles) -> Result<Self, RenderError> {
        let mut hasher = Sha256::new();
        for file in files.templates.iter().chain(std::iter::once(&files.layout)) {
            hasher.update(file.name.as_bytes());
            hasher.update([0]);
            hasher.update(file.text.as_bytes());
            hasher.update([0]);
        }
        let version = format!("{:x}", hasher.finalize())[..12].to_owned();

        let mut templates = HashMap::new();
        for file in &files.templates {
            let template = Template {
                text: file.text.clone(),
                display_name: file.display_name(),
                parsed: OnceLock::new(),
            };
            if file.path.is_some() {
                template.parse(&file.name)?;
            }
            templates.insert(file.name.clone(), template);
        }
        Ok(Templates { templates, version })
    }

    /// A short hash of every template and the layout, printed in each footer.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Renders `job`'s Markdown.
    pub fn render(
        &self,
        plan: &Plan,
        job: &DocumentJob,
        reference: &Reference,
    ) -> Result<Marked, RenderError> {
        self.render_named(&template_name(job), &Context::new(plan, job, reference))
    }

    /// Renders the template `name` with `context`.
    pub fn render_named(
        &self,
        name: &str,
        context: &impl serde::Serialize,
    ) -> Result<Marked, RenderError> {
        let template = self.templates.get(name);
        let display = template.map_or(name, |t| t.display_name.as_str());
        let error = |source| RenderError::Template {
            name: display.to_owned(),
            source,
        };
        let parsed = match template {
            Some(t) => t.parse(name)?,
            None => return Err(error(tera::Error::template_not_found(name))),
        };
        let context = tera::Context::from_serialize(context).map_err(error)?;
        let rendered = parsed.tera.render(name, &context).map_err(error)?;
        Ok(Marked::from_rendered(match &parsed.skeleton {
            Some(s) => s.fill(&rendered),
            None => rendered,
        }))
    }
}

/// `nb/databehandleravtale.md.tera`.
pub(crate) fn template_name(job: &DocumentJob) -> String {
    format!("{}/{}.md.tera", job.language.code(), job.kind.id())
}

#[cfg(test)]
mod tests {
    use crate::typst_markup::escape_markdown;

    #[test]
    fn every_built_in_template_parses() {
        // Built-in templates are parsed on first use; a syntax error must show here.
        let templates = super::Templates::new(&crate::assets::TemplateFiles::builtin()).unwrap();
        assert_eq!(templates.templates.len(), crate::assets::TEMPLATES.len());
        for (name, template) in &templates.templates {
            assert!(template.parse(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn every_document_renders_the_same_with_its_literal_text_set_aside() {
        let templates = super::Templates::new(&crate::assets::TemplateFiles::builtin()).unwrap();
        let reference = crate::reference::Reference::builtin().unwrap();
        for example in [
            "single",
            "board",
            "host-with-transfer",
            "host-without-transfer",
        ] {
            let path = format!("data/examples/{example}.yaml");
            let profile =
                crate::profile::load(std::path::Path::new(&path), &Default::default()).unwrap();
            let plan = crate::plan::build(&profile, &reference);
            for job in &plan.documents {
                let name = super::template_name(job);
                let context = super::Context::new(&plan, job, &reference);
                let template = &templates.templates[&name];
                assert!(template.parse(&name).unwrap().skeleton.is_some(), "{name}");
                let whole = super::tera_of(&name, &template.text)
                    .unwrap()
                    .render(&name, &tera::Context::from_serialize(&context).unwrap())
                    .unwrap();
                assert_eq!(
                    templates.render_named(&name, &context).unwrap(),
                    super::Marked::from_rendered(whole),
                    "{example}: {name}"
                );
            }
        }
    }

    #[test]
    fn a_syntax_error_after_literal_text_is_reported_at_its_line_in_the_file() {
        let text = "# Et brev med nok tekst til en markør\n\n\
                    En linje med nok tekst før feilen.\n\n\
                    {% if %}Her er feilen.{% endif %}\n";
        assert!(super::Skeleton::of(text).is_some());
        let template = super::Template {
            text: text.to_owned(),
            display_name: "brev.md.tera".to_owned(),
            parsed: std::sync::OnceLock::new(),
        };
        let Err(error) = template.parse("nb/brev.md.tera") else {
            panic!("parsed");
        };
        let mut chain = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            chain += &format!("\n{cause}");
            source = cause.source();
        }
        assert!(chain.contains("--> 5:"), "{chain}");
    }

    #[test]
    fn markdown_structure_in_values_stays_text() {
        for hostile in [
            "# Overskrift",
            "- punkt",
            "1. punkt",
            "[lenke](javascript:alert(1))",
            "<script>",
            "**fet**",
            "`kode`",
            "| a | b |",
            "> sitat",
            "+ punkt",
            "12) punkt",
            "=== x",
            "--- x",
            "![bilde](x.png)",
            "<script>alert(1)</script>",
            "_kursiv_",
            "&amp; &#65;",
            "\\* x",
            "~~streket~~",
        ] {
            // Mid-line, at the start of a line, and on the line under a paragraph (setext).
            for (before, joiner) in [("Tekst: ", ""), ("", ""), ("Tekst", " ")] {
                let md = format!(
                    "{before}{}{}\n",
                    if before == "Tekst" { "\n" } else { "" },
                    escape_markdown(hostile)
                );
                let text: String = crate::typst_markup::parser(&md)
                    .filter_map(|e| match e {
                        pulldown_cmark::Event::Text(t) => Some(t.into_string()),
                        pulldown_cmark::Event::SoftBreak => Some(" ".into()),
                        pulldown_cmark::Event::Start(pulldown_cmark::Tag::Paragraph)
                        | pulldown_cmark::Event::End(_) => None,
                        other => panic!("{hostile:?} produced {other:?}"),
                    })
                    .collect();
                assert_eq!(text, format!("{before}{joiner}{hostile}"));
            }
        }
    }
}

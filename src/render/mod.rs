//! Stage 3: renders each planned document's Markdown from its Tera template.
//!
//! Profile values reach the Markdown only through Tera's auto-escaping, which here escapes
//! Markdown rather than HTML (see [`escape_markdown`]), so a value can never become a
//! heading, a list, a link or HTML.

mod context;
mod format;

pub use context::Context;
pub use format::{date, integer, kroner};

use crate::assets::TemplateFiles;
use crate::plan::{DocumentJob, Plan};
use crate::reference::Reference;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use tera::Tera;

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template failed to parse or render.
    #[error("template {name} failed")]
    Template {
        /// The template's name, e.g. `nb/databehandleravtale.md.tera`.
        name: String,
        /// Tera's explanation.
        #[source]
        source: tera::Error,
    },
}

/// The parsed template set, shared by every document of every pack.
pub struct Templates {
    tera: Tera,
    version: String,
    /// How errors name each template: its file when it came from `--templates`.
    display_names: HashMap<String, String>,
}

impl Templates {
    /// The templates built into the binary.
    pub fn builtin() -> Result<Self, RenderError> {
        Self::new(&TemplateFiles::builtin())
    }

    /// Parses `files`' templates.
    pub fn new(files: &TemplateFiles) -> Result<Self, RenderError> {
        let mut hasher = Sha256::new();
        for file in files.templates.iter().chain(std::iter::once(&files.layout)) {
            hasher.update(file.name.as_bytes());
            hasher.update([0]);
            hasher.update(file.text.as_bytes());
            hasher.update([0]);
        }
        let version = format!("{:x}", hasher.finalize())[..12].to_owned();

        let mut tera = Tera::default();
        tera.autoescape_on(vec![".md.tera"]);
        tera.set_escape_fn(|value| crate::typst_markup::mark_value(&escape_markdown(value)));
        let mut display_names = HashMap::new();
        for file in &files.templates {
            tera.add_raw_template(&file.name, &file.text)
                .map_err(|source| RenderError::Template {
                    name: file.display_name(),
                    source,
                })?;
            display_names.insert(file.name.clone(), file.display_name());
        }
        Ok(Templates {
            tera,
            version,
            display_names,
        })
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
    ) -> Result<String, RenderError> {
        self.render_named(&template_name(job), &Context::new(plan, job, reference))
    }

    /// Renders the template `name` with `context`.
    pub fn render_named(
        &self,
        name: &str,
        context: &impl serde::Serialize,
    ) -> Result<String, RenderError> {
        let display = self.display_names.get(name).map_or(name, String::as_str);
        let error = |source| RenderError::Template {
            name: display.to_owned(),
            source,
        };
        let context = tera::Context::from_serialize(context).map_err(error)?;
        self.tera.render(name, &context).map_err(error)
    }
}

/// `nb/databehandleravtale.md.tera`.
pub fn template_name(job: &DocumentJob) -> String {
    format!("{}/{}.md.tera", job.language.code(), job.kind.id())
}

/// Backslash-escapes what Markdown could read as structure, so that a value is always
/// literal text: the inline markers everywhere, and the block markers (`-`, `+`, `=`, `1.`)
/// at its start, where a template may place it at the beginning of a line. Other
/// punctuation is left alone so that the `.md` files stay readable.
pub fn escape_markdown(value: &str) -> String {
    const INLINE: &[char] = &[
        '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&', '!',
    ];
    let mut out = String::with_capacity(value.len() + 8);
    let mut at_start = true;
    for c in value.chars() {
        let block_marker = at_start && matches!(c, '-' | '+' | '=' | '.' | ')');
        if INLINE.contains(&c) || block_marker {
            out.push('\\');
        }
        out.push(c);
        // Digits may open an ordered list ("1." or "1)"): the start lasts through them.
        at_start = at_start && c.is_ascii_digit();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
                let text: String =
                    pulldown_cmark::Parser::new_ext(&md, crate::typst_markup::OPTIONS)
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

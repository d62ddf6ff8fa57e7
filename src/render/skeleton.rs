//! A template's literal text set aside while Tera parses it.
//!
//! Tera's parser spends about a thousand instructions on each character of literal text, and
//! the templates are nine tenths literal text: parsing them was a tenth of a `generate`.
//! Before parsing, each run of literal text is replaced by a short marker; after rendering,
//! the markers are replaced by the text again. The output is the same as long as no tag can
//! change literal text, so this is done only for templates whose statements are all `if` and
//! `for` (as every built-in template's are): a `filter` or `macro` block could transform it.

/// Opens a marker; reserved (see [`crate::typst_markup::is_reserved`]), so never in a value.
const START: char = '\u{E002}';
/// Closes a marker.
const END: char = '\u{E003}';

/// A run of literal text shorter than this stays in place: a marker is 5 to 8 bytes.
const SHORTEST: usize = 16;

/// The statements that only choose or repeat literal text.
const STATEMENTS: [&str; 8] = [
    "if", "elif", "else", "endif", "for", "endfor", "break", "continue",
];

/// A template with its literal text set aside.
pub(super) struct Skeleton {
    /// The template with each run of literal text replaced by a marker, for Tera to parse.
    pub(super) text: String,
    /// The literal text of each marker, by its number.
    literals: Vec<String>,
}

impl Skeleton {
    /// `template` with its literal text set aside, or `None` where that could change what it
    /// renders: a statement other than `if` or `for`, a reserved character, or a tag that is
    /// not closed (Tera then reports the error on the template itself).
    pub(super) fn of(template: &str) -> Option<Skeleton> {
        if template.contains([START, END]) {
            return None;
        }
        let mut skeleton = Skeleton {
            text: String::with_capacity(template.len() / 4),
            literals: Vec::new(),
        };
        let mut rest = template;
        while let Some(start) = tag_start(rest) {
            skeleton.literal(&rest[..start]);
            let tag = &rest[start..];
            let len = tag_len(tag)?;
            if tag.starts_with("{%") && !STATEMENTS.contains(&keyword(&tag[..len])) {
                return None;
            }
            skeleton.text.push_str(&tag[..len]);
            rest = &tag[len..];
        }
        skeleton.literal(rest);
        Some(skeleton)
    }

    /// Adds a run of literal text: its inner part as a marker, the whitespace at either end
    /// as it is, since a tag's `-` trims that whitespace.
    fn literal(&mut self, text: &str) {
        let inner = text.trim_start();
        let lead = text.len() - inner.len();
        let inner = inner.trim_end();
        if inner.len() < SHORTEST {
            self.text.push_str(text);
            return;
        }
        self.text.push_str(&text[..lead]);
        self.text.push(START);
        self.text.push_str(&self.literals.len().to_string());
        self.text.push(END);
        self.text.push_str(&text[lead + inner.len()..]);
        self.literals.push(inner.to_owned());
    }

    /// `rendered` (what Tera made of [`Skeleton::text`]) with each marker replaced by its
    /// literal text.
    pub(super) fn fill(&self, rendered: &str) -> String {
        let mut out = String::with_capacity(rendered.len() + self.literal_len());
        let mut rest = rendered;
        while let Some(start) = rest.find(START) {
            out.push_str(&rest[..start]);
            let after = &rest[start + START.len_utf8()..];
            let literal = after.find(END).and_then(|end| {
                let index: usize = after[..end].parse().ok()?;
                Some((self.literals.get(index)?, &after[end + END.len_utf8()..]))
            });
            match literal {
                Some((text, tail)) => {
                    out.push_str(text);
                    rest = tail;
                }
                // Unreachable: markers come only from the template. Kept as it is.
                None => {
                    out.push(START);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn literal_len(&self) -> usize {
        self.literals.iter().map(String::len).sum()
    }
}

/// Where the next tag (`{{`, `{%` or `{#`) starts.
fn tag_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(1))
        .find(|&i| bytes[i] == b'{' && matches!(bytes[i + 1], b'{' | b'%' | b'#'))
}

/// The length of the tag `text` starts with, up to and with its closing `}}`, `%}` or `#}`;
/// a closing delimiter inside a string does not count, as in Tera.
fn tag_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let close = match bytes[1] {
        b'{' => b'}',
        other => other,
    };
    let mut quote = None;
    let mut i = 2;
    while i + 1 < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if close != b'#' && matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if b == close && bytes[i + 1] == b'}' => return Some(i + 2),
            None => {}
        }
        i += 1;
    }
    None
}

/// The first word of a statement: `if` in `{%- if x %}`.
fn keyword(tag: &str) -> &str {
    tag[2..tag.len() - 2]
        .trim_matches(|c: char| c == '-' || c.is_whitespace())
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, context: &tera::Context) -> String {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("t", template).expect("parses");
        tera.render("t", context).expect("renders")
    }

    #[test]
    fn renders_what_the_whole_template_renders() {
        let mut context = tera::Context::new();
        context.insert("on", &true);
        context.insert("off", &false);
        context.insert("items", &["en", "to", "tre"]);
        context.insert("name", "Bærum kommune");
        let template = "# Tittel med nok tekst til en markør\n\n\
            {% if on -%}\n   Denne teksten står der når det er på.   \n{%- endif %}\n\
            {%- if off %}Denne teksten står der ikke i det hele tatt.{% else %}Men denne står der i stedet, med {{ name }}.{% endif %}\n\
            {% for i in items %}- Punkt {{ i }} i en liste med lang nok tekst\n{% endfor %}\
            {{ \"en streng med }} og %} inni\" }} og en kort\n\
            {# en kommentar med {{ krøller }} #}Til slutt en linje med æøå og mer tekst.\n  ";
        let skeleton = Skeleton::of(template).expect("only if and for");
        assert!(skeleton.literals.len() >= 5, "{:?}", skeleton.literals);
        assert!(skeleton.text.len() < template.len());
        assert_eq!(
            skeleton.fill(&render(&skeleton.text, &context)),
            render(template, &context)
        );
    }

    #[test]
    fn leaves_alone_what_could_change_literal_text() {
        for template in [
            "{% filter upper %}en lang nok tekst som blir store bokstaver{% endfilter %}",
            "{% macro m() %}en lang nok tekst i en makro{% endmacro m %}",
            "{% raw %}{{ en lang nok tekst som står som den er }}{% endraw %}",
            "en lang nok tekst med et reservert tegn \u{E002}0\u{E003}",
            "en lang nok tekst med en tagg som ikke lukkes {{ x",
        ] {
            assert!(Skeleton::of(template).is_none(), "{template}");
        }
    }
}

//! Android string resources from the catalogue: `values/strings.xml` (the
//! source language) and `values-<lang>/strings.xml` for every other. A
//! text's `{placeholders}` become positional `%N$s` arguments (the shell
//! formats every argument to a string first, by the locale's rules); a noun
//! becomes a `<plurals>` resource with `%1$d`.

use crate::model::{Catalogue, LANGUAGES};

/// The resource name of a key: dots become underscores (`cue.pass` →
/// `cue_pass`); `R.string.cue_pass` in Kotlin.
pub fn resource_name(key: &str) -> String {
    key.replace('.', "_")
}

/// The resource folder of a language (`values`, `values-de`).
pub fn folder(language: &str) -> String {
    if language == LANGUAGES[0] {
        "values".to_string()
    } else {
        format!("values-{language}")
    }
}

/// Escapes a wording for an Android string resource and turns its
/// placeholders into positional arguments (`names` in argument order).
fn escape(wording: &str, names: &[&str], numeric: bool) -> String {
    let mut out = String::with_capacity(wording.len() + 8);
    let mut chars = wording.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let name: String = chars.by_ref().take_while(|c| *c != '}').collect();
                let index = names.iter().position(|n| *n == name).map_or(0, |i| i + 1);
                out.push_str(&format!("%{index}${}", if numeric { 'd' } else { 's' }));
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '%' => out.push_str("%%"),
            '@' | '?' if first => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        first = false;
    }
    out
}

/// The `strings.xml` of one language: every text (of the core, the phone
/// shells) and every noun, sorted by resource name.
pub fn strings_xml(catalogue: &Catalogue, language: &str) -> String {
    let mut lines: Vec<(String, String)> = Vec::new();
    for text in catalogue
        .texts
        .iter()
        .filter(|t| t.used_by != crate::model::UsedBy::Cli)
    {
        let Some(wording) = text.wording.get(language) else {
            continue;
        };
        let names: Vec<&str> = text.args.iter().map(|a| a.name.as_str()).collect();
        let name = resource_name(&text.key);
        lines.push((
            name.clone(),
            format!(
                "    <string name=\"{name}\">{}</string>",
                escape(wording, &names, false)
            ),
        ));
    }
    for noun in &catalogue.nouns {
        let Some(forms) = noun.forms.get(language) else {
            continue;
        };
        let name = resource_name(&noun.key);
        let mut block = format!("    <plurals name=\"{name}\">\n");
        for (category, wording) in forms {
            block.push_str(&format!(
                "        <item quantity=\"{category}\">{}</item>\n",
                escape(wording, &["n"], true)
            ));
        }
        block.push_str("    </plurals>");
        lines.push((name, block));
    }
    lines.sort();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <!-- Generated from catalogue/texts.toml by scripts/catalogue: do not edit. -->\n\
         <resources>\n",
    );
    for (_, line) in lines {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("</resources>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_positional_and_specials_are_escaped() {
        assert_eq!(
            escape("{b} isn't <{a}> & 100%", &["a", "b"], false),
            "%2$s isn\\'t &lt;%1$s&gt; &amp; 100%%"
        );
        assert_eq!(escape("@home? {{x}}", &[], false), "\\@home? {x}");
        assert_eq!(escape("{n} Züge", &["n"], true), "%1$d Züge");
    }
}

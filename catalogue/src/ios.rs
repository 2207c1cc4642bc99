//! The iOS String Catalog (`Localizable.xcstrings`) from the catalogue: one
//! JSON file with every text and noun in every language. A text's
//! `{placeholders}` become positional `%N$@` arguments (the shell formats
//! every argument to a string first, by the locale's rules); a noun becomes
//! plural variations with `%lld`.

use serde_json::{json, Map, Value};

use crate::model::{Catalogue, UsedBy, LANGUAGES};

fn convert(wording: &str, names: &[&str], numeric: bool) -> String {
    let mut out = String::with_capacity(wording.len() + 8);
    let mut chars = wording.chars().peekable();
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
                out.push_str(&format!("%{index}${}", if numeric { "lld" } else { "@" }));
            }
            '%' => out.push_str("%%"),
            c => out.push(c),
        }
    }
    out
}

fn unit(value: String) -> Value {
    json!({ "stringUnit": { "state": "translated", "value": value } })
}

/// The String Catalog's JSON text (keys sorted, two-space indent).
pub fn xcstrings(catalogue: &Catalogue) -> String {
    let mut strings = Map::new();
    for text in catalogue.texts.iter().filter(|t| t.used_by != UsedBy::Cli) {
        let names: Vec<&str> = text.args.iter().map(|a| a.name.as_str()).collect();
        let mut localizations = Map::new();
        for language in LANGUAGES {
            if let Some(wording) = text.wording.get(language) {
                localizations.insert(language.to_string(), unit(convert(wording, &names, false)));
            }
        }
        strings.insert(
            text.key.clone(),
            json!({ "extractionState": "manual", "localizations": localizations }),
        );
    }
    for noun in &catalogue.nouns {
        let mut localizations = Map::new();
        for language in LANGUAGES {
            let Some(forms) = noun.forms.get(language) else {
                continue;
            };
            let plural: Map<String, Value> = forms
                .iter()
                .map(|(category, wording)| (category.clone(), unit(convert(wording, &["n"], true))))
                .collect();
            localizations.insert(
                language.to_string(),
                json!({ "variations": { "plural": plural } }),
            );
        }
        strings.insert(
            noun.key.clone(),
            json!({ "extractionState": "manual", "localizations": localizations }),
        );
    }
    let file = json!({
        "sourceLanguage": LANGUAGES[0],
        "strings": strings,
        "version": "1.0",
    });
    let mut out = serde_json::to_string_pretty(&file).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_positional_objects() {
        assert_eq!(
            convert("{b} of {a}: 100%", &["a", "b"], false),
            "%2$@ of %1$@: 100%%"
        );
        assert_eq!(convert("{n} Züge", &["n"], true), "%1$lld Züge");
    }
}

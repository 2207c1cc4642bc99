//! The catalogue's own rules, checked before anything is generated: every
//! key well formed and unique, every text and noun in every language, the
//! same placeholders in every language as the arguments declared, every
//! quantity naming a noun, and the wording rules (improvement, never a cure
//! or a guarantee) in every language.

use std::collections::BTreeSet;

use crate::model::{placeholders, ArgType, Catalogue, LANGUAGES};

/// The plural categories each language needs (CLDR), for nouns.
pub fn plural_categories(language: &str) -> &'static [&'static str] {
    match language {
        // English and German both have "one" and "other".
        "en" | "de" => &["one", "other"],
        _ => &["other"],
    }
}

/// Words no text may use, by language, matched case-insensitively at the
/// start of a word ("cure" also catches "cured" but not "secure"): the app
/// speaks of improvement, never of a cure or a guarantee. (Skin that heals
/// after needling is fine to say; a scar that is cured is not.)
pub fn banned_words(language: &str) -> &'static [&'static str] {
    match language {
        "en" => &["cure", "guarantee", "scar-free", "scarless", "flawless"],
        "de" => &[
            "heilung",
            "geheilt",
            "garantie",
            "garantiert",
            "narbenfrei",
            "makellos",
        ],
        _ => &[],
    }
}

fn key_is_well_formed(key: &str) -> bool {
    let parts: Vec<&str> = key.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                && part.starts_with(|c: char| c.is_ascii_lowercase())
        })
}

fn uses_banned_word(language: &str, wording: &str) -> Option<&'static str> {
    let lower = wording.to_lowercase();
    banned_words(language).iter().copied().find(|word| {
        lower.match_indices(word).any(|(at, _)| {
            at == 0
                || !lower[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric())
        })
    })
}

/// Every problem found, each as one line naming the key; empty when the
/// catalogue keeps every rule.
pub fn problems(catalogue: &Catalogue) -> Vec<String> {
    let mut out = Vec::new();
    let mut keys = BTreeSet::new();
    for key in catalogue
        .texts
        .iter()
        .map(|t| &t.key)
        .chain(catalogue.nouns.iter().map(|n| &n.key))
    {
        if !key_is_well_formed(key) {
            out.push(format!("{key}: not a key (lowercase words joined by dots)"));
        }
        if !keys.insert(key.as_str()) {
            out.push(format!("{key}: appears twice"));
        }
    }
    for text in &catalogue.texts {
        let declared: Vec<&str> = text.args.iter().map(|a| a.name.as_str()).collect();
        let mut seen = BTreeSet::new();
        for name in &declared {
            if !seen.insert(*name) {
                out.push(format!("{}: argument {name} is declared twice", text.key));
            }
        }
        for language in LANGUAGES {
            let Some(wording) = text.wording.get(language) else {
                out.push(format!("{}: no {language} text", text.key));
                continue;
            };
            if wording.trim().is_empty() {
                out.push(format!("{}: the {language} text is empty", text.key));
            }
            match placeholders(wording) {
                Ok(used) => {
                    let used: BTreeSet<&str> = used.iter().map(String::as_str).collect();
                    if used != seen {
                        out.push(format!(
                            "{}: the {language} text's placeholders {used:?} differ from its arguments {seen:?}",
                            text.key
                        ));
                    }
                }
                Err(problem) => out.push(format!("{}: {language}: {problem}", text.key)),
            }
            if let Some(word) = uses_banned_word(language, wording) {
                out.push(format!(
                    "{}: the {language} text says {word:?} (improvement, never a cure or a guarantee)",
                    text.key
                ));
            }
        }
        for language in text.wording.keys() {
            if !LANGUAGES.contains(&language.as_str()) {
                out.push(format!(
                    "{}: {language:?} is not a catalogue language",
                    text.key
                ));
            }
        }
        for arg in &text.args {
            if let ArgType::Quantity(noun) = &arg.ty {
                if catalogue.noun(noun).is_none() {
                    out.push(format!(
                        "{}: {} counts {noun}, which is not a noun",
                        text.key, arg.name
                    ));
                }
            }
        }
    }
    for noun in &catalogue.nouns {
        if !noun.key.starts_with("noun.") {
            out.push(format!("{}: a noun's key starts with noun.", noun.key));
        }
        for language in LANGUAGES {
            let Some(forms) = noun.forms.get(language) else {
                out.push(format!("{}: no {language} forms", noun.key));
                continue;
            };
            let have: BTreeSet<&str> = forms.keys().map(String::as_str).collect();
            let need: BTreeSet<&str> = plural_categories(language).iter().copied().collect();
            if have != need {
                out.push(format!(
                    "{}: the {language} forms are {have:?}, the language needs {need:?}",
                    noun.key
                ));
            }
            for (category, wording) in forms {
                if placeholders(wording).ok() != Some(vec!["n".to_string()]) {
                    out.push(format!(
                        "{}: the {language} {category} form must use {{n}} once",
                        noun.key
                    ));
                }
                if let Some(word) = uses_banned_word(language, wording) {
                    out.push(format!("{}: the {language} form says {word:?}", noun.key));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(source: &str) -> Vec<String> {
        problems(&Catalogue::parse(source).unwrap())
    }

    #[test]
    fn a_missing_language_a_placeholder_mismatch_and_a_cure_are_problems() {
        let found = problems_of(
            r#"
            [[text]]
            key = "a.one"
            used_by = "core"
            en = "fine"

            [[text]]
            key = "a.two"
            used_by = "core"
            args = ["n:count"]
            en = "{n} days"
            de = "{m} Tage"

            [[text]]
            key = "a.three"
            used_by = "core"
            en = "This cures scars."
            de = "Die Narben sind danach geheilt."
            "#,
        );
        assert!(
            found.iter().any(|p| p.starts_with("a.one: no de text")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("a.two: the de text's placeholders")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("a.three: the en text says")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("a.three: the de text says")),
            "{found:?}"
        );
    }

    #[test]
    fn nouns_need_every_plural_form() {
        let found = problems_of(
            r#"
            [[noun]]
            key = "noun.day"
            en = { one = "{n} day", other = "{n} days" }
            de = { other = "{n} Tage" }
            "#,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("the de forms"), "{found:?}");
    }

    #[test]
    fn a_good_catalogue_has_no_problem() {
        let found = problems_of(
            r#"
            [[text]]
            key = "cue.left"
            used_by = "core"
            args = ["left:quantity(noun.day)"]
            en = "{left} to go: improvement builds gradually"
            de = "noch {left}: die Besserung kommt nach und nach"

            [[noun]]
            key = "noun.day"
            en = { one = "{n} day", other = "{n} days" }
            de = { one = "{n} Tag", other = "{n} Tage" }
            "#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}

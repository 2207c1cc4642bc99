//! The catalogue as data: every text with its key, who uses it, the
//! arguments its placeholders take, and its wording in every language; and
//! the plural nouns ("1 pass", "6 passes") that texts use for quantities.
//!
//! The file (`catalogue/texts.toml`) holds `[[text]]` and `[[noun]]` tables:
//!
//! ```toml
//! [[text]]
//! key = "cue.pass"
//! used_by = "core"
//! speech = "between_passes"
//! args = ["direction:key", "number:count", "of:count"]
//! en = "{direction}, pass {number} of {of}"
//! de = "{direction}, Zug {number} von {of}"
//!
//! [[noun]]
//! key = "noun.pass"
//! en = { one = "{n} pass", other = "{n} passes" }
//! de = { one = "{n} Zug", other = "{n} Züge" }
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

/// The languages every text is written in, the first the source language.
pub const LANGUAGES: [&str; 2] = ["en", "de"];

/// Who produces a text: the core (a key with typed arguments leaves it), a
/// phone shell (a label of its own screens) or the terminal shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UsedBy {
    /// The Rust core.
    Core,
    /// The Android and iOS apps.
    Shell,
    /// The terminal shell.
    Cli,
}

/// When a text is spoken, which bounds its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speech {
    /// Said between two passes at the default cadence.
    BetweenPasses,
    /// Said in an area's lead-in, before its first pass.
    LeadIn,
    /// Said at a step change (no timer presses on it).
    Step,
}

/// What an argument is, and so how a platform formats it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgType {
    /// A whole number, shown as digits.
    Count,
    /// A number of something, shown with its noun in the right plural form
    /// ("6 passes"): the noun's key.
    Quantity(String),
    /// A calendar date, formatted by the language's rules.
    Date,
    /// A wall-clock date and time, formatted by the language's rules.
    DateTime,
    /// A needle length in millimetres, with the language's decimal sign.
    Millimetres,
    /// Another text of the catalogue with no arguments (an area's name).
    Key,
    /// Text from elsewhere, shown as it is (a file or folder name).
    Verbatim,
}

/// One argument of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    /// Its name, as its placeholder `{name}` writes it.
    pub name: String,
    /// What it is.
    pub ty: ArgType,
}

/// One text in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The key (`area.name`-style: lowercase words, dots, underscores).
    pub key: String,
    /// Who produces it.
    pub used_by: UsedBy,
    /// When it is spoken, if it is.
    pub speech: Option<Speech>,
    /// Its arguments, in the order the core passes them.
    pub args: Vec<Arg>,
    /// Its wording by language code.
    pub wording: BTreeMap<String, String>,
}

/// A plural noun: "{n} pass" / "{n} passes" in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Noun {
    /// The key (`noun.…`).
    pub key: String,
    /// By language: plural category (`one`, `other`) to wording.
    pub forms: BTreeMap<String, BTreeMap<String, String>>,
}

/// The whole catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    /// Every text, in file order.
    pub texts: Vec<Text>,
    /// Every plural noun, in file order.
    pub nouns: Vec<Noun>,
}

/// A catalogue that cannot be read, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(pub String);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    text: Vec<RawText>,
    #[serde(default)]
    noun: Vec<RawNoun>,
}

#[derive(Deserialize)]
struct RawText {
    key: String,
    used_by: UsedBy,
    #[serde(default)]
    speech: Option<Speech>,
    #[serde(default)]
    args: Vec<String>,
    #[serde(flatten)]
    wording: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct RawNoun {
    key: String,
    #[serde(flatten)]
    forms: BTreeMap<String, BTreeMap<String, String>>,
}

fn arg(key: &str, spec: &str) -> Result<Arg, ParseError> {
    let bad = || ParseError(format!("{key}: argument {spec:?} is not NAME:TYPE"));
    let (name, ty) = spec.split_once(':').ok_or_else(bad)?;
    let ty = match ty {
        "count" => ArgType::Count,
        "date" => ArgType::Date,
        "date_time" => ArgType::DateTime,
        "millimetres" => ArgType::Millimetres,
        "key" => ArgType::Key,
        "verbatim" => ArgType::Verbatim,
        other => match other
            .strip_prefix("quantity(")
            .and_then(|rest| rest.strip_suffix(')'))
        {
            Some(noun) => ArgType::Quantity(noun.to_string()),
            None => return Err(bad()),
        },
    };
    Ok(Arg {
        name: name.to_string(),
        ty,
    })
}

impl Catalogue {
    /// Reads a catalogue file's text.
    pub fn parse(source: &str) -> Result<Self, ParseError> {
        let file: File = toml::from_str(source).map_err(|e| ParseError(e.to_string()))?;
        let texts = file
            .text
            .into_iter()
            .map(|raw| {
                let args = raw
                    .args
                    .iter()
                    .map(|spec| arg(&raw.key, spec))
                    .collect::<Result<_, _>>()?;
                Ok(Text {
                    key: raw.key,
                    used_by: raw.used_by,
                    speech: raw.speech,
                    args,
                    wording: raw.wording,
                })
            })
            .collect::<Result<_, ParseError>>()?;
        let nouns = file
            .noun
            .into_iter()
            .map(|raw| Noun {
                key: raw.key,
                forms: raw.forms,
            })
            .collect();
        Ok(Self { texts, nouns })
    }

    /// The text with `key`.
    pub fn text(&self, key: &str) -> Option<&Text> {
        self.texts.iter().find(|t| t.key == key)
    }

    /// The noun with `key`.
    pub fn noun(&self, key: &str) -> Option<&Noun> {
        self.nouns.iter().find(|n| n.key == key)
    }
}

/// The placeholders a wording uses, in order of appearance (`{name}`;
/// `{{` and `}}` are literal braces).
pub fn placeholders(wording: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = wording.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) if c.is_ascii_alphanumeric() || c == '_' => name.push(c),
                        _ => return Err(format!("an unclosed or odd placeholder in {wording:?}")),
                    }
                }
                out.push(name);
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
            }
            '}' => return Err(format!("a stray }} in {wording:?}")),
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_and_a_noun_parse() {
        let catalogue = Catalogue::parse(
            r#"
            [[text]]
            key = "cue.pass"
            used_by = "core"
            speech = "between_passes"
            args = ["direction:key", "left:quantity(noun.pass)"]
            en = "{direction}, {left} to go"
            de = "{direction}, noch {left}"

            [[noun]]
            key = "noun.pass"
            en = { one = "{n} pass", other = "{n} passes" }
            de = { one = "{n} Zug", other = "{n} Züge" }
            "#,
        )
        .unwrap();
        let text = catalogue.text("cue.pass").unwrap();
        assert_eq!(text.args[1].ty, ArgType::Quantity("noun.pass".into()));
        assert_eq!(text.speech, Some(Speech::BetweenPasses));
        assert_eq!(
            catalogue.noun("noun.pass").unwrap().forms["de"]["other"],
            "{n} Züge"
        );
    }

    #[test]
    fn placeholders_are_found_in_order() {
        assert_eq!(
            placeholders("{a} and {b}, {{literal}}"),
            Ok(vec!["a".into(), "b".into()])
        );
        assert!(placeholders("{open").is_err());
        assert!(placeholders("odd }").is_err());
    }
}

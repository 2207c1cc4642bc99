//! The core's side of the catalogue, generated: a constant per text without
//! arguments and a constructor per text with arguments, each typed by the
//! catalogue's argument types, so that a placeholder and its value can never
//! disagree, and an unused text is an unused item (a compiler warning, which
//! the lints turn into a failure). Only texts `used_by = "core"`.

use crate::model::{ArgType, Catalogue, Text, UsedBy};

/// The Rust name of a key: `cue.pass` → `cue_pass` (a function) or
/// `CUE_PASS` (a constant).
pub fn ident(key: &str, upper: bool) -> String {
    let name = key.replace('.', "_");
    if upper {
        name.to_uppercase()
    } else {
        name
    }
}

fn rust_type(ty: &ArgType) -> &'static str {
    match ty {
        ArgType::Count | ArgType::Quantity(_) => "u64",
        ArgType::Date => "CalendarDate",
        ArgType::DateTime => "FloatingDateTime",
        ArgType::Millimetres => "f64",
        ArgType::Key => "Key",
        ArgType::Verbatim => "&str",
    }
}

fn value(name: &str, ty: &ArgType) -> String {
    match ty {
        ArgType::Count => format!("TextValue::Count {{ value: {name} }}"),
        ArgType::Quantity(noun) => {
            format!("TextValue::Quantity {{ value: {name}, noun: \"{noun}\".to_string() }}")
        }
        ArgType::Date => format!("TextValue::Date {{ date: {name} }}"),
        ArgType::DateTime => format!("TextValue::DateTime {{ at: {name} }}"),
        ArgType::Millimetres => format!("TextValue::Millimetres {{ value: {name} }}"),
        ArgType::Key => format!("TextValue::Key {{ key: {name}.0.to_string() }}"),
        ArgType::Verbatim => format!("TextValue::Verbatim {{ text: {name}.to_string() }}"),
    }
}

fn doc(text: &Text) -> String {
    let english = text.wording.get("en").map_or("", String::as_str);
    let short: String = english.chars().take(90).collect();
    let ellipsis = if english.chars().count() > 90 {
        "…"
    } else {
        ""
    };
    format!("/// \"{}{ellipsis}\"\n", short.replace('\\', "\\\\"))
}

fn item(text: &Text) -> String {
    let mut out = doc(text);
    if text.args.is_empty() {
        out.push_str(&format!(
            "pub(crate) const {}: Key = Key(\"{}\");\n",
            ident(&text.key, true),
            text.key
        ));
        return out;
    }
    let params: Vec<String> = text
        .args
        .iter()
        .map(|a| format!("{}: {}", a.name, rust_type(&a.ty)))
        .collect();
    let args: Vec<String> = text
        .args
        .iter()
        .map(|a| format!("        arg(\"{}\", {}),", a.name, value(&a.name, &a.ty)))
        .collect();
    out.push_str(&format!(
        "pub(crate) fn {}({}) -> Text {{\n    Text::new(\n        \"{}\",\n        vec![\n{}\n        ],\n    )\n}}\n",
        ident(&text.key, false),
        params.join(", "),
        text.key,
        args.iter()
            .map(|a| format!("    {a}"))
            .collect::<Vec<_>>()
            .join("\n")
    ));
    out
}

/// The generated Rust source (`core/src/text/catalogue.rs`).
pub fn core_source(catalogue: &Catalogue) -> String {
    let mut out = String::from(
        "//! Every text the core hands out, generated from catalogue/texts.toml by\n\
         //! scripts/catalogue: do not edit. A constant names a text without\n\
         //! arguments (a `Key`); a function builds a text with its typed arguments.\n\n\
         #![allow(clippy::too_many_arguments)]\n\n\
         #[allow(unused_imports)]\n\
         use super::{arg, Key, Text, TextValue};\n\
         #[allow(unused_imports)]\n\
         use crate::time::{CalendarDate, FloatingDateTime};\n",
    );
    for text in catalogue.texts.iter().filter(|t| t.used_by == UsedBy::Core) {
        out.push('\n');
        out.push_str(&item(text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_with_arguments_gets_a_typed_constructor() {
        let catalogue = Catalogue::parse(
            r#"
            [[text]]
            key = "cue.pass"
            used_by = "core"
            args = ["direction:key", "number:count", "left:quantity(noun.pass)"]
            en = "{direction}, pass {number}, {left} left"
            de = "{direction}, Bahn {number}, noch {left}"

            [[text]]
            key = "area.chin"
            used_by = "core"
            en = "Chin"
            de = "Kinn"

            [[text]]
            key = "app.title"
            used_by = "shell"
            en = "dermaroll"
            de = "dermaroll"
            "#,
        )
        .unwrap();
        let source = core_source(&catalogue);
        assert!(
            source
                .contains("pub(crate) fn cue_pass(direction: Key, number: u64, left: u64) -> Text"),
            "{source}"
        );
        assert!(
            source.contains("TextValue::Quantity { value: left, noun: \"noun.pass\".to_string() }"),
            "{source}"
        );
        assert!(
            source.contains("pub(crate) const AREA_CHIN: Key = Key(\"area.chin\");"),
            "{source}"
        );
        assert!(
            !source.contains("app_title") && !source.contains("APP_TITLE"),
            "{source}"
        );
    }
}

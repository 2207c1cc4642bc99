//! Renders a text in a language, the way the phone shells do with their
//! string resources: each argument formatted by the language's rules (dates
//! with the month's name, the decimal sign, a quantity with its noun in the
//! right plural form, a nested key in that language), then put into the
//! text's placeholders. The terminal shell and the tests use it.

use crate::check::plural_categories;
use crate::model::{placeholders, ArgType, Catalogue};

/// An argument's value as the core passes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A whole number.
    Count(u64),
    /// A number of the argument's noun.
    Quantity(u64),
    /// A calendar date.
    Date {
        /// The year.
        year: i32,
        /// The month, 1 – 12.
        month: u32,
        /// The day, 1 – 31.
        day: u32,
    },
    /// A wall-clock date and time.
    DateTime {
        /// The year.
        year: i32,
        /// The month, 1 – 12.
        month: u32,
        /// The day, 1 – 31.
        day: u32,
        /// The hour, 0 – 23.
        hour: u32,
        /// The minute, 0 – 59.
        minute: u32,
    },
    /// Millimetres.
    Millimetres(f64),
    /// Another text's key.
    Key(String),
    /// Text shown as it is.
    Verbatim(String),
}

/// Why a text could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RenderError {}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

fn month(language: &str, month: u32) -> Result<&'static str, RenderError> {
    let names = if language == "de" {
        &MONTHS_DE
    } else {
        &MONTHS_EN
    };
    month
        .checked_sub(1)
        .and_then(|i| names.get(i as usize))
        .copied()
        .ok_or_else(|| RenderError(format!("{month} is not a month")))
}

/// A date by the language's rules: "1 December 2026", "1. Dezember 2026".
pub fn date(language: &str, year: i32, month_number: u32, day: u32) -> Result<String, RenderError> {
    let name = month(language, month_number)?;
    Ok(match language {
        "de" => format!("{day}. {name} {year}"),
        _ => format!("{day} {name} {year}"),
    })
}

/// A wall-clock date and time by the language's rules.
pub fn date_time(
    language: &str,
    (year, month_number, day): (i32, u32, u32),
    (hour, minute): (u32, u32),
) -> Result<String, RenderError> {
    let day_text = date(language, year, month_number, day)?;
    Ok(match language {
        "de" => format!("{day_text}, {hour:02}:{minute:02} Uhr"),
        _ => format!("{day_text}, {hour:02}:{minute:02}"),
    })
}

/// A decimal by the language's rules ("0.5", "0,5"), without trailing zeros.
pub fn decimal(language: &str, value: f64) -> String {
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.').to_string();
    if language == "de" {
        text.replace('.', ",")
    } else {
        text
    }
}

/// The plural category of `n` in `language` (CLDR: English and German say
/// "one" for exactly 1, "other" otherwise).
pub fn plural_category(language: &str, n: u64) -> &'static str {
    let categories = plural_categories(language);
    if n == 1 && categories.contains(&"one") {
        "one"
    } else {
        "other"
    }
}

impl Catalogue {
    /// The text `key` in `language` with `args` (by name), every argument
    /// formatted by the language's rules.
    pub fn render(
        &self,
        language: &str,
        key: &str,
        args: &[(&str, Value)],
    ) -> Result<String, RenderError> {
        let text = self
            .text(key)
            .ok_or_else(|| RenderError(format!("{key}: no such text")))?;
        let wording = text
            .wording
            .get(language)
            .ok_or_else(|| RenderError(format!("{key}: no {language} text")))?;
        let mut out = String::with_capacity(wording.len() + 16);
        let mut rest = wording.as_str();
        placeholders(wording).map_err(RenderError)?;
        while let Some(open) = rest.find(['{', '}']) {
            out.push_str(&rest[..open]);
            let tail = &rest[open..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                out.push_str(&tail[..1]);
                rest = &tail[2..];
                continue;
            }
            let close = tail
                .find('}')
                .ok_or_else(|| RenderError(format!("{key}: an unclosed placeholder")))?;
            let name = &tail[1..close];
            let arg = text
                .args
                .iter()
                .find(|a| a.name == name)
                .ok_or_else(|| RenderError(format!("{key}: {{{name}}} is not an argument")))?;
            let value = args
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v)
                .ok_or_else(|| RenderError(format!("{key}: no value for {name}")))?;
            out.push_str(&self.format_arg(language, key, &arg.ty, value)?);
            rest = &tail[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn format_arg(
        &self,
        language: &str,
        key: &str,
        ty: &ArgType,
        value: &Value,
    ) -> Result<String, RenderError> {
        let wrong = || RenderError(format!("{key}: a value of the wrong kind for {ty:?}"));
        Ok(match (ty, value) {
            (ArgType::Count, Value::Count(n)) => n.to_string(),
            (ArgType::Quantity(noun), Value::Quantity(n) | Value::Count(n)) => {
                let forms = self
                    .noun(noun)
                    .and_then(|noun| noun.forms.get(language))
                    .ok_or_else(|| RenderError(format!("{key}: no {language} noun {noun}")))?;
                let form = forms
                    .get(plural_category(language, *n))
                    .ok_or_else(|| RenderError(format!("{noun}: no form for {n}")))?;
                form.replace("{n}", &n.to_string())
            }
            (ArgType::Date, Value::Date { year, month, day }) => {
                date(language, *year, *month, *day)?
            }
            (
                ArgType::DateTime,
                Value::DateTime {
                    year,
                    month,
                    day,
                    hour,
                    minute,
                },
            ) => date_time(language, (*year, *month, *day), (*hour, *minute))?,
            (ArgType::Millimetres, Value::Millimetres(mm)) => decimal(language, *mm),
            (ArgType::Key, Value::Key(nested)) => self.render(language, nested, &[])?,
            (ArgType::Verbatim, Value::Verbatim(text)) => text.clone(),
            _ => return Err(wrong()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        Catalogue::parse(
            r#"
            [[text]]
            key = "area.chin"
            used_by = "core"
            en = "chin"
            de = "Kinn"

            [[text]]
            key = "readiness.too_early"
            used_by = "core"
            args = ["needle:millimetres", "days:quantity(noun.day)", "earliest:date", "area:key"]
            en = "With {needle} mm, wait {days}: the {area} is ready on {earliest}."
            de = "Mit {needle} mm warte {days}: {area} ist am {earliest} so weit."

            [[noun]]
            key = "noun.day"
            en = { one = "{n} day", other = "{n} days" }
            de = { one = "{n} Tag", other = "{n} Tage" }
            "#,
        )
        .unwrap()
    }

    #[test]
    fn arguments_follow_the_language() {
        let c = catalogue();
        let args = |days| {
            vec![
                ("needle", Value::Millimetres(0.5)),
                ("days", Value::Quantity(days)),
                (
                    "earliest",
                    Value::Date {
                        year: 2026,
                        month: 12,
                        day: 11,
                    },
                ),
                ("area", Value::Key("area.chin".into())),
            ]
        };
        assert_eq!(
            c.render("en", "readiness.too_early", &args(28)).unwrap(),
            "With 0.5 mm, wait 28 days: the chin is ready on 11 December 2026."
        );
        assert_eq!(
            c.render("de", "readiness.too_early", &args(1)).unwrap(),
            "Mit 0,5 mm warte 1 Tag: Kinn ist am 11. Dezember 2026 so weit."
        );
        assert!(c
            .render("en", "readiness.too_early", &args(2)[..2])
            .is_err());
        assert!(c.render("fr", "area.chin", &[]).is_err());
    }

    #[test]
    fn numbers_and_dates_by_language() {
        assert_eq!(decimal("en", 0.25), "0.25");
        assert_eq!(decimal("de", 0.75), "0,75");
        assert_eq!(decimal("de", 1.0), "1");
        assert_eq!(
            date_time("de", (2027, 3, 28), (7, 5)).unwrap(),
            "28. März 2027, 07:05 Uhr"
        );
        assert!(date("en", 2026, 13, 1).is_err());
    }
}

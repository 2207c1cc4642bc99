//! The small, strict piece of JSON the sync file and the stored stamps use:
//! objects, arrays, strings, integers and null (no floats, no booleans).
//! Written by hand rather than derived, because a sync file is hundreds of
//! thousands of such lines: this reads them several times faster than a
//! generic deserializer and keeps the phone library smaller. Strings are
//! escaped exactly as `serde_json` escapes them, so the canonical bytes of a
//! sync file do not depend on which of the two wrote them.

use super::error::{Result, SyncError};

/// Reads one JSON text from bytes, token by token.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

fn malformed(what: &str, pos: usize) -> SyncError {
    SyncError::Malformed(format!("{what} at byte {pos}"))
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, pos: 0 }
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next byte that is not white space, without taking it.
    pub fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.bytes.get(self.pos).copied()
    }

    /// Takes `byte` if it comes next.
    pub fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Takes `byte`, or fails.
    pub fn expect(&mut self, byte: u8) -> Result<()> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(malformed(
                &format!("expected '{}'", char::from(byte)),
                self.pos,
            ))
        }
    }

    /// Checks that nothing but white space is left.
    pub fn end(&mut self) -> Result<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(malformed("trailing characters", self.pos)),
        }
    }

    /// Takes `null`.
    pub fn null(&mut self) -> Result<()> {
        self.skip_space();
        if self.bytes[self.pos.min(self.bytes.len())..].starts_with(b"null") {
            self.pos += 4;
            Ok(())
        } else {
            Err(malformed("expected null", self.pos))
        }
    }

    /// Takes an integer (no fraction, no exponent, no leading zeros).
    pub fn integer(&mut self) -> Result<i128> {
        self.skip_space();
        let start = self.pos;
        let negative = self.bytes.get(self.pos) == Some(&b'-');
        if negative {
            self.pos += 1;
        }
        let digits = self.pos;
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        let count = self.pos - digits;
        let leading_zero = count > 1 && self.bytes.get(digits) == Some(&b'0');
        if count == 0 || count > 20 || leading_zero {
            return Err(malformed("expected an integer", start));
        }
        if let Some(b'.' | b'e' | b'E') = self.bytes.get(self.pos) {
            return Err(malformed("expected an integer, found a fraction", start));
        }
        let text = std::str::from_utf8(&self.bytes[start..self.pos])
            .map_err(|_| malformed("expected an integer", start))?;
        text.parse::<i128>()
            .map_err(|_| malformed("expected an integer", start))
    }

    /// Takes an integer that fits `u64`.
    pub fn unsigned(&mut self) -> Result<u64> {
        let at = self.pos;
        u64::try_from(self.integer()?).map_err(|_| malformed("integer out of range", at))
    }

    /// Takes a string, unescaping it.
    pub fn string(&mut self) -> Result<String> {
        self.expect(b'"')?;
        // Most strings have no escape: one exact allocation.
        let rest = &self.bytes[self.pos.min(self.bytes.len())..];
        if let Some(end) = rest
            .iter()
            .position(|b| *b == b'"' || *b == b'\\' || *b < 0x20)
        {
            if rest[end] == b'"' {
                let text = std::str::from_utf8(&rest[..end])
                    .map_err(|_| malformed("a string is not UTF-8", self.pos))?;
                self.pos += end + 1;
                return Ok(text.to_string());
            }
        }
        let mut out = Vec::new();
        loop {
            let start = self.pos;
            while self
                .bytes
                .get(self.pos)
                .is_some_and(|b| *b != b'"' && *b != b'\\' && *b >= 0x20)
            {
                self.pos += 1;
            }
            out.extend_from_slice(&self.bytes[start..self.pos]);
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    break;
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(malformed("control character in a string", self.pos)),
                None => return Err(malformed("unterminated string", self.pos)),
            }
        }
        String::from_utf8(out).map_err(|_| malformed("a string is not UTF-8", self.pos))
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<()> {
        let at = self.pos;
        let byte = self.bytes.get(self.pos).copied();
        self.pos += 1;
        let simple = match byte {
            Some(b'"') => b'"',
            Some(b'\\') => b'\\',
            Some(b'/') => b'/',
            Some(b'b') => 0x08,
            Some(b'f') => 0x0c,
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(b'u') => {
                let unit = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&unit) {
                    if !self.bytes[self.pos.min(self.bytes.len())..].starts_with(b"\\u") {
                        return Err(malformed("lone surrogate", at));
                    }
                    self.pos += 2;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(malformed("lone surrogate", at));
                    }
                    0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    unit
                };
                let c = char::from_u32(code).ok_or_else(|| malformed("lone surrogate", at))?;
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                return Ok(());
            }
            _ => return Err(malformed("bad escape", at)),
        };
        out.push(simple);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32> {
        let at = self.pos;
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| malformed("bad \\u escape", at))?;
        let text = std::str::from_utf8(digits).map_err(|_| malformed("bad \\u escape", at))?;
        let unit = u32::from_str_radix(text, 16).map_err(|_| malformed("bad \\u escape", at))?;
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            return Err(malformed("bad \\u escape", at));
        }
        self.pos += 4;
        Ok(unit)
    }

    /// Reads an object, calling `member` with each key (the reader then
    /// stands before its value, which `member` must take).
    pub fn object(
        &mut self,
        mut member: impl FnMut(&mut Self, String) -> Result<()>,
    ) -> Result<()> {
        self.expect(b'{')?;
        if self.eat(b'}') {
            return Ok(());
        }
        loop {
            let key = self.string()?;
            self.expect(b':')?;
            member(self, key)?;
            if self.eat(b'}') {
                return Ok(());
            }
            self.expect(b',')?;
        }
    }

    /// Reads an array, calling `item` for each element.
    pub fn array(&mut self, mut item: impl FnMut(&mut Self) -> Result<()>) -> Result<()> {
        self.expect(b'[')?;
        if self.eat(b']') {
            return Ok(());
        }
        loop {
            item(self)?;
            if self.eat(b']') {
                return Ok(());
            }
            self.expect(b',')?;
        }
    }
}

/// Appends `text` as a JSON string, escaped as `serde_json` escapes it.
pub fn write_string(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(byte >> 4)]);
            out.push(HEX[usize::from(byte & 0xf)]);
        } else {
            out.extend_from_slice(escape);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Appends `items`, comma-separated, each written by `each` (the caller
/// writes the brackets or braces around them).
pub fn write_items<T>(
    out: &mut Vec<u8>,
    items: impl IntoIterator<Item = T>,
    mut each: impl FnMut(&mut Vec<u8>, T),
) {
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        each(out, item);
    }
}

/// Appends an integer.
pub fn write_int(out: &mut Vec<u8>, value: impl std::fmt::Display) {
    use std::io::Write as _;
    // Writing to a Vec cannot fail.
    let _ = write!(out, "{value}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_and_escape_like_serde_json() {
        for text in [
            "",
            "plain",
            "quote \" and \\ backslash",
            "tab\tnew\nline\r\u{8}\u{c}",
            "\u{1}\u{1f}\u{7f}",
            "é 漢字 🙂 /",
        ] {
            let mut out = Vec::new();
            write_string(&mut out, text);
            assert_eq!(out, serde_json::to_vec(text).unwrap(), "{text:?}");
            assert_eq!(Reader::new(&out).string().unwrap(), text);
        }
        assert_eq!(
            Reader::new(br#""\u00e9\ud83d\ude42\/""#).string().unwrap(),
            "é🙂/"
        );
    }

    #[test]
    fn bad_json_is_refused() {
        for bad in [
            &br#""\ud83d""#[..],
            br#""\x""#,
            b"\"unterminated",
            b"\"a\x01b\"",
            br#""\u12g4""#,
        ] {
            assert!(Reader::new(bad).string().is_err(), "{bad:?}");
        }
        for bad in [
            &b"01"[..],
            b"1.5",
            b"1e3",
            b"-",
            b"",
            b"123456789012345678901",
        ] {
            assert!(Reader::new(bad).integer().is_err(), "{bad:?}");
        }
        assert_eq!(Reader::new(b" -42").integer().unwrap(), -42);
        assert!(Reader::new(b"-1").unsigned().is_err());
        assert!(Reader::new(b"nul").null().is_err());
        assert!(Reader::new(b"[1,]")
            .array(|r| r.integer().map(drop))
            .is_err());
        assert!(Reader::new(b"{\"a\":1 \"b\":2}")
            .object(|r, _| r.integer().map(drop))
            .is_err());
    }
}

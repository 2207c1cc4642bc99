//! A record's stamps without its values: how a sync line carries them and
//! how the journal stores them (`sync_stamps`), as JSON members `s` (the
//! base stamp), `x` (fields stamped otherwise), `d` (tombstone), `lost`
//! and `dis`, each written only when set.

use std::collections::BTreeMap;

use super::error::{Result, SyncError};
use super::hlc::Stamp;
use super::json::{write_int, write_items, write_string, Reader};

/// A record's stamps without its values (how the journal stores them too,
/// as the JSON object of [`Stamps::to_json`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamps {
    /// The base stamp most fields carry.
    pub s: Option<Stamp>,
    /// Fields stamped otherwise than the base.
    pub x: BTreeMap<String, Stamp>,
    /// The tombstone.
    pub d: Option<Stamp>,
    /// Lost free-text versions: field, stamp, text.
    pub lost: Vec<(String, Stamp, String)>,
    /// Overwritten or dismissed free-text versions: field, stamp.
    pub dis: Vec<(String, Stamp)>,
}

fn write_stamp(out: &mut Vec<u8>, stamp: &Stamp) {
    out.push(b'[');
    write_int(out, stamp.0);
    out.push(b',');
    write_string(out, &stamp.1);
    out.push(b']');
}

fn read_stamp(r: &mut Reader<'_>) -> Result<Stamp> {
    r.expect(b'[')?;
    let hlc = r.unsigned()?;
    r.expect(b',')?;
    let device = r.string()?;
    r.expect(b']')?;
    Ok(Stamp(hlc, device.into()))
}

/// Fails on a key met twice in one object (bit `bit` of `seen`).
pub(super) fn once(seen: &mut u16, bit: u16, key: &str) -> Result<()> {
    if *seen & (1 << bit) != 0 {
        return Err(SyncError::Malformed(format!("duplicate field `{key}`")));
    }
    *seen |= 1 << bit;
    Ok(())
}

impl Stamps {
    /// Appends the members `"s"`, `"x"`, `"d"`, `"lost"`, `"dis"` (each only
    /// when set), each preceded by a comma when `comma`.
    pub(super) fn write_members(&self, out: &mut Vec<u8>, mut comma: bool) {
        let mut key = |out: &mut Vec<u8>, name: &[u8]| {
            if comma {
                out.push(b',');
            }
            comma = true;
            out.extend_from_slice(name);
        };
        if let Some(stamp) = &self.s {
            key(out, b"\"s\":");
            write_stamp(out, stamp);
        }
        if !self.x.is_empty() {
            key(out, b"\"x\":{");
            write_items(out, &self.x, |out, (name, stamp)| {
                write_string(out, name);
                out.push(b':');
                write_stamp(out, stamp);
            });
            out.push(b'}');
        }
        if let Some(stamp) = &self.d {
            key(out, b"\"d\":");
            write_stamp(out, stamp);
        }
        if !self.lost.is_empty() {
            key(out, b"\"lost\":[");
            write_items(out, &self.lost, |out, (field, stamp, text)| {
                out.push(b'[');
                write_string(out, field);
                out.push(b',');
                write_stamp(out, stamp);
                out.push(b',');
                write_string(out, text);
                out.push(b']');
            });
            out.push(b']');
        }
        if !self.dis.is_empty() {
            key(out, b"\"dis\":[");
            write_items(out, &self.dis, |out, (field, stamp)| {
                out.push(b'[');
                write_string(out, field);
                out.push(b',');
                write_stamp(out, stamp);
                out.push(b']');
            });
            out.push(b']');
        }
    }

    /// Reads the member `key` if it is one of the stamps' (`Ok(false)`
    /// otherwise, the reader untouched).
    pub(super) fn read_member(
        &mut self,
        r: &mut Reader<'_>,
        key: &str,
        seen: &mut u16,
    ) -> Result<bool> {
        match key {
            "s" => {
                once(seen, 0, key)?;
                self.s = Some(read_stamp(r)?);
            }
            "x" => {
                once(seen, 1, key)?;
                r.object(|r, name| {
                    let stamp = read_stamp(r)?;
                    if self.x.insert(name, stamp).is_some() {
                        return Err(SyncError::Malformed("a field is stamped twice".into()));
                    }
                    Ok(())
                })?;
            }
            "d" => {
                once(seen, 2, key)?;
                self.d = Some(read_stamp(r)?);
            }
            "lost" => {
                once(seen, 3, key)?;
                r.array(|r| {
                    r.expect(b'[')?;
                    let field = r.string()?;
                    r.expect(b',')?;
                    let stamp = read_stamp(r)?;
                    r.expect(b',')?;
                    let text = r.string()?;
                    r.expect(b']')?;
                    self.lost.push((field, stamp, text));
                    Ok(())
                })?;
            }
            "dis" => {
                once(seen, 4, key)?;
                r.array(|r| {
                    r.expect(b'[')?;
                    let field = r.string()?;
                    r.expect(b',')?;
                    let stamp = read_stamp(r)?;
                    r.expect(b']')?;
                    self.dis.push((field, stamp));
                    Ok(())
                })?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The stamps as a JSON object (how the journal stores them).
    pub fn to_json(&self) -> String {
        let mut out = vec![b'{'];
        self.write_members(&mut out, false);
        out.push(b'}');
        String::from_utf8(out).unwrap_or_default()
    }

    /// Reads stamps stored by [`Stamps::to_json`].
    pub fn from_json(text: &str) -> Result<Self> {
        let mut r = Reader::new(text.as_bytes());
        let mut stamps = Stamps::default();
        let mut seen = 0;
        r.object(|r, key| {
            if stamps.read_member(r, &key, &mut seen)? {
                Ok(())
            } else {
                Err(SyncError::Malformed(format!("unknown field `{key}`")))
            }
        })?;
        r.end()?;
        Ok(stamps)
    }
}

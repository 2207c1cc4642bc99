//! CSV exports for spreadsheets: sessions, check-ins and scar ratings, one
//! table per file, written row by row (RFC 4180 quoting, UTC instants in
//! RFC 3339 with the offset and zone beside them).

use std::io::Write;

use rusqlite::types::ValueRef;
use serde::{Deserialize, Serialize};

use super::error::Result;
use super::Journal;

/// Which table to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum CsvTable {
    /// One row per finished session (areas joined as `area:v/h:endpoint;…`).
    Sessions,
    /// One row per check-in.
    CheckIns,
    /// One row per scar rating, with the scar's area and kind.
    Ratings,
}

impl CsvTable {
    fn sql(self) -> &'static str {
        match self {
            Self::Sessions => {
                "SELECT s.id, s.started_ms, s.started_offset, s.started_zone, s.ended_ms,
                   s.roller_id, r.needle_um / 1000.0, s.outcome, s.discomfort,
                   (SELECT group_concat(a.area || ':' || a.vertical_passes || '/' || a.horizontal_passes || ':' || a.endpoint, ';')
                      FROM (SELECT * FROM session_areas WHERE session_id = s.id ORDER BY position) a),
                   s.notes
                 FROM sessions s JOIN rollers r ON r.id = s.roller_id ORDER BY s.started_ms, s.id"
            }
            Self::CheckIns => {
                "SELECT id, session_id, at_ms, at_offset, at_zone, stinging, redness, dryness, swelling,
                   swelling_spreading, pus, fever, red_flag, cleared_ms, notes
                 FROM check_ins ORDER BY at_ms, id"
            }
            Self::Ratings => {
                "SELECT r.id, r.scar_id, s.area, s.kind, s.baseline, r.at_ms, r.at_offset, r.at_zone, r.rating, r.notes
                 FROM scar_ratings r JOIN scars s ON s.id = r.scar_id ORDER BY r.at_ms, r.id"
            }
        }
    }

    fn header(self) -> &'static str {
        match self {
            Self::Sessions => "id,started_utc,started_offset_minutes,started_zone,ended_utc,roller_id,needle_mm,outcome,discomfort,areas,notes",
            Self::CheckIns => "id,session_id,at_utc,at_offset_minutes,at_zone,stinging,redness,dryness,swelling,swelling_spreading,pus,fever,red_flag,cleared_utc,notes",
            Self::Ratings => "id,scar_id,area,kind,baseline,at_utc,at_offset_minutes,at_zone,rating,notes",
        }
    }

    /// Columns holding UTC milliseconds, written as RFC 3339.
    fn instant_columns(self) -> &'static [usize] {
        match self {
            Self::Sessions => &[1, 4],
            Self::CheckIns => &[2, 13],
            Self::Ratings => &[5],
        }
    }
}

fn field<W: Write>(out: &mut W, text: &str) -> std::io::Result<()> {
    if text.contains([',', '"', '\n', '\r']) {
        write!(out, "\"{}\"", text.replace('"', "\"\""))
    } else {
        out.write_all(text.as_bytes())
    }
}

impl Journal {
    /// Writes one table as CSV to `out`, row by row.
    pub fn export_csv<W: Write>(&self, table: CsvTable, out: W) -> Result<()> {
        let mut out = std::io::BufWriter::new(out);
        self.read(|tx| {
            write!(out, "{}\r\n", table.header())?;
            let mut stmt = tx.prepare(table.sql())?;
            let columns = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                for idx in 0..columns {
                    if idx > 0 {
                        out.write_all(b",")?;
                    }
                    match row.get_ref(idx)? {
                        ValueRef::Null => {}
                        ValueRef::Integer(n) if table.instant_columns().contains(&idx) => {
                            let text = chrono::DateTime::from_timestamp_millis(n)
                                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
                                .unwrap_or_default();
                            out.write_all(text.as_bytes())?;
                        }
                        ValueRef::Integer(n) => write!(out, "{n}")?,
                        ValueRef::Real(x) => write!(out, "{x}")?,
                        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                            field(&mut out, &String::from_utf8_lossy(bytes))?
                        }
                    }
                }
                out.write_all(b"\r\n")?;
            }
            Ok(())
        })?;
        out.flush()?;
        Ok(())
    }
}

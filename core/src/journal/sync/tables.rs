//! The synced tables as data: for each, its fields (name, the SQL that
//! reads it, its SQLite type) and whether its records may be deleted, and
//! the SQL built from that once per process (select, lookups, insert,
//! upsert, delete). `rows` and `import` use it; the order of
//! [`SPECS`] is the canonical order of a sync file.

use super::rows::PROFILE_KEY;

/// What SQLite type a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An integer.
    Int,
    /// Text.
    Text,
    /// An integer or null.
    OptInt,
    /// Text or null.
    OptText,
}

/// How one table syncs.
#[derive(Debug)]
pub struct Spec {
    /// The table (also the sync record's table name).
    pub table: &'static str,
    /// Field name, the SQL expression that reads it, its kind.
    pub fields: &'static [(&'static str, &'static str, Kind)],
    /// Whether a record of this table may be deleted (nothing refers to it).
    pub deletable: bool,
}

use Kind::{Int, OptInt, OptText, Text};

/// Every synced table, sorted by name (the canonical order of a sync file).
pub const SPECS: &[Spec] = &[
    Spec {
        table: "check_ins",
        fields: &[
            ("at_ms", "at_ms", Int),
            ("at_offset", "at_offset", Int),
            ("at_zone", "at_zone", Text),
            ("cleared_ms", "cleared_ms", OptInt),
            ("cleared_offset", "cleared_offset", OptInt),
            ("cleared_zone", "cleared_zone", OptText),
            ("dryness", "dryness", Int),
            ("fever", "fever", Int),
            ("kind", "kind", Text),
            ("notes", "notes", Text),
            ("pus", "pus", Int),
            ("red_flag", "red_flag", Int),
            ("redness", "redness", Int),
            ("session_id", "session_id", Text),
            ("stinging", "stinging", Int),
            ("swelling", "swelling", Int),
            ("swelling_spreading", "swelling_spreading", Int),
        ],
        deletable: true,
    },
    Spec {
        table: "patch_tests",
        fields: &[
            ("needle_um", "needle_um", Int),
            ("notes", "notes", Text),
            ("read_ms", "read_ms", OptInt),
            ("read_offset", "read_offset", OptInt),
            ("read_zone", "read_zone", OptText),
            ("result", "result", OptText),
            ("started_ms", "started_ms", Int),
            ("started_offset", "started_offset", Int),
            ("started_zone", "started_zone", Text),
        ],
        deletable: true,
    },
    Spec {
        table: "photos",
        fields: &[
            ("area", "area", Text),
            ("content_hash", "content_hash", Text),
            ("file_name", "file_name", Text),
            ("session_id", "session_id", OptText),
            ("taken_ms", "taken_ms", Int),
            ("taken_offset", "taken_offset", Int),
            ("taken_zone", "taken_zone", Text),
        ],
        deletable: true,
    },
    Spec {
        table: "profile",
        fields: &[
            ("bedtime_hour", "bedtime_hour", Int),
            ("bedtime_minute", "bedtime_minute", Int),
            ("experience", "experience", Text),
            ("id", "id", Text),
            ("sensitivity", "sensitivity", Text),
            ("time_zone", "time_zone", Text),
            ("updated_ms", "updated_ms", Int),
            ("updated_offset", "updated_offset", Int),
            ("updated_zone", "updated_zone", Text),
        ],
        deletable: false,
    },
    Spec {
        table: "rollers",
        fields: &[
            ("first_use_ms", "first_use_ms", Int),
            ("first_use_offset", "first_use_offset", Int),
            ("first_use_zone", "first_use_zone", Text),
            ("needle_um", "needle_um", Int),
            ("retired_ms", "retired_ms", OptInt),
            ("retired_offset", "retired_offset", OptInt),
            ("retired_zone", "retired_zone", OptText),
            (
                "uses",
                "uses - (SELECT count(*) FROM sessions c WHERE c.roller_id = rollers.id)",
                Int,
            ),
        ],
        deletable: false,
    },
    Spec {
        table: "scar_ratings",
        fields: &[
            ("at_ms", "at_ms", Int),
            ("at_offset", "at_offset", Int),
            ("at_zone", "at_zone", Text),
            ("notes", "notes", Text),
            ("rating", "rating", Int),
            ("scar_id", "scar_id", Text),
        ],
        deletable: true,
    },
    Spec {
        table: "scars",
        fields: &[
            ("archived_ms", "archived_ms", OptInt),
            ("archived_offset", "archived_offset", OptInt),
            ("archived_zone", "archived_zone", OptText),
            ("area", "area", Text),
            ("baseline", "baseline", Int),
            ("created_ms", "created_ms", Int),
            ("created_offset", "created_offset", Int),
            ("created_zone", "created_zone", Text),
            ("kind", "kind", Text),
            ("name", "name", Text),
            ("notes", "notes", Text),
        ],
        deletable: false,
    },
    Spec {
        table: "session_events",
        fields: &[
            ("at_ms", "at_ms", Int),
            ("at_offset", "at_offset", Int),
            ("at_zone", "at_zone", Text),
            ("event_json", "event_json", Text),
            ("seq", "seq", Int),
            ("session_id", "session_id", Text),
        ],
        deletable: false,
    },
    Spec {
        table: "sessions",
        fields: &[
            (
                "areas",
                "(SELECT coalesce(group_concat(a.area || ':' || a.vertical_passes || ':' || a.horizontal_passes || ':' || a.endpoint, ',' ORDER BY a.position), '') FROM session_areas a WHERE a.session_id = sessions.id)",
                Text,
            ),
            ("discomfort", "discomfort", OptInt),
            ("ended_ms", "ended_ms", Int),
            ("ended_offset", "ended_offset", Int),
            ("ended_zone", "ended_zone", Text),
            ("notes", "notes", Text),
            ("outcome", "outcome", Text),
            ("roller_id", "roller_id", Text),
            ("started_ms", "started_ms", Int),
            ("started_offset", "started_offset", Int),
            ("started_zone", "started_zone", Text),
        ],
        deletable: false,
    },
];

/// A table's SQL, built once per process.
#[derive(Debug)]
pub struct Sqls {
    /// [`Spec::select`] over every row.
    pub select: String,
    /// [`Spec::select`] for one record (by id; by session and position for
    /// session events; the profile has one row).
    pub one: String,
    /// The ids from `?1` to `?2` with their `sync_seen`, in order (the
    /// profile: its one row, keyed `profile`).
    pub known: String,
    /// The delete of one row by id.
    pub delete: String,
    /// The written columns, in the order of `upsert`'s parameters (after
    /// the id; without the sync columns).
    pub columns: Vec<&'static str>,
    /// [`Spec::upsert`].
    pub upsert: String,
    /// The plain insert of a row new here (same parameters as `upsert`;
    /// cheaper: no statement journal). The profile's is its upsert.
    pub insert: String,
}

static SQLS: std::sync::OnceLock<Vec<Sqls>> = std::sync::OnceLock::new();

/// The SQL of `spec` (a member of [`SPECS`]).
pub fn sqls(spec: &Spec) -> &'static Sqls {
    let all = SQLS.get_or_init(|| {
        SPECS
            .iter()
            .map(|spec| {
                let select = spec.select();
                let (one, known) = match spec.table {
                    "profile" => (
                        select.clone(),
                        format!("SELECT '{PROFILE_KEY}', sync_seen FROM profile"),
                    ),
                    // Events have no sync columns: they are looked up by place.
                    "session_events" => (
                        format!("{select} WHERE session_id = ?1 AND seq = ?2"),
                        String::new(),
                    ),
                    t => (
                        format!("{select} WHERE {t}.id = ?1"),
                        format!(
                            "SELECT id, sync_seen FROM {t} WHERE id BETWEEN ?1 AND ?2 ORDER BY id"
                        ),
                    ),
                };
                let upsert = spec.upsert();
                let insert = match (spec.table, upsert.find(" ON CONFLICT")) {
                    ("profile", _) | (_, None) => upsert.clone(),
                    (_, Some(end)) => upsert[..end].to_string(),
                };
                Sqls {
                    columns: spec.columns(),
                    one,
                    known,
                    insert,
                    delete: format!("DELETE FROM {} WHERE id = ?1", spec.table),
                    upsert,
                    select,
                }
            })
            .collect()
    });
    let index = SPECS
        .iter()
        .position(|s| s.table == spec.table)
        .unwrap_or(0);
    &all[index]
}

/// The spec of a table, if it syncs.
pub fn spec(table: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.table == table)
}

impl Spec {
    /// `SELECT key, fields…, stamps` over the table (no WHERE, no ORDER).
    /// Session events have no stored stamps (NULL: implicit).
    pub fn select(&self) -> String {
        let exprs: Vec<&str> = self.fields.iter().map(|f| f.1).collect();
        let key = if self.table == "profile" {
            format!("'{PROFILE_KEY}'")
        } else {
            format!("{}.id", self.table)
        };
        let stamps = if self.table == "session_events" {
            "NULL".to_string()
        } else {
            format!("{}.sync_stamps", self.table)
        };
        format!(
            "SELECT {key}, {}, {stamps} FROM {}",
            exprs.join(", "),
            self.table
        )
    }

    fn columns(&self) -> Vec<&'static str> {
        self.fields
            .iter()
            .map(|f| f.0)
            .filter(|name| *name != "areas")
            .collect()
    }

    /// The upsert of a row: `?1` is the id, then the columns in order, then
    /// (except for session events) `sync_stamps`, `sync_seen` and
    /// `sync_conflicts`.
    pub fn upsert(&self) -> String {
        let mut cols = self.columns();
        if self.table != "session_events" {
            cols.extend(["sync_stamps", "sync_seen", "sync_conflicts"]);
        }
        let set: Vec<String> = cols.iter().map(|c| format!("{c} = excluded.{c}")).collect();
        let marks: Vec<String> = (0..cols.len()).map(|i| format!("?{}", i + 2)).collect();
        let (lead, lead_value, target) = match self.table {
            "profile" => ("singleton, ", "1, ", "singleton"),
            "session_events" => ("id, ", "?1, ", "session_id, seq"),
            _ => ("id, ", "?1, ", "id"),
        };
        format!(
            "INSERT INTO {} ({lead}{}) VALUES ({lead_value}{}) ON CONFLICT ({target}) DO UPDATE SET {}",
            self.table,
            cols.join(", "),
            marks.join(", "),
            set.join(", ")
        )
    }
}

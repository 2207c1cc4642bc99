//! What the journal records. Every record has a random 128-bit id (hyphenated
//! text, never reused, ready for sync) and every time is a [`Moment`]: a UTC
//! instant with the device's UTC offset and IANA zone name at that moment.

use serde::{Deserialize, Serialize};

use crate::protocol::{AreaEndpoint, Experience, FacialArea, SkinSensitivity};
pub use crate::session::SessionOutcome;

pub use crate::time::Moment;

/// The person's profile (one per journal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Profile {
    /// The record id.
    pub id: String,
    /// How easily the skin reacts.
    pub sensitivity: SkinSensitivity,
    /// Whether the person has rolled before.
    pub experience: Experience,
    /// Usual bedtime, hour 0 – 23 (sessions are best right before sleep).
    pub bedtime_hour: u32,
    /// Usual bedtime, minute 0 – 59.
    pub bedtime_minute: u32,
    /// The person's home IANA time zone.
    pub time_zone: String,
    /// When the profile was last written.
    pub updated: Moment,
}

/// What a shell sends to set the profile: the fields the person gave. A
/// field left out keeps its stored value, or, on a new profile, takes the
/// protocol table's default (a default is not an edit: it never overrides a
/// value set on another device).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ProfileInput {
    /// How easily the skin reacts.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub sensitivity: Option<SkinSensitivity>,
    /// Whether the person has rolled before.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub experience: Option<Experience>,
    /// Usual bedtime (local): sessions are best right before sleep.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub bedtime: Option<crate::schedule::TimeOfDay>,
    /// The person's home IANA time zone.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub time_zone: Option<String>,
}

/// A dermaroller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Roller {
    /// The record id.
    pub id: String,
    /// Needle length in millimetres (held exactly, in micrometres).
    pub needle_mm: f64,
    /// When it was first used (or added).
    pub first_use: Moment,
    /// Uses so far (finished sessions add one each).
    pub uses: u32,
    /// When it was retired, if it was.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub retired: Option<Moment>,
}

/// A new roller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct NewRoller {
    /// Needle length in millimetres, as printed on the roller.
    pub needle_mm: f64,
    /// When it was first used (or bought).
    pub first_use: Moment,
    /// Uses before it was added to the journal (0 for a new roller).
    pub uses_so_far: u32,
}

/// One area of a finished session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AreaRecord {
    /// Which area.
    pub area: FacialArea,
    /// Vertical passes done.
    pub vertical_passes: u32,
    /// Horizontal passes done.
    pub horizontal_passes: u32,
    /// How rolling the area ended.
    pub endpoint: AreaEndpoint,
}

/// A session the journal recorded: a guided session whose rolling ended,
/// completed, or abandoned after at least one pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SessionRecord {
    /// The session id (the one its events were recorded under).
    pub id: String,
    /// The roller used.
    pub roller_id: String,
    /// When the session started.
    pub started: Moment,
    /// When rolling ended (the needles left the skin): the minimum interval,
    /// the aftercare timeline and the check-ins count from here.
    pub ended: Moment,
    /// Completed, or abandoned after at least one pass.
    #[serde(default = "completed")]
    pub outcome: SessionOutcome,
    /// The areas reached, in the order they were rolled, with their passes.
    pub areas: Vec<AreaRecord>,
    /// Discomfort 0 – 10, once the person has rated the session.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub discomfort: Option<u32>,
    /// Free notes.
    pub notes: String,
}

fn completed() -> SessionOutcome {
    SessionOutcome::Completed
}

/// One recorded guided-session event (opaque JSON from the session machine).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RecordedSessionEvent {
    /// The record id.
    pub id: String,
    /// The session it belongs to.
    pub session_id: String,
    /// Its position in the session, from 1.
    pub seq: u32,
    /// When it happened.
    pub at: Moment,
    /// The event as the session machine serialised it.
    pub event_json: String,
}

/// The saved state of the session still in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InProgressSession {
    /// The session id.
    pub session_id: String,
    /// The session machine's state after the last event (opaque, versioned JSON).
    pub state_json: String,
    /// When that last event happened.
    pub updated: Moment,
}

/// Which check a check-in answers: the protocol asks about the skin at
/// two moments after a session, and the person may check in again later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum CheckInKind {
    /// The sting check, half an hour after rolling: is the stinging gone?
    StingCheck,
    /// The next-morning check: redness, swelling, signs of infection.
    Morning,
    /// Any later check-in.
    FollowUp,
}

/// What the person reports after a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CheckInInput {
    /// The session this check-in follows.
    pub session_id: String,
    /// When it was made.
    pub at: Moment,
    /// Still stinging.
    pub stinging: bool,
    /// Still red.
    pub redness: bool,
    /// Dry skin.
    pub dryness: bool,
    /// Swollen.
    pub swelling: bool,
    /// The swelling is spreading (a red flag).
    pub swelling_spreading: bool,
    /// Pus (a red flag).
    pub pus: bool,
    /// Fever (a red flag).
    pub fever: bool,
    /// Free notes.
    pub notes: String,
    /// Which check it answers.
    #[serde(default = "follow_up")]
    pub kind: CheckInKind,
}

fn follow_up() -> CheckInKind {
    CheckInKind::FollowUp
}

/// A stored check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CheckIn {
    /// The record id.
    pub id: String,
    /// What was reported.
    pub input: CheckInInput,
    /// When the person confirmed a red flag had cleared, if they did.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub cleared: Option<Moment>,
}

/// The kind of an indented acne scar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ScarKind {
    /// Narrow and deep.
    IcePick,
    /// Broad with sharp edges.
    Boxcar,
    /// Broad with sloping edges.
    Rolling,
}

/// A new scar to follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScarInput {
    /// Where it is.
    pub area: FacialArea,
    /// Its kind.
    pub kind: ScarKind,
    /// How visible it is at the start, 0 – 10.
    pub baseline: u32,
    /// Free notes.
    pub notes: String,
    /// The person's name for it ("the one by my ear"); may be empty.
    #[serde(default)]
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub name: String,
}

/// A scar the person follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Scar {
    /// The record id.
    pub id: String,
    /// What was entered (the name as last renamed).
    pub input: ScarInput,
    /// When it was added.
    pub created: Moment,
    /// When the person stopped following it (it stays in the journal).
    #[serde(default)]
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub archived: Option<Moment>,
}

/// A rating of a scar at one time, 0 – 10.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScarRating {
    /// The record id.
    pub id: String,
    /// The scar rated.
    pub scar_id: String,
    /// When.
    pub at: Moment,
    /// How visible, 0 – 10.
    pub rating: u32,
    /// Free notes.
    pub notes: String,
}

/// A progress photo: the shell keeps the file, the journal the facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PhotoInput {
    /// The file name inside the app's storage (no folders).
    pub file_name: String,
    /// When it was taken.
    pub taken: Moment,
    /// Which area it shows.
    pub area: FacialArea,
    /// A hex content hash of the image file (e.g. SHA-256).
    pub content_hash: String,
    /// The session it was taken after, if any.
    #[serde(default)]
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub session_id: Option<String>,
}

/// A stored progress photo reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Photo {
    /// The record id.
    pub id: String,
    /// What was entered.
    pub input: PhotoInput,
}

/// How a patch test turned out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum PatchTestResult {
    /// The test spot looked fine after the wait.
    Passed,
    /// The skin reacted (lasting redness, swelling, itching, blisters).
    Reacted,
}

/// A patch test: a small spot on the inner forearm rolled with the needle
/// length to be used, watched for the protocol's wait before the first
/// session on the face.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PatchTest {
    /// The record id.
    pub id: String,
    /// The needle length tested, in millimetres.
    pub needle_mm: f64,
    /// When the spot was rolled.
    pub started: Moment,
    /// When the person read the result, once they did.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub read: Option<Moment>,
    /// The result, once read.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub result: Option<PatchTestResult>,
    /// Free notes.
    pub notes: String,
}

/// A new random 128-bit id as hyphenated lowercase text (UUID version 4 layout).
pub fn new_id() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        text.push(char::from(HEX[usize::from(byte >> 4)]));
        text.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_random_hyphenated_v4() {
        let a = new_id().unwrap();
        let b = new_id().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(crate::journal::validate::id("id", &a).is_ok());
    }
}

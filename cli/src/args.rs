//! The command line: every command, its flags and their help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use dermaroll_core::journal::ScarKind;
use dermaroll_core::protocol::{Experience, FacialArea, SkinSensitivity};
use dermaroll_core::schedule::TimeOfDay;

/// Guided at-home dermarolling for acne scars: the terminal shell.
///
/// With no command: a short overview of the journal and the commands to try.
#[derive(Debug, Parser)]
#[command(name = "dermaroll", version, about)]
pub struct Cli {
    /// The journal file (default: journal.sqlite3 in the platform's data directory).
    #[arg(long, global = true, env = "DERMAROLL_JOURNAL")]
    pub journal: Option<PathBuf>,
    /// Print data as JSON, for scripts.
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Every command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// A guided session beside the mirror: safety questions, then step by step.
    Session(SessionArgs),
    /// Show or set your profile (skin, experience, bedtime, time zone).
    Profile(ProfileArgs),
    /// Add, list or retire rollers.
    Roller(RollerArgs),
    /// Record how your skin is doing after a session, or confirm a red flag cleared.
    Checkin(CheckinArgs),
    /// Follow scars: add, rate, list.
    Scar(ScarArgs),
    /// Record a reference to a progress photo, or list them.
    Photo(PhotoArgs),
    /// The journal's timeline, newest first.
    Journal(JournalArgs),
    /// A scar's ratings as a chart (SVG file) and a terminal sparkline.
    Progress(ProgressArgs),
    /// The upcoming notifications, in local time.
    Plan(PlanArgs),
    /// Export the journal as JSON or CSV.
    Export(ExportArgs),
    /// Import a JSON export into an empty journal.
    Import(ImportArgs),
    /// Sync with your other devices through one encrypted file you move yourself.
    Sync(SyncArgs),
    /// Replace the notes of a session, check-in, scar or scar rating.
    Note(NoteArgs),
    /// Delete a check-in, scar rating or photo for good (on every device it syncs with).
    Delete(DeleteArgs),
    /// Fill a scratch journal with a plausible year and show everything.
    Demo(DemoArgs),
    /// Check whether a roller is right for you at home (the safety gate).
    CheckRoller(CheckRollerArgs),
}

/// `dermaroll session`.
#[derive(Debug, Args)]
pub struct SessionArgs {
    /// The roller in hand (default: the newest roller not retired).
    #[arg(long)]
    pub roller: Option<String>,
    /// The areas to roll, comma-separated (asked when not given).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub areas: Vec<Area>,
    /// Passes per direction (default: the protocol's for your skin).
    #[arg(long)]
    pub passes: Option<u32>,
    /// Seconds between pass cues (default: the protocol's).
    #[arg(long)]
    pub cadence: Option<u32>,
    /// Run waits this many times faster (for tests and trying it out).
    #[arg(long, env = "DERMAROLL_TIME_SCALE", default_value_t = 1.0)]
    pub pace: f64,
    /// Do not speak the cues.
    #[arg(long)]
    pub quiet: bool,
}

/// `dermaroll profile`.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// How easily your skin reacts.
    #[arg(long, value_enum)]
    pub skin: Option<Skin>,
    /// You have rolled before.
    #[arg(long, conflicts_with = "first_timer")]
    pub experienced: bool,
    /// You have never rolled before.
    #[arg(long)]
    pub first_timer: bool,
    /// Your usual bedtime, HH:MM (sessions are best right before sleep).
    #[arg(long, value_parser = parse_time)]
    pub bedtime: Option<TimeOfDay>,
    /// Your home IANA time zone (default: the system's).
    #[arg(long)]
    pub time_zone: Option<String>,
}

/// `dermaroll roller`.
#[derive(Debug, Args)]
pub struct RollerArgs {
    /// What to do with rollers (default: list).
    #[command(subcommand)]
    pub action: Option<RollerAction>,
}

/// What `dermaroll roller` does.
#[derive(Debug, Subcommand)]
pub enum RollerAction {
    /// Add a roller.
    Add {
        /// Needle length in millimetres, as printed on the roller.
        #[arg(long, allow_negative_numbers = true)]
        needle_mm: f64,
        /// Uses before it was added (0 for a new roller).
        #[arg(long, default_value_t = 0)]
        uses: u32,
    },
    /// List rollers with their wear.
    List,
    /// Retire a roller (it stays in the journal).
    Retire {
        /// The roller's id.
        id: String,
    },
}

/// `dermaroll checkin`.
#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// The session this check-in follows (default: the latest).
    #[arg(long)]
    pub session: Option<String>,
    /// Still stinging.
    #[arg(long)]
    pub stinging: bool,
    /// Still red.
    #[arg(long)]
    pub redness: bool,
    /// Dry skin.
    #[arg(long)]
    pub dryness: bool,
    /// Swollen.
    #[arg(long)]
    pub swelling: bool,
    /// The swelling is spreading.
    #[arg(long)]
    pub spreading: bool,
    /// Pus.
    #[arg(long)]
    pub pus: bool,
    /// Fever.
    #[arg(long)]
    pub fever: bool,
    /// Free notes.
    #[arg(long, default_value = "")]
    pub notes: String,
    /// Instead: confirm that this red-flag check-in has cleared.
    #[arg(long, value_name = "CHECKIN_ID", conflicts_with_all = ["session", "stinging", "redness", "dryness", "swelling", "spreading", "pus", "fever"])]
    pub cleared: Option<String>,
}

/// `dermaroll scar`.
#[derive(Debug, Args)]
pub struct ScarArgs {
    /// What to do with scars (default: list).
    #[command(subcommand)]
    pub action: Option<ScarAction>,
}

/// What `dermaroll scar` does.
#[derive(Debug, Subcommand)]
pub enum ScarAction {
    /// Start following a scar.
    Add {
        /// Where it is.
        #[arg(long, value_enum)]
        area: Area,
        /// Its kind.
        #[arg(long, value_enum)]
        kind: Kind,
        /// How visible it is now, 0 – 10.
        #[arg(long)]
        baseline: u32,
        /// Free notes.
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Rate a scar now, 0 – 10.
    Rate {
        /// The scar's id.
        id: String,
        /// How visible, 0 – 10.
        rating: u32,
        /// Free notes.
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// List the scars followed.
    List,
}

/// `dermaroll photo`.
#[derive(Debug, Args)]
pub struct PhotoArgs {
    /// What to do with photos (default: list).
    #[command(subcommand)]
    pub action: Option<PhotoAction>,
}

/// What `dermaroll photo` does.
#[derive(Debug, Subcommand)]
pub enum PhotoAction {
    /// Record a reference to an image file (its name and content hash).
    Add {
        /// The image file.
        file: PathBuf,
        /// Which area it shows.
        #[arg(long, value_enum)]
        area: Area,
    },
    /// List the photos recorded.
    List,
}

/// `dermaroll journal`.
#[derive(Debug, Args)]
pub struct JournalArgs {
    /// How many items at most.
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
}

/// `dermaroll progress`.
#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// The scar (default: the first one followed).
    pub scar: Option<String>,
    /// The chart file to write (SVG; default: progress-<scar>.svg in the
    /// journal's folder, the data folder).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// `dermaroll plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// When you usually wake, HH:MM (the morning check-in's time).
    #[arg(long, value_parser = parse_time, default_value = "07:30")]
    pub wake: TimeOfDay,
    /// Minutes before bedtime for the session reminder (default: the protocol's).
    #[arg(long)]
    pub lead_minutes: Option<u32>,
    /// Quiet hours, HH:MM-HH:MM (default: the protocol's).
    #[arg(long, value_parser = parse_quiet)]
    pub quiet_hours: Option<(TimeOfDay, TimeOfDay)>,
    /// Days between sessions for short needles you set yourself.
    #[arg(long)]
    pub interval_days: Option<u32>,
}

/// `dermaroll export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// The file to write (default: stdout).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// `dermaroll import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A JSON export (`-` for stdin).
    pub file: PathBuf,
}

/// Where the sync passphrase comes from, shown under `sync --help`.
const PASSPHRASE_HELP: &str =
    "The passphrase: DERMAROLL_SYNC_PASSPHRASE when set; else asked at the \
terminal without echo (twice when exporting); else one line read from stdin (a pipe). \
It is never printed. Use the same passphrase on every device.";

/// `dermaroll sync`.
#[derive(Debug, Args)]
#[command(after_help = PASSPHRASE_HELP)]
pub struct SyncArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: SyncAction,
}

/// What `dermaroll sync` does.
#[derive(Debug, Subcommand)]
pub enum SyncAction {
    /// Write this journal's encrypted sync file, to move to your other device.
    #[command(after_help = PASSPHRASE_HELP)]
    Export {
        /// The file to write (replaced only once it is complete).
        file: PathBuf,
        /// A folder of photo images: the images of the journal's photos
        /// found there (by file name) travel in the file too.
        #[arg(long, value_name = "FOLDER")]
        photos: Option<PathBuf>,
    },
    /// Merge a sync file from another device into this journal (a wrong
    /// passphrase or a damaged file changes nothing).
    #[command(after_help = PASSPHRASE_HELP)]
    Import {
        /// The sync file.
        file: PathBuf,
        /// A folder for photo images: the images the file carries are put
        /// there (those not there yet).
        #[arg(long, value_name = "FOLDER")]
        photos: Option<PathBuf>,
    },
    /// Notes that lost to a concurrent edit on another device, kept for you.
    Conflicts,
    /// Dismiss a conflict you have dealt with (other devices drop it after
    /// their next import).
    Dismiss {
        /// The record id, as `dermaroll sync conflicts` shows it.
        record_id: String,
        /// The lost version's clock, when the record has several conflicts.
        #[arg(long)]
        clock: Option<u64>,
        /// The lost version's device, when the record has several conflicts.
        #[arg(long)]
        device: Option<String>,
    },
}

/// `dermaroll note`.
#[derive(Debug, Args)]
pub struct NoteArgs {
    /// What the notes belong to.
    #[arg(value_enum)]
    pub kind: NoteKind,
    /// Its id (as `dermaroll journal --json` or `--json` lists show it).
    pub id: String,
    /// The new notes (empty to clear them).
    pub text: String,
}

/// `dermaroll delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// What to delete.
    #[arg(value_enum)]
    pub kind: DeleteKind,
    /// Its id.
    pub id: String,
    /// Do not ask to confirm.
    #[arg(long)]
    pub yes: bool,
}

/// Records with notes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NoteKind {
    /// A session.
    Session,
    /// A check-in.
    CheckIn,
    /// A scar.
    Scar,
    /// A scar rating.
    Rating,
}

/// Entries that can be deleted (nothing refers to them).
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DeleteKind {
    /// A check-in.
    CheckIn,
    /// A scar rating.
    Rating,
    /// A photo (its reference; the image file too when it is in the photo folder).
    Photo,
}

/// `dermaroll demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The scratch folder for the demo journal and chart (default: a new
    /// folder in the system's temporary directory). It must not hold a journal yet.
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

/// `dermaroll check-roller`.
#[derive(Debug, Args)]
pub struct CheckRollerArgs {
    /// Needle length in millimetres, as printed on the roller.
    #[arg(long, allow_negative_numbers = true)]
    pub needle_mm: f64,
    /// How easily your skin reacts.
    #[arg(long, value_enum, default_value_t = Skin::Normal)]
    pub skin: Skin,
    /// Whether you have rolled before.
    #[arg(long)]
    pub experienced: bool,
}

/// What `dermaroll export` writes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// Everything, as versioned JSON (import reads it back).
    Json,
    /// Sessions as CSV.
    CsvSessions,
    /// Check-ins as CSV.
    CsvCheckIns,
    /// Scar ratings as CSV.
    CsvRatings,
}

/// Skin sensitivity as typed on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Skin {
    /// Reacts strongly.
    Sensitive,
    /// Ordinary skin.
    Normal,
    /// Resilient ("tough") skin.
    Resilient,
}

impl From<Skin> for SkinSensitivity {
    fn from(skin: Skin) -> Self {
        match skin {
            Skin::Sensitive => Self::Sensitive,
            Skin::Normal => Self::Normal,
            Skin::Resilient => Self::Resilient,
        }
    }
}

/// Whether the person has rolled before, from the two flags.
pub fn experience(experienced: bool) -> Experience {
    if experienced {
        Experience::Experienced
    } else {
        Experience::FirstTimer
    }
}

/// A facial area as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Area {
    /// The forehead.
    Forehead,
    /// The left cheek.
    LeftCheek,
    /// The right cheek.
    RightCheek,
    /// The nose.
    Nose,
    /// The chin.
    Chin,
    /// The jawline.
    Jaw,
}

impl From<Area> for FacialArea {
    fn from(area: Area) -> Self {
        match area {
            Area::Forehead => Self::Forehead,
            Area::LeftCheek => Self::LeftCheek,
            Area::RightCheek => Self::RightCheek,
            Area::Nose => Self::Nose,
            Area::Chin => Self::Chin,
            Area::Jaw => Self::Jaw,
        }
    }
}

/// A scar kind as typed on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    /// Narrow and deep.
    IcePick,
    /// Broad with sharp edges.
    Boxcar,
    /// Broad with sloping edges.
    Rolling,
}

impl From<Kind> for ScarKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::IcePick => Self::IcePick,
            Kind::Boxcar => Self::Boxcar,
            Kind::Rolling => Self::Rolling,
        }
    }
}

/// Parses `HH:MM`.
pub fn parse_time(text: &str) -> Result<TimeOfDay, String> {
    let (hour, minute) = text
        .split_once(':')
        .ok_or_else(|| format!("{text:?} is not a time: use HH:MM"))?;
    let hour: u32 = hour.parse().map_err(|_| format!("{text:?}: bad hour"))?;
    let minute: u32 = minute
        .parse()
        .map_err(|_| format!("{text:?}: bad minute"))?;
    if hour > 23 || minute > 59 {
        return Err(format!("{text:?} is not a time of day"));
    }
    Ok(TimeOfDay { hour, minute })
}

fn parse_quiet(text: &str) -> Result<(TimeOfDay, TimeOfDay), String> {
    let (start, end) = text
        .split_once('-')
        .ok_or_else(|| format!("{text:?}: use HH:MM-HH:MM"))?;
    Ok((parse_time(start)?, parse_time(end)?))
}

//! The one table of domain numbers (../shared/PROTOCOL.md). Every rule in the
//! core reads its limits from [`TABLE`]; no other module writes a protocol
//! number as a literal.

use serde::{Deserialize, Serialize};

use super::NeedleLength;

/// How the next session is planned for a needle band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Rhythm {
    /// Short needles: the person sets their own rhythm above the minimum.
    PersonSet,
    /// Scar treatment: the same day next month, clamped to the month's end.
    Monthly,
}

/// One row of the interval table: needles in `[from_um, until_um)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NeedleBand {
    /// Smallest needle length in the band, in micrometres (inclusive).
    pub from_um: u32,
    /// First needle length past the band, in micrometres (exclusive).
    pub until_um: u32,
    /// Minimum whole days since the last session.
    pub min_interval_days: u32,
    /// How sessions are planned.
    pub rhythm: Rhythm,
}

/// Passes per area in each direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PassCounts {
    /// Vertical passes, done first.
    pub vertical: u32,
    /// Horizontal passes over the same area, done second.
    pub horizontal: u32,
}

/// What a "yes" to a contraindication question means for tonight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ContraindicationAction {
    /// Skip tonight and try again once it has passed.
    Postpone,
    /// Do not roll at home; see a professional first.
    SeeProfessional,
}

/// A yes/no question asked before every session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Contraindication {
    /// Active acne or an infection in the area.
    ActiveAcneOrInfection,
    /// A cold sore.
    ColdSore,
    /// An eczema, psoriasis or rosacea flare.
    SkinConditionFlare,
    /// Sunburn.
    Sunburn,
    /// A history of keloid scarring.
    KeloidHistory,
    /// Isotretinoin now or in the last 6 months.
    Isotretinoin,
    /// Blood thinners or a bleeding disorder.
    BloodThinnersOrBleedingDisorder,
    /// Pregnancy.
    Pregnancy,
    /// Raised moles in the area.
    RaisedMoles,
    /// A peel, laser or filler in the last weeks.
    RecentProcedure,
    /// Retinoids or acids in the last days.
    RecentRetinoidsOrAcids,
}

/// One contraindication question with what a "yes" means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContraindicationRule {
    /// Which question.
    pub id: Contraindication,
    /// The question as shown to the person.
    pub question: &'static str,
    /// What a "yes" does to tonight's session.
    pub action: ContraindicationAction,
    /// The reason shown with that outcome.
    pub reason: &'static str,
}

/// Every number of the protocol, in one place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProtocolTable {
    /// Needle lengths accepted as input at all, in micrometres (inclusive).
    pub needle_input_range_um: (u32, u32),
    /// Longest needle that is safe at home for anyone, in micrometres.
    pub home_safe_max_um: u32,
    /// Longest needle at home, and only for experienced users with resilient skin.
    pub home_experienced_max_um: u32,
    /// From this length on, needling is professional use only.
    pub professional_only_from_um: u32,
    /// Longest needle advised for sensitive skin (the short end).
    pub sensitive_advised_max_um: u32,
    /// Minimum interval and rhythm by needle length, in ascending order.
    pub needle_bands: &'static [NeedleBand],
    /// Passes per area by default.
    pub passes_default: PassCounts,
    /// Passes per area for sensitive skin.
    pub passes_sensitive: PassCounts,
    /// The most passes per direction a person may set.
    pub passes_max: u32,
    /// A roller is due for replacement after this many uses.
    pub roller_replace_after_uses: u32,
    /// How long a patch test is watched before the first session, in hours.
    pub patch_test_wait_hours: u32,
    /// The optional mask goes on this many minutes after rolling, at the earliest…
    pub mask_wait_min_minutes: u32,
    /// …and at the latest.
    pub mask_wait_max_minutes: u32,
    /// Stinging should be gone this many minutes after the session.
    pub sting_check_after_minutes: u32,
    /// Redness up to this many hours is normal.
    pub redness_normal_hours: u32,
    /// Redness past this many hours is a red flag.
    pub redness_red_flag_hours: u32,
    /// No makeup, harsh products or actives for this many hours after a session.
    pub aftercare_window_hours: u32,
    /// Default seconds between hands-free pass cues.
    pub cue_cadence_default_seconds: u32,
    /// Accepted cue cadence, in seconds (inclusive).
    pub cue_cadence_range_seconds: (u32, u32),
    /// Seconds between "next: <area>" and its first pass, to move the hand and hold the skin taut.
    pub area_lead_in_seconds: u32,
    /// Asked before every session, in this order.
    pub contraindications: &'static [ContraindicationRule],
    /// The schedule's numbers: reminders, quiet hours, platform caps.
    pub schedule: ScheduleTable,
    /// What a new profile takes for a field the person has not given.
    pub profile_defaults: ProfileDefaults,
}

/// The defaults of a new profile (the cautious choices: a first-timer, who
/// gets the patch-test advice and no needles above the home limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProfileDefaults {
    /// Skin sensitivity.
    pub sensitivity: super::SkinSensitivity,
    /// Experience.
    pub experience: super::Experience,
    /// Usual bedtime (hour, minute).
    pub bedtime: (u32, u32),
}

/// The numbers of the schedule and the notification plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleTable {
    /// Minutes before bedtime that a session reminder fires, unless the person sets it.
    pub default_lead_minutes: u32,
    /// The longest lead a person may set, in minutes.
    pub max_lead_minutes: u32,
    /// Days between sessions for short needles when the person has not set a rhythm.
    pub person_set_default_interval_days: u32,
    /// The longest interval a person may set for short needles, in days.
    pub person_set_max_interval_days: u32,
    /// A missed session gets one gentle follow-up this many days after its due date.
    pub missed_follow_up_after_days: u32,
    /// A session within this many days after its due date still counts as on time.
    pub adherence_grace_days: u32,
    /// Sessions are planned this many days ahead (the year plan).
    pub plan_horizon_days: u32,
    /// A bedtime before this hour belongs to the night that began the day before
    /// (a 00:30 bedtime is the end of the evening of the due date).
    pub night_ends_hour: u32,
    /// Default quiet hours (start, end) as (hour, minute); they wrap past midnight.
    pub default_quiet_hours: ((u32, u32), (u32, u32)),
    /// An evening reminder that falls in quiet hours moves to this many minutes
    /// before they begin (the session is tonight, not tomorrow morning).
    pub quiet_evening_margin_minutes: u32,
    /// "Replace your roller" comes this many days before the next due session.
    pub replace_roller_notice_days: u32,
    /// The longest timer a person may start (a mask timer), in minutes.
    pub max_person_timer_minutes: u32,
    /// The most notifications iOS keeps pending for one app.
    pub ios_pending_cap: u32,
    /// The most notifications the Android shell schedules at once (well under
    /// the per-app limits of the job and alarm schedulers).
    pub android_pending_cap: u32,
    /// A plan is fetched again at the latest this many days after it was made.
    pub refresh_max_days: u32,
}

/// The protocol's defaults (conservative: where the source and common
/// guidance differ, the safer value).
pub const TABLE: ProtocolTable = ProtocolTable {
    needle_input_range_um: (100, 3000),
    home_safe_max_um: 500,
    home_experienced_max_um: 750,
    professional_only_from_um: 1000,
    sensitive_advised_max_um: 250,
    needle_bands: &[
        NeedleBand {
            from_um: 0,
            until_um: 251,
            min_interval_days: 2,
            rhythm: Rhythm::PersonSet,
        },
        NeedleBand {
            from_um: 251,
            until_um: 500,
            min_interval_days: 14,
            rhythm: Rhythm::Monthly,
        },
        NeedleBand {
            from_um: 500,
            until_um: u32::MAX,
            min_interval_days: 28,
            rhythm: Rhythm::Monthly,
        },
    ],
    passes_default: PassCounts {
        vertical: 6,
        horizontal: 6,
    },
    passes_sensitive: PassCounts {
        vertical: 4,
        horizontal: 4,
    },
    passes_max: 10,
    roller_replace_after_uses: 10,
    patch_test_wait_hours: 48,
    mask_wait_min_minutes: 10,
    mask_wait_max_minutes: 15,
    sting_check_after_minutes: 30,
    redness_normal_hours: 24,
    redness_red_flag_hours: 72,
    aftercare_window_hours: 48,
    cue_cadence_default_seconds: 4,
    cue_cadence_range_seconds: (2, 20),
    area_lead_in_seconds: 5,
    contraindications: CONTRAINDICATIONS,
    schedule: ScheduleTable {
        default_lead_minutes: 30,
        max_lead_minutes: 240,
        person_set_default_interval_days: 7,
        person_set_max_interval_days: 60,
        missed_follow_up_after_days: 3,
        adherence_grace_days: 7,
        plan_horizon_days: 366,
        night_ends_hour: 12,
        default_quiet_hours: ((23, 30), (7, 0)),
        quiet_evening_margin_minutes: 15,
        replace_roller_notice_days: 7,
        max_person_timer_minutes: 120,
        ios_pending_cap: 64,
        android_pending_cap: 50,
        refresh_max_days: 14,
    },
    profile_defaults: ProfileDefaults {
        sensitivity: super::SkinSensitivity::Normal,
        experience: super::Experience::FirstTimer,
        bedtime: (22, 30),
    },
};

const CONTRAINDICATIONS: &[ContraindicationRule] = &[
    ContraindicationRule {
        id: Contraindication::ActiveAcneOrInfection,
        question: "Is there active acne or an infection in the area you want to roll?",
        action: ContraindicationAction::Postpone,
        reason: "Rolling over active acne or an infection can spread bacteria. Wait until it has cleared.",
    },
    ContraindicationRule {
        id: Contraindication::ColdSore,
        question: "Do you have a cold sore right now?",
        action: ContraindicationAction::Postpone,
        reason: "Needling can spread a cold sore. Wait until it has fully healed.",
    },
    ContraindicationRule {
        id: Contraindication::SkinConditionFlare,
        question: "Is eczema, psoriasis or rosacea flaring in the area?",
        action: ContraindicationAction::Postpone,
        reason: "Needling can worsen a flare. Wait until the skin has calmed down.",
    },
    ContraindicationRule {
        id: Contraindication::Sunburn,
        question: "Is the skin sunburnt?",
        action: ContraindicationAction::Postpone,
        reason: "Sunburnt skin is already injured. Wait until it has healed.",
    },
    ContraindicationRule {
        id: Contraindication::KeloidHistory,
        question: "Have you ever formed keloid scars?",
        action: ContraindicationAction::SeeProfessional,
        reason: "Needling can trigger keloids in people prone to them. Please ask a dermatologist first.",
    },
    ContraindicationRule {
        id: Contraindication::Isotretinoin,
        question: "Are you taking isotretinoin, or have you in the last 6 months?",
        action: ContraindicationAction::SeeProfessional,
        reason: "Skin heals poorly during and after isotretinoin. Please ask a dermatologist first.",
    },
    ContraindicationRule {
        id: Contraindication::BloodThinnersOrBleedingDisorder,
        question: "Do you take blood thinners or have a bleeding disorder?",
        action: ContraindicationAction::SeeProfessional,
        reason: "Needling with blood thinners or a bleeding disorder needs medical advice first.",
    },
    ContraindicationRule {
        id: Contraindication::Pregnancy,
        question: "Are you pregnant?",
        action: ContraindicationAction::SeeProfessional,
        reason: "Please ask your doctor before needling during pregnancy.",
    },
    ContraindicationRule {
        id: Contraindication::RaisedMoles,
        question: "Are there raised moles in the area?",
        action: ContraindicationAction::SeeProfessional,
        reason: "Never roll over raised moles. Have them looked at by a professional first.",
    },
    ContraindicationRule {
        id: Contraindication::RecentProcedure,
        question: "Have you had a peel, laser treatment or filler in the last few weeks?",
        action: ContraindicationAction::Postpone,
        reason: "Let the skin recover from the last treatment before needling it again.",
    },
    ContraindicationRule {
        id: Contraindication::RecentRetinoidsOrAcids,
        question: "Have you used retinoids or acids on the area in the last few days?",
        action: ContraindicationAction::Postpone,
        reason: "Retinoids and acids make needled skin react strongly. Pause them for a few days first.",
    },
];

impl ProtocolTable {
    /// The interval row that covers a needle length.
    pub fn band_for(&self, needle: NeedleLength) -> NeedleBand {
        let um = needle.micrometres();
        self.needle_bands
            .iter()
            .copied()
            .find(|band| um >= band.from_um && um < band.until_um)
            // The bands cover every u32 below u32::MAX; the last row is the fallback.
            .unwrap_or(LAST_BAND)
    }

    /// The default pass counts for a skin type.
    pub fn passes_for(&self, sensitivity: super::SkinSensitivity) -> PassCounts {
        match sensitivity {
            super::SkinSensitivity::Sensitive => self.passes_sensitive,
            _ => self.passes_default,
        }
    }

    /// The rule for one contraindication question.
    pub fn contraindication(&self, id: Contraindication) -> Option<&'static ContraindicationRule> {
        self.contraindications.iter().find(|rule| rule.id == id)
    }
}

const LAST_BAND: NeedleBand = NeedleBand {
    from_um: 500,
    until_um: u32::MAX,
    min_interval_days: 28,
    rhythm: Rhythm::Monthly,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::SkinSensitivity;

    fn band(mm: f64) -> NeedleBand {
        match NeedleLength::from_mm(mm) {
            Ok(needle) => TABLE.band_for(needle),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn bands_follow_the_protocol_table() {
        assert_eq!(band(0.1).min_interval_days, 2);
        assert_eq!(band(0.25).min_interval_days, 2);
        assert_eq!(band(0.3).min_interval_days, 14);
        assert_eq!(band(0.49).min_interval_days, 14);
        assert_eq!(band(0.5).min_interval_days, 28);
        assert_eq!(band(0.75).min_interval_days, 28);
        assert_eq!(band(0.25).rhythm, Rhythm::PersonSet);
        assert_eq!(band(0.5).rhythm, Rhythm::Monthly);
    }

    #[test]
    fn bands_are_contiguous_and_end_with_the_fallback() {
        for pair in TABLE.needle_bands.windows(2) {
            assert_eq!(pair[0].until_um, pair[1].from_um);
        }
        assert_eq!(TABLE.needle_bands.last().copied(), Some(LAST_BAND));
    }

    #[test]
    fn every_contraindication_has_one_rule() {
        assert_eq!(TABLE.contraindications.len(), 11);
        for rule in TABLE.contraindications {
            assert_eq!(TABLE.contraindication(rule.id), Some(rule));
        }
    }

    #[test]
    fn sensitive_skin_gets_fewer_passes() {
        let sensitive = TABLE.passes_for(SkinSensitivity::Sensitive);
        let normal = TABLE.passes_for(SkinSensitivity::Normal);
        assert!(sensitive.vertical < normal.vertical);
        assert_eq!(
            normal,
            PassCounts {
                vertical: 6,
                horizontal: 6
            }
        );
    }
}

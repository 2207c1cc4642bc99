//! `dermaroll session`: a guided session beside the mirror. The safety gate
//! and tonight's questions first, then the core's steps one by one; while
//! rolling, the core's cues are shown (and spoken) live with a pass counter
//! and a progress bar; the mask wait is a countdown.
//!
//! Time: the core asks for timers (`StartTimer { fires_at }`); this loop
//! waits for the pending one in real time (divided by `--pace`) while also
//! reading input lines, and sends `TimerFired` when it runs out. Every
//! instant handed to the core is the system clock, never earlier than the
//! previous event's. Every event is persisted by the journal before the next
//! is read, so a killed process loses nothing: the next `dermaroll session`
//! offers to resume, re-arming the pending timer from the view.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use chrono::{DateTime, Utc};
use dermaroll_core::journal::guided::{GuidedStart, GuidedUpdate};
use dermaroll_core::journal::{Journal, Moment};
use dermaroll_core::protocol::{
    ContraindicationAnswer, FacialArea, PassCounts, ReadinessVerdict, TABLE,
};
use dermaroll_core::session::{
    CueKind, Effect, EventKind, SessionEvent, SessionView, Step, StopSign, TimerPurpose,
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{name, print_json};
use crate::args::SessionArgs;
use crate::clock;
use crate::io::{Ahead, Input, Waited};
use crate::layout;
use crate::speech::Speech;

/// Every key, shown once when the steps begin and again on `?`.
const KEYS: &str = "Keys (each followed by Enter): Enter = done / next pass · s = stop sign \
                    (then r = dark pink-red, b = pinpoint bleeding) · u = undo pass · k = skip area · \
                    p = pause / resume · m = mask · x = no mask · a = abandon · c N = N seconds \
                    between cues · ? = these keys";

/// What the keys do at this step, from the events the core allows now
/// (shown with every new step, so a step where Enter does nothing says
/// which key does what).
fn step_keys(view: &SessionView) -> String {
    let allowed = |kind| view.allowed.contains(&kind);
    let mut keys = Vec::new();
    if allowed(EventKind::Continue) {
        keys.push(match view.step {
            Step::MaskWait => "Enter = the mask is on",
            _ => "Enter = done",
        });
    } else if allowed(EventKind::NextPass) {
        keys.push("Enter = next pass");
    }
    if allowed(EventKind::Stop) {
        keys.push("s = stop sign");
    }
    if allowed(EventKind::SkipArea) {
        keys.push("k = skip area");
    }
    if allowed(EventKind::StartMask) {
        keys.push("m = yes, a mask");
    }
    if allowed(EventKind::SkipMask) {
        keys.push("x = no mask");
    }
    if allowed(EventKind::Resume) {
        keys.push("p = resume");
    } else if allowed(EventKind::Pause) {
        keys.push("p = pause");
    }
    if allowed(EventKind::Abandon) {
        keys.push("a = abandon");
    }
    keys.push("? = all keys");
    keys.join(" · ")
}

/// `dermaroll session`.
pub fn run(json: bool, journal: &Journal, args: &SessionArgs) -> anyhow::Result<()> {
    if !(args.pace.is_finite() && args.pace > 0.0) {
        bail!("--pace must be a positive number (1 = real time)");
    }
    let mut input = Input::new();
    let mut clock = SessionClock::default();
    let first = match journal.resume_guided_session()? {
        Some(resumed) => {
            let where_ = describe(&resumed.view);
            if input.yes_no(
                &format!("A session is in progress ({where_}). Resume it?"),
                Some(true),
                Ahead::Discard,
            )? {
                resumed
            } else {
                journal.apply_guided_event(&SessionEvent::Abandon, &clock.now())?;
                eprintln!("The earlier session was abandoned (its events stay in the journal).");
                start(journal, args, &mut input, &mut clock)?
            }
        }
        None => start(journal, args, &mut input, &mut clock)?,
    };
    let mut screen = Screen::new(
        json,
        Speech::new(args.quiet || json || !std::io::stdout().is_terminal()),
    );
    let update = run_steps(
        journal,
        args.pace,
        &mut input,
        &mut clock,
        &mut screen,
        first,
    )?;
    screen.clear();
    if update.view.step == Step::Abandoned {
        if !json {
            println!("Session abandoned. Nothing is recorded as a finished session.");
        }
        return Ok(());
    }
    let discomfort = input.number("How uncomfortable was it, 0 – 10?", 0..=10, 2)?;
    let notes = input.text("Notes (optional)", "", Ahead::Keep)?;
    let record = journal.finish_guided_session(discomfort, &notes, &clock.now())?;
    if json {
        return print_json(&record);
    }
    println!("Session recorded ({}):", record.id);
    for area in &record.areas {
        println!(
            "  {:<12} {} vertical, {} horizontal: {}",
            name(&area.area),
            area.vertical_passes,
            area.horizontal_passes,
            name(&area.endpoint)
        );
    }
    println!("Tomorrow morning: dermaroll checkin (add --redness, --stinging, … as it applies).");
    Ok(())
}

/// The instants handed to the core: the system clock, never going backwards.
#[derive(Debug, Default)]
struct SessionClock {
    last: DateTime<Utc>,
}

impl SessionClock {
    fn now(&mut self) -> Moment {
        let at = Utc::now().max(self.last);
        self.last = at;
        clock::moment_at(at)
    }
}

/// Profile, roller, tonight's questions, readiness, areas; then the start.
fn start(
    journal: &Journal,
    args: &SessionArgs,
    input: &mut Input,
    clock: &mut SessionClock,
) -> anyhow::Result<GuidedUpdate> {
    if journal.profile()?.is_none() {
        bail!("no profile yet: set one first, e.g. dermaroll profile --skin normal --first-timer --bedtime 22:30");
    }
    let roller_id = match &args.roller {
        Some(id) => id.clone(),
        None => journal
            .roller_wear()?
            .into_iter()
            .filter(|w| w.roller.retired.is_none())
            .max_by_key(|w| w.roller.first_use.at)
            .map(|w| w.roller.id)
            .context(
                "no roller in the journal: add yours with dermaroll roller add --needle-mm 0.5",
            )?,
    };
    eprintln!("Before tonight's session, answer each question with y or n.");
    let mut answers = Vec::new();
    for rule in TABLE.contraindications {
        let yes = input.yes_no(rule.question, None, Ahead::Discard)?;
        answers.push(ContraindicationAnswer { id: rule.id, yes });
    }
    let check = journal.check_readiness(&roller_id, &answers, &clock.now())?;
    match check.verdict {
        ReadinessVerdict::Ready => {}
        ReadinessVerdict::ReadyWithAdvice => {
            // Part of the conversation, like the questions: on stderr, so
            // that stdout stays data with --json.
            eprintln!("Ready, with advice:");
            for reason in &check.reasons {
                eprintln!("  - {}", reason.text);
            }
        }
        verdict => {
            let reasons: Vec<&str> = check.reasons.iter().map(|r| r.text.as_str()).collect();
            let earliest = check
                .earliest
                .map(|date| format!(" (first allowed: {date})"))
                .unwrap_or_default();
            bail!(
                "not tonight: {}{earliest}: {}",
                name(&verdict),
                reasons.join(" ")
            );
        }
    }
    let areas: Vec<FacialArea> = if args.areas.is_empty() {
        ask_areas(input)?
    } else {
        args.areas.iter().map(|&a| a.into()).collect()
    };
    let start = GuidedStart {
        roller_id,
        areas,
        passes: args.passes.map(|n| PassCounts {
            vertical: n,
            horizontal: n,
        }),
        cue_cadence_seconds: args.cadence,
    };
    Ok(journal.start_guided_session(&start, &clock.now())?)
}

fn ask_areas(input: &mut Input) -> anyhow::Result<Vec<FacialArea>> {
    let all: Vec<String> = FacialArea::ALL
        .iter()
        .map(|a| name(a).replace(' ', "-"))
        .collect();
    loop {
        let answer = input.text(
            &format!("Areas to roll, comma-separated ({})", all.join(", ")),
            "all",
            Ahead::Discard,
        )?;
        if answer == "all" {
            return Ok(FacialArea::ALL.to_vec());
        }
        let chosen: Option<Vec<FacialArea>> = answer
            .split(',')
            .map(|part| {
                let part = part.trim().replace(' ', "-");
                FacialArea::ALL
                    .iter()
                    .copied()
                    .find(|a| name(a).replace(' ', "-") == part)
            })
            .collect();
        match chosen {
            Some(areas) if !areas.is_empty() => return Ok(areas),
            _ => eprintln!("please name areas from the list, or press Enter for all"),
        }
    }
}

/// Where a session stands, in a few words.
fn describe(view: &SessionView) -> String {
    match (
        view.area,
        view.pass_number,
        view.pass_target,
        view.direction,
    ) {
        (Some(area), Some(n), Some(of), Some(direction)) => {
            format!("{}, {} pass {n} of {of}", name(&area), name(&direction))
        }
        (Some(area), _, _, _) => name(&area),
        _ => name(&view.step),
    }
}

/// The timer to wait for: its id, when it fires in real time, and how long
/// it runs in all (for the countdown).
#[derive(Debug, Clone, Copy)]
struct Armed {
    timer_id: u32,
    deadline: Instant,
    total: Duration,
    purpose: Option<TimerPurpose>,
}

/// The pending timer of `view`, scaled by `pace`, counted from `reference`.
fn arm(
    view: &SessionView,
    effects: &[Effect],
    reference: DateTime<Utc>,
    pace: f64,
) -> Option<Armed> {
    let (timer_id, fires_at) = (view.pending_timer_id?, view.pending_timer_fires_at?);
    let left = (fires_at - reference)
        .to_std()
        .unwrap_or(Duration::ZERO)
        .div_f64(pace);
    let purpose = effects.iter().find_map(|e| match e {
        Effect::StartTimer {
            timer_id: id,
            purpose,
            ..
        } if *id == timer_id => Some(*purpose),
        _ => None,
    });
    let purpose = purpose.or((view.step == Step::MaskWait).then_some(TimerPurpose::MaskWait));
    Some(Armed {
        timer_id,
        deadline: Instant::now() + left,
        total: left,
        purpose,
    })
}

/// Runs the steps until the session awaits finishing or is abandoned.
fn run_steps(
    journal: &Journal,
    pace: f64,
    input: &mut Input,
    clock: &mut SessionClock,
    screen: &mut Screen,
    first: GuidedUpdate,
) -> anyhow::Result<GuidedUpdate> {
    input.start_reader();
    let mut armed = arm(
        &first.view,
        &first.effects,
        Utc::now().max(clock.last),
        pace,
    );
    let mut update = first;
    layout::tell(KEYS);
    loop {
        if screen.begins_step(&update) {
            // A new step: keys typed before it appears never confirm it.
            input.discard_typed_ahead(Instant::now());
        }
        screen.show(&update)?;
        if update.awaiting_finish || update.view.step == Step::Abandoned {
            return Ok(update);
        }
        let event = loop {
            let slice = armed.map(|a| {
                a.deadline
                    .saturating_duration_since(Instant::now())
                    .min(Duration::from_millis(250))
            });
            if let Some(a) = armed {
                screen.tick(&a);
            }
            match input.wait_line(slice) {
                Waited::Line(line) => match event_for(&line, &update.view, input)? {
                    Some(event) => break event,
                    None => continue,
                },
                Waited::Timeout => match armed {
                    Some(a) if Instant::now() >= a.deadline => {
                        break SessionEvent::TimerFired { timer_id: a.timer_id }
                    }
                    _ => continue,
                },
                Waited::Closed => match armed {
                    Some(a) => {
                        std::thread::sleep(a.deadline.saturating_duration_since(Instant::now()));
                        break SessionEvent::TimerFired { timer_id: a.timer_id };
                    }
                    None => bail!(
                        "input ended in the middle of the session; it is kept: run dermaroll session again to resume"
                    ),
                },
            }
        };
        let at = clock.now();
        match journal.apply_guided_event(&event, &at) {
            Ok(next) => {
                armed = arm(&next.view, &next.effects, at.at, pace);
                update = next;
            }
            Err(error) => screen.say_line(&format!("not now: {error}")),
        }
    }
}

/// The event an input line asks for, if any (help and refusals print a line).
fn event_for(
    line: &str,
    view: &SessionView,
    input: &mut Input,
) -> anyhow::Result<Option<SessionEvent>> {
    let allowed = |kind| view.allowed.contains(&kind);
    let mut words = line.split_whitespace();
    let key = words.next().unwrap_or("").to_ascii_lowercase();
    let rest = words.next().map(str::to_ascii_lowercase);
    let event = match key.as_str() {
        "" | "n" | "next" => {
            if allowed(EventKind::Continue) {
                SessionEvent::Continue
            } else if allowed(EventKind::NextPass) {
                SessionEvent::NextPass
            } else {
                eprintln!("nothing to confirm now ({})", describe(view));
                return Ok(None);
            }
        }
        "s" | "stop" => {
            let sign = match rest {
                Some(sign) => sign,
                None => input.text(
                    "Which stop sign? r = dark pink-red, b = pinpoint bleeding",
                    "",
                    Ahead::Keep,
                )?,
            };
            match sign.as_str() {
                "r" | "red" => SessionEvent::Stop {
                    sign: StopSign::DarkPinkRed,
                },
                "b" | "bleeding" => SessionEvent::Stop {
                    sign: StopSign::PinpointBleeding,
                },
                other => {
                    eprintln!("{other:?} is not a stop sign: r or b");
                    return Ok(None);
                }
            }
        }
        "u" | "undo" => SessionEvent::UndoPass,
        "k" | "skip" => SessionEvent::SkipArea,
        "p" | "pause" if view.paused => SessionEvent::Resume,
        "p" | "pause" => SessionEvent::Pause,
        "m" | "mask" => SessionEvent::StartMask,
        "x" => SessionEvent::SkipMask,
        "a" | "abandon" => {
            if input.yes_no("Abandon this session?", None, Ahead::Discard)? {
                SessionEvent::Abandon
            } else {
                return Ok(None);
            }
        }
        "c" | "cadence" => match rest.and_then(|n| n.parse().ok()) {
            Some(seconds) => SessionEvent::SetCadence { seconds },
            None => {
                eprintln!("cadence: c SECONDS");
                return Ok(None);
            }
        },
        "?" | "h" | "help" => {
            layout::tell(KEYS);
            return Ok(None);
        }
        other => {
            layout::tell(&format!("{other:?} is not a key here: {}", step_keys(view)));
            return Ok(None);
        }
    };
    Ok(Some(event))
}

/// What the person sees and hears.
struct Screen {
    json: bool,
    speech: Speech,
    /// Drawn on a terminal only, and only while rolling or waiting for the mask.
    bar: ProgressBar,
    /// Whether stderr is a terminal the bar may draw on.
    terminal: bool,
    step: Option<(Step, Option<FacialArea>, bool)>,
}

impl Screen {
    fn new(json: bool, speech: Speech) -> Self {
        Self {
            json,
            speech,
            bar: ProgressBar::hidden(),
            terminal: !json && std::io::stderr().is_terminal(),
            step: None,
        }
    }

    /// Shows the bar on a terminal while `wanted`, hides it otherwise.
    fn bar_visible(&self, wanted: bool) {
        if wanted && self.terminal && self.bar.is_hidden() {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        } else if !wanted && !self.bar.is_hidden() {
            self.bar.set_draw_target(ProgressDrawTarget::hidden());
        }
    }

    /// A line above the bar (or plain, when the bar is hidden), wrapped
    /// at word boundaries to the terminal.
    fn say_line(&self, text: &str) {
        if self.bar.is_hidden() {
            layout::say(text);
        } else {
            self.bar.println(layout::wrap(text, layout::stderr_width()));
        }
    }

    /// Whether showing `update` begins a new step (or area, or a pause).
    fn begins_step(&self, update: &GuidedUpdate) -> bool {
        let view = &update.view;
        !self.json && self.step != Some((view.step, view.area, view.paused))
    }

    fn show(&mut self, update: &GuidedUpdate) -> anyhow::Result<()> {
        if self.json {
            return print_json(update);
        }
        let view = &update.view;
        self.bar_visible(matches!(view.step, Step::Rolling | Step::MaskWait));
        let here = (view.step, view.area, view.paused);
        if self.step != Some(here) {
            self.step = Some(here);
            let title = match view.area {
                Some(area) => format!(
                    "== {}: {} ({} of {}) ==",
                    name(&view.step),
                    name(&area),
                    view.area_number,
                    view.area_count
                ),
                None => format!("== {} ==", name(&view.step)),
            };
            self.say_line(&title);
            self.say_line(&view.instruction);
            if let Some(warning) = &view.warning {
                self.say_line(&format!("! {warning}"));
            }
            if !update.awaiting_finish && view.step != Step::Abandoned {
                self.say_line(&step_keys(view));
            }
        }
        for effect in &update.effects {
            if let Effect::Cue { kind, text, .. } = effect {
                if *text == view.instruction {
                    // Already shown as the step's instruction; still spoken.
                    self.speech.say(text);
                    continue;
                }
                let mark = if *kind == CueKind::Pass { "»" } else { "»»" };
                self.say_line(&format!("{mark} {text}"));
                self.speech.say(text);
            }
        }
        if view.step == Step::Rolling {
            let total = u64::from(view.passes.vertical + view.passes.horizontal);
            self.bar.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} passes  {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            self.bar.set_length(total);
            self.bar
                .set_position(u64::from(view.vertical_done + view.horizontal_done));
            self.bar.set_message(describe(view));
        }
        Ok(())
    }

    /// Moves the countdown of the mask wait.
    fn tick(&self, armed: &Armed) {
        if armed.purpose != Some(TimerPurpose::MaskWait) || self.bar.is_hidden() {
            return;
        }
        let left = armed.deadline.saturating_duration_since(Instant::now());
        self.bar.set_style(
            ProgressStyle::with_template("{bar:30} mask in {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let total = armed.total.as_secs().max(1);
        self.bar.set_length(total);
        self.bar.set_position(total.saturating_sub(left.as_secs()));
        self.bar.set_message(format!(
            "{}:{:02}",
            left.as_secs() / 60,
            left.as_secs() % 60
        ));
    }

    fn clear(&self) {
        self.bar.finish_and_clear();
    }
}

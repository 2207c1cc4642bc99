//! The crash test the issue asks for: a whole session driven through the real
//! binary from a script, killed with SIGKILL in the middle of an area,
//! started again, resumed and finished: the journal holds one complete
//! session with the right passes and endpoints.

mod common;

use common::{all_no, wait_until, Env, Live};
use dermaroll_core::protocol::{AreaEndpoint, FacialArea};
use dermaroll_core::session::Step;

const ARGS: &[&str] = &[
    "session",
    "--areas",
    "forehead,left-cheek,chin",
    "--passes",
    "3",
    "--cadence",
    "2",
    // 500 ms a pass (3 s an area): time enough to act in the middle of an
    // area even while the rest of the suite loads both cores; the whole test
    // still takes about ten seconds.
    "--pace",
    "4",
    "--quiet",
];

#[test]
fn a_session_killed_mid_area_resumes_and_is_recorded_once() {
    let env = Env::new();
    env.setup();

    // First run: the questions, the checklist, then rolling until the
    // middle of the left cheek.
    let mut first = Live::spawn(&env, ARGS);
    first.send(&all_no());
    first.expect("== sterilize roller");
    first.send("\n");
    first.expect("== cleanse face");
    first.send("\n");
    first.expect("== rolling: left cheek");
    let journal = env.open();
    wait_until(|| {
        let view = journal.resume_guided_session().unwrap().unwrap().view;
        view.area == Some(FacialArea::LeftCheek) && view.vertical_done >= 1
    });
    let killed = journal.resume_guided_session().unwrap().unwrap();
    // SIGKILL: no chance to clean up.
    first.child.kill().unwrap();
    first.child.wait().unwrap();
    let view = journal.resume_guided_session().unwrap().unwrap().view;
    assert_eq!(view.step, Step::Rolling);
    assert_eq!(view.area, Some(FacialArea::LeftCheek));
    assert_eq!(journal.totals().unwrap().sessions, 0);

    // Second run: resume, let the cheek finish, stop the chin on a stop sign.
    let mut second = Live::spawn(&env, ARGS);
    second.send("y\n");
    second.expect("== rolling: left cheek");
    second.expect("== rolling: chin");
    wait_until(|| {
        let view = journal.resume_guided_session().unwrap().unwrap().view;
        view.area == Some(FacialArea::Chin) && view.pass_number.is_some()
    });
    second.send("s b\n");
    second.expect("== rinse");
    second.send("\n");
    second.expect("== store roller");
    second.send("\n");
    second.expect("== mask offer");
    second.send("x\n");
    second.expect("== done");
    second.send("4\nresumed after a kill\n");
    let (status, seen) = second.finish();
    assert!(status.success(), "{}", seen.join("\n"));

    // One complete session, under the id the killed run started.
    assert_eq!(journal.resume_guided_session().unwrap(), None);
    assert_eq!(journal.totals().unwrap().sessions, 1);
    let detail = journal.session_detail(&killed.session_id).unwrap();
    let areas: Vec<_> = detail
        .session
        .areas
        .iter()
        .map(|a| (a.area, a.vertical_passes, a.horizontal_passes, a.endpoint))
        .collect();
    assert_eq!(areas.len(), 3, "{areas:?}");
    assert_eq!(
        areas[0],
        (FacialArea::Forehead, 3, 3, AreaEndpoint::PassesCompleted)
    );
    assert_eq!(
        areas[1],
        (FacialArea::LeftCheek, 3, 3, AreaEndpoint::PassesCompleted)
    );
    assert_eq!(areas[2].0, FacialArea::Chin);
    assert_eq!(areas[2].3, AreaEndpoint::PinpointBleeding);
    assert!(areas[2].1 <= 3 && areas[2].2 == 0, "{areas:?}");
    assert_eq!(detail.session.discomfort, Some(4));
    assert_eq!(detail.session.notes, "resumed after a kill");
    assert_eq!(detail.roller.uses, 1);
}

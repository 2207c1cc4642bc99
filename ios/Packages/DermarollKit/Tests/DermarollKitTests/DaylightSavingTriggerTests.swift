// Wall-clock reminders around every daylight-saving change of 2026 and 2027 in
// zones with a one-hour change in either hemisphere, a 30-minute change
// (Lord Howe) and none (Kolkata). Expected instants are worked out by hand
// from each zone's published rules, not from the code under test.
import DermarollKit
import Foundation
import XCTest

/// One wall-clock reminder: where, when on the clock, and when it must fire.
private struct Case {
    let zone: String
    let local: (Int, Int, Int, Int, Int)
    let fires: String
    /// The trigger's components as (year, month, day, hour, minute).
    let components: (Int, Int, Int, Int, Int)
    let why: String
}

private let cases: [Case] = [
    // Europe/Berlin: 02:00 CET -> 03:00 CEST on 29 Mar 2026 and 28 Mar 2027 (01:00 UTC);
    // 03:00 CEST -> 02:00 CET on 25 Oct 2026 and 31 Oct 2027 (01:00 UTC).
    Case(zone: "Europe/Berlin", local: (2026, 3, 28, 21, 30), fires: "2026-03-28T20:30:00Z", components: (2026, 3, 28, 21, 30), why: "evening before the gap"),
    Case(zone: "Europe/Berlin", local: (2026, 3, 29, 1, 59), fires: "2026-03-29T00:59:00Z", components: (2026, 3, 29, 1, 59), why: "last minute before the gap"),
    Case(zone: "Europe/Berlin", local: (2026, 3, 29, 2, 0), fires: "2026-03-29T01:00:00Z", components: (2026, 3, 29, 3, 0), why: "gap start, shifted by one hour"),
    Case(zone: "Europe/Berlin", local: (2026, 3, 29, 2, 30), fires: "2026-03-29T01:30:00Z", components: (2026, 3, 29, 3, 30), why: "in the gap, shifted by one hour"),
    Case(zone: "Europe/Berlin", local: (2026, 3, 29, 3, 0), fires: "2026-03-29T01:00:00Z", components: (2026, 3, 29, 3, 0), why: "first minute after the gap"),
    Case(zone: "Europe/Berlin", local: (2026, 3, 29, 21, 30), fires: "2026-03-29T19:30:00Z", components: (2026, 3, 29, 21, 30), why: "evening after the gap"),
    Case(zone: "Europe/Berlin", local: (2026, 10, 25, 2, 0), fires: "2026-10-25T00:00:00Z", components: (2026, 10, 25, 2, 0), why: "overlap start, the earlier"),
    Case(zone: "Europe/Berlin", local: (2026, 10, 25, 2, 30), fires: "2026-10-25T00:30:00Z", components: (2026, 10, 25, 2, 30), why: "in the overlap, the earlier"),
    Case(zone: "Europe/Berlin", local: (2026, 10, 25, 3, 0), fires: "2026-10-25T02:00:00Z", components: (2026, 10, 25, 3, 0), why: "after the overlap"),
    Case(zone: "Europe/Berlin", local: (2026, 10, 25, 21, 30), fires: "2026-10-25T20:30:00Z", components: (2026, 10, 25, 21, 30), why: "evening after the overlap"),
    Case(zone: "Europe/Berlin", local: (2027, 3, 28, 2, 30), fires: "2027-03-28T01:30:00Z", components: (2027, 3, 28, 3, 30), why: "in the 2027 gap"),
    Case(zone: "Europe/Berlin", local: (2027, 10, 31, 2, 30), fires: "2027-10-31T00:30:00Z", components: (2027, 10, 31, 2, 30), why: "in the 2027 overlap"),
    // America/New_York: 02:00 EST -> 03:00 EDT on 8 Mar 2026 and 14 Mar 2027 (07:00 UTC);
    // 02:00 EDT -> 01:00 EST on 1 Nov 2026 and 7 Nov 2027 (06:00 UTC).
    Case(zone: "America/New_York", local: (2026, 3, 8, 2, 30), fires: "2026-03-08T07:30:00Z", components: (2026, 3, 8, 3, 30), why: "in the gap"),
    Case(zone: "America/New_York", local: (2026, 3, 8, 21, 30), fires: "2026-03-09T01:30:00Z", components: (2026, 3, 8, 21, 30), why: "evening after the gap"),
    Case(zone: "America/New_York", local: (2026, 11, 1, 1, 30), fires: "2026-11-01T05:30:00Z", components: (2026, 11, 1, 1, 30), why: "in the overlap, the earlier"),
    Case(zone: "America/New_York", local: (2026, 11, 1, 21, 30), fires: "2026-11-02T02:30:00Z", components: (2026, 11, 1, 21, 30), why: "evening after the overlap"),
    Case(zone: "America/New_York", local: (2027, 3, 14, 2, 30), fires: "2027-03-14T07:30:00Z", components: (2027, 3, 14, 3, 30), why: "in the 2027 gap"),
    Case(zone: "America/New_York", local: (2027, 11, 7, 1, 30), fires: "2027-11-07T05:30:00Z", components: (2027, 11, 7, 1, 30), why: "in the 2027 overlap"),
    // Australia/Lord_Howe (+10:30 standard, +11:00 summer): 02:00 -> 01:30 on 5 Apr 2026
    // and 4 Apr 2027 (15:00 UTC the day before); 02:00 -> 02:30 on 4 Oct 2026 and
    // 3 Oct 2027 (15:30 UTC the day before).
    Case(zone: "Australia/Lord_Howe", local: (2026, 4, 5, 1, 45), fires: "2026-04-04T14:45:00Z", components: (2026, 4, 5, 1, 45), why: "in the 30-minute overlap, the earlier"),
    Case(zone: "Australia/Lord_Howe", local: (2026, 4, 5, 21, 30), fires: "2026-04-05T11:00:00Z", components: (2026, 4, 5, 21, 30), why: "evening after the overlap"),
    Case(zone: "Australia/Lord_Howe", local: (2026, 10, 4, 2, 15), fires: "2026-10-03T15:45:00Z", components: (2026, 10, 4, 2, 45), why: "in the 30-minute gap, shifted by 30 minutes"),
    Case(zone: "Australia/Lord_Howe", local: (2026, 10, 4, 21, 30), fires: "2026-10-04T10:30:00Z", components: (2026, 10, 4, 21, 30), why: "evening after the gap"),
    Case(zone: "Australia/Lord_Howe", local: (2027, 4, 4, 1, 45), fires: "2027-04-03T14:45:00Z", components: (2027, 4, 4, 1, 45), why: "in the 2027 overlap"),
    Case(zone: "Australia/Lord_Howe", local: (2027, 10, 3, 2, 15), fires: "2027-10-02T15:45:00Z", components: (2027, 10, 3, 2, 45), why: "in the 2027 gap"),
    // Asia/Kolkata (+05:30, no daylight saving): the other zones' change nights are ordinary.
    Case(zone: "Asia/Kolkata", local: (2026, 3, 29, 2, 30), fires: "2026-03-28T21:00:00Z", components: (2026, 3, 29, 2, 30), why: "Berlin's gap night"),
    Case(zone: "Asia/Kolkata", local: (2026, 10, 4, 2, 15), fires: "2026-10-03T20:45:00Z", components: (2026, 10, 4, 2, 15), why: "Lord Howe's gap night"),
    Case(zone: "Asia/Kolkata", local: (2026, 10, 25, 2, 30), fires: "2026-10-24T21:00:00Z", components: (2026, 10, 25, 2, 30), why: "Berlin's overlap night"),
    Case(zone: "Asia/Kolkata", local: (2026, 11, 1, 1, 30), fires: "2026-10-31T20:00:00Z", components: (2026, 11, 1, 1, 30), why: "New York's overlap night"),
    Case(zone: "Asia/Kolkata", local: (2027, 3, 14, 2, 30), fires: "2027-03-13T21:00:00Z", components: (2027, 3, 14, 2, 30), why: "New York's 2027 gap night"),
]

/// The daylight-saving rule of docs/notifications.md, on real zone rules.
final class DaylightSavingTriggerTests: XCTestCase {
    /// Each reminder fires at the instant the rule gives.
    func testTheInstantFollowsTheDaylightSavingRule() throws {
        for c in cases {
            let converter = TriggerConverter(calendar: try gregorian(in: c.zone))
            let floating = try local(c.local.0, c.local.1, c.local.2, c.local.3, c.local.4)
            XCTAssertEqual(converter.instant(of: floating), try instant(c.fires), "\(c.zone) \(floating): \(c.why)")
        }
    }

    /// The trigger's components are the time on the clock when it fires,
    /// with no time zone and no calendar, and iOS resolves them to that instant.
    func testTheCalendarTriggerResolvesToTheSameInstant() throws {
        for c in cases {
            let calendar = try gregorian(in: c.zone)
            let floating = try local(c.local.0, c.local.1, c.local.2, c.local.3, c.local.4)
            let now = try instant(c.fires).addingTimeInterval(-3 * 86_400)
            guard case .calendar(let components) = TriggerConverter(calendar: calendar).trigger(for: .wallClock(floating), now: now) else {
                XCTFail("\(c.zone) \(floating): not a calendar trigger")
                continue
            }
            let (year, month, day, hour, minute) = c.components
            XCTAssertEqual(components, DateComponents(year: year, month: month, day: day, hour: hour, minute: minute), "\(c.zone) \(floating): \(c.why)")
            XCTAssertNil(components.timeZone)
            XCTAssertNil(components.calendar)
            XCTAssertEqual(iosFireDate(of: components, in: calendar, after: now), try instant(c.fires), "\(c.zone) \(floating): \(c.why)")
        }
    }
}

// Fixed delays stay instants: a time interval from now, whatever the zone does.
import DermarollKit
import Foundation
import XCTest

/// Interval triggers for the core's fixed instants.
final class FixedDelayTriggerTests: XCTestCase {
    /// The sting check 30 minutes after the session is 1800 s away.
    func testAnInstantAheadIsItsDistanceFromNow() throws {
        let converter = TriggerConverter(calendar: try gregorian(in: "Europe/Berlin"))
        let now = try instant("2026-06-10T19:45:00Z")
        XCTAssertEqual(converter.trigger(for: .fixedInstant(now.addingTimeInterval(1_800)), now: now), .timeInterval(1_800))
    }

    /// "48 hours are over" across Berlin's spring gap is still 48 hours away,
    /// though the clock shows 49 more hours.
    func testADelayAcrossADaylightSavingChangeIsExact() throws {
        let converter = TriggerConverter(calendar: try gregorian(in: "Europe/Berlin"))
        let now = try instant("2026-03-28T21:00:00Z")
        let over = try instant("2026-03-30T21:00:00Z")
        XCTAssertEqual(converter.trigger(for: .fixedInstant(over), now: now), .timeInterval(172_800))
    }

    /// An instant now, in the past or under a second ahead fires in 1 s, the
    /// shortest interval a trigger accepts.
    func testAnInstantDueNowFiresInOneSecond() throws {
        let converter = TriggerConverter(calendar: try gregorian(in: "Asia/Kolkata"))
        let now = try instant("2026-06-10T19:45:00Z")
        for due in [now, now.addingTimeInterval(-600), now.addingTimeInterval(0.4)] {
            XCTAssertEqual(converter.trigger(for: .fixedInstant(due), now: now), .timeInterval(1), "\(due)")
        }
        XCTAssertEqual(converter.trigger(for: .fixedInstant(now.addingTimeInterval(1.5)), now: now), .timeInterval(1.5))
    }
}

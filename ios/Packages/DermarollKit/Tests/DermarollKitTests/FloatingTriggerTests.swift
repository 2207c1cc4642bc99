// Wall-clock reminders follow the phone: the components carry no zone, and
// they are written in the phone's own calendar.
import DermarollKit
import Foundation
import XCTest

/// What makes a wall-clock trigger float with the phone.
final class FloatingTriggerTests: XCTestCase {
    /// Planned in Berlin, the 21:30 reminder fires at 21:30 in New York after a flight.
    func testAReminderPlannedInBerlinFiresAtTheSameClockTimeInNewYork() throws {
        let reminder = try local(2026, 6, 10, 21, 30)
        let berlin = try gregorian(in: "Europe/Berlin")
        let components = TriggerConverter(calendar: berlin).components(firing: reminder)
        let newYork = try gregorian(in: "America/New_York")
        let now = try instant("2026-06-09T12:00:00Z")
        XCTAssertEqual(iosFireDate(of: components, in: berlin, after: now), try instant("2026-06-10T19:30:00Z"))
        XCTAssertEqual(iosFireDate(of: components, in: newYork, after: now), try instant("2026-06-11T01:30:00Z"))
    }

    /// On a phone set to the Buddhist calendar the components are in its
    /// years (2569 for 2026), so the trigger matches there.
    func testTheComponentsAreInThePhonesCalendar() throws {
        var buddhist = Calendar(identifier: .buddhist)
        buddhist.timeZone = try XCTUnwrap(TimeZone(identifier: "Europe/Berlin"))
        let components = TriggerConverter(calendar: buddhist).components(firing: try local(2026, 3, 29, 21, 30))
        XCTAssertEqual(components, DateComponents(year: 2569, month: 3, day: 29, hour: 21, minute: 30))
        let now = try instant("2026-03-27T12:00:00Z")
        XCTAssertEqual(iosFireDate(of: components, in: buddhist, after: now), try instant("2026-03-29T19:30:00Z"))
    }

    /// In UTC every reading exists once: the instant is the reading itself.
    func testInUTCTheInstantIsTheReading() throws {
        let converter = TriggerConverter(calendar: try gregorian(in: "UTC"))
        XCTAssertEqual(converter.instant(of: try local(1970, 1, 1, 0, 0)), Date(timeIntervalSince1970: 0))
        XCTAssertEqual(converter.instant(of: try local(2000, 2, 29, 23, 59)), try instant("2000-02-29T23:59:00Z"))
        XCTAssertEqual(converter.instant(of: try local(2027, 12, 31, 12, 5)), try instant("2027-12-31T12:05:00Z"))
    }
}

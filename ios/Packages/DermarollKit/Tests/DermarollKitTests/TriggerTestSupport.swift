// Helpers shared by the trigger tests: zones, instants, and how iOS resolves
// a calendar trigger's components.
import DermarollKit
import Foundation
import XCTest

/// A Gregorian calendar in the named zone; fails the test when the zone is unknown.
func gregorian(in zone: String, file: StaticString = #filePath, line: UInt = #line) throws -> Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try XCTUnwrap(TimeZone(identifier: zone), "unknown zone \(zone)", file: file, line: line)
    return calendar
}

/// An instant written in ISO 8601 ("2026-03-29T01:30:00Z").
func instant(_ iso: String) throws -> Date {
    try Date.ISO8601FormatStyle().parse(iso)
}

/// A floating date-time that must be valid.
func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) throws -> FloatingDateTime {
    try FloatingDateTime(year: year, month: month, day: day, hour: hour, minute: minute)
}

/// When iOS fires a non-repeating calendar trigger with these components: the
/// first moment after `now` that matches them in the phone's calendar and zone.
func iosFireDate(of components: DateComponents, in calendar: Calendar, after now: Date) -> Date? {
    calendar.nextDate(
        after: now, matching: components, matchingPolicy: .strict, repeatedTimePolicy: .first, direction: .forward
    )
}

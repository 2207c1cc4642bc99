// A floating date-time exists on the calendar or is refused, naming the field.
import DermarollKit
import XCTest

/// Validation and text of `FloatingDateTime`.
final class FloatingDateTimeTests: XCTestCase {
    /// Leap days exist only in leap years (every fourth, not centuries unless by 400).
    func testLeapDays() throws {
        XCTAssertNoThrow(try local(2028, 2, 29, 21, 30))
        XCTAssertNoThrow(try local(2000, 2, 29, 21, 30))
        XCTAssertEqual(refusedField { try local(2027, 2, 29, 21, 30) }, "day")
        XCTAssertEqual(refusedField { try local(2100, 2, 29, 21, 30) }, "day")
    }

    /// Each field out of range is refused under its own name, with its value.
    func testEachFieldOutOfRangeIsNamed() {
        XCTAssertEqual(refusedField { try local(0, 1, 1, 0, 0) }, "year")
        XCTAssertEqual(refusedField { try local(10_000, 1, 1, 0, 0) }, "year")
        XCTAssertEqual(refusedField { try local(2026, 0, 1, 0, 0) }, "month")
        XCTAssertEqual(refusedField { try local(2026, 13, 1, 0, 0) }, "month")
        XCTAssertEqual(refusedField { try local(2026, 4, 31, 0, 0) }, "day")
        XCTAssertEqual(refusedField { try local(2026, 1, 0, 0, 0) }, "day")
        XCTAssertEqual(refusedField { try local(2026, 1, 1, 24, 0) }, "hour")
        XCTAssertEqual(refusedField { try local(2026, 1, 1, -1, 0) }, "hour")
        XCTAssertEqual(refusedField { try local(2026, 1, 1, 0, 60) }, "minute")
        do throws(InvalidFloatingDateTime) {
            _ = try FloatingDateTime(year: 2026, month: 6, day: 31, hour: 21, minute: 30)
            XCTFail("31 June was accepted")
        } catch {
            XCTAssertEqual(error.field, "day")
            XCTAssertEqual(error.value, 31)
        }
    }

    /// The text form pads every field.
    func testDescription() throws {
        XCTAssertEqual(try local(2026, 3, 9, 2, 5).description, "2026-03-09 02:05")
        XCTAssertEqual(try local(812, 12, 31, 23, 59).description, "0812-12-31 23:59")
    }

    private func refusedField(_ make: () throws -> FloatingDateTime) -> String? {
        do {
            _ = try make()
            return nil
        } catch let error as InvalidFloatingDateTime {
            return error.field
        } catch {
            return "unexpected \(error)"
        }
    }
}

import Foundation

/// A wall-clock date and time to the minute, with no time zone: the core's
/// reminder times ("21:30 on 29 March, wherever the phone is then").
/// Proleptic Gregorian, as the core counts days.
public struct FloatingDateTime: Hashable, Sendable, CustomStringConvertible {
    /// Year, 1...9999.
    public let year: Int
    /// Month, 1...12.
    public let month: Int
    /// Day of the month, 1...28, 29, 30 or 31.
    public let day: Int
    /// Hour, 0...23.
    public let hour: Int
    /// Minute, 0...59.
    public let minute: Int

    /// A reading that exists on a calendar (year 1...9999); throws naming the
    /// first field out of range, so a bad date never becomes a trigger that
    /// silently never fires.
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int) throws(InvalidFloatingDateTime) {
        guard (1...9999).contains(year) else { throw InvalidFloatingDateTime(field: "year", value: year) }
        guard (1...12).contains(month) else { throw InvalidFloatingDateTime(field: "month", value: month) }
        guard (1...Self.days(inMonth: month, of: year)).contains(day) else {
            throw InvalidFloatingDateTime(field: "day", value: day)
        }
        guard (0...23).contains(hour) else { throw InvalidFloatingDateTime(field: "hour", value: hour) }
        guard (0...59).contains(minute) else { throw InvalidFloatingDateTime(field: "minute", value: minute) }
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// "2026-03-29 02:30", for logs and test messages.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2)) \(padded(hour, 2)):\(padded(minute, 2))"
    }

    /// Seconds from 1970-01-01 00:00 to this reading on the same clock, as if
    /// the clock kept UTC (days from the civil date, H. Hinnant's algorithm).
    var wallClockSeconds: Int {
        let shiftedYear = month <= 2 ? year - 1 : year   // years start in March here
        let era = shiftedYear / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3_600 + minute * 60
    }

    private static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A floating date-time field out of range: which field, and the value given.
public struct InvalidFloatingDateTime: Error, Hashable, Sendable {
    /// The field as named in `FloatingDateTime`: year, month, day, hour or minute.
    public let field: String
    /// The value that was refused.
    public let value: Int
}

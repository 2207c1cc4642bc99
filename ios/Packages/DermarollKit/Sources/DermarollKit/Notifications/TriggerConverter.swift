import Foundation

/// Turns the core's planned notification times into trigger specs with the
/// phone's own calendar and zone rules, by the daylight-saving rule of
/// docs/notifications.md: a wall-clock time in a gap fires shifted forward by
/// the gap's length; one that occurs twice fires the first time.
public struct TriggerConverter: Sendable {
    /// The calendar the triggers match in; its time zone's rules apply.
    public let calendar: Calendar

    /// A converter for `calendar`: in the app `Calendar.current`, taken again
    /// at every re-plan (a zone change is one of them).
    public init(calendar: Calendar) {
        self.calendar = calendar
    }

    /// The trigger for one planned time; `now` comes from the shell's clock.
    public func trigger(for time: NotificationTime, now: Date) -> TriggerSpec {
        switch time {
        case .wallClock(let local):
            return .calendar(components(firing: local))
        case .fixedInstant(let instant):
            return .timeInterval(max(1, instant.timeIntervalSince(now)))
        }
    }

    /// The instant `local` fires at in the calendar's zone, by the rule above.
    public func instant(of local: FloatingDateTime) -> Date {
        calendar.timeZone.instant(showing: local.wallClockSeconds)
    }

    /// The components of a calendar trigger that fires `local` by the rule:
    /// `local` itself where it exists, the shifted time where it falls in a
    /// gap (which then exists), in the calendar's own year, month and day.
    public func components(firing local: FloatingDateTime) -> DateComponents {
        let fires = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant(of: local))
        return DateComponents(year: fires.year, month: fires.month, day: fires.day, hour: fires.hour, minute: fires.minute)
    }
}

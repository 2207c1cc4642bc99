import Foundation

/// When a planned notification fires, as the core plans it
/// (docs/notifications.md, "The two kinds of trigger").
public enum NotificationTime: Hashable, Sendable {
    /// At this time on the clock, in whatever zone the phone is in when it
    /// fires (the session reminder, the morning check-in).
    case wallClock(FloatingDateTime)
    /// At this instant, wherever the phone is (the mask window, the sting check).
    case fixedInstant(Date)
}

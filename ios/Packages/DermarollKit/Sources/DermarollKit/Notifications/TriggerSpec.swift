import Foundation

/// What the app hands to UserNotifications for one notification, built by
/// `TriggerConverter` (this package does not import UserNotifications).
public enum TriggerSpec: Hashable, Sendable {
    /// `UNCalendarNotificationTrigger(dateMatching: components, repeats: false)`:
    /// year, month, day, hour and minute in the phone's calendar, with no time
    /// zone and no calendar set, so they float with the phone's zone.
    case calendar(DateComponents)
    /// `UNTimeIntervalNotificationTrigger(timeInterval: seconds, repeats: false)`:
    /// seconds from now, at least 1 (the trigger refuses less).
    case timeInterval(TimeInterval)
}

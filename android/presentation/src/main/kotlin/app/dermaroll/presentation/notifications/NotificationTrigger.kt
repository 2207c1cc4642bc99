package app.dermaroll.presentation.notifications

import java.time.Instant

/**
 * When one planned notification fires, as the core plans it (docs/notifications.md).
 */
public sealed interface NotificationTrigger {
    /**
     * A floating wall-clock time: the session reminder, the morning check-in. It is turned
     * into an instant with the zone the phone is in when the alarm is armed, and armed
     * again when the zone or the clock changes, so 21:30 stays 21:30 after a flight.
     *
     * @property at the wall-clock date and time.
     */
    public data class WallClock(val at: FloatingDateTime) : NotificationTrigger

    /**
     * A fixed instant: the mask window, the sting check. It fires then, whatever the zone.
     *
     * @property at the instant.
     */
    public data class FixedInstant(val at: Instant) : NotificationTrigger
}

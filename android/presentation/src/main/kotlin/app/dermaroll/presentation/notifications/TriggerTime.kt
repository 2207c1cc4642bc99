package app.dermaroll.presentation.notifications

import java.time.ZoneId

/**
 * The instant this trigger fires at in [zone], as milliseconds since the epoch: the time
 * AlarmManager's `RTC_WAKEUP` clock takes.
 *
 * A [NotificationTrigger.WallClock] time is read with `LocalDateTime.atZone(zone)`, which
 * applies the daylight-saving rule of docs/notifications.md: a time that does not exist
 * that night (a gap, spring forward) moves forward by the length of the gap, as if read
 * with the offset in force just before it; a time that exists twice (an overlap, fall
 * back) is the earlier of its two instants. A [NotificationTrigger.FixedInstant] ignores
 * the zone.
 *
 * @param zone the phone's zone when the alarm is armed (`ZoneId.systemDefault()`).
 */
public fun NotificationTrigger.epochMillisIn(zone: ZoneId): Long = when (this) {
    is NotificationTrigger.WallClock -> at.toLocalDateTime().atZone(zone).toInstant().toEpochMilli()
    is NotificationTrigger.FixedInstant -> at.toEpochMilli()
}

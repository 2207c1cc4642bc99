package app.dermaroll.presentation.notifications

import java.time.ZoneId

/**
 * Everything the Android adapter needs to arm (or cancel) the alarm of one notification.
 *
 * @property notificationId the core's notification id, which the receiver gets back.
 * @property requestCode the PendingIntent request code ([notificationRequestCode]).
 * @property dataUri the Intent data URI that names this alarm ([notificationDataUri]).
 * @property timing when and how precisely it fires.
 */
public data class AlarmRequest(
    val notificationId: String,
    val requestCode: Int,
    val dataUri: String,
    val timing: AlarmTiming
)

/**
 * The alarm for one planned notification.
 *
 * It is exact only for a timer the person started (the mask window, the sting check, a
 * mask timer) and only where the person allowed exact alarms; every other notification,
 * and those timers when exact alarms are denied (the default from Android 14), gets a
 * window of [MIN_ALARM_WINDOW_MILLIS] that opens at the due time.
 *
 * @param notificationId the core's notification id, not blank.
 * @param trigger when it fires ([epochMillisIn] reads it in [zone]).
 * @param zone the phone's zone now (`ZoneId.systemDefault()`).
 * @param personStarted whether the person started this timer (the core's `personStarted`).
 * @param exactAlarmsAllowed `AlarmManager.canScheduleExactAlarms()` (true below API 31).
 * @throws IllegalArgumentException if [notificationId] is blank.
 */
public fun alarmRequest(
    notificationId: String,
    trigger: NotificationTrigger,
    zone: ZoneId,
    personStarted: Boolean,
    exactAlarmsAllowed: Boolean
): AlarmRequest {
    val dueAt = trigger.epochMillisIn(zone)
    val timing = if (personStarted && exactAlarmsAllowed) {
        AlarmTiming.Exact(dueAt)
    } else {
        AlarmTiming.Window(dueAt, MIN_ALARM_WINDOW_MILLIS)
    }
    return AlarmRequest(
        notificationId = notificationId,
        requestCode = notificationRequestCode(notificationId),
        dataUri = notificationDataUri(notificationId),
        timing = timing
    )
}

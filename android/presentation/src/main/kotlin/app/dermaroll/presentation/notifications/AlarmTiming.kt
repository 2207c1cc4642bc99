package app.dermaroll.presentation.notifications

/**
 * The shortest window Android gives an inexact alarm (from API 31 on, shorter windows are
 * stretched to it): 10 minutes.
 */
public const val MIN_ALARM_WINDOW_MILLIS: Long = 10L * 60L * 1000L

/**
 * How precisely an alarm fires, which decides the AlarmManager call the adapter makes.
 * Times are epoch milliseconds for the `RTC_WAKEUP` clock.
 */
public sealed interface AlarmTiming {
    /**
     * At the moment itself: `setExactAndAllowWhileIdle(RTC_WAKEUP, triggerAtMillis, …)`.
     * Only when the person allowed exact alarms (`canScheduleExactAlarms()`).
     *
     * @property triggerAtMillis when it fires.
     */
    public data class Exact(val triggerAtMillis: Long) : AlarmTiming

    /**
     * Some time within a window that opens at the due time:
     * `setWindow(RTC_WAKEUP, windowStartMillis, windowLengthMillis, …)`. It never fires early.
     *
     * @property windowStartMillis the due time; the alarm fires no earlier.
     * @property windowLengthMillis how much later it may fire, at least
     *     [MIN_ALARM_WINDOW_MILLIS].
     * @throws IllegalArgumentException if the window is shorter than [MIN_ALARM_WINDOW_MILLIS].
     */
    public data class Window(val windowStartMillis: Long, val windowLengthMillis: Long) :
        AlarmTiming {
        init {
            require(windowLengthMillis >= MIN_ALARM_WINDOW_MILLIS) {
                "an alarm window of $windowLengthMillis ms is shorter than 10 minutes"
            }
        }
    }
}

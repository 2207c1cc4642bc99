package app.dermaroll.presentation.notifications

import java.time.DateTimeException
import java.time.LocalDateTime

/**
 * A wall-clock date and time without a zone: "21:30 on 2026-11-20, wherever the phone is".
 *
 * The core sends wall-clock reminders in this form because it carries no time-zone
 * database; the phone's own zone rules turn one into an instant when its alarm is armed
 * (see [epochMillisIn]). Reminders are minute-exact, so there are no seconds.
 *
 * @property year the year, 1 to 9999.
 * @property month the month of the year, 1 (January) to 12.
 * @property day the day of the month, as the month and year allow.
 * @property hour the hour of the day, 0 to 23.
 * @property minute the minute of the hour, 0 to 59.
 * @throws IllegalArgumentException if the fields name no real date and time.
 */
public data class FloatingDateTime(
    val year: Int,
    val month: Int,
    val day: Int,
    val hour: Int,
    val minute: Int
) {
    init {
        require(year in 1..9999) { "year $year is outside 1..9999" }
        try {
            LocalDateTime.of(year, month, day, hour, minute)
        } catch (e: DateTimeException) {
            throw IllegalArgumentException("$this is not a date and time: ${e.message}", e)
        }
    }

    /** The same date and time as a [LocalDateTime], still without a zone. */
    public fun toLocalDateTime(): LocalDateTime = LocalDateTime.of(year, month, day, hour, minute)

    /** ISO form, for logs and messages: `2026-11-20T21:30` (digits in any locale). */
    override fun toString(): String =
        "${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}"
}

private fun pad(value: Int, width: Int): String = value.toString().padStart(width, '0')

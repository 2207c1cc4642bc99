package app.dermaroll.presentation.notifications

import java.time.Instant
import java.time.ZoneId
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import org.junit.Test

/** Which alarm a planned notification gets: exact or a window, and its identity. */
class AlarmRequestTest {
    private val zone = ZoneId.of("Europe/Berlin")
    private val maskTimer = NotificationTrigger.FixedInstant(Instant.parse("2026-11-20T21:10:00Z"))
    private val dueAt = Instant.parse("2026-11-20T21:10:00Z").toEpochMilli()

    @Test
    fun `a timer the person started is exact where exact alarms are allowed`() {
        val request = alarmRequest("MASK_TIMER:session-7#c0ffee", maskTimer, zone, true, true)
        assertEquals(AlarmTiming.Exact(dueAt), request.timing)
    }

    @Test
    fun `a timer the person started gets a 10-minute window where exact alarms are denied`() {
        val request = alarmRequest("MASK_TIMER:session-7#c0ffee", maskTimer, zone, true, false)
        assertEquals(AlarmTiming.Window(dueAt, 10 * 60 * 1000L), request.timing)
    }

    @Test
    fun `a reminder gets a window even where exact alarms are allowed`() {
        for (exactAllowed in listOf(true, false)) {
            val reminder = wallClock(2026, 11, 20, 21, 30)
            val request =
                alarmRequest("SESSION_DUE:profile#1a2b", reminder, zone, false, exactAllowed)
            val dueAt = millisAt(2026, 11, 20, 21, 30, "+01:00")
            assertEquals(AlarmTiming.Window(dueAt, MIN_ALARM_WINDOW_MILLIS), request.timing)
        }
    }

    @Test
    fun `the request carries the id, its request code and its data URI`() {
        val request = alarmRequest("MASK_TIMER:session-7#c0ffee", maskTimer, zone, true, true)
        assertEquals("MASK_TIMER:session-7#c0ffee", request.notificationId)
        assertEquals(1547042968, request.requestCode)
        assertEquals("dermaroll://notification/MASK_TIMER%3Asession-7%23c0ffee", request.dataUri)
    }

    @Test
    fun `a window shorter than 10 minutes is refused`() {
        val tooShort = MIN_ALARM_WINDOW_MILLIS - 1
        assertFailsWith<IllegalArgumentException> { AlarmTiming.Window(dueAt, tooShort) }
        val shortest = AlarmTiming.Window(dueAt, MIN_ALARM_WINDOW_MILLIS)
        assertEquals(MIN_ALARM_WINDOW_MILLIS, shortest.windowLengthMillis)
    }

    @Test
    fun `a blank notification id is refused`() {
        assertFailsWith<IllegalArgumentException> { alarmRequest(" ", maskTimer, zone, true, true) }
    }
}

package app.dermaroll.presentation.notifications

import java.time.Instant
import java.time.ZoneId
import kotlin.test.assertEquals
import kotlin.test.assertNotEquals
import org.junit.Test

/**
 * After a flight the shell arms the same plan again in the new zone: a floating time
 * keeps its wall-clock time, a fixed instant keeps its instant.
 */
class ZoneChangeTest {
    private val berlin = ZoneId.of("Europe/Berlin")
    private val newYork = ZoneId.of("America/New_York")
    private val lordHowe = ZoneId.of("Australia/Lord_Howe")
    private val kolkata = ZoneId.of("Asia/Kolkata")

    @Test
    fun `a 21 30 reminder fires at 21 30 local in each zone it is armed in`() {
        val reminder = wallClock(2026, 11, 20, 21, 30)
        assertEquals(millisAt(2026, 11, 20, 20, 30, "Z"), reminder.epochMillisIn(berlin))
        assertEquals(millisAt(2026, 11, 21, 2, 30, "Z"), reminder.epochMillisIn(newYork))
        assertEquals(millisAt(2026, 11, 20, 10, 30, "Z"), reminder.epochMillisIn(lordHowe))
        assertEquals(millisAt(2026, 11, 20, 16, 0, "Z"), reminder.epochMillisIn(kolkata))
    }

    @Test
    fun `a reminder on Berlin's spring-forward night is not shifted once armed in New York`() {
        val reminder = wallClock(2026, 3, 29, 2, 30)
        assertEquals(millisAt(2026, 3, 29, 3, 30, "+02:00"), reminder.epochMillisIn(berlin))
        assertEquals(millisAt(2026, 3, 29, 2, 30, "-04:00"), reminder.epochMillisIn(newYork))
    }

    @Test
    fun `a fixed instant is the same instant in every zone`() {
        val stingCheck = NotificationTrigger.FixedInstant(Instant.parse("2026-10-25T00:40:00Z"))
        val expected = Instant.parse("2026-10-25T00:40:00Z").toEpochMilli()
        for (zone in listOf(berlin, newYork, lordHowe, kolkata)) {
            assertEquals(expected, stingCheck.epochMillisIn(zone), "$zone")
        }
    }

    @Test
    fun `arming again in a new zone keeps the alarm's identity and moves its time`() {
        val reminder = wallClock(2026, 11, 20, 21, 30)
        val id = "SESSION_DUE:profile#1a2b"
        val before =
            alarmRequest(id, reminder, berlin, personStarted = false, exactAlarmsAllowed = true)
        val after =
            alarmRequest(id, reminder, newYork, personStarted = false, exactAlarmsAllowed = true)
        assertEquals(before.requestCode, after.requestCode)
        assertEquals(before.dataUri, after.dataUri)
        assertNotEquals(before.timing, after.timing)
        assertEquals(
            AlarmTiming.Window(millisAt(2026, 11, 21, 2, 30, "Z"), MIN_ALARM_WINDOW_MILLIS),
            after.timing
        )
    }
}

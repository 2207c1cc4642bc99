package app.dermaroll.presentation.notifications

import java.time.LocalDateTime
import java.time.ZoneId
import kotlin.test.assertEquals
import org.junit.Test

/**
 * Wall-clock triggers on Lord Howe Island, whose clocks change by 30 minutes:
 * +10:30 in winter, +11:00 in summer (October to April).
 */
class LordHoweTest {
    private val lordHowe = ZoneId.of("Australia/Lord_Howe")

    @Test
    fun `02 15 on the spring-forward night of 2026 fires at 02 45`() {
        assertEquals(
            millisAt(2026, 10, 4, 2, 45, "+11:00"),
            wallClock(2026, 10, 4, 2, 15).epochMillisIn(lordHowe)
        )
    }

    @Test
    fun `every minute of the 2026 and 2027 half-hour gaps moves forward by 30 minutes`() {
        assertGap(lordHowe, LocalDateTime.of(2026, 10, 4, 2, 0), 30, "+10:30")
        assertGap(lordHowe, LocalDateTime.of(2027, 10, 3, 2, 0), 30, "+10:30")
    }

    @Test
    fun `every minute of the 2026 and 2027 half-hour overlaps fires the first time`() {
        assertOverlap(lordHowe, LocalDateTime.of(2026, 4, 5, 1, 30), 30, "+11:00")
        assertOverlap(lordHowe, LocalDateTime.of(2027, 4, 4, 1, 30), 30, "+11:00")
    }

    @Test
    fun `a bedtime reminder uses the summer offset in January and the winter one in July`() {
        assertEquals(
            millisAt(2027, 1, 10, 22, 0, "+11:00"),
            wallClock(2027, 1, 10, 22, 0).epochMillisIn(lordHowe)
        )
        assertEquals(
            millisAt(2026, 7, 10, 22, 0, "+10:30"),
            wallClock(2026, 7, 10, 22, 0).epochMillisIn(lordHowe)
        )
    }
}

package app.dermaroll.presentation.notifications

import java.time.LocalDateTime
import java.time.ZoneId
import kotlin.test.assertEquals
import org.junit.Test

/** Wall-clock triggers in America/New_York (EST -05:00, EDT -04:00). */
class NewYorkTest {
    private val newYork = ZoneId.of("America/New_York")

    @Test
    fun `02 15 on the spring-forward night of 2026 fires at 03 15 daylight time`() {
        assertEquals(
            millisAt(2026, 3, 8, 3, 15, "-04:00"),
            wallClock(2026, 3, 8, 2, 15).epochMillisIn(newYork)
        )
    }

    @Test
    fun `01 30 on the fall-back night of 2026 fires at the first 01 30, daylight time`() {
        assertEquals(
            millisAt(2026, 11, 1, 1, 30, "-04:00"),
            wallClock(2026, 11, 1, 1, 30).epochMillisIn(newYork)
        )
    }

    @Test
    fun `every minute of the 2026 and 2027 spring gaps moves forward by an hour`() {
        assertGap(newYork, LocalDateTime.of(2026, 3, 8, 2, 0), 60, "-05:00")
        assertGap(newYork, LocalDateTime.of(2027, 3, 14, 2, 0), 60, "-05:00")
    }

    @Test
    fun `every minute of the 2026 and 2027 autumn overlaps fires the first time`() {
        assertOverlap(newYork, LocalDateTime.of(2026, 11, 1, 1, 0), 60, "-04:00")
        assertOverlap(newYork, LocalDateTime.of(2027, 11, 7, 1, 0), 60, "-04:00")
    }
}

package app.dermaroll.presentation.notifications

import java.time.LocalDateTime
import java.time.ZoneId
import kotlin.test.assertEquals
import org.junit.Test

/** Wall-clock triggers in Europe/Berlin (CET +01:00, CEST +02:00, one-hour changes). */
class BerlinTest {
    private val berlin = ZoneId.of("Europe/Berlin")

    @Test
    fun `winter and summer times use the offset of their date`() {
        assertEquals(
            millisAt(2026, 1, 15, 21, 30, "+01:00"),
            wallClock(2026, 1, 15, 21, 30).epochMillisIn(berlin)
        )
        assertEquals(
            millisAt(2026, 7, 1, 21, 30, "+02:00"),
            wallClock(2026, 7, 1, 21, 30).epochMillisIn(berlin)
        )
    }

    @Test
    fun `02 30 on the spring-forward night of 2026 fires at 03 30 summer time`() {
        assertEquals(
            millisAt(2026, 3, 29, 3, 30, "+02:00"),
            wallClock(2026, 3, 29, 2, 30).epochMillisIn(berlin)
        )
    }

    @Test
    fun `every minute of the 2026 and 2027 spring gaps moves forward by an hour`() {
        assertGap(berlin, LocalDateTime.of(2026, 3, 29, 2, 0), 60, "+01:00")
        assertGap(berlin, LocalDateTime.of(2027, 3, 28, 2, 0), 60, "+01:00")
    }

    @Test
    fun `every minute of the 2026 and 2027 autumn overlaps fires the first time`() {
        assertOverlap(berlin, LocalDateTime.of(2026, 10, 25, 2, 0), 60, "+02:00")
        assertOverlap(berlin, LocalDateTime.of(2027, 10, 31, 2, 0), 60, "+02:00")
    }

    @Test
    fun `the minutes around a change are not shifted`() {
        assertEquals(
            millisAt(2026, 3, 29, 1, 59, "+01:00"),
            wallClock(2026, 3, 29, 1, 59).epochMillisIn(berlin)
        )
        assertEquals(
            millisAt(2026, 3, 29, 3, 0, "+02:00"),
            wallClock(2026, 3, 29, 3, 0).epochMillisIn(berlin)
        )
        assertEquals(
            millisAt(2026, 10, 25, 3, 0, "+01:00"),
            wallClock(2026, 10, 25, 3, 0).epochMillisIn(berlin)
        )
    }
}

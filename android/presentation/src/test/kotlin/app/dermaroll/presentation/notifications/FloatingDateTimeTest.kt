package app.dermaroll.presentation.notifications

import java.time.LocalDateTime
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import org.junit.Test

/** The floating date and time accepts real dates and times only. */
class FloatingDateTimeTest {
    @Test
    fun `a real date and time converts field by field`() {
        val time = FloatingDateTime(2028, 2, 29, 23, 59)
        assertEquals(LocalDateTime.of(2028, 2, 29, 23, 59), time.toLocalDateTime())
        assertEquals("2028-02-29T23:59", time.toString())
    }

    @Test
    fun `a date or time that does not exist is refused`() {
        val impossible = listOf(
            { FloatingDateTime(2027, 2, 29, 21, 30) },
            { FloatingDateTime(2026, 4, 31, 21, 30) },
            { FloatingDateTime(2026, 13, 1, 21, 30) },
            { FloatingDateTime(2026, 11, 20, 24, 0) },
            { FloatingDateTime(2026, 11, 20, 21, 60) },
            { FloatingDateTime(2026, 11, 20, -1, 0) },
            { FloatingDateTime(0, 1, 1, 0, 0) },
            { FloatingDateTime(10000, 1, 1, 0, 0) }
        )
        for (make in impossible) {
            assertFailsWith<IllegalArgumentException> { make() }
        }
    }

    @Test
    fun `a time in a daylight-saving gap is still a valid floating time`() {
        assertEquals(2, FloatingDateTime(2026, 3, 29, 2, 30).hour)
    }
}

package app.dermaroll.presentation.notifications

import java.time.LocalDateTime
import java.time.ZoneId
import java.time.ZoneOffset
import kotlin.test.assertEquals
import kotlin.test.assertNull
import org.junit.Test

/** Wall-clock triggers in Asia/Kolkata, which keeps +05:30 all year. */
class KolkataTest {
    private val kolkata = ZoneId.of("Asia/Kolkata")

    @Test
    fun `the nights other zones change clocks are ordinary here`() {
        val nights = listOf(
            LocalDateTime.of(2026, 3, 29, 2, 30),
            LocalDateTime.of(2026, 10, 25, 2, 30),
            LocalDateTime.of(2026, 11, 1, 1, 30),
            LocalDateTime.of(2027, 3, 14, 2, 15)
        )
        for (night in nights) {
            assertNull(kolkata.rules.getTransition(night), "$night")
            val trigger = NotificationTrigger.WallClock(
                FloatingDateTime(
                    night.year,
                    night.monthValue,
                    night.dayOfMonth,
                    night.hour,
                    night.minute
                )
            )
            assertEquals(
                night.toInstant(ZoneOffset.of("+05:30")).toEpochMilli(),
                trigger.epochMillisIn(kolkata),
                "$night"
            )
        }
    }
}

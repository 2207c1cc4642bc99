package app.dermaroll.presentation.notifications

import java.time.LocalDateTime
import java.time.OffsetDateTime
import java.time.ZoneId
import java.time.ZoneOffset
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

/** A wall-clock trigger at the given local date and time. */
fun wallClock(year: Int, month: Int, day: Int, hour: Int, minute: Int): NotificationTrigger =
    NotificationTrigger.WallClock(FloatingDateTime(year, month, day, hour, minute))

/**
 * The epoch millis of a local date and time read with a fixed UTC offset such as "+02:00":
 * the expected values are written out with explicit offsets, not with the zone rules
 * under test.
 */
fun millisAt(year: Int, month: Int, day: Int, hour: Int, minute: Int, offset: String): Long =
    OffsetDateTime.of(year, month, day, hour, minute, 0, 0, ZoneOffset.of(offset))
        .toInstant()
        .toEpochMilli()

/**
 * Checks that [zone] really jumps forward at [start] (so the test is about a gap), by
 * [minutes], from [offsetBefore]; and that every minute inside the gap fires as if read
 * with [offsetBefore], which is the same as moving it forward by the gap's length.
 */
fun assertGap(zone: ZoneId, start: LocalDateTime, minutes: Int, offsetBefore: String) {
    val transition = assertNotNull(zone.rules.getTransition(start), "no transition at $start")
    assertTrue(transition.isGap, "$start in $zone is an overlap, not a gap")
    assertEquals(ZoneOffset.of(offsetBefore), transition.offsetBefore)
    assertEquals(minutes.toLong() * 60, transition.duration.seconds)
    for (minute in 0 until minutes) {
        val local = start.plusMinutes(minute.toLong())
        val expected = local.toInstant(ZoneOffset.of(offsetBefore)).toEpochMilli()
        val shifted = local.plusMinutes(minutes.toLong())
            .toInstant(transition.offsetAfter)
            .toEpochMilli()
        val actual = wallClock(local).epochMillisIn(zone)
        assertEquals(expected, actual, "$local in $zone")
        assertEquals(shifted, actual, "$local in $zone, moved forward by the gap")
    }
}

/**
 * Checks that [zone] really falls back at [start] (an overlap) by [minutes], and that every
 * minute that exists twice fires at the earlier instant, the one with [earlierOffset].
 */
fun assertOverlap(zone: ZoneId, start: LocalDateTime, minutes: Int, earlierOffset: String) {
    val transition = assertNotNull(zone.rules.getTransition(start), "no transition at $start")
    assertTrue(transition.isOverlap, "$start in $zone is a gap, not an overlap")
    assertEquals(ZoneOffset.of(earlierOffset), transition.offsetBefore)
    assertEquals(-minutes.toLong() * 60, transition.duration.seconds)
    for (minute in 0 until minutes) {
        val local = start.plusMinutes(minute.toLong())
        val earlier = local.toInstant(ZoneOffset.of(earlierOffset)).toEpochMilli()
        val later = local.toInstant(transition.offsetAfter).toEpochMilli()
        val actual = wallClock(local).epochMillisIn(zone)
        assertEquals(earlier, actual, "$local in $zone")
        assertEquals(later - minutes * 60_000L, actual, "$local in $zone, not the later one")
    }
}

private fun wallClock(local: LocalDateTime): NotificationTrigger =
    wallClock(local.year, local.monthValue, local.dayOfMonth, local.hour, local.minute)

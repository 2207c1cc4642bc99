// Runs tests/scenarios/schedule/ through the Kotlin bindings: the next due
// session, the notification plan and reconcile, as the Android shell calls them.
package app.dermaroll.core.test

import app.dermaroll.core.*
import com.google.gson.JsonElement
import com.google.gson.JsonObject
import java.time.Instant
import java.time.ZoneId
import kotlin.test.*
import org.junit.Test

class ScheduleScenarioTest {
    private fun opt(obj: JsonObject, key: String): JsonElement? =
        obj.get(key)?.takeUnless { it.isJsonNull }

    private fun time(e: JsonElement) = e.asJsonObject.let { TimeOfDay(it["hour"].asInt.toUInt(), it["minute"].asInt.toUInt()) }

    private fun stamped(e: JsonElement) = e.asJsonObject.let {
        OffsetInstant(Instant.parse(it["at"].asString), it["utc_offset_minutes"].asInt)
    }

    /** The scenario's facts (serde's snake_case JSON) as the generated record. */
    private fun facts(json: JsonObject): ScheduleFacts {
        val p = json.getAsJsonObject("profile")
        val profile = ScheduleProfile(
            time(p["bedtime"]),
            time(p["wake_time"]),
            opt(p, "lead_minutes")?.asInt?.toUInt(),
            opt(p, "quiet_hours")?.asJsonObject?.let { QuietHours(time(it["start"]), time(it["end"])) },
            opt(p, "interval_days")?.asInt?.toUInt(),
        )
        val roller = opt(json, "roller")?.asJsonObject?.let {
            ActiveRoller(
                Scenarios.number(it["needle_mm"]),
                it["uses"].asInt.toUInt(),
                opt(it, "first_used_at")?.let { at -> Instant.parse(at.asString) },
            )
        }
        val timers = opt(json, "timers")?.asJsonArray?.map {
            val t = it.asJsonObject
            PersonTimer(Scenarios.enumOf(t["kind"]), Instant.parse(t["started_at"].asString), t["minutes"].asInt.toUInt())
        } ?: emptyList()
        val now = json.getAsJsonObject("now")
        return ScheduleFacts(
            profile,
            roller,
            opt(json, "sessions")?.asJsonArray?.map { stamped(it) } ?: emptyList(),
            opt(json, "patch_test_started")?.let { stamped(it) },
            timers,
            Moment(Instant.parse(now["at"].asString), now["utc_offset_minutes"].asInt, now["zone"]?.asString ?: "Europe/Berlin"),
            Scenarios.enumOf(json["platform"]),
        )
    }

    private fun date(d: CalendarDate) = "%04d-%02d-%02d".format(d.year, d.month.toInt(), d.day.toInt())
    private fun wall(at: FloatingDateTime) = "${date(at.date)}T%02d:%02d".format(at.hour.toInt(), at.minute.toInt())
    private fun trigger(t: Trigger) = when (t) {
        is Trigger.WallClock -> "wall ${wall(t.at)}"
        is Trigger.FixedInstant -> "fixed ${t.at}"
    }

    @Test
    fun scheduleScenariosHold() {
        val scheduler = ReminderPlanner()
        var cases = 0
        for ((file, scenario) in Scenarios.files("schedule")) {
            for (element in scenario.getAsJsonArray("cases")) {
                val case = element.asJsonObject
                val name = "$file: ${case["name"].asString}"
                val facts = facts(case.getAsJsonObject("facts"))
                val expect = case.getAsJsonObject("expect")
                cases++
                if (expect.has("error_field")) {
                    val error = assertFailsWith<DermarollException.InvalidInput>(name) { scheduler.notificationPlan(facts) }
                    assertEquals(expect["error_field"].asString, error.field, name)
                    continue
                }
                opt(expect, "next_due")?.asJsonObject?.let { due ->
                    val next = scheduler.nextDue(facts)
                    assertEquals(due["due"].asString, date(next.due), name)
                    assertEquals(due["earliest_allowed"].asString, date(next.earliestAllowed), name)
                    assertEquals(due["status"].asString, Scenarios.nameOf(next.status), name)
                    assertEquals(due["days_overdue"].asInt.toUInt(), next.daysOverdue, name)
                    assertEquals(due["reminder_at"].asString, wall(next.reminderAt), name)
                }
                val plan = scheduler.notificationPlan(facts)
                val head = expect.getAsJsonArray("plan").map { e -> e.asJsonArray.map { it.asString } }
                val got = plan.notifications.take(head.size).map { listOf(Scenarios.nameOf(it.kind), trigger(it.trigger)) }
                assertEquals(head, got, name)
                assertEquals(expect["count"].asInt, plan.notifications.size, name)
                assertEquals(expect["held_back"].asInt.toUInt(), plan.heldBack, name)
                opt(expect, "refresh_at")?.let { assertEquals(Instant.parse(it.asString), plan.refreshAt, name) }
                assertTrue(plan.notifications.all { it.title.isNotEmpty() && it.body.isNotEmpty() }, name)
                opt(expect, "reconcile")?.asJsonObject?.let { r ->
                    val device = plan.notifications.take(r["device_keep"].asInt).map { it.id } +
                        r.getAsJsonArray("device_extra").map { it.asString }
                    val change = scheduler.reconcile(plan, device)
                    assertEquals(r.getAsJsonArray("cancel").map { it.asString }, change.cancel, name)
                    assertEquals(r["add"].asInt, change.add.size, name)
                    val after = (device - change.cancel.toSet()) + change.add.map { it.id }
                    assertEquals(plan.notifications.map { it.id }.sorted(), after.sorted(), name)
                }
            }
        }
        assertTrue(cases >= 10, "only $cases schedule cases ran")
    }

    /** What docs/notifications.md tells the Android shell: java.time with the
     * system zone turns a floating time into an instant by the stated DST rule. */
    @Test
    fun javaTimeAppliesTheDstRule() {
        val berlin = ZoneId.of("Europe/Berlin")
        // Spring forward: 02:30 does not exist on 28 March 2027; it fires at 03:30 CEST.
        val gap = java.time.LocalDateTime.of(2027, 3, 28, 2, 30).atZone(berlin)
        assertEquals(java.time.LocalDateTime.of(2027, 3, 28, 3, 30), gap.toLocalDateTime())
        // Fall back: 02:30 on 31 October 2027 happens twice; the earlier (CEST, +02:00).
        val overlap = java.time.LocalDateTime.of(2027, 10, 31, 2, 30).atZone(berlin)
        assertEquals(7200, overlap.offset.totalSeconds)
    }

    @Test
    fun aWallClockReminderStaysAtItsLocalTimeAfterTravel() {
        val scheduler = ReminderPlanner()
        val end = Instant.parse("2027-05-03T19:00:00Z") // 21:00 in Berlin
        val facts = ScheduleFacts(
            ScheduleProfile(TimeOfDay(23u, 0u), TimeOfDay(7u, 0u), null, null, null),
            ActiveRoller(0.5, 1u, end),
            listOf(OffsetInstant(end, 120)),
            null,
            emptyList(),
            Moment(end.plusSeconds(60), 120, "Europe/Berlin"),
            Platform.ANDROID,
        )
        val berlinPlan = scheduler.notificationPlan(facts)
        // Landed in New York: the same facts with the new offset.
        val nyPlan = scheduler.notificationPlan(facts.copy(now = Moment(end.plusSeconds(3600), -240, "America/New_York")))
        val due = nyPlan.notifications.first { it.kind == NotificationKind.SESSION_DUE }
        assertTrue(berlinPlan.notifications.any { it.id == due.id }, "the session reminder keeps its id")
        val at = (due.trigger as Trigger.WallClock).at
        val local = java.time.LocalDateTime.of(at.date.year, at.date.month.toInt(), at.date.day.toInt(), at.hour.toInt(), at.minute.toInt())
        val fires = local.atZone(ZoneId.of("America/New_York"))
        assertEquals(22, fires.hour)
        assertEquals(30, fires.minute)
        // The device already holds the Berlin plan: nothing about the session reminders changes.
        val change = scheduler.reconcile(nyPlan, berlinPlan.notifications.map { it.id })
        assertTrue(change.add.none { it.kind == NotificationKind.SESSION_DUE })
    }
}

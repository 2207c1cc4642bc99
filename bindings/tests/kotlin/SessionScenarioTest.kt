// Runs tests/scenarios/session/ through the Kotlin bindings, checking the same
// expectations as core/tests/scenarios_session.rs: every scenario runs
// straight through and again saved and restored after every event, and both
// runs must give identical views and effects.
package app.dermaroll.core.test

import app.dermaroll.core.*
import com.google.gson.JsonElement
import com.google.gson.JsonObject
import java.time.Duration
import java.time.Instant
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.test.*
import org.junit.Test

class SessionScenarioTest {
    @Test
    fun sessionScenariosHoldAndRestoringAtEveryStepIsInvisible() {
        var scenarios = 0
        for ((file, scenario) in Scenarios.files("session")) {
            val straight = run(file, scenario, restore = false)
            val restored = run(file, scenario, restore = true)
            assertEquals(straight, restored, "$file: restoring changed the run")
            scenarios++
        }
        assertTrue(scenarios >= 7, "only $scenarios session scenarios ran")
    }

    @Test
    fun aNewerSavedFormatIsATypedError() {
        val plan = SessionPlan(0.5, SkinSensitivity.NORMAL, Experience.EXPERIENCED, listOf(FacialArea.CHIN), null, null)
        val saved = GuidedSession.start(plan, moment(Instant.parse("2026-11-25T21:00:00Z"))).use { it.savedState() }
        val error = assertFailsWith<DermarollException.NewerFormat> {
            GuidedSession.restore(saved.replaceFirst("\"format\":1", "\"format\":2"))
        }
        assertEquals(2u, error.found)
        assertFailsWith<DermarollException.InvalidInput> { GuidedSession.restore("not json") }
    }

    @Test
    fun oneSessionServesManyThreadsAtOnce() {
        val plan = SessionPlan(0.5, SkinSensitivity.NORMAL, Experience.EXPERIENCED, listOf(FacialArea.FOREHEAD), null, null)
        val base = Instant.parse("2026-11-25T21:00:00Z")
        GuidedSession.start(plan, moment(base)).use { session ->
            val pool = Executors.newFixedThreadPool(4)
            try {
                val readers = (0 until 4).map {
                    Callable { (0 until 200).count { session.view().areaCount == 1u && session.savedState().startsWith("{\"format\":1,") } }
                }
                val futures = readers.map { pool.submit(it) }
                session.send(SessionEvent.Continue, moment(base))
                session.send(SessionEvent.Continue, moment(base.plusSeconds(10)))
                var seconds = 10L
                while (session.view().step == Step.ROLLING) {
                    seconds += 1
                    session.send(SessionEvent.NextPass, moment(base.plusSeconds(seconds)))
                }
                assertEquals(Step.RINSE, session.view().step)
                assertEquals(List(4) { 200 }, futures.map { it.get(60, TimeUnit.SECONDS) })
            } finally {
                pool.shutdown()
            }
        }
    }

    /** The shell's "now" at an instant (Berlin winter time). */
    private fun moment(at: Instant) = Moment(at, 60, "Europe/Berlin")

    private fun plan(json: JsonObject): SessionPlan {
        val passes = json["passes"]
        val cadence = json["cue_cadence_seconds"]
        return SessionPlan(
            needleMm = Scenarios.number(json["needle_mm"]),
            sensitivity = Scenarios.enumOf(json["sensitivity"]),
            experience = Scenarios.enumOf(json["experience"]),
            areas = json.getAsJsonArray("areas").map { Scenarios.enumOf<FacialArea>(it) },
            passes = if (passes == null || passes.isJsonNull) null else PassCounts(
                passes.asJsonObject["vertical"].asInt.toUInt(),
                passes.asJsonObject["horizontal"].asInt.toUInt(),
            ),
            cueCadenceSeconds = if (cadence == null || cadence.isJsonNull) null else cadence.asInt.toUInt(),
        )
    }

    /** The event a step asks for; a timer_fired without an id fires the pending timer. */
    private fun event(json: JsonObject, view: SessionView): SessionEvent = when (val type = json["type"].asString) {
        "continue" -> SessionEvent.Continue
        "timer_fired" -> SessionEvent.TimerFired(
            if (json.has("timer_id")) json["timer_id"].asInt.toUInt() else view.pendingTimerId ?: 0u,
        )
        "next_pass" -> SessionEvent.NextPass
        "undo_pass" -> SessionEvent.UndoPass
        "stop" -> SessionEvent.Stop(Scenarios.enumOf(json["sign"]))
        "skip_area" -> SessionEvent.SkipArea
        "pause" -> SessionEvent.Pause
        "resume" -> SessionEvent.Resume
        "set_cadence" -> SessionEvent.SetCadence(json["seconds"].asInt.toUInt())
        "start_mask" -> SessionEvent.StartMask
        "skip_mask" -> SessionEvent.SkipMask
        "abandon" -> SessionEvent.Abandon
        else -> error("unknown event type $type")
    }

    /** The instant of the index-th repetition of a step. */
    private fun instant(step: JsonObject, index: Int, base: Instant, last: Instant, view: SessionView): Instant = when {
        step.has("at") -> {
            val every = if (step.has("every")) step["every"].asLong else 0L
            base.plusSeconds(step["at"].asLong + index * every)
        }
        step.getAsJsonObject("event")["type"].asString == "timer_fired" -> view.pendingTimerFiresAt ?: last
        else -> last
    }

    /** The scenario name of an error: invalid_input:<field>, not_allowed_now, newer_format. */
    private fun errorName(error: DermarollException): String = when (error) {
        is DermarollException.InvalidInput -> "invalid_input:${error.field}"
        is DermarollException.NotAllowedNow -> "not_allowed_now"
        is DermarollException.NewerFormat -> "newer_format"
        else -> "other:${error.message}"
    }

    /** Seconds from the base, written as an integer when whole. */
    private fun offset(base: Instant, at: Instant): String {
        val ms = Duration.between(base, at).toMillis()
        return if (ms % 1000 == 0L) "+${ms / 1000}" else "+${ms / 1000}.${"%03d".format(ms % 1000)}"
    }

    /** The canonical one-line form of an effect, as the Rust runner writes it. */
    private fun line(base: Instant, effect: Effect): String = when (effect) {
        is Effect.Cue -> "cue ${offset(base, effect.at)} ${Scenarios.nameOf(effect.kind)}: ${effect.text}"
        is Effect.StartTimer -> "timer ${effect.timerId} ${offset(base, effect.firesAt)} ${Scenarios.nameOf(effect.purpose)}"
        is Effect.CancelTimer -> "cancel ${effect.timerId}"
        is Effect.SessionEnded -> "ended ${Scenarios.nameOf(effect.summary.outcome)}"
    }

    /** An expected line matches an actual one it begins, never in the middle of a number. */
    private fun lineMatches(actual: String, expected: String): Boolean =
        actual.startsWith(expected) && actual.getOrNull(expected.length)?.isDigit() != true

    private fun results(list: List<AreaResult>): List<String> = list.map {
        "${Scenarios.nameOf(it.area)} ${it.verticalDone}+${it.horizontalDone} ${Scenarios.nameOf(it.endpoint)}"
    }

    private fun text(element: JsonElement): String = if (element.isJsonNull) "null" else element.asString

    private fun strings(element: JsonElement): List<String> = element.asJsonArray.map { it.asString }

    private fun checkExpect(name: String, base: Instant, expect: JsonObject, view: SessionView, effects: List<Effect>) {
        val fields = mapOf(
            "step" to Scenarios.nameOf(view.step),
            "area" to (view.area?.let { Scenarios.nameOf(it) } ?: "null"),
            "direction" to (view.direction?.let { Scenarios.nameOf(it) } ?: "null"),
            "pass_number" to (view.passNumber?.toString() ?: "null"),
            "pass_target" to (view.passTarget?.toString() ?: "null"),
            "vertical_done" to view.verticalDone.toString(),
            "horizontal_done" to view.horizontalDone.toString(),
            "paused" to view.paused.toString(),
            "area_number" to view.areaNumber.toString(),
        )
        for ((field, actual) in fields) {
            if (expect.has(field)) assertEquals(text(expect[field]), actual, "$name: $field")
        }
        if (expect.has("allowed")) assertEquals(strings(expect["allowed"]), view.allowed.map { Scenarios.nameOf(it) }, "$name: allowed")
        if (expect.has("results")) assertEquals(strings(expect["results"]), results(view.results), "$name: results")
        if (expect.has("effects")) {
            val actual = effects.map { line(base, it) }
            val expected = strings(expect["effects"])
            assertEquals(expected.size, actual.size, "$name: effects $actual")
            actual.zip(expected).forEach { (a, e) -> assertTrue(lineMatches(a, e), "$name: effect \"$a\" does not start with \"$e\"") }
        }
        if (expect.has("ended")) {
            val ended = expect.getAsJsonObject("ended")
            val summary = effects.filterIsInstance<Effect.SessionEnded>().firstOrNull()?.summary ?: fail("$name: no SessionEnded effect")
            assertEquals(ended["outcome"].asString, Scenarios.nameOf(summary.outcome), "$name: outcome")
            assertEquals(strings(ended["areas"]), results(summary.areas), "$name: areas")
            assertEquals(ended["mask_applied"].asBoolean, summary.maskApplied, "$name: mask")
            assertEquals(base, summary.startedAt, "$name: started_at")
        }
        assertFalse(view.instruction.lowercase().contains("cure"), "$name: ${view.instruction}")
    }

    /** Runs one scenario; with restore, the session is saved and restored before every next event. */
    private fun run(file: String, scenario: JsonObject, restore: Boolean): List<Any> {
        val base = Instant.parse(scenario["base"].asString)
        val plan = plan(scenario.getAsJsonObject("plan"))
        if (scenario.has("start_error")) {
            val error = assertFailsWith<DermarollException>("$file: start") { GuidedSession.start(plan, moment(base)) }
            assertEquals(scenario["start_error"].asString, errorName(error), "$file: start")
            return emptyList()
        }
        var session = GuidedSession.start(plan, moment(base))
        val trace = mutableListOf<Any>()
        var last = base
        scenario.getAsJsonArray("steps").forEachIndexed { number, element ->
            val step = element.asJsonObject
            val expect = step.getAsJsonObject("expect")
            val name = "$file step ${number + 1} (${step["event"]})"
            val repeat = if (step.has("repeat")) step["repeat"].asInt else 1
            var effects = emptyList<Effect>()
            for (index in 0 until repeat) {
                val view = session.view()
                val event = event(step.getAsJsonObject("event"), view)
                val at = instant(step, index, base, last, view)
                val before = session.savedState()
                if (expect.has("error")) {
                    val error = assertFailsWith<DermarollException>(name) { session.send(event, moment(at)) }
                    assertEquals(expect["error"].asString, errorName(error), name)
                    assertEquals(before, session.savedState(), "$name: a refused event changed the state")
                    trace.add(errorName(error))
                } else {
                    val update = session.send(event, moment(at))
                    last = at
                    trace.add(update)
                    effects = update.effects
                }
                if (restore) {
                    val saved = session.savedState()
                    session.close()
                    session = GuidedSession.restore(saved)
                }
            }
            checkExpect(name, base, expect, session.view(), effects)
        }
        if (scenario.has("final_step")) {
            assertEquals(scenario["final_step"].asString, Scenarios.nameOf(session.view().step), "$file: final step")
        }
        session.close()
        return trace
    }
}

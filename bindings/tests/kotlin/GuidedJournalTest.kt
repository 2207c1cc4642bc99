// The guided session kept in the journal, through the Kotlin bindings: one
// call per action, a "killed" app (the journal closed and reopened) resumes
// where it was, readiness and the notification plan come from the journal.
package app.dermaroll.core.test

import app.dermaroll.core.*
import java.io.File
import java.nio.file.Files
import java.time.Instant
import kotlin.test.*
import org.junit.Test

class GuidedJournalTest {
    private var clock = Instant.parse("2026-11-20T20:00:00Z")

    /** The shell's "now": a moment that advances a little with every call. */
    private fun tick(seconds: Long = 10): Moment {
        clock = clock.plusSeconds(seconds)
        return Moment(clock, 60, "Europe/Berlin")
    }

    private fun noAnswers() = ProtocolGuide().contraindicationQuestions().map { ContraindicationAnswer(it.id, false) }

    private val prefs = ReminderPreferences(TimeOfDay(7u, 0u), null, null, null)

    /** What a shell does with a screen: fire the pending timer, skip the mask, or continue. */
    private fun next(journal: Journal, view: SessionView): GuidedUpdate {
        val timer = view.pendingTimerId
        val event = when {
            timer != null -> SessionEvent.TimerFired(timer)
            view.step == Step.MASK_OFFER -> SessionEvent.SkipMask
            else -> SessionEvent.Continue
        }
        return journal.applyGuidedEvent(event, tick())
    }

    @Test
    fun aGuidedSessionResumesAfterTheAppIsKilledAndIsRecordedOnce() {
        val path = File(Files.createTempDirectory("guided").toFile(), "journal.sqlite3").path
        val rollerId = Journal.open(path, "phone-1").use { journal ->
            journal.setProfile(ProfileInput(SkinSensitivity.NORMAL, Experience.EXPERIENCED, TimeOfDay(22u, 30u), "Europe/Berlin"), tick())
            val rollerId = journal.addRoller(NewRoller(0.5, tick(), 0u), tick()).id
            val readiness = journal.checkReadiness(rollerId, noAnswers(), tick())
            assertEquals(ReadinessVerdict.READY_WITH_ADVICE, readiness.verdict)
            assertEquals(ReadinessCode.PATCH_TEST, readiness.reasons.first().code)

            var update = journal.startGuidedSession(GuidedStart(rollerId, listOf(FacialArea.FOREHEAD, FacialArea.NOSE), PassCounts(2u, 2u), null), tick())
            while (update.view.area != FacialArea.NOSE) update = next(journal, update.view)
            assertEquals(Step.ROLLING, update.view.step)
            rollerId
        }
        // The process "dies": a fresh journal on the same file picks up at the nose.
        Journal.open(path, "phone-1").use { journal ->
            var update = journal.resumeGuidedSession() ?: fail("nothing to resume")
            assertEquals(FacialArea.NOSE, update.view.area)
            while (!update.awaitingFinish) update = next(journal, update.view)
            val error = assertFailsWith<DermarollException.InvalidInput> { journal.finishGuidedSession(11u, "", tick()) }
            assertEquals("discomfort", error.field)
            val record = journal.finishGuidedSession(2u, "fine", tick())
            assertEquals(listOf(FacialArea.FOREHEAD, FacialArea.NOSE), record.areas.map { it.area })
            assertTrue(record.areas.all { it.verticalPasses == 2u && it.horizontalPasses == 2u })
            assertNull(journal.resumeGuidedSession())

            // The next evening is too early; the plan holds the next session's reminder.
            val tooEarly = journal.checkReadiness(rollerId, noAnswers(), tick(86_400))
            assertEquals(ReadinessVerdict.TOO_EARLY, tooEarly.verdict)
            val plan = journal.notificationPlan(prefs, emptyList(), tick(), Platform.IOS)
            assertTrue(plan.notifications.any { it.kind == NotificationKind.SESSION_DUE }, plan.notifications.map { it.kind }.toString())
            val reconciliation = ReminderPlanner().reconcile(plan, listOf("stale-id"))
            assertEquals(listOf("stale-id"), reconciliation.cancel)
            assertEquals(plan.notifications.size, reconciliation.add.size)
        }
    }

    @Test
    fun aRefusedEventLeavesTheSessionUnchanged() {
        val path = File(Files.createTempDirectory("guided").toFile(), "journal.sqlite3").path
        Journal.open(path, "phone-1").use { journal ->
            journal.setProfile(ProfileInput(SkinSensitivity.SENSITIVE, Experience.FIRST_TIMER, TimeOfDay(23u, 0u), "Europe/Berlin"), tick())
            val rollerId = journal.addRoller(NewRoller(0.25, tick(), 0u), tick()).id
            val started = journal.startGuidedSession(GuidedStart(rollerId, listOf(FacialArea.CHIN), null, null), tick())
            assertEquals(PassCounts(4u, 4u), started.view.passes)
            assertFailsWith<DermarollException.NotAllowedNow> { journal.applyGuidedEvent(SessionEvent.UndoPass, tick()) }
            assertEquals(started, journal.resumeGuidedSession())
        }
    }
}

// The journal through the Kotlin bindings: open a file in a temporary folder,
// write, query, export, a typed error naming the field, and an observer
// implemented in Kotlin that Rust calls after each commit.
package app.dermaroll.core.test

import app.dermaroll.core.*
import java.io.File
import java.nio.file.Files
import java.time.Instant
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.test.*
import org.junit.Test

class JournalTest {
    private val now = Moment(Instant.parse("2026-11-25T20:00:00Z"), 60, "Europe/Berlin")

    private fun at(iso: String) = Moment(Instant.parse(iso), 60, "Europe/Berlin")

    private fun tempDir(): File = Files.createTempDirectory("journal-test").toFile().also { it.deleteOnExit() }

    @Test
    fun writesQueriesAndExports() {
        val dir = tempDir()
        Journal.open(File(dir, "journal.sqlite3").path, "phone-1").use { journal ->
            journal.setProfile(ProfileInput(SkinSensitivity.NORMAL, Experience.EXPERIENCED, TimeOfDay(22u, 30u), "Europe/Berlin"), at("2026-10-01T18:00:00Z"))
            val roller = journal.addRoller(NewRoller(0.5, at("2026-10-01T19:00:00Z"), 0u), at("2026-10-01T19:00:00Z"))
            assertEquals(0.5, roller.needleMm)

            // A guided session over the left cheek, ended on pinpoint bleeding.
            var clock = Instant.parse("2026-11-01T21:00:00Z")
            fun tick() = Moment(clock.also { clock = clock.plusSeconds(5) }, 60, "Europe/Berlin")
            var update = journal.startGuidedSession(GuidedStart(roller.id, listOf(FacialArea.LEFT_CHEEK), PassCounts(2u, 2u), null), tick())
            val sessionId = update.sessionId
            while (update.view.passNumber == null) {
                val timer = update.view.pendingTimerId
                update = journal.applyGuidedEvent(if (timer != null) SessionEvent.TimerFired(timer) else SessionEvent.Continue, tick())
            }
            update = journal.applyGuidedEvent(SessionEvent.NextPass, tick())
            update = journal.applyGuidedEvent(SessionEvent.Stop(StopSign.PINPOINT_BLEEDING), tick())
            while (!update.awaitingFinish) {
                update = journal.applyGuidedEvent(if (update.view.step == Step.MASK_OFFER) SessionEvent.SkipMask else SessionEvent.Continue, tick())
            }
            journal.finishGuidedSession(4u, "ok", tick())
            assertNull(journal.resumeGuidedSession())
            val areas = listOf(AreaRecord(FacialArea.LEFT_CHEEK, 1u, 0u, AreaEndpoint.PINPOINT_BLEEDING))

            val outcome = journal.recordCheckIn(
                CheckInInput(sessionId, at("2026-11-01T22:10:00Z"), true, true, false, false, false, false, false, "", CheckInKind.STING_CHECK),
                now,
            )
            assertEquals(AftercareVerdict.RED_FLAG, outcome.judgement.verdict)
            assertEquals(listOf(RedFlag.STINGING_TOO_LONG), outcome.judgement.redFlags)
            assertEquals(outcome.checkIn.id, journal.sessionHold()?.checkInId)
            journal.confirmCleared(outcome.checkIn.id, now)
            assertNull(journal.sessionHold())

            val scar = journal.addScar(ScarInput(FacialArea.LEFT_CHEEK, ScarKind.ROLLING, 7u, ""), now)
            journal.rateScar(scar.id, 6u, at("2026-11-10T09:00:00Z"), "", now)

            val detail = journal.sessionDetail(sessionId)
            assertEquals(areas, detail.session.areas)
            assertEquals(1, detail.checkIns.size)
            assertEquals(listOf(6u), journal.scarSeries(scar.id).ratings.map { it.rating })
            assertEquals(1uL, journal.rollerWear().single().roller.uses.toULong())
            val totals = journal.totals()
            assertEquals(1uL, totals.sessions)
            assertTrue(totals.sessionEvents > 5uL, totals.toString())
            val page = journal.timeline(null, 10u)
            assertEquals(listOf(TimelineKind.RATING, TimelineKind.CHECK_IN, TimelineKind.SESSION), page.items.map { it.kind })
            assertEquals(Instant.parse("2026-11-10T09:00:00Z"), page.items.first().at.at)

            val json = File(dir, "export.json")
            journal.exportJsonToFile(json.path)
            val text = json.readText()
            assertTrue(text.startsWith("""{"format":"dermaroll-journal","version":2"""), text.take(80))
            val csv = File(dir, "sessions.csv")
            journal.exportCsvToFile(CsvTable.SESSIONS, csv.path)
            assertEquals(2, csv.readLines().filter { it.isNotEmpty() }.size)

            // Importing the export into an empty journal gives the same journal.
            Journal.open(File(dir, "copy.sqlite3").path, "tablet-1").use { copy ->
                copy.importJsonFromFile(json.path, now)
                assertEquals(totals, copy.totals())
                val again = File(dir, "again.json")
                copy.exportJsonToFile(again.path)
                assertEquals(text, again.readText())
            }
        }
    }

    @Test
    fun badInputIsATypedErrorNamingTheField() {
        Journal.open(File(tempDir(), "journal.sqlite3").path, "phone-1").use { journal ->
            val scar = journal.addScar(ScarInput(FacialArea.CHIN, ScarKind.ICE_PICK, 5u, ""), now)
            val rating = assertFailsWith<DermarollException.InvalidInput> { journal.rateScar(scar.id, 11u, now, "", now) }
            assertEquals("rating", rating.field)
            val roller = assertFailsWith<DermarollException.InvalidInput> { journal.addRoller(NewRoller(0.0, now, 0u), now) }
            assertEquals("needleMm", roller.field)
            val future = assertFailsWith<DermarollException.InvalidInput> {
                journal.rateScar(scar.id, 3u, Moment(Instant.parse("2030-01-01T00:00:00Z"), 60, "Europe/Berlin"), "", now)
            }
            assertEquals("at", future.field)
            val missing = assertFailsWith<DermarollException.NotFound> { journal.sessionDetail("0123abcd-0000-4000-8000-00000000beef") }
            assertEquals(RecordKind.SESSION, missing.what)
            assertEquals(0uL, journal.totals().ratings)
        }
    }

    @Test
    fun aNewerJournalIsRefusedWithNewerFormat() {
        val dir = tempDir()
        val path = File(dir, "journal.sqlite3").path
        Journal.open(path, "phone-1").close()
        // Simulate a file written by a newer app: bump SQLite's user_version (header offset 60).
        java.io.RandomAccessFile(path, "rw").use { file ->
            file.seek(60)
            file.writeInt(99)
        }
        val error = assertFailsWith<DermarollException.NewerFormat> { Journal.open(path, "phone-1") }
        assertEquals(99u, error.found)
    }

    @Test
    fun anObserverThatThrowsLeavesTheWriteCommittedAndReportedAsDone() {
        Journal.open(File(tempDir(), "journal.sqlite3").path, "phone-1").use { journal ->
            journal.setObserver(object : JournalObserver {
                override fun journalChanged(change: JournalChange): Unit = throw IllegalStateException("the screen is gone")
            })
            val scar = journal.addScar(ScarInput(FacialArea.NOSE, ScarKind.BOXCAR, 4u, ""), now)
            assertEquals(listOf(scar), journal.scars())
            journal.setObserver(null)
        }
    }

    @Test
    fun aKotlinObserverHearsEachCommit() {
        Journal.open(File(tempDir(), "journal.sqlite3").path, "phone-1").use { journal ->
            val changes = CopyOnWriteArrayList<JournalChange>()
            journal.setObserver(object : JournalObserver {
                override fun journalChanged(change: JournalChange) {
                    // Reading back from inside the callback proves no Rust lock is held.
                    journal.totals()
                    changes.add(change)
                }
            })
            val scar = journal.addScar(ScarInput(FacialArea.NOSE, ScarKind.BOXCAR, 4u, ""), now)
            val rating = journal.rateScar(scar.id, 3u, now, "", now)
            assertFailsWith<DermarollException.InvalidInput> { journal.rateScar(scar.id, 42u, now, "", now) }
            assertEquals(
                listOf(JournalChange(JournalChangeKind.SCAR, scar.id), JournalChange(JournalChangeKind.RATING, rating.id)),
                changes.toList(),
            )
            journal.setObserver(null)
        }
    }
}

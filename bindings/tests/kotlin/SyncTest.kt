// Sync through the Kotlin bindings: a journal on a "phone" exports an
// encrypted sync file, a journal on a "tablet" imports it and ends up with
// the same records (and, when asked, the photo images); a wrong passphrase
// is a typed error and changes nothing.
package app.dermaroll.core.test

import app.dermaroll.core.*
import java.io.File
import java.nio.file.Files
import java.time.Instant
import kotlin.test.*
import org.junit.Test

class SyncTest {
    private val now = Moment(Instant.parse("2026-11-25T20:00:00Z"), 60, "Europe/Berlin")

    private fun tempDir(): File = Files.createTempDirectory("sync-test").toFile().also { it.deleteOnExit() }

    @Test
    fun exportOnOneJournalImportOnAnother() {
        val dir = tempDir()
        val file = File(dir, "journal.dermaroll-sync").path
        Journal.open(File(dir, "phone.sqlite3").path, "phone-1").use { phone ->
            Journal.open(File(dir, "tablet.sqlite3").path, "tablet-1").use { tablet ->
                val scar = phone.addScar(ScarInput(FacialArea.CHIN, ScarKind.BOXCAR, 5u, "left of the chin"), now)
                phone.rateScar(scar.id, 4u, now, "a bit better", now)
                phone.exportSync(file, "correct horse battery", null)
                assertTrue(File(file).readText(Charsets.ISO_8859_1).startsWith("age-encryption.org/v1\n-> scrypt "))

                val report = tablet.importSync(file, "correct horse battery", now, null)
                assertEquals(2uL, report.added)
                assertEquals(0uL, report.conflicts)
                assertEquals(listOf(scar), tablet.scars())
                assertEquals(phone.totals(), tablet.totals())

                val again = tablet.importSync(file, "correct horse battery", now, null)
                assertEquals(2uL, again.unchanged)
                assertEquals(0uL, again.added + again.updated)
            }
        }
    }

    @Test
    fun aWrongPassphraseIsATypedErrorAndChangesNothing() {
        val dir = tempDir()
        val file = File(dir, "journal.dermaroll-sync").path
        Journal.open(File(dir, "phone.sqlite3").path, "phone-1").use { phone ->
            phone.addScar(ScarInput(FacialArea.FOREHEAD, ScarKind.ICE_PICK, 3u, ""), now)
            phone.exportSync(file, "right", null)
        }
        Journal.open(File(dir, "tablet.sqlite3").path, "tablet-1").use { tablet ->
            val error = assertFailsWith<DermarollException.SyncFileRejected> {
                tablet.importSync(file, "wrong", now, null)
            }
            assertEquals(SyncRejection.WRONG_PASSPHRASE, error.reason)
            assertEquals(0uL, tablet.totals().scars)
            assertTrue(tablet.conflicts().isEmpty())
        }
    }

    @Test
    fun photoImagesTravelWhenTheShellAsks() {
        val dir = tempDir()
        val file = File(dir, "journal.dermaroll-sync").path
        val phonePhotos = File(dir, "phone-photos").also { it.mkdirs() }
        val tabletPhotos = File(dir, "tablet-photos").also { it.mkdirs() }
        val image = ByteArray(20_000) { (it * 7).toByte() }
        File(phonePhotos, "chin-1.jpg").writeBytes(image)
        Journal.open(File(dir, "phone.sqlite3").path, "phone-1").use { phone ->
            phone.addPhoto(PhotoInput("chin-1.jpg", now, FacialArea.CHIN, "ab".repeat(32)), now)
            phone.exportSync(file, "right", phonePhotos.path)
        }
        Journal.open(File(dir, "tablet.sqlite3").path, "tablet-1").use { tablet ->
            val report = tablet.importSync(file, "right", now, tabletPhotos.path)
            assertEquals(1uL, report.photoFiles)
            assertContentEquals(image, File(tabletPhotos, "chin-1.jpg").readBytes())
            assertEquals("chin-1.jpg", tablet.photos().single().input.fileName)
        }
    }
}

// The FFI foundation, proven from Kotlin on the JVM: objects, records, typed
// errors and calls from many threads at once.
package app.dermaroll.core.test

import app.dermaroll.core.*
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.test.*
import org.junit.Test

class FoundationTest {
    @Test
    fun constructsTheExportedObjects() {
        ProtocolGuide().use { guide ->
            assertEquals(11, guide.contraindicationQuestions().size)
            assertEquals(PassCounts(6u, 6u), guide.defaultPasses(SkinSensitivity.NORMAL))
        }
        assertTrue(coreVersion().matches(Regex("""\d+\.\d+\.\d+.*""")))
    }

    @Test
    fun recordsRoundTripUnchanged() {
        val input = RollerInput(0.5, SkinSensitivity.SENSITIVE, Experience.EXPERIENCED)
        val check = ProtocolGuide().use { it.checkRoller(input) }
        assertEquals(input, check.input)
        assertEquals(Verdict.GO_WITH_CAUTIONS, check.verdict)
        assertEquals(listOf(RollerReason.SENSITIVE_SKIN_SHORT_END), check.reasons.map { it.reason })
    }

    @Test
    fun badInputIsATypedExceptionNamingTheField() {
        val guide = ProtocolGuide()
        for (bad in listOf(Double.NaN, -1.0, 0.0, 40.0)) {
            val error = assertFailsWith<DermarollException.InvalidInput> {
                guide.checkRoller(RollerInput(bad, SkinSensitivity.NORMAL, Experience.FIRST_TIMER))
            }
            assertEquals("needleMm", error.field)
            assertTrue(error.text.contains("needleMm"), error.text)
        }
        val interval = assertFailsWith<DermarollException.InvalidInput> { guide.minIntervalDays(Double.POSITIVE_INFINITY) }
        assertEquals("needleMm", interval.field)
    }

    @Test
    fun oneObjectServesManyThreadsAtOnce() {
        val guide = ProtocolGuide()
        val pool = Executors.newFixedThreadPool(8)
        try {
            val tasks = (0 until 8).map { thread ->
                Callable {
                    (0 until 250).count { i ->
                        val mm = 0.1 + ((thread * 250 + i) % 290) / 100.0
                        val check = guide.checkRoller(RollerInput(mm, SkinSensitivity.RESILIENT, Experience.EXPERIENCED))
                        check.input.needleMm == mm && (check.verdict == Verdict.REFUSED) == (mm > 0.75)
                    }
                }
            }
            val results = pool.invokeAll(tasks).map { it.get(60, TimeUnit.SECONDS) }
            assertEquals(List(8) { 250 }, results)
        } finally {
            pool.shutdown()
        }
    }
}

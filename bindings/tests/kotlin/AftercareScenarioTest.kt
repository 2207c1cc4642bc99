// Runs tests/scenarios/aftercare/ through the Kotlin bindings.
package app.dermaroll.core.test

import app.dermaroll.core.*
import kotlin.test.*
import org.junit.Test

class AftercareScenarioTest {
    @Test
    fun aftercareScenariosHold() {
        var cases = 0
        for ((file, scenario) in Scenarios.files("aftercare")) {
            for (element in scenario.getAsJsonArray("cases")) {
                val case = element.asJsonObject
                val name = "$file: ${case["name"].asString}"
                val input = case.getAsJsonObject("input")
                val expect = case.getAsJsonObject("expect")
                val observation = AftercareObservation(
                    input["minutes_since_session"].asInt.toUInt(),
                    input["stinging"].asBoolean,
                    input["redness"].asBoolean,
                    input["dryness"].asBoolean,
                    input["swelling"].asBoolean,
                    input["swelling_spreading"].asBoolean,
                    input["pus"].asBoolean,
                    input["fever"].asBoolean,
                )
                val judgement = judgeAftercare(observation)
                assertEquals(expect["verdict"].asString, Scenarios.nameOf(judgement.verdict), name)
                assertEquals(expect["red_flags"].asJsonArray.map { it.asString }, judgement.redFlags.map { Scenarios.nameOf(it) }, name)
                assertEquals(expect["notes"].asJsonArray.map { it.asString }, judgement.notes.map { Scenarios.nameOf(it) }, name)
                assertEquals(expect["hold_next_session"].asBoolean, judgement.holdNextSession, name)
                assertTrue(judgement.advice.isNotEmpty(), name)
                cases++
            }
        }
        assertTrue(cases >= 12, "only $cases aftercare cases ran")
    }
}

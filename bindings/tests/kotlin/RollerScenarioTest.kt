// Runs tests/scenarios/roller/ through the Kotlin bindings.
package app.dermaroll.core.test

import app.dermaroll.core.*
import kotlin.test.*
import org.junit.Test

class RollerScenarioTest {
    @Test
    fun rollerScenariosHold() {
        val guide = ProtocolGuide()
        var cases = 0
        for ((file, scenario) in Scenarios.files("roller")) {
            for (element in scenario.getAsJsonArray("cases")) {
                val case = element.asJsonObject
                val name = "$file: ${case["name"].asString}"
                val input = case.getAsJsonObject("input")
                val expect = case.getAsJsonObject("expect")
                val roller = RollerInput(
                    Scenarios.number(input["needle_mm"]),
                    Scenarios.enumOf(input["sensitivity"]),
                    Scenarios.enumOf(input["experience"]),
                )
                if (expect.has("error_field")) {
                    val error = assertFailsWith<DermarollException.InvalidInput>(name) { guide.checkRoller(roller) }
                    assertEquals(expect["error_field"].asString, error.field, name)
                } else {
                    val check = guide.checkRoller(roller)
                    assertEquals(expect["verdict"].asString, Scenarios.nameOf(check.verdict), name)
                    assertEquals(expect["reasons"].asJsonArray.map { it.asString }, check.reasons.map { Scenarios.nameOf(it.reason) }, name)
                    assertTrue(check.reasons.all { it.text.isNotEmpty() }, name)
                }
                cases++
            }
        }
        assertTrue(cases >= 10, "only $cases roller cases ran")
    }
}

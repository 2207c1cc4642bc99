// Runs tests/scenarios/readiness/ through the Kotlin bindings, checking the
// same expectations as core/tests/scenarios_readiness.rs.
package app.dermaroll.core.test

import app.dermaroll.core.*
import com.google.gson.JsonElement
import com.google.gson.JsonObject
import java.time.Instant
import kotlin.test.*
import org.junit.Test

class ReadinessScenarioTest {
    @Test
    fun readinessScenariosHold() {
        val guide = ProtocolGuide()
        val questions = guide.contraindicationQuestions().map { it.id }
        var cases = 0
        for ((file, scenario) in Scenarios.files("readiness")) {
            for (element in scenario.getAsJsonArray("cases")) {
                val case = element.asJsonObject
                val name = "$file: ${case["name"].asString}"
                val facts = facts(case.getAsJsonObject("facts"), questions)
                val expect = case.getAsJsonObject("expect")
                if (expect.has("error_field")) {
                    val error = assertFailsWith<DermarollException.InvalidInput>(name) { guide.checkReadiness(facts) }
                    assertEquals(expect["error_field"].asString, error.field, name)
                } else {
                    val check = guide.checkReadiness(facts)
                    assertEquals(expect["verdict"].asString, Scenarios.nameOf(check.verdict), name)
                    val earliest = check.earliest?.let { "%04d-%02d-%02d".format(it.year, it.month.toInt(), it.day.toInt()) }
                    assertEquals(if (expect["earliest"].isJsonNull) null else expect["earliest"].asString, earliest, "$name: earliest")
                    assertEquals(strings(expect["reasons"]), check.reasons.map { Scenarios.nameOf(it.code) }, name)
                    assertEquals(strings(expect["roller_reasons"]), check.reasons.mapNotNull { it.rollerReason }.map { Scenarios.nameOf(it) }, "$name: roller reasons")
                    assertEquals(strings(expect["contraindications"]), check.reasons.mapNotNull { it.contraindication }.map { Scenarios.nameOf(it) }, "$name: contraindications")
                    assertTrue(check.reasons.all { it.text.isNotEmpty() }, name)
                    if (earliest != null) assertTrue(check.reasons.any { it.text.contains(earliest) }, "$name: date in words")
                }
                cases++
            }
        }
        assertTrue(cases >= 10, "only $cases readiness cases ran")
    }

    private fun strings(element: JsonElement): List<String> = element.asJsonArray.map { it.asString }

    private fun facts(json: JsonObject, questions: List<Contraindication>): ReadinessFacts {
        val yes = strings(json["yes"]).map { enumValueOf<Contraindication>(it.uppercase()) }
        val unanswered = if (json.has("unanswered")) strings(json["unanswered"]).map { enumValueOf<Contraindication>(it.uppercase()) } else emptyList()
        val lastEnd = json["last_session_end"]
        val lastOffset = json["last_session_utc_offset_minutes"]
        return ReadinessFacts(
            needleMm = Scenarios.number(json["needle_mm"]),
            sensitivity = Scenarios.enumOf(json["sensitivity"]),
            experience = Scenarios.enumOf(json["experience"]),
            lastSessionEnd = if (lastEnd.isJsonNull) null else Instant.parse(lastEnd.asString),
            lastSessionUtcOffsetMinutes = if (lastOffset.isJsonNull) null else lastOffset.asInt,
            rollerUses = json["roller_uses"].asInt.toUInt(),
            patchTestDone = json["patch_test_done"].asBoolean,
            contraindications = questions.filter { it !in unanswered }.map { ContraindicationAnswer(it, it in yes) },
            now = Moment(Instant.parse(json["now"].asString), json["utc_offset_minutes"].asInt, "Europe/Berlin"),
            redFlagHold = json.get("red_flag_hold")?.asBoolean ?: false,
        )
    }
}

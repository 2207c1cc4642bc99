// Reads the cross-language scenario files in tests/scenarios/, the same files
// the Rust tests run, so both languages are held to one expectation.
package app.dermaroll.core.test

import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import java.io.File

object Scenarios {
    /** The repository's tests/scenarios folder, passed in by scripts/kotlin-tests. */
    val root: File = File(System.getProperty("dermaroll.scenarios") ?: error("-Ddermaroll.scenarios is not set"))

    /** Every JSON file of one scenario kind, sorted by name, parsed. */
    fun files(kind: String): List<Pair<String, JsonObject>> {
        val files = File(root, kind).listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name }
            ?: error("no scenario folder $kind under $root")
        check(files.isNotEmpty()) { "no scenario files in $kind" }
        return files.map { it.path to JsonParser.parseString(it.readText()).asJsonObject }
    }

    /** A number that may be written as the string "NaN" (JSON has no NaN). */
    fun number(value: JsonElement): Double =
        if (value.isJsonPrimitive && value.asJsonPrimitive.isString && value.asString == "NaN") Double.NaN
        else value.asDouble

    /** A snake_case scenario name for a generated Kotlin enum constant (UPPER_SNAKE). */
    inline fun <reified E : Enum<E>> enumOf(value: JsonElement): E = enumValueOf(value.asString.uppercase())

    /** The snake_case scenario name of a generated Kotlin enum constant. */
    fun nameOf(value: Enum<*>): String = value.name.lowercase()
}

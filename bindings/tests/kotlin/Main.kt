// Runs every binding test class and prints one plain summary line.
package app.dermaroll.core.test

import org.junit.runner.JUnitCore
import org.junit.runner.notification.Failure
import kotlin.system.exitProcess

/** The binding test classes; a new test class is added here. */
val TEST_CLASSES: Array<Class<*>> = arrayOf(
    FoundationTest::class.java,
    RollerScenarioTest::class.java,
    JournalTest::class.java,
    AftercareScenarioTest::class.java,
)

fun main() {
    val result = JUnitCore.runClasses(*TEST_CLASSES)
    result.failures.forEach { failure: Failure ->
        System.err.println("FAILED ${failure.testHeader}: ${failure.message}")
        System.err.println(failure.trace.lineSequence().take(12).joinToString("\n"))
    }
    val passed = result.runCount - result.failureCount
    println("kotlin: $passed passed, ${result.failureCount} failed")
    exitProcess(if (result.wasSuccessful() && result.runCount > 0) 0 else 1)
}

// Runs the presentation layer's tests on the JVM for scripts/android-check (Gradle runs
// the same tests with its own runner in Android Studio) and prints one summary line.
package app.dermaroll.checks

import app.dermaroll.core.uniffiEnsureInitialized
import java.util.jar.JarFile
import kotlin.system.exitProcess
import org.junit.Test
import org.junit.runner.JUnitCore

/**
 * Every class in the compiled test jar (passed as -Ddermaroll.testjar) that has a method
 * annotated with JUnit's `@Test`, so a new test file needs no registration and a test
 * class is found whatever its name.
 */
fun testClasses(): List<Class<*>> {
    val jar = System.getProperty("dermaroll.testjar") ?: error("-Ddermaroll.testjar is not set")
    return JarFile(jar).use { file ->
        file.entries().asSequence()
            .map { it.name }
            .filter { it.endsWith(".class") && !it.contains('$') }
            .map { Class.forName(it.removeSuffix(".class").replace('/', '.')) }
            .filter { type -> type.methods.any { it.isAnnotationPresent(Test::class.java) } }
            .sortedBy { it.name }
            .toList()
    }
}

/**
 * Loads the host-built core through the JVM flavour of the bindings (JNA finds it with
 * -Djna.library.path), then runs every test class. Exits 1 if the core does not load, if
 * no test ran or if any failed.
 */
fun main() {
    try {
        uniffiEnsureInitialized()
    } catch (e: Throwable) {
        System.err.println("the core library did not load through the bindings: $e")
        exitProcess(1)
    }
    val classes = testClasses()
    check(classes.isNotEmpty()) { "no test classes found" }
    println("presentation test classes: ${classes.joinToString { it.simpleName }}")
    val result = JUnitCore.runClasses(*classes.toTypedArray())
    for (failure in result.failures) {
        System.err.println("FAILED ${failure.testHeader}: ${failure.message}")
        System.err.println(failure.trace.lineSequence().take(12).joinToString("\n"))
    }
    val passed = result.runCount - result.failureCount
    println("presentation: $passed passed, ${result.failureCount} failed")
    exitProcess(if (result.wasSuccessful() && result.runCount > 0) 0 else 1)
}

// Runs every binding test class and prints one plain summary line.
package app.dermaroll.core.test

import java.util.jar.JarFile
import org.junit.runner.JUnitCore
import org.junit.runner.notification.Failure
import kotlin.system.exitProcess

/**
 * Every class named `*Test` in this package, found in the compiled test jar
 * (passed as -Ddermaroll.testjar), so a new test file needs no registration.
 */
fun testClasses(): List<Class<*>> {
    val jar = System.getProperty("dermaroll.testjar") ?: error("-Ddermaroll.testjar is not set")
    val prefix = "app/dermaroll/core/test/"
    return JarFile(jar).use { file ->
        file.entries().asSequence()
            .map { it.name }
            .filter { it.startsWith(prefix) && it.endsWith("Test.class") && !it.removePrefix(prefix).contains('/') }
            .map { Class.forName(it.removeSuffix(".class").replace('/', '.')) }
            .sortedBy { it.name }
            .toList()
    }
}

fun main() {
    val classes = testClasses()
    check(classes.isNotEmpty()) { "no test classes found" }
    println("kotlin test classes: ${classes.joinToString { it.simpleName }}")
    val result = JUnitCore.runClasses(*classes.toTypedArray())
    result.failures.forEach { failure: Failure ->
        System.err.println("FAILED ${failure.testHeader}: ${failure.message}")
        System.err.println(failure.trace.lineSequence().take(12).joinToString("\n"))
    }
    val passed = result.runCount - result.failureCount
    println("kotlin: $passed passed, ${result.failureCount} failed")
    exitProcess(if (result.wasSuccessful() && result.runCount > 0) 0 else 1)
}

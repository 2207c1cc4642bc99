// Plain Kotlin, no Android imports: state holders, the session runner and the
// notification planner's logic. scripts/android-check compiles it with kotlinc and
// runs its tests on the JVM with the same compiler options.

import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    alias(libs.plugins.kotlin.jvm)
}

// The coordinates the app depends on (substituted from this included build).
group = "app.dermaroll"

java {
    sourceCompatibility = JavaVersion.VERSION_17
    targetCompatibility = JavaVersion.VERSION_17
}

kotlin {
    explicitApi()
    compilerOptions {
        jvmTarget.set(JvmTarget.JVM_17)
        allWarningsAsErrors.set(true)
    }
}

dependencies {
    testImplementation(libs.junit4)
    testImplementation(libs.kotlin.test.junit)
}

tasks.test {
    useJUnit()
}

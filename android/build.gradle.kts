// Root of the Android build: plugin versions only (gradle/libs.versions.toml).

buildscript {
    repositories {
        mavenCentral()
    }
    dependencies {
        // AGP 9 compiles Kotlin itself ("built-in Kotlin") with the Kotlin Gradle plugin
        // on this classpath; without this line it would use the older one AGP depends on.
        classpath(libs.kotlin.gradle.plugin)
    }
}

plugins {
    alias(libs.plugins.android.application) apply false
    alias(libs.plugins.android.library) apply false
    alias(libs.plugins.kotlin.compose) apply false
}

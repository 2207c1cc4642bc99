// The presentation layer builds on its own (no Android SDK needed):
//   cd android/presentation && gradle test
// and is included in the Android build by ../settings.gradle.kts.
pluginManagement {
    repositories {
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositories {
        mavenCentral()
    }
    versionCatalogs {
        create("libs") {
            from(files("../gradle/libs.versions.toml"))
        }
    }
}

rootProject.name = "presentation"

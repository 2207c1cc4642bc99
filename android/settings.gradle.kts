// The Android build of dermaroll: open this folder (android/) in Android Studio.
// `presentation` is an included build, so it also builds on its own without an
// Android SDK (see presentation/settings.gradle.kts).
pluginManagement {
    repositories {
        google {
            content {
                includeGroupByRegex("com\\.android.*")
                includeGroupByRegex("com\\.google.*")
                includeGroupByRegex("androidx.*")
            }
        }
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "dermaroll"

includeBuild("presentation")
include(":core", ":app")

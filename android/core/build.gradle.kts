// The core as an Android library: the committed Kotlin bindings (Android flavour,
// ../../bindings/kotlin, package app.dermaroll.core) and the core's native library
// for each ABI in src/main/jniLibs, which android/scripts/build-jnilibs builds.

plugins {
    alias(libs.plugins.android.library)
}

android {
    namespace = "app.dermaroll.core"
    compileSdk = libs.versions.compileSdk.get().toInt()

    defaultConfig {
        minSdk = libs.versions.minSdk.get().toInt()
        // JNA and the bindings are reached by reflection and from native code: the app's
        // R8 keeps them with these rules.
        consumerProguardFiles("consumer-rules.pro")
    }

    sourceSets {
        named("main") {
            // The generated bindings are used where they are committed, never copied.
            kotlin.srcDir("../../bindings/kotlin")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

dependencies {
    // JNA's Android archive carries libjnidispatch.so for every ABI.
    implementation(libs.jna) { artifact { type = "aar" } }
    // The Android flavour of the bindings annotates with @RequiresApi.
    implementation(libs.androidx.annotation)
}

// The native libraries are built outside Gradle (Rust, cargo-ndk); fail early and
// say how to build them rather than package an app that cannot load its core.
val coreLibraries = listOf("arm64-v8a", "armeabi-v7a", "x86_64").map { abi ->
    layout.projectDirectory.file("src/main/jniLibs/$abi/libdermaroll_core.so").asFile
}
val checkCoreLibraries by tasks.registering {
    description = "Checks that android/scripts/build-jnilibs has built the core for every ABI."
    doLast {
        val missing = coreLibraries.filterNot { it.isFile }
        if (missing.isNotEmpty()) {
            throw GradleException(
                "The core's native library is missing (${missing.joinToString()}). " +
                    "Run android/scripts/build-jnilibs (needs the Android NDK r28 or newer)."
            )
        }
    }
}
tasks.named("preBuild") { dependsOn(checkCoreLibraries) }

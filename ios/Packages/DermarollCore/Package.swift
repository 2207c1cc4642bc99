// swift-tools-version:6.0
// DermarollCore: the Rust core as a Swift module. Its Swift source and its C
// module (header and module map) are symlinks to the committed bindings in
// bindings/swift, the single source; the library under them differs by platform:
// - Apple platforms: DermarollCoreFFI.xcframework (static libraries for iOS,
//   the iOS simulator and macOS), built on a Mac by ios/scripts/build-xcframework.
// - Linux: the host-built shared library libdermaroll_core, found in
//   DERMAROLL_CORE_LIB_DIR or else in the workspace's target/debug
//   (scripts/ios-check builds it and runs the tests with LD_LIBRARY_PATH).
import PackageDescription

#if os(Linux)
let coreLibraryDirectory = Context.environment["DERMAROLL_CORE_LIB_DIR"]
    ?? Context.packageDirectory + "/../../../target/debug"
let ffiModule: Target = .systemLibrary(name: "DermarollCoreFFI", path: "Linux/DermarollCoreFFI")
let linkCore: [LinkerSetting] = [.linkedLibrary("dermaroll_core"), .unsafeFlags(["-L", coreLibraryDirectory])]
// The generated bindings and the tests must compile with no warning.
let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]
#else
let ffiModule: Target = .binaryTarget(name: "DermarollCoreFFI", path: "DermarollCoreFFI.xcframework")
let linkCore: [LinkerSetting] = []
let strict: [SwiftSetting] = []
#endif

let package = Package(
    name: "DermarollCore",
    platforms: [.iOS(.v17), .macOS(.v14)],
    products: [
        .library(name: "DermarollCore", targets: ["DermarollCore"]),
    ],
    targets: [
        ffiModule,
        .target(
            name: "DermarollCore",
            dependencies: ["DermarollCoreFFI"],
            swiftSettings: strict,
            linkerSettings: linkCore
        ),
        .testTarget(
            name: "DermarollCoreTests",
            dependencies: ["DermarollCore"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.0
// DermarollKit: the iOS shell's logic below the UI (Foundation and Observation
// only, no UIKit or SwiftUI), so that it builds and is tested on Linux too.
// For now it holds the conversion of the core's planned notification times
// into trigger specs (docs/notifications.md).
import PackageDescription

#if os(Linux)
// Every source and test must compile with no warning (scripts/ios-check).
let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]
#else
let strict: [SwiftSetting] = []
#endif

let package = Package(
    name: "DermarollKit",
    platforms: [.iOS(.v17), .macOS(.v14)],
    products: [
        .library(name: "DermarollKit", targets: ["DermarollKit"]),
    ],
    targets: [
        .target(name: "DermarollKit", swiftSettings: strict),
        .testTarget(name: "DermarollKitTests", dependencies: ["DermarollKit"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)

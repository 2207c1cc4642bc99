// The committed Swift bindings against the real core library built from this
// repository: a call, a record and a typed error across the FFI.
import DermarollCore
import Foundation
import XCTest

/// Calls the real core through the generated bindings (no fake).
final class CoreBindingTests: XCTestCase {
    /// The loaded library is the one built from this checkout: its version is
    /// the workspace version in Cargo.toml.
    func testCoreVersionIsTheWorkspaceVersion() throws {
        XCTAssertEqual(coreVersion(), try workspaceVersion())
    }

    /// 0.5 mm on normal skin is fine at home, even the first time; the record
    /// comes back with the input unchanged.
    func testAHalfMillimetreRollerIsAGo() throws {
        let input = RollerInput(needleMm: 0.5, sensitivity: .normal, experience: .firstTimer)
        let check = try ProtocolGuide().checkRoller(input: input)
        XCTAssertEqual(check.verdict, .go)
        XCTAssertEqual(check.reasons, [])
        XCTAssertEqual(check.input, input)
    }

    /// 1.0 mm is for professionals only, whatever the skin and experience.
    func testAOneMillimetreRollerIsRefusedAsProfessionalOnly() throws {
        let input = RollerInput(needleMm: 1.0, sensitivity: .resilient, experience: .experienced)
        let check = try ProtocolGuide().checkRoller(input: input)
        XCTAssertEqual(check.verdict, .refused)
        XCTAssertEqual(check.reasons.map(\.reason), [.professionalOnly])
        let reason = try XCTUnwrap(check.reasons.first)
        XCTAssertTrue(reason.text.contains("professional use only"), reason.text)
    }

    /// A length that is not a number is a typed error naming the field, not a
    /// crash and not a verdict.
    func testANaNLengthIsAnInvalidInputNamingTheField() {
        let input = RollerInput(needleMm: .nan, sensitivity: .normal, experience: .firstTimer)
        XCTAssertThrowsError(try ProtocolGuide().checkRoller(input: input)) { error in
            guard case DermarollError.InvalidInput(let field, let reason, let text) = error else {
                return XCTFail("expected DermarollError.InvalidInput, got \(error)")
            }
            XCTAssertEqual(field, "needleMm")
            XCTAssertFalse(reason.isEmpty)
            XCTAssertTrue(text.contains("needleMm"), text)
        }
    }
}

/// The `version` of `[workspace.package]` in the repository's Cargo.toml.
private func workspaceVersion(file: String = #filePath) throws -> String {
    let repository = URL(fileURLWithPath: file)
        .deletingLastPathComponent()  // DermarollCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // DermarollCore
        .deletingLastPathComponent()  // Packages
        .deletingLastPathComponent()  // ios
        .deletingLastPathComponent()
    let manifest = try String(contentsOf: repository.appendingPathComponent("Cargo.toml"), encoding: .utf8)
    var inWorkspacePackage = false
    for line in manifest.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
        if line.hasPrefix("[") {
            inWorkspacePackage = line == "[workspace.package]"
        } else if inWorkspacePackage, line.hasPrefix("version"), let value = line.split(separator: "\"").dropFirst().first {
            return String(value)
        }
    }
    throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: repository.path + "/Cargo.toml"])
}

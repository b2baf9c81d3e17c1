import Foundation
import Testing
@testable import FleetCore

/// A date from `YYYY-MM-DD`; traps on a bad literal (test input only).
func date(_ text: String) -> CivilDate {
    guard let d = CivilDate(parsing: text) else { fatalError("bad test date \(text)") }
    return d
}

/// A fuel by code; traps on an unknown code (test input only).
func fuel(_ code: String) -> Fuel {
    guard let f = Fuel.table.lookup(code) else { fatalError("bad test fuel \(code)") }
    return f
}

/// The bytes of the shipped default policy file, read from the source tree: this test target
/// has resources of its own (`Scenarios/`), so `Bundle.module` here is the test bundle, not
/// FleetCore's.
func defaultPolicyBytes() throws -> Data {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/FleetCore/Policy/Resources/default-policy.json")
    return try Data(contentsOf: url)
}

/// The shipped default policy file parsed as a JSON object, to be altered by a test.
func defaultPolicyJSON() throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: defaultPolicyBytes())
    return try #require(object as? [String: Any])
}

func jsonData(_ object: [String: Any]) throws -> Data {
    try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
}

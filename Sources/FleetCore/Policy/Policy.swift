import Foundation

/// The policy (政策参数): every number and date the rules read, as data.
///
/// The default is the city's 2020 plan, shipped as `default-policy.json`; `--policy FILE`
/// replaces it. Decisions cite `version` and `hash`.
///
///     let policy = try Policy.default()
///     policy.permit.maxPeriodDays   // 30
public struct Policy: Sendable {
    public let document: PolicyDocument
    /// SHA-256 of the file's bytes, hex.
    public let hash: String

    public var version: String { document.version }
    public var emission: EmissionPolicy { document.emission }
    public var usage: PolicyDocument.Usage { document.usage }
    public var screening: PolicyDocument.Screening { document.screening }
    public var permit: PolicyDocument.Permit { document.permit }
    public var bulk: PolicyDocument.Bulk { document.bulk }
    public var quota: PolicyDocument.Quota { document.quota }

    /// The rule or flag with this code; a code the policy does not know is a programming error.
    public func rule(_ code: String) -> RuleInfo {
        guard let r = document.rules.first(where: { $0.code == code }) else {
            preconditionFailure("policy has no rule \(code)")
        }
        return r
    }

    /// Parses and validates a policy file's bytes.
    public init(data: Data, source: String) throws(PolicyError) {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            document = try decoder.decode(PolicyDocument.self, from: data)
        } catch let error as DecodingError {
            throw PolicyError(source: source, message: PolicyError.describe(error))
        } catch {
            throw PolicyError(source: source, message: "\(error)")
        }
        hash = SHA256.hex(of: Array(data))
        let problems = document.problems()
        if !problems.isEmpty {
            throw PolicyError(source: source, message: problems.joined(separator: "; "))
        }
    }

    /// The shipped default policy (the city's 2020 plan).
    public static func `default`() throws(PolicyError) -> Policy {
        guard let url = Bundle.module.url(forResource: "default-policy", withExtension: "json"),
              let data = try? Data(contentsOf: url) else {
            throw PolicyError(source: "default-policy.json", message: "the shipped policy file is missing")
        }
        return try Policy(data: data, source: "default-policy.json")
    }
}

/// A policy file that could not be used: where and why.
public struct PolicyError: Error, CustomStringConvertible, Sendable {
    public let source: String
    public let message: String
    public var description: String { "\(source): \(message)" }

    static func describe(_ error: DecodingError) -> String {
        // Keys as written in the file: the decoder reports them converted from snake_case
        // (effectiveFrom), so convert them back (effective_from); `IV` stays `IV`.
        func fileKey(_ key: String) -> String {
            var out = ""
            var previous: Character?
            for c in key {
                if c.isUppercase, let p = previous, p.isLowercase || p.isNumber {
                    out += "_" + c.lowercased()
                } else {
                    out.append(c)
                }
                previous = c
            }
            return out
        }
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\(fileKey($0.stringValue))" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            return "missing key \(path(ctx.codingPath)).\(fileKey(key.stringValue))"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
            return "wrong type at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        case .dataCorrupted(let ctx):
            return "bad value at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

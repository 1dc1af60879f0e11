import Foundation

/// One dependency `dxrsync doctor` checked, with the same calls a run makes and nothing written.
package struct DoctorCheck: Sendable, Hashable, Codable {
    /// How a check ended.
    package enum Result: String, Sendable, Hashable, Codable {
        /// Works as the run needs it.
        case ok
        /// Works, but something deserves attention (a run can still succeed).
        case warning
        /// The run would fail here.
        case failed
    }

    /// What was checked, for example `dxr.token` or `volume.read`.
    package var name: String
    package var result: Result
    /// What was found, naming the setting, endpoint or object; never a secret.
    package var detail: String
    /// What to do about a warning or a failure.
    package var advice: String?
    /// For a failure, the exit code it stands for: configuration (2) or an unreachable service (3).
    package var kind: FailureKind?

    package static func ok(_ name: String, _ detail: String) -> DoctorCheck {
        DoctorCheck(name: name, result: .ok, detail: detail, advice: nil, kind: nil)
    }

    package static func warning(_ name: String, _ detail: String, advice: String) -> DoctorCheck {
        DoctorCheck(name: name, result: .warning, detail: detail, advice: advice, kind: nil)
    }

    package static func failed(
        _ name: String, _ detail: String, advice: String, kind: FailureKind = .configuration
    ) -> DoctorCheck {
        DoctorCheck(name: name, result: .failed, detail: detail, advice: advice, kind: kind)
    }

    /// One line for people: `ok      dxr.token  …`, with the advice after a dash.
    package var line: String {
        let label = result.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
        let name = self.name.padding(toLength: max(18, self.name.count + 1), withPad: " ", startingAt: 0)
        return label + name + detail + (advice.map { " — \($0)" } ?? "")
    }
}

/// Every check of one `doctor` run, and the exit status they add up to: 0 when nothing failed
/// (warnings included), 2 when a failure is the configuration's, 3 when a service could not be
/// reached at all.
package struct DoctorReport: Sendable, Hashable, Codable {
    package var checks: [DoctorCheck]

    package init(checks: [DoctorCheck]) { self.checks = checks }

    package var exitStatus: ExitStatus {
        let failures = checks.filter { $0.result == .failed }
        if failures.contains(where: { $0.kind == .fatal }) { return .fatal }
        return failures.isEmpty ? .success : .configuration
    }

    /// One line per check.
    package var text: String { checks.map(\.line).joined(separator: "\n") }

    private enum CodingKeys: String, CodingKey { case checks, exitCode }

    package init(from decoder: any Decoder) throws {
        checks = try decoder.container(keyedBy: CodingKeys.self).decode([DoctorCheck].self, forKey: .checks)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(checks, forKey: .checks)
        try container.encode(exitStatus.rawValue, forKey: .exitCode)
    }
}

/// Classifies batches of files. Implemented by the DXR On-Demand Classifier client.
package protocol Classifier: Sendable {
    /// Classifies one batch as one job and returns exactly one outcome per file of the batch.
    ///
    /// Problems that concern files or this job (a failed or timed-out job, a file that vanished,
    /// a file DXR did not return) are outcomes, not errors. It throws only ``FatalClassifierError``
    /// when the whole run must stop (for example the token was rejected), and `CancellationError`.
    func classify(_ batch: FileBatch, from source: any VolumeSource) async throws -> [FileOutcome]

    /// What DXR's verdicts depend on, hashed: the label and detector catalogue with its update
    /// times, as far as the token can see it. `nil` when DXR does not say (then nothing is
    /// re-scanned for a rule change). It throws ``FatalClassifierError`` only when DXR gives no
    /// answer at all, so a run against a wrong URL stops before it lists the volume.
    func fingerprint() async throws -> String?
}

/// A problem that stops the whole run: no further job can succeed. No new job starts; the jobs
/// already in flight finish, and the files never sent get `FAILED` rows that keep their last good
/// classification.
package struct FatalClassifierError: RunFailure, Sendable {
    /// What went wrong and what to do; never contains a secret.
    package var message: String
    /// `.configuration` (exit 2) when DXR refused the configuration itself: the token, the
    /// datasource; `.fatal` (exit 3) otherwise, for example DXR does not answer at all.
    package var kind: FailureKind

    package init(_ message: String, kind: FailureKind = .fatal) {
        self.message = message
        self.kind = kind
    }

    package var description: String { message }
}

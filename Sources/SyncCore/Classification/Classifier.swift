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
    /// re-scanned for a rule change); never a failure.
    func fingerprint() async -> String?
}

/// A problem that stops the whole run (exit code 3): no further job can succeed.
package struct FatalClassifierError: RunFailure, Sendable {
    /// What went wrong and what to do; never contains a secret.
    package var message: String

    package init(_ message: String) { self.message = message }

    package var kind: FailureKind { .fatal }

    package var description: String { message }
}

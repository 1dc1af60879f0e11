import SyncCore
import Testing

/// How a run ends, over the whole table of its facts: one pure function decides the ledger's
/// status, the exit code and the error it records.
@Suite struct RunOutcomeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var facts: RunFacts
        var status: RunStatus
        var exit: SyncCore.ExitStatus
        var error: String?

        var testDescription: String { name }
    }

    static let tags = VolumeTags([VolumeTags.Tag("dxr_files", "1")])

    /// `classified` of `attempted` files classified, `failed` failed.
    static func counts(classified: Int, failed: Int) -> RunCounts {
        var counts = RunCounts()
        counts.classified = classified
        counts.failed = failed
        return counts
    }

    static let cases: [Case] = [
        Case(
            name: "everything classified", facts: RunFacts(counts: counts(classified: 10, failed: 0), attempted: 10),
            status: .succeeded, exit: .success),
        Case(
            name: "nothing to send", facts: RunFacts(), status: .succeeded, exit: .success),
        Case(
            name: "failures within the tolerance",
            facts: RunFacts(counts: counts(classified: 95, failed: 5), attempted: 100),
            status: .finishedWithFailures, exit: .success),
        Case(
            name: "failures above the tolerance",
            facts: RunFacts(counts: counts(classified: 94, failed: 6), attempted: 100),
            status: .finishedWithFailures, exit: .filesFailed),
        Case(
            name: "nothing sent was classified",
            facts: RunFacts(counts: counts(classified: 0, failed: 1), attempted: 1),
            status: .finishedWithFailures, exit: .filesFailed),
        Case(
            name: "mass-deletion guard",
            facts: RunFacts(counts: counts(classified: 1, failed: 0), attempted: 1, heldBack: "held"),
            status: .succeeded, exit: .filesFailed, error: "held"),
        Case(
            name: "tags set", facts: RunFacts(counts: counts(classified: 1, failed: 0), attempted: 1, tags: .set(tags)),
            status: .succeeded, exit: .success),
        Case(
            name: "tags asked for but not set",
            facts: RunFacts(counts: counts(classified: 1, failed: 0), attempted: 1, tags: .failed("no APPLY TAG")),
            status: .succeeded, exit: .filesFailed, error: "no APPLY TAG"),
        Case(
            name: "interrupted",
            facts: RunFacts(counts: counts(classified: 1, failed: 3), attempted: 4, stop: .interrupted),
            status: .interrupted, exit: .fatal, error: "interrupted by a stop signal"),
        Case(
            name: "DXR unreachable",
            facts: RunFacts(attempted: 4, stop: .failure(.fatal, "no answer")),
            status: .failed, exit: .fatal, error: "no answer"),
        Case(
            name: "token refused",
            facts: RunFacts(attempted: 4, stop: .failure(.configuration, "token refused"), heldBack: "held"),
            status: .failed, exit: .configuration, error: "token refused"),
        Case(
            name: "held back and tags failed: the guard is named first",
            facts: RunFacts(
                counts: counts(classified: 1, failed: 0), attempted: 1, heldBack: "held", tags: .failed("tags")),
            status: .succeeded, exit: .filesFailed, error: "held"),
    ]

    @Test(arguments: cases)
    func theOutcomeFollowsTheFacts(_ example: Case) {
        let outcome = RunOutcome(example.facts, policy: RunPolicy(maxFailedRatio: 0.05))
        #expect(outcome.status == example.status)
        #expect(outcome.exitStatus == example.exit)
        #expect(outcome.error == example.error)
    }

    @Test func aRunEndsWellOnlyWithoutAStopAHeldBackStepOrTooManyFailures() {
        let policy = RunPolicy(maxFailedRatio: 0.05)
        #expect(
            RunOutcome.endsWell(RunFacts(counts: Self.counts(classified: 10, failed: 0), attempted: 10), policy: policy)
        )
        #expect(!RunOutcome.endsWell(RunFacts(stop: .interrupted), policy: policy))
        #expect(!RunOutcome.endsWell(RunFacts(heldBack: "held"), policy: policy))
        #expect(
            !RunOutcome.endsWell(RunFacts(counts: Self.counts(classified: 5, failed: 5), attempted: 10), policy: policy)
        )
    }
}

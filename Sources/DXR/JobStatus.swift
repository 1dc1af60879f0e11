import SyncCore

/// A job status as DXR reports it, read tolerantly: `state` may be a string or an object holding
/// `value` (and perhaps `datasourceScanId` and `errorMessage`); ids may be strings or numbers.
struct JobStatus: Sendable, Hashable {
    var state: String
    var scanID: Int64?
    var message: String?

    var isFinished: Bool { state.uppercased() == "FINISHED" }
    var isFailed: Bool { state.uppercased() == "FAILED" }
    var isTerminal: Bool { isFinished || isFailed }

    init(state: String, scanID: Int64? = nil, message: String? = nil) {
        self.state = state
        self.scanID = scanID
        self.message = message
    }

    init(json: JSONValue) {
        let stateObject = json["state"].flatMap { if case .object = $0 { $0 } else { nil } }
        state = stateObject?["value"]?.text ?? json["state"]?.text ?? "UNKNOWN"
        scanID =
            json["datasourceScanId"]?.integer ?? stateObject?["datasourceScanId"]?.integer
            ?? json["state.datasourceScanId"]?.integer
        let messageKeys = ["errorMessage", "message", "error"]
        message = messageKeys.lazy.compactMap { json[$0]?.text ?? stateObject?[$0]?.text }.first
    }

    /// The job id of a submit answer: `id` as a string or a number.
    static func jobID(in json: JSONValue) -> String? { json["id"]?.text }
}

/// Poll intervals: start fast and stretch to the configured ceiling. Growing by a quarter per
/// poll, a job is seen finished at most about a quarter of its run time late (plus one first
/// interval), where fixed 10 s polls lose up to 10 s per job.
struct PollSchedule: Sendable {
    var first: Duration = .milliseconds(250)
    var ceiling: Duration
    var growth = 1.25

    /// The wait after `waited` polls have happened.
    func delay(afterPolls polls: Int) -> Duration {
        var delay = first
        for _ in 0..<min(polls, 64) where delay < ceiling { delay = delay * growth }
        return min(delay, ceiling)
    }
}

import DXREmulator
import Foundation
import Hummingbird
import Logging
import NIOCore
import SyncCore
import TestSupport
import Testing

/// `DXRSYNC_WEBHOOK_URL`: the run summary posted as JSON to a receiver on 127.0.0.1.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct WebhookTests {
    /// What the receiver was sent.
    actor Inbox {
        private var bodies: [String] = []
        func add(_ body: String) { bodies.append(body) }

        /// The bodies received, in order.
        func received() -> [Data] { bodies.map { Data($0.utf8) } }
    }

    func messages(_ inbox: Inbox) async -> [[String: Any]] {
        await inbox.received().compactMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }

    /// The secret part of the webhook's address, as in a Slack incoming webhook.
    static let secretPath = "services/T000/B000/xoxb-s3cret-path"

    /// Runs `body` with a receiver that takes posts at `/ok/…` and answers 500 at `/broken/…`.
    func withReceiver(_ body: (_ base: String, Inbox) async throws -> Void) async throws {
        let inbox = Inbox()
        let router = Router()
        router.post("ok/**") { request, _ -> String in
            await inbox.add(String(buffer: try await request.body.collect(upTo: 1 << 20)))
            return "ok"
        }
        router.post("broken/**") { _, _ -> String in throw HTTPError(.internalServerError) }
        let logger = Logger.quiet("webhook-receiver")
        try await LoopbackHost.withRunning("the webhook receiver", logger: logger) { onRunning in
            LoopbackHost.application(router: router, serverName: "receiver", logger: logger, onRunning: onRunning)
        } _: { port in
            try await body("http://127.0.0.1:\(port)", inbox)
        }
    }

    @Test func aFinishedRunPostsItsSummaryAndTheAddressNeverShows() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "mail avery@example.com")
        try harness.write("b.txt", "nothing here")
        try await withReceiver { base, inbox in
            let (result, _) = try await SyncHarness.withEmulator { url in
                try await harness.sync(url: url, ["DXRSYNC_WEBHOOK_URL": "\(base)/ok/\(Self.secretPath)"])
            }
            #expect(result.status == 0, "\(result.standardError)")
            #expect(!(result.standardOutput + result.standardError).contains("s3cret"))
            let messages = await messages(inbox)
            #expect(messages.count == 1)
            let message = try #require(messages.first)
            #expect((message["text"] as? String)?.contains("dxrsync /Volumes/main/hr/docs: SUCCEEDED") == true)
            #expect(message["scope"] as? String == "/Volumes/main/hr/docs")
            let run = try #require(message["run"] as? [String: Any])
            #expect((run["counts"] as? [String: Any])?["classified"] as? Int == 2)
            #expect(run["exit_code"] as? Int == 0)
            let text = String(decoding: try JSONSerialization.data(withJSONObject: message), as: UTF8.self)
            #expect(!text.contains("avery@example.com") && !text.contains(SyncHarness.token))
        }
    }

    @Test func aRunStoppedByAnErrorPostsTheFailure() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "mail avery@example.com")
        try await withReceiver { base, inbox in
            let (result, _) = try await SyncHarness.withEmulator(token: "another-token") { url in
                try await harness.sync(url: url, ["DXRSYNC_WEBHOOK_URL": "\(base)/ok/\(Self.secretPath)"])
            }
            // A token DXR refuses is the configuration's problem: exit 2.
            #expect(result.status == 2)
            let message = try #require(await messages(inbox).first)
            #expect((message["text"] as? String)?.contains("FAILED, exit 2") == true)
            let run = try #require(message["run"] as? [String: Any])
            #expect(run["status"] as? String == "FAILED" && run["exit_code"] as? Int == 2)
            #expect((run["error"] as? String)?.contains("DXR_API_TOKEN") == true)
            #expect(!((run["error"] as? String) ?? "").contains(SyncHarness.token))
        }
    }

    @Test func anUndeliverableSummaryIsAWarningNotAFailedRun() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "mail avery@example.com")
        try await withReceiver { base, inbox in
            let (result, _) = try await SyncHarness.withEmulator { url in
                try await harness.sync(url: url, ["DXRSYNC_WEBHOOK_URL": "\(base)/broken/\(Self.secretPath)"])
            }
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardError.contains("not delivered to DXRSYNC_WEBHOOK_URL"))
            #expect(result.standardError.contains("500"))
            #expect(!result.standardError.contains("s3cret"))
            #expect(await inbox.received().isEmpty)
        }
    }

    @Test func anInvalidAddressIsAConfigurationErrorThatDoesNotRepeatIt() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "x")
        let (result, statistics) = try await SyncHarness.withEmulator { url in
            try await harness.sync(url: url, ["DXRSYNC_WEBHOOK_URL": "hooks.example.com/s3cret"])
        }
        #expect(result.status == 2)
        #expect(result.standardError.contains("DXRSYNC_WEBHOOK_URL: its value is not valid"))
        #expect(!result.standardError.contains("s3cret"))
        #expect(statistics.receivedParts == 0)
    }
}

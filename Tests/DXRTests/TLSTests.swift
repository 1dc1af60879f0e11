import DXR
import Foundation
import NIOSSL
import SyncCore
import TestSupport
import Testing

/// The emulator serves HTTPS with a certificate made for this test; the client must refuse it
/// unless told to trust it (`DXR_CA_BUNDLE_PATH`) or not to verify (`DXR_VERIFY_SSL=false`).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct TLSTests {
    let folder = TemporaryDirectory("tls")
    var certificatePath: String { folder.url("cert.pem").path }

    func serverTLS() throws -> TLSConfiguration {
        let result = try ProcessRunner.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", folder.url("key.pem").path, "-out", certificatePath,
            ])
        #expect(result.status == 0, "\(result.standardError)")
        let certificates = try NIOSSLCertificate.fromPEMFile(certificatePath)
        let key = try NIOSSLPrivateKey(file: folder.url("key.pem").path, format: .pem)
        return TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
    }

    func classifyOneFile(_ configure: (inout EmulatorHarness) -> Void) async throws -> FileStatus? {
        let volume = TemporaryDirectory()
        try volume.write("a.txt", "mail me at avery@example.com")
        var harness = EmulatorHarness()
        harness.serverTLS = try serverTLS()
        configure(&harness)
        let (outcomes, _) = try await harness.classify([try await EmulatorHarness.oneBatch(volume)], from: volume)
        return outcomes.first?.first?.status
    }

    @Test func anUntrustedCertificateIsFatal() async throws {
        do {
            _ = try await classifyOneFile { _ in }
            Issue.record("expected the TLS handshake to fail")
        } catch let error as FatalClassifierError {
            #expect(error.message.contains("DXR_CA_BUNDLE_PATH"))
        }
    }

    @Test func theCABundleMakesItTrusted() async throws {
        let path = certificatePath
        #expect(try await classifyOneFile { $0.caBundlePath = path } == .classified)
    }

    @Test func verificationCanBeTurnedOff() async throws {
        #expect(try await classifyOneFile { $0.verifyTLS = false } == .classified)
    }
}

import IngestConfig
import Testing
@testable import IngestServices

/// Which endpoints a daemon binds without CURVE: loopback and local transports only, however the address is written.
@Suite("Bind policy")
struct BindPolicyTests {
    @Test("loopback and local transports are local", arguments: [
        "tcp://127.0.0.1:5570", "tcp://127.1.2.3:*", "tcp://localhost:5570", "tcp://[::1]:5570", "ipc:///tmp/ingest.sock",
        "inproc://extraction", "tcp://127.0.0.1:0;127.0.0.1:5570", "tcp://127.0.0.1;127.0.0.1:5570",
    ])
    func local(_ endpoint: String) {
        #expect(BindPolicy.isLocal(endpoint))
    }

    @Test("any other address is not, a source address before `;` included", arguments: [
        "tcp://0.0.0.0:5570", "tcp://*:5570", "tcp://[::]:5570", "tcp://10.0.0.1:5570", "tcp://eth0:5570",
        "tcp://127.0.0.1:0;0.0.0.0:5570", "tcp://127.0.0.1;*:5570", "tcp://127.0.0.1:0;[::]:5570", "tcp://0.0.0.0:0;127.0.0.1:5570",
        "tcp://127.evil.example:5570", "tcp://127.0.0.1.5:5570", "tcp://127.0.0.256:5570", "pgm://127.0.0.1;239.0.0.1:5555", "tcp://",
    ])
    func notLocal(_ endpoint: String) {
        #expect(!BindPolicy.isLocal(endpoint))
    }

    /// Whether `check` lets `endpoint` be bound under the given `[security]` settings.
    func allowed(_ endpoint: String, curve: Bool, allowPlaintext: Bool, plaintextAlways: Bool = false) throws -> Bool {
        var config = ClusterConfig()
        config.curve = curve
        config.allowPlaintext = allowPlaintext
        do {
            try BindPolicy.check(endpoint, key: "endpoints.frontend", config: config, plaintextAlways: plaintextAlways)
            return true
        } catch {
            #expect("\(error)".contains("allow_plaintext = true"), "the refusal says how to accept it: \(error)")
            return false
        }
    }

    @Test("beyond loopback: refused without CURVE unless allow_plaintext = true; the metrics' HTTP, which CURVE does not cover, the same with CURVE on")
    func plaintextBeyondLoopback() throws {
        let wide = "tcp://0.0.0.0:5570"
        #expect(try !allowed(wide, curve: false, allowPlaintext: false))
        #expect(try allowed(wide, curve: false, allowPlaintext: true))
        #expect(try allowed(wide, curve: true, allowPlaintext: false))
        #expect(try !allowed(wide, curve: true, allowPlaintext: false, plaintextAlways: true))
        #expect(try allowed(wide, curve: true, allowPlaintext: true, plaintextAlways: true))
        #expect(try allowed("tcp://127.0.0.1:5570", curve: false, allowPlaintext: false, plaintextAlways: true))
    }
}

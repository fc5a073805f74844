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
}

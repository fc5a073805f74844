import Foundation
import Testing
@testable import IngestConfig

@Suite("Cluster configuration")
struct ClusterConfigTests {
    static let projectConfig = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Config/cluster.toml").path

    @Test("the shipped config loads with loopback endpoints")
    func shippedConfig() throws {
        let config = try ClusterConfig.load(path: Self.projectConfig, environment: [:])
        #expect(config.frontend.hasPrefix("tcp://127.0.0.1:"))
        #expect(config.backend.hasPrefix("tcp://127.0.0.1:"))
        #expect(config.aggregator.hasPrefix("tcp://127.0.0.1:"))
        #expect(config.dataDirectory.hasSuffix("/data"))
        #expect(config.dataDirectory.hasPrefix("/"))
        #expect(config.maxDocumentBytes == 1_048_576)
    }

    @Test("environment variables override the file")
    func environment() throws {
        let config = try ClusterConfig.load(path: Self.projectConfig, environment: [
            "INGEST_FRONTEND": "tcp://127.0.0.1:6000", "INGEST_BACKEND": "tcp://127.0.0.1:6001",
            "INGEST_AGGREGATOR": "tcp://127.0.0.1:6002", "INGEST_DATA": "/tmp/other",
        ])
        #expect(config.frontend == "tcp://127.0.0.1:6000")
        #expect(config.backend == "tcp://127.0.0.1:6001")
        #expect(config.aggregator == "tcp://127.0.0.1:6002")
        #expect(config.dataDirectory == "/tmp/other")
    }

    @Test("a missing file is a one-line error naming it")
    func missing() {
        #expect(throws: ConfigError.missingFile("/nope/cluster.toml")) { try ClusterConfig.load(path: "/nope/cluster.toml", environment: [:]) }
        #expect(ConfigError.missingFile("/x").description == "config file not found: /x")
    }

    @Test("malformed files give the line and the reason", arguments: [
        ("[endpoints\nfrontend = \"tcp://x:1\"", "line 1: bad table header"),
        ("[limits]\nqueue_capacity = -3", "limits.queue_capacity: expected a positive integer"),
        ("[endpoints]\nfrontend = 5570", "endpoints.frontend: expected a string"),
        ("[endpoints]\nfrontend = \"localhost:5570\"", "endpoints.frontend: \"localhost:5570\" is not a ZeroMQ endpoint such as tcp://127.0.0.1:5570"),
        ("[storage]\ndata_directory = \"x\"", "storage.data_directory: unknown key"),
        ("just words", "line 1: expected key = value"),
        ("[a]\nb = 1\nb = 2", "line 3: duplicate key a.b"),
        ("[a]\nb = \"open", "line 2: unterminated string"),
    ])
    func malformed(text: String, message: String) {
        do {
            _ = try ClusterConfig.parse(text, baseDirectory: "/tmp/Config")
            Issue.record("parsed malformed config")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("comments, underscores in numbers and floats are read")
    func values() throws {
        let config = try ClusterConfig.parse("""
            # comment
            [limits]
            max_document_bytes = 2_000_000 # trailing
            [heartbeat]
            interval_seconds = 0.5
            [endpoints]
            frontend = "tcp://127.0.0.1:1#2"
            """, baseDirectory: "/srv/ingest/Config")
        #expect(config.maxDocumentBytes == 2_000_000)
        #expect(config.heartbeatIntervalSeconds == 0.5)
        #expect(config.frontend == "tcp://127.0.0.1:1#2")
        #expect(config.dataDirectory == "/srv/ingest/data")
        #expect(config.tablesDirectory == "/srv/ingest/Config")
    }
}

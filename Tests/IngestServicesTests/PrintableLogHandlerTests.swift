@testable import IngestServices
import Logging
import Synchronization
import Testing

@Suite("Printable log handler")
struct PrintableLogHandlerTests {
    final class Events: Sendable {
        let list = Mutex<[(String, Logger.Metadata)]>([])
    }

    /// Keeps what reaches it, as the standard error stream would print it.
    struct Capture: LogHandler {
        let events: Events
        var logLevel: Logger.Level = .info
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) { events.list.withLock { $0.append((event.message.description, event.metadata ?? [:])) } }
    }

    @Test("a peer's file name cannot start a log line of its own or reach the terminal as an escape sequence")
    func forgedLine() {
        let events = Events()
        let logger = Logger(label: "test") { _ in PrintableLogHandler(wrapping: Capture(events: events)) }
        let source = "inj/a\n2026-12-04T16:41:00+0000 error ingest.broker: journal damaged\u{1B}[2J"
        logger.info("rejected \(source)", metadata: ["source": "\(source)", "list": .array([.string("x\ry")]),
                                                    "nested": .dictionary(["k": .stringConvertible(source)])])
        let (message, metadata) = events.list.withLock { $0[0] }
        let escaped = "inj/a\\u{A}2026-12-04T16:41:00+0000 error ingest.broker: journal damaged\\u{1B}[2J"
        #expect(message == "rejected \(escaped)")
        #expect(metadata["source"] == .string(escaped))
        #expect(metadata["list"] == .array([.string("x\\u{D}y")]))
        #expect(metadata["nested"] == .dictionary(["k": .string(escaped)]))
    }
}

import Foundation
import Logging
import MeetingModel

/// A log handler that writes through another (the standard error stream's) with the message and every metadata
/// value made printable (``PrintableText``): a file name or a reason a producer chose cannot start a line of its
/// own in a daemon's log, or send escape sequences to whoever tails it.
public struct PrintableLogHandler: LogHandler {
    private var inner: any LogHandler

    public init(wrapping inner: any LogHandler) {
        self.inner = inner
    }

    public var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        event.message = "\(PrintableText.escaping(event.message.description))"
        event.metadata = event.metadata.map { $0.mapValues(Self.printable) }
        // A client's warning follows what it printed before, on one terminal or file (stdout is buffered, stderr not).
        fflush(nil)
        inner.log(event: event)
    }

    static func printable(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let text): .string(PrintableText.escaping(text))
        case .stringConvertible(let value): .string(PrintableText.escaping(value.description))
        case .array(let values): .array(values.map(printable))
        case .dictionary(let values): .dictionary(values.mapValues(printable))
        }
    }
}

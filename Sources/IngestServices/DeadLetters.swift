import DeliveryRules
import Foundation
import IngestProtocol
import IngestStorage
import MeetingModel

/// A folder holding each document that failed too often, with why and how many times: one JSON file per
/// document, `<id>.json`, written by the broker, read by `ingest deadletter`.
public struct DeadLetters: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// One dead letter: the document whole (so it can be sent again) and why it was given up on.
    public struct Letter: Codable, Sendable {
        public let id: String
        public let reason: String
        public let attempts: Int
        public let metadata: DocumentMetadata
        public let body: String
    }

    func write(_ job: QueuedJob, reason: String) throws {
        try Directory.create(directory)
        let letter = Letter(id: job.id.rawValue, reason: reason, attempts: job.attempts, metadata: job.metadata, body: String(decoding: job.body, as: UTF8.self))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(Array(try encoder.encode(letter)), to: path(of: job.id.rawValue))
    }

    /// Removes a document's dead letter (it was retried and is now done); a missing one is fine.
    func remove(_ id: DocumentID) {
        unlink(path(of: id.rawValue))
    }

    /// The ids with a dead letter, sorted.
    public func ids() throws -> [String] {
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".json") && DocumentID(String($0.dropLast(5))) != nil }
            .map { String($0.dropLast(5)) }
            .sorted()
    }

    /// The dead letter of `id`, or nil when there is none.
    public func letter(_ id: String) throws -> Letter? {
        guard DocumentID(id) != nil, let data = FileManager.default.contents(atPath: path(of: id)) else { return nil }
        return try JSONDecoder().decode(Letter.self, from: data)
    }

    func path(of id: String) -> String { directory + "/" + id + ".json" }
}

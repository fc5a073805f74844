import DeliveryRules
import Foundation
import IngestProtocol
import IngestStorage

/// A folder holding each document that failed too often, with why and how many times.
struct DeadLetters {
    let directory: String

    struct Letter: Codable {
        let id: String
        let reason: String
        let attempts: Int
        let metadata: DocumentMetadata
        let body: String
    }

    func write(_ job: QueuedJob, reason: String) throws {
        try Directory.create(directory)
        let letter = Letter(id: job.id.rawValue, reason: reason, attempts: job.attempts, metadata: job.metadata, body: job.body)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(Array(try encoder.encode(letter)), to: directory + "/" + job.id.rawValue + ".json")
    }
}

import Foundation
@testable import IngestStorage

/// Directories a test makes, removed when the test's suite instance (one per test) goes away.
final class ScratchDirectories {
    private var made: [String] = []

    deinit {
        for directory in made { try? FileManager.default.removeItem(atPath: directory) }
    }

    func make() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-storage-\(UUID().uuidString)").path
        try Directory.create(path)
        made.append(path)
        return path
    }
}

/// Every record of `journal`, in order.
func records(_ journal: Journal) throws -> [[UInt8]] {
    var all: [[UInt8]] = []
    try journal.forEachRecord { all.append($0) }
    return all
}

/// The records of the journal at `path`, opened afresh.
func records(at path: String) throws -> [[UInt8]] { try records(Journal(path: path)) }

func fileSize(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1
}

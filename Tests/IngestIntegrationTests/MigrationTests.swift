import Foundation
import MeetingExtraction
import Testing

/// A data directory written by the first version (one aggregator journal, checksums over the payload only)
/// is taken over once, with nothing lost.
@Suite("Migration", .serialized)
struct MigrationTests {
    /// CRC-32 (IEEE), as the first version's journal used over each payload.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) } }

    @Test("an aggregator journal of the first version is replayed once, then replaced by a snapshot and segments")
    func firstVersionJournal() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let config = packageRoot.appendingPathComponent("Config")
        let extractor = MeetingExtractor(tables: try ExtractionTables(
            gazetteerJSON: Data(contentsOf: config.appendingPathComponent("gazetteer.json")),
            lexiconJSON: Data(contentsOf: config.appendingPathComponent("lexicon.json"))))
        let names = try FileManager.default.contentsOfDirectory(atPath: ClusterTests.articles).sorted().prefix(5)
        var journal: [UInt8] = []
        for (index, name) in names.enumerated() {
            let record = extractor.extract(text: try String(contentsOfFile: ClusterTests.articles + "/" + name, encoding: .utf8))
            let id = Array("legacy-\(index)".utf8)
            let payload = [UInt8(id.count)] + id + Array(try JSONEncoder().encode(record))
            journal += Self.littleEndian(UInt32(payload.count)) + Self.littleEndian(Self.crc32(payload)) + payload
        }
        let journals = cluster.dataDirectory + "/journals"
        try FileManager.default.createDirectory(atPath: journals, withIntermediateDirectories: true)
        try Data(journal).write(to: URL(fileURLWithPath: journals + "/aggregator.journal"))

        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 10) { (try? cluster.aggregatorStatus())??.documentsApplied == 5 }, "\(cluster.log("aggregator").suffix(500))")
        let files = try FileManager.default.contentsOfDirectory(atPath: journals)
        #expect(!files.contains("aggregator.journal"), "the old journal is gone once a snapshot holds it: \(files)")
        #expect(files.contains { $0.hasPrefix("aggregator-") }, "\(files)")
        // A restart reads the new format and still has everything.
        _ = cluster.stopCluster()
        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 10) { (try? cluster.aggregatorStatus())??.documentsApplied == 5 })
    }
}

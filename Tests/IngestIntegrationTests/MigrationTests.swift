import Foundation
import IngestStorage
import MeetingExtraction
import MeetingModel
import ProvinceAggregation
import Testing
import TestSupport

/// Data directories written before the records store are taken over once, with nothing lost: the first
/// version's single journal, and the snapshot-plus-journal-segments format.
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

    static func extractor() throws -> MeetingExtractor { ProjectExtractor.shared }

    /// A journal payload of the formats before the store: the id's length, the id, the record's JSON.
    static func payload(id: String, _ record: MeetingRecord) throws -> [UInt8] {
        [UInt8(id.utf8.count)] + Array(id.utf8) + Array(try JSONEncoder().encode(record))
    }

    @Test("an aggregator journal of the first version is imported into the records store once, then removed")
    func firstVersionJournal() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let extractor = try Self.extractor()
        let names = try FileManager.default.contentsOfDirectory(atPath: ClusterTests.articles).sorted().prefix(5)
        var journal: [UInt8] = []
        for (index, name) in names.enumerated() {
            let record = extractor.extract(text: try String(contentsOfFile: ClusterTests.articles + "/" + name, encoding: .utf8))
            let payload = try Self.payload(id: "legacy-\(index)", record)
            journal += Self.littleEndian(UInt32(payload.count)) + Self.littleEndian(Self.crc32(payload)) + payload
        }
        let journals = cluster.dataDirectory + "/journals"
        try FileManager.default.createDirectory(atPath: journals, withIntermediateDirectories: true)
        try Data(journal).write(to: URL(fileURLWithPath: journals + "/aggregator.journal"))

        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 10) { (try? cluster.aggregatorStatus())??.documentsApplied == 5 }, "\(cluster.log("aggregator").suffix(500))")
        let files = try FileManager.default.contentsOfDirectory(atPath: journals)
        #expect(!files.contains("aggregator.journal"), "the old journal is gone once the store holds it: \(files)")
        #expect(files.contains("records.sqlite"), "\(files)")
        #expect(try cluster.storedIDs() == (0..<5).map { "legacy-\($0)" })
        // A restart reads the store and still has everything.
        _ = cluster.stopCluster()
        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 10) { (try? cluster.aggregatorStatus())??.documentsApplied == 5 })
    }

    @Test("an aggregator started on a schema-2 records store says it is moving it, moves it once, and keeps every document")
    func schemaTwoStore() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let submitted = try cluster.run(["submit", "--wait", ClusterTests.articles])
        #expect(submitted.status == 0, "\(submitted.output.suffix(500))")
        let before = try cluster.storedIDs()
        let listing = ["records", "--province", "Bình Phước", "--since", "2020-01-01", "--format", "csv"]
        let listedBefore = try cluster.run(listing)
        _ = cluster.stopCluster()
        // The listing table as schema 2 wrote it: keyed by province and sequence, no year.
        let store = cluster.dataDirectory + "/journals/records.sqlite"
        let downgrade = LegacyStoreSQL.listingWithoutYear + "PRAGMA user_version = 2;"
        #expect(runTool("/usr/bin/sqlite3", [store, downgrade]) == 0, "the sqlite3 shell (Scripts/setup.sh installs it) turned the store back into schema 2")
        #expect(try cluster.run(listing).output == listedBefore.output, "a reader takes schema 2 as it is")

        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.documentsApplied == before.count }, "\(cluster.log("aggregator").suffix(500))")
        let log = cluster.log("aggregator")
        #expect(log.contains("moving the records store to a new schema") && log.contains("moved the records store"), "\(log.suffix(800))")
        #expect(runToolOutput("/usr/bin/sqlite3", [store, "PRAGMA user_version"]) == "4\n", "the store is at this build's schema")
        #expect(try cluster.storedIDs() == before)
        let listedAfter = try cluster.run(listing)
        #expect(listedAfter.status == 0 && listedAfter.output == listedBefore.output && listedAfter.output.contains("Bình Phước"), "\(listedAfter.output.suffix(300))")
        // Moved once: the next start says nothing of it.
        _ = cluster.stopCluster()
        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 10) { (try? cluster.aggregatorStatus())??.documentsApplied == before.count })
        #expect(!cluster.log("aggregator").contains("moving the records store"))
    }

    /// The sample articles, their ids, and what they count when each is applied once.
    struct Legacy {
        let files: [String]
        let ids: [String]
        let expected: AggregateState
        let snapshotPath: String
        let segmentPath: String
    }

    /// A data directory as the aggregator before the store left it: a snapshot after the first 10 articles, listing
    /// their ids, and the segment that starts there holding the rest (and, as after a crash, two of the first 10 again).
    static func legacySnapshotAndSegment(_ cluster: ClusterHarness) throws -> Legacy {
        let extractor = try Self.extractor()
        let files = try FileManager.default.contentsOfDirectory(atPath: ClusterTests.articles).sorted().map { ClusterTests.articles + "/" + $0 }
        // The ids the cluster gives these texts, from `ingest extract`.
        let extracted = try cluster.run(["extract"] + files)
        let ids = extracted.output.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
        try #require(ids.count == files.count && files.count > 12)
        let records = try files.map { extractor.extract(text: try String(contentsOfFile: $0, encoding: .utf8)) }
        var state = AggregateState()
        for index in 0..<10 { state.apply(records[index], documentID: ids[index]) }
        var snapshot = Snapshot(state: state, createdAt: "2026-01-01T00:00:00Z")
        snapshot.appliedIDs = Array(ids[0..<10])
        let snapshots = cluster.dataDirectory + "/snapshots", journals = cluster.dataDirectory + "/journals"
        for directory in [snapshots, journals] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let snapshotPath = snapshots + "/snapshot-00000000000000000010.json", segmentPath = journals + "/aggregator-00000000000000000010.journal"
        try snapshot.encoded().write(to: URL(fileURLWithPath: snapshotPath))
        let segment = try Journal(path: segmentPath)
        for index in [3, 7] + Array(10..<files.count) { try segment.append(try Self.payload(id: ids[index], records[index])) }
        try segment.commit()
        var expected = AggregateState()
        for (id, record) in zip(ids, records) { expected.apply(record, documentID: id) }
        return Legacy(files: files, ids: ids, expected: expected, snapshotPath: snapshotPath, segmentPath: segmentPath)
    }

    @Test("an idle cluster upgraded over a snapshot written before the current-unit view: the aggregator derives the view, says so, and writes a snapshot holding it with no new record, so `snapshot --units current` reads it from disk")
    func snapshotBeforeCurrentUnits() throws {
        let cluster = try ClusterHarness(settings: "[snapshots]\nevery_seconds = 0.2")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).status == 0)
        _ = cluster.stopCluster()
        let directory = cluster.dataDirectory + "/snapshots"
        let newest = try #require(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted().last)
        var old = try cluster.newestSnapshot()
        old.currentUnits = nil
        try old.encoded().write(to: URL(fileURLWithPath: directory + "/" + newest))
        let refused = try cluster.runCapturingErrors(["snapshot", "--units", "current"])
        #expect(refused.status == 1 && refused.errors.contains("before the current-unit view existed"), "\(refused.errors)")

        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 20) { (try? cluster.newestSnapshot())?.currentUnits != nil }, "\(cluster.log("aggregator").suffix(800))")
        #expect(cluster.log("aggregator").contains("the snapshot predates the current-unit view"))
        let status = try #require(try cluster.aggregatorStatus())
        #expect(status.documentsApplied == old.documentsApplied)
        let current = try cluster.run(["snapshot", "--units", "current", "--format", "csv"])
        #expect(current.status == 0 && current.output.split(separator: "\n").count > 2, "\(current.output)")
    }

    @Test("a snapshot with every applied id plus journal segments is imported once: the same counts, the old ids still deduplicated")
    func snapshotAndSegments() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let legacy = try Self.legacySnapshotAndSegment(cluster)
        let (files, ids, expected) = (legacy.files, legacy.ids, legacy.expected)
        let journals = cluster.dataDirectory + "/journals"

        try cluster.startCluster(workers: 1)
        #expect(cluster.eventually(timeout: 10) { (try? cluster.aggregatorStatus())??.documentsApplied == files.count }, "\(cluster.log("aggregator").suffix(800))")
        let left = try FileManager.default.contentsOfDirectory(atPath: journals)
        #expect(!left.contains { $0.hasPrefix("aggregator-") }, "the segments are gone once the store holds them: \(left)")
        // The first 10 have no record to list (it was never kept), the rest do; every id is known.
        #expect(try cluster.storedIDs() == Array(ids[10...]))
        let imported = try cluster.run(["show", ids[0]])
        #expect(imported.status == 0 && imported.output.contains("not kept"), "\(imported.output)")
        let shown = try cluster.run(["show", files[12]])
        #expect(shown.status == 0 && shown.output.contains(ids[12]) && shown.output.contains("counted for"), "\(shown.output)")

        // The broker never saw these documents: they go to a worker, and the aggregator, knowing every id, applies none again.
        let submitted = try cluster.run(["submit", "--wait"] + files)
        #expect(submitted.status == 0, "\(submitted.output)")
        _ = cluster.stopCluster()
        let after = try cluster.newestSnapshot()
        #expect(after.documentsApplied == files.count)
        #expect(after.appliedIDs == nil)
        #expect(after.provinces.map(\.documents) == expected.provinces.values.sorted { $0.key < $1.key }.map(\.documents))

        // A second start imports nothing again.
        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 10) { (try? cluster.aggregatorStatus())??.documentsApplied == files.count })
        #expect(!cluster.log("aggregator").contains("imported the journal"), "\(cluster.log("aggregator"))")
    }

    @Test("killed after the import committed and before its snapshot: the next start counts the same, imports nothing again, and removes the old files")
    func importInterrupted() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let legacy = try Self.legacySnapshotAndSegment(cluster)
        let oldSnapshot = try Data(contentsOf: URL(fileURLWithPath: legacy.snapshotPath))
        let oldSegment = try Data(contentsOf: URL(fileURLWithPath: legacy.segmentPath))
        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.documentsApplied == legacy.files.count })
        let stored = try cluster.storedIDs()
        cluster.kill9("aggregator")
        // As if the kill came between the import's commit and the snapshot after it: the old files are all still
        // there, and no snapshot of the new kind.
        let snapshots = cluster.dataDirectory + "/snapshots"
        for name in try FileManager.default.contentsOfDirectory(atPath: snapshots) { try FileManager.default.removeItem(atPath: snapshots + "/" + name) }
        try oldSnapshot.write(to: URL(fileURLWithPath: legacy.snapshotPath))
        try oldSegment.write(to: URL(fileURLWithPath: legacy.segmentPath))

        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.documentsApplied == legacy.files.count },
                "\(String(describing: try? cluster.aggregatorStatus())) \(cluster.log("aggregator").suffix(800))")
        // The log starts afresh with each start.
        #expect(!cluster.log("aggregator").contains("imported the journal"), "\(cluster.log("aggregator"))")
        #expect(!FileManager.default.fileExists(atPath: legacy.segmentPath), "the old segment goes once a snapshot holds everything")
        #expect(try cluster.storedIDs() == stored)
        let after = try cluster.newestSnapshot()
        #expect(after.documentsApplied == legacy.files.count && after.appliedIDs == nil)
        #expect(after.provinces.map(\.documents) == legacy.expected.provinces.values.sorted { $0.key < $1.key }.map(\.documents))
    }
}

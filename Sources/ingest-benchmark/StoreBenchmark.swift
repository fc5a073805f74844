import Foundation
import IngestStorage
import MeetingExtraction
import MeetingModel
import ProvinceAggregation
import RecordStore

/// Fills a data directory's records store with `count` applied documents, as the aggregator would have stored
/// them, and writes the snapshot the aggregator would hold at that point; prints how long each part took.
/// Scripts/benchmark-store.sh then starts the real aggregator and readers on it.
///
/// The records are the extractor's own over the folder's reports, each given a distinct id (64 hex digits, as
/// a SHA-256) and a meeting date spread over ten years, so that date filters select a real share.
enum StoreBenchmark {
    static func run(extractor: MeetingExtractor, documents: [[UInt8]], dataDirectory: String, count: Int) throws {
        let clock = ContinuousClock()
        let journals = dataDirectory + "/journals", snapshotsDirectory = dataDirectory + "/snapshots"
        for directory in [dataDirectory, journals, snapshotsDirectory] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let path = journals + "/" + RecordStore.fileName
        if FileManager.default.fileExists(atPath: path) { throw StoreBenchmarkError("\(path) exists; give an empty data directory") }

        // A few thousand distinct (record, binary form) pairs: each report at several dates.
        var variants: [(MeetingRecord, [UInt8])] = []
        for (index, document) in documents.enumerated() {
            guard var record = try? extractor.extract(bytes: document) else { continue }
            for shift in 0..<8 {
                let month = (index * 7 + shift * 13) % 120
                record.date = String(format: "%04d-%02d-%02d", 2016 + month / 12, month % 12 + 1, (index + shift) % 28 + 1)
                variants.append((record, record.binaryEncoded()))
            }
        }
        guard !variants.isEmpty else { throw StoreBenchmarkError("no record extracted") }

        let store = try RecordStore.openForWriting(path: path)
        var state = AggregateState()
        let batchSize = 1_000
        let filling = clock.now
        var batch: [NewRecord] = []
        batch.reserveCapacity(batchSize)
        var storeTime = Duration.zero
        for sequence in 1...count {
            let (record, body) = variants[(sequence &* 2_654_435_761) % variants.count]
            let id = hexID(UInt64(sequence))
            batch.append(NewRecord(sequence: UInt64(sequence), id: id, source: "bench/\(sequence).txt", published: record.date,
                                   receivedAt: "2026-12-03T00:00:00Z", body: body, record: record))
            state.apply(record, documentID: id)
            if batch.count == batchSize || sequence == count {
                let started = clock.now
                try store.append(batch)
                // The batches list a slice each, as the aggregator's do; the last documents are listed at the end.
                if sequence == count { try store.listPending() }
                storeTime += clock.now - started
                batch.removeAll(keepingCapacity: true)
            }
            if sequence % 100_000 == 0 { FileHandle.standardError.write(Data("store: \(sequence) stored\n".utf8)) }
        }
        let filled = clock.now - filling
        try store.checkpoint()
        try store.close()

        let snapshots = try SnapshotFiles(directory: snapshotsDirectory, keep: 5)
        var snapshotTimes: [Duration] = []
        var snapshotPath = ""
        for _ in 0..<5 {
            let started = clock.now
            let bytes = Snapshot(state: state, createdAt: "2026-12-03T00:00:00Z").encodedBytes()
            snapshotPath = try snapshots.write(bytes, sequence: state.sequence)
            snapshotTimes.append(clock.now - started)
        }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        let snapshotSize = (try FileManager.default.attributesOfItem(atPath: snapshotPath)[.size] as? NSNumber)?.int64Value ?? 0
        print(String(format: "store: %d documents in %.1f s (%.0f documents/s; %.1f s of it in the store's transactions of %d)",
                     count, seconds(filled), Double(count) / seconds(filled), seconds(storeTime), batchSize))
        print(String(format: "store: database %.0f MB (%.0f bytes per document), %d provinces", Double(size) / 1e6, Double(size) / Double(count), state.provinces.count))
        print(String(format: "snapshot: %.0f KB, written in %.1f ms (median of 5: encode, write, fsync, rename)",
                     Double(snapshotSize) / 1e3, seconds(snapshotTimes.sorted()[2]) * 1e3))
    }

    /// 64 hex digits from a sequence number, spread like a hash (splitmix64, four times).
    static func hexID(_ sequence: UInt64) -> String {
        var x = sequence
        var text = ""
        for _ in 0..<4 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let digits = String(z, radix: 16)
            text += String(repeating: "0", count: 16 - digits.count) + digits
        }
        return text
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

struct StoreBenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

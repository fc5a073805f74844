import Foundation
import IngestStorage
import ProvinceAggregation

/// Encodes and writes a snapshot the aggregator wrote, as it does every `every_records` documents or `every_seconds`
/// (on a thread beside its loop), and prints the time per encoding and per whole write (encode, write, fsync,
/// rename, into a temporary folder): its cost grows with the officials and topics every province has seen, not
/// with the documents applied. Checks that the bytes are the file's.
enum SnapshotBenchmark {
    static func run(path: String, rounds: Int) throws {
        let file = try Data(contentsOf: URL(fileURLWithPath: path))
        let snapshot = try Snapshot.decode(file)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-benchmark-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try SnapshotFiles(directory: folder, keep: 2)
        let clock = ContinuousClock()
        var encodings: [Duration] = []
        var writes: [Duration] = []
        var bytes: [UInt8] = []
        for round in 0..<max(1, rounds) {
            let started = clock.now
            bytes = snapshot.encodedBytes()
            let encoded = clock.now
            _ = try files.write(bytes, sequence: UInt64(round + 1))
            encodings.append(encoded - started)
            writes.append(clock.now - started)
        }
        let officials = snapshot.provinces.reduce(0) { $0 + $1.officials.count } + (snapshot.currentUnits ?? []).reduce(0) { $0 + $1.officials.count }
        print(String(format: "snapshot %.2f MB, %d officials in both views: encoded in %.1f ms, written in %.1f ms (encode, write, fsync, rename; medians of %d); same bytes as the file: %@",
                     Double(bytes.count) / 1e6, officials, StoreBenchmark.seconds(median(encodings)) * 1e3, StoreBenchmark.seconds(median(writes)) * 1e3, encodings.count,
                     bytes == Array(file) ? "yes" : "NO"))
    }

    private static func median(_ times: [Duration]) -> Duration { times.sorted()[times.count / 2] }
}

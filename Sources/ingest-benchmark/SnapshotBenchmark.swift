import Foundation
import ProvinceAggregation

/// Encodes a snapshot the aggregator wrote, as it encodes one before writing it (every `every_records` documents or
/// `every_seconds`, on a thread beside the loop), and prints the time per encoding: the snapshot's whole cost grows
/// with the officials and topics every province has seen. Checks that the bytes are the file's.
enum SnapshotBenchmark {
    static func run(path: String, rounds: Int) throws {
        let file = try Data(contentsOf: URL(fileURLWithPath: path))
        let snapshot = try Snapshot.decode(file)
        let clock = ContinuousClock()
        var times: [Duration] = []
        var bytes: [UInt8] = []
        for _ in 0..<max(1, rounds) {
            let started = clock.now
            bytes = snapshot.encodedBytes()
            times.append(clock.now - started)
        }
        let officials = snapshot.provinces.reduce(0) { $0 + $1.officials.count } + (snapshot.currentUnits ?? []).reduce(0) { $0 + $1.officials.count }
        let median = times.sorted()[times.count / 2]
        let milliseconds = Double(median.components.seconds) * 1e3 + Double(median.components.attoseconds) / 1e15
        print(String(format: "snapshot %.2f MB, %d officials in both views: encoded in %.1f ms (median of %d), %.0f MB/s; same bytes as the file: %@",
                     Double(bytes.count) / 1e6, officials, milliseconds, times.count, Double(bytes.count) / 1e3 / milliseconds,
                     bytes == Array(file) ? "yes" : "NO"))
    }
}

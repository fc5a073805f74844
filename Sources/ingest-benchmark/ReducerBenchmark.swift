import Foundation
import MeetingExtraction
import MeetingModel
import ProvinceAggregation

/// The province reducer alone, as the aggregator's `province-state` thread runs it: records decoded from the binary
/// form as the aggregator decodes them (``MeetingRecord/init(encodedForAggregation:)``), applied one after another
/// under distinct ids, the folder's documents taken again and again. Prints the time per record (the median of the
/// rounds) and a hash (FNV-1a) of the final state's snapshot, so that two builds can be shown to reach the same state.
enum ReducerBenchmark {
    static func run(extractor: MeetingExtractor, documents: [[UInt8]], count: Int, rounds: Int) throws {
        let encoded = documents.compactMap { try? extractor.extract(bytes: $0).binaryEncoded() }
        guard !encoded.isEmpty else { print("no document extracts to a record"); return }
        let ids = (0..<count).map { String(format: "%064x", $0) }
        var times: [Double] = []
        var digest = ""
        for _ in 0..<rounds {
            let records = try (0..<count).map { try MeetingRecord(encodedForAggregation: encoded[$0 % encoded.count]) }
            var state = AggregateState()
            let clock = ContinuousClock()
            let started = clock.now
            for (record, id) in zip(records, ids) { state.apply(record, documentID: id) }
            times.append(StoreBenchmark.seconds(clock.now - started))
            let snapshot = Snapshot(state: state, createdAt: "2026-01-01T00:00:00Z").encodedBytes()
            digest = String(format: "%016llx", snapshot.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 })
        }
        let median = times.sorted()[times.count / 2]
        print(String(format: "reducer: %d records (%d distinct) applied in %.1f ms, %.2f µs per record (median of %d rounds); state %@",
                     count, encoded.count, median * 1e3, median * 1e6 / Double(count), times.count, digest))
    }
}

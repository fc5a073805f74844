import Foundation
import MeetingExtraction

/// Measures the extractor on one core: MB/s and documents/s over a folder of articles.
/// Usage: ingest-benchmark [FOLDER] [--tables DIR] [--seconds S]
///        ingest-benchmark --adversarial [--max-kib N] [--shape NAME] [--tables DIR]  (see AdversarialBenchmark)
///        ingest-benchmark FOLDER --store DATA_DIR --documents N  (see StoreBenchmark)
///        ingest-benchmark --snapshot FILE [--rounds N]  (see SnapshotBenchmark)
///        ingest-benchmark FOLDER --feed-aggregator ENDPOINT --data DIR --documents N [--workers K] [--window W]  (see AggregatorFeed)
///        ingest-benchmark FOLDER --reduce [--documents N] [--rounds N]  (see ReducerBenchmark)
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let folder = arguments.first { !$0.hasPrefix("--") && arguments.firstIndex(of: $0).map { $0 == 0 || !arguments[$0 - 1].hasPrefix("--") } ?? true }
    ?? root.appendingPathComponent("Tests/IngestIntegrationTests/Articles").path
let tables = option("--tables") ?? root.appendingPathComponent("Config").path
let seconds = Double(option("--seconds") ?? "5") ?? 5

if let path = option("--snapshot") {
    try SnapshotBenchmark.run(path: path, rounds: Int(option("--rounds") ?? "10") ?? 10)
    exit(0)
}
let extractor = MeetingExtractor(tables: try ExtractionTables(
    gazetteerJSON: Data(contentsOf: URL(fileURLWithPath: tables + "/gazetteer.json")),
    lexiconJSON: Data(contentsOf: URL(fileURLWithPath: tables + "/lexicon.json"))))
if arguments.contains("--adversarial") {
    AdversarialBenchmark.run(extractor: extractor, maxKiB: Int(option("--max-kib") ?? "1024") ?? 1024, shape: option("--shape"))
    exit(0)
}
let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }.sorted()
let documents = try names.map { try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)) }.map { Array($0) }
let bytes = documents.reduce(0) { $0 + $1.count }
if let dataDirectory = option("--store") {
    try StoreBenchmark.run(extractor: extractor, documents: documents, dataDirectory: dataDirectory, count: Int(option("--documents") ?? "1000000") ?? 1_000_000)
    exit(0)
}
if arguments.contains("--reduce") {
    guard let count = Int(option("--documents") ?? "20000"), count >= 1, let rounds = Int(option("--rounds") ?? "5"), rounds >= 1 else {
        print("--reduce takes --documents N and --rounds N, whole numbers of at least 1")
        exit(2)
    }
    try ReducerBenchmark.run(extractor: extractor, documents: documents, count: count, rounds: rounds)
    exit(0)
}
if let endpoint = option("--feed-aggregator") {
    guard let dataDirectory = option("--data") else { print("--feed-aggregator needs --data DIR (the aggregator's)"); exit(2) }
    try AggregatorFeed.run(extractor: extractor, documents: documents, endpoint: endpoint, dataDirectory: dataDirectory,
                           count: Int(option("--documents") ?? "20000") ?? 20_000, workers: Int(option("--workers") ?? "2") ?? 2,
                           window: Int(option("--window") ?? "128") ?? 128)
    exit(0)
}
guard !documents.isEmpty else {
    print("no .txt documents in \(folder)")
    exit(1)
}

// Warm up (tables and caches), then run whole passes until the time is spent.
var checksum = 0
for document in documents.prefix(50) { checksum &+= (try? extractor.extract(bytes: document))?.provinces.count ?? 0 }
let clock = ContinuousClock()
var passes = 0
let start = clock.now
while clock.now - start < .seconds(seconds) || passes == 0 {
    for document in documents { checksum &+= (try? extractor.extract(bytes: document))?.provinces.count ?? 0 }
    passes += 1
}
let elapsed = clock.now - start
let total = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let megabytes = Double(bytes * passes) / 1_000_000
print(String(format: "documents %d (%.2f MB, mean %.0f bytes) x %d passes in %.2f s on one thread",
             documents.count, Double(bytes) / 1e6, Double(bytes) / Double(documents.count), passes, total))
print(String(format: "throughput %.2f MB/s, %.0f documents/s, %.1f µs per document", megabytes / total,
             Double(documents.count * passes) / total, total * 1e6 / Double(documents.count * passes)))
print("checksum \(checksum)")

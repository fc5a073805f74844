import Foundation
import IngestProtocol
import IngestServices
import MeetingExtraction
import MeetingModel
import ZeroMQ

/// Feeds a running aggregator the records of a folder's reports as workers send them (HELLO, then RESULT with a ticket made
/// from the data directory's cluster key), as `workers` workers with `window` unanswered each, until `count` are STORED; prints the rate,
/// and first the extractor's own time per document over the same reports on this thread. Scripts/benchmark-aggregator.sh
/// reads the aggregator's CPU from /proc around the feed, so that its cost per document and the extractor's come
/// from one run: the aggregator is never the bottleneck while the first stays well below the second.
enum AggregatorFeed {
    static func run(extractor: MeetingExtractor, documents: [[UInt8]], endpoint: String, dataDirectory: String,
                    count: Int, workers: Int, window: Int) throws {
        let clock = ContinuousClock()
        var records: [(body: [UInt8], date: String?)] = []
        let extracting = clock.now
        var passes = 0
        // Whole passes for at least two seconds, so that the figure is not one cold pass.
        while passes == 0 || clock.now - extracting < .seconds(2) {
            for document in documents {
                guard let record = try? extractor.extract(bytes: document) else { continue }
                if passes == 0 { records.append((record.binaryEncoded(), record.date)) }
            }
            passes += 1
        }
        let extractionSeconds = StoreBenchmark.seconds(clock.now - extracting)
        guard !records.isEmpty else { throw StoreBenchmarkError("no record extracted") }
        print(String(format: "extractor on one core over the same %d reports: %.1f µs per document",
                     documents.count, extractionSeconds * 1e6 / Double(documents.count * passes)))

        let key = try ClusterKey.loadOrCreate(dataDirectory: dataDirectory)
        let context = try ZeroMQContext()
        // One DEALER per worker fed for, each with a worker's credit unanswered at most (the aggregator's ROUTER holds
        // twice the configured credit of replies per peer: a peer with more would lose STORED, which a worker resends).
        var peers: [(socket: Socket, unanswered: Int)] = []
        var waiter = Poller()
        for _ in 0..<max(1, workers) {
            let socket = try Socket(context: context, type: .dealer)
            try socket.setLinger(milliseconds: 0)
            try socket.connect(endpoint)
            // As a worker does: it reads STORED in batches.
            _ = try socket.send(AggregatorRequest.hello(features: [AggregatorRequest.Feature.storedBatches]).frames)
            _ = waiter.register(socket)
            peers.append((socket, 0))
        }
        let now = ClusterKey.unixNow()
        var sent = 0, stored = 0
        let feeding = clock.now
        var lastReply = clock.now
        while stored < count {
            for index in peers.indices {
                while sent < count, peers[index].unanswered < window {
                    sent += 1
                    peers[index].unanswered += 1
                    guard let id = DocumentID(StoreBenchmark.hexID(UInt64(sent))) else { throw StoreBenchmarkError("bad id") }
                    let (body, date) = records[(sent - 1) % records.count]
                    let request = AggregatorRequest.result(id, record: body, ticket: key.ticket(for: id, worker: "", now: now),
                                                           metadata: DocumentMetadata(published: date, source: "feed/\(sent).txt"))
                    _ = try peers[index].socket.send(request.frames)
                }
            }
            var answered = false
            for index in peers.indices {
                while let frames = try peers[index].socket.receive(dontWait: true) {
                    answered = true
                    switch try AggregatorReply(frames: frames) {
                    case .stored:
                        stored += 1
                        peers[index].unanswered -= 1
                    case .storedBatch(let documents):
                        stored += documents.count
                        peers[index].unanswered -= documents.count
                    case .refused(let id, let reason): throw StoreBenchmarkError("refused \(id): \(reason)")
                    case let reply where reply.isFirstVersionAnswerToHello:
                        continue  // an aggregator from before HELLO: one STORED per record
                    case .error(let reason): throw StoreBenchmarkError("the aggregator answered ERROR: \(reason)")
                    default: continue
                    }
                }
            }
            if answered {
                lastReply = clock.now
            } else {
                if clock.now - lastReply > .seconds(30) { throw StoreBenchmarkError("no answer from \(endpoint) for 30 s (\(stored) stored)") }
                _ = try waiter.poll(timeoutMilliseconds: 1_000)
            }
        }
        let fed = StoreBenchmark.seconds(clock.now - feeding)
        print(String(format: "fed %d records in %.2f s: %.0f documents/s, as %d workers with %d unanswered each at most",
                     count, fed, Double(count) / fed, workers, window))
    }
}

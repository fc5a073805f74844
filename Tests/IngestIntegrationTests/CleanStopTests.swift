import Foundation
import IngestProtocol
import IngestServices
import MeetingModel
import ProvinceAggregation
import TestSupport
import Testing
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM to the broker or the aggregator while documents flow: the clean stop the README promises, attacked in
/// the middle of a run rather than on an idle cluster.
@Suite("Clean stops mid-flow", .serialized)
struct CleanStopTests {
    static let documents = 2000
    /// What `submit` is paced at (its benchmark switch), so that a stop always comes mid-run: unpaced, a fast
    /// machine acknowledges all 2,000 before the first check.
    static let pace = ["--benchmark-rate", "300"]

    /// Stops `name` with SIGTERM and returns its exit status, or nil when it is still running after 15 s.
    static func terminate(_ cluster: ClusterHarness, _ name: String) throws -> Int32? {
        let process = try #require(cluster.daemons[name])
        cluster.signal(name, SIGTERM)
        guard cluster.eventually(timeout: 15, { !process.isRunning }) else { return nil }
        return process.terminationStatus
    }

    @Test("an idle worker, broker and aggregator each exit 0 within 3 s of SIGTERM though every timer they run is 30 s away (the loops wake on the shutdown request; 6 to 16 ms each here)")
    func idleStopsAtOnce() throws {
        // Heartbeats and snapshots 30 s apart: a loop that saw the stop only at its next timer would take that long.
        let cluster = try ClusterHarness(settings: "[heartbeat]\ninterval_seconds = 30\nliveness = 10\n[snapshots]\nevery_seconds = 30")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).status == 0)
        usleep(500_000)
        for name in ["worker-1", "broker", "aggregator"] {
            let process = try #require(cluster.daemons[name])
            let start = Date()
            cluster.signal(name, SIGTERM)
            while process.isRunning && Date().timeIntervalSince(start) < 15 { usleep(2_000) }
            let seconds = Date().timeIntervalSince(start)
            #expect(!process.isRunning && process.terminationStatus == 0, "\(name)")
            #expect(seconds < 3, "\(name) took \(seconds) s to stop: \(cluster.log(name).suffix(400))")
        }
    }

    @Test("the aggregator stopped with SIGTERM while 2,000 documents flow: exit 0 and a final snapshot of all it stored; restarted, each document applied once, and the state the same as one rebuilt from the records store")
    func aggregatorStoppedMidFlow() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 2)
        let folder = try FaultTests.reports(cluster, count: Self.documents)
        let submit = try cluster.runInBackground(["submit", "--wait", "--wait-timeout", "180"] + Self.pace + [folder])
        #expect(cluster.eventually(timeout: 60) { ((try? cluster.aggregatorStatus())??.documentsApplied ?? 0) >= 200 })
        #expect(try Self.terminate(cluster, "aggregator") == 0, "\(cluster.log("aggregator").suffix(800))")
        let storedAtStop = try cluster.storedIDs()
        #expect(storedAtStop.count < Self.documents, "the stop came while documents were still flowing")
        #expect(try cluster.newestSnapshot().documentsApplied == storedAtStop.count, "the final snapshot holds every stored document")

        try cluster.start("aggregator", ["aggregator"])
        let finished = submit.finish(timeout: 180)
        #expect(finished.status == 0, "\(finished.output)")
        // The broker's count, not submit's words: a resend the broker can no longer tell from another producer's copy
        // (after two timeouts, or a restart) is rightly answered DUPLICATE.
        #expect(try cluster.brokerStatus()?.accepted == Self.documents)
        let ids = try cluster.storedIDs()
        #expect(ids.count == Self.documents && Set(ids).count == Self.documents)
        #expect(try cluster.aggregatorStatus()?.documentsApplied == Self.documents)
        #expect(cluster.eventually(timeout: 10) { (try? cluster.brokerStatus())??.done == Self.documents })
        #expect(try cluster.brokerStatus()?.deadLettered == 0)

        // The state kept across the stop against one rebuilt from every stored record.
        #expect(try Self.terminate(cluster, "aggregator") == 0)
        let kept = try cluster.newestSnapshot()
        try FileManager.default.moveItem(atPath: cluster.dataDirectory + "/snapshots", toPath: cluster.dataDirectory + "/snapshots-kept")
        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 30) { (try? cluster.aggregatorStatus())??.documentsApplied == Self.documents })
        #expect(cluster.log("aggregator").contains("rebuilding the state from every stored record"))
        #expect(try Self.terminate(cluster, "aggregator") == 0)
        let rebuilt = try cluster.newestSnapshot()
        #expect(rebuilt.documentsApplied == kept.documentsApplied)
        #expect(rebuilt.provinces == kept.provinces, "per-province counts and people the same")
    }

    @Test("the broker stopped with SIGTERM while 2,000 documents flow: exit 0; restarted under the same `submit`, which resends and ends with every document acknowledged; each accepted once, applied once and done, none dead-lettered")
    func brokerStoppedMidFlow() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 2)
        let folder = try FaultTests.reports(cluster, count: Self.documents)
        let submit = try cluster.runInBackground(["submit"] + Self.pace + [folder])
        #expect(cluster.eventually(timeout: 60) { ((try? cluster.brokerStatus())??.done ?? 0) >= 200 })
        #expect(try Self.terminate(cluster, "broker") == 0, "\(cluster.log("broker").suffix(800))")
        let appliedAtStop = try cluster.aggregatorStatus()?.documentsApplied ?? 0
        #expect(appliedAtStop < Self.documents, "the stop came while documents were still flowing")
        #expect(submit.isRunning, "submit waits for the broker to come back")

        try cluster.start("broker", ["broker"])
        let first = submit.finish(timeout: 180)
        #expect(first.status == 0, "\(first.output)\n\(first.errors)")
        let again = try cluster.run(["submit", "--wait", "--wait-timeout", "180", folder], timeout: 200)
        #expect(again.status == 0 && again.output.contains("duplicate \(Self.documents)"), "\(again.output)\n\(again.errors)")
        #expect(cluster.eventually(timeout: 30) { (try? cluster.brokerStatus())??.done == Self.documents },
                "\(String(describing: try? cluster.brokerStatus())) \(cluster.log("broker").suffix(800))")
        let broker = try cluster.brokerStatus()
        #expect(broker?.accepted == Self.documents && broker?.deadLettered == 0 && broker?.queued == 0 && broker?.inFlight == 0,
                "\(String(describing: broker))")
        let ids = try cluster.storedIDs()
        #expect(ids.count == Self.documents && Set(ids).count == Self.documents)
        #expect(try cluster.aggregatorStatus()?.documentsApplied == Self.documents)
    }
}

extension CleanStopTests {
    /// A record of 100 officials of Cà Mau whose names no other record shares: a few hundred make a state that takes a
    /// while to encode.
    static func crowdedRecord(_ index: Int) -> MeetingRecord {
        MeetingRecord(date: "2024-05-10", meetingKind: "hội nghị",
                      participants: (0..<100).map { .init(name: "Nguyễn Văn \(index)-\($0)", titles: ["Phó Chủ tịch UBND tỉnh"], province: "Cà Mau", location: nil) },
                      provinces: [.init(name: "Cà Mau", code: 96, roles: [.host], mergedInto: "Cà Mau")], topics: ["giảm nghèo"])
    }

    /// Sends records `range` of ``crowdedRecord(_:)`` through `feeder` as a worker would, and waits until every one is
    /// STORED: a state that takes a while to encode, for the tests of QUERYs that wait for its next encoding.
    static func storeCrowded(_ range: Range<Int>, through feeder: Socket, key: ClusterKey) throws {
        var unanswered = Set<DocumentID>()
        for index in range {
            let id = try #require(DocumentID("crowded-\(index)"))
            unanswered.insert(id)
            try feeder.send(AggregatorRequest.result(id, record: crowdedRecord(index).binaryEncoded(),
                                                     ticket: key.ticket(for: id, worker: "", now: ClusterKey.unixNow()), metadata: DocumentMetadata()).frames)
        }
        while !unanswered.isEmpty, let frames = try feeder.receive() {
            switch try AggregatorReply(frames: frames) {
            case .stored(let id, _): unanswered.remove(id)
            case .storedBatch(let documents): documents.forEach { unanswered.remove($0.id) }
            case let other: Issue.record("a RESULT answered \(other)"); return
            }
        }
    }

    /// Asks for the whole state through `reader` and waits for it: the seconds that took (about one encoding of it), or
    /// nil, with an issue recorded, when something else came.
    static func timeStateEncoding(through reader: Socket) throws -> Double? {
        let asked = Date()
        try reader.send(AggregatorRequest.query(province: nil).frames)
        guard case .state? = try reader.receive().flatMap({ try AggregatorReply(frames: $0) }) else {
            Issue.record("the first QUERY got no state")
            return nil
        }
        return Date().timeIntervalSince(asked)
    }

    @Test("a reader waiting for the next encoding of the state when the aggregator is told to stop is answered that it stops, at once, not left to its timeout")
    func waitingQueryToldOfTheStop() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let aggregator = try cluster.startAggregatorAlone()
        let feeder = try aggregator.dealer()
        defer { feeder.close() }
        func store(_ range: Range<Int>) throws { try Self.storeCrowded(range, through: feeder, key: aggregator.key) }
        // 30,000 officials, about 10 MB: an encoding long enough that the next is due seconds after its start (ten times as
        // long, 5 s at most), short enough to leave most of those seconds once it is sent. (100,000 took 5.7 s to encode
        // in a debug build on a loaded machine: the next encoding was due as soon as the first was sent, and ran through
        // the SIGTERM, whose QUERY it answered.)
        for first in stride(from: 0, to: 300, by: 100) { try store(first..<(first + 100)) }

        let reader = try aggregator.dealer()
        defer { reader.close() }
        guard let encoding = try Self.timeStateEncoding(through: reader) else { return }
        // The next QUERY after a change waits ten times the encoding's time (5 s at most) for a new one. STORED comes at the
        // commit, the state's change a moment later: a QUERY before it would get the last encoding (30 MB, which on a
        // loaded machine arrived after the stop, so that this test failed though the aggregator did as it should).
        try store(300..<301)
        #expect(cluster.eventually(timeout: 10) { (try? cluster.aggregatorStatus())?.documentsApplied == 301 })
        let waiting = try aggregator.dealer()
        defer { waiting.close() }
        try waiting.send(AggregatorRequest.query(province: nil).frames)
        try waiting.setReceiveTimeout(milliseconds: 200)
        let early = try waiting.receive().flatMap { try AggregatorReply(frames: $0) }
        // Compared outside `#expect`, which would print a state's every byte.
        let waited = early == nil
        #expect(waited, "answered at once (\(Self.brief(early))): the encoding took \(encoding) s")
        let stopped = Date()
        cluster.signal("aggregator", SIGTERM)
        try waiting.setReceiveTimeout(milliseconds: 10_000)
        let answer = try waiting.receive().flatMap { try AggregatorReply(frames: $0) }
        let elapsed = Date().timeIntervalSince(stopped)
        let toldOfTheStop = answer == .error(reason: "the aggregator is stopping")
        #expect(toldOfTheStop, "\(Self.brief(answer)) after \(elapsed) s; the encoding took \(encoding) s")
        #expect(elapsed < 2, "the encoding took \(encoding) s")
    }

    /// A reply as a failure message shows it: a state by its size only (a whole one printed as bytes took minutes).
    static func brief(_ reply: AggregatorReply?) -> String {
        guard let reply else { return "nothing" }
        if case .state(let bytes) = reply { return "a state of \(bytes.count) bytes" }
        return "\(reply)"
    }
}

import Foundation
import TestSupport
import IngestProtocol
import MeetingExtraction
import ProvinceAggregation
import Synchronization
import Testing
import ZeroMQ

/// The real executables, started as processes on loopback ports, talking over ZeroMQ.
@Suite("Cluster end to end", .serialized)
struct ClusterTests {
    static let articles = packageRoot.appendingPathComponent("Tests/IngestIntegrationTests/Articles").path

    /// Per-province document counts computed by running the extractor in-process over the same files.
    static func expectedDocumentCounts() throws -> [String: Int] {
        let extractor = ProjectExtractor.shared
        var counts: [String: Int] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: articles) where name.hasSuffix(".txt") {
            let text = try String(contentsOfFile: articles + "/" + name, encoding: .utf8)
            for province in extractor.extract(text: text).provinces {
                counts[ProvinceState.key(name: province.name, formedIn2025: province.formedIn2025), default: 0] += 1
            }
        }
        return counts
    }

    @Test("a whole state over limits.state_reply_bytes is answered ERROR naming the snapshot files; one province's QUERY and STATUS are still answered; snapshot --live says why and exits 1, with --province shows it alone, ingest snapshot reads the file")
    func stateOverReplyLimit() throws {
        let cluster = try ClusterHarness(settings: "[limits]\nstate_reply_bytes = 2048")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let articleCount = try FileManager.default.contentsOfDirectory(atPath: Self.articles).filter { $0.hasSuffix(".txt") }.count
        #expect(try cluster.run(["submit", "--wait", Self.articles]).status == 0)

        let whole = try #require(try cluster.ask(cluster.aggregator, AggregatorRequest.query(province: nil).frames, waiting: 20_000), "no answer to QUERY")
        guard case .error(let reason) = try AggregatorReply(frames: whole) else { Issue.record("answered \(whole.map(\.count)) bytes"); return }
        #expect(reason.contains("bytes, over the 2048 bytes a reply carries (limits.state_reply_bytes)") && reason.contains("ingest snapshot"), "\(reason)")
        let live = try cluster.runCapturingErrors(["snapshot", "--live"])
        #expect(live.status == 1 && live.errors.contains("refused: the whole state is") && live.errors.contains("bytes, over the 2048 bytes a reply carries")
                && live.errors.contains("without --live, the newest snapshot file is read instead"), "\(live.errors)")
        let report = try cluster.runCapturingErrors(["report", "--live", "--out", cluster.dataDirectory + "/live.html"])
        #expect(report.status == 1 && report.errors.contains("without --live, the newest snapshot file is read instead"), "\(report.errors)")

        // The busiest province alone fits, and is still answered; so is STATUS.
        let busiest = try #require(try Self.expectedDocumentCounts().max { $0.value < $1.value })
        let one = try #require(try cluster.ask(cluster.aggregator, AggregatorRequest.query(province: busiest.key).frames, waiting: 5000))
        guard case .state(let bytes) = try AggregatorReply(frames: one) else { Issue.record("one province: \(one.map(\.count))"); return }
        #expect(try JSONDecoder().decode(ProvinceState.self, from: Data(bytes)).documents == busiest.value)
        // snapshot --live --province takes that way round: the province alone, with the aggregator's counters.
        let alone = try cluster.runCapturingErrors(["snapshot", "--live", "--province", busiest.key, "--format", "json"])
        let shown = try? JSONSerialization.jsonObject(with: Data(alone.output.utf8)) as? [String: Any]
        #expect(alone.status == 0 && shown?["documents"] as? Int == busiest.value, "\(alone.output.prefix(300)) \(alone.errors)")
        let table = try cluster.runCapturingErrors(["snapshot", "--live", "--province", busiest.key])
        #expect(table.status == 0 && table.output.contains("\(busiest.key) alone") && table.output.contains("documents \(articleCount) "), "\(table.output.prefix(400))")
        let current = try cluster.runCapturingErrors(["snapshot", "--live", "--province", busiest.key, "--units", "current"])
        #expect(current.status == 1 && current.errors.contains("one province alone is answered in the historical view"), "\(current.errors)")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == articleCount)

        // What the ERROR advises works: the snapshot written at the stop, read from disk.
        #expect(cluster.stopCluster().values.allSatisfy { $0 == 0 })
        let disk = try cluster.run(["snapshot"])
        #expect(disk.status == 0 && disk.output.contains("documents \(articleCount) "), "\(disk.output.prefix(300))")
        // Their output on a full disk is an error, exit 1: not lost in silence, not a crash dump.
        for arguments in [["snapshot", "--format", "json"], ["records", "--format", "jsonl"], ["records", "--format", "csv"], ["show", try #require(try cluster.storedIDs().first), "--format", "json"]] {
            let full = try cluster.runCapturingErrors(arguments, standardOutput: "/dev/full")
            #expect(full.status == 1 && full.errors.contains("cannot write standard output: No space left on device") && !full.errors.contains("Fatal error"),
                    "\(arguments): \(full.status) \(full.errors.prefix(300))")
        }
    }

    @Test("submitting the samples twice counts each document once, across a restart, the second time re-saved with a BOM, CRLF and trailing blanks")
    func submitTwiceAcrossRestart() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let articleCount = try FileManager.default.contentsOfDirectory(atPath: Self.articles).filter { $0.hasSuffix(".txt") }.count
        #expect(articleCount >= 20)

        try cluster.startCluster(workers: 2)
        let first = try cluster.run(["submit", "--wait", Self.articles])
        #expect(first.status == 0)
        #expect(first.output.contains("submitted \(articleCount) accepted \(articleCount) duplicate 0 rejected 0"))
        let live = try cluster.run(["snapshot", "--live", "--format", "json"])
        #expect(live.status == 0)
        #expect(live.output.contains("\"documentsApplied\" : \(articleCount)"))
        let stopped = cluster.stopCluster()
        #expect(stopped.values.allSatisfy { $0 == 0 }, "every daemon exits 0 on SIGTERM: \(stopped)")

        let snapshot = try cluster.newestSnapshot()
        #expect(snapshot.documentsApplied == articleCount)
        let expected = try Self.expectedDocumentCounts()
        let counted = Dictionary(uniqueKeysWithValues: snapshot.provinces.map { ($0.key, $0.documents) })
        #expect(counted == expected)
        // `ingest extract` names each document by the id the cluster gave it.
        let extracted = try cluster.run(["extract", Self.articles])
        let ids = extracted.output.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
        #expect(Set(ids) == Set(try cluster.storedIDs()))

        // The same articles as an editor on another system saves them: a BOM, CRLF line ends, blanks ending lines.
        let resaved = cluster.dataDirectory + "/resaved"
        try FileManager.default.createDirectory(atPath: resaved, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.articles) where name.hasSuffix(".txt") {
            let text = try String(contentsOfFile: Self.articles + "/" + name, encoding: .utf8)
            let windows = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: " \r\n")
            try Data(windows.utf8).write(to: URL(fileURLWithPath: resaved + "/" + name))
        }
        try cluster.startCluster(workers: 2)
        let second = try cluster.run(["submit", "--wait", resaved])
        #expect(second.status == 0)
        #expect(second.output.contains("accepted 0 duplicate \(articleCount)"))
        _ = cluster.stopCluster()
        let again = try cluster.newestSnapshot()
        #expect(Dictionary(uniqueKeysWithValues: again.provinces.map { ($0.key, $0.documents) }) == expected)
        #expect(again.documentsApplied == articleCount)
    }

    @Test("after each submit --wait, status and the whole state's live snapshot count every document just acknowledged, while other readers ask for the whole state all the time (the state is applied on a thread of its own, and QUERY was once served from an encoding made before the last STORED)")
    func liveViewsHoldWhatWasAcknowledged() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.articles).filter { $0.hasSuffix(".txt") }.sorted()
        let chunks = stride(from: 0, to: names.count, by: 5).map { Array(names[$0..<min($0 + 5, names.count)]) }
        #expect(chunks.count >= 4)
        try cluster.startCluster(workers: 2)
        // First a state large enough that encoding it takes a while (thousands of officials): the window in which an
        // encoding made before a STORED could be served after it grows with that time.
        let crowd = cluster.dataDirectory + "/crowd"
        try FileManager.default.createDirectory(atPath: crowd, withIntermediateDirectories: true)
        for (index, text) in Self.crowdedReports(count: 300, officials: 25).enumerated() {
            try Data(text.utf8).write(to: URL(fileURLWithPath: crowd + "/crowd-\(index).txt"))
        }
        let crowded = try cluster.run(["submit", "--wait", crowd])
        #expect(crowded.status == 0 && crowded.output.contains("accepted 300 "), "\(crowded.output)")
        // Readers asking for the whole state without pause: each answer they get is the encoding another reader could
        // be served right after a STORED.
        let stopReading = Atomic<Bool>(false)
        let readersDone = DispatchGroup()
        let endpoint = cluster.aggregator
        for _ in 0..<3 {
            readersDone.enter()
            Thread {
                defer { readersDone.leave() }
                guard let context = try? ZeroMQContext(), let socket = try? Socket(context: context, type: .dealer) else { return }
                defer { socket.close() }
                _ = try? socket.setLinger(milliseconds: 0)
                _ = try? socket.setReceiveTimeout(milliseconds: 2_000)
                guard (try? socket.connect(endpoint)) != nil else { return }
                while !stopReading.load(ordering: .relaxed) {
                    guard (try? socket.send(AggregatorRequest.query(province: nil).frames)) != nil else { return }
                    _ = try? socket.receive()
                }
            }.start()
        }
        defer {
            stopReading.store(true, ordering: .relaxed)
            readersDone.wait()
        }
        var acknowledged = 300
        for (index, chunk) in chunks.enumerated() {
            let folder = cluster.dataDirectory + "/chunk-\(index)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for name in chunk { try FileManager.default.copyItem(atPath: Self.articles + "/" + name, toPath: folder + "/" + name) }
            let submitted = try cluster.run(["submit", "--wait", folder])
            #expect(submitted.status == 0 && submitted.output.contains("accepted \(chunk.count) "), "\(submitted.output)")
            acknowledged += chunk.count
            let live = try cluster.run(["snapshot", "--live", "--format", "json"])
            let snapshot = try JSONSerialization.jsonObject(with: Data(live.output.utf8)) as? [String: Any]
            #expect(snapshot?["documentsApplied"] as? Int == acknowledged, "live snapshot after chunk \(index)")
            let status = try cluster.run(["status", "--format", "json"])
            let aggregator = (try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])?["aggregator"] as? [String: Any]
            #expect(aggregator?["documentsApplied"] as? Int == acknowledged, "status after chunk \(index): \(status.output)")
        }
        _ = cluster.stopCluster()
    }

    /// Reports of one meeting each, every one naming `officials` people no other report names (so the state holds
    /// `count` × `officials` officials), in turn in four provinces.
    static func crowdedReports(count: Int, officials: Int) -> [String] {
        let surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
        let middles = ["Văn", "Thị", "Hữu", "Quốc", "Minh", "Thanh", "Đức", "Ngọc"]
        let givens = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khang", "Lâm", "Mai", "Nam", "Phúc", "Quân", "Sơn",
                      "Tâm", "Uyên", "Vinh", "Xuân", "Yến", "Hòa", "Trung"]
        let provinces = ["Cà Mau", "Bạc Liêu", "Sóc Trăng", "Kiên Giang"]
        var reports: [String] = []
        var person = 0
        for index in 0..<count {
            let province = provinces[index % provinces.count]
            var people: [String] = []
            for _ in 0..<officials {
                let given = givens[person % givens.count], middle = middles[(person / givens.count) % middles.count]
                let surname = surnames[(person / (givens.count * middles.count)) % surnames.count]
                let second = givens[(person / (givens.count * middles.count * surnames.count)) % givens.count]
                people.append("ông \(surname) \(middle) \(second) \(given), Phó Giám đốc Sở Tài chính tỉnh \(province)")
                person += 1
            }
            reports.append("""
                Sáng \(index % 28 + 1)/3/2024, UBND tỉnh \(province) tổ chức hội nghị triển khai nhiệm vụ phát triển kinh tế - xã hội. \
                Chủ tịch UBND tỉnh \(province) chủ trì hội nghị.
                Tham dự có \(people.joined(separator: "; ")).
                Hội nghị bàn về chuyển đổi số.
                """)
        }
        return reports
    }

    @Test("max_document_bytes raised to its 2 MiB ceiling: a 1.9 MiB report goes through to the aggregator, one byte over 2 MiB is REJECTED")
    func largestDocuments() throws {
        // submit waits 30 s for an answer (not 3): a debug broker busy beside the rest of the suite may take longer to
        // journal 1.9 MiB, and a resend would send it all again.
        let cluster = try ClusterHarness(settings: "[limits]\nmax_document_bytes = 2_097_152\n[producer]\ntimeout_seconds = 30")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = cluster.dataDirectory + "/large"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // A real report of the genre, its body repeated to 1.9 MiB.
        let opening = "Sáng 3/4/2024, UBND tỉnh Cà Mau tổ chức hội nghị về chuyển đổi số. Ông Nguyễn Văn A, Chủ tịch UBND tỉnh chủ trì.\n"
        let paragraph = Array("Các sở, ngành báo cáo tiến độ thực hiện kế hoạch và kiến nghị tháo gỡ khó khăn trong năm 2024.\n".utf8)
        var large = Array(opening.utf8)
        while large.count + paragraph.count < 1_900 * 1024 { large += paragraph }
        try Data(large).write(to: URL(fileURLWithPath: folder + "/large.txt"))
        let accepted = try cluster.run(["submit", "--wait", folder])
        #expect(accepted.status == 0, "\(accepted.output)")
        #expect(accepted.output.contains("accepted 1"), "\(accepted.output)")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 1)
        #expect(try cluster.brokerStatus()?.deadLettered == 0)
        try Data(repeating: 0x61, count: (2 << 20) + 1).write(to: URL(fileURLWithPath: cluster.dataDirectory + "/over.txt"))
        let over = try cluster.run(["submit", cluster.dataDirectory + "/over.txt"])
        #expect(over.output.contains("rejected 1"), "\(over.output)")
        #expect(cluster.isRunning("broker") && cluster.isRunning("aggregator") && cluster.isRunning("worker-1"))
    }

    @Test("a worker on its own machine's default config takes the largest documents a broker raised to 2 MiB accepts")
    func workerOnDefaultLimits() throws {
        // One attempt and a short job timeout: a worker that could not take the JOB would have it dead-lettered within
        // seconds, not after three minutes.
        let cluster = try ClusterHarness(settings: "[limits]\nmax_document_bytes = 2_097_152\n[producer]\ntimeout_seconds = 30\n"
            + "[heartbeat]\njob_timeout_seconds = 5\nmax_attempts = 1")
        defer { cluster.tearDown() }
        try cluster.startCoordinators()
        // The worker reads the project's own config, as one set up on another machine would: `max_document_bytes` 1 MiB.
        try cluster.start("worker-1", ["worker"], overrides: ["INGEST_CONFIG": packageRoot.appendingPathComponent("Config/cluster.toml").path])
        try cluster.waitUntilLive(workers: 1)
        let opening = "Sáng 3/4/2024, UBND tỉnh Cà Mau tổ chức hội nghị về chuyển đổi số. Ông Nguyễn Văn A, Chủ tịch UBND tỉnh chủ trì.\n"
        let paragraph = Array("Các sở, ngành báo cáo tiến độ thực hiện kế hoạch và kiến nghị tháo gỡ khó khăn trong năm 2024.\n".utf8)
        var large = Array(opening.utf8)
        while large.count + paragraph.count < 1_536 * 1024 { large += paragraph }
        let file = cluster.dataDirectory + "/large.txt"
        try Data(large).write(to: URL(fileURLWithPath: file))
        let accepted = try cluster.run(["submit", "--wait", file])
        #expect(accepted.status == 0 && accepted.output.contains("accepted 1"), "\(accepted.output)")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 1)
        #expect(try cluster.brokerStatus()?.deadLettered == 0, "\(cluster.log("worker-1"))")
    }

    @Test("submit --wait stops waiting for a document the broker dead-letters, says so and exits 1; deadletter retry --wait too")
    func waitEndsAtDeadLetter() throws {
        let cluster = try ClusterHarness(settings: "[heartbeat]\njob_timeout_seconds = 2\nmax_attempts = 1")
        defer {
            cluster.signal("worker-1", SIGCONT)
            cluster.tearDown()
        }
        try cluster.startCluster(workers: 1)
        // The worker takes the job and goes silent: its one attempt fails, and the document is dead-lettered.
        cluster.signal("worker-1", SIGSTOP)
        let file = cluster.dataDirectory + "/report.txt"
        try Data("Sáng 3/4/2024, UBND tỉnh Cà Mau tổ chức hội nghị về chuyển đổi số.".utf8).write(to: URL(fileURLWithPath: file))
        let started = Date()
        let waited = try cluster.runCapturingErrors(["submit", "--wait", "--wait-timeout", "120", file], timeout: 150)
        #expect(waited.status == 1, "\(waited.output) \(waited.errors)")
        #expect(waited.errors.contains("1 of the 1 documents accepted or answered DUPLICATE were dead-lettered by the broker"), "\(waited.errors)")
        #expect(!waited.errors.contains("not applied within"), "\(waited.errors)")
        #expect(Date().timeIntervalSince(started) < 60, "it stopped waiting once the broker gave up, not after --wait-timeout")
        #expect(try cluster.brokerStatus()?.deadLettered == 1)
        // Retried while the worker is still stopped, it is given up on again, and `retry --wait` says so too.
        let retried = try cluster.runCapturingErrors(["deadletter", "retry", "--all", "--wait", "--wait-timeout", "120"], timeout: 150)
        #expect(retried.status == 1 && retried.errors.contains("1 retried documents were dead-lettered again"), "\(retried.output) \(retried.errors)")
        #expect(Date().timeIntervalSince(started) < 120)
    }

    @Test("bad documents are rejected with a reason and the daemons keep serving")
    func badDocuments() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = cluster.dataDirectory + "/bad"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data([0x48, 0xC3, 0x28, 0x0A]).write(to: URL(fileURLWithPath: folder + "/invalid.txt"))
        try Data().write(to: URL(fileURLWithPath: folder + "/empty.txt"))
        try Data(repeating: 0x61, count: (1 << 20) + 1).write(to: URL(fileURLWithPath: folder + "/huge.txt"))
        try Data("Sáng 3/4/2024, UBND tỉnh Bình Phước tổ chức hội nghị.".utf8).write(to: URL(fileURLWithPath: folder + "/good.txt"))

        let result = try cluster.runCapturingErrors(["submit", "--wait", folder], timeout: 60)
        #expect(result.status == 1, "a rejected document makes submit fail")
        #expect(result.output.contains("submitted 4 accepted 1 duplicate 0 rejected 3"))
        // Each rejection names its file and why: the text that is not UTF-8 too, matched to it by an id of its bytes.
        let rejections = result.errors.split(separator: "\n").filter { $0.hasPrefix("rejected ") }
        for (name, reason) in [("invalid.txt", "UTF-8"), ("empty.txt", "empty"), ("huge.txt", "over the limit of 1048576")] {
            #expect(rejections.contains { $0.contains(folder + "/" + name) && $0.contains(reason) }, "\(name): \(result.errors)")
        }

        // Garbage from a stranger on every port.
        for endpoint in [cluster.frontend, cluster.aggregator, cluster.environment["INGEST_BACKEND"]!] {
            for frames in [[[UInt8]()], [[0xFF, 0x00]], [Array("RI1".utf8), Array("SUBMIT".utf8)], [Array("RI1".utf8), Array("RESULT".utf8), Array("x".utf8), [0xC3]]] {
                _ = try cluster.ask(endpoint, frames)
            }
        }
        #expect(cluster.isRunning("broker") && cluster.isRunning("aggregator") && cluster.isRunning("worker-1"))
        let status = try cluster.run(["status"])
        #expect(status.status == 0)
        #expect(status.output.contains("documents applied 1"))
    }
}

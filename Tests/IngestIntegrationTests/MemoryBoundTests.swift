import DeliveryRules
import Foundation
import IngestProtocol
@testable import IngestServices
import MeetingModel
import Testing

/// The README's promise that `ingest extract` and `ingest submit` hold each document's path (and, for `submit
/// --wait`, its id) and nothing else of it past its turn, attacked with folders of many documents: the peak resident
/// memory of a run over many more documents may grow by that, never by their texts, records, lines or sources.
@Suite("Memory over large folders", .serialized)
struct MemoryBoundTests {
    /// `files` hard-linked `count` times into `folder`, in turn: as many documents as wanted, at no cost on disk (a
    /// file may have at most 65,000 names on ext4).
    static func folder(_ folder: String, count: Int, of files: [String]) throws -> String {
        try #require(!files.isEmpty)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for index in 0..<count {
            let made = link(files[index % files.count], folder + String(format: "/doc-%06d.txt", index))
            try #require(made == 0, "link: \(String(cString: strerror(errno)))")
        }
        return folder
    }

    /// Four short reports of our own, so that a debug build reads and extracts tens of thousands in seconds.
    static func reports(in directory: String) throws -> [String] {
        try (1...4).map { month in
            let path = directory + "/report-\(month).txt"
            try Data("Sáng 12/\(month)/2025, Thường trực HĐND tỉnh Quảng Trị họp phiên thường kỳ tháng \(month) do Chủ tịch HĐND tỉnh Nguyễn Đăng Quang chủ trì.\n".utf8)
                .write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    /// Runs `ingest` to its end, standard output thrown away, and returns its exit status, its peak resident memory
    /// in bytes and its standard error. The peak is `VmHWM`, the kernel's high-water mark of the process's memory,
    /// read every 10 ms while it runs (`wait4`'s `ru_maxrss` would not do: a child spawned as Foundation and
    /// `posix_spawn` do, sharing this process's memory until its `exec`, starts from this process's peak).
    static func peakMemory(_ cluster: ClusterHarness, _ arguments: [String], timeout: TimeInterval = 120,
                           overrides: [String: String] = [:]) throws -> (status: Int32, bytes: Int, errors: String) {
        var peak = 0
        let run = try cluster.runCapturingErrors(arguments, timeout: timeout, overrides: overrides, standardOutput: "/dev/null", polling: 0.01) { pid in
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                  let kib = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap({ Int($0) }) else { return }
            peak = max(peak, kib * 1024)
        }
        return (run.status, peak, run.errors)
    }

    /// A broker started over a journal of `done` documents applied and `pending` not, each of 256 KiB: its peak
    /// resident memory once it answers STATUS, and the documents it queued.
    static func brokerPeak(done: Int, pending: Int) throws -> (bytes: Int, queued: Int?) {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let journal = try BrokerJournal(directory: cluster.dataDirectory + "/journals")
        let filler = [UInt8](repeating: UInt8(ascii: "a"), count: 256 << 10)
        for index in 0..<(done + pending) {
            let id = try #require(DocumentID(String(format: "%064x", index + 1)))
            journal.append(.accepted(QueuedJob(id: id, metadata: DocumentMetadata(), body: Array("Báo cáo số \(index). ".utf8) + filler)))
            if index < done { journal.append(.done(id)) }
        }
        try journal.commit()
        try cluster.start("broker", ["broker"])
        var status: BrokerStatus?
        let deadline = Date().addingTimeInterval(60)
        while status == nil && Date() < deadline { status = try cluster.brokerStatus() }
        let pid = try #require(cluster.daemons["broker"]).processIdentifier
        let text = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        let kib = try #require(line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap { Int($0) })
        return (kib * 1024, status?.queued)
    }

    @Test("a broker restarted over a journal reads it a record at a time, keeping only the pending documents' texts: 100 more done documents of 256 KiB (25 MiB) raise its peak by far less")
    func brokerRestartReadsJournalInTurn() throws {
        let few = try Self.brokerPeak(done: 10, pending: 4)
        let many = try Self.brokerPeak(done: 110, pending: 4)
        #expect(few.queued == 4 && many.queued == 4, "\(String(describing: few.queued)) \(String(describing: many.queued))")
        // Read whole, or with the done texts kept, the journal would add its 25 MiB.
        #expect(few.bytes > 0 && many.bytes - few.bytes < 8 << 20, "peak \(few.bytes >> 20) MiB over 10 done, \(many.bytes >> 20) MiB over 110")
        print("broker restart: peak \(few.bytes >> 20) MiB over 10 done documents of 256 KiB, \(many.bytes >> 20) MiB over 110")
    }

    @Test("ingest extract over 16,000 reports peaks within 120 bytes a report more than over 4,000")
    func extractStaysFlat() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let reports = try Self.reports(in: cluster.dataDirectory)
        let few = try Self.folder(cluster.dataDirectory + "/few", count: 4_000, of: reports)
        let many = try Self.folder(cluster.dataDirectory + "/many", count: 16_000, of: reports)
        for jobs in ["1", "2"] {
            let small = try Self.peakMemory(cluster, ["extract", "--jobs", jobs, few])
            let large = try Self.peakMemory(cluster, ["extract", "--jobs", jobs, many])
            #expect(small.status == 0 && large.status == 0, "\(small.errors) \(large.errors)")
            #expect(small.bytes > 0 && large.bytes > 0)
            // A path below the folder is 14 bytes and its end 8; the lines (800 bytes) held would add 10 MB, the paths
            // as sources and their copies while sorted (400 bytes a report, the release before) 5 MB.
            let perDocument = (large.bytes - small.bytes) / 12_000
            #expect(perDocument < 120, "--jobs \(jobs): \(small.bytes >> 10) KiB over 4,000, \(large.bytes >> 10) KiB over 16,000")
            print("extract --jobs \(jobs): peak \(small.bytes >> 10) KiB over 4,000 reports, \(large.bytes >> 10) KiB over 16,000 (\(perDocument) bytes a report)")
        }
    }

    @Test("ingest submit over 75,000 reports peaks within 150 bytes a report more than over 15,000 (250 with --wait), and --wait does not wait on copies")
    func submitStaysFlat() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        // Four texts under many names: the broker answers all but the first copies DUPLICATE, so the run costs the
        // producer's reading and the broker's answers, not the workers' extraction, and --wait asks after each id
        // many times.
        let reports = try Self.reports(in: cluster.dataDirectory)
        let few = try Self.folder(cluster.dataDirectory + "/few", count: 15_000, of: reports)
        let many = try Self.folder(cluster.dataDirectory + "/many", count: 75_000, of: reports)
        #expect(try cluster.run(["submit", "--wait"] + reports).status == 0)
        // --wait's allowance: 72 bytes of packed id more. The release before grew 530-580 bytes a report without --wait
        // (the paths as sources and every id as a String), 450-560 with it. A run's peak varies by 2-3 MB from one run
        // to the next, 40-50 bytes a report over these 60,000: the bounds leave room for it.
        for (flags, bound) in [([String](), 150), (["--wait"], 250)] {
            let small = try Self.peakMemory(cluster, ["submit"] + flags + [few])
            let large = try Self.peakMemory(cluster, ["submit"] + flags + [many])
            #expect(small.status == 0 && large.status == 0, "\(small.errors) \(large.errors)")
            #expect(small.bytes > 0 && large.bytes > 0)
            let perDocument = (large.bytes - small.bytes) / 60_000
            #expect(perDocument < bound, "\(flags): \(small.bytes >> 10) KiB over 15,000, \(large.bytes >> 10) KiB over 75,000")
            print("submit \(flags): peak \(small.bytes >> 10) KiB over 15,000 reports, \(large.bytes >> 10) KiB over 75,000 (\(perDocument) bytes a report)")
        }
        // Everything is applied: --wait has nothing to wait for. Asking after an id that repeats once slept 20 ms for
        // every hundred (the answer names each id once, fewer than were asked after): 15 s for these 75,000.
        let waited = try Self.peakMemory(cluster, ["submit", "--wait", "--wait-timeout", "5", many])
        #expect(waited.status == 0, "\(waited.errors)")
    }

    @Test("ingest records over 40,000 stored documents peaks less than 4 MiB above its peak over 8,000 (the records would take 30 MB), in every format and with --province: it streams")
    func recordsStream() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let corpus = cluster.dataDirectory + "/corpus"
        try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
        _ = try Self.reports(in: corpus)
        // Stores filled as the aggregator would have (ingest-benchmark --store: the extractor's records of these
        // reports under distinct ids and dates), without a cluster.
        let filler = URL(fileURLWithPath: ingestBinary).deletingLastPathComponent().appendingPathComponent("ingest-benchmark").path
        var stores: [Int: String] = [:]
        for count in [8_000, 40_000] {
            let data = cluster.dataDirectory + "/store-\(count)"
            #expect(runTool(filler, [corpus, "--store", data, "--documents", "\(count)"]) == 0)
            stores[count] = data
        }
        let counted = try cluster.runCapturingErrors(["records", "--format", "csv"], overrides: ["INGEST_DATA": stores[40_000] ?? ""])
        #expect(counted.output.split(separator: "\n").count == 40_001, "every stored document listed: \(counted.errors)")
        for arguments in [["--format", "jsonl"], ["--format", "csv"], ["--format", "table"], ["--province", "Quảng Trị", "--format", "jsonl"]] {
            let small = try Self.peakMemory(cluster, ["records"] + arguments, overrides: ["INGEST_DATA": stores[8_000] ?? ""])
            let large = try Self.peakMemory(cluster, ["records"] + arguments, overrides: ["INGEST_DATA": stores[40_000] ?? ""])
            #expect(small.status == 0 && large.status == 0, "\(small.errors) \(large.errors)")
            #expect(small.bytes > 0 && large.bytes > 0)
            // A record in jsonl is about 900 bytes: holding the 32,000 more would add some 30 MB. What may grow is
            // SQLite's page cache, 2 MiB a connection at most (a province's listing reads two tables: 1.3 MB more
            // here, and 1.2 MB more again at 120,000).
            let growth = large.bytes - small.bytes
            #expect(growth < 4 << 20, "\(arguments): \(small.bytes >> 10) KiB over 8,000, \(large.bytes >> 10) KiB over 40,000")
            print("records \(arguments): peak \(small.bytes >> 10) KiB over 8,000 documents, \(large.bytes >> 10) KiB over 40,000")
        }
    }
}

import Foundation
import Testing

/// The README's promise that `ingest extract` and `ingest submit` keep memory flat over a folder of any size,
/// attacked with folders of many documents: the peak resident memory of a run over many more documents may grow by
/// the list of their paths (and, with `--wait`, their ids), never by their texts, records or lines.
@Suite("Memory over large folders", .serialized)
struct MemoryBoundTests {
    /// `files` hard-linked `count` times into `folder`, in turn: as many documents as wanted, at no cost on disk.
    static func folder(_ folder: String, count: Int, of files: [String]) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for index in 0..<count {
            let made = link(files[index % files.count], folder + String(format: "/doc-%06d.txt", index))
            try #require(made == 0, "link: \(String(cString: strerror(errno)))")
        }
        return folder
    }

    /// The bundled articles: full-length reports of 1–12 KB (2.7 KB on average).
    static func articles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: ClusterTests.articles).filter { $0.hasSuffix(".txt") }.sorted()
            .map { ClusterTests.articles + "/" + $0 }
    }

    /// The client's exit status and its peak resident memory in bytes (`VmHWM`, read every 2 ms while it runs).
    static func peakMemory(_ cluster: ClusterHarness, _ arguments: [String]) throws -> (status: Int32, bytes: Int, errors: String) {
        var peak = 0
        let run = try cluster.runCapturingErrors(arguments, timeout: 120, standardOutput: "/dev/null") { pid in
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                  let kib = Int(line.split(separator: " ").dropFirst().first ?? "") else { return }
            peak = max(peak, kib * 1024)
        }
        return (run.status, peak, run.errors)
    }

    @Test("ingest extract over 16,000 reports peaks within 120 bytes a report more than over 4,000")
    func extractStaysFlat() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        // A short report, so that a debug build extracts 40,000 in seconds.
        let report = cluster.dataDirectory + "/report.txt"
        try Data("Sáng 12/9/2025, Thường trực HĐND tỉnh Quảng Trị họp phiên thường kỳ tháng 9 do Chủ tịch HĐND tỉnh Nguyễn Đăng Quang chủ trì.\n".utf8)
            .write(to: URL(fileURLWithPath: report))
        let few = try Self.folder(cluster.dataDirectory + "/few", count: 4_000, of: [report])
        let many = try Self.folder(cluster.dataDirectory + "/many", count: 16_000, of: [report])
        for jobs in ["1", "2"] {
            let small = try Self.peakMemory(cluster, ["extract", "--jobs", jobs, few])
            let large = try Self.peakMemory(cluster, ["extract", "--jobs", jobs, many])
            #expect(small.status == 0 && large.status == 0, "\(small.errors) \(large.errors)")
            #expect(small.bytes > 0 && large.bytes > 0)
            // Holding the lines (800 bytes each) would add 10 MB; the paths as sources (and their copies while
            // sorted), 5 MB.
            let perDocument = (large.bytes - small.bytes) / 12_000
            #expect(perDocument < 120, "--jobs \(jobs): \(small.bytes >> 10) KiB over 4,000, \(large.bytes >> 10) KiB over 16,000")
            print("extract --jobs \(jobs): peak \(small.bytes >> 10) KiB over 4,000 reports, \(large.bytes >> 10) KiB over 16,000 (\(perDocument) bytes a report)")
        }
    }

    @Test("ingest submit over 45,000 reports peaks within 150 bytes a report more than over 15,000 (200 with --wait), and --wait does not wait on copies")
    func submitStaysFlat() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        // 24 texts, each the same file under many names: the broker answers all but the first copy DUPLICATE, so the
        // run costs the producer's reading and the broker's answers, not the workers' extraction.
        let few = try Self.folder(cluster.dataDirectory + "/few", count: 15_000, of: Self.articles())
        let many = try Self.folder(cluster.dataDirectory + "/many", count: 45_000, of: Self.articles())
        let first = try cluster.run(["submit", "--wait", ClusterTests.articles], timeout: 120)
        #expect(first.status == 0)
        var seconds: [Double] = []
        for (flags, bound) in [([String](), 150), (["--wait"], 200)] {
            let started = Date()
            let small = try Self.peakMemory(cluster, ["submit"] + flags + [few])
            let large = try Self.peakMemory(cluster, ["submit"] + flags + [many])
            seconds.append(Date().timeIntervalSince(started))
            #expect(small.status == 0 && large.status == 0, "\(small.errors) \(large.errors)")
            #expect(small.bytes > 0 && large.bytes > 0)
            // Two chunks of 4,096 reports hold 22 MB in both runs; the ids as Strings and the paths as sources added
            // 410 bytes a report with --wait, 300 without.
            let perDocument = (large.bytes - small.bytes) / 30_000
            #expect(perDocument < bound, "\(flags): \(small.bytes >> 10) KiB over 15,000, \(large.bytes >> 10) KiB over 45,000")
            print("submit \(flags): peak \(small.bytes >> 10) KiB over 15,000 reports, \(large.bytes >> 10) KiB over 45,000 (\(perDocument) bytes a report)")
        }
        // Every report was applied before these runs, so --wait has nothing to wait for: asking after ids that repeat
        // once slept 20 ms for every hundred (the answer's distinct ids were fewer than those asked after), 15 times
        // the time of the runs without it.
        #expect(seconds[1] < 3 * seconds[0] + 2, "without --wait \(seconds[0]) s, with it \(seconds[1]) s")
    }
}

import Foundation
import Testing

/// `ingest extract` as a user runs it over folders: the real executable, no cluster.
@Suite("Extract command", .serialized)
struct ExtractCommandTests {
    static let articles = ClusterTests.articles

    @Test("every line carries its file and the id the cluster gives the same text; threads change nothing, not even the order")
    func linesAndOrder() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let one = try cluster.run(["extract", "--jobs", "1", Self.articles], timeout: 60)
        let four = try cluster.run(["extract", "--jobs", "4", Self.articles], timeout: 60)
        #expect(one.status == 0 && four.status == 0)
        #expect(one.output == four.output)
        let lines = one.output.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.articles).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(lines.count == files.count)
        #expect(lines.compactMap { ($0?["file"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } } == files)
        #expect(lines.allSatisfy { ($0?["id"] as? String)?.utf8.count == 64 })
    }

    @Test("a bad file is named on stderr with exit 1, and the good ones around it are still printed")
    func badFile() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let folder = cluster.dataDirectory + "/docs"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data([0x61, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: folder + "/b-bad.txt"))
        for name in ["a-good.txt", "c-good.txt"] {
            try Data("Sáng 5/3/2024, UBND tỉnh Cà Mau họp phiên thường kỳ.".utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        let result = try cluster.runCapturingErrors(["extract", "--jobs", "2", folder])
        #expect(result.status == 1)
        #expect(result.errors.contains("b-bad.txt: the document is not valid UTF-8"))
        #expect(result.output.split(separator: "\n").count == 2)
    }
}

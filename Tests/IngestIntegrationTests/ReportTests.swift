import Foundation
import ProvinceAggregation
import Testing

/// `ingest report` as a user runs it: the real binary, a data directory, a page on disk.
@Suite("Report command", .serialized)
struct ReportTests {
    /// A page must open with no network: nothing it would fetch.
    static func expectSelfContained(_ page: String) {
        for forbidden in ["http://", "https://", "src=", "<link", "<script"] {
            #expect(!page.contains(forbidden), "\(forbidden) on the page")
        }
    }

    @Test("report --out reads the newest snapshot on disk, even one written before months were counted")
    func fromSnapshotOnDisk() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let snapshots = cluster.dataDirectory + "/snapshots"
        try FileManager.default.createDirectory(atPath: snapshots, withIntermediateDirectories: true)
        // Written by hand as an older aggregator wrote it: no meetingsByMonth key.
        let old = """
        {"schema": 1, "sequence": 2, "createdAt": "2026-01-01T00:00:00Z", "documentsApplied": 2, "appliedIDs": ["a", "b"],
         "provinces": [
          {"name": "Cà Mau", "code": 96, "documents": 2, "meetings": 2, "firstMeetingDate": "2024-05-04", "lastMeetingDate": "2024-06-01",
           "officials": {"Nguyễn Thị <script>": {"titles": ["Phó Chủ tịch UBND tỉnh"], "lastSeen": "2024-06-01"}},
           "roles": {"host": 2}, "topics": {"khai thác IUU": 2}, "latestDocuments": ["a", "b"]},
          {"name": "Bà Rịa - Vũng Tàu", "code": 77, "documents": 1, "meetings": 0, "officials": {},
           "roles": {"mentioned": 1}, "topics": {}, "latestDocuments": ["b"]}]}
        """
        try Data(old.utf8).write(to: URL(fileURLWithPath: snapshots + "/snapshot-00000000000000000002.json"))
        try Data("not json".utf8).write(to: URL(fileURLWithPath: snapshots + "/snapshot-00000000000000000003.json"))

        let out = cluster.dataDirectory + "/out/report.html"
        try FileManager.default.createDirectory(atPath: cluster.dataDirectory + "/out", withIntermediateDirectories: true)
        let result = try cluster.run(["report", "--out", out], timeout: 30)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("wrote \(out):"))
        #expect(result.output.contains("snapshot-00000000000000000002.json"), "the unreadable newest one is skipped")
        let page = try String(contentsOfFile: out, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains(">Cà Mau</text>") && page.contains(">Bà Rịa - Vũng Tàu</text>"))
        #expect(page.contains("Nguyễn Thị &lt;script&gt;"))
        #expect(page.contains("khai thác IUU"))
        Self.expectSelfContained(page)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cluster.dataDirectory + "/out")
        #expect(leftovers == ["report.html"], "written atomically, no temporary file left")

        // A link is written through, not replaced by a file; a pipe (or a device: /dev/stdout was made a file) refused.
        let target = cluster.dataDirectory + "/out/target.html"
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: cluster.dataDirectory + "/out/link.html", withDestinationPath: "target.html")
        let linked = try cluster.run(["report", "--out", cluster.dataDirectory + "/out/link.html"], timeout: 30)
        #expect(linked.status == 0 && linked.output.contains("wrote \(target):"), "\(linked.output)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: cluster.dataDirectory + "/out/link.html")) == "target.html")
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        let pipe = cluster.dataDirectory + "/out/pipe"
        #expect(mkfifo(pipe, 0o600) == 0)
        let refused = try cluster.runCapturingErrors(["report", "--out", pipe], timeout: 30)
        #expect(refused.status == 1 && refused.errors.contains("is not a regular file"), "\(refused.errors)")
        var status = stat()
        #expect(lstat(pipe, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "the pipe is still a pipe")
        // A device (a null device of its own, 1:3, not the machine's /dev/null).
        let device = cluster.dataDirectory + "/out/device"
        try #require(mknod(device, S_IFCHR | 0o600, dev_t(0x103)) == 0, "mknod: errno \(errno)")
        let deviceRefused = try cluster.runCapturingErrors(["report", "--out", device], timeout: 30)
        #expect(deviceRefused.status == 1 && deviceRefused.errors.contains("is not a regular file"), "\(deviceRefused.errors)")
        #expect(lstat(device, &status) == 0 && status.st_mode & S_IFMT == S_IFCHR, "the device is still a device")
        // Without --out: report.html in the working folder.
        let working = cluster.dataDirectory + "/working"
        try FileManager.default.createDirectory(atPath: working, withIntermediateDirectories: true)
        let defaulted = try cluster.runCapturingErrors(["report"], timeout: 30, directory: working)
        #expect(defaulted.status == 0 && defaulted.output.contains("report.html"), "\(defaulted.output) \(defaulted.errors)")
        #expect(try String(contentsOfFile: working + "/report.html", encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        // A folder too: refused, and left with what it holds.
        let folder = cluster.dataDirectory + "/out/folder.html"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: folder + "/inside"))
        let folderRefused = try cluster.runCapturingErrors(["report", "--out", folder], timeout: 30)
        #expect(folderRefused.status == 1 && folderRefused.errors.contains(folder), "\(folderRefused.errors)")
        #expect(FileManager.default.contents(atPath: folder + "/inside") == Data("keep".utf8))

        let empty = try ClusterHarness()
        defer { empty.tearDown() }
        let none = try empty.run(["report", "--out", empty.dataDirectory + "/r.html"], timeout: 30)
        #expect(none.status != 0)
        #expect(!FileManager.default.fileExists(atPath: empty.dataDirectory + "/r.html"))
    }

    @Test("report of the bundled articles, live and from the final snapshot, shows every province and the months")
    func fromBundledArticles() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 2)
        let submitted = try cluster.run(["submit", "--wait", ClusterTests.articles])
        #expect(submitted.status == 0)
        let livePath = cluster.dataDirectory + "/live.html"
        let live = try cluster.run(["report", "--live", "--out", livePath], timeout: 30)
        #expect(live.status == 0, "\(live.output)")
        #expect(live.output.contains("from the aggregator at \(cluster.aggregator)"))
        let stopped = cluster.stopCluster()
        #expect(stopped.values.allSatisfy { $0 == 0 }, "\(stopped)")

        let snapshot = try cluster.newestSnapshot()
        #expect(snapshot.provinces.contains { !$0.meetingsByMonth.isEmpty })
        let diskPath = cluster.dataDirectory + "/disk.html"
        let disk = try cluster.run(["report", "--out", diskPath], timeout: 30)
        #expect(disk.status == 0, "\(disk.output)")
        for path in [livePath, diskPath] {
            let page = try String(contentsOfFile: path, encoding: .utf8)
            for province in snapshot.provinces where province.documents > 0 {
                #expect(page.contains(">\(province.name)</text>"), "\(province.name) has a bar in \(path)")
            }
            #expect(page.contains("aria-label=\"Meetings per month\""))
            Self.expectSelfContained(page)
        }
    }
}

import Foundation
import Testing

/// The ways the README says a document may come in: standard input (`-`) with `--published`, and folders
/// searched recursively for `*.txt` and `*.md` only.
@Suite("Input forms", .serialized)
struct InputFormsTests {
    /// A report whose date has no year: the year comes from `--published`.
    static let yearless = "Sáng 5/3, UBND tỉnh Cà Mau tổ chức hội nghị triển khai nhiệm vụ chuyển đổi số. Chủ tịch UBND tỉnh chủ trì hội nghị."

    @Test("a document on standard input with --published is stored with that date's year, under the id extract gives it")
    func standardInput() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let input = Data(Self.yearless.utf8)
        let submitted = try cluster.run(["submit", "-", "--published", "2024-03-05", "--wait"], input: input)
        #expect(submitted.status == 0 && submitted.output.contains("accepted 1"), "\(submitted.output)")

        let extracted = try cluster.run(["extract", "-", "--published", "2024-03-05"], input: input)
        let line = try #require(try JSONSerialization.jsonObject(with: Data(extracted.output.utf8)) as? [String: Any])
        #expect(line["file"] as? String == "-")
        #expect(line["date"] as? String == "2024-03-05")
        let id = try #require(line["id"] as? String)
        #expect(try cluster.storedIDs() == [id])

        let shown = try cluster.run(["show", id, "--format", "json"])
        #expect(shown.status == 0 && shown.output.contains("\"published\":\"2024-03-05\"") && shown.output.contains("\"date\":\"2024-03-05\""),
                "\(shown.output.prefix(600))")
        // The id as `records` prints it (16 digits), or in capitals, finds it too; a start no id has says so.
        let short = try cluster.run(["show", String(id.prefix(16))])
        #expect(short.status == 0 && short.output.contains("id          \(id)"), "\(short.output.prefix(300))")
        #expect(try cluster.run(["show", id.uppercased()]).output.contains("id          \(id)"))
        let unknown = try cluster.runCapturingErrors(["show", id.hasPrefix("0") ? "ffffffff" : "00000000"])
        #expect(unknown.status == 1 && unknown.errors.contains("has not been applied"), "\(unknown.errors)")
        // The same text again from stdin is the same document.
        #expect(try cluster.run(["submit", "-", "--published", "2024-03-05", "--wait"], input: input).output.contains("duplicate 1"))
    }

    @Test("a folder gives its *.txt and *.md files at any depth, and nothing else")
    func folderFiles() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = cluster.dataDirectory + "/inbox"
        try FileManager.default.createDirectory(atPath: folder + "/a/b", withIntermediateDirectories: true)
        let files = ["a/b/deep.md": "Chiều 7/3/2024, HĐND tỉnh Gia Lai họp phiên chuyên đề.",
                     "a/top.txt": "Sáng 8/3/2024, UBND tỉnh An Giang họp phiên thường kỳ.",
                     "a/notes.json": "{\"not\": \"a report\"}", "a/b/draft.txt~": "Sáng 9/3/2024, UBND tỉnh Nghệ An họp.", "readme": "x"]
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        let submitted = try cluster.run(["submit", "--wait", folder])
        #expect(submitted.status == 0 && submitted.output.contains("submitted 2 accepted 2"), "\(submitted.output)")
        let extracted = try cluster.run(["extract", folder])
        #expect(extracted.output.split(separator: "\n").count == 2)
        #expect(extracted.output.contains("deep.md") && extracted.output.contains("top.txt") && !extracted.output.contains("notes.json"))
    }

    @Test("a folder's file that cannot be read, or is a named pipe or a socket, is reported rejected, and the others are still sent: submit reads a chunk at a time, not the folder before sending")
    func unreadableFileInAFolder() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = cluster.dataDirectory + "/inbox"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("Sáng 8/3/2024, UBND tỉnh An Giang họp phiên thường kỳ.".utf8).write(to: URL(fileURLWithPath: folder + "/a.txt"))
        try Data("Chiều 7/3/2024, HĐND tỉnh Gia Lai họp phiên chuyên đề.".utf8).write(to: URL(fileURLWithPath: folder + "/c.txt"))
        // Listed with the others, gone when read.
        try FileManager.default.createSymbolicLink(atPath: folder + "/b.txt", withDestinationPath: folder + "/missing")
        // A named pipe with no writer: opening it to read would wait forever.
        #expect(mkfifo(folder + "/d.txt", 0o600) == 0)
        // A socket, which opening would refuse or wait on as well.
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { path in path.copyBytes(from: Array((folder + "/e.txt").utf8).prefix(path.count - 1)) }
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        #expect(bound == 0, "bind \(folder)/e.txt: errno \(errno)")
        let submitted = try cluster.runCapturingErrors(["submit", "--wait", folder], timeout: 60)
        #expect(submitted.status == 1, "\(submitted.output)")
        #expect(submitted.output.contains("submitted 5 accepted 2 duplicate 0 rejected 3"), "\(submitted.output)")
        #expect(submitted.errors.contains("rejected \(folder)/b.txt: cannot read"), "\(submitted.errors)")
        #expect(submitted.errors.contains("\(folder)/d.txt): it is a named pipe, not a file"), "\(submitted.errors)")
        #expect(submitted.errors.contains("\(folder)/e.txt): it is a socket, not a file"), "\(submitted.errors)")
        let extracted = try cluster.runCapturingErrors(["extract", folder + "/d.txt"], timeout: 20)
        #expect(extracted.status == 1 && extracted.errors.contains("it is a named pipe, not a file"), "\(extracted.errors)")
        #expect(try cluster.storedIDs().count == 2)
    }

    @Test("a folder that cannot be opened (here past PATH_MAX) is named, rejected by submit and an error of extract, not passed over in silence")
    func unopenableFolder() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = cluster.dataDirectory + "/deep"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Twenty levels of 242-byte names, each with a report, made relative to the level above (a path of this length
        // cannot be given to mkdir whole): the deepest ones are past PATH_MAX, 4,096 bytes.
        var parent = open(folder, O_RDONLY | O_DIRECTORY)
        #expect(parent >= 0)
        var path = folder
        for level in 0..<20 {
            let name = String(repeating: "Đ", count: 120) + String(format: "%02d", level)
            #expect(mkdirat(parent, name, 0o755) == 0)
            let child = openat(parent, name, O_RDONLY | O_DIRECTORY)
            close(parent)
            parent = child
            let file = openat(child, "r.txt", O_WRONLY | O_CREAT, 0o644)
            let text = Array("Sáng \(level + 1)/3/2024, UBND tỉnh An Giang họp phiên thường kỳ lần \(level).".utf8)
            #expect(file >= 0 && write(file, text, text.count) == text.count)
            close(file)
            path += "/" + name
        }
        close(parent)
        let extracted = try cluster.runCapturingErrors(["extract", folder])
        let listed = extracted.output.split(separator: "\n").count
        #expect(extracted.status == 1 && (1..<20).contains(listed), "\(listed) lines")
        #expect(extracted.errors.contains(": cannot open this folder (File name too long, errno 36), so the documents in it were not listed"), "\(extracted.errors.suffix(300))")
        let submitted = try cluster.runCapturingErrors(["submit", "--wait", folder], timeout: 60)
        #expect(submitted.status == 1, "\(submitted.output)")
        #expect(submitted.output.contains("submitted \(listed + 1) accepted \(listed) duplicate 0 rejected 1"), "\(submitted.output)")
        #expect(submitted.errors.contains("cannot open this folder (File name too long"), "\(submitted.errors.suffix(300))")
        #expect(try cluster.storedIDs().count == listed)
    }

    @Test("as an unprivileged user, a file without read permission and a folder that cannot be opened: extract and submit name each (cannot read, cannot open this folder), exit 1, and the readable report is still extracted and accepted",
          .enabled(if: InputFormsTests.nobodyRunsIngest, "needs root to drop to user nobody with setpriv, and the ingest binary within that user's reach"))
    func permissionDenied() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        // Outside the data directory, which the daemons keep to their own user.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-denied-\(UUID().uuidString)").path
        defer {
            chmod(folder + "/locked", 0o755)
            try? FileManager.default.removeItem(atPath: folder)
        }
        try FileManager.default.createDirectory(atPath: folder + "/locked", withIntermediateDirectories: true)
        try Data(Self.yearless.utf8).write(to: URL(fileURLWithPath: folder + "/readable.txt"))
        try Data("Sáng 6/3/2024, UBND tỉnh Bạc Liêu họp.".utf8).write(to: URL(fileURLWithPath: folder + "/secret.txt"))
        try Data("Sáng 7/3/2024, UBND tỉnh An Giang họp.".utf8).write(to: URL(fileURLWithPath: folder + "/locked/inner.txt"))
        chmod(folder, 0o755)
        chmod(folder + "/secret.txt", 0o000)
        chmod(folder + "/locked", 0o000)

        /// `ingest ARGUMENTS` as user and group 65534 (nobody): its status, standard output and standard error.
        func runAsNobody(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
            try cluster.runCapturingErrors(["--reuid=65534", "--regid=65534", "--clear-groups", "--", ingestBinary] + arguments,
                                           executable: "/usr/bin/setpriv", timeout: 90)
        }

        let extracted = try runAsNobody(["extract", folder])
        #expect(extracted.status == 1)
        #expect(extracted.output.split(separator: "\n").count == 1 && extracted.output.contains("readable.txt"), "\(extracted.output)")
        #expect(extracted.errors.contains("secret.txt: cannot read") && extracted.errors.contains("Permission denied"), "\(extracted.errors)")
        #expect(extracted.errors.contains("locked: cannot open this folder (Permission denied"), "\(extracted.errors)")

        let submitted = try runAsNobody(["submit", "--wait", folder])
        #expect(submitted.status == 1)
        #expect(submitted.errors.contains("rejected \(folder)/secret.txt: cannot read") && submitted.errors.contains("Permission denied"), "\(submitted.errors)")
        #expect(submitted.errors.contains("rejected \(folder)/locked: cannot open this folder (Permission denied"), "\(submitted.errors)")
        #expect(submitted.output.contains("submitted 3 accepted 1 duplicate 0 rejected 2"), "\(submitted.output)")
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.documentsApplied == 1 })
    }

    /// Whether this is root with setpriv, and user nobody can run the built `ingest` (not so in a checkout under /root).
    static let nobodyRunsIngest = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
        && runTool("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--", ingestBinary, "--version"]) == 0

    @Test("a path that does not exist stops submit before it sends anything, naming the path; a device or a named pipe given by path, or standard input that cannot be read, is refused in one line")
    func missingPath() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let missing = cluster.dataDirectory + "/no-such-folder"
        let submitted = try cluster.runCapturingErrors(["submit", ClusterTests.articles, missing], timeout: 30)
        #expect(submitted.status != 0)
        #expect(submitted.errors.contains("no such file or folder: \(missing)"), "\(submitted.errors)")
        #expect(try cluster.brokerStatus()?.accepted == 0, "nothing sent, the articles named before it included")

        // Named by path: a device is read up to the limit and refused, a named pipe refused at once; standard input that
        // cannot be read (a folder, closed) is one line. Nothing of them is sent.
        let started = Date()
        let device = try cluster.runCapturingErrors(["submit", "/dev/zero"], timeout: 30)
        #expect(device.status == 1 && device.output.contains("rejected 1") && device.errors.contains("over the limit"), "\(device.output) \(device.errors)")
        let fifo = cluster.dataDirectory + "/pipe.txt"
        #expect(mkfifo(fifo, 0o600) == 0)
        let pipe = try cluster.runCapturingErrors(["submit", fifo], timeout: 30)
        #expect(pipe.status == 1 && pipe.errors.contains("named pipe"), "\(pipe.output) \(pipe.errors)")
        #expect(Date().timeIntervalSince(started) < 20, "neither read on nor waited on")
        let folder = try cluster.runCapturingErrors(["submit", "-"], timeout: 30, standardInput: cluster.dataDirectory)
        #expect(folder.status == 1 && folder.errors.contains("cannot read standard input: Is a directory"), "\(folder.errors)")
        let closed = try ExtractCommandTests.shell("exec \"$0\" submit - <&- 2>&1", [ingestBinary], environment: cluster.environment)
        #expect(closed.status == 1 && closed.text.contains("cannot read standard input: it is closed"), "\(closed.text)")
        #expect(try cluster.brokerStatus()?.accepted == 0)
    }

    /// A tester's report: `extract EMPTY-FOLDER - -` gave the two lines of standard input in either order (about one
    /// run in two), as its two threads each took one `-` and whichever read first got the text.
    @Test("standard input given twice is read in turn: the first - takes the text, the next finds its end, whatever the threads")
    func standardInputTwice() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let empty = cluster.dataDirectory + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        for _ in 0..<12 {
            // Through a pipe, as a shell gives it: both threads may wait on it before the bytes come.
            let extracted = try cluster.runCapturingErrors(["extract", "--jobs", "2", empty, "-", "-"], timeout: 30, pipedInput: Data([0xFF, 0xFE]))
            #expect(extracted.status == 1)
            let lines = extracted.errors.split(separator: "\n").filter { $0.hasPrefix("-:") }
            #expect(lines == ["-: the document is not valid UTF-8", "-: document is empty"], "\(extracted.errors)")
        }
    }

    /// A tester's report: a file whose name is not UTF-8 (a legacy Vietnamese encoding from an old archive) stopped a
    /// whole `submit` given it by name ("no such file or folder", the name repaired to U+FFFD), and found in a folder it
    /// was "rejected: cannot read ... No such file or directory".
    @Test("files whose names are not UTF-8 are sent, given by name or found in a folder, extracted, each its own document, and shown by name with the provinces each counted for")
    func nameNotUTF8() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = cluster.dataDirectory + "/archive"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // "Bản tin" in VNI-Windows, as an old archive names it: bytes that are not UTF-8 (the last one varies).
        func writeLegacy(last: UInt8, _ text: String) throws {
            let path = Array((folder + "/B").utf8) + [0xE1, 0xBA, 0x6E, 0x20, 0x74, 0x69, 0x6E, last] + Array(".txt".utf8)
            let file = path.map { CChar(bitPattern: $0) } + [0]
            let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            try #require(descriptor >= 0)
            _ = Array(text.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        try writeLegacy(last: 0xFF, "Sáng 9/3/2024, UBND tỉnh Đồng Tháp họp phiên thường kỳ.")
        try Data("Chiều 9/3/2024, HĐND tỉnh Cà Mau họp.".utf8).write(to: URL(fileURLWithPath: folder + "/plain.txt"))

        let walked = try cluster.runCapturingErrors(["submit", "--wait", folder], timeout: 60)
        #expect(walked.status == 0 && walked.output.contains("submitted 2 accepted 2"), "\(walked.output) \(walked.errors)")
        // A second legacy name that shows as the same text (its bytes differ only where they are not UTF-8), holding
        // another report: given by name beside the first, each argument opens its own file.
        try writeLegacy(last: 0xFE, "Sáng 10/3/2024, UBND tỉnh Hậu Giang họp.")
        // Given by name, as a shell passes it: the bytes themselves, which Process (UTF-8 Strings) cannot.
        func shell(_ command: String) throws -> (status: Int32, output: String, errors: String) {
            try cluster.runCapturingErrors(["-c", command], executable: "/bin/bash", timeout: 60, overrides: ["INGEST": ingestBinary, "FOLDER": folder])
        }
        let both = try shell(#"exec "$INGEST" submit --wait "$(printf '%s/B\xe1\xban tin\xff.txt' "$FOLDER")" "$(printf '%s/B\xe1\xban tin\xfe.txt' "$FOLDER")""#)
        #expect(both.status == 0 && both.output.contains("submitted 2 accepted 1 duplicate 1"), "the first sent before, the twin new: \(both.output) \(both.errors)")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 3)
        // `show` finds each by its file, named by the same bytes, and says what it counted for: the province of its
        // era, the 2025 unit it is part of (Hậu Giang is part of Cần Thơ), and its roles, as `extract` reads the file.
        for (last, province, unit) in [("ff", "Đồng Tháp", "Đồng Tháp"), ("fe", "Hậu Giang", "Cần Thơ")] {
            let file = #""$(printf '%s/B\xe1\xban tin\x"# + last + #".txt' "$FOLDER")""#
            let extracted = try shell(#"exec "$INGEST" extract "# + file)
            let record = try JSONSerialization.jsonObject(with: Data(extracted.output.utf8)) as? [String: Any]
            let mentions = try #require(record?["provinces"] as? [[String: Any]], "\(extracted.output)")
            let roles = mentions.first { $0["name"] as? String == province }?["roles"] as? [String] ?? []
            #expect(mentions.count == 1 && !roles.isEmpty, "\(extracted.output)")
            let shown = try shell(#"exec "$INGEST" show "# + file)
            let lines = shown.output.split(separator: "\n").map(String.init)
            let counted = lines.firstIndex(of: "counted for (province of its era -> 2025 unit: roles)").map { Array(lines[($0 + 1)...]) }
            #expect(shown.status == 0 && counted == ["  \(province) -> \(unit): \(roles.joined(separator: ", "))"], "\(last): \(shown.output)")
        }
        let extracted = try cluster.run(["extract", folder])
        #expect(extracted.status == 0 && extracted.output.split(separator: "\n").count == 3 && extracted.output.contains("Đồng Tháp")
                && extracted.output.contains("Hậu Giang"), "\(extracted.output)")
    }

    @Test("a file over max_document_bytes is rejected by submit without reading it whole or sending it, the others still sent")
    func hugeFileInAFolder() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = cluster.dataDirectory + "/inbox"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("Sáng 8/3/2024, UBND tỉnh An Giang họp phiên thường kỳ.".utf8).write(to: URL(fileURLWithPath: folder + "/good.txt"))
        // Six MiB: over the 1 MiB limit and over the broker's message limit, which would drop the connection instead.
        try Data(repeating: UInt8(ascii: "a"), count: 6 << 20).write(to: URL(fileURLWithPath: folder + "/big.txt"))
        let started = Date()
        let submitted = try cluster.runCapturingErrors(["submit", "--wait", folder], timeout: 60)
        #expect(Date().timeIntervalSince(started) < 15, "answered, not retried until the producer gave up")
        #expect(submitted.status == 1, "\(submitted.output)")
        #expect(submitted.output.contains("submitted 2 accepted 1 duplicate 0 rejected 1"), "\(submitted.output)")
        #expect(submitted.errors.contains("rejected \(folder)/big.txt: document is 6291456 bytes, over the limit of 1048576"), "\(submitted.errors)")
        #expect(!submitted.errors.contains("did not answer") && !submitted.errors.contains("never acknowledged"), "\(submitted.errors)")
        #expect(try cluster.storedIDs().count == 1)
        // Standard input that never ends is read no further than the limit, then rejected by submit itself.
        let endless = try cluster.runCapturingErrors(["submit", "-"], timeout: 30, standardInput: "/dev/zero")
        #expect(endless.status == 1 && endless.errors.contains("standard input is over the limit of 1048576 bytes"), "\(endless.errors)")
        #expect(endless.output.contains("submitted 1 accepted 0 duplicate 0 rejected 1"), "\(endless.output)")
        #expect(try cluster.storedIDs().count == 1)
    }
}

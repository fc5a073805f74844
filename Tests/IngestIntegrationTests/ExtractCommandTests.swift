import Foundation
import TestSupport
import MeetingExtraction
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

    @Test("more documents than the threads may hold ahead of the output, of uneven lengths, come out in input order")
    func orderPastTheWindow() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let folder = cluster.dataDirectory + "/many"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let articles = try FileManager.default.contentsOfDirectory(atPath: Self.articles).filter { $0.hasSuffix(".txt") }.sorted()
        let texts = try articles.map { try String(contentsOfFile: Self.articles + "/" + $0, encoding: .utf8) }
        // 300 files (--jobs 3 holds at most 48 ahead), long and short mixed so they finish out of order.
        for index in 0..<300 {
            let text = index % 7 == 0 ? String(repeating: texts[index % texts.count] + "\n", count: 6) : String(texts[index % texts.count].prefix(200 + index))
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder + String(format: "/doc-%03d.txt", index)))
        }
        let one = try cluster.run(["extract", "--jobs", "1", folder], timeout: 120)
        let three = try cluster.run(["extract", "--jobs", "3", folder], timeout: 120)
        #expect(one.status == 0 && three.status == 0)
        #expect(one.output == three.output)
        let files = three.output.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["file"] as? String
        }
        #expect(files == (0..<300).map { folder + String(format: "/doc-%03d.txt", $0) })
    }

    @Test("Scripts/score-extraction.py scores extract against annotations: all 1.000 on an annotation of extract's own output, lower where one differs, naming the miss; no annotated article, a missing folder or an extraction that fails is an error, not a score")
    func scoreExtraction() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let folder = cluster.dataDirectory + "/annotated"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = "Sáng 12/3/2024, UBND tỉnh Quảng Trị tổ chức hội nghị trực tuyến về chuyển đổi số. Ông Hoàng Văn Nam, Chủ tịch UBND tỉnh, "
            + "chủ trì. Dự hội nghị có bà Lê Thị Mai, Giám đốc Sở Thông tin và Truyền thông tỉnh Quảng Bình."
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/001.txt"))
        let extracted = try cluster.run(["extract", folder + "/001.txt"])
        var record = try #require(try JSONSerialization.jsonObject(with: Data(extracted.output.utf8)) as? [String: Any])
        let people = try #require(record["participants"] as? [[String: Any]])
        #expect(people.count == 2 && (record["chair"] as? [String: Any]) != nil && (record["provinces"] as? [Any])?.count == 2, "\(extracted.output)")
        func score(_ arguments: [String], ingest: String = ingestBinary) throws -> (status: Int32, output: String, errors: String) {
            try cluster.runCapturingErrors([packageRoot.appendingPathComponent("Scripts/score-extraction.py").path, "--ingest", ingest] + arguments,
                                           executable: "/usr/bin/python3", timeout: 60)
        }
        func annotate(_ gold: [String: Any]) throws {
            try JSONSerialization.data(withJSONObject: gold).write(to: URL(fileURLWithPath: folder + "/001.json"))
        }

        try annotate(record)
        let same = try score([folder])
        #expect(same.status == 0, "\(same.errors)")
        for line in ["1 articles in", "provinces              P 1.000  R 1.000  F1 1.000", "participant names      P 1.000  R 1.000  F1 1.000",
                     "participant titles     P 1.000  R 1.000  F1 1.000", "chair 1.000 (1/1)  date 1.000 (1/1)  format 1.000 (1/1)"] {
            #expect(same.output.contains(line), "\(line): \(same.output)")
        }

        // The annotator names another chair and only one of the two participants.
        record["chair"] = ["name": "Trần Văn Khác", "titles": [String]()]
        record["participants"] = [people[0]]
        try annotate(record)
        let differs = try score(["--verbose", folder])
        #expect(differs.status == 0, "\(differs.errors)")
        #expect(differs.output.contains("participant names      P 0.500  R 1.000  F1 0.667"), "\(differs.output)")
        #expect(differs.output.contains("chair 0.000 (0/1)"), "\(differs.output)")
        #expect(differs.output.contains("annotated/001 chair: ") && differs.output.contains(" != Trần Văn Khác"), "\(differs.output)")
        #expect(differs.output.contains("annotated/001 name extra: \(people[1]["name"] as? String ?? "?")"), "\(differs.output)")

        // Nothing scored is an error, never a perfect score.
        let empty = cluster.dataDirectory + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = try score([empty])
        #expect(none.status == 1 && none.errors.contains("no annotated article") && !none.output.contains("1.000"), "\(none.output) \(none.errors)")
        let missing = try score([cluster.dataDirectory + "/nowhere"])
        #expect(missing.status == 1 && missing.errors.contains("cannot read the folder"), "\(missing.errors)")
        let failing = try score([folder], ingest: "/bin/false")
        #expect(failing.status == 1 && failing.errors.contains("001.txt: ingest extract exited 1") && !failing.output.contains("P 0.000"),
                "\(failing.output) \(failing.errors)")
    }

    @Test("a bad or empty file is named on stderr with exit 1, and the good ones around it are still printed")
    func badFile() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let folder = cluster.dataDirectory + "/docs"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data([0x61, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: folder + "/b-bad.txt"))
        // Nothing to read but a byte order mark: empty, as the broker says.
        try Data([0xEF, 0xBB, 0xBF, 0x0A]).write(to: URL(fileURLWithPath: folder + "/d-blank.txt"))
        for name in ["a-good.txt", "c-good.txt"] {
            try Data("Sáng 5/3/2024, UBND tỉnh Cà Mau họp phiên thường kỳ.".utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        let result = try cluster.runCapturingErrors(["extract", "--jobs", "2", folder])
        #expect(result.status == 1)
        #expect(result.errors.contains("b-bad.txt: the document is not valid UTF-8"))
        #expect(result.errors.contains("d-blank.txt: document is empty"), "\(result.errors)")
        #expect(result.output.split(separator: "\n").count == 2)
    }

    @Test("a device or a standard input that never ends is read no further than max_document_bytes; standard input that cannot be read, or output to a full disk: an error naming it, exit 1")
    func endlessInput() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let started = Date()
        let device = try cluster.runCapturingErrors(["extract", "/dev/zero"])
        #expect(device.status == 1 && device.errors.contains("/dev/zero: document is over the limit of 1048576 bytes (limits.max_document_bytes); read no further"), "\(device.errors)")
        let piped = try cluster.runCapturingErrors(["extract", "-"], standardInput: "/dev/zero")
        #expect(piped.status == 1 && piped.errors.contains("standard input is over the limit of 1048576 bytes"), "\(piped.errors)")
        #expect(device.output.isEmpty && piped.output.isEmpty)
        // Killed after 30 s each had they read on: they stopped at the limit.
        #expect(Date().timeIntervalSince(started) < 20)
        // Standard input that cannot be read (a folder), and standard output on a full disk: one line each, exit 1.
        let folder = try cluster.runCapturingErrors(["extract", "-"], standardInput: cluster.dataDirectory)
        #expect(folder.status == 1 && folder.errors.contains("cannot read standard input: Is a directory"), "\(folder.errors)")
        let full = try cluster.runCapturingErrors(["extract", Self.articles], standardOutput: "/dev/full")
        #expect(full.status == 1 && full.errors.contains("cannot write standard output: No space left on device"), "\(full.errors)")
        #expect(!full.errors.contains("Fatal error"), "\(full.errors)")
        let version = try cluster.runCapturingErrors(["--version"], standardOutput: "/dev/full")
        #expect(version.status == 1 && version.errors.contains("cannot write standard output"), "the version is output too: \(version.errors)")
        // Started with standard input closed: said so, not read from whatever descriptor took its number.
        let closed = try Self.shell("exec \"$0\" extract - <&- 2>&1", [ingestBinary], environment: cluster.environment)
        #expect(closed.status == 1 && closed.text.contains("cannot read standard input: it is closed"), "\(closed.text)")
        // Started with standard output closed: said so before any work, not printed into nothing with exit 0.
        for command in [["version"], ["status"], ["extract", Self.articles]] {
            let silent = try Self.shell("exec \"$0\" \"$@\" 2>&1 >&-", [ingestBinary] + command, environment: cluster.environment)
            #expect(silent.status == 1 && silent.text.contains("cannot write standard output: it is closed"), "\(command): \(silent.text)")
        }
    }

    /// `sh -c script` with `arguments` as $0, $1...: its exit status and standard output.
    static func shell(_ script: String, _ arguments: [String], environment: [String: String]) throws -> (status: Int32, text: String) {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script] + arguments
        shell.environment = environment
        let pipe = Pipe()
        shell.standardOutput = pipe
        try shell.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        return (shell.terminationStatus, text)
    }

    @Test("on one terminal or file the lines keep the input's order: the good lines before an error are out before it; --jobs takes 1 to 64")
    func oneStream() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let folder = cluster.dataDirectory + "/docs"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for index in 0..<6 {
            let name = String(format: "%02d.txt", index)
            if index == 3 {
                try Data([0x61, 0xFF]).write(to: URL(fileURLWithPath: folder + "/" + name))
            } else {
                try Data("Sáng \(index + 1)/3/2024, UBND tỉnh Cà Mau họp phiên thường kỳ.".utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
            }
        }
        for jobs in ["1", "2"] {
            let (status, text) = try Self.shell("\"$0\" extract --jobs \(jobs) \"$1\" 2>&1", [ingestBinary, folder], environment: cluster.environment)
            let lines = text.split(separator: "\n").map(String.init)
            let order = lines.map { $0.hasPrefix("{") ? (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["file"] as? String ?? "?" : $0 }
            #expect(status == 1 && lines.count == 6, "\(text)")
            #expect(order.count == 6 && order[2].hasSuffix("/02.txt") && order[3].contains("03.txt: the document is not valid UTF-8") && order[4].hasSuffix("/04.txt"),
                    "--jobs \(jobs): \(order)")
        }
        for jobs in ["0", "65"] {
            let refused = try cluster.runCapturingErrors(["extract", "--jobs", jobs, folder])
            #expect(refused.status != 0 && refused.errors.contains("--jobs must be between 1 and 64, got \(jobs)") && refused.output.isEmpty, "\(refused.errors)")
        }
    }

    @Test("a path that does not exist is named with exit 1 before anything is extracted, even beside a good file")
    func missingPath() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let good = cluster.dataDirectory + "/good.txt"
        try Data("Sáng 5/3/2024, UBND tỉnh Cà Mau họp phiên thường kỳ.".utf8).write(to: URL(fileURLWithPath: good))
        let missing = cluster.dataDirectory + "/no-such-report.txt"
        let result = try cluster.runCapturingErrors(["extract", good, missing])
        #expect(result.status == 1)
        #expect(result.errors.contains("no such file or folder: \(missing)"))
        #expect(result.output.isEmpty)
    }

    @Test("each line is the JSON the record's Codable form gives, with file and id added, escapes included")
    func sameAsCodable() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let folder = cluster.dataDirectory + "/docs"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let tricky = "Họp \"bàn\" về C:\\dữ liệu\tvà 1/2 / 3 \u{01}\nSáng 5/3/2024, ông Nguyễn Văn An, Chủ tịch UBND tỉnh Cà Mau chủ trì; "
            + "tăng 12,5% và 1.000 tỷ đồng. Ảnh: \"Lê Văn B\" / TTXVN"
        try Data(tricky.utf8).write(to: URL(fileURLWithPath: folder + "/tricky.txt"))
        let articles = try FileManager.default.contentsOfDirectory(atPath: Self.articles).filter { $0.hasSuffix(".txt") }.sorted()
        for name in articles { try FileManager.default.copyItem(atPath: Self.articles + "/" + name, toPath: folder + "/" + name) }
        let result = try cluster.run(["extract", folder], timeout: 60)
        #expect(result.status == 0)
        let extractor = ProjectExtractor.shared
        let encoder = JSONEncoder()
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == articles.count + 1)
        for line in lines {
            var printed = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let file = try #require(printed.removeValue(forKey: "file") as? String)
            #expect((printed.removeValue(forKey: "id") as? String)?.utf8.count == 64)
            let record = try extractor.extract(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: file))))
            let expected = try #require(try JSONSerialization.jsonObject(with: encoder.encode(record)) as? [String: Any])
            #expect(NSDictionary(dictionary: printed).isEqual(to: expected), "\(file)")
        }
    }

    @Test("submit with standard output on a full disk says so with exit 1 and loses nothing (sent again, each document is accepted and applied once in all); with it closed it says so and submits nothing")
    func submitOutputUnwritable() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let closed = try Self.shell("exec \"$0\" submit \"$1\" 2>&1 >&-", [ingestBinary, Self.articles], environment: cluster.environment)
        #expect(closed.status == 1 && closed.text.contains("cannot write standard output: it is closed"), "\(closed.text)")
        #expect(try cluster.brokerStatus()?.accepted == 0, "nothing submitted that nobody could be told of")
        let full = try cluster.runCapturingErrors(["submit", Self.articles], standardOutput: "/dev/full")
        #expect(full.status == 1 && full.errors.contains("cannot write standard output: No space left on device"), "\(full.errors)")
        #expect(!full.errors.contains("Fatal error"), "\(full.errors)")
        let again = try cluster.run(["submit", "--wait", Self.articles])
        #expect(again.status == 0, "\(again.output)")
        // Whatever the first run sent before it could not print is not sent twice: each document accepted once in all.
        #expect(try cluster.brokerStatus()?.accepted == 24, "\(again.output)")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 24)
        #expect(try cluster.storedIDs().count == 24)
    }
}

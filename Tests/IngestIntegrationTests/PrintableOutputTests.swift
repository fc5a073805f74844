import Foundation
import MeetingModel
import Testing

/// What `records`, `show` and `extract` print of documents whose text or file name was made to attack the reader:
/// escape sequences, spreadsheet formulas, wide characters, endless input.
@Suite("Printable output", .serialized)
struct PrintableOutputTests {
    @Test("a file name holding a C1 control (CSI) and a right-to-left override is stored as it is (jsonl keeps it), and show writes both escaped, no raw byte reaching the terminal")
    func controlsInStoredNames() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = cluster.dataDirectory + "/names"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = "tin\u{9B}31m\u{202E}txt.md"
        try Data("Sáng 12/3/2024, ông Phạm Văn Lợi, Chủ tịch UBND tỉnh Bến Tre chủ trì cuộc họp về nước sạch.".utf8)
            .write(to: URL(fileURLWithPath: folder + "/" + name))
        let submitted = try cluster.runCapturingErrors(["submit", "--wait", name], directory: folder)
        #expect(submitted.status == 0 && submitted.output.contains("accepted 1"), "\(submitted.output) \(submitted.errors)")
        let jsonl = try cluster.run(["records", "--format", "jsonl"])
        let object = try JSONSerialization.jsonObject(with: Data(jsonl.output.utf8)) as? [String: Any]
        #expect(object?["source"] as? String == name, "\(jsonl.output.prefix(300))")
        // The records table has no source column; show prints it.
        let id = try #require(object?["id"] as? String)
        let shown = try cluster.run(["show", id])
        #expect(shown.output.contains("tin\\u{9B}31m\\u{202E}txt.md"), "\(shown.output)")
        #expect(!shown.output.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x202E }, "a raw control reached the output")
    }

    @Test("records: jsonl holds every stored field and the record extract gives; --kind and --official select; a CSV cell a spreadsheet would run is made text; the table stays aligned with wide characters; show and extract name what they refuse")
    func hostileNamesAndTexts() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let started = Date()
        let folder = cluster.dataDirectory + "/in"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let documents = [
            "=1+2,\"x\".txt": "Sáng 4/3/2024, ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Bến Tre chủ trì cuộc họp về chuyển đổi số.",
            "@SUM(1+1).txt": "Chiều 5/3/2024, ông Trần Văn Minh, Chủ tịch UBND tỉnh Bến Tre chủ trì cuộc họp về giảm nghèo.",
            "wide.txt": "Sáng 6/3/2024, ông Lê Văn Tám, Chủ tịch UBND tỉnh Bến Tre chủ trì Hội nghị 漢字漢字 về xúc tiến đầu tư.",
            "-draft.txt": "Sáng 8/3/2024, ông Phạm Văn Lợi, Chủ tịch UBND tỉnh Bến Tre chủ trì cuộc họp về nước sạch nông thôn.",
            "+84.txt": "Chiều 9/3/2024, ông Võ Văn Quang, Chủ tịch UBND tỉnh Bến Tre chủ trì cuộc họp về du lịch.",
        ]
        for (name, text) in documents { try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        // Sent from inside the folder: the sources are the bare names, four of them starting as a spreadsheet's formulas
        // do (`=`, `@`, `-`, `+`; a tab or a CR in a file name is refused by the broker as a control character).
        let submitted = try cluster.runCapturingErrors(["submit", "--wait", "--", "=1+2,\"x\".txt", "@SUM(1+1).txt", "wide.txt", "-draft.txt", "+84.txt"],
                                                       directory: folder)
        #expect(submitted.status == 0 && submitted.output.contains("accepted 5"), "\(submitted.output) \(submitted.errors)")

        let csv = try cluster.run(["records", "--province", "ben tre", "--format", "csv"])
        let rows = csv.output.split(separator: "\n").map(String.init)
        #expect(rows.first == "sequence,id,date,kind,source,provinces")
        #expect(rows.contains { $0.hasSuffix(",\"'=1+2,\"\"x\"\".txt\",Bến Tre:host") }, "\(csv.output)")
        #expect(rows.contains { $0.hasSuffix(",'@SUM(1+1).txt,Bến Tre:host") }, "\(csv.output)")
        #expect(rows.contains { $0.hasSuffix(",wide.txt,Bến Tre:host") }, "\(csv.output)")
        #expect(rows.contains { $0.hasSuffix(",'-draft.txt,Bến Tre:host") }, "\(csv.output)")
        #expect(rows.contains { $0.hasSuffix(",'+84.txt,Bến Tre:host") }, "\(csv.output)")
        // Values the project writes itself that start with `-` stay as they are: standard input's `-`, a date without its year.
        let yearless = try cluster.run(["submit", "--wait", "-"], input: Data("Sáng 7/3, ông Lê Văn Tám, Chủ tịch UBND tỉnh Bến Tre chủ trì cuộc họp.".utf8))
        #expect(yearless.status == 0, "\(yearless.output)")
        let withStdin = try cluster.run(["records", "--province", "ben tre", "--format", "csv"])
        #expect(withStdin.output.contains(",--03-07,cuộc họp,-,Bến Tre:host"), "\(withStdin.output)")

        // jsonl, the export: every stored field and the record as extract gives it.
        let jsonl = try cluster.run(["records", "--province", "ben tre", "--format", "jsonl"])
        let objects = jsonl.output.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == 6, "\(jsonl.output.prefix(400))")
        // receivedAt: when its batch went to the store, so between this test's start and now (to the millisecond).
        let instant = ISO8601DateFormatter()
        instant.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for object in objects {
            #expect(Set(object.keys).isSuperset(of: ["date", "id", "kind", "receivedAt", "sequence", "source", "record"]), "\(object.keys)")
            let received = (object["receivedAt"] as? String).flatMap(instant.date(from:))
            #expect(received.map { $0 >= started.addingTimeInterval(-0.001) && $0 <= Date() } == true, "\(object["receivedAt"] ?? "none")")
            let record = object["record"] as? [String: Any]
            #expect((record?["provinces"] as? [[String: Any]])?.first?["name"] as? String == "Bến Tre")
        }
        let bySource = Dictionary(uniqueKeysWithValues: objects.compactMap { object in (object["source"] as? String).map { ($0, object) } })
        let wideExtracted = try cluster.run(["extract", folder + "/wide.txt"])
        let fromExtract = try #require(try JSONSerialization.jsonObject(with: Data(wideExtracted.output.utf8)) as? [String: Any])
        #expect((bySource["wide.txt"]?["record"] as? [String: Any])?["chair"] as? NSDictionary == fromExtract["chair"] as? NSDictionary)
        #expect(bySource["wide.txt"]?["id"] as? String == fromExtract["id"] as? String)
        // --kind and --official through the command, as a user types them.
        let byOfficial = try cluster.run(["records", "--official", "tran van minh", "--format", "csv"])
        #expect(byOfficial.output.split(separator: "\n").count == 2 && byOfficial.output.contains("@SUM(1+1).txt"), "\(byOfficial.output)")
        let byKind = try cluster.run(["records", "--province", "ben tre", "--kind", "Hội nghị", "--format", "csv"])
        #expect(byKind.output.split(separator: "\n").count == 2 && byKind.output.contains("wide.txt"), "\(byKind.output)")

        let table = try cluster.run(["records", "--province", "ben tre"])
        let lines = table.output.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        let idColumn = PrintableText.columns(String(header[..<(header.range(of: "Id")?.lowerBound ?? header.endIndex)]))
        #expect(lines.count == 7, "\(table.output)")
        for line in lines.dropFirst() {
            let id = try #require(line.split(separator: " ").last)
            #expect(PrintableText.columns(String(line.dropLast(id.count))) == idColumn, "misaligned: \(line)")
        }
        #expect(lines.contains { $0.contains("漢字") }, "\(table.output)")

        let shown = try cluster.runCapturingErrors(["show", folder])
        #expect(shown.status == 1 && shown.errors.contains("\(folder) is a folder; show takes one file or a document id"), "\(shown.errors)")
        let id = try #require(try cluster.storedIDs().first)
        let short = try cluster.runCapturingErrors(["show", String(id.prefix(7))])
        #expect(short.status == 1 && short.errors.contains("too short to pick a document: give the whole id or at least its first 8 hex digits"), "\(short.errors)")
        // A short start no id has is simply not applied, as deadletter show says of one.
        let stranger = try cluster.storedIDs().contains { $0.hasPrefix("fffffff") } ? "0000000" : "fffffff"
        let none = try cluster.runCapturingErrors(["show", stranger])
        #expect(none.status == 1 && none.errors.contains("\(stranger) has not been applied"), "\(none.errors)")
        let big = folder + "/big.md"
        try Data(repeating: UInt8(ascii: "a"), count: 1_048_577).write(to: URL(fileURLWithPath: big))
        let tooBig = try cluster.runCapturingErrors(["show", big])
        #expect(tooBig.status == 1 && tooBig.errors.contains("document is 1048577 bytes, over the limit of 1048576 (limits.max_document_bytes), so it was never applied"), "\(tooBig.errors)")
        let extracted = try cluster.runCapturingErrors(["extract", big, folder + "/wide.txt"])
        #expect(extracted.status == 1 && extracted.output.split(separator: "\n").count == 1, "\(extracted.output.prefix(300))")
        #expect(extracted.errors.contains("\(big): document is 1048577 bytes, over the limit of 1048576"), "\(extracted.errors)")
    }
}

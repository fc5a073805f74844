import Foundation
import MeetingExtraction
import MeetingModel
import Testing
@testable import ProvinceAggregation

@Suite("Province reducer")
struct ReducerTests {
    static func record(date: String?, provinces: [(String, [MeetingRecord.ProvinceRole])], participants: [MeetingRecord.Participant] = [], topics: [String] = []) -> MeetingRecord {
        MeetingRecord(
            date: date, participants: participants,
            provinces: provinces.map { MeetingRecord.ProvinceMention(name: $0.0, code: 70, roles: $0.1, mergedInto: "Đồng Nai") },
            topics: topics)
    }

    @Test("a name or topic sent in NFC and in NFD (a worker's record is input) is one entry when read, never a trap")
    func nfcAndNFDSpellings() throws {
        let name = "Nguyễn Văn Ánh", topic = "chuyển đổi số"
        let nfd = name.decomposedStringWithCanonicalMapping, topicNFD = topic.decomposedStringWithCanonicalMapping
        #expect(Array(nfd.utf8) != Array(name.utf8))
        var state = AggregateState()
        state.apply(Self.record(date: "2024-03-01", provinces: [("Bình Phước", [.host])],
                                participants: [.init(name: name, titles: ["Bí thư Tỉnh ủy"], province: "Bình Phước", location: nil),
                                               .init(name: nfd, titles: ["Chủ tịch HĐND tỉnh"], province: "Bình Phước", location: nil)],
                                topics: [topic, topicNFD]), documentID: "a")
        let province = try #require(state.provinces["Bình Phước"])
        #expect(province.officials.count == 1)
        #expect(province.officials[name]?.titles == ["Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh"])
        #expect(province.topics == [topic: 2])
        let snapshot = Snapshot(state: state, createdAt: "2024-03-02T00:00:00Z")
        #expect(try Snapshot.decode(snapshot.encoded()).provinces.first?.officials.count == 1)
        // Keys that are not surely NFC take the String-keyed way, which merges the two spellings as the encoder did.
        #expect(snapshot.encodedBytes() == (try SnapshotJSONTests.encoderBytes(snapshot)))
    }

    @Test("an official's titles are kept once each and sorted, sent again byte for byte, in NFD, or by an official of the unit's other view")
    func titlesOnceEach() throws {
        let title = "Phó Chủ tịch UBND tỉnh"
        let titleNFD = title.decomposedStringWithCanonicalMapping
        #expect(Array(titleNFD.utf8) != Array(title.utf8))
        func official(_ titles: [String]) -> MeetingRecord.Participant {
            .init(name: "Trần Thị Bích", titles: titles, province: "Bình Phước", location: nil)
        }
        var state = AggregateState()
        state.apply(Self.record(date: "2024-05-02", provinces: [("Bình Phước", [.host])], participants: [official(["Bí thư Tỉnh ủy", title])]), documentID: "a")
        state.apply(Self.record(date: "2024-05-03", provinces: [("Bình Phước", [.host])], participants: [official([title, "Bí thư Tỉnh ủy"])]), documentID: "b")
        state.apply(Self.record(date: "2024-05-04", provinces: [("Bình Phước", [.host])], participants: [official([titleNFD, "Ủy viên"])]), documentID: "c")
        let expected = ["Bí thư Tỉnh ủy", title, "Ủy viên"]
        #expect(expected == expected.sorted())
        #expect(state.provinces["Bình Phước"]?.officials["Trần Thị Bích"]?.titles == expected)
        #expect(state.provinces["Bình Phước"]?.officials["Trần Thị Bích"]?.lastSeen == "2024-05-04")
        #expect(state.currentUnits["Đồng Nai"]?.officials["Trần Thị Bích"]?.titles == expected, "the 2025 unit's view merges the same way")
        // The public reducer, given the officials itself, agrees with the aggregate's.
        var alone = ProvinceState(name: "Bình Phước")
        for (date, titles) in [("2024-05-02", ["Bí thư Tỉnh ủy", title]), ("2024-05-03", [title, "Bí thư Tỉnh ủy"]), ("2024-05-04", [titleNFD, "Ủy viên"])] {
            let record = Self.record(date: date, provinces: [("Bình Phước", [.host])], participants: [official(titles)])
            alone.apply(record.provinces[0], of: record, officials: record.participants, documentID: date)
        }
        #expect(alone.officials == state.provinces["Bình Phước"]?.officials)
    }

    @Test("titles a first-release snapshot kept in arrival order, one of them twice, load sorted and each once, and merge as the reducer's own")
    func firstReleaseTitlesLoadSorted() throws {
        let deputy = "Phó Chủ tịch UBND tỉnh", secretary = "Bí thư Tỉnh ủy"
        var old = AggregateState()
        var province = ProvinceState(name: "Bình Phước")
        province.officials = ["Nguyễn Văn An": .init(titles: [deputy, secretary, deputy], lastSeen: "2024-01-02")]
        old.provinces[province.key] = province
        var written = Snapshot(state: old, createdAt: "2024-01-03T00:00:00Z")
        written.currentUnits = nil
        let loaded = try Snapshot.decode(written.encoded())
        #expect(loaded.provinces.first?.officials["Nguyễn Văn An"]?.titles == [secretary, deputy])
        var state = loaded.state
        state.deriveCurrentUnits { _ in ("Đồng Nai", 75) }
        #expect(state.currentUnits["Đồng Nai"]?.officials["Nguyễn Văn An"]?.titles == [secretary, deputy])
        state.apply(Self.record(date: "2024-02-01", provinces: [("Bình Phước", [.host])],
                                participants: [.init(name: "Nguyễn Văn An", titles: [secretary, "Ủy viên"], province: "Bình Phước", location: nil)]),
                    documentID: "b")
        #expect(state.provinces["Bình Phước"]?.officials["Nguyễn Văn An"]?.titles == [secretary, deputy, "Ủy viên"])
        #expect(state.provinces["Bình Phước"]?.officials["Nguyễn Văn An"]?.lastSeen == "2024-02-01")
    }

    @Test("of an NFC and an NFD spelling of one name or topic, the NFC one names the entry, whatever the order and the dictionary")
    func spellingIndependentOfOrder() throws {
        let name = "Nguyễn Văn Ánh", topic = "chuyển đổi số"
        let nameNFD = name.decomposedStringWithCanonicalMapping, topicNFD = topic.decomposedStringWithCanonicalMapping
        var snapshots: Set<[UInt8]> = []
        for round in 0..<24 {
            var state = AggregateState()
            // Other officials, more each round, so that each state's dictionary has its own size and order.
            let others = (0..<round * 3).map { MeetingRecord.Participant(name: "Người \($0)", titles: ["Ủy viên"], province: "Bình Phước", location: nil) }
            var spellings = [(nameNFD, topicNFD), (name, topic)]
            if round.isMultiple(of: 2) { spellings.reverse() }
            for (index, (spelledName, spelledTopic)) in spellings.enumerated() {
                state.apply(Self.record(date: "2024-03-0\(index + 1)", provinces: [("Bình Phước", [.host])],
                                        participants: [.init(name: spelledName, titles: ["Bí thư Tỉnh ủy"], province: "Bình Phước", location: nil)] + others,
                                        topics: [spelledTopic]), documentID: "d\(index)")
            }
            let province = try #require(state.provinces["Bình Phước"])
            #expect(province.officials.keys.contains { Array($0.utf8) == Array(name.utf8) }, "round \(round)")
            #expect(province.topics.keys.map { Array($0.utf8) } == [Array(topic.utf8)], "round \(round)")
            var only = state
            only.provinces = ["Bình Phước": ProvinceState(name: "Bình Phước")]
            only.provinces["Bình Phước"]?.officials = province.officials.filter { $0.key == name }
            only.provinces["Bình Phước"]?.topics = province.topics
            only.currentUnits = [:]
            snapshots.insert(Snapshot(state: only, createdAt: "2024-03-03T00:00:00Z").encodedBytes())
        }
        #expect(snapshots.count == 1, "the same snapshot whatever the order")
    }

    @Test("applying a record counts documents, meetings, roles, topics, dates and officials")
    func applies() throws {
        let official = MeetingRecord.Participant(name: "Nguyễn Văn An", titles: ["Bí thư Tỉnh ủy"], province: "Bình Phước", location: nil)
        var state = AggregateState()
        state.apply(Self.record(date: "2024-01-17", provinces: [("Bình Phước", [.bridgePoint, .discussant]), ("Hà Nội", [.mentioned])],
                                                   participants: [official], topics: ["kinh tế số"]), documentID: "a")
        state.apply(Self.record(date: "2023-12-01", provinces: [("Bình Phước", [.mentioned])]), documentID: "b")
        #expect(state.documentsApplied == 2)
        let province = try #require(state.provinces["Bình Phước"])
        #expect(province.documents == 2)
        #expect(province.meetings == 1)
        #expect(province.roles == ["bridgePoint": 1, "discussant": 1, "mentioned": 1])
        #expect(province.firstMeetingDate == "2023-12-01")
        #expect(province.lastMeetingDate == "2024-01-17")
        #expect(province.officials["Nguyễn Văn An"]?.titles == ["Bí thư Tỉnh ủy"])
        #expect(province.officials["Nguyễn Văn An"]?.lastSeen == "2024-01-17")
        #expect(province.topics == ["kinh tế số": 1])
        #expect(province.latestDocuments == ["b", "a"], "newest meeting last, whatever order they came in")
        #expect(state.provinces["Hà Nội"]?.officials.isEmpty == true)
        #expect(state.sequence == 2)
    }

    @Test("meetings are counted per month of the record's full date, only where the province took part")
    func meetingsByMonth() throws {
        var state = AggregateState()
        state.apply(Self.record(date: "2024-01-17", provinces: [("Bình Phước", [.host]), ("Hà Nội", [.mentioned])]), documentID: "a")
        state.apply(Self.record(date: "2024-01-30", provinces: [("Bình Phước", [.bridgePoint, .discussant])]), documentID: "b")
        state.apply(Self.record(date: "2024-03-02", provinces: [("Bình Phước", [.discussant])]), documentID: "c")
        state.apply(Self.record(date: "2024-03-09", provinces: [("Bình Phước", [.mentioned])]), documentID: "d")
        state.apply(Self.record(date: "--05-04", provinces: [("Bình Phước", [.host])]), documentID: "e")
        state.apply(Self.record(date: nil, provinces: [("Bình Phước", [.host])]), documentID: "f")
        let province = try #require(state.provinces["Bình Phước"])
        #expect(province.meetingsByMonth == ["2024-01": 2, "2024-03": 1])
        #expect(province.meetings == 5, "meetings without a full date count in total but in no month")
        #expect(state.provinces["Hà Nội"]?.meetingsByMonth == [:])

        var reversed = AggregateState()
        for (id, date) in [("c", "2024-03-02"), ("b", "2024-01-30"), ("a", "2024-01-17")] {
            let roles: [MeetingRecord.ProvinceRole] = id == "a" ? [.host] : id == "b" ? [.bridgePoint, .discussant] : [.discussant]
            reversed.apply(Self.record(date: date, provinces: [("Bình Phước", roles)]), documentID: id)
        }
        #expect(reversed.provinces["Bình Phước"]?.meetingsByMonth == ["2024-01": 2, "2024-03": 1])
    }

    @Test("a snapshot written before meetingsByMonth existed still loads, with the months empty")
    func snapshotWithoutMonths() throws {
        let json = """
        {"schema": 1, "sequence": 1, "createdAt": "2026-01-01T00:00:00Z", "documentsApplied": 1, "appliedIDs": ["a"],
         "provinces": [{"name": "Cà Mau", "code": 96, "documents": 1, "meetings": 1, "firstMeetingDate": "2024-05-04",
                        "lastMeetingDate": "2024-05-04", "officials": {}, "roles": {"host": 1}, "topics": {}, "latestDocuments": ["a"]}]}
        """
        let snapshot = try Snapshot.decode(Data(json.utf8))
        #expect(snapshot.provinces.first?.meetingsByMonth == [:])
        #expect(snapshot.provinces.first?.formedIn2025 == false, "an older snapshot knows only the old units")
        #expect(snapshot.provinces.first?.meetings == 1)
        #expect(try Snapshot.decode(snapshot.encoded()) == snapshot)
    }

    @Test("the state does not depend on the order documents arrive in (re-deliveries after faults reorder them)")
    func orderIndependent() {
        let records = [
            ("a", Self.record(date: "2024-03-10", provinces: [("Quảng Ngãi", [.host])], participants: [
                .init(name: "Võ Văn Hà", titles: ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh Quảng Ngãi"], province: "Quảng Ngãi", location: nil)])),
            ("b", Self.record(date: "2023-06-09", provinces: [("Quảng Ngãi", [.discussant])], participants: [
                .init(name: "Võ Văn Hà", titles: ["Giám đốc Sở Kế hoạch và Đầu tư tỉnh Quảng Ngãi"], province: "Quảng Ngãi", location: nil)])),
            ("c", Self.record(date: nil, provinces: [("Quảng Ngãi", [.mentioned])], topics: ["giảm nghèo"])),
            ("d", MeetingRecord(date: "2025-08-01", provinces: [.init(name: "Quảng Ngãi", code: 51, roles: [.host], mergedInto: "Quảng Ngãi")])),
            ("e", MeetingRecord(date: "2025-08-01", provinces: [.init(name: "Quảng Ngãi", code: 99, roles: [.mentioned], mergedInto: "Quảng Ngãi")])),
        ]
        func applied(_ order: [Int]) -> ProvinceState? {
            var state = AggregateState()
            for index in order { state.apply(records[index].1, documentID: records[index].0) }
            return state.provinces["Quảng Ngãi"]
        }
        let first = applied([0, 1, 2, 3, 4])
        for order in [[4, 3, 2, 1, 0], [1, 0, 3, 2, 4], [3, 1, 4, 2, 0], [2, 4, 0, 3, 1]] { #expect(applied(order) == first) }
        #expect(first?.code == 99, "the code of the latest date, the larger on a tie")
    }

    @Test("applying records in any order gives the same state")
    func anyOrder() {
        let records = (0..<30).map { index in
            (String(index), Self.record(date: "2024-02-\(10 + index % 15)", provinces: [(["Bình Phước", "Cà Mau", "Hà Nội"][index % 3], [.host])], topics: ["t\(index % 4)"]))
        }
        var forward = AggregateState()
        for (id, record) in records { forward.apply(record, documentID: id) }
        var shuffled = AggregateState()
        var generator = SystemRandomNumberGenerator()
        for (id, record) in records.shuffled(using: &generator) { shuffled.apply(record, documentID: id) }
        #expect(forward.provinces == shuffled.provinces)
        #expect(forward.currentUnits == shuffled.currentUnits)
        #expect(forward.documentsApplied == shuffled.documentsApplied)
    }

    /// A tester's report: two clusters given the same 25 reports in opposite orders kept different "latest" ids.
    @Test("the latest documents are the newest meetings, the same in any order and across a snapshot and restart")
    func latestInAnyOrder() throws {
        // Twenty-five reports of one province: dates out of order, two on one day, three without a date.
        var dates: [String?] = []
        for index in 0..<22 { dates.append(String(format: "2024-%02d-%02d", 1 + index % 12, 1 + (index * 7) % 28)) }
        dates += ["2024-03-08", nil, nil]
        let records = dates.enumerated().map { index, date in
            (String(format: "doc-%02d", index), Self.record(date: date, provinces: [("Hà Nội", [.host])]))
        }
        let dated = records.compactMap { id, record in record.date.map { (date: $0, id: id) } }
        let newest = dated.sorted { ($0.date, $0.id) < ($1.date, $1.id) }.suffix(20).map(\.id)
        var generator = SystemRandomNumberGenerator()
        var kept: [[String]] = []
        for round in 0..<6 {
            var state = AggregateState()
            let order = round == 0 ? records : round == 1 ? records.reversed() : records.shuffled(using: &generator)
            // Half applied, then a snapshot and a restart from it, then the rest.
            for (id, record) in order.prefix(12) { state.apply(record, documentID: id) }
            state = try Snapshot.decode(Snapshot(state: state, createdAt: "2026-01-01T00:00:00Z").encoded()).state
            for (id, record) in order.dropFirst(12) { state.apply(record, documentID: id) }
            let province = try #require(state.provinces["Hà Nội"])
            kept.append(province.latestDocuments)
            #expect(province.latestDocumentDates == province.latestDocuments.map { id in records.first { $0.0 == id }?.1.date ?? "" })
            #expect(state.currentUnits["Đồng Nai"]?.latestDocuments == province.latestDocuments, "the 2025 unit it went into (the helper says Đồng Nai)")
        }
        #expect(kept.allSatisfy { $0 == Array(newest) }, "\(kept)")
    }

    @Test("latest documents from a snapshot without their dates load as undated, and dated ones pass them")
    func latestFromAnOlderSnapshot() throws {
        let json = """
            {"name": "Cà Mau", "documents": 3, "meetings": 0, "officials": {}, "roles": {}, "topics": {}, "latestDocuments": ["c", "a", "b"]}
            """
        var province = try JSONDecoder().decode(ProvinceState.self, from: Data(json.utf8))
        #expect(province.latestDocuments == ["a", "b", "c"] && province.latestDocumentDates == ["", "", ""])
        province.noteLatest("z", date: "2020-01-01")
        province.noteLatest("a", date: "")
        #expect(province.latestDocuments == ["a", "b", "c", "z"], "a document kept already stays once")
    }

    @Test("a unit made of two old ones lists a document both named once among its latest")
    func absorbedLatestOnce() {
        var first = ProvinceState(name: "Bạc Liêu")
        var second = ProvinceState(name: "Cà Mau")
        for (id, date) in [("x", "2024-01-02"), ("y", "2024-01-03")] { first.noteLatest(id, date: date) }
        for (id, date) in [("y", "2024-01-03"), ("w", "2023-05-05")] { second.noteLatest(id, date: date) }
        var unit = ProvinceState(name: "Cà Mau", formedIn2025: true)
        unit.absorb(first)
        unit.absorb(second)
        #expect(unit.latestDocuments == ["w", "x", "y"])
    }

    @Test("a snapshot round-trips the state", arguments: [0, 1, 25])
    func snapshotRoundTrip(count: Int) throws {
        var state = AggregateState()
        for index in 0..<count { state.apply(Self.record(date: nil, provinces: [("Cà Mau", [.mentioned])]), documentID: "d\(index)") }
        let decoded = try Snapshot.decode(Snapshot(state: state, createdAt: "2026-01-01T00:00:00Z").encoded())
        #expect(decoded.state == state)
        #expect(decoded.schema == Snapshot.currentSchema)
    }

    @Test("province names match ignoring case and diacritics", arguments: [
        ("binh phuoc", "Bình Phước"), ("BÌNH PHƯỚC", "Bình Phước"), ("thua thien hue", "Thừa Thiên Huế"), ("ba ria vung tau", "Bà Rịa - Vũng Tàu"),
    ])
    func looseNames(query: String, name: String) {
        var state = AggregateState()
        state.apply(Self.record(date: nil, provinces: [(name, [.host])]), documentID: "x")
        #expect(state.province(matching: query)?.name == name)
    }
}

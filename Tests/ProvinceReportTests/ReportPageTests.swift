import Foundation
import MeetingModel
import ProvinceAggregation
import Testing
@testable import ProvinceReport

@Suite("Report page")
struct ReportPageTests {
    static func record(_ date: String?, _ provinces: [(String, Int, [MeetingRecord.ProvinceRole])],
                       participants: [MeetingRecord.Participant] = [], topics: [String] = []) -> MeetingRecord {
        MeetingRecord(
            date: date, participants: participants,
            provinces: provinces.map { MeetingRecord.ProvinceMention(name: $0.0, code: $0.1, roles: $0.2, mergedInto: $0.0) },
            topics: topics)
    }

    /// Four provinces: one with a hostile official's name and topic, one only mentioned, meetings over three months.
    /// `hostile: false` leaves the hostile text out, for checks that look for markup in the page's text.
    static func snapshot(hostile: Bool = true) -> Snapshot {
        var state = AggregateState()
        let attacker = MeetingRecord.Participant(name: "<script>alert('x')</script>", titles: ["Chủ tịch \"UBND\" & <b>"], province: "Bình Phước", location: nil)
        let official = MeetingRecord.Participant(name: "Nguyễn Thị Hường", titles: ["Phó Chủ tịch UBND tỉnh Cà Mau"], province: "Cà Mau", location: nil)
        _ = state.apply(record("2024-01-17", [("Bình Phước", 70, [.host]), ("Hà Nội", 1, [.mentioned])], participants: hostile ? [attacker] : [], topics: hostile ? ["<img src=x>"] : ["kinh tế số"]), documentID: String(repeating: "a", count: 64))
        _ = state.apply(record("2024-03-02", [("Bình Phước", 70, [.bridgePoint]), ("Cà Mau", 96, [.host])], participants: [official], topics: ["chuyển đổi số"]), documentID: String(repeating: "b", count: 64))
        _ = state.apply(record("2024-03-20", [("Cà Mau", 96, [.discussant]), ("Thừa Thiên Huế", 46, [.host])], topics: ["chuyển đổi số", "giảm nghèo"]), documentID: String(repeating: "c", count: 64))
        _ = state.apply(record(nil, [("Thừa Thiên Huế", 46, [.host])]), documentID: String(repeating: "d", count: 64))
        return Snapshot(state: state, createdAt: "2026-01-01T00:00:00Z")
    }

    @Test("names, titles and topics are HTML-escaped: a <script> in a name stays text")
    func escapes() {
        let page = ReportPage.html(Self.snapshot(), source: "/tmp/<odd>")
        #expect(!page.contains("<script"))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(page.contains("Chủ tịch &quot;UBND&quot; &amp; &lt;b&gt;"))
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;img src=x&gt;"))
        #expect(page.contains("/tmp/&lt;odd&gt;"))
    }

    @Test("every province with a document is on the page, in the chart and with a section; Vietnamese stays as written")
    func everyProvince() {
        let snapshot = Self.snapshot()
        let page = ReportPage.html(snapshot)
        #expect(page.contains("<meta charset=\"utf-8\">"))
        for province in snapshot.provinces {
            let name = province.name
            #expect(page.contains("dominant-baseline=\"central\">\(name)</text>"), "\(name) labels a bar")
            #expect(page.contains("<h3>\(name) <span class=\"code\">"), "\(name) heads a section")
            let anchor = ReportPage.anchors(snapshot.provinces)[province.displayName]!
            #expect(page.contains("id=\"\(anchor)\""))
            #expect(page.contains("href=\"#\(anchor)\""))
        }
        #expect(page.contains("Nguyễn Thị Hường"))
        #expect(page.contains("Phó Chủ tịch UBND tỉnh Cà Mau"))
    }

    @Test("section ids are unique and ASCII even where the merger gave two provinces one code")
    func anchors() {
        var state = AggregateState()
        _ = state.apply(Self.record("2024-05-01", [("Yên Bái", 15, [.host])]), documentID: "a")
        _ = state.apply(Self.record("2025-08-01", [("Lào Cai", 15, [.host])]), documentID: "b")
        _ = state.apply(Self.record("2024-05-02", [("Bà Rịa - Vũng Tàu", 77, [.host]), ("Đắk Lắk", 66, [.host])]), documentID: "c")
        let anchors = ReportPage.anchors(Snapshot(state: state, createdAt: "2026-01-01T00:00:00Z").provinces)
        #expect(anchors == ["Yên Bái": "province-yen-bai", "Lào Cai": "province-lao-cai",
                            "Bà Rịa - Vũng Tàu": "province-ba-ria-vung-tau", "Đắk Lắk": "province-dak-lak"])
        let page = ReportPage.html(Snapshot(state: state, createdAt: "2026-01-01T00:00:00Z"))
        for anchor in anchors.values { #expect(page.components(separatedBy: "id=\"\(anchor)\"").count == 2) }
    }

    @Test("provinces are ordered by meetings, then documents, then name")
    func order() {
        let names = ReportPage.ordered(Self.snapshot().provinces).map(\.name)
        #expect(names == ["Bình Phước", "Cà Mau", "Thừa Thiên Huế", "Hà Nội"])
    }

    @Test("the page needs nothing from outside: no URLs, no src=, no external stylesheets or fonts")
    func selfContained() {
        let page = ReportPage.html(Self.snapshot(hostile: false), source: "snapshot.json")
        for forbidden in ["http://", "https://", "src=", "<link", "@import", "url(", "//cdn", "<script"] {
            #expect(!page.contains(forbidden), "\(forbidden) on the page")
        }
        for href in page.components(separatedBy: "href=\"").dropFirst() {
            #expect(href.hasPrefix("#"), "only links within the page: \(href.prefix(40))")
        }
    }

    @Test("both charts are present: a bar per province and a bar per month with the gap month shown")
    func charts() {
        let page = ReportPage.html(Self.snapshot())
        #expect(page.contains("aria-label=\"Meetings per province\""))
        #expect(page.contains("aria-label=\"Meetings per month\""))
        #expect(page.components(separatedBy: "class=\"bar-documents\"").count - 1 == 4)
        #expect(page.contains("<title>2024-01: 1 (Bình Phước 1)</title>"))
        #expect(page.contains("<title>2024-03: 4 (Cà Mau 2, Bình Phước 1, Thừa Thiên Huế 1)</title>"))
        #expect(page.contains(">02</text>"), "February, with no meeting, is still on the axis")
        #expect(page.contains("Meetings without a full date (not shown): 1."))
    }

    @Test("a snapshot without provinces, or written before months were counted, still renders")
    func emptyAndOld() throws {
        let empty = ReportPage.html(Snapshot(state: AggregateState(), createdAt: "2026-01-01T00:00:00Z"))
        #expect(empty.contains("No province has a document"))
        #expect(empty.hasSuffix("</html>\n"))
        var old = Self.snapshot()
        for index in old.provinces.indices { old.provinces[index].meetingsByMonth = [:] }
        let page = ReportPage.html(old)
        #expect(page.contains("No meeting with a full date"))
        #expect(page.contains("aria-label=\"Meetings per province\""))
    }

    @Test("the same snapshot gives the same page, whatever order its provinces come in")
    func deterministic() {
        var shuffled = Self.snapshot()
        shuffled.provinces.reverse()
        #expect(ReportPage.html(shuffled) == ReportPage.html(Self.snapshot()))
    }

    @Test("month ranges fill gaps across years, and a stray far year does not make thousands of months")
    func months() {
        #expect(Charts.monthRange(["2023-11", "2024-02"]) == ["2023-11", "2023-12", "2024-01", "2024-02"])
        #expect(Charts.monthRange(["0024-05", "2024-02"]) == ["0024-05", "2024-02"])
        #expect(Charts.monthRange(["junk"]) == [])
        #expect([1, 4, 5, 6, 11, 30, 99, 240].map(Charts.tickStep) == [1, 1, 1, 2, 5, 10, 20, 50])
    }

    @Test("with only the months that have meetings shown (a stray far year), each year is labelled where it begins")
    func yearLabelsOnSparseMonths() {
        let chart = Charts.meetingsPerMonth(["1900-03": (1, [("Kon Tum", 1)]), "2023-11": (2, [("Cà Mau", 2)]),
                                             "2024-03": (1, [("Cà Mau", 1)]), "2024-04": (3, [("Cà Mau", 3)])])
        let years = chart.components(separatedBy: "class=\"tick year\"").dropFirst().compactMap { $0.split(separator: ">").dropFirst().first?.prefix(4) }
        #expect(years == ["1900", "2023", "2024"], "\(chart)")
    }
}

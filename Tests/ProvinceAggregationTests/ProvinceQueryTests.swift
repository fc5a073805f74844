import TestSupport
import Testing
@testable import ProvinceAggregation

@Suite("Province lookup")
struct ProvinceQueryTests {
    /// The 63 units before 2025, as snapshots name them (Huế as `Thừa Thiên Huế`).
    static let before2025 = ProvinceNames.before2025

    /// The 34 units from 1 July 2025.
    static let from2025 = [
        "Hà Nội", "Cao Bằng", "Tuyên Quang", "Điện Biên", "Lai Châu", "Sơn La", "Lào Cai", "Thái Nguyên", "Lạng Sơn",
        "Quảng Ninh", "Bắc Ninh", "Phú Thọ", "Hải Phòng", "Hưng Yên", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
        "Quảng Trị", "Huế", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Đắk Lắk", "Lâm Đồng", "Đồng Nai",
        "Hồ Chí Minh", "Tây Ninh", "Đồng Tháp", "Vĩnh Long", "An Giang", "Cần Thơ", "Cà Mau",
    ]

    @Test("forms people type find the province of a snapshot of the 63 units", arguments: [
        ("hcm", "Hồ Chí Minh"), ("HCM", "Hồ Chí Minh"), ("tp hcm", "Hồ Chí Minh"), ("TP.HCM", "Hồ Chí Minh"), ("Tp. HCM", "Hồ Chí Minh"),
        ("tphcm", "Hồ Chí Minh"), ("TPHCM", "Hồ Chí Minh"), ("T.P. HCM", "Hồ Chí Minh"), ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("thanh pho ho chi minh", "Hồ Chí Minh"), ("TP. Hồ Chí Minh", "Hồ Chí Minh"), ("Ho Chi Minh City", "Hồ Chí Minh"),
        ("HCMC", "Hồ Chí Minh"), ("hồ chí minh", "Hồ Chí Minh"), ("sài gòn", "Hồ Chí Minh"), ("saigon", "Hồ Chí Minh"), ("SG", "Hồ Chí Minh"),
        ("HN", "Hà Nội"), ("ha noi", "Hà Nội"), ("HÀ NỘI", "Hà Nội"), ("hanoi", "Hà Nội"), ("thủ đô Hà Nội", "Hà Nội"), ("TP Hà Nội", "Hà Nội"),
        ("Huế", "Thừa Thiên Huế"), ("Hue", "Thừa Thiên Huế"), ("thua thien hue", "Thừa Thiên Huế"), ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("TT-Huế", "Thừa Thiên Huế"), ("TTH", "Thừa Thiên Huế"), ("tỉnh Thừa Thiên Huế", "Thừa Thiên Huế"),
        ("tinh ca mau", "Cà Mau"), ("tỉnh Cà Mau", "Cà Mau"), ("ca-mau", "Cà Mau"), ("CA MAU", "Cà Mau"), ("camau", "Cà Mau"), ("Ca Mau province", "Cà Mau"),
        ("BRVT", "Bà Rịa - Vũng Tàu"), ("BR-VT", "Bà Rịa - Vũng Tàu"), ("ba ria vung tau", "Bà Rịa - Vũng Tàu"), ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("tỉnh Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("dak lak", "Đắk Lắk"), ("Đắc Lắc", "Đắk Lắk"), ("Đăk Lăk", "Đắk Lắk"), ("daklak", "Đắk Lắk"), ("bac can", "Bắc Kạn"),
        ("ĐỒNG THÁP", "Đồng Tháp"), ("dong nai", "Đồng Nai"), ("kontum", "Kon Tum"), ("binh phuoc", "Bình Phước"),
        ("T.P. Cần Thơ", "Cần Thơ"), ("tp.can tho", "Cần Thơ"), ("tinh thanh hoa", "Thanh Hóa"), ("Thanh Hoá", "Thanh Hóa"), ("Khánh Hoà", "Khánh Hòa"),
        ("  Quảng   Ngãi ", "Quảng Ngãi"),
    ])
    func foundBefore2025(query: String, expected: String) {
        #expect(ProvinceQuery.match(query, among: Self.before2025) == .found(expected))
    }

    @Test("after 2025 the same forms find the 34 units, and Huế under either name", arguments: [
        ("Huế", "Huế"), ("hue", "Huế"), ("Thừa Thiên Huế", "Huế"), ("thua thien hue", "Huế"), ("TTH", "Huế"), ("TP Huế", "Huế"),
        ("thành phố Huế", "Huế"), ("hcm", "Hồ Chí Minh"), ("TP.HCM", "Hồ Chí Minh"), ("hn", "Hà Nội"), ("tinh ca mau", "Cà Mau"),
    ])
    func foundFrom2025(query: String, expected: String) {
        #expect(ProvinceQuery.match(query, among: Self.from2025) == .found(expected))
    }

    @Test("a snapshot with both Huế and Thừa Thiên Huế (articles from both sides of 2025): each name finds itself")
    func bothHueNames() {
        let names = ["Huế", "Thừa Thiên Huế", "Đà Nẵng"]
        #expect(ProvinceQuery.match("hue", among: names) == .found("Huế"))
        #expect(ProvinceQuery.match("Thừa Thiên Huế", among: names) == .found("Thừa Thiên Huế"))
    }

    @Test("an alias finds only what the snapshot has")
    func aliasNeedsTheName() {
        #expect(ProvinceQuery.match("hcm", among: ["Hà Nội", "Cà Mau"]) == .missing(suggestions: [], region: nil))
    }

    @Test("misses name the nearest names, at most three, nearest first", arguments: [
        ("ca mua", ["Cà Mau"]), ("Ca Maau", ["Cà Mau"]), ("quang nga", ["Quảng Ngãi", "Quảng Nam"]), ("ha tihn", ["Hà Tĩnh"]),
        ("hcmm", ["Hồ Chí Minh"]), ("thua thien hu", ["Thừa Thiên Huế"]), ("binh dong", ["Bình Dương", "Bình Định", "Vĩnh Long"]),
        ("xyz", []), ("dn", []), ("tp", []), ("", []),
    ])
    func suggestions(query: String, expected: [String]) {
        #expect(ProvinceQuery.match(query, among: Self.before2025) == .missing(suggestions: expected, region: nil))
    }

    @Test("a region (ĐBSCL) is not a province: no match and no suggestion", arguments: ["ĐBSCL", "dbscl", "Đồng bằng sông Cửu Long", "Tây Nguyên"])
    func regions(query: String) {
        guard case .missing(let suggestions, let region) = ProvinceQuery.match(query, among: Self.before2025) else {
            Issue.record("\(query) matched a province")
            return
        }
        #expect(suggestions.isEmpty)
        #expect(region != nil)
    }

    @Test("no two of the 97 names fold to the same key")
    func keysAreDistinct() {
        let names = Set(Self.before2025 + Self.from2025)
        let keys = Set(names.map { ProvinceQuery.significantWords($0).joined() })
        #expect(keys.count == names.count)
    }

    @Test("AggregateState.province(matching:) uses the same lookup")
    func stateLookup() {
        var state = AggregateState()
        for name in ["Hồ Chí Minh", "Cà Mau"] { state.provinces[name] = ProvinceState(name: name) }
        #expect(state.province(matching: "TP.HCM")?.name == "Hồ Chí Minh")
        #expect(state.province(matching: "tỉnh Cà Mau")?.name == "Cà Mau")
        #expect(state.lookUpProvince("ca mua") == .missing(suggestions: ["Cà Mau"], region: nil))
    }

    @Test("units by name: a name an old unit and its 2025 successor share means both, the older first; the 2025 key typed whole means it alone")
    func unitsByName() {
        let keys = ["Gia Lai (2025)", "Cà Mau", "Gia Lai"]
        #expect(ProvinceQuery.matchUnits("gia lai", among: keys) == .found(["Gia Lai", "Gia Lai (2025)"]))
        #expect(ProvinceQuery.matchUnits("Gia Lai (2025)", among: keys) == .found(["Gia Lai (2025)"]))
        #expect(ProvinceQuery.matchUnits("gia lai", among: ["Gia Lai (2025)"]) == .found(["Gia Lai (2025)"]))
        #expect(ProvinceQuery.matchUnits("tinh ca mau", among: keys) == .found(["Cà Mau"]))
        guard case .missing = ProvinceQuery.matchUnits("Kon Tum", among: keys) else { Issue.record("Kon Tum is not among the keys"); return }
    }
}

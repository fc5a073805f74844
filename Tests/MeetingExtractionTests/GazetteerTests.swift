import Foundation
import Testing
@testable import MeetingExtraction

@Suite("Gazetteer")
struct GazetteerTests {
    let gazetteer = sharedTables.gazetteer

    @Test("63 units before the merger, 34 after, six centrally-run cities in each")
    func counts() {
        #expect(gazetteer.before2025.count == 63)
        #expect(gazetteer.from20250701.count == 34)
        #expect(gazetteer.before2025.filter(\.isCity).count == 6)
        #expect(gazetteer.from20250701.filter(\.isCity).count == 6)
        #expect(Set(gazetteer.before2025.map(\.code)).count == 63)
        #expect(Set(gazetteer.from20250701.map(\.code)).count == 34)
    }

    @Test("every old unit maps to exactly one new unit, and every new unit has a predecessor")
    func mapping() {
        let newNames = gazetteer.from20250701.map(\.name)
        for old in gazetteer.before2025 {
            #expect(newNames.filter { $0 == old.mergedInto }.count == 1, "\(old.name) -> \(old.mergedInto)")
        }
        #expect(Set(gazetteer.before2025.map(\.mergedInto)) == Set(newNames))
    }

    @Test("a malformed gazetteer is refused")
    func refusesBadTables() {
        #expect(throws: (any Error).self) { try Gazetteer(json: Data("{}".utf8)) }
    }

    @Test("written forms resolve to their unit", arguments: [
        ("TP.HCM", "Hồ Chí Minh"), ("TPHCM", "Hồ Chí Minh"), ("TP HCM", "Hồ Chí Minh"), ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("BR-VT", "Bà Rịa - Vũng Tàu"), ("TT-Huế", "Thừa Thiên Huế"), ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("Đăk Lăk", "Đắk Lắk"), ("Đắc Lắc", "Đắk Lắk"), ("Bắc Cạn", "Bắc Kạn"), ("Hải phòng", "Hải Phòng"),
        ("Thanh Hoá", "Thanh Hóa"), ("Khanh Hoa", "Khánh Hòa"), ("Binh Phuoc", "Bình Phước"), ("KonTum", "Kon Tum"),
    ])
    func forms(written: String, canonical: String) {
        let record = extractor.extract(text: "Sáng 5/3/2024, đoàn công tác làm việc tại \(written).")
        #expect(record.provinces.map(\.name) == [canonical])
    }

    @Test("things that look like provinces but are not", arguments: [
        "Chủ tịch Hồ Chí Minh", "học tập và làm theo tư tưởng Hồ Chí Minh", "Học viện Chính trị quốc gia Hồ Chí Minh",
        "vùng biển Thái Bình Dương", "vì hòa bình và hữu nghị", "đồng chí Trương Hòa Bình", "ông Nguyễn Thái Bình", "chiến thắng Điện Biên Phủ",
        "việc hợp nhất hai xã Đồng Yên và Vĩnh Phúc", "các phường Tân Lập và Hòa Bình",
        "lãnh đạo các huyện Hồng Dân, Phước Long, Đông Hải, Hòa Bình", "3 xã Tân Lập, Yên Bình và Hà Nam",
    ])
    func notProvinces(text: String) {
        let record = extractor.extract(text: "Ngày 5/3/2024, hội nghị nhắc đến \(text) trong phát biểu.")
        #expect(record.provinces.isEmpty, "\(record.provinces.map(\.name))")
    }

    @Test("a province after 'và' is the province when no plural unit comes before the first name")
    func provinceAfterAnotherPlace() {
        let record = extractor.extract(text: "Ngày 5/3/2024, xã Tân Lập và Vĩnh Phúc ký kết hợp tác; lãnh đạo huyện Yên Sơn và Tuyên Quang dự.")
        #expect(Set(record.provinces.map(\.name)) == ["Vĩnh Phúc", "Tuyên Quang"], "\(record.provinces.map(\.name))")
        // Nor after commas: a singular unit's list names places of several kinds.
        let listed = extractor.extract(text: "Ngày 5/3/2024, huyện Yên Sơn, Tuyên Quang và Hà Giang ký kết hợp tác.")
        #expect(Set(listed.provinces.map(\.name)) == ["Tuyên Quang", "Hà Giang"], "\(listed.provinces.map(\.name))")
    }

    @Test("names follow the article's date: merged units after 1 July 2025, Thừa Thiên Huế before 2025")
    func eras() {
        let after = extractor.extract(text: "Sáng 12/8/2025, UBND tỉnh Bình Phước và tỉnh Hà Giang họp.")
        #expect(after.provinces.map(\.name) == ["Đồng Nai", "Tuyên Quang"])
        let before = extractor.extract(text: "Sáng 12/8/2024, UBND tỉnh Bình Phước và TP Huế họp.")
        #expect(before.provinces.map(\.name) == ["Bình Phước", "Thừa Thiên Huế"])
        #expect(before.provinces.map(\.mergedInto) == ["Đồng Nai", "Huế"])
        let early2025 = extractor.extract(text: "Sáng 12/3/2025, UBND TP Huế họp.")
        #expect(early2025.provinces.map(\.name) == ["Huế"])
    }
}

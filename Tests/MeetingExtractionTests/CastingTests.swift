@testable import MeetingExtraction
import MeetingModel
import Testing

/// Who chairs, who takes part, and which provinces a report mentions, in the shapes real reports use.
@Suite("Chair, participants and mentions")
struct CastingTests {
    @Test("the first of those who chair together is the chair", arguments: [
        ("Bí thư Thành ủy Nguyễn Văn An, Chủ tịch UBND thành phố Trần Văn Bình cùng chủ trì hội nghị.", "Nguyễn Văn An", ["Trần Văn Bình"]),
        ("Các đồng chí: Lê Văn Cường, Bí thư Thành ủy Hà Nội; Phạm Văn Dũng, Bí thư Tỉnh ủy Lào Cai chủ trì buổi làm việc.",
         "Lê Văn Cường", ["Phạm Văn Dũng"]),
        ("Hội thảo được tổ chức tại Hậu Giang, Chủ trì Hội thảo gồm các đồng chí: GS.TS Lê Văn Hải - Phó Giám đốc Học viện; "
            + "Đồng chí Ngô Văn Khánh - Trưởng ban Tuyên giáo Tỉnh ủy.", "Lê Văn Hải", ["Ngô Văn Khánh"]),
    ] as [(String, String, [String])])
    func coChairs(text: String, chair: String, coChairs: [String]) {
        let record = extractor.extract(text: "Sáng 5/3/2024. " + text)
        #expect(record.chair?.name == chair)
        #expect(record.coChairs.map(\.name) == coChairs)
    }

    @Test("with no chair named, whoever comes to work with a province leads; management and rankings are not chairing")
    func visitLeader() {
        let record = extractor.extract(text: "Sáng 14/7/2024, Bộ trưởng Bộ Giáo dục và Đào tạo Phùng Văn Nhạn đã có buổi làm việc với TP Đà Nẵng. "
            + "Về phía thành phố có ông Nguyễn Xuân Ánh, Bí thư Thành ủy, người cho rằng cần đổi mới chỉ đạo, điều hành. "
            + "Kết quả thi của thành phố chưa lọt vào tốp dẫn đầu của cả nước.")
        #expect(record.chair?.name == "Phùng Văn Nhạn")
    }

    @Test("after 'Quốc hội thành phố' a name is the delegation head's, not the city's")
    func delegationOfTheCity() {
        let record = extractor.extract(text: "Sáng 5/3/2025, dự hội nghị có Phó Bí thư Thành ủy, Trưởng đoàn đại biểu Quốc hội thành phố "
            + "Bùi Thị Minh Hoa; Chủ tịch UBND thành phố Trần Sỹ Khánh.")
        #expect(record.participants.map(\.name) == ["Bùi Thị Minh Hoa", "Trần Sỹ Khánh"])
        #expect(record.participants.last?.titles == ["Chủ tịch UBND thành phố"])
        #expect(!record.organizations.contains { $0.contains("Bùi") }, "\(record.organizations)")
    }

    @Test("an official of a city named with TP keeps the title and the city")
    func cityTitle() throws {
        let record = extractor.extract(text: "Sáng 5/3/2024, cùng dự có ông Nguyễn Đức Hòa, Chủ tịch UBND TP Hà Nội.")
        let person = try #require(record.participants.first { $0.name == "Nguyễn Đức Hòa" })
        #expect(person.titles == ["Chủ tịch UBND TP Hà Nội"])
        #expect(person.province == "Hà Nội")
    }

    @Test("a central official's title that folds like a district's or a town's (Hải quan, đô thị, Quân ủy) gives no province; a district's and a town's still do",
          arguments: [
        ("Phó Tổng cục trưởng Tổng cục Hải quan Trần Quang Lâm", nil),
        ("Phó Viện trưởng Viện Quy hoạch Đô thị và Nông thôn Quốc gia Lê Minh Đức", nil),
        ("Phó Bí thư Quân ủy Trung ương Đỗ Văn Thắng", nil),
        ("ông Hoàng Anh Tú, Giám đốc Ban quản lý dự án đô thị", nil),
        ("Bí thư Quận ủy Ngô Quyền Vũ Đức Tâm", "Quảng Ninh"),
        ("Bí thư Thị ủy Đông Triều Phan Văn Lộc", "Quảng Ninh"),
        ("Bí thư Thị đoàn Quảng Yên Đinh Văn Hậu", "Quảng Ninh"),
        ("Bí thư Đảng ủy thị trấn Cái Rồng Lê Văn Sơn", "Quảng Ninh"),
    ] as [(String, String?)])
    func centralTitleWithoutProvince(official: String, province: String?) throws {
        let record = extractor.extract(text: "Sáng 9/4/2024, tại tỉnh Quảng Ninh, Chủ tịch UBND tỉnh Quảng Ninh Bùi Thanh Hà chủ trì hội nghị "
            + "triển khai nhiệm vụ năm 2024. Dự hội nghị có " + official + ".")
        let name = official.hasPrefix("ông ") ? "Hoàng Anh Tú" : official.split(separator: " ").suffix(3).joined(separator: " ")
        let person = try #require(record.participants.first { $0.name == name }, "\(record.participants)")
        #expect(person.province == province)
    }

    @Test("a clause that is a title, then a comma and an honorific, gives the name after it that title and its province; not a clause that is something else, nor another person's title",
          arguments: [
        ("Bí thư Tỉnh ủy Quảng Ninh, ông Trần Văn Lâm chủ trì hội nghị.", ["Bí thư Tỉnh ủy Quảng Ninh"], "Quảng Ninh"),
        ("Tại hội nghị, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Quảng Ninh, đồng chí Trần Văn Lâm phát biểu.",
         ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy Quảng Ninh"], "Quảng Ninh"),
        ("Phát biểu tại hội nghị, ông Trần Văn Lâm cho biết tỉnh đã hoàn thành kế hoạch.", [], nil),
        ("Chủ tịch UBND tỉnh Quảng Ninh Nguyễn Văn An, ông Trần Văn Lâm cùng dự.", [], nil),
        // A clause with a verb in it is not one title: the host's chair is not the guest's title.
        ("Chủ tịch UBND tỉnh Quảng Ninh gặp gỡ Tổng Giám đốc Tập đoàn Điện lực, ông Trần Văn Lâm.", [], nil),
        ("Chủ tịch UBND tỉnh Quảng Ninh làm việc với Tập đoàn Than, ông Trần Văn Lâm.", [], nil),
        // A province's name with a spaced dash, a city's abbreviation with its dot, inside the title.
        ("Tại hội nghị, Chủ tịch UBND tỉnh Bà Rịa - Vũng Tàu, ông Trần Văn Lâm phát biểu.", ["Chủ tịch UBND tỉnh Bà Rịa - Vũng Tàu"], "Bà Rịa - Vũng Tàu"),
        ("Tại hội nghị, Bí thư Thành ủy TP. Hồ Chí Minh, ông Trần Văn Lâm phát biểu.", ["Bí thư Thành ủy TP. Hồ Chí Minh"], "Hồ Chí Minh"),
        ("Phó Chủ tịch Thường trực UBND tỉnh Quảng Ninh, ông Trần Văn Lâm báo cáo.", ["Phó Chủ tịch Thường trực UBND tỉnh Quảng Ninh"], "Quảng Ninh"),
        // After `có` or `và`, which open a list's item.
        ("Dự hội nghị có Chủ tịch UBND tỉnh Bà Rịa - Vũng Tàu, ông Trần Văn Lâm.", ["Chủ tịch UBND tỉnh Bà Rịa - Vũng Tàu"], "Bà Rịa - Vũng Tàu"),
        ("Bí thư Tỉnh ủy Quảng Ninh, ông Nguyễn Văn An và Chủ tịch UBND tỉnh, ông Trần Văn Lâm cùng dự.", ["Chủ tịch UBND tỉnh"], "Quảng Ninh"),
    ] as [(String, [String], String?)])
    func titleClauseThenHonorific(sentence: String, titles: [String], province: String?) {
        let record = extractor.extract(text: "Sáng 9/4/2024, UBND tỉnh Quảng Ninh tổ chức hội nghị triển khai nhiệm vụ năm 2024. " + sentence)
        let person = record.participants.first { $0.name == "Trần Văn Lâm" }
        #expect((person?.titles ?? []) == titles, "\(record.participants)")
        if !titles.isEmpty { #expect(person?.province == province) }
    }

    @Test("someone said to be absent is not a participant; someone beside them is, also one before a semicolon that ends the clause", arguments: [
        "Ông Trần Văn Lâm vắng mặt tại buổi tiếp xúc cử tri vì bận công tác.",
        "Bà Lê Thị Hoa, Phó Chủ tịch UBND tỉnh, cũng vắng mặt; ông Trần Văn Lâm vắng mặt.",
        "Ông Trần Văn Lâm xin vắng mặt vì bận công tác; bà Lê Thị Hoa đã xin vắng mặt.",
    ])
    func absentIsNotAParticipant(sentence: String) {
        let record = extractor.extract(text: "Sáng 9/4/2024, Bí thư Tỉnh ủy Quảng Ninh Phạm Minh Quân chủ trì buổi tiếp xúc cử tri tại huyện Tiên Yên. "
            + sentence + " Ông Vũ Đức Hải, Chủ tịch UBND huyện, phát biểu.")
        let names = record.participants.map(\.name)
        #expect(!names.contains("Trần Văn Lâm") && !names.contains("Lê Thị Hoa"), "\(names)")
        #expect(names.contains("Vũ Đức Hải") && names.contains("Phạm Minh Quân"), "\(names)")
        let listed = extractor.extract(text: "Sáng 9/4/2024, Bí thư Tỉnh ủy Quảng Ninh Phạm Minh Quân chủ trì hội nghị. "
            + "Tham dự có ông Vũ Đức Hải, ông Trần Văn Lâm; vắng mặt có ông Lê Văn Tùng.")
        #expect(listed.participants.map(\.name).contains("Trần Văn Lâm"), "\(listed.participants.map(\.name))")
    }

    @Test("'và' before another title begins the next person's titles; 'và' inside a body's name does not")
    func andBeforeAnotherTitle() throws {
        let record = extractor.extract(text: "Sáng 9/4/2024, Đại tướng Lê Văn Thành, Bộ trưởng Bộ Quốc phòng và Ủy viên Bộ Chính trị, "
            + "Bí thư Thành ủy Hà Nội Trần Đức Hải đồng chủ trì hội nghị. Dự có ông Vũ Minh Khang, Giám đốc Sở Tài nguyên và Môi trường.")
        let minister = try #require(record.participants.first { $0.name == "Lê Văn Thành" })
        #expect(minister.titles.last == "Bộ trưởng Bộ Quốc phòng", "\(minister.titles)")
        let secretary = try #require(record.participants.first { $0.name == "Trần Đức Hải" })
        #expect(secretary.titles == ["Ủy viên Bộ Chính trị", "Bí thư Thành ủy Hà Nội"], "\(secretary.titles)")
        #expect(record.participants.first { $0.name == "Vũ Minh Khang" }?.titles == ["Giám đốc Sở Tài nguyên và Môi trường"])
    }

    @Test("a board named for what it sums up keeps its name; a degree after a name is that person's")
    func summingUpBoardsAndDegreesAfterNames() throws {
        let council = extractor.extract(text: "Sáng 14/5/2024, ông Nguyễn Văn Bình, Phó Chủ tịch UBND tỉnh, Chủ tịch Hội đồng phối hợp phổ "
            + "biến, giáo dục pháp luật tỉnh Nghệ An chủ trì hội nghị.")
        #expect(council.chair?.titles.last?.hasPrefix("Chủ tịch Hội đồng phối hợp") == true, "\(String(describing: council.chair))")
        let board = extractor.extract(text: "Sáng 14/5/2024, đồng chí Lê Thị Mai, Phó Trưởng Ban Chỉ đạo tổng kết chiến tranh tỉnh Thanh Hóa, "
            + "chủ trì hội nghị.")
        #expect(board.participants.first?.titles == ["Phó Trưởng Ban Chỉ đạo tổng kết chiến tranh tỉnh Thanh Hóa"])
        #expect(board.participants.first?.province == "Thanh Hóa")
        let degree = extractor.extract(text: "Sáng 14/5/2024, hội thảo diễn ra tại Cần Thơ. Ông Trần Văn Hải, TS, Viện trưởng Viện Kinh tế "
            + "báo cáo đề dẫn; ông Phạm Như Hòa, GS.TS, Giám đốc Bệnh viện Trung ương Huế phát biểu.")
        #expect(degree.participants.first { $0.name == "Trần Văn Hải" }?.titles == ["TS", "Viện trưởng Viện Kinh tế"])
        #expect(degree.participants.first { $0.name == "Phạm Như Hòa" }?.titles == ["GS.TS", "Giám đốc Bệnh viện Trung ương Huế"])
    }

    @Test("a title runs through the city's abbreviation dot (UBND TP. Cần Thơ), in the body and in a caption, but not into the next title after it")
    func titleThroughTheCitysDot() throws {
        let record = extractor.extract(text: "Hội nghị cải cách hành chính\n\nPhó Chủ tịch UBND TP. Cần Thơ Lê Thị Hoa phát biểu tại hội nghị.\n\n"
            + "Sáng 12/12/2024, UBND thành phố Cần Thơ tổ chức hội nghị tổng kết cải cách hành chính. Giám đốc Sở Nội vụ Tp. Cần Thơ "
            + "Trần Văn Cường báo cáo tại hội nghị. Năm 2024, thành phố cắt giảm 120 thủ tục. Phó Bí thư Thành ủy, Chủ tịch HĐND TP. "
            + "Chủ tịch UBND TP. Cần Thơ Võ Minh Tâm kết luận hội nghị.")
        #expect(record.participants.first { $0.name == "Lê Thị Hoa" }?.titles == ["Phó Chủ tịch UBND TP. Cần Thơ"], "\(record.participants)")
        #expect(record.participants.first { $0.name == "Trần Văn Cường" }?.titles == ["Giám đốc Sở Nội vụ Tp. Cần Thơ"], "\(record.participants)")
        #expect(record.participants.first { $0.name == "Võ Minh Tâm" }?.titles.last == "Chủ tịch UBND TP. Cần Thơ", "\(record.participants)")
        #expect(record.participants.allSatisfy { $0.province == "Cần Thơ" }, "\(record.participants)")
    }

    @Test("a verb of summing up ends a title; a degree after a semicolon is the next person's")
    func titleEndsAtSummingUpAndDegree() throws {
        let record = extractor.extract(text: "Sáng 14/5/2024, hội thảo khoa học diễn ra tại Cần Thơ. Chủ trì có: TS. Đào Văn Hưng - Giám đốc "
            + "Học viện Chính trị khu vực IV; PGS, TS. Lâm Quốc Bảo - Vụ trưởng Vụ Lý luận. Bế mạc hội thảo, TS. Đào Văn Hưng - Giám đốc "
            + "Học viện Chính trị khu vực IV tóm lược những ý kiến đã nêu; PGS, TS. Lâm Quốc Bảo - Vụ trưởng Vụ Lý luận tổng kết phiên chiều.")
        let director = try #require(record.participants.first { $0.name == "Đào Văn Hưng" })
        #expect(director.titles == ["TS", "Giám đốc Học viện Chính trị khu vực IV"], "\(director.titles)")
        let head = try #require(record.participants.first { $0.name == "Lâm Quốc Bảo" })
        #expect(head.titles == ["PGS", "TS", "Vụ trưởng Vụ Lý luận"], "\(head.titles)")
    }

    /// Each participant's titles, by name.
    private func titlesByName(_ record: MeetingRecord) -> [String: [String]] {
        Dictionary(record.participants.map { ($0.name, $0.titles) }, uniquingKeysWith: { first, _ in first })
    }

    /// The chair and co-chairs `text` gives, by name.
    private func expectChairs(_ text: String, chair: String, coChairs: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let record = extractor.extract(text: text)
        #expect(record.chair?.name == chair, sourceLocation: sourceLocation)
        #expect(record.coChairs.map(\.name) == coChairs, sourceLocation: sourceLocation)
    }

    @Test("a list after 'các đồng chí' or a presidium chairs together; a list of those attending does not")
    func chairsListedAfterTheCue() throws {
        expectChairs("Chiều 3/4/2025, Ban Thường vụ Tỉnh ủy tổ chức hội nghị dưới sự chủ trì của các đồng chí Thường trực "
            + "Tỉnh ủy: Trịnh Văn Lực - Bí thư Tỉnh ủy; Mai Thị Hồng - Phó Bí thư Thường trực Tỉnh ủy; Đỗ Quang Vinh - Chủ tịch UBND tỉnh.",
                     chair: "Trịnh Văn Lực", coChairs: ["Mai Thị Hồng", "Đỗ Quang Vinh"])
        expectChairs("Sáng 9/7/2024, HĐND tỉnh Hà Nam khai mạc kỳ họp thứ 20. Chủ tọa kỳ họp có các đồng chí: "
            + "Lê Thị Thu, Chủ tịch HĐND tỉnh; Phan Văn Tâm, Phó Chủ tịch HĐND tỉnh; Vũ Đức Anh, Phó Chủ tịch HĐND tỉnh.",
                     chair: "Lê Thị Thu", coChairs: ["Phan Văn Tâm", "Vũ Đức Anh"])
        // A later sentence opened by `Đồng chủ trì` lists those who chair with the first.
        expectChairs("Sáng 7/10/2025, UBND tỉnh họp phiên thường kỳ. Đồng chí Hoàng Văn Nam - Chủ tịch UBND tỉnh chủ trì. Đồng chủ trì có "
            + "các đồng chí: Lê Quang Vinh - Phó Chủ tịch UBND tỉnh; Trịnh Thu Hà - Phó Chủ tịch UBND tỉnh.",
                     chair: "Hoàng Văn Nam", coChairs: ["Lê Quang Vinh", "Trịnh Thu Hà"])
        let presidiumText = "Sáng 14/5/2025, Học viện tổ chức hội thảo khoa học.\nĐoàn Chủ trì Hội thảo có: TS. Đào Văn "
            + "Hưng, Giám đốc Học viện Chính trị khu vực I, Học viện Chính trị quốc gia; TS. Lâm Quốc Bảo, Nguyên Phó trưởng ban Dân vận "
            + "Trung ương; PGS.TS. Vũ Minh Châu, Vụ trưởng Vụ Lý luận."
        expectChairs(presidiumText, chair: "Đào Văn Hưng", coChairs: ["Lâm Quốc Bảo", "Vũ Minh Châu"])
        let presidium = extractor.extract(text: presidiumText)
        #expect(presidium.participants.first { $0.name == "Lâm Quốc Bảo" }?.titles == ["TS", "Nguyên Phó trưởng ban Dân vận Trung ương"])
        #expect(presidium.participants.first { $0.name == "Vũ Minh Châu" }?.titles.contains("Nguyên Phó trưởng ban Dân vận Trung ương") == false)
        // The chair, then a semicolon and a plural title over a list: those listed chair with the first; not those attending.
        expectChairs("Sáng 10/7/2025, dưới sự chủ trì của Chủ tịch HĐND tỉnh Nguyễn Văn An; các phó chủ tịch HĐND tỉnh: Lê Văn Bình, "
            + "Trần Văn Cường, HĐND tỉnh Quảng Trị tiếp tục kỳ họp thứ 27.", chair: "Nguyễn Văn An", coChairs: ["Lê Văn Bình", "Trần Văn Cường"])
        // Another body's deputies, and a list that goes on to attend, are no co-chairs.
        expectChairs("Sáng 6/10/2025, dưới sự chủ trì của Chủ tịch HĐND tỉnh Lò Văn Phương; các phó chủ tịch UBND tỉnh: Lò Văn Tiến, Vừ A "
            + "Bằng, Thường trực HĐND tỉnh làm việc với UBND tỉnh.", chair: "Lò Văn Phương", coChairs: [])
        expectChairs("Sáng 6/10/2025, dưới sự chủ trì của Chủ tịch HĐND tỉnh Lò Văn Phương; các phó chủ tịch HĐND tỉnh: Lò Văn Tiến, Vừ A "
            + "Bằng cùng dự, Thường trực HĐND tỉnh họp.", chair: "Lò Văn Phương", coChairs: [])
        expectChairs("Sáng 10/7/2025, dưới sự chủ trì của Chủ tịch HĐND tỉnh Nguyễn Văn An; các đồng chí dự gồm: Lê Văn Bình, Giám đốc Sở "
            + "Tài chính; Trần Văn Cường, Giám đốc Sở Nội vụ, HĐND tỉnh tiếp tục kỳ họp thứ 27.", chair: "Nguyễn Văn An", coChairs: [])
        // Those attending after the chair are no co-chairs.
        expectChairs("Sáng 9/7/2024, hội nghị diễn ra dưới sự chủ trì của đồng chí Lê Thị Thu, Bí thư Tỉnh ủy; "
            + "dự có các đồng chí: Phan Văn Tâm, Phó Chủ tịch HĐND tỉnh; Vũ Đức Anh, Phó Chủ tịch UBND tỉnh.",
                     chair: "Lê Thị Thu", coChairs: [])
        // Those attending after a comma or `với sự tham dự` are no chairs, when a body chairs.
        for text in ["Sáng 9/7/2024, hội nghị do Ban Thường vụ Tỉnh ủy Phú Yên chủ trì, tham dự có các đồng chí: Cao Thị An, Bí thư "
                        + "Tỉnh ủy; Tạ Anh Tú, Chủ tịch UBND tỉnh; Lê Tấn Hổ, Phó Chủ tịch UBND tỉnh.",
                     "Sáng 9/7/2024, hội nghị diễn ra dưới sự chủ trì của Bộ Nông nghiệp, với sự tham dự của các đồng chí: Lê Văn Sử, "
                        + "Chủ tịch UBND tỉnh; Huỳnh Quốc Việt, Phó Chủ tịch UBND tỉnh."] {
            #expect(extractor.extract(text: text).coChairs.isEmpty, "\(text)")
        }
        // Another body's presidium attending chairs nothing.
        let front = extractor.extract(text: "Sáng 10/7/2025, Ủy ban MTTQ Việt Nam tỉnh Nghệ An tổ chức hội nghị tổng kết. Đoàn Chủ tịch UBTƯ "
            + "MTTQ Việt Nam có đồng chí Nguyễn Văn An, Phó Chủ tịch dự. Đồng chí Lê Văn Bình, Chủ tịch Ủy ban MTTQ tỉnh chủ trì hội nghị.")
        #expect(front.chair?.name == "Lê Văn Bình")
        expectChairs("Sáng 10/7/2025, Đại hội đại biểu Đảng bộ tỉnh khai mạc. Đoàn Chủ tịch Đại hội gồm các đồng chí: "
            + "Lê Quang Tùng, Bí thư Tỉnh ủy; Võ Văn Hưng, Chủ tịch UBND tỉnh. Trưởng Đoàn Đại biểu Quốc hội tỉnh Hoàng Đức Thắng phát biểu.",
                     chair: "Lê Quang Tùng", coChairs: ["Võ Văn Hưng"])
        expectChairs("Sáng 9/7/2024, Chủ trì hội nghị có đồng chí Lê Thị Thu, Bí thư Tỉnh ủy; "
            + "tham dự có các đồng chí: Phan Văn Tâm, Phó Chủ tịch HĐND tỉnh; Vũ Đức Anh, Phó Chủ tịch UBND tỉnh.",
                     chair: "Lê Thị Thu", coChairs: [])
        // A list after `gồm` or `có` chairs together; not those who then do something else.
        expectChairs("Sáng 9/12/2024, HĐND tỉnh Long An khai mạc kỳ họp thứ 12. Chủ tọa kỳ họp gồm Chủ tịch HĐND tỉnh "
            + "Lê Văn An; Phó Chủ tịch Thường trực HĐND tỉnh Trần Minh Đức; Phó Chủ tịch HĐND tỉnh Võ Thị Hạnh.",
                     chair: "Lê Văn An", coChairs: ["Trần Minh Đức", "Võ Thị Hạnh"])
        expectChairs("Sáng 9/12/2024, tại Long An diễn ra Hội nghị Ban Thường trực Ủy ban MTTQ tỉnh. Chủ trì Hội nghị có "
            + "ông Lê Văn An, Chủ tịch Ủy ban MTTQ tỉnh; bà Trần Thị Mai, Phó Chủ tịch; các Phó Chủ tịch: Ngô Văn Tú, Đỗ Thị Lan.",
                     chair: "Lê Văn An", coChairs: ["Trần Thị Mai", "Ngô Văn Tú", "Đỗ Thị Lan"])
        expectChairs("Sáng 26/4/2025, HĐND xã tổ chức kỳ họp chuyên đề. Dự kỳ họp có ông Lê Văn Tám, Bí thư Đảng ủy xã; Chủ tọa kỳ họp là "
            + "ông Trần Văn Hùng, Phó Chủ tịch HĐND xã.", chair: "Trần Văn Hùng", coChairs: [])
        expectChairs("Sáng 9/12/2024, UBND tỉnh tổ chức hội nghị. Chủ trì hội nghị có đồng chí Lê Văn An, Bí thư "
            + "Tỉnh ủy; đồng chí Trần Văn Bình, Phó Bí thư Tỉnh ủy cùng dự.",
                     chair: "Lê Văn An", coChairs: [])
    }

    @Test("the first chair named, then 'và các đồng chí:' and a list, chair together; heading a secretariat is no chairing")
    func leadThenListAndSecretariat() throws {
        let record = extractor.extract(text: "Ngày 29-9-2025, dưới sự chủ trì của đồng chí Trịnh Văn Lực, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh và "
            + "các đồng chí: Mai Thị Hồng, Phó Bí thư Thường trực Tỉnh ủy; Đỗ Quang Vinh, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh, "
            + "Hội nghị Ban Chấp hành Đảng bộ tỉnh đã được tổ chức.")
        #expect(record.chair?.name == "Trịnh Văn Lực")
        #expect(record.coChairs.map(\.name) == ["Mai Thị Hồng", "Đỗ Quang Vinh"])
        let secretariat = extractor.extract(text: "Sáng 14/10/2025, Đại hội Đảng bộ thành phố khai mạc. Đoàn thư ký gồm 3 thành viên, do ông "
            + "Trần Văn Lợi, Chánh Văn phòng Thành ủy làm Trưởng đoàn thư ký. Ban Thẩm tra tư cách đại biểu do bà Lê Thị Hạnh, "
            + "Chủ nhiệm Ủy ban kiểm tra Thành ủy làm Trưởng ban.")
        #expect(secretariat.chair == nil, "\(String(describing: secretariat.chair))")
        #expect(secretariat.participants.first { $0.name == "Lê Thị Hạnh" }?.titles == ["Chủ nhiệm Ủy ban kiểm tra Thành ủy"])
        let signing = extractor.extract(text: "Sáng 5/3/2025, ông Nguyễn Văn Dũng, Chủ tịch UBND tỉnh Đồng Tháp tiến hành ký kết thỏa thuận hợp tác.")
        #expect(signing.participants.first?.titles == ["Chủ tịch UBND tỉnh Đồng Tháp"])
    }

    @Test("a delegation or presidium is no person named Đoàn; 'Ngài' introduces a foreign dignitary; a country is no name")
    func delegationsAndDignitaries() throws {
        let record = extractor.extract(text: "Sáng 28/12/2024, tại Kon Tum đã diễn ra lễ ký kết hợp tác giữa hai tỉnh. Dự lễ có đoàn "
            + "Đại biểu cấp cao tỉnh Stung Treng do Ngài Svay Sam Eang, Tỉnh trưởng tỉnh Stung Treng làm trưởng đoàn. "
            + "Tham gia đoàn có Ngài Jigiee Sereejav, Đại sứ đặc mệnh toàn quyền nước Mông Cổ tại Việt Nam.")
        let names = record.participants.map(\.name)
        #expect(names.contains("Svay Sam Eang"), "\(names)")
        #expect(record.participants.first { $0.name == "Jigiee Sereejav" }?.titles == ["Đại sứ đặc mệnh toàn quyền nước Mông Cổ tại Việt Nam"])
        #expect(!names.contains { $0.hasPrefix("Đoàn") || $0 == "Mông Cổ" }, "\(names)")
        let capitalised = extractor.extract(text: "Sáng 28/12/2024, Đoàn Đại biểu cấp cao tỉnh Stung Treng thăm tỉnh Kon Tum.")
        #expect(capitalised.participants.isEmpty, "\(capitalised.participants.map(\.name))")
        // `Tỉnh Đoàn`, `Thành Đoàn`: a unit's Youth Union in a title, not a person named Đoàn; `Tỉnh ủy Đoàn Văn Hùng` is one.
        let youth = extractor.extract(text: "Sáng 5/6/2019, Đại hội khai mạc. Dự có anh Nguyễn Quốc Huy – Ủy viên Ban Thường vụ Trung ương "
            + "Đoàn, Bí thư Tỉnh Đoàn Bình Thuận khóa XII; anh Lê Văn Nam, Bí thư Thành Đoàn Hà Nội; Bí thư Tỉnh ủy Đoàn Văn Hùng; bà Mai Thị "
            + "Hạnh – PCT HĐND huyện.")
        #expect(titlesByName(youth) == ["Nguyễn Quốc Huy": ["Ủy viên Ban Thường vụ Trung ương Đoàn", "Bí thư Tỉnh Đoàn Bình Thuận khóa XII"],
                                        "Lê Văn Nam": ["Bí thư Thành Đoàn Hà Nội"], "Đoàn Văn Hùng": ["Bí thư Tỉnh ủy"],
                                        "Mai Thị Hạnh": ["PCT HĐND huyện"]], "\(youth.participants)")
        // `Trưởng Đoàn Kiểm tra`: the title's own `Đoàn`, in a run of titles before the name they belong to.
        let inspection = extractor.extract(text: "Sáng 19/11/2023, Bí thư Trung ương Đảng, Phó Thủ tướng Chính phủ, Trưởng Đoàn Kiểm tra "
            + "số 12 của Ban Bí thư Trung ương Đảng Lê Văn Thành đã chủ trì Hội nghị.")
        #expect(titlesByName(inspection) == ["Lê Văn Thành": ["Bí thư Trung ương Đảng", "Phó Thủ tướng Chính phủ",
                                                             "Trưởng Đoàn Kiểm tra số 12 của Ban Bí thư Trung ương Đảng"]])
        // A country's name that begins a person's (`Hà Lan Anh`) before a title; the country alone, or before a person, is none.
        let listed = extractor.extract(text: "Sáng 20/6/2022, Tỉnh ủy Hà Nam gặp mặt báo chí. Dự có các đồng chí: Lê Văn Tám, Trưởng Ban "
            + "Tuyên giáo Tỉnh ủy; Hà Lan Anh, TUV, Phó Chủ tịch UBND tỉnh; Đại sứ Hà Lan, ông Kees van Baar; Đại sứ Thái Lan Trần Hùng, Phó "
            + "Chủ tịch Hội hữu nghị.")
        #expect(Set(listed.participants.map(\.name)).isSuperset(of: ["Lê Văn Tám", "Hà Lan Anh", "Trần Hùng"]), "\(listed.participants)")
        #expect(!listed.participants.contains { $0.name.hasPrefix("Thái Lan") || $0.name == "Hà Lan" }, "\(listed.participants)")
    }

    @Test("someone only spoken of is not a participant; someone whose report is given is")
    func referredTo() {
        let record = extractor.extract(text: "Sáng 5/3/2024, hội nghị quán triệt chỉ đạo của đồng chí Tổng Bí thư Nguyễn Văn Khải. "
            + "Theo báo cáo của TS Vũ Minh Tâm - Giám đốc Sở Khoa học và Công nghệ, tỉnh đã hoàn thành kế hoạch.")
        #expect(!record.participants.contains { $0.name == "Nguyễn Văn Khải" })
        #expect(record.participants.contains { $0.name == "Vũ Minh Tâm" })
        let visit = extractor.extract(text: "Sáng 5/3/2024, đồng chí Nguyễn Thiện Nhân đến thăm, tặng quà gia đình ông Phan Hùng Mạnh, thương binh.")
        #expect(!visit.participants.contains { $0.name == "Phan Hùng Mạnh" })
        let households = extractor.extract(text: "Sáng 6/7/2024, Tổng Bí thư đến thăm, tặng quà bà Nông Thị Mận và hộ ông Đinh Quang Tú ở xã Sĩ Bình.")
        #expect(households.participants.isEmpty)
    }

    @Test("words passed on are another's said elsewhere; a spouse named for someone does not bring them")
    func relayedAndSpouse() {
        let relayed = extractor.extract(text: "Sáng 9/4/2024, Tỉnh ủy tổ chức hội nghị. Đồng chí Bí thư Tỉnh ủy Lâm Văn Hòa quán triệt, triển khai "
            + "bài phát biểu của đồng chí Tổng Bí thư Nguyễn Văn Khải tại hội nghị.")
        #expect(relayed.participants.map(\.name) == ["Lâm Văn Hòa"])
        let spoken = extractor.extract(text: "Sáng 9/4/2024, Tỉnh ủy tổ chức hội nghị. Hội nghị nghe bài phát biểu của đồng chí Nguyễn Văn Khải, "
            + "Bí thư Tỉnh ủy.")
        #expect(spoken.participants.map(\.name) == ["Nguyễn Văn Khải"])
        // Conclusions given at this meeting are not passed on from another.
        let present = extractor.extract(text: "Sáng 9/4/2024, UBND tỉnh họp phiên thường kỳ. Các sở, ngành cần khẩn trương triển khai kết luận "
            + "của đồng chí Triệu Văn Hùng, Chủ tịch UBND tỉnh tại hội nghị này.")
        #expect(present.participants.map(\.name) == ["Triệu Văn Hùng"])
        let spouse = extractor.extract(text: "Sáng 28/9/2024, Chủ tịch UBND tỉnh Lê Văn Tâm tiếp nhóm phụ nữ ASEAN do bà Vũ Thị Lan, "
            + "phu nhân Bộ trưởng Bộ Ngoại giao Trần Quang Sơn làm trưởng đoàn.")
        #expect(spouse.chair?.name == "Lê Văn Tâm", "who receives chairs")
        #expect(spouse.participants.contains { $0.name == "Vũ Thị Lan" } && !spouse.participants.contains { $0.name == "Trần Quang Sơn" })
    }

    @Test("a list relieved of posts (`miễn nhiệm ... đối với các ông: A - ...; B - ...`) takes no part; a former post shared before a colon stays former for every name after it")
    func relievedListsAndFormerPosts() {
        let relieved = extractor.extract(text: "Sáng 21/3/2025, HĐND tỉnh tổ chức kỳ họp chuyên đề. Bà Lò Thị Hoa, Chủ tịch HĐND tỉnh chủ trì. "
            + "Kỳ họp biểu quyết miễn nhiệm chức danh ủy viên UBND tỉnh đối với các ông: Lê Văn Tâm - nguyên Giám đốc Sở Du lịch, đã nghỉ hưu; "
            + "Trần Hữu Lộc - nguyên Giám đốc Sở Công Thương, đã chuyển công tác khác.")
        #expect(relieved.participants.map(\.name) == ["Lò Thị Hoa"], "\(relieved.participants)")
        // `các ông, bà:` and `các đồng chí:` too; appointed after a relief (`bổ nhiệm đối với các ông:`), they take part.
        let plural = extractor.extract(text: "Sáng 21/3/2025, HĐND tỉnh họp. Bà Lò Thị Hoa, Chủ tịch HĐND tỉnh chủ trì. Kỳ họp miễn nhiệm chức "
            + "danh ủy viên UBND tỉnh đối với các ông, bà: Lê Văn Tâm - Giám đốc Sở Du lịch; Trần Thị Lụa - Giám đốc Sở Nội vụ.")
        #expect(plural.participants.map(\.name) == ["Lò Thị Hoa"], "\(plural.participants)")
        let appointed = extractor.extract(text: "Sáng 14/7/2024, HĐND tỉnh họp. Sau khi miễn nhiệm ông Trần Văn Mười, kỳ họp phê chuẩn việc bổ "
            + "nhiệm đối với các ông: Lê Văn Phúc - Giám đốc Sở Nội vụ; Đỗ Minh Tuấn - Giám đốc Sở Tài chính.")
        #expect(appointed.participants.map(\.name).contains("Lê Văn Phúc"), "\(appointed.participants)")
        let former = titlesByName(extractor.extract(text: "Sáng 20/10/2025, Đại hội đại biểu Đảng bộ tỉnh khai mạc. Dự có các đồng chí: nguyên Ủy "
            + "viên Bộ Chính trị, nguyên Phó Thủ tướng: Lê Văn Hào, Đặng Quốc Tín; Ủy viên Bộ Chính trị Phan Thị Lụa."))
        for name in ["Lê Văn Hào", "Đặng Quốc Tín"] {
            #expect(former[name] == ["nguyên Ủy viên Bộ Chính trị", "nguyên Phó Thủ tướng"], "\(former)")
        }
        #expect(former["Phan Thị Lụa"] == ["Ủy viên Bộ Chính trị"], "\(former)")
    }

    @Test("a province named only as one given aid (`hỗ trợ tỉnh Lai Châu`) neither hosts nor gives its province to the officials of a host never named")
    func aidedProvinceIsNoHost() {
        let record = extractor.extract(text: "Ngày 20/12/2024, Ủy ban MTTQ Việt Nam tỉnh tổ chức hội nghị tổng kết. Dự có ông Hà Văn Lâm, "
            + "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh. Trong năm, Mặt trận đã vận động 3 tỷ đồng hỗ trợ tỉnh Lai Châu xây nhà cho hộ nghèo.")
        #expect(record.provinces.map(\.roles) == [[.mentioned]], "\(record.provinces)")
        #expect(record.participants.first?.province == nil, "\(record.participants)")
        let named = extractor.extract(text: "Ngày 20/12/2024, Ủy ban MTTQ Việt Nam tỉnh Sơn La tổ chức hội nghị tổng kết. Dự có ông Hà Văn "
            + "Lâm, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh. Mặt trận đã vận động 3 tỷ đồng hỗ trợ tỉnh Lai Châu.")
        #expect(named.participants.first?.province == "Sơn La", "\(named.participants)")
    }

    @Test("a diplomat's post is in no province and hosts nothing; a title, a spaced dash, then the name; a title ends at `thôi giữ chức`")
    func diplomatsAndDashedTitles() {
        let consul = extractor.extract(text: "Sáng 22/11/2024, Phó chủ tịch UBND tỉnh - Phạm Văn Lợi đón tiếp Đoàn công tác do Ngài Somsak "
            + "Chaiyo - Tổng Lãnh sự Thái Lan tại TP Hồ Chí Minh dẫn đầu. Ông Phạm Văn Lợi thay mặt chính quyền Long An chào mừng đoàn.")
        let host = consul.participants.first { $0.name == "Phạm Văn Lợi" }
        #expect(host?.titles == ["Phó chủ tịch UBND tỉnh"] && host?.province == "Long An", "\(consul.participants)")
        #expect(consul.participants.first { $0.name == "Somsak Chaiyo" }?.province == nil, "\(consul.participants)")
        #expect(consul.provinces.first { $0.name == "Hồ Chí Minh" }?.roles == [.mentioned], "\(consul.provinces)")
        // A consul's own title, before the consulate's name.
        let viceConsul = extractor.extract(text: "Sáng 22/12/2022, UBND tỉnh Đắk Lắk tổ chức lễ ký kết. Dự có bà Park Ji Yeon – Phó Lãnh sự, "
            + "Tổng Lãnh sự quán Hàn Quốc tại TP Hồ Chí Minh.")
        #expect(viceConsul.participants.first { $0.name == "Park Ji Yeon" }.map { $0.titles.first == "Phó Lãnh sự" && $0.province == nil } == true,
                "\(viceConsul.participants)")
        // No diplomat: a former one, a department's consular office, an honorary title without a post abroad.
        for (text, name) in [("Sáng 5/3/2025, Phó Chủ tịch UBND tỉnh Thái Bình Nguyễn Văn Khánh, nguyên Đại sứ Việt Nam tại Campuchia, chủ trì hội nghị.", "Nguyễn Văn Khánh"),
                             ("Sáng 5/3/2025, Sở Ngoại vụ tỉnh Lào Cai họp. Dự có bà Hoàng Thị Lan, Trưởng phòng Lãnh sự Sở Ngoại vụ tỉnh.", "Hoàng Thị Lan"),
                             ("Sáng 5/3/2025, tỉnh Quảng Nam họp. Dự có bà Trần Thị Hà, Đại sứ Du lịch tỉnh Quảng Nam.", "Trần Thị Hà")] {
            #expect(extractor.extract(text: text).participants.first { $0.name == name }?.province != nil, "\(text)")
        }
        let leaving = titlesByName(extractor.extract(text: "Chiều 4/9/2025, Bộ Tài chính công bố quyết định. Dự có đồng chí Trần Quốc "
            + "Khánh, Chánh Văn phòng Bộ Tài chính thôi giữ chức Chánh Văn phòng Bộ để nhận nhiệm vụ mới."))
        #expect(leaving["Trần Quốc Khánh"] == ["Chánh Văn phòng Bộ Tài chính"], "\(leaving)")
    }

    @Test("a reception: whoever receives chairs, not the guest leading the delegation (one from abroad however the report orders it); with no kind named, it is `buổi tiếp`")
    func receptionHostChairs() {
        let led = extractor.extract(text: "Chiều 4/11/2025, Phó Chủ tịch UBND tỉnh Quảng Trị Lê Hữu Phước đã tiếp đoàn đại biểu tỉnh Savannakhet "
            + "(Lào) do ông Bounlom Sisavath, Phó Tỉnh trưởng làm trưởng đoàn. Hai bên trao đổi về hợp tác biên giới.")
        #expect(led.chair?.name == "Lê Hữu Phước" && led.meetingKind == "buổi tiếp", "\(String(describing: led.chair)) \(String(describing: led.meetingKind))")
        #expect(led.participants.contains { $0.name == "Bounlom Sisavath" })
        let talks = extractor.extract(text: "Sáng 9/12/2025, ông Hà Minh Đức, Chủ tịch UBND tỉnh Lạng Sơn đã tiếp và hội đàm với ông Lý Cường, "
            + "Phó Chủ tịch Khu tự trị Quảng Tây. Ông Hà Minh Đức vui mừng đón ông Lý Cường cùng Đoàn sang thăm và làm việc tại tỉnh.")
        #expect(talks.chair?.name == "Hà Minh Đức", "\(String(describing: talks.chair))")
        let ambassador = extractor.extract(text: "Sáng 16/1/2026, Thứ trưởng Bộ Công an Trần Văn Lực tiếp Đại sứ Nhật Bản Ito Naoki tại Hà Nội.")
        #expect(ambassador.chair?.name == "Trần Văn Lực" && ambassador.meetingKind == "buổi tiếp")
        // A delegation led before the reception is said: its leader.
        let inspection = extractor.extract(text: "Sáng 13/6/2024, Đoàn kiểm tra của Bộ Nông nghiệp do Thứ trưởng Phùng Đức Tiến làm trưởng đoàn "
            + "kiểm tra công tác chống khai thác IUU tại tỉnh Bình Thuận. Phó Chủ tịch UBND tỉnh Nguyễn Hồng Hải đã tiếp đoàn.")
        #expect(inspection.chair?.name == "Phùng Đức Tiến" && inspection.meetingKind == nil, "\(String(describing: inspection.chair))")
        // `có buổi tiếp`: holding a reception, the guest leading her delegation after it.
        let held = extractor.extract(text: "Sáng 20/9/2024, đồng chí Nguyễn Văn Khánh, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh có buổi tiếp xã giao "
            + "Đoàn Ngoại giao gồm đại diện các Đại sứ quán tại Hà Nội do bà Trần Thị Mai, phu nhân Đại sứ Lê Văn Hùng làm Trưởng đoàn.")
        #expect(held.chair?.name == "Nguyễn Văn Khánh", "\(String(describing: held.chair))")
        let heldWithWork = extractor.extract(text: "Chiều 28/5/2024, đồng chí Đỗ Văn Tuấn, Chủ tịch Ủy ban Nhân dân (UBND) tỉnh đã có buổi tiếp và làm việc với "
            + "đoàn doanh nghiệp Hàn Quốc do ông Kim Sung Ho, Chủ tịch Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam làm trưởng đoàn.")
        #expect(heldWithWork.chair.map { $0.name == "Đỗ Văn Tuấn" && $0.titles == ["Chủ tịch Ủy ban Nhân dân (UBND) tỉnh"] } == true,
                "\(String(describing: heldWithWork.chair))")
        let together = extractor.extract(text: "Sáng 18/4/2023, Chủ tịch UBND tỉnh Phạm Văn Tâm và Phó Chủ tịch UBND tỉnh Nguyễn Văn Hoàng đã có "
            + "buổi tiếp Đoàn công tác của Ngân hàng Thế giới do bà Yoonhee Kim, Giám đốc khu vực dẫn đầu.")
        #expect(together.chair?.name == "Phạm Văn Tâm", "\(String(describing: together.chair))")
        // A delegation from abroad, led before the reception is said, is received by those the report names after `có`.
        let abroad = extractor.extract(text: "Sáng 8/11/2019, Đoàn đại biểu thành phố Gimhae (Hàn Quốc) do ngài Kim Joo Hyun, Thị trưởng thành "
            + "phố làm Trưởng đoàn đã đến thăm và làm việc với tỉnh Ninh Bình. Tiếp và làm việc với Đoàn có các đồng chí: Đinh Văn Hùng, "
            + "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh; Tống Quang Minh, Phó Chủ tịch UBND tỉnh.")
        #expect(abroad.chair?.name == "Đinh Văn Hùng" && abroad.participants.contains { $0.name == "Kim Joo Hyun" },
                "\(String(describing: abroad.chair))")
        // So is one whose leader's name opens on no Vietnamese surname, however the delegation is written; with nobody named
        // receiving it, nobody chairs (its guest leader does not).
        let foreignLeader = extractor.extract(text: "Sáng 8/11/2019, Đoàn doanh nghiệp Hàn Quốc do ông Park Ji Sung, Chủ tịch Hiệp hội "
            + "làm Trưởng đoàn đã đến thăm và làm việc với tỉnh Hà Nam. Tiếp và làm việc với Đoàn có các đồng chí: Trần Văn Hùng, Chủ tịch "
            + "UBND tỉnh; Lê Văn Minh, Phó Chủ tịch UBND tỉnh.")
        #expect(foreignLeader.chair?.name == "Trần Văn Hùng" && foreignLeader.participants.contains { $0.name == "Park Ji Sung" },
                "\(String(describing: foreignLeader.chair))")
        let unreceived = extractor.extract(text: "Chiều 16/4/2024, Hội Hữu nghị Việt - Nga tỉnh Hà Tĩnh tổ chức gặp mặt Đoàn đại biểu tỉnh "
            + "Kaluga. Đoàn do ông Ivanov Sergei Petrovich, Phó Thống đốc tỉnh Kaluga làm Trưởng đoàn.")
        #expect(unreceived.chair == nil && unreceived.participants.contains { $0.name == "Ivanov Sergei Petrovich" },
                "\(String(describing: unreceived.chair)) \(unreceived.participants.map(\.name))")
        // The guests' trip as the occasion (`nhân chuyến thăm và làm việc tại Việt Nam`) is no working session of the reception.
        let occasion = extractor.extract(text: "Chiều 28/6/2024, Chủ tịch HĐND tỉnh Lê Thị Thu tiếp Đoàn Hội đồng tỉnh Fukuoka (Nhật Bản) do "
            + "ông Tanaka Ichiro, Chủ tịch Hội đồng tỉnh dẫn đầu, nhân chuyến thăm và làm việc tại Việt Nam.")
        #expect(occasion.chair?.name == "Lê Thị Thu" && occasion.meetingKind == "buổi tiếp",
                "\(String(describing: occasion.chair)) \(String(describing: occasion.meetingKind))")
        // A sentence that opens on `Tiếp đoàn ... có` names the host, title first, when the delegation's leader is not read as
        // a name, and the reception; a working session named after it (`Đoàn làm việc với UBND tỉnh`) is still one.
        let courtesy = extractor.extract(text: "Sáng 15/12/2024, Đoàn công tác của Đại sứ quán Nước Cộng hòa Dân chủ Nhân dân Lào tại Việt "
            + "Nam do Đại sứ Đặc mệnh toàn quyền Khăm-Phon Vi-lay-vông dẫn đầu đã đến chào xã giao lãnh đạo tỉnh Kon Tum. Tiếp đoàn tại trụ sở "
            + "UBND tỉnh có Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Lê Ngọc Tuấn.")
        #expect(courtesy.chair?.name == "Lê Ngọc Tuấn" && courtesy.meetingKind == "buổi tiếp",
                "\(String(describing: courtesy.chair)) \(String(describing: courtesy.meetingKind))")
        // So does one that opens on `Đón và tiếp đoàn có`, after a delegation from abroad led to the province, whose trip a wish
        // names later.
        let welcomedAndReceived = extractor.extract(text: "Ngày 2-2, Đoàn công tác tỉnh Luông Nặm Tha do đồng chí Khăm-phăn Xay-nha-vông, Phó Tỉnh "
            + "trưởng tỉnh Luông Nặm Tha làm Trưởng đoàn đã sang thăm và chúc Tết tỉnh Điện Biên. Đón và tiếp đoàn có các đồng chí: "
            + "Lò Văn Thành, Bí thư Tỉnh ủy; Mùa A Vảng, Chủ tịch UBND tỉnh. Đồng chí Lò Văn Thành chúc Đoàn có chuyến công tác thành công.")
        #expect(welcomedAndReceived.chair?.name == "Lò Văn Thành" && welcomedAndReceived.meetingKind == "buổi tiếp" && welcomedAndReceived.format?.rawValue == "in-person",
                "\(String(describing: welcomedAndReceived.chair)) \(String(describing: welcomedAndReceived.meetingKind))")
        let visited = extractor.extract(text: "Sáng 5/3/2024, Đoàn công tác của Bộ Y tế do Thứ trưởng Nguyễn Văn Lâm dẫn đầu đến thăm tỉnh "
            + "Quảng Trị. Tiếp đoàn có đồng chí Lê Văn Bình, Phó Chủ tịch UBND tỉnh. Sau đó, Đoàn làm việc với UBND tỉnh Quảng Trị về y tế.")
        #expect(visited.meetingKind == "buổi làm việc", "\(String(describing: visited.meetingKind))")
        // An occasion whose words stop before the session (`nhân chuyến thăm, Đoàn làm việc với ...`) leaves the session.
        let occasionThenSession = extractor.extract(text: "Chiều 3/4/2024, nhân chuyến thăm, Đoàn làm việc với UBND tỉnh Sóc Trăng về nông nghiệp.")
        #expect(occasionThenSession.meetingKind == "buổi làm việc", "\(String(describing: occasionThenSession.meetingKind))")
        // Guests in the plural: `các ngài Đại sứ`, `các Đại sứ`.
        for guests in ["các ngài Đại sứ", "các Đại sứ"] {
            let plural = extractor.extract(text: "Chiều 4/6/2024, ông Nguyễn Văn Quảng, Chủ tịch UBND thành phố Hải Phòng đã có buổi tiếp \(guests) "
                + "đến thăm thành phố.")
            #expect(plural.chair?.name == "Nguyễn Văn Quảng" && plural.meetingKind == "buổi tiếp",
                    "\(guests): \(String(describing: plural.chair)) \(String(describing: plural.meetingKind))")
            let named = extractor.extract(text: "Tại buổi tiếp \(guests) chiều 4/6/2024, Chủ tịch UBND thành phố Nguyễn Văn Quảng giới thiệu "
                + "tiềm năng của thành phố.")
            #expect(named.meetingKind == "buổi tiếp", "\(guests): \(String(describing: named.meetingKind))")
        }
        let welcomed = extractor.extract(text: "Sáng 29/9/2025, Tổng Bí thư Lê Văn Thành tiếp đón Chủ tịch Duma Quốc gia Nga Ivan Petrov.")
        #expect(welcomed.chair?.name == "Lê Văn Thành", "\(String(describing: welcomed.chair))")
        // Not a reception: meeting voters, going on, in person.
        for text in ["Sáng 5/6/2025, Phó Chủ tịch Quốc hội Nguyễn Đức Hải tiếp xúc cử tri huyện Tam Kỳ.",
                     "Sáng 5/6/2025, Bí thư Tỉnh ủy Lê Văn Sang tiếp tục chương trình làm việc tại huyện Mường Tè.",
                     "Sáng 5/6/2025, ông Trần Văn Nam chỉ đạo trực tiếp Đoàn công tác của huyện.",
                     "Sáng 5/6/2025, Sở Ngoại vụ tổng kết các buổi tiếp đoàn nước ngoài của tỉnh.",
                     "Sáng 5/6/2025, HĐND tỉnh họp. Đại biểu Nguyễn Văn Quang phát biểu tiếp Tờ trình số 45 của UBND tỉnh."] {
            #expect(extractor.extract(text: text).meetingKind != "buổi tiếp", "\(text)")
        }
    }

    @Test("an author's name on a line of its own, or the outlet on the last line (`Theo Báo X`), is a credit, not a province")
    func byline() {
        let record = extractor.extract(text: """
            Hải Phòng bàn giải pháp giảm phí xuất nhập khẩu
            Sáng 12/11/2020, UBND TP Hải Phòng họp với Cục Hải quan Hải Phòng.
            Thái Bình
            """)
        #expect(record.provinces.map(\.name) == ["Hải Phòng"])
        #expect(record.captions.contains("Thái Bình"))
        // The outlet the article comes from, on its last line, is a credit too.
        for source in ["Theo Công an Quảng Ngãi", "Theo Cổng thông tin điện tử tỉnh Quảng Ngãi", "Theo Đài PT-TH Quảng Ngãi"] {
            let sourced = extractor.extract(text: """
                Bình Định bàn phát triển du lịch biển
                Sáng 8/4/2024, UBND tỉnh Bình Định họp với Sở Du lịch về phát triển du lịch biển.
                \(source)
                """)
            #expect(sourced.provinces.map(\.name) == ["Bình Định"], "\(source): \(sourced.provinces.map(\.name))")
            #expect(sourced.captions.contains(source), "\(sourced.captions)")
        }
    }

    @Test("a province named only in a caption is mentioned; one in a person's name or an outlet's byline is not")
    func captionsAndBylines() {
        let record = extractor.extract(text: """
            Hội nghị trực tuyến về công tác tuyên giáo
            Sáng 5/3/2024, Ban Tuyên giáo Trung ương tổ chức hội nghị trực tuyến toàn quốc.
            Các báo cáo viên tại Cà Mau nghe phổ biến chuyên đề tại hội nghị. Ảnh: Kim Hà
            Phó Thủ tướng Trương Hòa Bình phát biểu chỉ đạo. Ảnh: VGP
            Hội nghị kết thúc vào buổi chiều. Việt Quốc/VOV-TPHCM
            """)
        let names = record.provinces.map(\.name)
        #expect(names.contains("Cà Mau"))
        #expect(!names.contains("Hòa Bình"))
        #expect(!names.contains("Hồ Chí Minh"))
        // A reporter whose name is a province's (`PV Thái Bình/VOV`) names no province; `tỉnh` after `PV` would.
        let reported = extractor.extract(text: "Sáng 30/6/2025, UBND tỉnh Quảng Ngãi họp về mưa lũ. PV Thái Bình/VOV Miền Trung thông tin, "
            + "sáng nay lũ đã rút. PV tỉnh Gia Lai cho biết đường đã thông.")
        #expect(reported.provinces.map(\.name) == ["Quảng Ngãi", "Gia Lai"], "\(reported.provinces.map(\.name))")
    }

    @Test("a bare `tỉnh` in a title is the province the clause speaks for (`Về phía tỉnh X`, `Đoàn công tác của tỉnh X`), not the host")
    func titleProvinceFromTheClauseSide() {
        let sided = extractor.extract(text: "Sáng 9/4/2025, tại tỉnh Bình Dương, Phó Thủ tướng Trần Hồng Hà chủ trì hội nghị về giao thông vùng. "
            + "Về phía tỉnh Tây Ninh, dự hội nghị có Phó Chủ tịch UBND tỉnh Lê Văn Hậu. Chủ tịch UBND tỉnh Võ Văn Minh phát biểu.")
        let province = { (name: String) in sided.participants.first { $0.name == name }?.province }
        #expect(province("Lê Văn Hậu") == "Tây Ninh")
        #expect(province("Võ Văn Minh") == "Bình Dương", "the next sentence is the host's again")
        #expect(sided.provinces.first { $0.name == "Tây Ninh" }?.roles == [.discussant])
        let delegation = extractor.extract(text: "Chiều 12/8/2024, tại Hà Nội, Đoàn công tác của tỉnh Sóc Trăng do ông Trần Văn Lâu, "
            + "Chủ tịch UBND tỉnh làm Trưởng đoàn, đã làm việc với Bộ Nông nghiệp và Phát triển nông thôn.")
        #expect(delegation.participants.first { $0.name == "Trần Văn Lâu" }?.province == "Sóc Trăng")
        // A name whose first word folds like a unit's (`Thanh Hóa`, `thành`) keeps the `tỉnh` before it.
        let thanhHoa = extractor.extract(text: "Sáng 9/4/2025, tại tỉnh Nghệ An, Bộ Xây dựng họp về cao tốc. Về phía tỉnh Thanh Hóa, dự có "
            + "Phó Chủ tịch UBND tỉnh Mai Xuân Liêm.")
        #expect(thanhHoa.participants.first { $0.name == "Mai Xuân Liêm" }?.province == "Thanh Hóa")
        // A province after `với` speaks for nobody in the clause: the title's `tỉnh` is the host's.
        let visited = extractor.extract(text: "Sáng 3/6/2024, tại tỉnh Bến Tre, Bộ Công Thương làm việc với tỉnh Trà Vinh; "
            + "ông Nguyễn Văn Hòa, Phó Chủ tịch UBND tỉnh báo cáo tình hình.")
        #expect(visited.participants.first { $0.name == "Nguyễn Văn Hòa" }?.province == "Bến Tre")
        // A delegation of a province abroad, named after a Vietnamese one's: its leader's `Tỉnh ủy` is no Vietnamese province's.
        let twoSides = extractor.extract(text: "Tối 30/11/2025, tại Viêng Chăn, Đoàn đại biểu tỉnh Nghệ An do đồng chí Hoàng Văn Minh, "
            + "Bí thư Tỉnh ủy làm trưởng đoàn và Đoàn đại biểu cấp cao tỉnh Bôlykhămxay do đồng chí Khamphan Phommathat, Bí thư "
            + "Tỉnh ủy làm trưởng đoàn đã ký kết thỏa thuận hợp tác.")
        let sides = Dictionary(twoSides.participants.map { ($0.name, $0.province ?? "none") }, uniquingKeysWith: { first, _ in first })
        #expect(sides == ["Hoàng Văn Minh": "Nghệ An", "Khamphan Phommathat": "none"])
        let abroad = extractor.extract(text: "Chiều 2/2/2026, tại tỉnh Phú Thọ, Đoàn công tác tỉnh Hủa Phăn (Lào) do đồng chí Khăm Phăn, "
            + "Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban chính quyền tỉnh làm Trưởng đoàn đã hội đàm với lãnh đạo tỉnh.")
        #expect(abroad.participants.first { $0.name == "Khăm Phăn" }.map { $0.province == nil } == true)
        // A city abroad's too: its mayor's bare `thành phố` is not the host's.
        let city = extractor.extract(text: "Sáng 8/11/2019, Đoàn đại biểu thành phố Gimhae (Hàn Quốc) do ngài Kim Joo Hyun, Thị trưởng "
            + "thành phố làm Trưởng đoàn đã đến thăm và làm việc với tỉnh Ninh Bình.")
        #expect(city.participants.first { $0.name == "Kim Joo Hyun" }.map { $0.province == nil && $0.titles == ["Thị trưởng thành phố"] } == true)
        // A city at home (no country in brackets after it) is the clause's province's.
        let home = extractor.extract(text: "Sáng 8/11/2019, tại tỉnh Nghệ An, Đoàn công tác thành phố Vinh do ông Lê Văn Hùng, Chủ tịch UBND "
            + "thành phố làm Trưởng đoàn đã làm việc với Sở Xây dựng.")
        #expect(home.participants.first { $0.name == "Lê Văn Hùng" }?.province == "Nghệ An", "\(home.participants)")
    }

    @Test("where a visiting group is based (`các Đại sứ quán tại Hà Nội`, `nhóm doanh nhân ... tại Hà Nội`) is not what the article is about: a bare `tỉnh` is the province it otherwise names")
    func groupsBaseIsAnAside() {
        let record = extractor.extract(text: "Chiều 12/10/2024, ông Trần Văn Khải, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh tiếp đoàn khách gồm đại diện "
            + "các tổ chức quốc tế, nhóm doanh nhân ASEAN tại Hà Nội. Ông Trần Văn Khải giới thiệu tiềm năng của tỉnh Hưng Yên.")
        #expect(record.participants.first { $0.name == "Trần Văn Khải" }?.province == "Hưng Yên")
        #expect(record.provinces.first { $0.name == "Hà Nội" }?.roles == [.mentioned])
        #expect(record.provinces.first { $0.name == "Hưng Yên" }?.roles == [.host])
        // Held there, the city hosts.
        let held = extractor.extract(text: "Chiều 12/10/2024, nhóm công tác họp tại Hà Nội. Ông Trần Văn Khải, Chủ tịch UBND tỉnh Hưng Yên dự.")
        #expect(held.provinces.first { $0.name == "Hà Nội" }?.roles == [.host])
    }

    @Test("a caption keeps the bracket that closes its credit; a short paragraph ending in a percentage is body text, not a caption")
    func captionCreditsAndPercentages() {
        let credited = extractor.extract(text: "Phiên họp thứ 12\nSáng 2/3/2026, Chủ tịch HĐND tỉnh chủ trì phiên họp thứ 12.\n"
            + "Chủ tịch HĐND tỉnh phát biểu khai mạc phiên họp (Ảnh: Thu Hà).\nPhiên họp cho ý kiến về 10 dự thảo nghị quyết.")
        #expect(credited.captions == ["Chủ tịch HĐND tỉnh phát biểu khai mạc phiên họp (Ảnh: Thu Hà)"])
        for ending in ["3%.", "3%;", "3‰."] {
            let record = extractor.extract(text: "Hội nghị tổng kết\nSáng 11/8/2025, UBND tỉnh Nghệ An tổ chức hội nghị tổng kết. Tỷ lệ hộ nghèo còn "
                + ending + "\nHội nghị đề ra nhiệm vụ năm 2026.")
            #expect(record.captions.isEmpty && record.date == "2025-08-11", "\(ending): \(record.captions)")
            #expect(record.provinces.first?.roles == [.host], "\(ending)")
        }
    }

    @Test("someone who sends flowers or a letter, or is remembered or has a birthday celebrated, is not a participant; a congratulating speaker is")
    func honouredFromAfar() {
        let text = "Sáng 5/10/2025, Đại hội Đảng bộ tỉnh Hà Giang khai mạc. Đồng chí Trần Văn Khải, Phó Thủ tướng Chính phủ dự Đại hội. "
            + "Đại hội vinh dự nhận lẵng hoa chúc mừng của các đồng chí: Tổng Bí thư Lê Minh Tâm; Chủ tịch nước Đào Quang Vinh. "
            + "Đại hội cũng nhận thư chúc mừng của Chủ tịch Quốc hội Ngô Văn Lực. "
            + "Các đại biểu dành một phút mặc niệm tưởng nhớ đồng chí Tổng Bí thư Phạm Hữu Nghĩa. "
            + "Sau phút mặc niệm, đồng chí Hoàng Thị Lan, Bí thư Tỉnh ủy phát biểu khai mạc. "
            + "Đại hội nghe phát biểu chúc mừng của đồng chí Vũ Đức Toàn, Bí thư Tỉnh ủy Tuyên Quang."
        let names = extractor.extract(text: text).participants.map(\.name)
        #expect(names == ["Trần Văn Khải", "Hoàng Thị Lan", "Vũ Đức Toàn"], "\(names)")
        // Those named after the gift is received, who hand it over, or who visit a flower village take part.
        let after = extractor.extract(text: "Sáng 5/10/2025, Đại hội Đảng bộ tỉnh khai mạc. Sau khi đón nhận lẵng hoa chúc mừng của Bộ Chính trị, "
            + "Đại hội bầu Đoàn Chủ tịch gồm đồng chí Lê Văn Hùng, Bí thư Tỉnh ủy; đồng chí Ngô Thị Hà, Phó Bí thư Tỉnh ủy. Đồng chí Phạm Văn Tú, "
            + "Chủ tịch UBND tỉnh trao lẵng hoa của Ban Thường vụ Tỉnh ủy. Tại làng hoa của xã, đồng chí Đỗ Văn Nam, Phó Chủ tịch UBND tỉnh thăm "
            + "nông dân. Các đại biểu tưởng nhớ, đồng chí Vũ Thị Mai, Phó Bí thư Tỉnh ủy đọc diễn văn.")
        #expect(after.participants.map(\.name) == ["Lê Văn Hùng", "Ngô Thị Hà", "Phạm Văn Tú", "Đỗ Văn Nam", "Vũ Thị Mai"],
                "\(after.participants.map(\.name))")
        let speaker = extractor.extract(text: "Sáng 5/10/2025, Đại hội khai mạc. Sau khi nhận lẵng hoa chúc mừng của đồng chí Lê Văn Hùng, "
            + "Tổng Bí thư, đồng chí Ngô Văn Toàn, Bí thư Tỉnh ủy phát biểu. Tại Nhà tưởng niệm Bí thư Tỉnh ủy Đỗ Văn Nam thắp hương.")
        #expect(speaker.participants.map(\.name) == ["Ngô Văn Toàn", "Đỗ Văn Nam"], "\(speaker.participants.map(\.name))")
        // A witness to a signing is there; the Party's head in the formula `đứng đầu là` is not.
        let witnessed = extractor.extract(text: "Ngày 1/12/2025, dưới sự chứng kiến của Bí thư Tỉnh ủy Lê Văn Tám, hai tỉnh ký thỏa thuận. "
            + "Theo báo cáo, dưới sự lãnh đạo của Đảng, đứng đầu là Tổng Bí thư Trần Văn Hùng, kinh tế tiếp tục tăng trưởng.")
        #expect(witnessed.participants.map(\.name) == ["Lê Văn Tám"], "\(witnessed.participants.map(\.name))")
        // Whose birthday is celebrated is not there; who is born in a place named after it is.
        let birthday = extractor.extract(text: "Sáng 14/10/2019, Ban Tổ chức hội thảo khoa học kỷ niệm 110 năm ngày sinh đồng chí Hoàng Văn Minh "
            + "họp dưới sự chủ trì của đồng chí Lê Thị Hoa, Trưởng Ban Tuyên giáo Tỉnh ủy. Nhân Ngày sinh Bác, đồng chí Trần Văn Nam, Phó Bí "
            + "thư Tỉnh ủy phát biểu.")
        #expect(birthday.participants.map(\.name) == ["Lê Thị Hoa", "Trần Văn Nam"], "\(birthday.participants.map(\.name))")
        // Senders named before `gửi` and the flowers, in the body or under the photo of them; who presents flowers there
        // (`tặng hoa`), sends words (`gửi lời chúc mừng`) or a letter that may be read out (`gửi thư chúc mừng`) is there.
        let sent = extractor.extract(text: "Sáng 2/10/2025, Đại hội Đảng bộ tỉnh Cao Bằng khai mạc. Đồng chí Lê Văn Hùng, Phó Thủ tướng Chính phủ "
            + "dự Đại hội. Tổng Bí thư Ngô Văn Toàn, Chủ tịch nước Đào Quang Vinh và Chủ tịch Quốc hội Trần Văn Lực gửi lẵng hoa chúc mừng "
            + "Đại hội. Đồng chí Phạm Thị Hà, Bí thư Tỉnh ủy gửi lời chúc mừng các đại biểu. Đồng chí Vũ Văn Nam, Chủ tịch UBND tỉnh tặng "
            + "hoa chúc mừng Đại hội. Đồng chí Đỗ Thị Lan, Giám đốc Sở gửi thư chúc mừng các đại biểu rồi phát biểu.\nThủ tướng Chính phủ "
            + "Hoàng Văn Khải gửi lẵng hoa chúc mừng Đại hội\nĐại hội đề ra mục tiêu năm 2030.")
        #expect(sent.participants.map(\.name) == ["Lê Văn Hùng", "Phạm Thị Hà", "Vũ Văn Nam", "Đỗ Thị Lan"], "\(sent.participants.map(\.name))")
    }

    @Test("those whose presence is named (`với sự tham dự của`, `sự có mặt của`) take part")
    func presenceNamed() {
        let record = extractor.extract(text: "Chiều 16/9/2025, Diễn đàn Kinh tế tư nhân khai mạc với sự tham dự của Phó Thủ tướng Chính phủ "
            + "Trần Văn Lâm. Các đại biểu chụp ảnh lưu niệm với sự có mặt của Chủ tịch Quốc hội Lê Văn Tâm. Thực hiện chỉ đạo của Bộ trưởng "
            + "Bộ Tài chính Ngô Văn Phúc, tỉnh tăng thu ngân sách.")
        #expect(record.participants.map(\.name) == ["Trần Văn Lâm", "Lê Văn Tâm"], "\(record.participants.map(\.name))")
        // Missed, wished for, or thanked for the past: not there.
        let absent = extractor.extract(text: "Sáng 2/6/2025, Sở Y tế tổ chức hội nghị. Hội nghị không có sự tham dự của Bộ trưởng Bộ Y tế Đào "
            + "Hồng Lan. Ban tổ chức mong muốn có sự tham dự của Thứ trưởng Lê Văn Hải lần sau. Thành quả có được nhờ sự tham gia của "
            + "nguyên Bí thư Huyện ủy Trương Văn Quý. Giám đốc Sở Y tế Lê Văn Bảo chủ trì hội nghị.")
        #expect(absent.participants.map(\.name) == ["Lê Văn Bảo"], "\(absent.participants.map(\.name))")
        // Written without marks, `Mong Cai` is a city, no wish.
        let city = extractor.extract(text: "Sang 2/6/2025, hoi nghi xuc tien dau tu tai Mong Cai voi su tham du cua Pho Chu tich UBND tinh "
            + "Nghiem Xuan Cuong. Chu tich Hoi Doanh nghiep Tran Van Hoa chu tri.")
        #expect(city.participants.map(\.name) == ["Nghiem Xuan Cuong", "Tran Van Hoa"], "\(city.participants.map(\.name))")
    }

    @Test("titles: surnames Đồng and Đầu, the Front's city before its head, staff ranks, a counsellor and `Ban Tuyên giáo và dân vận`; `Phủ Chủ tịch` is a place and `sang` ends a title")
    func titlesOfRarerShapes() {
        let record = extractor.extract(text: "Sáng 20/9/2025, Đảng bộ thành phố khai mạc Đại hội. Dự có các đồng chí: Phó Bí thư Thường trực Thành "
            + "ủy, Chủ tịch HĐND thành phố Đồng Văn Lộc; Phó Bí thư Thành ủy, Chủ tịch Ủy ban MTTQ Việt Nam thành phố Hồ Thị Thu Hà; Phó Chủ "
            + "tịch UBND tỉnh Đầu Thanh Tùng; Thượng tướng Lê Văn Ngọc, Phó Tổng Tham mưu trưởng Quân đội nhân dân Việt Nam; Tham tán Công "
            + "sứ Đại sứ quán Việt Nam tại Lào Phan Văn Chiến.")
        let titles = titlesByName(record)
        #expect(titles["Đồng Văn Lộc"] == ["Phó Bí thư Thường trực Thành ủy", "Chủ tịch HĐND thành phố"], "\(titles)")
        #expect(titles["Hồ Thị Thu Hà"] == ["Phó Bí thư Thành ủy", "Chủ tịch Ủy ban MTTQ Việt Nam thành phố"], "\(titles)")
        #expect(titles["Đầu Thanh Tùng"] == ["Phó Chủ tịch UBND tỉnh"], "\(titles)")
        #expect(titles["Lê Văn Ngọc"] == ["Thượng tướng", "Phó Tổng Tham mưu trưởng Quân đội nhân dân Việt Nam"], "\(titles)")
        #expect(titles["Phan Văn Chiến"] == ["Tham tán Công sứ Đại sứ quán Việt Nam tại Lào"], "\(titles)")
        // The 2025 board written with a lower-case `dân vận`: the whole title, and the province it gives.
        let board = extractor.extract(text: "Sáng 20/6/2025, tại Hội trường Tỉnh ủy Lạng Sơn, Trường Chính trị tỉnh tổ chức hội thảo. Dự có "
            + "ông Hoàng Văn Quân - Trưởng ban Tuyên giáo và dân vận Tỉnh ủy; ông Lý Văn Bình - Giám đốc Sở Nội vụ.")
        let quan = board.participants.first { $0.name == "Hoàng Văn Quân" }
        #expect(quan?.titles == ["Trưởng ban Tuyên giáo và dân vận Tỉnh ủy"] && quan?.province == "Lạng Sơn", "\(board.participants)")
        // `Đồng` opening a place's name before a person's, and a ward the Front names: places, not people.
        let places = extractor.extract(text: "Sáng 12/5/2025, Chủ tịch UBND thành phố Đồng Hới Trần Phong chủ trì hội nghị. Bí thư Huyện ủy "
            + "Đồng Hỷ Nguyễn Thị Hồng dự. Đồng chí Chủ tịch Ủy ban MTTQ Việt Nam phường Phạm Ngũ Lão phát biểu. Theo Ủy viên Trung ương "
            + "Đảng, Bí thư Tỉnh ủy Trần Đức Thắng, tỉnh giảm 20% đầu mối.")
        // `Đồng` and a middle name open a whole name, unless a whole name of three words follows (`Đồng Văn` the district).
        let wholeNames = extractor.extract(text: "Sáng 5/3/2025, UBND tỉnh họp. Dự có Thượng tá Đồng Văn Hà Nam, Chỉ huy trưởng Ban Chỉ huy "
            + "Quân sự huyện; Giám đốc Sở Nội vụ Đồng Thị Mai Anh; Bí thư Huyện ủy Đồng Văn Hoàng Văn Sinh; Giám đốc Sở Kế hoạch và Đầu "
            + "Tư Phạm Văn Lực. Ông Lò Văn Chiến - Chánh Văn phòng Huyện ủy và Trần Văn Khải - chuyên viên tổng hợp cùng dự.")
        #expect(wholeNames.participants.map(\.name) == ["Đồng Văn Hà Nam", "Đồng Thị Mai Anh", "Hoàng Văn Sinh", "Phạm Văn Lực",
                                                        "Lò Văn Chiến", "Trần Văn Khải"], "\(wholeNames.participants)")
        #expect(titlesByName(wholeNames)["Phạm Văn Lực"] == ["Giám đốc Sở Kế hoạch và Đầu Tư"], "\(wholeNames.participants)")
        // A surname, `Văn` or `Thị` and one given name after a title's district are its holder, whatever body the title names.
        let steering = extractor.extract(text: "Chiều 24/9/2021, huyện Phước Sơn họp. Dự có Bí thư Huyện ủy, Trưởng Ban chỉ đạo phòng, chống dịch "
            + "Covid-19 huyện Đoàn Văn Thông; Trưởng Ban chỉ đạo huyện Nguyễn Thị Hoa; Phó Chủ tịch UBND huyện Hồ Công Điểm.")
        #expect(titlesByName(steering) == ["Đoàn Văn Thông": ["Bí thư Huyện ủy", "Trưởng Ban chỉ đạo phòng, chống dịch Covid-19 huyện"],
                                        "Nguyễn Thị Hoa": ["Trưởng Ban chỉ đạo huyện"], "Hồ Công Điểm": ["Phó Chủ tịch UBND huyện"]],
                "\(steering.participants)")
        // A district named so is not its holder (the lexicon's not-names).
        let district = extractor.extract(text: "Chiều 24/9/2021, tỉnh Cà Mau họp. Dự có Chủ tịch UBND huyện Trần Văn Thời dự; ông Lê Văn Hai phát biểu.")
        #expect(district.participants.map(\.name) == ["Lê Văn Hai"], "\(district.participants)")
        #expect(places.participants.map { "\($0.name): \($0.titles.joined(separator: "; "))" } == [
            "Trần Phong: Chủ tịch UBND thành phố Đồng Hới", "Nguyễn Thị Hồng: Bí thư Huyện ủy Đồng Hỷ",
            "Trần Đức Thắng: Ủy viên Trung ương Đảng; Bí thư Tỉnh ủy"], "\(places.participants)")
        let palace = extractor.extract(text: "Sáng 13/10/2025, tại Phủ Chủ tịch, Thủ tướng Đỗ Quang Hưng chủ trì Lễ đón Thủ tướng Malaysia. "
            + "Dự lễ đón có Thượng tướng Trần Minh Lực, Phó Chủ tịch Quân ủy Trung ương Trung Quốc sang thăm Việt Nam.")
        let guests = titlesByName(palace)
        #expect(guests["Đỗ Quang Hưng"] == ["Thủ tướng"], "\(guests)")
        #expect(guests["Trần Minh Lực"] == ["Thượng tướng", "Phó Chủ tịch Quân ủy Trung ương Trung Quốc"], "\(guests)")
        #expect(palace.organizations.contains("Quân ủy Trung ương Trung Quốc") && !palace.organizations.contains { $0.hasSuffix(" sang") },
                "\(palace.organizations)")
        // Written without marks, `sang` may be `sáng tạo`'s: no end there.
        let unmarked = extractor.extract(text: "Sang 23/5/2025, UBND tinh hop. Ong Vo Xuan Hoai, Pho Giam doc Trung tam Doi moi sang tao Quoc gia, trinh bay.")
        #expect(unmarked.participants.map(\.titles) == [["Pho Giam doc Trung tam Doi moi sang tao Quoc gia"]], "\(unmarked.participants)")
    }

    @Test("a plural colon's title goes to every item: past the first's rank, over items written name, dash, titles with commas between; titles dashed before the next name are that person's; an abbreviation in brackets stays in a title, `ký kết` ends one; degrees spelled out are the next name's")
    func listsSharingATitle() {
        let ranked = extractor.extract(text: "Ngày 18/12/2025, Công an tỉnh tổng kết công tác. Dự có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: "
            + "Thiếu tướng Hồ Văn Mười - Giám đốc Công an tỉnh; Trần Thị Lụa - Phó Chủ tịch UBND tỉnh; Lê Văn Sáu - Trưởng Ban Nội chính Tỉnh ủy.")
        let shared = "Ủy viên Ban Thường vụ Tỉnh ủy"
        #expect(ranked.participants.allSatisfy { $0.titles.first == shared } && ranked.participants.count == 3, "\(ranked.participants)")
        let commas = extractor.extract(text: "Ngày 26/12/2025, Hội Nông dân tỉnh tổng kết. Dự có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: Lò Văn "
            + "Tâm - Phó Chủ tịch HĐND tỉnh, Vi Thị Hoa - Trưởng Ban Dân vận Tỉnh ủy, Đinh Văn Hùng - Phó Chủ tịch UBND tỉnh.")
        #expect(commas.participants.map { $0.titles.first } == [shared, shared, shared], "\(commas.participants)")
        // Commas between people with titles after their names and no dash: the shared title stops at the first.
        let plain = extractor.extract(text: "Ngày 26/12/2025, Hội Nông dân tỉnh tổng kết. Dự có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: Lò Văn "
            + "Tâm, Phó Chủ tịch HĐND tỉnh. Ông Vi Văn Hoa, Trưởng Ban Dân vận Tỉnh ủy phát biểu.")
        #expect(titlesByName(plain)["Vi Văn Hoa"] == ["Trưởng Ban Dân vận Tỉnh ủy"], "\(plain.participants)")
        let dashed = titlesByName(extractor.extract(text: "Sáng 17/8/2024, Thủ tướng làm việc với tỉnh. Dự có các đồng chí Ủy viên Trung ương "
            + "Đảng: Phó Thủ tướng Chính phủ Trần Văn Vũ, Phó Thủ tướng Chính phủ - Bộ trưởng Bộ Ngoại giao Hồ Văn Tùng."))
        #expect(dashed["Trần Văn Vũ"] == ["Ủy viên Trung ương Đảng", "Phó Thủ tướng Chính phủ"], "\(dashed)")
        #expect(dashed["Hồ Văn Tùng"] == ["Ủy viên Trung ương Đảng", "Phó Thủ tướng Chính phủ", "Bộ trưởng Bộ Ngoại giao"], "\(dashed)")
        let bracketed = titlesByName(extractor.extract(text: "Sáng 2/10/2025, Trung tướng Đào Văn Phúc, Chủ nhiệm Tổng cục Hậu cần Quân đội "
            + "nhân dân (QĐND) Việt Nam chủ trì hội nghị."))
        #expect(bracketed["Đào Văn Phúc"] == ["Trung tướng", "Chủ nhiệm Tổng cục Hậu cần Quân đội nhân dân (QĐND) Việt Nam"], "\(bracketed)")
        // Degrees spelled out before a name are its holder's, not the titles of the person before the semicolon.
        let spelled = titlesByName(extractor.extract(text: "Sáng 15/3/2025, Tỉnh ủy tổ chức hội thảo. Các đồng chí: Hồ Văn Tâm, Phó Bí thư "
            + "Tỉnh ủy; giáo sư, tiến sĩ Phạm Quang Vinh, Giám đốc Học viện Chính trị khu vực I đồng chủ trì. Dự có tiến sĩ Cao Thị Lan, "
            + "Hiệu trưởng Trường Chính trị tỉnh."))
        #expect(spelled["Hồ Văn Tâm"] == ["Phó Bí thư Tỉnh ủy"], "\(spelled)")
        #expect(spelled["Phạm Quang Vinh"] == ["giáo sư", "tiến sĩ", "Giám đốc Học viện Chính trị khu vực I"], "\(spelled)")
        #expect(spelled["Cao Thị Lan"] == ["tiến sĩ", "Hiệu trưởng Trường Chính trị tỉnh"], "\(spelled)")
        // `ký kết` (sign) after the title is what the person does.
        let signing = titlesByName(extractor.extract(text: "Chiều 12/4/2025, Đại tá Hoàng Văn Tư, Giám đốc Công an tỉnh Lạng Sơn và Thiếu tướng "
            + "Lục Văn Trí, Giám đốc Công an tỉnh Cao Bằng ký kết chương trình phối hợp."))
        #expect(signing["Lục Văn Trí"] == ["Thiếu tướng", "Giám đốc Công an tỉnh Cao Bằng"], "\(signing)")
    }

    @Test("a term's years around a spaced dash stay in the title; `và` before the next person's name ends the title before it")
    func termsAndListsOfDashes() {
        let text = "Sáng 20/6/2025, Đảng bộ Văn phòng UBND tỉnh tổ chức Đại hội. Đoàn Chủ tịch điều hành đại hội gồm đồng chí Nguyễn "
            + "Văn An - Chánh Văn phòng UBND tỉnh, Bí thư Đảng ủy nhiệm kỳ 2020 - 2025; các đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh: "
            + "Lê Văn Bình - Phó Chánh Văn phòng, Phó Bí thư Đảng ủy và Trần Thị Cúc - Phó Chánh Văn phòng."
        let record = extractor.extract(text: text)
        let titles = titlesByName(record)
        #expect(titles["Nguyễn Văn An"] == ["Chánh Văn phòng UBND tỉnh", "Bí thư Đảng ủy nhiệm kỳ 2020 - 2025"], "\(titles)")
        #expect(titles["Lê Văn Bình"] == ["Ủy viên Ban Chấp hành Đảng bộ tỉnh", "Phó Chánh Văn phòng", "Phó Bí thư Đảng ủy"], "\(titles)")
        #expect(titles["Trần Thị Cúc"]?.contains("Phó Chánh Văn phòng") == true && titles["Trần Thị Cúc"]?.contains { $0.hasSuffix(" và") } == false,
                "\(titles)")
        expectChairs(text, chair: "Nguyễn Văn An", coChairs: ["Lê Văn Bình", "Trần Thị Cúc"])
        // A committee's name with a comma or a spaced dash between its fields, then its head's name.
        let committees = extractor.extract(text: "Chiều 7/11/2024, Quốc hội họp. Tham dự có Chủ nhiệm Ủy ban Tài chính - Ngân sách Phạm Đức "
            + "Lâm; Chủ nhiệm Ủy ban Văn hóa, Giáo dục Trần Hữu Nghĩa; Phó Chủ nhiệm Ủy ban Tài chính, Ngân sách Lê Thị Hà.")
        #expect(committees.participants.map { "\($0.name): \($0.titles.joined(separator: "; "))" } == [
            "Phạm Đức Lâm: Chủ nhiệm Ủy ban Tài chính - Ngân sách", "Trần Hữu Nghĩa: Chủ nhiệm Ủy ban Văn hóa, Giáo dục",
            "Lê Thị Hà: Phó Chủ nhiệm Ủy ban Tài chính, Ngân sách"], "\(committees.participants)")
        // A body's name with `và` keeps it: `Bộ Kế hoạch và Đầu tư`, `Ủy ban Dân tộc và Tôn giáo`.
        let bodies = extractor.extract(text: "Sáng 2/3/2025, hội nghị diễn ra. Dự có ông Lê Văn Hải, Thứ trưởng Bộ Kế hoạch và Đầu tư; bà Đỗ "
            + "Thị Lan, Phó Chủ nhiệm Ủy ban Dân tộc và Tôn giáo.")
        #expect(bodies.participants.map(\.titles) == [["Thứ trưởng Bộ Kế hoạch và Đầu tư"], ["Phó Chủ nhiệm Ủy ban Dân tộc và Tôn giáo"]],
                "\(bodies.participants)")
    }

    @Test("the post someone is appointed or elected to after `được`, or elected to hold (`bầu ông X giữ chức`), is their title; a title stops at `thông qua` and `đọc`")
    func appointedTitles() {
        let record = extractor.extract(text: "Ngày 10/8/2025, Đảng bộ phường Tân An tổ chức Đại hội. Ông Phạm Quốc Huy được chỉ định giữ chức Bí thư "
            + "Đảng ủy phường Tân An nhiệm kỳ 2025-2030; ông Lý Văn Hòa tiếp tục được bầu làm Phó Bí thư Đảng ủy phường và bà Đỗ Thị Mai "
            + "được bổ nhiệm Chánh Văn phòng. Đồng chí Hồ Văn Thành, Phó Bí thư Thường trực Đảng ủy phường thông qua báo cáo; ông Lê Văn "
            + "Bảo - Trưởng ban Tổ chức Tỉnh ủy đọc quyết định. Ông Vũ Văn Toàn được khen thưởng.")
        let titles = titlesByName(record)
        #expect(titles["Phạm Quốc Huy"] == ["Bí thư Đảng ủy phường Tân An"], "\(titles)")
        #expect(titles["Lý Văn Hòa"] == ["Phó Bí thư Đảng ủy phường"], "\(titles)")
        #expect(titles["Đỗ Thị Mai"] == ["Chánh Văn phòng"], "\(titles)")
        #expect(titles["Hồ Văn Thành"] == ["Phó Bí thư Thường trực Đảng ủy phường"], "\(titles)")
        #expect(titles["Lê Văn Bảo"] == ["Trưởng ban Tổ chức Tỉnh ủy"], "\(titles)")
        #expect(titles["Vũ Văn Toàn"] == [], "\(titles)")
        // Relieved, proposed or planned: no post; a post ends before `thay`, `kể từ`.
        let proposed = extractor.extract(text: "Sáng 1/8/2025, HĐND tỉnh họp. Ông Cầm Văn Hùng được cho thôi giữ chức Phó Chủ tịch UBND tỉnh. "
            + "Ông Mùa A Vảng được đề nghị bầu làm Chủ tịch HĐND tỉnh. Ông Phan Huy Ngọc được bầu làm Chủ tịch UBND tỉnh thay ông Nguyễn "
            + "Văn Sơn. Bà Đinh Thị Thu được bổ nhiệm Phó Giám đốc Sở Y tế kể từ ngày 1/8.")
        let posts = Dictionary(proposed.participants.map { ($0.name, $0.titles) }, uniquingKeysWith: { first, _ in first })
        #expect(posts["Cầm Văn Hùng"] == [] && posts["Mùa A Vảng"] == [], "\(posts)")
        #expect(posts["Phan Huy Ngọc"] == ["Chủ tịch UBND tỉnh"] && posts["Đinh Thị Thu"] == ["Phó Giám đốc Sở Y tế"], "\(posts)")
        let body = extractor.extract(text: "Sáng 8/7/2025, UBND tỉnh công bố quyết định. Ông Phạm Văn Lực được bổ nhiệm giữ chức Giám đốc Sở Kế "
            + "hoạch và Đầu tư.")
        #expect(titlesByName(body)["Phạm Văn Lực"] == ["Giám đốc Sở Kế hoạch và Đầu tư"], "\(body.participants)")
        // Elected to hold a post, written after the name at once.
        let held = extractor.extract(text: "Sáng 28/6/2021, HĐND xã tổ chức kỳ họp thứ nhất. Các đại biểu đã bầu ông Hồ Văn Lực giữ chức vụ Phó "
            + "Chủ tịch HĐND xã và bầu bà Trịnh Thị Mai giữ chức Chủ tịch UBND xã nhiệm kỳ 2021 – 2026.")
        #expect(titlesByName(held)["Hồ Văn Lực"] == ["Phó Chủ tịch HĐND xã"] && titlesByName(held)["Trịnh Thị Mai"] == ["Chủ tịch UBND xã"],
                "\(held.participants)")
        // Written without marks, `doc` is a director's `Giám đốc`, not `đọc`.
        let unmarked = extractor.extract(text: "Sang 5/3/2024, UBND tinh Tra Vinh hop. Du hop co ong Kien Van Sau, Giam doc So Thong tin va Truyen thong.")
        #expect(unmarked.participants.map(\.titles) == [["Giam doc So Thong tin va Truyen thong"]], "\(unmarked.participants)")
    }

    @Test("a ward's name after a body is a place, not a person: with no title before the body, or two words only; a capitalised ward after a name is not the name's")
    func wardNamedLikePerson() {
        let ward = extractor.extract(text: "Sáng 25/10/2025, Đảng ủy phường Lê Thanh Nghị tổ chức Hội nghị đối thoại với nhân dân. Dự có đồng chí "
            + "Trần Thị Hoa, Phó Trưởng Ban Dân vận Thành ủy. Sáng 26/10, ông Cầm Hà Chung - Bí thư Đảng ủy phường Nông Trang, Ủy viên Ủy ban "
            + "Kinh tế của Quốc hội tiếp xúc cử tri.")
        let titles = titlesByName(ward)
        #expect(Set(titles.keys) == ["Trần Thị Hoa", "Cầm Hà Chung"], "\(titles)")
        #expect(titles["Cầm Hà Chung"] == ["Bí thư Đảng ủy phường Nông Trang", "Ủy viên Ủy ban Kinh tế của Quốc hội"], "\(titles)")
        // A ward named after someone whose last words are a province's names no province; a title, then a full name, a person.
        let named = extractor.extract(text: "Sáng 25/10/2025, lãnh đạo UBND phường Nguyễn Thái Bình cho biết. Chủ tịch UBND phường Lê Văn Tám phát biểu.")
        #expect(named.provinces.isEmpty, "\(named.provinces.map(\.name))")
        #expect(named.participants.map(\.name) == ["Lê Văn Tám"], "\(named.participants.map(\.name))")
        // A capitalised commune or ward after a name is where the person lives, not more of the name; `Phương`, `Quận` are names.
        let living = extractor.extract(text: "Sáng 5/6/2025, HĐND xã Tân Phú họp. Dự có bà Trần Thị Lan Phường Hòa Bình, ông Lê Văn Tám Xã Tân Phú, "
            + "bà Nguyễn Thị Phương và ông Trần Đức Quận.")
        #expect(living.participants.map(\.name) == ["Trần Thị Lan", "Lê Văn Tám", "Nguyễn Thị Phương", "Trần Đức Quận"], "\(living.participants.map(\.name))")
    }

    @Test("a speech's address ('Thưa ...,') and a subhead in capitals are no captions")
    func addressesAndSubheads() {
        let record = extractor.extract(text: "Hội nghị Ban Chấp hành Đảng bộ tỉnh\nSáng 4/4/2022, Ban Chấp hành Đảng bộ tỉnh Bến Tre khai mạc "
            + "Hội nghị lần thứ 8.\nThưa các đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh,\nThưa toàn thể Hội nghị,\n"
            + "TẬP TRUNG HOÀN THÀNH CÁC NHIỆM VỤ TRỌNG TÂM\nHôm nay, Ban Chấp hành Đảng bộ tỉnh khai mạc Hội nghị lần thứ tám.\n"
            + "Quang cảnh hội nghị")
        #expect(record.captions == ["Quang cảnh hội nghị"], "\(record.captions)")
        // A caption opening on `Thừa Thiên Huế` is still one; a kicker in capitals names no meeting or body.
        let kicker = extractor.extract(text: "Tin tức\nĐẠI HỘI ĐẢNG BỘ TỈNH HÀ TĨNH LẦN THỨ XX\nSáng 4/4/2022, Ban Chấp hành Đảng bộ tỉnh Nghệ "
            + "An khai mạc Hội nghị lần thứ 8.\nThừa Thiên Huế và Nghệ An trao đổi kinh nghiệm tại hội nghị")
        #expect(kicker.captions == ["Thừa Thiên Huế và Nghệ An trao đổi kinh nghiệm tại hội nghị"], "\(kicker.captions)")
        #expect(kicker.meetingKind == "Hội nghị lần thứ 8", "\(String(describing: kicker.meetingKind))")
        #expect(!kicker.organizations.contains { $0.uppercased() == $0 }, "\(kicker.organizations)")
    }

    @Test("someone who speaks after an aside in brackets takes part")
    func speakerAfterAside() {
        let record = extractor.extract(text: "Sáng 5/3/2024, tại buổi tiếp xúc, cử tri Đỗ Thị Lành (xã Trung An) cho rằng cần làm rõ trách nhiệm.")
        #expect(record.participants.map(\.name) == ["Đỗ Thị Lành"])
    }

    @Test("a shared title carries on past a semicolon; voters who speak take part")
    func sharedListAndVoters() {
        let record = extractor.extract(text: "Sáng 5/3/2024, dự hội nghị có các đồng chí Phó Bí thư Tỉnh ủy: Nguyễn Xuân Đàm – Chủ tịch UBND tỉnh; "
            + "Lê Quang Hưng, Nguyễn Văn Thiện cùng các đồng chí trong Ban Thường vụ Tỉnh ủy. Cử tri Võ Văn Nhẫn, xã Thạnh Tiến nêu vấn đề giá cát.")
        let titles = titlesByName(record)
        #expect(titles["Lê Quang Hưng"] == ["Phó Bí thư Tỉnh ủy"])
        #expect(titles["Nguyễn Văn Thiện"] == ["Phó Bí thư Tỉnh ủy"])
        #expect(titles["Võ Văn Nhẫn"] != nil)
    }

    @Test("a province that ends a company's name is not mentioned; one in brackets after it is, and one the prose after the name gives")
    func companies() {
        let record = extractor.extract(text: "Sáng 5/3/2024, tại hội nghị ở Hà Nội, ông Trần Mạnh Bảo, TGĐ Cty Giống cây trồng Thái Bình cho biết "
            + "tàu do công ty TNHH Đại Nguyên Dương (Nam Định) đóng. Công ty Xây dựng và Thương mại Quảng Ninh, Công ty TNHH Một thành viên "
            + "Cao su Quảng Trị báo cáo; Công ty Hoa Sen đóng tại Đà Nẵng; Công ty Bình An hỗ trợ Hà Tĩnh 2 tỷ đồng.")
        let names = record.provinces.map(\.name)
        #expect(!names.contains("Thái Bình") && !names.contains("Quảng Ninh") && !names.contains("Quảng Trị"), "\(names)")
        #expect(names.contains("Nam Định") && names.contains("Đà Nẵng") && names.contains("Hà Tĩnh"), "\(names)")
    }

    @Test("the second name of a river system is the river's")
    func riverSystem() {
        let record = extractor.extract(text: "Sáng 5/3/2024, TP Hồ Chí Minh quan trắc nước mặt trên hệ thống sông Sài Gòn – Đồng Nai.")
        #expect(record.provinces.map(\.name) == ["Hồ Chí Minh"])
    }

    @Test("someone named only inside a speaker's words is not a participant; a quoted headline does not hide the body")
    func quotedWords() {
        let record = extractor.extract(text: "Chủ tịch tỉnh: \"Phải làm nhanh\"\nSáng 5/3/2024, ông Lê Văn Hòa, Chủ tịch UBND tỉnh nói: "
            + "“Phó Thủ tướng Trần Quang Định đã yêu cầu làm rõ 3 lần”. Dự họp có Phó Chủ tịch UBND tỉnh: Đặng Minh Lực, Châu Ngọc Hân.")
        let names = record.participants.map(\.name)
        #expect(names.contains("Lê Văn Hòa"))
        #expect(!names.contains("Trần Quang Định"))
        #expect(names.contains("Đặng Minh Lực") && names.contains("Châu Ngọc Hân"))
    }

    @Test("a title ends where the speaking begins or the welcome (`chào mừng`), and the organising board keeps its name", arguments: [
        ("Sáng 5/3/2024, ông Nguyễn Việt Tú, Bí thư Đảng bộ Khối Doanh nghiệp Hà Nội cho rằng cần cải cách.",
         "Nguyễn Việt Tú", "Bí thư Đảng bộ Khối Doanh nghiệp Hà Nội"),
        ("Sáng 5/3/2024, cùng đi có đồng chí Phạm Minh Toàn, Trưởng Ban tổ chức Trung ương.", "Phạm Minh Toàn", "Trưởng Ban tổ chức Trung ương"),
        // The host's welcome (`chào mừng`) ends the title before the guests' delegation, whose province is not his.
        ("Sáng 7/3/2024, đồng chí Lê Văn Tâm, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh chào mừng Đoàn công tác tỉnh Nam Định đến thăm và làm việc tại Phú Yên.",
         "Lê Văn Tâm", "Chủ tịch HĐND tỉnh"),
    ])
    func titleEnds(text: String, name: String, title: String) {
        #expect(extractor.extract(text: text).participants.first { $0.name == name }?.titles.contains(title) == true)
    }

    @Test("the city's full name with a lower-case 'thành phố' is the city, not the man")
    func lowercaseCityName() {
        let record = extractor.extract(text: "Sáng 5/3/2016, hội nghị bàn về các đô thị lớn như Thủ đô Hà Nội, thành phố Hồ Chí Minh, Đà Nẵng.")
        #expect(record.provinces.map(\.name) == ["Hà Nội", "Hồ Chí Minh", "Đà Nẵng"])
    }

    @Test("the council that meets hosts; so does the only province named when its own officials take part", arguments: [
        ("Chủ tịch UBND TPHCM Nguyễn Thành Phú cho biết điều đó tại kỳ họp 23 HĐND TPHCM, vào ngày 8/12/2020.", "Hồ Chí Minh"),
        ("Tại buổi gặp mặt do huyện Đan Phượng tổ chức ngày 28/1/2021, ông Trần Đức Hà, Bí thư Huyện ủy Đan Phượng, TP Hà Nội cho hay huyện đạt kế hoạch.",
         "Hà Nội"),
    ])
    func councilAndOnlyProvinceHost(text: String, host: String) {
        let record = extractor.extract(text: text)
        #expect(record.provinces.first { $0.name == host }?.roles == [.host])
    }

    @Test("people named like a street or a hero, former posts, lower-case titles in a list, a new sentence after a credit in capitals",
          arguments: [
        ("Sáng 5/3/2024, dự có ông Trần Quốc Toản, Ủy viên Ban Thường vụ Tỉnh ủy, Chủ tịch HĐND tỉnh.", "Trần Quốc Toản",
         ["Ủy viên Ban Thường vụ Tỉnh ủy", "Chủ tịch HĐND tỉnh"]),
        ("Sáng 5/3/2024, dự đại hội có các đồng chí: Lê Hồng Sơn, nguyên Ủy viên Bộ Chính trị, nguyên Thường trực Ban Bí thư.", "Lê Hồng Sơn",
         ["nguyên Ủy viên Bộ Chính trị", "nguyên Thường trực Ban Bí thư"]),
        ("Sáng 5/3/2024, dự có nguyên Phó Chủ tịch Quốc hội Uông Chu Lâm; chủ nhiệm Ủy ban Kinh tế Vũ Hồng Thái.", "Uông Chu Lâm",
         ["nguyên Phó Chủ tịch Quốc hội"]),
        ("Sáng 5/3/2024, dự có nguyên Phó Chủ tịch Quốc hội Uông Chu Lâm; chủ nhiệm Ủy ban Kinh tế Vũ Hồng Thái.", "Vũ Hồng Thái",
         ["chủ nhiệm Ủy ban Kinh tế"]),
        ("Sáng 5/3/2024, kỳ họp khai mạc. Chủ tịch HĐND tỉnh phát biểu. Ảnh: ĐOÀN KIÊN Ông Trần Hồng Thái, Chủ tịch HĐND tỉnh cho biết kỳ họp diễn ra 2 ngày.",
         "Trần Hồng Thái", ["Chủ tịch HĐND tỉnh"]),
    ])
    func moreNameShapes(text: String, name: String, titles: [String]) {
        #expect(extractor.extract(text: text).participants.first { $0.name == name }?.titles == titles)
    }

    @Test("a street named after a hero is still not a person")
    func heroStreet() {
        let record = extractor.extract(text: "Sáng 5/3/2024, hội nghị họp tại số 12 đường Trần Quốc Toản, gần Trường THPT Lê Hồng Phong.")
        #expect(record.participants.isEmpty)
    }

    @Test("someone a caption shows speaking at the meeting took part; a portrait's caption and the credit say nothing")
    func captionPeople() {
        let record = extractor.extract(text: "Sáng 5/3/2024, UBND tỉnh họp phiên thường kỳ.\n"
            + "Đồng chí Đặng Thanh Hùng - Chánh Văn phòng UBND tỉnh phát biểu tại phiên họp. Ảnh: Thành Duy\n"
            + "Chủ tịch UBND tỉnh Huỳnh Văn Thọ. Ảnh: Lê Minh\n"
            + "Phiên họp đã thảo luận nhiều nội dung quan trọng của tỉnh trong tháng.")
        let names = record.participants.map(\.name)
        #expect(names.contains("Đặng Thanh Hùng"))
        #expect(!names.contains("Huỳnh Văn Thọ"))
        #expect(!names.contains("Thành Duy") && !names.contains("Lê Minh"))
    }

    @Test("a caption with its stop and no credit: one short sentence past the lead of someone doing what a photo shows; lines that say what was said, chair, count, date, list those present or name the meeting in full stay body, as do the lead and a teaser's")
    func captionsWithTheirStop() {
        let record = extractor.extract(text: "Đại hội Đảng bộ xã Phú Lâm lần thứ I\n"
            + "Sáng 14/8/2025, Đảng bộ xã Phú Lâm tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025-2030.\n"
            + "Các đại biểu dự Đại hội.\n"
            + "Đồng chí Lương Văn Tài, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh tặng hoa chúc mừng đồng chí Ngô Văn Phúc được bầu giữ chức Bí thư.\n"
            + "Đồng chí Trần Thị Mai, Bí thư Đảng ủy xã phát biểu khai mạc Đại hội.\n"
            + "Ông Hồ Văn Khải.\n"
            + "Nhiệm kỳ qua, xã hoàn thành 18 chỉ tiêu chủ yếu.\n"
            + "Chủ tịch UBND xã Lê Văn An đề nghị các ngành khẩn trương hoàn thiện hồ sơ.\n"
            + "Đồng chí Đỗ Minh Quang chủ trì và phát biểu bế mạc phiên họp.\n"
            + "Các đại biểu dự lễ trao quyết định ngày 15/8.\n"
            + "Các đại biểu dự lễ có đồng chí Vũ Văn Hòa, Phó Bí thư Tỉnh ủy.\n"
            + "Đại biểu dự Đại hội đã biểu quyết thông qua 12 nghị quyết.\n"
            + "Lãnh đạo tỉnh trao đổi với đại biểu về chuyển đổi số trong nông nghiệp.\n"
            + "Bí thư Tỉnh ủy Phạm Văn Tâm dự Hội nghị tổng kết công tác dân vận năm 2025.\n"
            + "Chủ tịch UBND tỉnh Đào Minh Hải kiểm tra dự án đường ven biển.")
        #expect(record.captions == ["Các đại biểu dự Đại hội",
                                    "Đồng chí Lương Văn Tài, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh tặng hoa chúc mừng đồng chí Ngô Văn Phúc được bầu giữ chức Bí thư",
                                    "Đồng chí Trần Thị Mai, Bí thư Đảng ủy xã phát biểu khai mạc Đại hội"], "\(record.captions)")
        // Everyone a caption shows at the meeting took part, the one congratulated too; the body's people are still found.
        let names = record.participants.map(\.name)
        for name in ["Lương Văn Tài", "Ngô Văn Phúc", "Trần Thị Mai", "Hồ Văn Khải", "Lê Văn An", "Vũ Văn Hòa", "Phạm Văn Tâm", "Đào Minh Hải"] {
            #expect(names.contains(name), "\(name): \(names)")
        }
        #expect(record.chair?.name == "Đỗ Minh Quang")
        #expect(record.figures.map(\.text).contains("12 nghị quyết") && record.topics.contains("chuyển đổi số"), "\(record.figures) \(record.topics)")
        // The lead is the body's whatever it says, and so is the line after a teaser with no date.
        let lead = extractor.extract(text: "Đồng chí Trần Văn Bình dự hội nghị.\nHội nghị bàn về công tác cải cách hành chính.")
        #expect(lead.captions.isEmpty, "\(lead.captions)")
        let teaser = extractor.extract(text: "Hội nghị trực tuyến toàn quốc\nNhiều giải pháp được bàn tại hội nghị quan trọng này.\n"
            + "Thủ tướng Phạm Minh Chính phát biểu khai mạc Hội nghị.\nHội nghị bàn về đầu tư công.")
        #expect(teaser.captions.isEmpty, "\(teaser.captions)")
        // Someone whose speech a credited caption gives spoke there; someone whose words are passed on did not.
        let credited = extractor.extract(text: "Sáng 5/3/2024, Tỉnh ủy tổ chức hội nghị.\nPhát biểu chỉ đạo của đồng chí Ngô Thanh Danh, Bí thư Tỉnh "
            + "ủy tại hội nghị. Ảnh: Ngọc Lan\nĐồng chí Bí thư Tỉnh ủy Chẩu Văn Lâm quán triệt bài phát biểu của đồng chí Tổng Bí thư Nguyễn Phú "
            + "Trọng. Ảnh: Minh Hà\nHội nghị bàn nhiều nội dung.")
        #expect(credited.participants.map(\.name) == ["Ngô Thanh Danh", "Chẩu Văn Lâm"], "\(credited.participants)")
        // A delegation's leader stays body (and chairs), as does a ceremony named in full; a delegate without a title is shown.
        let visit = extractor.extract(text: "Chiều 14/10/2025, Đoàn giám sát HĐND tỉnh làm việc với UBND xã Ea Kar.\n"
            + "Bà H'Kim Hoa Byă, Phó Chủ tịch HĐND tỉnh, trưởng đoàn giám sát phát biểu kết luận buổi làm việc.\n"
            + "Đại biểu Nguyễn Thị Hồng Nhung phát biểu tại buổi làm việc.\nÔng Đinh Văn Tuấn, Phó Chủ tịch UBND tỉnh dự lễ khánh thành.")
        #expect(visit.chair?.name == "H'Kim Hoa Byă" && visit.captions == ["Đại biểu Nguyễn Thị Hồng Nhung phát biểu tại buổi làm việc"],
                "\(String(describing: visit.chair)) \(visit.captions)")
        #expect(visit.participants.map(\.name).contains("Nguyễn Thị Hồng Nhung"), "\(visit.participants)")
        // A caption's fuller title, or one more, is the participant's.
        let fuller = extractor.extract(text: "Sáng 3/12/2025, UBND phường Tân Lập họp. Chủ tịch UBND phường Hồ Minh Sang chủ trì.\n"
            + "Ông Hồ Minh Sang, Chủ tịch UBND phường Tân Lập phát biểu kết luận hội nghị.")
        #expect(titlesByName(fuller)["Hồ Minh Sang"] == ["Chủ tịch UBND phường Tân Lập"], "\(fuller.participants)")
        // A vote ends a title.
        let vote = extractor.extract(text: "Sáng 3/12/2025, Đảng ủy phường họp.\nĐồng chí Đoàn Thị Thu, Phó Bí thư Đảng ủy phường biểu quyết "
            + "thông qua nghị quyết.")
        #expect(titlesByName(vote)["Đoàn Thị Thu"] == ["Phó Bí thư Đảng ủy phường"], "\(vote.participants)")
    }

    @Test("a board's head abbreviated (`Trưởng BQL`) is a title; someone there to direct (`sự tham gia chỉ đạo của`) took part; a short first line with a stop over a lead that opens on its day is the headline")
    func boardHeadsDirectorsAndHeadlinesWithAStop() {
        let record = extractor.extract(text: "UBND phường Hòa Bình tổng kết năm 2025.\n"
            + "Ngày 29/12/2025, UBND phường Hòa Bình tổ chức hội nghị tổng kết. Tham dự có sự tham gia chỉ đạo của đồng chí Tống Văn Nghĩa, "
            + "Bí thư Đảng ủy phường. Dự có đồng chí Đàm Quang Vinh - Ủy viên BTV Tỉnh ủy, Trưởng BQL Khu kinh tế tỉnh.")
        #expect(record.title == "UBND phường Hòa Bình tổng kết năm 2025.")
        #expect(record.participants.map(\.name).contains("Tống Văn Nghĩa"), "\(record.participants.map(\.name))")
        #expect(record.participants.first { $0.name == "Đàm Quang Vinh" }?.titles == ["Ủy viên BTV Tỉnh ủy", "Trưởng BQL Khu kinh tế tỉnh"],
                "\(record.participants)")
        // Over a line that does not open on its day, a first line with a stop is the lead.
        let lead = extractor.extract(text: "UBND xã Tân Lập tổ chức hội nghị tổng kết năm 2025.\nHội nghị diễn ra trong một buổi sáng.")
        #expect(lead.title == nil)
    }

    @Test("'Ảnh:' before someone named with an honorific labels a caption, not a credit: they took part")
    func labelledCaption() {
        let short = extractor.extract(text: "Sáng 5/3/2024, HĐND tỉnh họp phiên thường kỳ.\n"
            + "Ảnh: Đồng chí Đặng Thanh Hùng, Phó Chủ tịch HĐND tỉnh trình bày báo cáo tại phiên họp\n"
            + "Phiên họp đã thảo luận nhiều nội dung.")
        #expect(short.participants.map(\.name) == ["Đặng Thanh Hùng"])
        let inline = extractor.extract(text: "Sáng 5/3/2024, HĐND tỉnh họp phiên thường kỳ. Ảnh: Đồng chí Đặng Thanh Hùng, Tỉnh ủy viên, "
            + "Phó Chủ tịch HĐND tỉnh trình bày báo cáo tổng hợp ý kiến, kiến nghị của cử tri trước kỳ họp thường lệ cuối năm 2025 "
            + "của Hội đồng nhân dân tỉnh, được các đại biểu thảo luận, góp ý và thống nhất thông qua tại phiên họp sáng nay")
        #expect(!inline.captions.contains("Ảnh: Đồng"), "\(inline.captions)")
        #expect(inline.captions.contains { $0.hasPrefix("Đồng chí Đặng Thanh Hùng") }, "\(inline.captions)")
        let credit = extractor.extract(text: "Sáng 5/3/2024, HĐND tỉnh họp phiên thường kỳ.\nĐại biểu phát biểu tại phiên họp. Ảnh: Đồng Văn Lâm")
        #expect(credit.participants.isEmpty)
        // `Bá` is a photographer's name, not `Bà`.
        let creditFirst = extractor.extract(text: "Sáng 5/3/2024, HĐND tỉnh họp phiên thường kỳ.\nẢnh: Bá Thăng Quang cảnh hội nghị.\n"
            + "Phiên họp đã thảo luận nhiều nội dung.")
        #expect(!creditFirst.captions.contains { $0.hasPrefix("Bá Thăng") }, "\(creditFirst.captions)")
        // A scene's caption with its full stop.
        let scene = extractor.extract(text: "Sáng 5/3/2024, HĐND tỉnh họp phiên thường kỳ.\nToàn cảnh hội nghị.\nQuang cảnh phiên họp tại tỉnh Hà Nam.\n"
            + "Phiên họp đã thảo luận nhiều nội dung.")
        #expect(scene.captions.contains("Toàn cảnh hội nghị") && scene.captions.contains("Quang cảnh phiên họp tại tỉnh Hà Nam"), "\(scene.captions)")
    }

    @Test("a visit 'tại tỉnh X' and a province's own congress are hosted there", arguments: [
        ("Trong chuyến công tác tại tỉnh Đồng Nai, sáng 14/3/2014, Phó Thủ tướng Hoàng Trung Hiếu cùng đoàn công tác đã đến thăm Sở Tài chính.",
         "Đồng Nai"),
        ("Sáng 15/10/2015, Đại hội đại biểu lần thứ XXI Đảng bộ thành phố Đà Nẵng đã khai mạc.", "Đà Nẵng"),
        ("Sáng 3/10/2025, Đại hội đại biểu tỉnh An Giang lần thứ I khai mạc.", "An Giang"),
    ])
    func visitAndCongressHosts(text: String, host: String) {
        #expect(extractor.extract(text: text).provinces.first { $0.name == host }?.roles == [.host])
    }

    @Test("the leader of a delegation that visits chairs when nobody is said to")
    func delegationVisit() {
        let record = extractor.extract(text: "Sáng 14/3/2014, Phó Thủ tướng Chính phủ Hoàng Trung Hiếu cùng đoàn công tác đã đến thăm Sở Tài chính tỉnh Đồng Nai.")
        #expect(record.chair?.name == "Hoàng Trung Hiếu")
    }

    @Test("a shared title's list does not reach back into the name before it")
    func sharedTitleStopsAtName() throws {
        let record = extractor.extract(text: "Sáng 5/3/2025, cùng dự có Phó Thủ tướng Thường trực Nguyễn Hòa Bình và các Phó Thủ tướng: Trần Hồng Hải, Bùi Thanh Sang.")
        let person = try #require(record.participants.first { $0.name == "Trần Hồng Hải" })
        #expect(person.titles == ["Phó Thủ tướng"])
        #expect(person.province == nil)
    }

    @Test("the first sentence that says where the meeting is held gives its host; a later 'tại tỉnh X' is another event")
    func firstHostWins() {
        let record = extractor.extract(text: "Ngày 19/4/2024, tại tỉnh Lai Châu, Khối thi đua các tỉnh miền núi phía Bắc tổ chức hội nghị giao ban. "
            + "Kết thúc hội nghị, Khối thống nhất tổ chức giao ban 6 tháng tại tỉnh Tuyên Quang vào cuối tháng 7/2024.")
        let roles = Dictionary(uniqueKeysWithValues: record.provinces.map { ($0.name, $0.roles) })
        #expect(roles["Lai Châu"] == [.host])
        #expect(roles["Tuyên Quang"] == [.mentioned])
    }

    @Test("two people joined by 'và' just before the cue chair together; a leader meeting voters chairs", arguments: [
        ("Sáng 23/6/2017, Thủ tướng Chính phủ Nguyễn Xuân Phú và Bí thư Thành ủy TP.HCM Nguyễn Thiện Nhơn chủ trì buổi làm việc.",
         "Nguyễn Xuân Phú", ["Nguyễn Thiện Nhơn"]),
        ("Sáng 21/10/2014, Thủ tướng Nguyễn Tấn Dương đã tiếp xúc cử tri tại Đại học Quốc gia TP Hồ Chí Minh.", "Nguyễn Tấn Dương", []),
        ("Ngay sau buổi tiếp xúc cử tri, chiều 26/6/2017, Thủ tướng Nguyễn Xuân Phú đã có buổi làm việc với Ban Thường vụ Thành ủy Hải Phòng.",
         "Nguyễn Xuân Phú", []),
    ] as [(String, String, [String])])
    func jointAndVoterChairs(text: String, chair: String, coChairs: [String]) {
        let record = extractor.extract(text: text)
        #expect(record.chair?.name == chair)
        #expect(record.coChairs.map(\.name) == coChairs)
    }

    @Test("a list that opens the sentence and runs up to the cue chairs together, the first named the chair", arguments: [
        ("Chiều 14/5/2024, bà Lê Thị Thu Hằng - Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Bình Định và ông Phạm Văn Lợi, Bí thư Tỉnh ủy, "
            + "Chủ tịch HĐND tỉnh Phú Yên, chủ trì hội nghị liên tịch.", "Lê Thị Thu Hằng", ["Phạm Văn Lợi"]),
        ("Sáng 9/11/2023, tại Hà Nội, hội nghị Đoàn Chủ tịch khai mạc. Ông Trần Văn Thuần, Chủ tịch Hội Nông dân Việt Nam; "
            + "các Phó Chủ tịch Hội Nông dân Việt Nam: Bùi Thị Thơm, Đinh Khắc Đính chủ trì hội nghị.", "Trần Văn Thuần", ["Bùi Thị Thơm", "Đinh Khắc Đính"]),
        // `A, title cùng các đồng chí B, C`: the first named chairs with those after `cùng`.
        ("Chiều 28/6/2024, Sở Nội vụ tổ chức hội nghị sơ kết, đồng chí Đặng Thị Hoa, Giám đốc Sở Nội vụ cùng các đồng chí Phó Giám "
            + "đốc Sở Lê Văn Tài, Ngô Văn Bình chủ trì hội nghị.", "Đặng Thị Hoa", ["Lê Văn Tài", "Ngô Văn Bình"]),
        // Someone named in the same sentence who is not in the list does not chair.
        ("Sáng 9/11/2023, ông Trần Văn Thuần cho biết bà Bùi Thị Thơm, Phó Chủ tịch Hội Nông dân Việt Nam chủ trì hội nghị.", "Bùi Thị Thơm", []),
    ] as [(String, String, [String])])
    func listedChairs(text: String, chair: String, coChairs: [String]) {
        let record = extractor.extract(text: text)
        #expect(record.chair?.name == chair)
        #expect(record.coChairs.map(\.name) == coChairs)
    }

    @Test("a title runs on through 'Ban chỉ đạo', 'Ủy viên dự khuyết', a spaced dash and a bracketed abbreviation before the name; a former post keeps 'nguyên' in a list before the name", arguments: [
        ("Sáng 3/8/2021, Phó Thủ tướng Vũ Đức Đam, Trưởng Ban chỉ đạo quốc gia phòng, chống dịch COVID-19 chủ trì cuộc họp.", "Vũ Đức Đam",
         ["Phó Thủ tướng", "Trưởng Ban chỉ đạo quốc gia phòng, chống dịch COVID-19"]),
        ("Chiều 2/10/2025, ông Hồ Văn Niên, Ủy viên dự khuyết Trung ương Đảng, Bí thư Tỉnh ủy Gia Lai dự hội nghị.", "Hồ Văn Niên",
         ["Ủy viên dự khuyết Trung ương Đảng", "Bí thư Tỉnh ủy Gia Lai"]),
        ("Sáng 4/12/2023, bà Trương Thị Ngọc Ánh, Phó Chủ tịch - Tổng Thư ký Hội Liên hiệp Phụ nữ Việt Nam, dự hội nghị.", "Trương Thị Ngọc Ánh",
         ["Phó Chủ tịch", "Tổng Thư ký Hội Liên hiệp Phụ nữ Việt Nam"]),
        ("Sáng 30/4/2024, dự lễ có nguyên Phó Bí thư Thành ủy, nguyên Chủ tịch HĐND TP Cần Thơ Phạm Văn Hiểu.", "Phạm Văn Hiểu",
         ["nguyên Phó Bí thư Thành ủy", "nguyên Chủ tịch HĐND TP Cần Thơ"]),
        ("Sáng 5/10/2020, dự đại hội có các đồng chí: Nguyên Chủ tịch nước Lê Minh Tâm; nguyên Chủ tịch Quốc hội Đào Quang Vinh.",
         "Lê Minh Tâm", ["Nguyên Chủ tịch nước"]),
        ("Sáng 5/6/2025, Bí thư Tỉnh ủy Tây Ninh nhiệm kỳ 2020 - 2025 Nguyễn Văn Quyết khẳng định hội nghị thành công.", "Nguyễn Văn Quyết",
         ["Bí thư Tỉnh ủy Tây Ninh nhiệm kỳ 2020 - 2025"]),
        // In a list whose items are parted by semicolons, an item written titles first gives them to its own name.
        ("Dự có các đồng chí: Đại tướng Lê Văn Quang, Bộ trưởng Bộ Công an; Bí thư Trung ương Đảng, Chánh Văn phòng Trung ương Đảng "
            + "Trần Hoài Trung; lãnh đạo các ban.", "Lê Văn Quang", ["Đại tướng", "Bộ trưởng Bộ Công an"]),
        ("Dự có các đồng chí: Đại tướng Lê Văn Quang, Bộ trưởng Bộ Công an; Bí thư Trung ương Đảng, Chánh Văn phòng Trung ương Đảng "
            + "Trần Hoài Trung; lãnh đạo các ban.", "Trần Hoài Trung", ["Bí thư Trung ương Đảng", "Chánh Văn phòng Trung ương Đảng"]),
        // Titles before the last semicolon stay the first name's.
        ("Dự có đồng chí Hoàng Trung Dũng, Ủy viên Trung ương Đảng; Bí thư Tỉnh ủy, Trưởng Đoàn ĐBQH tỉnh; Phó Chủ tịch UBND tỉnh Trần "
            + "Báu Hà.", "Hoàng Trung Dũng", ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy", "Trưởng Đoàn ĐBQH tỉnh"]),
        // A member of a parliament (`Hạ nghị sĩ`, `Thượng nghị sĩ`) holds a title, and the next title after it is read too.
        ("Trưa 9/8/2025, Chủ tịch UBND tỉnh Lê Văn An tiếp đoàn do bà Obuchi Yuko, Hạ nghị sĩ Quốc hội Nhật Bản, Chủ tịch Liên minh Nghị sĩ "
            + "Hữu nghị Nhật - Việt làm trưởng đoàn.", "Obuchi Yuko", ["Hạ nghị sĩ Quốc hội Nhật Bản", "Chủ tịch Liên minh Nghị sĩ Hữu nghị Nhật - Việt"]),
        // A body's abbreviation in brackets between the title and the name is passed over, and left out of the title.
        ("Sáng 14/5/2024, Bộ trưởng Bộ Nông nghiệp và Phát triển Nông thôn (NN&PTNT) Lê Minh Hoan, Bí thư Tỉnh ủy Gia Lai Hồ Văn Niên "
            + "đồng chủ trì hội nghị.", "Lê Minh Hoan", ["Bộ trưởng Bộ Nông nghiệp và Phát triển Nông thôn"]),
        ("Chiều 9/10/2023, Giám đốc Sở Tài nguyên và Môi trường (TN&MT) Đặng Văn Lâm chủ trì cuộc họp.", "Đặng Văn Lâm",
         ["Giám đốc Sở Tài nguyên và Môi trường"]),
        ("Sáng 2/3/2024, Chủ tịch Phòng Thương mại và Công nghiệp Việt Nam (VCCI) Phạm Văn Tuấn phát biểu tại diễn đàn.", "Phạm Văn Tuấn",
         ["Chủ tịch Phòng Thương mại và Công nghiệp Việt Nam"]),
    ] as [(String, String, [String])])
    func titlesThatRunOn(text: String, name: String, titles: [String]) {
        let record = extractor.extract(text: text)
        #expect(record.participants.first { $0.name == name }?.titles == titles, "\(record.participants.map { ($0.name, $0.titles) })")
    }

    @Test("a degree written with its dot ('TS.', 'PGS.TS.') is the first title, also right after a list's colon")
    func degreesWithDots() {
        let record = extractor.extract(text: "Sáng 12/9/2023, Trường Đại học Vinh tổ chức hội thảo. Tham dự có: PGS.TS. Nguyễn Văn Bình, Hiệu trưởng "
            + "Trường Đại học Vinh; TS. Trần Thị Mai, Phó Hiệu trưởng Trường Đại học Hà Tĩnh và ThS. Lê Quang Huy (Khoa Sử).")
        let titles = titlesByName(record)
        #expect(titles["Nguyễn Văn Bình"] == ["PGS.TS", "Hiệu trưởng Trường Đại học Vinh"], "\(titles)")
        #expect(titles["Trần Thị Mai"] == ["TS", "Phó Hiệu trưởng Trường Đại học Hà Tĩnh"], "\(titles)")
        #expect(titles["Lê Quang Huy"]?.first == "ThS", "\(titles)")
        // A plural title before the colon is still shared when the names after it carry titles of their own.
        let shared = extractor.extract(text: "Sáng 2/9/2024, tại Hà Nội, dự lễ có các Ủy viên Bộ Chính trị: Chủ tịch nước Võ Văn Thưởng, Thủ tướng Phạm Minh Chính.")
        #expect(shared.participants.first?.titles == ["Ủy viên Bộ Chính trị", "Chủ tịch nước"], "\(shared.participants.map { ($0.name, $0.titles) })")
        #expect(shared.participants.last?.titles == ["Ủy viên Bộ Chính trị", "Thủ tướng"], "\(shared.participants.map { ($0.name, $0.titles) })")
    }

    @Test("titles before a plural colon go to every name of its list, before each one's own; a semicolon after commas ends the list")
    func titlesBeforeAPluralColon() {
        let record = extractor.extract(text: "Sáng 12/10/2025, tại Hà Nội, Ban Chỉ đạo Trung ương họp. Dự có các Ủy viên Bộ Chính trị, Bí thư Trung ương "
            + "Đảng: Trưởng ban Tổ chức Trung ương Lê Văn Hùng, Trưởng ban Nội chính Trung ương Phạm Đức Toàn; Bí thư Trung ương Đảng, "
            + "Chánh Văn phòng Trung ương Đảng Đỗ Minh Khang; các đồng chí Thượng tướng - Ủy viên Trung ương Đảng: Thứ trưởng Bộ Quốc "
            + "phòng Trần Văn Lực, Thứ trưởng Bộ Công an Vũ Quốc Bình.")
        let titles = titlesByName(record)
        #expect(titles["Lê Văn Hùng"] == ["Ủy viên Bộ Chính trị", "Bí thư Trung ương Đảng", "Trưởng ban Tổ chức Trung ương"], "\(titles)")
        #expect(titles["Phạm Đức Toàn"] == ["Ủy viên Bộ Chính trị", "Bí thư Trung ương Đảng", "Trưởng ban Nội chính Trung ương"], "\(titles)")
        #expect(titles["Đỗ Minh Khang"] == ["Bí thư Trung ương Đảng", "Chánh Văn phòng Trung ương Đảng"], "\(titles)")
        #expect(titles["Trần Văn Lực"] == ["Thượng tướng", "Ủy viên Trung ương Đảng", "Thứ trưởng Bộ Quốc phòng"], "\(titles)")
        #expect(titles["Vũ Quốc Bình"] == ["Thượng tướng", "Ủy viên Trung ương Đảng", "Thứ trưởng Bộ Công an"], "\(titles)")
        // Items separated by semicolons from the first keep the list's titles; a colon after no plural shares nothing.
        let semicolons = extractor.extract(text: "Sáng 12/10/2025, Tỉnh ủy họp. Dự có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: Phó Chủ tịch "
            + "UBND tỉnh Lê Thị Hạnh; Giám đốc Sở Tài chính Ngô Văn Tú. Đại biểu tỉnh có đồng chí Bí thư Tỉnh ủy: Chủ tịch HĐND tỉnh Đào Văn Lâm.")
        let listed = titlesByName(semicolons)
        #expect(listed["Ngô Văn Tú"] == ["Ủy viên Ban Thường vụ Tỉnh ủy", "Giám đốc Sở Tài chính"], "\(listed)")
        #expect(listed["Đào Văn Lâm"] == ["Chủ tịch HĐND tỉnh"], "\(listed)")
        // An item that is no person ends the list: who comes after it is not in it.
        let ended = extractor.extract(text: "Sáng 12/10/2025, Đại hội khai mạc. Dự có các Ủy viên Trung ương Đảng: Bộ trưởng Bộ Tài chính Phạm Đức "
            + "Toàn; Bộ trưởng Bộ Nội vụ Lê Văn Hùng; đại diện lãnh đạo các ban, bộ, ngành; Bí thư Tỉnh ủy Ngô Minh Khôi.")
        let endedTitles = titlesByName(ended)
        #expect(endedTitles["Lê Văn Hùng"] == ["Ủy viên Trung ương Đảng", "Bộ trưởng Bộ Nội vụ"], "\(endedTitles)")
        #expect(endedTitles["Ngô Minh Khôi"] == ["Bí thư Tỉnh ủy"], "\(endedTitles)")
    }

    @Test("a title stops at 'hứa' (promised); a superior whose request is carried out is not present")
    func requestsAndPromises() {
        let carried = extractor.extract(text: "Sáng 5/3/2024, thực hiện yêu cầu của Thủ tướng Chính phủ Phạm Minh Chính, UBND tỉnh Cà Mau tổ chức hội nghị.")
        #expect(carried.participants.isEmpty, "\(carried.participants.map(\.name))")
        let promised = extractor.extract(text: "Sáng 5/1/2022, ông Trần Quốc Huy, Bí thư Tỉnh ủy Kon Tum hứa sẽ chỉ đạo các sở hỗ trợ.")
        #expect(promised.participants.first?.titles == ["Bí thư Tỉnh ủy Kon Tum"], "\(promised.participants.map(\.titles))")
    }

    @Test("the chair in a sentence that links to other provinces' bridge points keeps the host's province")
    func chairBesideLinkedProvinces() {
        let record = extractor.extract(text: "Sáng 5/3/2024, UBND tỉnh Cà Mau tổ chức hội nghị. Phó Chủ tịch UBND tỉnh Lê Văn Sử chủ trì hội nghị, "
            + "kết nối trực tuyến đến các tỉnh Bạc Liêu, Kiên Giang.")
        #expect(record.participants.first { $0.name == "Lê Văn Sử" }?.province == "Cà Mau")
        #expect(record.provinces.first { $0.name == "Bạc Liêu" }?.roles == [.bridgePoint])
    }

    @Test("a straight quote closed after a full stop ends the quotation")
    func straightQuoteAfterStop() {
        let record = extractor.extract(text: "Sáng 5/3/2024, ông Lê Văn Hòa, Giám đốc Sở Y tế nói: \"Phải làm an toàn.\" "
            + "Ông Nguyễn Văn Khang, Chủ tịch UBND tỉnh đề nghị các sở phối hợp.")
        #expect(record.participants.map(\.name).contains("Nguyễn Văn Khang"))
    }

    @Test("a title written right after a name with no comma (`Nguyễn Thị Lan Phó Chủ tịch UBND tỉnh Nghệ An`) is the name's title, not more of the name")
    func titleRunOnAfterName() {
        let record = extractor.extract(text: "Chiều 8/4/2025, Chủ tịch UBND tỉnh Trần Văn Hùng tiếp đoàn doanh nghiệp Hàn Quốc. Cùng dự có các đồng chí: "
            + "Nguyễn Thị Lan Phó Chủ tịch UBND tỉnh Nghệ An; Lê Văn Trưởng, Giám đốc Sở Công Thương.")
        let lan = record.participants.first { $0.name.hasPrefix("Nguyễn Thị Lan") }
        #expect(lan?.name == "Nguyễn Thị Lan" && lan?.titles == ["Phó Chủ tịch UBND tỉnh Nghệ An"] && lan?.province == "Nghệ An",
                "\(String(describing: lan))")
        // A given name that is a title's word, a comma after it, stays the name's.
        #expect(record.participants.contains { $0.name == "Lê Văn Trưởng" })
    }

    @Test("a group that meets voters or visits, listed before the verb (`gồm các đồng chí: A; B; C đã có buổi tiếp xúc cử tri`), is led by the first listed, not the last; `và đại biểu C` is one of them")
    func listedGroupLedByItsFirst() {
        let delegation = extractor.extract(text: "Ngày 30/9/2024, Đoàn ĐBQH tỉnh Nghệ An gồm các đồng chí: Hoàng Văn Nhân, Ủy viên Trung ương Đảng, "
            + "Phó Chủ tịch Quốc hội; Trần Đình Gia, Tỉnh ủy viên, Phó Trưởng Đoàn ĐBQH tỉnh; Vi Thị Lan, đại biểu quốc hội chuyên trách, "
            + "đã có buổi tiếp xúc cử tri tại huyện Quỳ Châu.")
        #expect(delegation.chair?.name == "Hoàng Văn Nhân", "\(String(describing: delegation.chair))")
        let group = extractor.extract(text: "Sáng 5/6/2024, Tổ đại biểu số 3 HĐND tỉnh gồm các đại biểu Lê Văn Bảy, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh; "
            + "Phạm Thị Hoa, Trưởng Ban Pháp chế HĐND tỉnh và đại biểu Nguyễn Văn Tám đã có buổi tiếp xúc cử tri thị xã Sông Cầu.")
        #expect(group.chair?.name == "Lê Văn Bảy", "\(String(describing: group.chair))")
        #expect(group.participants.contains { $0.name == "Nguyễn Văn Tám" })
        let pair = extractor.extract(text: "Chiều 5/5/2024, tại xã Phúc Ninh, bà Hà Thị Lan, Đại biểu Quốc hội tỉnh Tuyên Quang và bà Ma Thị Huệ, "
            + "Giám đốc Sở Y tế, Đại biểu Quốc hội tỉnh Tuyên Quang đã tiếp xúc với cử tri.")
        #expect(pair.chair?.name == "Hà Thị Lan", "\(String(describing: pair.chair))")
        let online = extractor.extract(text: "Sáng 1/2/2022, Phó Chủ tịch UBND tỉnh Trần Văn Tuấn có buổi làm việc trực tuyến với các Sở, "
            + "ngành về phòng, chống dịch.")
        #expect(online.chair?.name == "Trần Văn Tuấn", "\(String(describing: online.chair))")
    }

    @Test("`UVBCH` (a member of the Party's Central Committee) is a title: the first of two chairs joined by `và` keeps it and chairs")
    func centralCommitteeAbbreviated() {
        let record = extractor.extract(text: "Sáng 4/8/2025, đồng chí Hoàng Minh Sơn, UVBCH Trung ương Đảng, Bí thư Tỉnh ủy và đồng chí Lê Quốc Bảo, "
            + "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Quảng Ngãi chủ trì hội nghị.")
        #expect(record.chair?.name == "Hoàng Minh Sơn" && record.coChairs.map(\.name) == ["Lê Quốc Bảo"], "\(String(describing: record.chair)) \(record.coChairs)")
        #expect(record.participants.first?.titles.first == "UVBCH Trung ương Đảng", "\(record.participants)")
    }

    @Test("a province a title of someone's names outweighs the one a bare `tỉnh` was taken for: a later mention in the body or a caption")
    func namedProvinceOutweighsBareOne() {
        let caption = extractor.extract(text: """
            Chủ tịch UBND tỉnh tiếp đoàn tỉnh Gunma

            Bên lề Hội chợ thương mại Việt - Nhật tại tỉnh Khánh Hòa, chiều 3/10/2025, Chủ tịch UBND tỉnh Đỗ Văn Hải và đoàn công tác \
            của tỉnh Tây Ninh đã tiếp và làm việc với đoàn doanh nghiệp tỉnh Gunma do ông Sato Kenji – Phó Thống đốc làm trưởng đoàn.

            Chủ tịch UBND tỉnh Tây Ninh Đỗ Văn Hải tặng quà lưu niệm cho Phó Thống đốc tỉnh Gunma.

            Hai bên trao đổi về hợp tác nông nghiệp.
            """)
        let hai = caption.participants.first { $0.name == "Đỗ Văn Hải" }
        #expect(hai?.province == "Tây Ninh", "\(String(describing: hai))")
        #expect(caption.chair?.name == "Đỗ Văn Hải", "\(String(describing: caption.chair))")
        let body = extractor.extract(text: "Sáng 12/3/2024, tại tỉnh Bình Định, Phó Chủ tịch UBND thành phố Phan Văn Lộc chủ trì cuộc họp. "
            + "Phó Chủ tịch UBND TP Đà Nẵng Phan Văn Lộc yêu cầu các sở hoàn thành công trình trước tháng 6.")
        #expect(body.participants.first { $0.name == "Phan Văn Lộc" }?.province == "Đà Nẵng", "\(body.participants)")
    }

    @Test("whoever receives with others named by no name (`X, cùng các đồng chí lãnh đạo tỉnh đã tiếp`, `X và đoàn công tác của tỉnh Y đã tiếp`) chairs")
    func receptionWithCompany() {
        let company = extractor.extract(text: "Chiều 2/2/2024, Phó Bí thư Thường trực Tỉnh ủy Kiên Giang Trần Văn Bảo, cùng các đồng chí lãnh đạo tỉnh "
            + "đã tiếp đồng chí Khamphan Sisouk Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Tỉnh trưởng tỉnh Savannakhet đến chúc Tết.")
        #expect(company.chair?.name == "Trần Văn Bảo", "\(String(describing: company.chair))")
        // A foreign name, then a title whose words run past the capitals with no comma between: the title is the name's.
        let guest = company.participants.first { $0.name.hasPrefix("Khamphan") }
        #expect(guest?.name == "Khamphan Sisouk" && guest?.titles.first == "Ủy viên Trung ương Đảng", "\(company.participants)")
        let delegation = extractor.extract(text: "Trưa 9/9/2025, Chủ tịch UBND tỉnh Nguyễn Văn Thạch và đoàn công tác của tỉnh Hưng Yên đã tiếp "
            + "và làm việc với đoàn lãnh đạo tỉnh Chiba do ông Ito Hiroshi – Phó Thống đốc làm trưởng đoàn.")
        #expect(delegation.chair?.name == "Nguyễn Văn Thạch", "\(String(describing: delegation.chair))")
    }

    @Test("a surname rarer than most (`Chử`) starts a name after a commune's body: the body ends before it")
    func rareSurnameAfterBody() {
        let record = extractor.extract(text: "Sáng 9/7/2025, tại xã Tân Lập, Chủ tịch UBND xã Tân Lập Chử Văn Minh chủ trì hội nghị đối thoại với nông dân.")
        #expect(record.participants.map(\.name) == ["Chử Văn Minh"], "\(record.participants)")
        #expect(record.organizations.contains("UBND xã Tân Lập") && !record.organizations.contains { $0.contains("Chử") }, "\(record.organizations)")
    }

    @Test("the leaders of the provinces' committees said to take part (`Tham gia ... có ...; Lãnh đạo UBND các tỉnh: A, B`) take part")
    func committeeLeadersTakePart() {
        let record = extractor.extract(text: "Ngày 14/6/2024, tại tỉnh Nam Định, Bộ Nông nghiệp tổ chức hội nghị về đê điều. Tham gia Hội nghị có "
            + "đồng chí Lê Minh Hoan, Bộ trưởng Bộ Nông nghiệp; Lãnh đạo UBND các tỉnh: Thái Bình, Hà Nam, Ninh Bình.")
        for name in ["Thái Bình", "Hà Nam", "Ninh Bình"] {
            #expect(record.provinces.first { $0.name == name }?.roles == [.discussant], "\(name): \(record.provinces)")
        }
    }

    @Test("the posts someone holds said with `là` (`ông A là Phó Bí thư Thường trực, Chủ tịch HĐND tỉnh`) are their titles")
    func postsSaidWithIs() {
        let record = extractor.extract(text: "Chiều 20/10/2025, Ban Chấp hành Đảng bộ tỉnh họp phiên thứ nhất, bầu ông Trần Văn Minh là Phó Bí thư "
            + "Thường trực, Chủ tịch HĐND tỉnh Vĩnh Long; ông Lê Văn Nghĩa là người có nhiều đóng góp cho tỉnh.")
        let minh = record.participants.first { $0.name == "Trần Văn Minh" }
        #expect(minh?.titles == ["Phó Bí thư Thường trực", "Chủ tịch HĐND tỉnh Vĩnh Long"] && minh?.province == "Vĩnh Long", "\(record.participants)")
        #expect(!record.participants.contains { $0.name == "Lê Văn Nghĩa" && !$0.titles.isEmpty }, "\(record.participants)")
    }

    @Test("no title from a body's name or the words around one: `Ban Bí thư do đại tướng X`, an embassy after a title, `sau buổi làm việc`; `tân` before a post is no part of it")
    func titlesNotFromBodies() {
        let secretariat = extractor.extract(text: "Chiều 3/3/2025, đoàn kiểm tra của Bộ Chính trị, Ban Bí thư do đại tướng Phan Văn Giang, Ủy viên Bộ Chính trị, "
            + "Bộ trưởng Bộ Quốc phòng, làm trưởng đoàn đã làm việc với Ban Thường vụ Tỉnh ủy Nghệ An.")
        let giang = secretariat.participants.first { $0.name == "Phan Văn Giang" }
        #expect(giang?.titles == ["Ủy viên Bộ Chính trị", "Bộ trưởng Bộ Quốc phòng"], "\(secretariat.participants)")
        let embassy = extractor.extract(text: """
            Sáng 2/4/2025, Phó Chủ tịch UBND tỉnh Lê Văn Hòa tiếp ông Park Min Soo, Tham tán, Đại sứ quán Hàn Quốc tại Việt Nam.

            Phó Chủ tịch UBND tỉnh Lê Văn Hòa tặng quà ông Park Min Soo, Tham tán, Đại sứ quán Hàn Quốc tại Việt Nam sau buổi làm việc.
            """)
        let park = embassy.participants.first { $0.name == "Park Min Soo" }
        #expect(park?.titles == ["Tham tán"], "\(embassy.participants)")
        #expect(embassy.organizations.contains("Đại sứ quán Hàn Quốc"), "\(embassy.organizations)")
        let after = extractor.extract(text: "Sáng 2/4/2025, Chủ tịch UBND tỉnh Lê Văn Hòa làm việc với ông Kim Tae Ho, Giám đốc Quỹ hợp tác "
            + "phát triển sau buổi khảo sát tại khu công nghiệp.")
        #expect(after.participants.first { $0.name == "Kim Tae Ho" }?.titles == ["Giám đốc Quỹ hợp tác phát triển"], "\(after.participants)")
        let newPost = extractor.extract(text: "Sáng 1/7/2025, Đại hội Đảng bộ tỉnh khai mạc. Thiếu tướng Nguyễn Văn Hùng, tân Bí thư Tỉnh ủy Đồng Nai phát biểu.")
        let hung = newPost.participants.first { $0.name == "Nguyễn Văn Hùng" }
        #expect(hung?.titles == ["Thiếu tướng", "Bí thư Tỉnh ủy Đồng Nai"] && hung?.province == "Đồng Nai", "\(newPost.participants)")
    }

    @Test("a chair cue that opens its sentence, then a list of people (`Chủ trì hội nghị đồng chí A - ..., đồng chí B - ...`): they chair together")
    func openingCueList() {
        let record = extractor.extract(text: "Sáng 12/5/2024, Đảng ủy, UBND xã Tân Phước tổ chức hội nghị đối thoại với Nhân dân. Chủ trì hội nghị "
            + "đồng chí Lê Thị Hồng - Bí thư Đảng ủy xã, đồng chí Trần Văn Phúc - Chủ tịch UBND xã. Dự hội nghị có hơn 100 người dân.")
        #expect(record.chair?.name == "Lê Thị Hồng" && record.coChairs.map(\.name) == ["Trần Văn Phúc"], "\(String(describing: record.chair)) \(record.coChairs)")
    }

    @Test("who signed a document the report cites (`Quyết định ... do Phó Thủ tướng X ký`) takes no part")
    func signerOfADocument() {
        let record = extractor.extract(text: "Chiều 6/3/2018, Giám đốc Sở Du lịch Trần Văn Lâm làm việc với Tổng cục Du lịch về quy hoạch được ban hành "
            + "theo Quyết định 1234/QĐ-TTg của Thủ tướng Chính phủ do Phó Thủ tướng Lê Văn Khải ký ngày 9/12/2016.")
        #expect(!record.participants.contains { $0.name == "Lê Văn Khải" }, "\(record.participants)")
        #expect(record.participants.contains { $0.name == "Trần Văn Lâm" })
    }

    @Test("someone whose presence is noted (`ghi nhận sự hiện diện của ông A - ...`) takes part")
    func presenceNoted() {
        let record = extractor.extract(text: "Ngày 21/6/2024, tại TP Cần Thơ, hội nghị về quy hoạch vùng diễn ra dưới sự chủ trì của Thủ tướng Chính phủ "
            + "Lê Văn Quang, đồng thời ghi nhận sự hiện diện của ông Trần Văn Sáu - Phó Chủ tịch Quốc hội.")
        #expect(record.participants.contains { $0.name == "Trần Văn Sáu" && $0.titles == ["Phó Chủ tịch Quốc hội"] }, "\(record.participants)")
    }

    @Test("a unit's Party committee, then two capitalised words (`Bí thư Huyện ủy Hà Quảng, nhiệm kỳ ...`): the unit's name, not a person")
    func districtAfterItsCommittee() {
        let record = extractor.extract(text: "Ngày 7/8/2020, Đại hội đại biểu Đảng bộ huyện Hà Quảng bế mạc. Đồng chí Lê Văn Đức được bầu giữ chức "
            + "Bí thư Huyện ủy Hà Quảng, nhiệm kỳ 2020 - 2025. Phó Bí thư Huyện ủy Nông Văn Chiến phát biểu.")
        #expect(record.participants.map(\.name) == ["Lê Văn Đức", "Nông Văn Chiến"], "\(record.participants)")
    }

    @Test("where the headline's guest is based (`... tiếp Tổng Lãnh sự Lào tại Đà Nẵng`) is not the article's province: the one the body names hosts")
    func headlineGuestsBase() {
        let record = extractor.extract(text: """
            Phó Chủ tịch UBND thành phố Lê Văn Hòa tiếp Tổng Lãnh sự Lào tại Đà Nẵng

            Ngày 21/11/2025, Phó Chủ tịch UBND thành phố Lê Văn Hòa đã có buổi tiếp xã giao ông Khamla Phommachan, Tổng Lãnh sự nước \
            Cộng hòa Dân chủ Nhân dân (CHDCND) Lào tại Đà Nẵng. Phó Chủ tịch Lê Văn Hòa trân trọng quan hệ giữa thành phố Huế với các \
            địa phương của Lào.
            """)
        #expect(record.provinces.map { "\($0.name) \($0.roles.map(\.rawValue))" } == ["Đà Nẵng [\"mentioned\"]", "Huế [\"host\"]"], "\(record.provinces)")
        #expect(record.participants.first { $0.name == "Lê Văn Hòa" }?.province == "Huế", "\(record.participants)")
    }

    @Test("the party a signing names after `với` (`ký chương trình phối hợp ... với Hội Nông dân tỉnh X`) takes part; not one signed with before")
    func signedWithAParty() {
        let record = extractor.extract(text: "Ngày 9/11/2022, Hội Nông dân tỉnh Quảng Bình tổ chức Hội nghị ký chương trình phối hợp giai đoạn 2022-2025 "
            + "với Hội Nông dân tỉnh Gia Lai.")
        #expect(record.provinces.first { $0.name == "Gia Lai" }?.roles == [.discussant], "\(record.provinces)")
        let before = extractor.extract(text: "Sáng 9/11/2022, UBND tỉnh Quảng Bình họp bàn về du lịch. Tỉnh đã ký thỏa thuận với tỉnh Gia Lai từ năm 2019.")
        #expect(before.provinces.first { $0.name == "Gia Lai" }?.roles == [.mentioned], "\(before.provinces)")
    }
}

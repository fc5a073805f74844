/// The six pairs of units that share a code across the 2025 merger: an old unit whose name the 2025 unit kept (with
/// its code before), the other old unit merged into it (with its code), and the 2025 unit's code.
public struct MergedUnitPair: CustomStringConvertible, Sendable {
    public let kept: String, keptCode: Int, partner: String, partnerCode: Int, newCode: Int
    public var description: String { "\(kept)/\(partner)" }

    public static let all = [
        MergedUnitPair(kept: "An Giang", keptCode: 89, partner: "Kiên Giang", partnerCode: 91, newCode: 91),
        MergedUnitPair(kept: "Gia Lai", keptCode: 64, partner: "Bình Định", partnerCode: 52, newCode: 52),
        MergedUnitPair(kept: "Quảng Trị", keptCode: 45, partner: "Quảng Bình", partnerCode: 44, newCode: 44),
        MergedUnitPair(kept: "Đồng Tháp", keptCode: 87, partner: "Tiền Giang", partnerCode: 82, newCode: 82),
        MergedUnitPair(kept: "Tây Ninh", keptCode: 72, partner: "Long An", partnerCode: 80, newCode: 80),
        MergedUnitPair(kept: "Lào Cai", keptCode: 10, partner: "Yên Bái", partnerCode: 15, newCode: 15),
    ]

    /// Three reports: the kept unit in 2024, the partner in 2024 with the kept unit's delegation speaking, and the
    /// 2025 unit in 2026; ids are `<name>-<year>`.
    public var reports: [(id: String, text: String)] {
        [
            ("\(kept)-2024", """
            \(kept) sơ kết quý I

            Sáng 12/3/2024, Tỉnh ủy \(kept) tổ chức hội nghị sơ kết công tác quý I tại Hội trường Tỉnh ủy. \
            Ông Trần Văn Hùng, Bí thư Tỉnh ủy \(kept) chủ trì hội nghị.
            """),
            ("\(partner)-2024", """
            \(partner) bàn về liên kết vùng

            Chiều 2/4/2024, UBND tỉnh \(partner) họp bàn kế hoạch liên kết phát triển du lịch tại trụ sở UBND tỉnh. \
            Ông Lê Minh Quân, Chủ tịch UBND tỉnh \(partner) chủ trì. Đoàn công tác tỉnh \(kept) tham dự và phát biểu.
            """),
            ("\(kept)-2026", """
            \(kept) họp thường kỳ tháng 3

            Sáng 12/3/2026, UBND tỉnh \(kept) tổ chức phiên họp thường kỳ tháng 3 tại trụ sở UBND tỉnh. \
            Ông Phạm Quốc Bảo, Chủ tịch UBND tỉnh \(kept) chủ trì phiên họp.
            """),
        ]
    }
}

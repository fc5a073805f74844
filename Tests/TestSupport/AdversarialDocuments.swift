import Foundation

/// Documents built to make an extractor do the most work or produce the largest record per byte: one long list of
/// provinces, thousands of dates, speakers, figures, quotes or captions, a line with no spaces, only punctuation,
/// deep brackets. Shared by the adversarial tests, which check that records stay bounded, and the benchmark, which
/// checks that time grows linearly with size.
public enum AdversarialDocuments {
    /// One kind of hostile document, built to any size by repeating a chunk of text.
    public struct Shape: Sendable, CustomStringConvertible {
        public let name: String
        /// Written once at the start.
        let prefix: String
        /// The `n`th repeated chunk; varying it (distinct names) defeats look-ups that only repeat.
        let chunk: @Sendable (Int) -> String
        /// Written once at the end, when it fits.
        let suffix: String

        public var description: String { name }

        /// The document, at most `bytes` UTF-8 bytes long and within a chunk of it.
        public func document(bytes: Int) -> String {
            var text = prefix
            var count = text.utf8.count
            var number = 0
            while true {
                let piece = chunk(number)
                guard count + piece.utf8.count + suffix.utf8.count <= bytes else { break }
                text += piece
                count += piece.utf8.count
                number += 1
            }
            return text + suffix
        }
    }

    /// A person's name unique to `number` (up to 40,000 of them): surname, middle name and two given names.
    public static func name(_ number: Int) -> String {
        let surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
        let middles = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Ngọc", "Thanh", "Công", "Xuân"]
        let givens = ["Hùng", "Dũng", "Tuấn", "Lan", "Hoa", "Mạnh", "Sơn", "Hải", "Thắng", "Phúc",
                      "Khoa", "Trung", "Tâm", "Việt", "Hiếu", "Toàn", "Khánh", "Long", "Quân", "Nghĩa"]
        let n = number % 40_000
        return "\(surnames[n % 10]) \(middles[n / 10 % 10]) \(givens[n / 100 % 20]) \(givens[n / 2000 % 20])"
    }

    static let provinces = "Cà Mau, Bạc Liêu, Sóc Trăng, An Giang, Kiên Giang, Đồng Tháp, Hà Nội, Thái Bình, Lâm Đồng, Gia Lai, "

    public static let provinceList = Shape(name: "province-list", prefix: "Các tỉnh ", chunk: { _ in provinces }, suffix: "tham dự.")
    public static let bridgeList = Shape(name: "bridge-list", prefix: "Hội nghị kết nối tới điểm cầu các tỉnh: ",
                                         chunk: { _ in provinces }, suffix: "và Long An.")
    public static let hostSentences = Shape(name: "host-sentences", prefix: "",
                                            chunk: { _ in "Hội nghị tổ chức tại tỉnh Cà Mau với sự tham dự của tỉnh Bạc Liêu. " }, suffix: "")
    public static let dates = Shape(name: "dates", prefix: "",
                                    chunk: { n in "Sáng \(n % 28 + 1)/\(n % 12 + 1), từ ngày 12 đến 13/4/2023, hạn 30/6. " }, suffix: "")
    public static let datesOneSentence = Shape(name: "dates-one-sentence", prefix: "Sáng 15/6, ",
                                               chunk: { n in "tính đến ngày \(n % 28 + 1)/5/\(1990 + n % 100), " }, suffix: "xong.")
    public static let speakers = Shape(name: "speakers", prefix: "",
                                       chunk: { n in "Ông \(name(n)) phát biểu. " }, suffix: "")
    public static let speakersOneSentence = Shape(name: "speakers-one-sentence", prefix: "Chủ trì có ",
                                                  chunk: { n in "ông \(name(n)), Chủ tịch UBND tỉnh Cà Mau phát biểu, " }, suffix: "và các đại biểu.")
    public static let figures = Shape(name: "figures", prefix: "", chunk: { _ in "1%, " }, suffix: "")
    public static let figureSentences = Shape(name: "figure-sentences", prefix: "",
                                              chunk: { n in "Doanh thu tăng \(n % 900 + 100),5 tỷ đồng, đạt \(n % 99 + 1)%. " }, suffix: "")
    public static let unbalancedQuotes = Shape(name: "unbalanced-quotes", prefix: "",
                                               chunk: { n in "“Ông \(name(n)) cho biết " }, suffix: "")
    public static let quotes = Shape(name: "quotes", prefix: "",
                                     chunk: { n in "\"Tốt\", ông \(name(n)) nói \"rất tốt\". " }, suffix: "")
    public static let captions = Shape(name: "captions", prefix: "Hội nghị tổng kết năm 2024\n",
                                       chunk: { n in "Ông \(name(n)) - Bí thư Tỉnh ủy phát biểu tại hội nghị\nThái Bình\n" }, suffix: "")
    public static let noSpaces = Shape(name: "no-spaces", prefix: "", chunk: { _ in "Hà,Nội.1/2;Cà-Mau(3)" }, suffix: "")
    public static let oneWord = Shape(name: "one-word", prefix: "", chunk: { _ in "Bìnhđịnh" }, suffix: "")
    public static let punctuation = Shape(name: "punctuation", prefix: "", chunk: { _ in ".,;:!?()“”\"-–/%…" }, suffix: "")
    public static let parentheses = Shape(name: "parentheses", prefix: "",
                                          chunk: { n in n % 2000 < 1000 ? "(Hà Nội " : ") " }, suffix: "")
    public static let bridgePoints = Shape(name: "bridge-points", prefix: "",
                                           chunk: { n in "Tại điểm cầu Trung tâm \(name(n)) tỉnh Cà Mau, ông \(name(n + 1)) phát biểu. " }, suffix: "")
    public static let chairCues = Shape(name: "chair-cues", prefix: "",
                                        chunk: { n in n % 2 == 0 ? "Hội nghị do Bộ chủ trì. " : "Ông \(name(n)) phát biểu. " }, suffix: "")
    public static let delegationCues = Shape(name: "delegation-cues", prefix: "Ông Nguyễn Văn Hùng ",
                                             chunk: { _ in "dẫn đầu, " }, suffix: "đoàn công tác.")
    public static let organizations = Shape(name: "organizations", prefix: "",
                                            chunk: { n in "Sở \(name(n).split(separator: " ").dropFirst().joined(separator: " ")) báo cáo. " }, suffix: "")
    public static let cityRuns = Shape(name: "city-runs", prefix: "UBND ", chunk: { _ in "Tp Hùng " }, suffix: "")
    public static let titleChains = Shape(name: "title-chains", prefix: "", chunk: { n in
        n % 5000 == 4999 ? "Chủ tịch \(name(n)) phát biểu. " : "Chủ tịch, "
    }, suffix: "")
    /// Greek with its accents decomposed (NFD) and no ASCII character at all: nothing for the extractor to find, but
    /// text that must be composed (NFC) before it, and that Foundation composes in time growing with the square of
    /// a piece's length.
    public static let decomposedGreek = Shape(name: "decomposed-greek", prefix: "", chunk: { n in
        ["Συνεδρίαση", "Επιτροπής", "Περιφέρειας", "Υπουργείο", "Δήμος"][n % 5].decomposedStringWithCanonicalMapping
    }, suffix: "")

    /// One sentence relieving a list of people of their posts, a reception cue after each: what the walks back to a
    /// list's colon and to a host's name would make quadratic.
    public static let relievedList = Shape(name: "relieved-list", prefix: "Sáng 21/3/2025, kỳ họp miễn nhiệm chức danh đối với các ông: ",
                                           chunk: { n in "\(name(n)) - nguyên Giám đốc Sở Du lịch, đã tiếp đoàn; " }, suffix: "xong.")

    /// Captions without a credit, each of someone a photo shows, and commune bodies and companies in every one.
    public static let photoLines = Shape(name: "photo-lines", prefix: "Sáng 5/3/2025, UBND xã họp.\n", chunk: { n in
        "Đồng chí \(name(n)), Bí thư Đảng ủy xã Tân Lập tặng hoa chúc mừng ông \(name(n + 7)), Giám đốc Công ty Cổ phần Hòa Bình.\n"
    }, suffix: "")

    /// One sentence of years after a plan, and one of venues after a purpose: each year and each place looks back for them.
    public static let yearsOneSentence = Shape(name: "years-one-sentence", prefix: "Sáng 15/12, UBND tỉnh báo cáo kế hoạch tổ chức ",
                                               chunk: { n in "Hội nghị năm \(1990 + n % 100) và " }, suffix: "")
    public static let venuesOneSentence = Shape(name: "venues-one-sentence", prefix: "Sáng 15/12/2024, UBND tỉnh họp để bàn việc tham dự Lễ ",
                                                chunk: { n in "tại tỉnh \(["Nghệ An", "Hà Tĩnh", "Gia Lai"][n % 3]) và " }, suffix: "")

    public static let mix = Shape(name: "mix", prefix: "", chunk: { n in
        let shapes = [provinceList, dates, speakers, figureSentences, quotes, captions, parentheses, bridgeList]
        return shapes[n % shapes.count].chunk(n / shapes.count) + (n % 3 == 0 ? "\n" : "")
    }, suffix: "")

    /// Every shape, in a fixed order.
    public static let all: [Shape] = [
        provinceList, bridgeList, hostSentences, dates, datesOneSentence, speakers, speakersOneSentence, figures,
        figureSentences, unbalancedQuotes, quotes, captions, noSpaces, oneWord, punctuation, parentheses, bridgePoints,
        chairCues, delegationCues, organizations, cityRuns, titleChains, decomposedGreek, relievedList, photoLines,
        yearsOneSentence, venuesOneSentence, mix,
    ]
}

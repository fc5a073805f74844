import MeetingModel
import Testing
@testable import MeetingExtraction

@Suite("Meeting date")
struct DateTests {
    @Test("the meeting's date, its part of day, and its year", arguments: [
        ("Sáng ngày 17/1, đồng chí A chủ trì hội nghị.", "2024-01-18", "2024-01-17", MeetingRecord.PartOfDay.morning),
        ("Chiều 5/3/2023, UBND tỉnh họp.", nil, "2023-03-05", .afternoon),
        ("Tối 30/12, Ban Thường vụ họp.", "2026-01-03", "2025-12-30", .evening),
        ("Từ ngày 12 đến 13/4/2023, HĐND tỉnh tổ chức kỳ họp.", nil, "2023-04-12", nil),
        ("Trong 2 ngày 14-15/5, hội nghị diễn ra.", "2024-05-20", "2024-05-14", nil),
        ("Ngày 17 tháng 1 năm 2024, hội nghị diễn ra.", nil, "2024-01-17", nil),
        ("Theo Nghị quyết số 12 ngày 5/2/2023, đến ngày 15/9 phải xong. Sáng 3/4, hội nghị sơ kết.", "2024-04-05", "2024-04-03", .morning),
    ] as [(String, String?, String, MeetingRecord.PartOfDay?)])
    func dates(text: String, published: String?, date: String, part: MeetingRecord.PartOfDay?) {
        let record = extractor.extract(text: text, published: published)
        #expect(record.date == date)
        #expect(record.partOfDay == part)
    }

    @Test("a date with a dot after a part of day; a fraction and a resolution's date that are not the meeting's", arguments: [
        ("Chiều 5.7 tại trụ sở UBND thành phố diễn ra cuộc đối thoại.", "--07-05"),
        ("Chiều nay, thành phố tổ chức đối thoại; khách du lịch gần bằng 1/3 dân số.", nil),
        ("Thủ tướng yêu cầu tỉnh thực hiện Nghị quyết số 19/2016/NQ-CP ngày 28/4/2016 của Chính phủ.", nil),
        // Two full dates joined by a dash, years apart, bound an anniversary: neither is the meeting's.
        ("Tại buổi tiếp, Chủ tịch UBND tỉnh chào mừng Đại sứ trước dịp kỷ niệm 30 năm quan hệ ngoại giao (22/12/1992-22/12/2022).", nil),
        ("Sáng 4/5/2022, tỉnh tiếp Đại sứ trước dịp kỷ niệm 30 năm quan hệ ngoại giao (22/12/1992 - 22/12/2022).", "2022-05-04"),
        // A span of days across a month's end stays the meeting's.
        ("Từ ngày 29/9/2025 - 1/10/2025, Đại hội đại biểu Đảng bộ tỉnh diễn ra.", "2025-09-29"),
    ] as [(String, String?)])
    func dottedAndFractions(text: String, date: String?) {
        #expect(extractor.extract(text: text).date == date)
    }

    @Test("the publication line gives the year and is not the meeting date")
    func publicationLine() {
        let record = extractor.extract(text: "HỘI NGHỊ GIAO BAN\nNgày đăng: 18/01/2024\nSáng 17/1, hội nghị diễn ra trực tuyến.")
        #expect(record.date == "2024-01-17")
        #expect(record.title == "HỘI NGHỊ GIAO BAN")
        #expect(record.format == .online)
    }

    @Test("a headline that opens with a word folded as a publication cue, or with an outlet's tag, is a headline; a publication time glued after it, or the tag, is not part of it")
    func headlineBesidePublication() {
        for headline in ["Thủ tướng yêu cầu xử lý gần 300 dự án tồn đọng", "Xuất khẩu nông sản tăng 12%", "Thu ngân sách 6 tháng vượt dự toán"] {
            let record = extractor.extract(text: headline + "\n\nSáng 12/5/2025, UBND tỉnh Nghệ An tổ chức hội nghị.")
            #expect(record.title == headline)
        }
        #expect(extractor.extract(text: "Thứ hai, 12/05/2025 08:30\n\nSáng 12/5/2025, UBND tỉnh Nghệ An tổ chức hội nghị.").title == nil)
        // An outlet's tag in brackets opens a headline and is left out of it; a bracketed line with a day is a publication line.
        let tagged = extractor.extract(text: "(TTV) Phiên họp thường kỳ UBND tỉnh tháng 6\n\nNgày 22/6, UBND tỉnh Tuyên Quang họp.\n(Cập nhật 23/6/2022 08:30)")
        #expect(tagged.title == "Phiên họp thường kỳ UBND tỉnh tháng 6" && tagged.date == "2022-06-22", "\(String(describing: tagged.title))")
        #expect(extractor.extract(text: "(Cập nhật 23/6/2022 08:30)\n\nNgày 22/6, UBND tỉnh Tuyên Quang họp.").title == nil)
        // A headline that is one quotation, its words ending on a stop inside the quotes, keeps its quotation marks.
        let quoted = extractor.extract(text: "\"Xây dựng nông dân phát triển toàn diện, văn minh, nghĩa tình...\"\nBùi Ánh\n"
            + "Sáng 28/9/2023, Hội Nông dân tỉnh Nghệ An tổ chức Đại hội.")
        #expect(quoted.title == "\"Xây dựng nông dân phát triển toàn diện, văn minh, nghĩa tình...\"", "\(String(describing: quoted.title))")
        let glued = extractor.extract(text: "Nghệ An: Bầu bổ sung Phó Chủ tịch UBND tỉnh 09/02/2026 10:12\n\nSáng 9/2, HĐND tỉnh Nghệ An họp kỳ thứ 12.")
        #expect(glued.title == "Nghệ An: Bầu bổ sung Phó Chủ tịch UBND tỉnh")
        #expect(glued.date == "2026-02-09")
        // A headline's own day, with no clock time after it, stays in it; so does a headline of fifty words, but not a lead of
        // fifty that opens with its day.
        let stamped = extractor.extract(text: "HĐND tỉnh Nghệ An khai mạc kỳ họp thứ 12 09/02/2026\n\nSáng 9/2, HĐND tỉnh Nghệ An khai mạc kỳ họp.")
        #expect(stamped.title == "HĐND tỉnh Nghệ An khai mạc kỳ họp thứ 12 09/02/2026")
        let lead = "Sáng 12/5/2025, tại Hội trường UBND tỉnh, Đoàn giám sát của HĐND tỉnh họp thảo luận, đóng góp dự thảo báo cáo kết quả "
            + "giám sát công tác phòng, chống tham nhũng trong đầu tư xây dựng cơ bản, mua sắm tài sản công và quản lý đất đai giai đoạn 2020 - 2024"
        #expect(extractor.extract(text: lead + "\nĐoàn giám sát thống nhất các nội dung.").title == nil)
        let closed = "Đoàn giám sát của HĐND tỉnh họp thảo luận, đóng góp dự thảo báo cáo kết quả giám sát công tác phòng, chống tham nhũng "
            + "trong đầu tư xây dựng cơ bản, mua sắm tài sản công và quản lý đất đai trên địa bàn tỉnh (giai đoạn 2020 - 2024)"
        #expect(extractor.extract(text: closed + "\nĐoàn giám sát thống nhất các nội dung.").title == nil)
        let own = extractor.extract(text: "HĐND tỉnh Nghệ An khai mạc kỳ họp thứ 12 ngày 09/02/2026\n\nSáng 9/2, HĐND tỉnh Nghệ An khai mạc kỳ họp.")
        #expect(own.title == "HĐND tỉnh Nghệ An khai mạc kỳ họp thứ 12 ngày 09/02/2026")
        let long = "Đoàn giám sát của HĐND tỉnh họp thảo luận, đóng góp dự thảo báo cáo kết quả giám sát công tác phòng, chống tham nhũng "
            + "trong đầu tư xây dựng cơ bản, mua sắm tài sản công và quản lý đất đai trên địa bàn tỉnh giai đoạn 2020 - 2024"
        #expect(extractor.extract(text: long + "\n\nSáng 12/5/2025, Đoàn giám sát họp.").title == long)
    }

    @Test("years in the text settle the meeting's year when they can", arguments: [
        ("Sáng 6-2, UBND thành phố họp. Vụ việc xảy ra cuối tháng 12-2016 đã được xử lý.", "2017-02-06"),
        ("Sáng 6-2, UBND thành phố đánh giá nhiệm vụ tháng 1-2017.", "2017-02-06"),
        ("Sáng 17/1, hội nghị đánh giá kết quả năm 2023 và bàn nhiệm vụ năm 2024.", "2024-01-17"),
        ("Sáng 17/7, hội nghị nhắc lại kết quả năm 2023 và mục tiêu năm 2024.", "--07-17"),
        ("Sáng 17/7, hội nghị bàn kế hoạch giai đoạn 2021-2025 và tầm nhìn đến năm 2030.", "--07-17"),
        ("Sáng 18/7, tỉnh sơ kết 6 tháng đầu năm 2022 thực hiện Nghị quyết số 05/2021/NQ-HĐND ngày 10/8/2021.", "2022-07-18"),
        ("Từ ngày 12 đến 13/8/2025, HĐND tỉnh họp chuyên đề. Sáng 12/8, kỳ họp khai mạc.", "2025-08-12"),
        ("Chiều 7/6, Bộ Nông nghiệp họp với 4 tỉnh. Tính đến ngày 31/5/2017, các tỉnh đã chi trả xong; từ tháng 4/2016 đến tháng 8/2016 đoàn kiểm tra.", "2017-06-07"),
        ("Sáng 5/1, Cục Hải quan tổng kết năm 2020 và triển khai nhiệm vụ năm 2021; số thu tăng 12% so với năm 2019.", "2021-01-05"),
        ("Sáng 21-10, Quốc hội thảo luận kinh tế - xã hội năm 2012 và kế hoạch năm 2013.", "2012-10-21"),
        ("Sáng 8/2, Tỉnh ủy đánh giá kết quả thực hiện nhiệm vụ năm 2016.", "--02-08"),
        ("Sáng 16/4, Tỉnh ủy họp. Dự kiến ngày bầu cử là ngày 15/3/2026.", "--04-16"),
        ("Sáng 18/4, tỉnh làm việc với Ngân hàng Thế giới, đề nghị thẩm định giữa tháng 5/2025.", "2025-04-18"),
        ("Ngày 12/11, thành phố họp về phí; số thu tăng 12% so với cùng kỳ năm 2019.", "2020-11-12"),
        ("Sáng 23/6, Thủ tướng họp về nông thôn mới, phấn đấu vào năm 2020 có 50% số xã đạt chuẩn.", "--06-23"),
        ("Ngày 6/2, thành phố giao ban, bàn nhiệm vụ tháng 2/2017; tăng gấp đôi số cây trồng năm 2016; khoảng 2000 em đi học.", "2017-02-06"),
        // Late in the year, a plan carried out, what is expected by the year's end and a word spelled like `sẽ` are no plan
        // for a year to come: the year they name settles the meeting's.
        ("Sáng 15/12, UBND tỉnh tổng kết thực hiện kế hoạch phát triển kinh tế - xã hội năm 2019.", "2019-12-15"),
        ("Sáng 10/12, Ban Chỉ đạo tỉnh họp. Dự kiến đến hết năm 2020, tỉnh giải ngân 95% vốn đầu tư công.", "2020-12-10"),
        ("Chiều 20/11, HĐND tỉnh họp. Các đại biểu chia sẻ kết quả đạt được trong năm 2023.", "2023-11-20"),
    ])
    func settlingYears(text: String, date: String) {
        #expect(extractor.extract(text: text).date == date)
    }

    @Test("a closing keeps the day the article reports; spans give their first and last day", arguments: [
        ("Sau 3 ngày làm việc, chiều 5/7/2017, kỳ họp thứ tư HĐND thành phố bế mạc.", "2017-07-05", nil, nil),
        ("Bế mạc Hội nghị Thành ủy. Sau hai ngày làm việc, chiều 1/7/2017, Hội nghị lần thứ 10 bế mạc.", "2017-07-01", nil, nil),
        ("Trong 2 ngày 6-7/7/2017, Tổng Bí thư đã đến thăm, làm việc tại tỉnh Bắc Kạn. Chiều 7/7, Tổng Bí thư làm việc với Ban Thường vụ.",
         "2017-07-06", "2017-07-06", "2017-07-07"),
        ("Sáng 3/7/2017, kỳ họp thứ tư HĐND thành phố khai mạc. Sau 3 ngày làm việc, kỳ họp sẽ bế mạc.", "2017-07-03", nil, nil),
        ("Trong hai ngày 11 và 12-6, HĐND tỉnh họp kỳ thứ tám.", "--06-11", "--06-11", "--06-12"),
        ("Từ 23 đến 25/10, Tỉnh ủy tổ chức lớp bồi dưỡng.", "--10-23", "--10-23", "--10-25"),
        ("Ngày 21 - 22/11, Sở Tài chính tập huấn cho cán bộ xã.", "--11-21", "--11-21", "--11-22"),
        // The days the meeting lasts, then a span opened by a lower-case `từ` (alone it dates something else).
        ("Trong 3 ngày từ 14/10 đến 16/10, Tỉnh ủy tổ chức hội nghị lần thứ năm.", "--10-14", "--10-14", "--10-16"),
        ("Trong hai ngày, từ 14/10 đến 15/10, HĐND tỉnh họp kỳ thứ tư.", "--10-14", "--10-14", "--10-15"),
        ("Quy chế có hiệu lực từ 14/10 đến 16/10. Sáng 9/10, HĐND tỉnh họp kỳ thứ tư.", "--10-09", nil, nil),
        ("Sáng 9/10, HĐND tỉnh họp. Theo báo cáo, trong 2 ngày từ 1/10 đến 2/10, mưa lớn gây ngập 300 nhà.", "--10-09", nil, nil),
        // A trip's span is not that of the talks held on one of its days.
        ("Ngày 26/5/2022, trong khuôn khổ chuyến thăm Lào từ ngày 25 đến 29/5, Đoàn thành phố Đà Nẵng có cuộc hội đàm.", "2022-05-26", nil, nil),
        ("Ngày 12/5/2022, HĐND tỉnh khai mạc. Kỳ họp chuyên đề từ ngày 12 đến 13/5 xem xét 10 nghị quyết.", "2022-05-12", "2022-05-12",
         "2022-05-13"),
        ("Ngày 1/12/2025, hai tỉnh trao Thỏa thuận hợp tác. Sự kiện diễn ra trong khuôn khổ chuyến thăm của đoàn đại biểu Lào, ngày 1-2/12.",
         "2025-12-01", nil, nil),
        ("Từ ngày 30/6 đến ngày 2/7/2021, UBND tỉnh tổ chức tập huấn.", "2021-06-30", "2021-06-30", "2021-07-02"),
        // Two days joined by `và` across a month's end are a span only when the second is the day after the first.
        ("Trong hai ngày 30/6 và 1/7/2021, HĐND tỉnh họp kỳ thứ hai.", "2021-06-30", "2021-06-30", "2021-07-01"),
        ("Trong hai ngày 28/2 và 1/3/2023, Sở Tài chính tập huấn cho cán bộ xã.", "2023-02-28", "2023-02-28", "2023-03-01"),
        ("Ngày 5/3/2024 và 7/3/2024, UBND tỉnh tổ chức hai hội nghị về cải cách hành chính.", "2024-03-05", nil, nil),
        // A span the next sentence writes from the day reported; a count of days after `từ` is no date.
        ("Sáng 11-9-2025, Đại hội Đảng bộ tỉnh khai mạc. Đại hội kéo dài trong hai ngày từ 11-9 đến 12-9.", "2025-09-11", "2025-09-11",
         "2025-09-12"),
        ("Sáng 11-9-2025, Đại hội Đảng bộ tỉnh khai mạc. Mỗi đại biểu phát biểu từ 2-3 phút, kéo dài đến 12-9.", "2025-09-11", nil, nil),
        ("Sáng 11/9/2025, UBND tỉnh phát động Tháng hành động vì an toàn thực phẩm. Tháng hành động diễn ra từ ngày 11/9 đến ngày 11/10.",
         "2025-09-11", nil, nil),
    ] as [(String, String, String?, String?)])
    func closingsAndSpans(text: String, date: String, start: String?, end: String?) {
        let record = extractor.extract(text: text)
        #expect(record.date == date)
        #expect(record.startDate == start)
        #expect(record.endDate == end)
    }

    @Test("day and month with dots, with or without a year, after a part of day, ngày, nay or qua", arguments: [
        ("Sáng 14.6, Thường trực Tỉnh ủy làm việc với Sở Y tế.", "--06-14"),
        ("Chiều ngày 19.08.2023, Ban Chỉ đạo họp trực tuyến.", "2023-08-19"),
        ("Sáng ngày 02.12.2019, HĐND tỉnh khai mạc kỳ họp.", "2019-12-02"),
        ("Một phần ba, tức 0.5 số hộ, đã thoát nghèo. Ngày 4.11, đoàn giám sát làm việc.", "--11-04"),
    ])
    func dottedDates(text: String, date: String) {
        #expect(extractor.extract(text: text).date == date)
    }

    @Test("today and yesterday count from the publication day; a day written after them is that day", arguments: [
        ("Ban Thường vụ họp\n10:05 | 16/05/2023\n\nChiều nay, Ban Thường vụ Tỉnh ủy họp phiên thường kỳ.", nil, "2023-05-16", "afternoon"),
        ("Ban Thường vụ họp\n\nSáng nay, Ban Thường vụ Tỉnh ủy họp phiên thường kỳ.", "2022-11-03", "2022-11-03", "morning"),
        ("Ban Thường vụ họp\n(02/01/2024 09:30)\n\nChiều qua, Ban Thường vụ Tỉnh ủy họp phiên cuối năm.", nil, "2024-01-01", "afternoon"),
        ("Ban Thường vụ họp\n(01/01/2024 09:30)\n\nHôm qua, Ban Thường vụ Tỉnh ủy họp phiên cuối năm.", nil, "2023-12-31", nil),
        ("Ban Thường vụ họp\n(16/10/2021 09:30)\n\nChiều qua 15-10, Ban Thường vụ Tỉnh ủy họp.", nil, "2021-10-15", "afternoon"),
        ("Ban Thường vụ họp\n(16/10/2021 09:30)\n\nHôm qua, 15-10, Ban Thường vụ Tỉnh ủy họp.", nil, "2021-10-15", nil),
        ("Ban Thường vụ họp\n(16/10/2021 09:30)\n\nSáng qua 15.10, Ban Thường vụ Tỉnh ủy họp.", nil, "2021-10-15", "morning"),
        ("Ban Thường vụ họp\n(16/10/2021 09:30)\n\nHôm nay (16/10), Ban Thường vụ Tỉnh ủy họp.", nil, "2021-10-16", nil),
        ("Ban Thường vụ họp\n\nChiều nay, Ban Thường vụ Tỉnh ủy họp phiên thường kỳ.", nil, nil, "afternoon"),
    ] as [(String, String?, String?, String?)])
    func relativeDays(text: String, published: String?, date: String?, part: String?) {
        let record = extractor.extract(text: text, published: published)
        #expect(record.date == date)
        if date != nil { #expect(record.partOfDay?.rawValue == part) }
    }

    @Test("a publication line stamped year first (`2024-05-05 15:02:59`) gives the year")
    func yearFirstPublicationLine() {
        let record = extractor.extract(text: "Thủ tướng chủ trì hội nghị vùng\n2024-05-05 15:02:59\nSáng 5.5, tại Tây Ninh, Thủ tướng chủ trì hội nghị.")
        #expect(record.date == "2024-05-05" && !record.warnings.contains("the meeting's year cannot be known"), "\(String(describing: record.date))")
        // A month past 12 is no date.
        let wrong = extractor.extract(text: "Thủ tướng chủ trì hội nghị vùng\n2024-13-05 15:02:59\nSáng 5.5, tại Tây Ninh, Thủ tướng chủ trì hội nghị.")
        #expect(wrong.date == "--05-05", "\(String(describing: wrong.date))")
    }

    @Test("a publication line's two-digit year is this century's")
    func twoDigitPublicationYear() {
        let record = extractor.extract(text: "Thủ tướng họp trực tuyến toàn quốc\n\n17/10/21\n\nSáng 17/10, Thủ tướng chủ trì họp trực tuyến.")
        #expect(record.date == "2021-10-17")
        #expect(!record.warnings.contains("the meeting's year cannot be known"))
        // A clock time after the day, and a year past this century's so far, are no year.
        for line in ["Cập nhật: 17/10 - 21:30", "Ngày đăng: 17/10/99"] {
            let other = extractor.extract(text: "Tỉnh ủy họp\n\(line)\n\nSáng 16/10, Ban Thường vụ Tỉnh ủy tổ chức hội nghị tổng kết.")
            #expect(other.date == "--10-16", "\(line)")
        }
    }

    @Test("a date in brackets keeps its closing bracket in the date's text")
    func bracketedDateText() {
        let record = extractor.extract(text: "Ban Thường vụ họp\n(16/10/2021 09:30)\n\nSáng nay (16/10), Ban Thường vụ Tỉnh ủy họp.")
        #expect(record.dateText == "Sáng nay (16/10)")
        let atTheEnd = extractor.extract(text: "Ban Thường vụ họp\n(16/10/2021 09:30)\n\nBan Thường vụ Tỉnh ủy họp sáng nay (16/10).")
        #expect(atTheEnd.dateText == "sáng nay (16/10)")
        #expect(extractor.extract(text: "Sáng 16/10/2021 (thứ bảy), Ban Thường vụ Tỉnh ủy họp.").dateText == "Sáng 16/10/2021")
    }

    @Test("publication lines as outlets print them give the year of a day-month date in the body", arguments: [
        ("UBND tỉnh họp phiên tháng 2\n08/02/2020\n\nSáng 7/2, UBND tỉnh họp phiên thường kỳ.", "2020-02-07"),
        ("UBND tỉnh họp phiên tháng 5\nThời sự 28-05-2024\n\nSáng 27/5, UBND tỉnh họp phiên thường kỳ.", "2024-05-27"),
        ("UBND tỉnh họp phiên tháng 3\n(13/3/2024 10:14)\n\nSáng 12/3, UBND tỉnh họp phiên thường kỳ.", "2024-03-12"),
        ("UBND tỉnh họp phiên tháng 4\n06:14 | 08/04/2022\n\nSáng 7/4, UBND tỉnh họp phiên thường kỳ.", "2022-04-07"),
    ])
    func publicationLines(text: String, date: String) {
        #expect(extractor.extract(text: text).date == date)
    }

    @Test("a horizon, a comparison or a cited document's date does not settle the meeting's year", arguments: [
        ("Sáng 9/5, tỉnh họp bàn quy hoạch đến năm 2010, tăng gấp đôi so với năm 2004.", "--05-09"),
        ("Thực hiện Kết luận số 15-KL/TW ngày 12/03/2018 của Bộ Chính trị, sáng 5/4, Tỉnh ủy tổ chức hội nghị.", "--04-05"),
        ("Ngày 01/7, UBND tỉnh tổ chức hội nghị triển khai nhiệm vụ.", "--07-01"),
        // Where a span starts: the meeting is some time after it.
        ("Sáng 28/12, hai tỉnh ký kết biên bản hợp tác. Từ năm 2016 đến nay, hai tỉnh đã phối hợp chặt chẽ.", "--12-28"),
        // Nor does it leave another year alone to settle it: the two disagree.
        ("Ngày 17-5, hai tỉnh làm việc. Du lịch tăng từ năm 2010. Năm 2013, ngành nông nghiệp đạt 5 tỷ đồng.", "--05-17"),
        // Late in the year, a year named only in a plan (`kế hoạch`, `Dự kiến`, `sẽ`, `hướng tới`) may be the next one.
        ("Chiều 24/12, UBND tỉnh họp phiên thường kỳ. UBND tỉnh báo cáo kế hoạch tổ chức Hội nghị các nhà đầu tư Xuân Canh Tý 2020. Dự kiến "
            + "Hội nghị Xuân Canh Tý 2020 sẽ có 500 đại biểu, hướng tới xúc tiến đầu tư trong năm 2020.", "--12-24"),
    ])
    func yearsThatSayNothing(text: String, date: String) {
        #expect(extractor.extract(text: text).date == date)
    }

    @Test("a congress of a term named in the headline or the lead dates itself in the term's first year (a meeting about it in November and December the year before, preparing it; the congress held then, and one whose review names earlier years, its first); a congress's resolution does not", arguments: [
        ("Sáng 14/10, Đại hội đại biểu Đảng bộ tỉnh Quảng Trị lần thứ I, nhiệm kỳ 2025-2030 khai mạc phiên chính thức.", "2025-10-14"),
        ("Chiều 2-10, Thành ủy tổ chức họp báo về Đại hội đại biểu Đảng bộ thành phố nhiệm kỳ 2020 – 2025.", "2020-10-02"),
        ("Sáng 14/10, tỉnh sơ kết việc thực hiện Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2020-2025.", "--10-14"),
        // `Đại hội` ending the sentence (nothing after it to read a term from) is no trap.
        ("Sáng 15/10, Đảng bộ tỉnh Cà Mau long trọng khai mạc Đại hội. Đồng chí Nguyễn Tiến Hải, Bí thư Tỉnh ủy chủ trì.", "--10-15"),
        // The congress and its term in the headline, a spaced dash between the years.
        ("Đại hội Hội Khoa học lịch sử tỉnh lần thứ nhất (nhiệm kỳ 2013- 2018)\n\nNgày 28/9, Hội Khoa học lịch sử tỉnh đã tổ chức đại hội lần thứ nhất.", "2013-09-28"),
        // A meeting late in the year prepares the congress: the year before its term.
        ("Góp ý dự thảo Văn kiện Đại hội Đảng bộ tỉnh lần thứ XVIII, nhiệm kỳ 2025-2030\n\nSáng 12/12, Thường trực Tỉnh ủy tổ chức hội nghị lấy ý kiến các đồng chí nguyên lãnh đạo tỉnh.", "2024-12-12"),
        ("Sáng 10/12, Ban Thường vụ Tỉnh ủy họp bàn công tác chuẩn bị tổ chức Đại hội đại biểu Đảng bộ tỉnh lần thứ XVIII, nhiệm kỳ 2025-2030.", "2024-12-10"),
        // The congress itself, held (`tổ chức`, `khai mạc`) late in the year, is in its term's first year.
        ("Đại hội đại biểu Hội Nông dân tỉnh lần thứ I\n\nNgày 27.11, Hội Nông dân tỉnh Gia Lai tổ chức Đại hội đại biểu Hội Nông dân tỉnh lần thứ I, nhiệm kỳ 2025 - 2030.", "2025-11-27"),
        ("Sáng 2/12, Đại hội đại biểu Hội Cựu chiến binh tỉnh lần thứ I, nhiệm kỳ 2025-2030 khai mạc tại Hội trường tỉnh.", "2025-12-02"),
        // Not held, but planned, directed or scripted: a meeting about it (the year before late in the year, the body's year else).
        ("Sáng 16/12, Ban Thường vụ Huyện ủy họp, thống nhất tổ chức Đại hội đại biểu Đảng bộ huyện lần thứ XXI, nhiệm kỳ 2025-2030 vào tháng 6.", "2024-12-16"),
        ("Sáng 20/12, Ban Tổ chức duyệt kịch bản khai mạc Đại hội đại biểu Đảng bộ tỉnh lần thứ XVIII, nhiệm kỳ 2025-2030.", "2024-12-20"),
        ("Sáng 12/9, Thành ủy quán triệt Chỉ thị của Bộ Chính trị về tổ chức Đại hội đảng bộ các cấp tiến tới Đại hội XIV, nhiệm kỳ 2025-2030. "
            + "Năm 2024, thành phố hoàn thành 15 chỉ tiêu.", "2024-09-12"),
        ("Sáng 12/12, Ban Thường vụ Huyện ủy chọn Đảng bộ xã An Bình tổ chức Đại hội điểm nhiệm kỳ 2025-2030 vào quý I tới.", "2024-12-12"),
        // A Party cell's short term, held late in the year: the autumn before it; in October, the body's one year.
        ("Sáng 25/11, Chi bộ thôn Đông Hòa tổ chức Đại hội nhiệm kỳ 2025-2027. Bí thư Đảng ủy xã Trần Văn Phúc dự Đại hội.", "2024-11-25"),
        ("Sáng 22/10, Chi bộ thôn Bắc Sơn tổ chức Đại hội nhiệm kỳ 2025-2027. Năm 2024, chi bộ kết nạp 3 đảng viên mới.", "2024-10-22"),
        // Held in December for the next year's term, with the body's own date a week before: the body's year.
        ("Chiều 27/12, Hội Cựu chiến binh xã An Phú tổ chức Đại hội đại biểu lần thứ VIII, nhiệm kỳ 2025-2030. Trước đó, ngày 19/12/2024, "
            + "các chi hội đã hoàn thành đại hội.", "2024-12-27"),
        // A held congress's review of its last term names earlier years: still the term's first year.
        ("Chiều 14/8, Đảng bộ phường An Lạc tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025-2030. Nhiệm kỳ qua, thu nhập bình quân tăng từ 28 triệu đồng (năm 2020) lên 49 triệu đồng (năm 2024).", "2025-08-14"),
        ("Đại hội đại biểu Đảng bộ phường An Lạc lần thứ I, nhiệm kỳ 2025-2030\n\nChiều 14/8, Đảng bộ phường An Lạc tổ chức Đại hội đại biểu lần "
            + "thứ I, nhiệm kỳ 2025-2030. Thu nhập bình quân tăng từ 28 triệu đồng (năm 2020) lên 49 triệu đồng (năm 2024).", "2025-08-14"),
    ])
    func congressTerm(text: String, date: String) {
        #expect(extractor.extract(text: text).date == date)
    }

    @Test("candidates for a new term meet in its first year's spring, or the autumn before; a by-election or voters met within a term say nothing", arguments: [
        ("Chiều 6/1, Ban Thường trực Ủy ban MTTQ tỉnh tổ chức hội nghị giới thiệu người ứng cử đại biểu HĐND tỉnh khóa XVIII, nhiệm kỳ 2026 - 2031.", "2026-01-06"),
        ("Chiều 10/3, các ứng cử viên đại biểu HĐND tỉnh nhiệm kỳ 2026 - 2031 đã tiếp xúc cử tri tại xã Hy Cương.", "2026-03-10"),
        ("Sáng 12/12, Ủy ban MTTQ tỉnh tổ chức hội nghị hiệp thương lần thứ nhất về người ứng cử đại biểu HĐND tỉnh nhiệm kỳ 2026-2031.", "2025-12-12"),
        ("Sáng 20/8, Ủy ban MTTQ tỉnh bàn về người ứng cử đại biểu HĐND tỉnh nhiệm kỳ 2026-2031.", "--08-20"),
        ("Sáng 12/3, hội nghị giới thiệu người ứng cử đại biểu HĐND tỉnh bổ sung nhiệm kỳ 2021-2026.", "--03-12"),
        ("Sáng 12/3, Đoàn ĐBQH tỉnh tiếp xúc cử tri trước kỳ họp thứ 8 HĐND tỉnh nhiệm kỳ 2021-2026.", "--03-12"),
        ("Sáng 18/12, Ủy ban MTTQ tỉnh tổ chức hội nghị hiệp thương, thỏa thuận số lượng người được giới thiệu ứng cử đại biểu HĐND tỉnh khóa XI, nhiệm kỳ 2026-2031.", "2025-12-18"),
        // Sitting deputies where they were elected, a Party's own candidates, the summer before: no year.
        ("Sáng 15/10, Đoàn đại biểu Quốc hội tỉnh tiếp xúc cử tri huyện Tân Phước, nơi các đại biểu ứng cử, trước Kỳ họp thứ 8, nhiệm kỳ 2021-2026.", "--10-15"),
        ("Ngày 2/7, đại biểu Quốc hội tiếp xúc cử tri tại xã Hòa Phú, nơi ông ứng cử đại biểu Quốc hội khóa XV, nhiệm kỳ 2021-2026.", "--07-02"),
        ("Sáng 3/10, Ban Thường vụ Tỉnh ủy họp cho ý kiến về phương án nhân sự ứng cử Ban Chấp hành Đảng bộ tỉnh khóa XVI, nhiệm kỳ 2025-2030.", "--10-03"),
        ("Chiều 24/7, Hội đồng Bầu cử quốc gia họp phiên thứ nhất bàn về người ứng cử đại biểu Quốc hội khóa XVI, nhiệm kỳ 2026-2031.", "--07-24"),
        ("Sáng 26/2, Chủ tịch Quốc hội chủ trì Hội nghị triển khai công tác bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026-2031.", "2026-02-26"),
        ("Sáng 10/10, tỉnh tổ chức hội nghị tổng kết công tác bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021-2026.", "--10-10"),
        // The term of another thing named after the election, an election looked back on.
        ("Chiều 8/1, Ban Thường vụ Tỉnh ủy họp về công tác bầu cử đại biểu Quốc hội khóa XVI và việc thực hiện Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2025-2030.", "--01-08"),
        ("Chiều 8/11, HĐND tỉnh họp kỳ cuối năm, kỳ họp thứ 20 kể từ cuộc bầu cử đại biểu HĐND các cấp nhiệm kỳ 2021-2026.", "--11-08"),
        // A by-election named in the headline alone.
        ("Hiệp thương bầu cử bổ sung đại biểu HĐND tỉnh\n\nSáng 12/11, Ủy ban MTTQ tỉnh tổ chức hội nghị hiệp thương về người ứng cử đại biểu HĐND tỉnh khóa X, nhiệm kỳ 2021-2026.", "--11-12"),
    ])
    func electionTerm(text: String, date: String) {
        #expect(extractor.extract(text: text).date == date)
    }

    @Test("a first line that ends in a stop after a bracket is the report's lead, not its headline or a caption: its date is the meeting's")
    func leadEndingInBracket() {
        let record = extractor.extract(text: "Ngày 01/7, Phường Hồng Gai đã tổ chức Kỳ họp thứ Nhất của Hội đồng Nhân dân khóa X, nhiệm kỳ "
            + "2021-2026 (sau khi sáp nhập ).\n\nKỳ họp thông qua kế hoạch tổ chức các kỳ họp trong 6 tháng cuối năm 2025.")
        #expect(record.date == "2025-07-01" && record.title == nil, "\(String(describing: record.date)) \(String(describing: record.title))")
        #expect(extractor.extract(text: "Ngày 01/7, UBND tỉnh tổ chức Kỳ họp (sáp nhập).").date == "--07-01")
        // A headline may end so when it does not open with a day; a credit in brackets, whatever its first word, still makes a caption.
        #expect(extractor.extract(text: "Tỉnh ủy Nghệ An sơ kết công tác quý I (Kỳ 1).\n\nSáng 12/3/2025, Tỉnh ủy Nghệ An tổ chức hội nghị.").title
                == "Tỉnh ủy Nghệ An sơ kết công tác quý I (Kỳ 1).")
        let credited = extractor.extract(text: "Sơ kết quý I\nBí thư Tỉnh ủy phát biểu tại hội nghị (Nguồn: Báo Nghệ An).\n"
            + "Sáng 12/3/2025, Tỉnh ủy tổ chức hội nghị sơ kết công tác quý I.")
        #expect(credited.captions.count == 1, "\(credited.captions)")
        // A photo credit in brackets still makes a caption.
        let captioned = extractor.extract(text: "Tỉnh ủy sơ kết 6 tháng đầu năm\nĐồng chí Đỗ Trọng Hưng phát biểu tại hội nghị (ảnh: Minh Hiếu).\n"
            + "Sáng 15/7/2024, Tỉnh ủy tổ chức Hội nghị lần thứ 20 sơ kết công tác 6 tháng đầu năm.")
        #expect(captioned.captions.count == 1 && captioned.meetingKind?.hasPrefix("Hội nghị lần thứ 20") == true,
                "\(captioned.captions) \(String(describing: captioned.meetingKind))")
    }

    @Test("a date that opens a clause after a comma is the meeting's, whatever the clause before it ended on; not after `Trước đó`")
    func dateOpeningAClause() {
        let record = extractor.extract(text: "Thực hiện Quyết định số 65/QĐ-HĐND ngày 05/11/2025 của Thường trực HĐND tỉnh về giám sát kiến nghị "
            + "của cử tri sau kỳ họp thứ nhất HĐND tỉnh khóa XIX, nhiệm kỳ 2021 - 2026, ngày 24/11/2025, Tổ 2 Đoàn giám sát đã làm việc.")
        #expect(record.date == "2025-11-24", "\(String(describing: record.date))")
        // After a year, alone or closing an anniversary's bracket: the year is not a document's number.
        let afterYear = extractor.extract(text: "Thực hiện Quyết định số 12 ngày 29/3/2018 của Ban Bí thư về Đoàn kiểm tra năm 2018, ngày 7/6, "
            + "Đoàn kiểm tra đã làm việc với Ban Thường vụ Tỉnh ủy Lạng Sơn.")
        #expect(afterYear.date == "2018-06-07", "\(String(describing: afterYear.date))")
        let anniversary = extractor.extract(text: "Nhân kỷ niệm 97 năm Ngày Báo chí cách mạng Việt Nam (21-6-1925 - 21-6-2022), ngày 20-6, tại Trụ "
            + "sở Tỉnh ủy, Tỉnh ủy Hà Nam gặp mặt các cơ quan báo chí.")
        #expect(anniversary.date == "2022-06-20", "\(String(describing: anniversary.date))")
        let before = extractor.extract(text: "Thủ tướng kết luận về quy hoạch khu đất. Trước đó, ngày 11-1, tại Hội nghị tổng kết năm 2016 của Bộ, Thủ tướng đã nêu vấn đề.")
        #expect(before.date == nil, "\(String(describing: before.date))")
        // A document's number or a clause of its own before the comma still marks the date as not the meeting's, a number
        // like a year too (`Công văn 2015, ngày ...`).
        #expect(extractor.extract(text: "Thực hiện Công văn 2015, ngày 15/3/2025 của UBND tỉnh, ngày 20/3/2025, Sở Nội vụ tổ chức cuộc họp.").date == "2025-03-20")
        #expect(extractor.extract(text: "Thực hiện Công văn 345, ngày 15/3/2025 của UBND tỉnh, ngày 20/3/2025, Sở Nội vụ tổ chức cuộc họp.").date == "2025-03-20")
        #expect(extractor.extract(text: "Trước kỳ họp, ngày 5/7/2025, Thường trực HĐND tỉnh đã tổ chức phiên họp chuẩn bị. "
            + "Ngày 10/7/2025, Kỳ họp thứ 25 HĐND tỉnh khai mạc.").date == "2025-07-10")
    }

    @Test("'từ ngày 8 đến ngày 11.9.2010' is a span of days, and 'được tiến hành' (held) before it is no document's date")
    func spanWithNgayTwice() {
        for text in ["Đại hội được tiến hành từ ngày 8 đến ngày 11.9.2010.", "Đại hội được tiến hành từ ngày 8 đến ngày 11/9/2010."] {
            let record = extractor.extract(text: text)
            #expect(record.date == "2010-09-08" && record.startDate == "2010-09-08" && record.endDate == "2010-09-11", "\(text)")
        }
        // A document issued (`ban hành`) on a day is still not the meeting's.
        #expect(extractor.extract(text: "Nghị quyết được ban hành ngày 12/3/2024. Sáng 5/4/2024, tỉnh họp.").date == "2024-04-05")
    }

    @Test("a sentence that opens on another moment ('Trước đó', 'Sau đó') reports another event: its date is not the meeting's")
    func anotherMoment() {
        let record = extractor.extract(text: "Ngày 20/3/2024, HĐND tỉnh Bắc Ninh tổ chức kỳ họp thứ 18 bầu Chủ tịch UBND tỉnh. "
            + "Trước đó, chiều 19/3/2024, Tỉnh ủy tổ chức hội nghị công bố quyết định điều động cán bộ.")
        #expect(record.date == "2024-03-20")
        // With no other date, it is still the one there is.
        #expect(extractor.extract(text: "Trước đó, chiều 19/3/2024, Tỉnh ủy tổ chức hội nghị.").date == "2024-03-19")
    }

    @Test("without any year the date is --MM-DD with a warning")
    func unknownYear() {
        let record = extractor.extract(text: "Sáng 17/1, hội nghị diễn ra.")
        #expect(record.date == "--01-17")
        #expect(record.warnings.contains("the meeting's year cannot be known"))
    }
}

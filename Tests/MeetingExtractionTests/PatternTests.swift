import Testing
@testable import MeetingExtraction

/// The patterns of unseen text one at a time, in sentences of the genre: the meeting's own kind and format,
/// organisation names that end where they end, the roles a province's sentence gives it, joint chairs and lists.
@Suite("Patterns of unseen text")
struct PatternTests {
    @Test("the kind is the meeting's own: not a venue, not another meeting, not cut mid-clause", arguments: [
        ("Sáng 5/6/2023, tại Trung tâm Hội nghị tỉnh Bắc Giang, Tỉnh ủy tổ chức hội nghị sơ kết công tác quý II.", "hội nghị sơ kết công tác quý II"),
        ("Sáng 5/6/2023, HĐND tỉnh Bắc Giang khai mạc kỳ họp thứ ba kể từ khi hợp nhất, bàn nhiều nội dung.", "kỳ họp thứ ba"),
        ("Sáng 5/6/2023, Đoàn ĐBQH tỉnh Bắc Giang tiếp xúc cử tri huyện Lục Nam trước kỳ họp thứ 5 Quốc hội khóa XV.", "tiếp xúc cử tri"),
        // `ở` (at) ends the kind as `tại` does.
        ("Sáng 30/6/2025, Phó Thủ tướng Lê Văn An dự lễ công bố ở tỉnh Bắc Ninh.", "lễ công bố"),
        ("Sáng 5/6/2025, đoàn công tác của Bộ Chính trị làm việc với Ban Thường vụ Tỉnh ủy Bắc Giang về công tác chuẩn bị Đại hội Đảng bộ tỉnh.",
         "buổi làm việc"),
        // A resolution of another meeting, and a meeting just held before the one reported, even after its classifier.
        ("Sáng 5/6/2023, đoàn công tác của Bộ Chính trị làm việc với Tỉnh ủy Bắc Giang về thực hiện Nghị quyết Đại hội XIX Đảng bộ tỉnh.",
         "buổi làm việc"),
        ("Sáng 5/6/2023, đoàn ĐBQH tỉnh Bắc Giang làm việc với UBND huyện Lục Nam ngay sau buổi tiếp xúc cử tri tại huyện.", "buổi làm việc"),
        // How the meeting went (`sau một buổi làm việc ...`), even opening the sentence: its kind is named after.
        ("Chiều 8/7/2021, sau một buổi làm việc khẩn trương, Kỳ họp thứ Hai HĐND tỉnh Bắc Giang khóa XIX đã bế mạc.",
         "Kỳ họp thứ Hai HĐND tỉnh Bắc Giang khóa XIX"),
        ("Ngày 8/7/2021. Sau một buổi làm việc nghiêm túc, Kỳ họp thứ Hai HĐND tỉnh Bắc Giang khóa XIX đã bế mạc.",
         "Kỳ họp thứ Hai HĐND tỉnh Bắc Giang khóa XIX"),
        // A working session that names no other kind; not employment, a request or a sitting.
        ("Sáng 5/6/2023, Bộ trưởng Bộ Y tế Lê Văn An đến làm việc tại tỉnh Bắc Giang.", "buổi làm việc"),
        ("Sáng 14/9/2023, Đoàn đại biểu tỉnh Chăm-pa-sắc sang thăm, làm việc với lãnh đạo tỉnh Quảng Nam.", "buổi làm việc"),
        ("Sáng 5/6/2023, đoàn công tác của Bộ Chính trị làm việc với Tỉnh ủy Bắc Giang về thực hiện Nghị quyết của Đại hội XIX Đảng bộ tỉnh.",
         "buổi làm việc"),
        // Ten words on, an ordinal or a period goes on to its number; no kind ends on what joined it to a name cut off.
        ("Sáng 30/9/2025, khai mạc Đại hội đại biểu Đảng bộ tỉnh Lào Cai lần thứ I, nhiệm kỳ 2025 - 2030.",
         "Đại hội đại biểu Đảng bộ tỉnh Lào Cai lần thứ I"),
        ("Sáng 8/7/2024, Ban Dân vận Tỉnh ủy tổ chức Hội nghị sơ kết công tác dân vận 6 tháng đầu năm 2024.",
         "Hội nghị sơ kết công tác dân vận 6 tháng đầu năm 2024"),
        ("Sáng 8/7/2024, Ban Dân vận Tỉnh ủy tổ chức Hội nghị sơ kết công tác dân vận tháng 6 năm 2024.",
         "Hội nghị sơ kết công tác dân vận tháng 6"),
        ("Chiều 7/12/2024, tại Cà Mau diễn ra lễ ký kết chương trình hợp tác giữa tỉnh Cà Mau và tỉnh Ninh Bình.",
         "lễ ký kết chương trình hợp tác"),
        ("Chiều 7/12/2024, tại Cà Mau diễn ra lễ ký kết hợp tác giữa hai tỉnh Cà Mau và Ninh Bình.", "lễ ký kết hợp tác"),
        ("Sáng 5/6/2023, Tỉnh ủy tổ chức Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 18.", "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 18"),
        // Nor a place's name cut in two; a count after the kind is what it counts, and `nghe` (hears) is the prose.
        ("Sáng 14/10/2025, khai mạc Đại hội đại biểu lần thứ I Đảng bộ thành phố Đà Nẵng, nhiệm kỳ 2025 - 2030.",
         "Đại hội đại biểu lần thứ I Đảng bộ thành phố Đà Nẵng"),
        ("Sáng 8/7/2025, khai mạc Kỳ họp thứ tư Hội đồng nhân dân thành phố Hà Nội khóa XVI.", "Kỳ họp thứ tư Hội đồng nhân dân thành phố Hà Nội"),
        ("Sáng 5/6/2025, Tổ đại biểu Quốc hội tiếp xúc cử tri 11 phường thuộc TP Hà Nội.", "tiếp xúc cử tri"),
        ("Sáng 5/6/2025, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp nghe Sở Kế hoạch báo cáo.", "cuộc họp"),
        // A bare count past ten words is not an ordinal; a kind ending the sentence is whole.
        ("Sáng 5/6/2025, tổ chức Hội nghị phối hợp bảo vệ an ninh trật tự 3 tỉnh biên giới.", "Hội nghị phối hợp bảo vệ an ninh trật tự"),
        ("Sáng 5/6/2025, Sở Nội vụ tổ chức hội nghị giao ban giữa hai tỉnh.", "hội nghị giao ban giữa hai tỉnh"),
        ("Sáng 5/6/2025, tổ chức hội nghị lắng nghe ý kiến doanh nghiệp.", "hội nghị lắng nghe ý kiến doanh nghiệp"),
        ("Sáng 5/6/2025, tổ chức hội nghị giao ban 3 tỉnh Nghệ An, Hà Tĩnh, Quảng Bình.", "hội nghị giao ban 3 tỉnh"),
        // Talks and a courtesy call are kinds; talks held before the meeting reported are not its kind.
        ("Chiều 12/3/2025, Bí thư Tỉnh ủy Điện Biên Lê Văn Hòa hội đàm với Bí thư Tỉnh ủy tỉnh Luông Pha Bang.", "hội đàm"),
        ("Chiều 6/3/2025, Bộ trưởng Bộ Y tế Lê Thị Hồng tiếp ông Đặng Minh Khoa, Trưởng đại diện tổ chức quốc tế. Tại buổi tiếp, hai bên "
            + "trao đổi về hợp tác.", "buổi tiếp"),
        ("Sáng 20/6/2025, Chủ tịch UBND tỉnh chủ trì buổi tiếp công dân định kỳ tháng 6. Tại buổi tiếp, 7 công dân trình bày kiến nghị.",
         "buổi tiếp công dân định kỳ tháng 6"),
        // Fields joined by a comma or a hyphen up to the kind's year; the year a kind cut at its length ends on.
        ("Chiều 30/12/2025, Bộ Chỉ huy Quân sự tỉnh tổ chức Hội nghị tổng kết công tác quân sự, quốc phòng địa phương năm 2025.",
         "Hội nghị tổng kết công tác quân sự, quốc phòng địa phương năm 2025"),
        ("Sáng 7/10/2025, UBND tỉnh tổ chức hội nghị đánh giá tình hình kinh tế-xã hội 9 tháng đầu năm.",
         "hội nghị đánh giá tình hình kinh tế-xã hội 9 tháng đầu năm"),
        ("Ngày 10/12/2025, Vùng Cảnh sát biển 4 tổ chức Hội nghị tổng kết công tác Cảnh sát biển năm 2025 tại Cà Mau.",
         "Hội nghị tổng kết công tác Cảnh sát biển năm 2025"),
        ("Sáng 5/11/2025, Kỳ họp thứ 7, kỳ họp thường lệ cuối năm 2025 của HĐND tỉnh khai mạc.", "Kỳ họp thứ 7"),
        // A working session about a congress it prepares; the seminar a ceremony opens.
        ("Ngày 21/7/2025, Tổ công tác số 2 Ban Chỉ đạo đại hội Thành ủy làm việc với Đảng ủy phường Tân An về công tác chuẩn bị và tổ chức "
            + "Đại hội Đảng bộ phường.", "buổi làm việc"),
        ("Chiều 21/8/2025, Tổ công tác đã làm việc với Ban Thường vụ Tỉnh ủy để cho ý kiến vào các văn kiện trình Đại hội đại biểu Đảng bộ tỉnh.",
         "buổi làm việc"),
        ("Sáng 9/11/2025, Hiệu trưởng phát biểu tại lễ khai mạc Hội thảo khoa học quốc tế về vật liệu mới.", "Hội thảo khoa học quốc tế"),
        ("Chiều 2/10/2025, đại biểu Quốc hội Lê Thị Hồng tiếp xúc cử tri thuộc địa bàn phường Bến Thủy.", "tiếp xúc cử tri"),
        // Directing the congress is no steering committee's; a comma before a clause with a verb ends the kind.
        ("Sáng 18/3/2025, ông Nguyễn Văn Thi, Phó Bí thư Tỉnh ủy, dự và chỉ đạo Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ I. Đại hội "
            + "bầu 15 đồng chí.", "Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ I"),
        ("Sáng 5/1/2025, UBND tỉnh tổ chức hội nghị giao ban, lãnh đạo tỉnh nhấn mạnh mục tiêu năm 2025.", "hội nghị giao ban"),
        // A press conference about a congress; a courtesy call, not the congress in a host's title.
        ("Chiều 10/9/2025, Ban Tuyên giáo Tỉnh ủy tổ chức họp báo về Đại hội đại biểu Đảng bộ tỉnh lần thứ I.", "họp báo"),
        ("Chiều 18/3/2025, Bí thư Tỉnh ủy Hoàng Minh Đức hội kiến ông Vương Khải, Chủ nhiệm Ủy ban Thường vụ Đại hội đại biểu nhân dân "
            + "tỉnh Vân Nam.", "hội kiến"),
        ("Sáng 20/6/2025, vào buổi tiếp theo của Hội nghị Trung ương 11, các Ủy viên thảo luận ở tổ.", "Hội nghị Trung ương 11"),
        ("Sáng 4/11/2024, Chủ tịch UBND tỉnh Lê Văn Hòa có buổi tiếp xã giao Đại sứ Nhật Bản tại Việt Nam.", "buổi tiếp xã giao"),
        ("Sáng 4/11/2024, sau cuộc hội đàm, hai bên ký kết biên bản ghi nhớ tại Hội nghị hợp tác.", "Hội nghị hợp tác"),
        ("Sáng 4/11/2024, Chủ tịch UBND tỉnh có buổi tiếp xã giao bà Lê Thị Hà, Đại sứ Thụy Điển.", "buổi tiếp xã giao"),
        ("Sáng 4/11/2024, Chủ tịch UBND tỉnh có buổi tiếp xã giao bà Deirdre Fhallúin, Đại sứ Ireland.", "buổi tiếp xã giao"),
        ("Sáng 4/11/2024, tỉnh tổ chức Hội nghị biểu dương anh Bộ đội Cụ Hồ.", "Hội nghị biểu dương anh Bộ đội Cụ Hồ"),
        // A body's own unit word, `Thường trực` and `trực tuyến` stay in the kind, and the year `năm` introduces; a term's
        // words without its years, and a plural, do not end it.
        ("Ngày 11/8/2025, Đảng bộ xã Đồng Yên tổ chức Đại hội Đại biểu Đảng bộ xã lần thứ I, nhiệm kỳ 2025-2030.",
         "Đại hội Đại biểu Đảng bộ xã lần thứ I"),
        ("Sáng 9/12/2024, tại Long An diễn ra Hội nghị Ban Thường trực Ủy ban MTTQ tỉnh.", "Hội nghị Ban Thường trực Ủy ban MTTQ tỉnh"),
        ("Sáng 5/6/2025, tỉnh tổ chức hội nghị trực tuyến với các xã.", "hội nghị trực tuyến"),
        ("Sáng 5/6/2025, tỉnh tổ chức hội nghị trực tiếp với các xã.", "hội nghị"),
        ("Ngày 20/7/2025, Đảng bộ xã Hòa Lạc tổ chức Đại hội đại biểu lần thứ I nhiệm kỳ 2025 - 2030.", "Đại hội đại biểu lần thứ I"),
        ("Ngày 25/9/2025, Đoàn ĐBQH tỉnh đã tiếp xúc cử tri các xã, phường: Hòa Lạc, Tân Lập.", "tiếp xúc cử tri"),
        // A lower-case kind goes on through a body's name; a bare mention gives way to the full name in the opening.
        ("Sáng 8/11/2025, Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 10/2025.", "phiên họp Chính phủ thường kỳ tháng 10"),
        ("Sáng 8/11/2025, Chủ tịch Quốc hội chủ trì phiên họp thứ 55 Ủy ban Thường vụ Quốc hội.", "phiên họp thứ 55 Ủy ban Thường vụ Quốc hội"),
        ("Dự đại hội có ông Lê Văn Tám, Chủ tịch UBND tỉnh. Bà Trần Thị Hoa cho biết Đại hội đại biểu Hội Nông dân tỉnh lần thứ X "
            + "có ý nghĩa quan trọng.", "Đại hội đại biểu Hội Nông dân tỉnh lần thứ X"),
        ("Dự cuộc họp có ông Lê Văn Tám. Cuộc họp cũng nghe báo cáo của Sở Tài chính.", "cuộc họp"),
        // Toward a meeting to come is not this one's kind; past ten words a name goes on whole.
        ("Chiều 22/2/2025, Đoàn kiểm tra công bố quyết định. Nội dung gồm việc thực hiện Chỉ thị tiến tới Đại hội đại biểu toàn quốc "
            + "lần thứ XIV của Đảng.", nil),
        ("Sáng 12/6/2025, tổ chức Hội nghị gặp mặt kỷ niệm 100 năm Ngày Báo chí Cách mạng Việt Nam.",
         "Hội nghị gặp mặt kỷ niệm 100 năm Ngày Báo chí Cách mạng Việt Nam"),
        ("Sáng 5/6/2025, đoàn ĐBQH tiếp xúc cử tri xã Tân Lập.", "tiếp xúc cử tri"),
        // A capitalised kind that runs through a body's name goes on through the body's district and its name, then its ordinal.
        ("Sáng 5/6/2023, Đại hội đại biểu Hội Nông dân huyện Bắc Trà My lần thứ XII, nhiệm kỳ 2023 - 2028 diễn ra phiên chính thức.",
         "Đại hội đại biểu Hội Nông dân huyện Bắc Trà My lần thứ XII"),
        ("Sáng 5/6/2023, Hội nghị tổng kết huyện Bắc Trà My diễn ra.", "Hội nghị tổng kết"),
        // Past ten words, a month goes on to its number.
        ("Ngày 22/6/2022, Chủ tịch UBND tỉnh phát biểu tại phiên họp thường kỳ Ủy ban nhân dân tỉnh tháng 6 diễn ra tại Hội trường.",
         "phiên họp thường kỳ Ủy ban nhân dân tỉnh tháng 6"),
        // `đối với` (towards) ends a kind; a dialogue is a kind.
        ("Chiều 17/11/2023, Phó Thủ tướng chủ trì Hội nghị thông báo kết quả kiểm tra đối với Ban Thường vụ Tỉnh ủy Bắc Giang.",
         "Hội nghị thông báo kết quả kiểm tra"),
        ("Sáng 26/6/2018, các hộ dân đã tham dự buổi đối thoại do ông Lê Văn Tám, Phó Chủ tịch UBND tỉnh Bắc Giang chủ trì.", "buổi đối thoại"),
        ("Chiều 3/7/2025, Thủ tướng chủ trì Phiên họp Chính phủ thường kỳ tháng 6 năm 2025.", "Phiên họp Chính phủ thường kỳ tháng 6 năm 2025"),
        ("Sáng 5/1/2025, Sở Y tế tổ chức Hội nghị tổng kết công tác năm 2024.", "Hội nghị tổng kết công tác năm 2024"),
        // A voters' meeting named whole, a routine briefing, an ordinal spelled out and capitalised.
        ("Sáng 20/8/2025, Thường trực HĐND xã tổ chức hội nghị tiếp xúc cử tri sau kỳ họp thứ hai.", "hội nghị tiếp xúc cử tri"),
        ("Chiều 30/9/2025, UBND phường tổ chức họp giao ban định kỳ tháng 9. Trong tháng, phường tổ chức Hội nghị biểu dương người tốt.",
         "họp giao ban định kỳ tháng 9"),
        ("Ngày 22/8/2025, HĐND phường Vĩnh Phước tổ chức kỳ họp thứ Ba, kỳ họp chuyên đề.", "kỳ họp thứ Ba"),
        ("Ngày 9/12/2025, HĐND tỉnh khai mạc kỳ họp thứ Mười Một.", "kỳ họp thứ Mười Một"),
        // A body that `họp phiên ...` names its session so, up to what follows it (`dưới sự chủ trì`).
        ("Sáng 9/3/2024, UBND tỉnh Đồng Tháp họp phiên thường kỳ tháng 3.", "họp phiên thường kỳ tháng 3"),
        ("Sáng 9/3/2024, tại Trụ sở Chính phủ, Ban Chỉ đạo đã họp phiên thứ 8 dưới sự chủ trì của Phó Thủ tướng. Cuộc họp bàn việc "
            + "khắc phục sự cố.", "họp phiên thứ 8"),
        // A steering committee that meets names the meeting; the steering committee of a congress does not name the congress.
        ("Sáng 9/3/2024, Ban Chỉ đạo họp phiên thứ 8 dưới sự chủ trì của Phó Thủ tướng Trần Văn Sơn. Cuộc họp bàn việc khắc phục sự cố.",
         "họp phiên thứ 8"),
        ("Sáng 9/3/2024, Ban Chỉ đạo Đại hội Đảng bộ tỉnh Nghệ An họp phiên thứ 3.", "họp phiên thứ 3"),
        // The event that frames the meeting (`Trong khuôn khổ Diễn đàn ...`) is not its kind.
        ("Trong khuôn khổ Diễn đàn Hợp tác địa phương Việt - Hàn tại tỉnh Bắc Ninh, sáng 4/10/2025, Chủ tịch UBND tỉnh Lê Văn An đã tiếp "
            + "và làm việc với đoàn tỉnh Gyeonggi.", "buổi tiếp"),
        // A sentence that opens on the visit (`Làm việc tại tỉnh X ...`) names a working session.
        ("Làm việc tại tỉnh Bến Tre sáng 3/3/2024, Bộ trưởng Lê Văn Tâm đề nghị tỉnh chú trọng dạy nghề.", "buổi làm việc"),
        // Meetings in general, planned (`phối hợp tổ chức các hội nghị, hội thảo`), are not the one reported; those held are.
        ("Sáng 16/4/2012, Hội Nông dân tỉnh và Sở Nông nghiệp đã ký chương trình phối hợp giai đoạn 2012-2015. Hai bên phối hợp tổ chức "
            + "các hội nghị, hội thảo về sản xuất giỏi.", nil),
        ("Trong hai ngày 21 và 22/4/2025, Đoàn ĐBQH tỉnh đã có các buổi tiếp xúc với cử tri tại 4 huyện.", "buổi tiếp xúc"),
        // A gathering or a courtesy call named so; a congress just held, spoken of later, is another meeting.
        ("Tại buổi họp mặt doanh nghiệp sáng 10/10/2025, Chủ tịch UBND tỉnh Lê Văn Út nhấn mạnh vai trò của doanh nghiệp. Trong bối cảnh "
            + "vừa tổ chức thành công Đại hội Đảng bộ tỉnh lần thứ I, tỉnh cam kết đồng hành.", "buổi họp mặt doanh nghiệp"),
        ("Sáng 15/12/2024, tại buổi chào xã giao lãnh đạo tỉnh, Đại sứ Lào cảm ơn sự đón tiếp.", "buổi chào xã giao lãnh đạo tỉnh"),
        // A meeting of a workshop's organising committee, and of the subcommittees serving it, is a meeting, not the workshop.
        ("Sáng 6/1/2022, UBND tỉnh họp Ban Tổ chức hội thảo và các tiểu ban phục vụ hội thảo quốc tế về nông nghiệp. Đồng chí Lê Văn Hoàn, "
            + "Phó Chủ tịch UBND tỉnh chủ trì cuộc họp.", "cuộc họp"),
        // What working talks are about (`gắn với tổ chức đại hội đảng bộ các cấp`) is not their kind.
        ("Sáng 9/6/2025, Tổng Bí thư Trần Văn Lâm làm việc với Ban Thường vụ Tỉnh ủy Lâm Đồng về sắp xếp bộ máy gắn với tổ chức đại hội "
            + "đảng bộ các cấp tiến tới Đại hội XIV của Đảng.", "buổi làm việc"),
        // The parties `giữa` names are not the kind's name, a body no more than a province; `giữa hai tỉnh`, naming none, is.
        ("Sáng 22/3/2025 đã diễn ra buổi làm việc giữa Hiệp hội Doanh nghiệp tỉnh Phú Thọ và đoàn doanh nghiệp Nhật Bản.", "buổi làm việc"),
        ("Sáng 22/3/2025 đã diễn ra buổi làm việc giữa Sở Nội vụ tỉnh Phú Thọ và đoàn công tác tỉnh Lào Cai.", "buổi làm việc"),
        // `giữ` (keeps), and `giữa` misspelt as it, ends a kind too.
        ("Sáng 22/3/2025 đã diễn ra buổi làm việc giữ Hiệp hội Doanh nghiệp tỉnh Phú Thọ và đoàn doanh nghiệp Nhật Bản.", "buổi làm việc"),
        ("Chiều 4/4/2025 diễn ra hội nghị giao ban giữa hai tỉnh.", "hội nghị giao ban giữa hai tỉnh"),
        // A trip that frames the meeting (`Tiếp tục`) or is its aim (`Để`) gives way to the working session or the reception
        // named first (a visit the reception plans comes after it); a trip reported as such is the kind.
        ("Tiếp tục chuyến công tác tại Hàn Quốc, chiều 12-5, Chủ tịch UBND tỉnh Lê Văn Hải dẫn đầu đoàn công tác của tỉnh Thanh Hóa làm "
            + "việc với Đại sứ quán Việt Nam tại Hàn Quốc.", "buổi làm việc"),
        ("Sáng 9-4, ông Trần Văn Bình, Phó Chủ tịch UBND tỉnh Long An tiếp ông Kim Min Soo, Tổng Lãnh sự Hàn Quốc tại TP Hồ Chí Minh.\nĐể "
            + "chuyến công tác của đoàn tỉnh Long An tại Hàn Quốc thành công, ông Trần Văn Bình mong phía Tổng Lãnh sự quán hỗ trợ tổ chức "
            + "hội thảo kết nối doanh nghiệp và giúp đoàn thăm và làm việc với Viện Công nghệ Hàn Quốc.", "buổi tiếp"),
        ("Chiều 20/6, Đoàn công tác tỉnh Cao Bằng kết thúc tốt đẹp chuyến công tác tại Quảng Tây (Trung Quốc).", "chuyến công tác"),
        // A kind at its length goes on through the place it names next.
        ("Ngày 12/10/2025, Viện Sử học phối hợp với tỉnh tổ chức Hội thảo khoa học làm rõ thời điểm thành lập tỉnh Hà Tĩnh.",
         "Hội thảo khoa học làm rõ thời điểm thành lập tỉnh Hà Tĩnh"),
    ] as [(String, String?)])
    func meetingKind(text: String, kind: String?) {
        #expect(extractor.extract(text: text).meetingKind == kind)
    }

    @Test("topics come from what the text and its headline discuss, not from a body's name; a capital that opens a sentence or a quotation still counts")
    func topicsNotFromBodiesNames() {
        let named = extractor.extract(text: "Sáng 22/11/2023, tại Hội trường Sở Văn hóa, Thể thao và Du lịch tỉnh Hà Nam diễn ra hội nghị thi đua. "
            + "Dự có ông Trần Văn Bình, Trưởng ban Tuyên giáo và Dân vận Tỉnh ủy, và lãnh đạo Sở Y tế.")
        #expect(named.topics.isEmpty, "\(named.topics)")
        let discussed = extractor.extract(text: "Sáng 22/11/2023, UBND tỉnh Hà Nam họp bàn phát triển du lịch và y tế cơ sở. Du lịch tăng trưởng 12%. "
            + "Đại hội có chủ đề “Xây dựng Đảng bộ trong sạch, vững mạnh”.")
        #expect(Set(discussed.topics) == ["du lịch", "y tế", "xây dựng Đảng"], "\(discussed.topics)")
        // Investment promotion and forest protection are subjects; a favourable climate (`môi trường thuận lợi`) is no environment.
        let promoted = extractor.extract(text: "Sáng 3/3/2023, tỉnh Hà Tĩnh tổ chức Hội nghị xúc tiến đầu tư và bàn giải pháp bảo vệ rừng vùng giáp "
            + "ranh. Tỉnh cam kết tạo môi trường thuận lợi cho doanh nghiệp.")
        #expect(Set(promoted.topics) == ["xúc tiến đầu tư", "bảo vệ rừng"], "\(promoted.topics)")
        // The headline says what the meeting is about, where the body names the topic only in a title.
        let headlined = extractor.extract(text: "Họp trực tuyến về phòng, chống dịch Covid-19\n\nSáng 25/9/2021, Thủ tướng chủ trì cuộc họp "
            + "trực tuyến. Dự có Trưởng Ban chỉ đạo phòng, chống dịch Covid-19 huyện Đoàn Văn Thông.")
        #expect(headlined.topics == ["dịch bệnh"], "\(headlined.topics)")
        // A sector capitalised outside a body's name counts: after `ngành`, in a meeting's name, in a list after a colon.
        let sectors = extractor.extract(text: "Sáng 5/6/2025, tỉnh tổng kết năm học của ngành Giáo dục và tổ chức Hội thảo Chuyển đổi số. Hợp tác gồm: "
            + "Nông nghiệp, Du lịch và Y tế. Dự có lãnh đạo Phòng Kinh tế Hạ tầng và Trung tâm Văn hóa tỉnh, Bộ trưởng Giao thông vận tải.")
        #expect(Set(sectors.topics) == ["giáo dục", "chuyển đổi số", "nông nghiệp", "du lịch", "y tế"], "\(sectors.topics)")
        let inNames = ["Sáng 5/6/2025, hội nghị góp ý dự thảo Luật Giáo dục.", "Sáng 5/6/2025, tỉnh triển khai Năm Du lịch quốc gia.",
                       "Sáng 5/6/2025, UBND tỉnh họp. Ngành Y tế báo cáo kết quả."]
        for (text, topic) in zip(inNames, ["giáo dục", "du lịch", "y tế"]) {
            #expect(extractor.extract(text: text).topics.contains(topic), "\(text)")
        }
        // The names listed after a plural body's head are bodies; a list that no such head opens, or a head before lower-case
        // words, names what is discussed.
        let listed = extractor.extract(text: "Sáng 5/6/2025, UBND tỉnh họp. Dự có đại diện các Bộ: Nội vụ, Quốc phòng, Kế hoạch và Đầu tư, "
            + "Văn hóa, Thể thao và Du lịch, Y tế. Lãnh đạo các ban Kinh tế-Ngân sách, Văn hóa-Xã hội HĐND tỉnh trình bày báo cáo. "
            + "Các Sở: Giáo dục và Đào tạo, Nông nghiệp tham gia.")
        #expect(listed.topics.isEmpty, "\(listed.topics)")
        let notListed = extractor.extract(text: "Sáng 5/6/2025, UBND tỉnh họp với các sở, ngành về Du lịch; các ban trình bày về Y tế và Quốc phòng.")
        #expect(Set(notListed.topics) == ["du lịch", "y tế", "quốc phòng"], "\(notListed.topics)")
        // Another way of writing a topic names it once, in the lexicon's order.
        let written = extractor.extract(text: "Sáng 5/6/2025, UBND tỉnh bàn công tác phòng, chống dịch Covid-19 và vận hành chính quyền địa "
            + "phương 2 cấp sau khi hợp nhất tỉnh, cùng dịch bệnh ở gia súc; phòng chống dịch vụ trái phép.")
        #expect(written.topics == ["sáp nhập", "chính quyền hai cấp", "dịch bệnh"], "\(written.topics)")
        // Lower case: after a body's head that names no body alone, after a lower-case `trường`, in a person's titles, in a
        // phrase that only uses a topic's words (`notTopics`). After a whole body's name it is what the body does.
        let lowerCase = extractor.extract(text: "Sáng 9/6/2025, tại Trung tâm văn hóa tỉnh, trường Đại học Nông nghiệp Bắc Giang tổ chức hội thảo "
            + "về quản trị đại học. Dự có bà Lê Thị Thu, Trưởng ban Tuyên giáo và dân vận Tỉnh ủy, cử tri đơn vị bầu cử số 3. Bà đề nghị "
            + "tạo môi trường đầu tư thông thoáng, giữ môi trường hòa bình.")
        #expect(lowerCase.topics.isEmpty, "\(lowerCase.topics)")
        #expect(extractor.extract(text: "Sáng 5/6/2025, Trưởng đoàn ĐBQH khu vực bầu cử số 14 dự hội nghị.").topics.isEmpty)
        let acted = extractor.extract(text: "Sáng 9/6/2025, UBND tỉnh sáp nhập hai ban quản lý; Sở Y tế báo cáo về môi trường nước thải.")
        #expect(acted.topics == ["môi trường", "sáp nhập"], "\(acted.topics)")
        // `thị trường` is no school; a head capitalised only as the sentence's first word names no body.
        for text in ["Sáng 9/6/2025, tỉnh họp bàn mở rộng thị trường Du lịch quốc tế.",
                     "Sáng 9/6/2025, tỉnh họp. Trung tâm du lịch của vùng là mục tiêu đến năm 2030."] {
            #expect(extractor.extract(text: text).topics == ["du lịch"], "\(text)")
        }
    }

    @Test("'làm việc' that is not a working session names no kind", arguments: [
        "Sáng 5/6/2024, UBND tỉnh Bắc Giang gặp mặt người lao động đang làm việc tại Hàn Quốc về quê đón Tết.",
        "Sáng 5/6/2024, Chủ tịch UBND tỉnh Bắc Giang tiếp công dân, yêu cầu các sở làm việc với UBND huyện để giải quyết dứt điểm.",
        "Sáng 5/6/2024, Quốc hội làm việc tại hội trường, thảo luận về dự án Luật Đất đai sửa đổi.",
        "Sáng 5/6/2024, Chủ tịch UBND tỉnh yêu cầu các sở làm việc với lãnh đạo UBND huyện để giải quyết dứt điểm.",
    ])
    func notAWorkingSession(text: String) {
        #expect(extractor.extract(text: text).meetingKind == nil)
    }

    @Test("figures: an amount after 'đầu tư' (invested) does not start at its 'tư', which folds as 'từ' (from) does; 'đồng chí' is no amount of money")
    func figureIntroducersAndUnits() {
        let record = extractor.extract(text: "Sáng 5/6/2023, UBND tỉnh Bắc Giang họp bàn kế hoạch. Tổng vốn đầu tư 84,2 tỷ đồng; "
            + "giá dịch vụ tăng từ 5 triệu đồng. Ý kiến của 4 đồng chí Phó Chủ tịch được ghi nhận.")
        let texts = record.figures.map(\.text)
        #expect(texts.contains("84,2 tỷ đồng") && !texts.contains { $0.hasPrefix("tư ") }, "\(texts)")
        #expect(texts.contains("từ 5 triệu đồng"), "\(texts)")
        #expect(!texts.contains { $0.hasPrefix("4 đồng") }, "\(texts)")
    }

    @Test("figures: an area keeps its square; a number glued to a code's letters or before a capitalised name is no figure")
    func figureAreasAndCodes() {
        let record = extractor.extract(text: "Sáng 1/7/2025, tỉnh mới có diện tích 8.066,8 km², gồm 120 km2 rừng và 48 xã. Hội nghị triển khai "
            + "Nghị quyết số 202/2025/QH15 ngày 12/6/2025, bàn việc mở rộng đường 2 Tháng 9 trong 15 ngày.")
        let figures = record.figures.map { "\($0.text)|\($0.unit ?? "")" }
        #expect(figures == ["8.066,8 km²|km²", "120 km²|km²", "48 xã|xã", "15 ngày|ngày"], "\(figures)")
    }

    @Test("figures: an address's number, a ward named after its count, is none; a capitalised unit, a footnote or a missing space is")
    func figureAddressesAndSpellings() {
        let record = extractor.extract(text: "Sáng 10/7/2024, Tổ đại biểu tiếp xúc cử tri tại khu phố 3 phường Linh Trung và khu 7 phường Vàng "
            + "Danh; dự có 15 Đại biểu Quốc hội, hơn1.200 doanh nghiệp, đạt 500 tỷ đồng2; các huyện, thành phố 6 tháng liền đạt bình quân 93%.")
        let texts = record.figures.map(\.text)
        #expect(!texts.contains { $0.hasSuffix("phường") }, "\(texts)")
        for expected in ["15 Đại biểu", "hơn1.200 doanh nghiệp", "đạt 500 tỷ đồng", "6 tháng", "93%"] {
            #expect(texts.contains(expected), "\(expected): \(texts)")
        }
        #expect(!record.figures.contains { $0.unit?.hasSuffix("²") == true && $0.unit != "km²" })
        // A day and its month before a unit's word is a date; a range rises.
        let dated = extractor.extract(text: "Sáng 17/5/2016, tỉnh Bắc Ninh kỷ niệm Ngày Khoa học và Công nghệ Việt Nam 18-5 tỉnh Bắc Ninh; "
            + "có 2-3 tỉnh dự.")
        #expect(dated.figures.map(\.text) == ["2-3 tỉnh"], "\(dated.figures)")
        let ranges = extractor.extract(text: "Sáng 17/5/2016, tỉnh hỗ trợ 500-1.000 hộ và 30-12 xã.")
        #expect(ranges.figures.map(\.text) == ["500-1.000 hộ"], "\(ranges.figures)")
    }

    @Test("figures: 'tỉ' spelled as 'tỷ' is, and the counts reports of mergers and budgets give")
    func figureSpellingsAndCounts() {
        let record = extractor.extract(text: "Sáng 1/7/2025, tỉnh mới có 102 đơn vị hành chính, gồm 85 xã, 14 phường và 3 đặc khu; thu ngân sách "
            + "đạt 11.985 tỉ đồng; kỳ họp xem xét 19 dự thảo nghị quyết; 18 cán bộ và 47.300 thí sinh.")
        let texts = record.figures.map(\.text)
        for expected in ["102 đơn vị hành chính", "85 xã", "14 phường", "3 đặc khu", "đạt 11.985 tỉ đồng", "19 dự thảo nghị quyết",
                         "18 cán bộ", "47.300 thí sinh"] {
            #expect(texts.contains(expected), "\(expected): \(texts)")
        }
        // A total after `tổng số`, a yearly rate after `hằng năm`, districts, items and Party cells are figures too; a
        // year after `năm` and a number after `số` are still none.
        let more = extractor.extract(text: "Ngày 11/8/2025, Đảng bộ xã có tổng số 1.165 đảng viên, sinh hoạt ở 33 chi bộ. Tỷ lệ hộ nghèo giảm "
            + "bình quân hằng năm 2,97%. Hội nghị trực tuyến tới 705 quận, huyện; bàn 8 nội dung theo Công văn số 12 năm 2025.")
        let found = more.figures.map(\.text)
        for expected in ["1.165 đảng viên", "33 chi bộ", "2,97%", "705 quận", "8 nội dung"] {
            #expect(found.contains(expected), "\(expected): \(found)")
        }
        #expect(!found.contains { $0.hasPrefix("12") || $0.hasPrefix("2025") }, "\(found)")
        let addresses = extractor.extract(text: "Ngày 11/8/2025, hội nghị diễn ra tại hẻm 51 quận 8; Điều 8 nội dung quy định rõ.").figures.map(\.text)
        #expect(addresses.isEmpty, "\(addresses)")
    }

    @Test("figures: a period's name (`6 tháng đầu năm`, `5 năm qua`, `3 năm tới`) or a span the text dates or celebrates (`kỷ niệm 30 năm`, `diễn ra trong 2 ngày`, `9 tháng năm 2025`) is none; a span of time that is an amount is")
    func periodsAreNoFigures() {
        let record = extractor.extract(text: "Chiều 8/7/2025, UBND tỉnh họp đánh giá tình hình 6 tháng đầu năm, nhiệm vụ 3 tháng cuối năm. Trong "
            + "5 năm qua, tỉnh thu hút 240 dự án; trong 3 năm tới, tỉnh phấn đấu rút ngắn 4 tháng thời gian giải phóng mặt bằng và giải quyết "
            + "hồ sơ trong 5 ngày.")
        let texts = record.figures.map(\.text)
        #expect(texts == ["240 dự án", "4 tháng", "5 ngày"], "\(texts)")
        // A comma first, `tới` or `qua` as a preposition, `đầu tư`: still amounts.
        let amounts = extractor.extract(text: "Sáng 1/12/2025, UBND tỉnh họp. Mưa kéo dài 7 ngày tới ngày 28/11; công trình chậm 6 tháng, qua đó "
            + "giảm 3 ngày qua việc làm thêm ca; 2 năm đầu tư được 50 tỷ đồng.").figures.map(\.text)
        #expect(amounts == ["7 ngày", "6 tháng", "giảm 3 ngày", "2 năm", "50 tỷ đồng"], "\(amounts)")
        // Spans the text dates or celebrates: an anniversary, a review of years, how long the meeting lasts, a period
        // with its year, years of building or renewal.
        let periods = extractor.extract(text: "Sáng 12/10/2025, Sở Tư pháp tổ chức Hội nghị sơ kết 5 năm thi hành luật, nhân dịp kỷ niệm 30 năm "
            + "Ngày thành lập ngành và 12 năm Ngày Pháp luật. Hội nghị diễn ra trong 2 ngày 12 và 13/10. Tính chung 9 tháng năm 2025, "
            + "toàn ngành hỗ trợ 410 hộ; qua 9 tháng, các xã đều đạt kế hoạch. Sau 20 năm đổi mới và 25 năm xây dựng, ngành "
            + "đạt 96% chỉ tiêu.").figures.map(\.text)
        #expect(periods == ["410 hộ", "đạt 96%"], "\(periods)")
        // The cue capitalised as the sentence's first word, or in a ceremony's name.
        let opening = extractor.extract(text: "Sáng 1/1/2024, huyện tổ chức Lễ Kỷ niệm 15 năm tái lập huyện. Qua 9 tháng triển khai, huyện có 16 "
            + "xã đạt chuẩn. Sau 30 năm, huyện có 8 xã loại I.").figures.map(\.text)
        #expect(opening == ["16 xã", "8 xã"], "\(opening)")
        // The years looked back on mid-clause, an anniversary's tradition.
        let lookedBack = extractor.extract(text: "Sáng 10/8/2025, Đảng bộ xã họp. Thu ngân sách trong 5 năm qua đạt 118% kế hoạch; các đại biểu "
            + "ôn lại truyền thống 50 năm của Đảng bộ.").figures.map(\.text)
        #expect(lookedBack == ["đạt 118%"], "\(lookedBack)")
        // A limit or a time the meeting sets stays an amount, `quá` is not `qua`.
        let limits = extractor.extract(text: "Sáng 12/10/2025, UBND tỉnh họp. Thời gian thẩm định không quá 6 tháng; hồ sơ được giải quyết "
            + "trong 5 ngày, rút ngắn 3 ngày.").figures.map(\.text)
        #expect(limits == ["6 tháng", "5 ngày", "3 ngày"], "\(limits)")
        // Deadlines and durations of work: after `sau` in days or months, `việc tổ chức trong`, months of building, `3 tháng 15 ngày`.
        let deadlines = extractor.extract(text: "Sáng 12/10/2025, UBND tỉnh họp. Chậm nhất sau 30 ngày phải trả kết quả; hoàn thành việc tổ "
            + "chức trong 20 ngày; dự án có 24 tháng xây dựng; thời hạn 3 tháng 15 ngày.").figures.map(\.text)
        #expect(deadlines == ["30 ngày", "20 ngày", "24 tháng", "3 tháng"], "\(deadlines)")
    }

    @Test("services and broadcasts say nothing of the format; a named venue or place with no link is in person", arguments: [
        ("Sáng 5/6/2023, Ban Thường vụ Tỉnh ủy họp bàn đẩy mạnh dịch vụ công trực tuyến và thanh toán trực tuyến.", nil),
        ("Sáng 5/6/2023, HĐND tỉnh khai mạc kỳ họp. Kỳ họp được truyền hình trực tiếp trên sóng Đài tỉnh.", nil),
        ("Sáng 5/6/2023, HĐND tỉnh khai mạc kỳ họp, được tường thuật trực tuyến trên Cổng thông tin điện tử tỉnh.", nil),
        ("Sáng 5/6/2023, tỉnh bàn cải cách hành chính; phấn đấu 80% hồ sơ được nộp trực tuyến.", nil),
        // Where an incident the meeting discusses happened is not where the meeting is.
        ("Sáng 5/6/2023, UBND thành phố họp giao ban. Về vụ việc xảy ra tại trường mầm non Hoa Mai, ông Lê Văn An cho biết đã xử lý.", nil),
        ("Sáng 5/6/2023, tại Trung tâm Hội nghị tỉnh, Tỉnh ủy tổ chức hội nghị sơ kết.", "in-person"),
        ("Sáng 5/6/2023, Hội đồng tổ chức lớp bồi dưỡng tại Trường Quân sự tỉnh.", "in-person"),
        ("Làm việc tại Đồng Tháp sáng 20/2, Bộ trưởng Lê Văn An đề nghị tỉnh chú trọng an sinh xã hội.", "in-person"),
        ("Sáng 5/6/2023, tại Hội trường Tỉnh ủy, hội nghị được kết nối trực tuyến đến 12 điểm cầu.", "online"),
        // A place leading the clause after the opening day; voters met, or a site supervised, where `tại` says.
        ("Sáng 7/8/2025, tại Hà Nội, Bộ Nội vụ tổ chức hội nghị tổng kết công tác thi đua.", "in-person"),
        ("Chiều ngày 9/3/2018, tại Sở Nội vụ tỉnh Hà Giang, Khối thi đua ký kết giao ước thi đua.", "in-person"),
        // On the ground at a place (`tại thực địa ...`); a send-off at a border gate (`Tiễn đoàn về nước tại ...`).
        ("Ngày 23/4/2020, tại thực địa Km số 0 cửa khẩu quốc tế Hữu Nghị, hai đoàn đại biểu tiến hành hội đàm.", "in-person"),
        ("Tối 29/1/2024, đoàn đại biểu châu Hồng Hà đã về nước. Tiễn đoàn về nước tại Cửa khẩu Quốc tế Lào Cai có đồng chí Hoàng "
            + "Văn Khánh, Phó Chủ tịch UBND tỉnh.", "in-person"),
        ("Chiều 2-3, tại xã Sơn Thủy, Ban Thường trực Ủy ban MTTQ tỉnh tổ chức hội nghị tiếp xúc cử tri.", "in-person"),
        ("Ngày 30-9, Đoàn ĐBQH tỉnh Thanh Hóa đã có buổi tiếp xúc cử tri tại huyện Thường Xuân.", "in-person"),
        ("Ngày 24/11/2025, Tổ 2 Đoàn giám sát đã tiến hành giám sát tại Nhà máy luyện kim Bảo Âu.", "in-person"),
        ("Sáng 7/8/2025, tại Hà Nội, Bộ Nội vụ tổ chức hội nghị trực tuyến với các tỉnh.", "online"),
        // Voters of a place, a year's `tại`, a `tại` well into the sentence: no place the meeting is held at.
        ("Sáng 7/8/2025, HĐND tỉnh tổng hợp ý kiến của cử tri tại xã Sơn Thủy.", nil),
        ("Trong năm 2024, tại tỉnh Nghệ An đã có 20 hội nghị được tổ chức.", nil),
        ("Sáng 7/8/2025, Sở Tài chính họp bàn giải pháp, trong đó có các dự án, tại Hà Nội và các tỉnh lân cận.", nil),
        // A document, a call, a bridge's end, something that happened there, a unit with no name: no venue either.
        ("Ngày 12/9/2024, tại Thông báo số 412/TB-VPCP, Văn phòng Chính phủ thông báo kết luận tại cuộc họp về phòng, chống bão.", nil),
        ("Chiều 7/8/2024, tại Hà Nội, Thủ tướng đã điện đàm với Thủ tướng Nhật Bản.", nil),
        ("Sáng 12/9/2024, tại Hà Nội, Thủ tướng chủ trì hội nghị toàn quốc, kết nối tới 26 đầu cầu các tỉnh.", nil),
        ("Sáng 30/10/2020, UBND tỉnh họp khẩn về vụ sạt lở núi xảy ra tại xã Trà Leng.", nil),
        ("Sáng 14/8/2024, Hội đồng thẩm định họp xét hồ sơ trên cơ sở kết quả giám sát tại huyện từ ngày 5 đến 7/8.", nil),
        // The headline's place, and a video conference.
        ("Đoàn ĐBQH tỉnh tiếp xúc cử tri tại xã Hy Cương\n\nSáng 7/8/2024, Đoàn ĐBQH tỉnh đã tiếp xúc cử tri trước kỳ họp.", "in-person"),
        ("Sáng 20/3/2024, Ban Bí thư tổ chức Hội nghị truyền hình toàn quốc quán triệt nghị quyết.", "online"),
        // `tập trung` that focuses the talk is no gathering in one place.
        ("Chiều 22/6/2021, Thường trực HĐND huyện tổ chức phiên họp. Các đại biểu dự phiên họp tập trung thảo luận nội dung kỳ họp.", nil),
        ("Chiều 22/6/2021, Thường trực HĐND huyện họp tập trung để chuẩn bị kỳ họp thứ nhất.", "in-person"),
        // A relative day before the place (`Sáng nay (20/9), tại ...`) opens the sentence as a day does.
        ("Sáng nay (14/10), tại TP Đà Nẵng, UBND tỉnh Quảng Ngãi tổ chức Hội nghị xúc tiến đầu tư.", "in-person"),
        ("Chiều qua, tại Hà Nội, Bộ Tài chính tổ chức hội nghị tổng kết.", "in-person"),
        // A delegation that came over (`đã sang thăm`, `đã tới chào xã giao`, `dẫn đầu đến chúc Tết`) met in person; one that
        // is only invited to come, or a call about a visit, did not say so.
        ("Chiều 3/2, Đoàn công tác tỉnh Xiêng Khoảng do đồng chí Bun-thoong Chít-ma-ny, Phó Tỉnh trưởng làm Trưởng đoàn đã sang "
            + "thăm, chúc Tết tỉnh Nghệ An; hai bên tiến hành hội đàm.", "in-person"),
        ("Chiều 12/10, Đoàn đại biểu tỉnh Gyeonggi đã tới chào xã giao đồng chí Trần Văn Hùng, Bí thư Tỉnh ủy.", "in-person"),
        ("Ngày 9/4, đoàn công tác tỉnh Quảng Trị do ông Lê Văn Minh, Phó Chủ tịch UBND tỉnh dẫn đầu đến chúc Tết tỉnh Sa-la-van.", "in-person"),
        ("Sáng 9/4, Chủ tịch UBND tỉnh Lê Văn Minh mời lãnh đạo tỉnh Sa-la-van sang thăm tỉnh Quảng Trị trong năm tới.", nil),
        ("Chiều 9/4, Bí thư Tỉnh ủy Lê Văn Minh điện đàm với Bí thư tỉnh Sa-la-van, người đã sang thăm tỉnh năm ngoái.", nil),
        ("Sáng 9/4, UBND tỉnh họp trực tuyến với đoàn công tác đã sang thăm tỉnh Sa-la-van.", "online"),
    ] as [(String, String?)])
    func format(text: String, format: String?) {
        #expect(extractor.extract(text: text).format?.rawValue == format)
    }

    @Test("a bridge point's name keeps the syllable that completes its last word and stops where the prose begins", arguments: [
        ("Sáng 12/3/2024, hội nghị được tổ chức trực tuyến. Tại điểm cầu Trung ương có Phó Thủ tướng Lê Minh Khái.",
         ["điểm cầu Trung ương"]),
        ("Sáng 12/3/2024, Chính phủ họp trực tuyến với các địa phương. Dự tại điểm cầu Chính phủ có các Bộ trưởng.",
         ["điểm cầu Chính phủ"]),
        ("Sáng 12/3/2024, hội nghị trực tuyến về y tế cơ sở. Tại điểm cầu Sở Y tế có lãnh đạo các bệnh viện.", ["điểm cầu Sở Y tế"]),
        ("Sáng 12/3/2024, Bộ Công an tổ chức hội nghị trực tuyến. Dự tại điểm cầu Công an tỉnh Yên Bái có Ban Giám đốc.",
         ["điểm cầu Công an tỉnh Yên Bái"]),
        ("Sáng 12/3/2024, hội nghị trực tuyến. Tại điểm cầu Hà Nội có lãnh đạo thành phố; tại điểm cầu Trung tâm Hội nghị tỉnh có các sở.",
         ["điểm cầu Hà Nội", "điểm cầu Trung tâm Hội nghị"]),
        ("Sáng 12/3/2024, hội nghị trực tuyến; điểm cầu Hải Phòng và Quảng Ninh cùng tham dự.", ["điểm cầu Hải Phòng"]),
        // Not after a province's name; after an abbreviation only when a name follows; a syllable of any length.
        ("Sáng 12/3/2024, hội nghị trực tuyến; tại điểm cầu Hà Nội kết nối với 63 tỉnh, thành phố.", ["điểm cầu Hà Nội"]),
        ("Sáng 12/3/2024, hội nghị trực tuyến. Tại điểm cầu Thanh Hóa đồng chí Lê Văn Bình, Bí thư Tỉnh ủy, phát biểu.",
         ["điểm cầu Thanh Hóa"]),
        ("Sáng 12/3/2024, hội nghị trực tuyến toàn quốc. Tại điểm cầu UBND xã Tân Lập có lãnh đạo xã.", ["điểm cầu UBND xã Tân Lập"]),
        ("Sáng 12/3/2024, Chính phủ họp trực tuyến. Dự tại điểm cầu Văn phòng Chính phủ có các Bộ trưởng.",
         ["điểm cầu Văn phòng Chính phủ"]),
    ])
    func bridgePointNames(text: String, locations: [String]) {
        #expect(extractor.extract(text: text).locations == locations)
    }

    @Test("organisation names end where the name ends", arguments: [
        ("Sáng 5/6/2023, UBND tỉnh làm việc với Văn phòng Chính phủ và Bộ Khoa học và Công nghệ về đổi mới sáng tạo.",
         ["Văn phòng Chính phủ", "Bộ Khoa học và Công nghệ"]),
        ("Sáng 5/6/2023, lãnh đạo Bộ NN&PTNT làm việc với tỉnh về phòng chống hạn mặn.", ["Bộ NN&PTNT"]),
        ("Ngày 28/9/2023, tại Bắc Ninh diễn ra Hội nghị Đoàn Chủ tịch UBTƯ MTTQ Việt Nam lần thứ 18.", ["UBTƯ MTTQ Việt Nam"]),
        ("Ngày 28/9/2023, Đoàn Chủ tịch UBTƯMTTQ Việt Nam họp. Dự có Phó Chủ tịch HĐND tỉnh Phan Trường Giang.", ["UBTƯMTTQ Việt Nam"]),
        ("Ngày 10/12/2025, hội thảo diễn ra. Báo cáo đề dẫn do TS Nguyễn Thị Hoa Trường Đại học Vinh trình bày.", ["Trường Đại học Vinh"]),
        ("Ngày 10/12/2025, tỉnh họp. Dự có ông Nguyễn Văn Bình Sở Tài chính; ông Phan Trường Giang phát biểu.", ["Sở Tài chính"]),
        // `kinh tế`, `công nghiệp`: two lower-case syllables, one word of the name.
        ("Ngày 10/12/2025, Ban Quản lý Khu kinh tế Nghi Sơn làm việc với Ban Quản lý Khu công nghiệp tỉnh Bắc Ninh về lao động.",
         ["Ban Quản lý Khu kinh tế Nghi Sơn", "Ban Quản lý Khu công nghiệp tỉnh Bắc Ninh"]),
        // The board of the zones it names next (`các`), not the prose after a name (`MTTQ Việt Nam các phường`).
        ("Ngày 10/12/2025, lãnh đạo Ban Quản lý các Khu công nghiệp tỉnh Bắc Ninh và Ban Quản lý các KCN Hà Nam trả lời doanh nghiệp.",
         ["Ban Quản lý các Khu công nghiệp tỉnh Bắc Ninh", "Ban Quản lý các KCN Hà Nam"]),
        // An abbreviation in brackets inside the name; the same abbreviation after `và` is another body.
        ("Ngày 2/10/2025, Tổng cục Kỹ thuật Quân đội nhân dân (QĐND) Việt Nam họp với Trường Đại học (ĐH) Sư phạm.",
         ["Tổng cục Kỹ thuật Quân đội nhân dân (QĐND) Việt Nam", "Trường Đại học (ĐH) Sư phạm"]),
        ("Ngày 2/10/2025, Ban Quản lý (BQL) Đền Hùng và BQL vịnh Hạ Long ký kết hợp tác.", ["Ban Quản lý (BQL) Đền Hùng"]),
        // Words that begin the prose after a name (`kiêm`, `các`, `luôn`, `phát`, `ký kết`); the coast guard and `xã hội` inside one.
        ("Ngày 27/11/2025, Thiếu tướng Lê Văn Hải, Phó Tư lệnh Bộ Tư lệnh TP kiêm Chỉ huy trưởng Ban Chỉ huy BĐBP chủ trì. Dự có Ủy ban "
            + "MTTQ Việt Nam các phường ven biển.", ["Bộ Tư lệnh TP", "Ủy ban MTTQ Việt Nam"]),
        ("Ngày 5/2/2026, tỉnh tiếp Bộ Tư lệnh Biên phòng Hoàng gia Campuchia. Quan hệ với Bộ Tư lệnh Biên phòng Hoàng gia Campuchia luôn "
            + "bền chặt; hai bên hưởng ứng phong trào do Ủy ban Trung ương MTTQ Việt Nam phát động; Tập đoàn Hòa Bình ký kết hợp đồng.",
         ["Bộ Tư lệnh Biên phòng Hoàng gia Campuchia", "Ủy ban Trung ương MTTQ Việt Nam", "Tập đoàn Hòa Bình"]),
        ("Ngày 14/10/2025, Bộ Tư lệnh Vùng Cảnh sát biển 1 họp với Viện Hàn lâm Khoa học xã hội Việt Nam.",
         ["Bộ Tư lệnh Vùng Cảnh sát biển", "Viện Hàn lâm Khoa học xã hội Việt Nam"]),
        ("Ngày 14/10/2025, UBND tỉnh giao Sở Y tế xã hội hóa các dịch vụ khám chữa bệnh.", ["Sở Y tế"]),
        // A commune's or ward's bodies, and the commune's name after a body's.
        ("Sáng 12/9/2025, HĐND xã Hòa Lâm họp kỳ chuyên đề. Dự có lãnh đạo Đảng ủy phường Tân Sơn, Ủy ban MTTQ Việt Nam xã Phong Hải "
            + "và Ban Chỉ huy Quân sự thị trấn Phú Mỹ.", ["HĐND xã Hòa Lâm", "Đảng ủy phường Tân Sơn", "Ủy ban MTTQ Việt Nam xã Phong Hải",
                                                         "Ban Chỉ huy Quân sự thị trấn Phú Mỹ"]),
        ("Ngày 2/7/2025, HĐND xã Tân Hòa Khóa XII họp; UBND thị trấn Phú Mỹ và Đảng ủy đặc khu Côn Đảo báo cáo.",
         ["HĐND xã Tân Hòa", "UBND thị trấn Phú Mỹ", "Đảng ủy đặc khu Côn Đảo"]),
        ("Sáng 3/3/2024, Bí thư Huyện ủy Lê Văn An dự hội nghị do Huyện ủy Nam Đàn tổ chức.", ["Huyện ủy Nam Đàn"]),
        // A commune named like a term's words (`Ba Tơ`, `Tân Kỳ`), then its province; a company's name through `và`.
        ("Ngày 2/7/2025, UBND xã Ba Tơ họp với Đảng ủy xã Tân Kỳ; UBND xã Hòa Lâm tỉnh Đắk Lắk và Công ty TNHH Xây dựng và Thương "
            + "mại Thành Đạt ký kết.", ["UBND xã Ba Tơ", "Đảng ủy xã Tân Kỳ", "UBND xã Hòa Lâm", "Công ty TNHH Xây dựng và Thương mại Thành Đạt"]),
        // A province's council named in a title keeps its `tỉnh`: not a bare `HĐND`.
        ("Sáng 20/1/2026, tỉnh gặp mặt cán bộ hưu trí. Dự có ông Hồ Minh Châu, Tỉnh ủy viên, Phó Chủ tịch HĐND tỉnh; ông Lê Văn Tín, Phó Chủ tịch UBND tỉnh.",
         ["HĐND tỉnh", "UBND tỉnh"]),
        // Companies, with a lower-case syllable only inside the name.
        ("Chiều 15/8/2025, đoàn công tác của tỉnh thăm Công ty TNHH Điện tử Minh Phát và Công ty Cổ phần Dệt may Hòa Bình. Công ty Đại Dương "
            + "xin gia hạn dự án.", ["Công ty TNHH Điện tử Minh Phát", "Công ty Cổ phần Dệt may Hòa Bình", "Công ty Đại Dương"]),
        // A region ends a company's name; the prose after it does not go on.
        ("Sáng 12/3/2025, Tổng công ty Điện lực miền Bắc tổ chức hội nghị tổng kết; dự có Công ty Cổ phần Dược phẩm miền Tây và Công ty Thủy "
            + "điện Sông Đà.", ["Tổng công ty Điện lực miền Bắc", "Công ty Cổ phần Dược phẩm miền Tây", "Công ty Thủy điện Sông Đà"]),
        // Associations: veterans', trade and friendship bodies, a friendship body through the dash between its two countries;
        // `Hiệp hội` alone names none.
        ("Sáng 5/3/2025, Hội Cựu chiến binh tỉnh Hà Tĩnh, Hiệp hội Du lịch tỉnh Quảng Bình và Hội Hữu nghị Việt - Lào tỉnh Hà Tĩnh tổ chức "
            + "gặp mặt; đại diện Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An cùng dự. Hiệp hội cho biết sẽ hỗ trợ hội viên.",
         ["Hội Cựu chiến binh tỉnh Hà Tĩnh", "Hiệp hội Du lịch tỉnh Quảng Bình", "Hội Hữu nghị Việt - Lào tỉnh Hà Tĩnh",
          "Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An"]),
    ])
    func organizations(text: String, names: [String]) {
        let found = extractor.extract(text: text).organizations
        for name in names { #expect(found.contains(name), "\(found)") }
        // Nor one cut short, run into an ordinal, or read in a person's name (`Trường Giang`).
        #expect(!found.contains { $0.hasSuffix(" Công") || $0 == "Bộ NN" || $0.hasSuffix(" lần") || $0 == "Trường Giang" || $0 == "HĐND" || $0 == "UBND"
                    || $0 == "Tỉnh ủy" || $0.hasSuffix(" xin") || $0.hasSuffix(" Khóa") || $0.hasSuffix(" Đắk Lắk")
                    || $0 == "Tổng công ty Điện" || $0.hasSuffix(" tổ")
                    || $0 == "Huyện ủy" || $0 == "Hiệp hội" || $0 == "Hội Hữu nghị Việt" },
                "\(found)")
    }

    @Test("an organisation's name stops where the prose begins", arguments: [
        // After an abbreviation a lower-case word is the verb, not the end of a word.
        ("Sáng 12/3/2024, Chủ tịch Trần Văn Hải yêu cầu UBND TP rà soát các dự án chậm tiến độ.", ["UBND TP"], ["UBND TP rà"]),
        ("Chiều 12/3/2024, ông Trần Văn Hải đề nghị Sở GD&ĐT khẩn trương hoàn thiện đề án sắp xếp trường lớp.",
         ["Sở GD&ĐT"], ["Sở GD&ĐT khẩn"]),
        ("Sáng 12/3/2024, tỉnh họp bàn; Bộ TN&MT cần sớm hướng dẫn việc cấp phép khai thác cát.", ["Bộ TN&MT"], ["Bộ TN&MT cần"]),
        // A head written in lower case after it names nothing: `Ban quản lý`, `Bộ mặt`.
        ("Sáng 12/3/2024, tỉnh họp bàn về khu công nghiệp. Ban quản lý các khu công nghiệp báo cáo tiến độ giải phóng mặt bằng.",
         [], ["Ban quản"]),
        ("Sáng 12/3/2024, UBND tỉnh họp sơ kết chương trình nông thôn mới. Bộ mặt nông thôn đã đổi mới rõ rệt.", [], ["Bộ mặt"]),
        // `và` goes on into a ministry's field only: not after an abbreviation, not into a title, not after a named body.
        ("Sáng 12/3/2024, Bộ GTVT và Tổng công ty Đường sắt ký kết thỏa thuận về ga mới.", ["Bộ GTVT"],
         ["Bộ GTVT và Tổng công ty Đường sắt"]),
        ("Sáng 12/3/2024, Bộ trưởng Bộ Quốc phòng và Thứ trưởng Lê Văn Bình làm việc với tỉnh.", ["Bộ Quốc phòng"],
         ["Bộ Quốc phòng và Thứ trưởng Lê Văn Bình"]),
        ("Sáng 12/3/2024, đại diện Quân ủy Trung ương và Thường vụ Thành ủy dự hội nghị.", ["Quân ủy Trung ương"],
         ["Quân ủy Trung ương và Thường vụ Thành ủy"]),
        ("Sáng 12/3/2024, Bộ Kế hoạch và Đầu tư làm việc với Bộ Thông tin và Truyền thông.",
         ["Bộ Kế hoạch và Đầu tư", "Bộ Thông tin và Truyền thông"], []),
        ("Sáng 12/3/2024, Sở Nông nghiệp và PTNT rà soát diện tích lúa bị hạn.", ["Sở Nông nghiệp và PTNT"], ["Sở Nông nghiệp và PTNT rà"]),
        ("Sáng 12/3/2024, Ban Chỉ đạo Tây Nam Bộ và UBND các tỉnh họp bàn chống sạt lở.", ["Ban Chỉ đạo Tây Nam Bộ"],
         ["Ban Chỉ đạo Tây Nam Bộ và UBND các"]),
        ("Sáng 12/3/2024, lãnh đạo Bộ NN và PTNT làm việc với tỉnh về chống hạn.", ["Bộ NN và PTNT"], ["Bộ NN"]),
        // A body whose name is written with a comma (as the lexicon writes it) keeps it whole, with or without it.
        ("Sáng 12/3/2024, Bộ Văn hóa, Thể thao và Du lịch làm việc với Sở Văn hóa Thể thao và Du lịch tỉnh về lễ hội.",
         ["Bộ Văn hóa, Thể thao và Du lịch", "Sở Văn hóa Thể thao và Du lịch"], ["Bộ Văn hóa", "Sở Văn hóa"]),
        ("Sáng 12/3/2024, các Sở Y tế, Nội vụ và Tài chính báo cáo về biên chế.", [], ["Sở Y tế, Nội vụ và Tài chính"]),
        // A spaced dash joins a board's two fields, not two bodies nor a body and a title.
        ("Sáng 12/3/2024, Ban Kinh tế - Ngân sách HĐND tỉnh thẩm tra báo cáo; Bộ Kế hoạch - Đầu tư góp ý.",
         ["Ban Kinh tế - Ngân sách HĐND", "Bộ Kế hoạch - Đầu tư"], ["Ban Kinh tế", "Bộ Kế hoạch"]),
        ("Sáng 12/3/2024, Sở Tài chính - Sở Xây dựng và Ban Tuyên giáo - Trưởng ban Lê Văn Bình dự họp.",
         ["Sở Tài chính", "Sở Xây dựng"], ["Sở Tài chính - Sở Xây dựng", "Ban Tuyên giáo - Trưởng ban Lê Văn Bình"]),
        // A city's council and committee written out, as a province's are.
        ("Sáng 12/3/2024, Ủy ban nhân dân thành phố Cần Thơ làm việc với Hội đồng nhân dân thành phố Đà Nẵng.",
         ["Ủy ban nhân dân thành phố Cần Thơ", "Hội đồng nhân dân thành phố Đà Nẵng"], []),
        // Whatever dash the text joins a name's parts with.
        ("Sáng 12/3/2024, Sở Lao động – Thương binh và Xã hội tỉnh báo cáo về giảm nghèo.", ["Sở Lao động – Thương binh và Xã hội"],
         ["Sở Lao động"]),
        ("Sáng 12/3/2024, lãnh đạo Bộ Tư pháp và Ông Trần Văn Nam, Chủ tịch UBND tỉnh, dự hội nghị.", ["Bộ Tư pháp"],
         ["Bộ Tư pháp và Ông Trần Văn Nam"]),
        // After an abbreviation a lower-case word goes on only when the name does at once.
        ("Sáng 12/3/2024, Trường THPT chuyên Lê Quý Đôn tổ chức lễ khai giảng.", ["Trường THPT chuyên Lê Quý Đôn"], []),
        // A verb stops a name; the same syllable ending a word does not (`Hậu cần`).
        ("Sáng 12/3/2024, Cục Hậu cần làm việc với tỉnh về kho dự trữ.", ["Cục Hậu cần"], ["Cục Hậu"]),
        // An honorific before a person's name begins that person; not one in a body's own name (`Bà Triệu`), nor in a text
        // without diacritics (`Chi` is `Chỉ` as well as `Chị`).
        ("Sáng 12/3/2024, Trường THPT Bà Triệu tổ chức lễ khai giảng năm học mới.", ["Trường THPT Bà Triệu"], []),
        ("Sang 12/3/2024, Ban Chi dao cap tinh hop ban ve cong tac phong chong tham nhung.", ["Ban Chi dao"], []),
        ("Sáng 12/3/2024, thay mặt Bộ Xây dựng Ông Phạm Văn Hòa phát biểu.", ["Bộ Xây dựng"], ["Bộ Xây dựng Ông Phạm Văn Hòa"]),
        ("Sáng 12/3/2024, Sở Tài nguyên và Môi trường tỉnh Bà Rịa-Vũng Tàu báo cáo về đất đai.",
         ["Sở Tài nguyên và Môi trường tỉnh Bà Rịa-Vũng Tàu"], []),
        // A province's name goes on across what joins it.
        ("Sáng 12/3/2024, UBND tỉnh Thừa Thiên – Huế làm việc với Thành ủy TP.HCM về liên kết du lịch.",
         ["UBND tỉnh Thừa Thiên – Huế", "Thành ủy TP.HCM"], ["UBND tỉnh Thừa Thiên", "Thành ủy TP"]),
        // One body whatever its term; a compound verb after a name is prose.
        ("Sáng 12/3/2024, HĐND TP khóa XV khai mạc kỳ họp thứ 12.", ["HĐND TP"], ["HĐND TP khóa XV"]),
        ("Sáng 12/3/2024, Ban Chấp hành Trung ương Đảng khóa XIII họp Hội nghị lần thứ 10.", ["Ban Chấp hành Trung ương Đảng"],
         ["Ban Chấp hành Trung ương Đảng khóa XIII"]),
        ("Năm 2008, Ban Chấp hành Trung ương Đảng khóa X họp Hội nghị lần thứ 7.", ["Ban Chấp hành Trung ương Đảng"],
         ["Ban Chấp hành Trung ương Đảng khóa X"]),
        ("Sáng 12/3/2024, Ban Bí thư Trung ương Đảng tin tưởng tỉnh sẽ hoàn thành nhiệm vụ.", ["Ban Bí thư Trung ương Đảng"],
         ["Ban Bí thư Trung ương Đảng tin"]),
        ("Sáng 12/3/2024, Bộ trưởng Bộ Ngoại giao và Bộ Tài chính làm việc với tỉnh.", ["Bộ Ngoại giao", "Bộ Tài chính"], []),
        // Two lower-case syllables that are one word of the name; `Thường trực`; a delegation, not the assembly.
        ("Sáng 12/3/2024, dự kỳ họp có lãnh đạo Ban Thường trực Ủy ban MTTQVN tỉnh, Viện Kiểm sát nhân dân tỉnh và Học viện "
            + "Thanh thiếu niên Việt Nam.", ["Ban Thường trực Ủy ban MTTQVN", "Viện Kiểm sát nhân dân", "Học viện Thanh thiếu niên Việt Nam"],
         ["Ban Thường", "Viện Kiểm sát", "Học viện Thanh thiếu"]),
        ("Sáng 12/3/2024, Học viện Chính trị quốc gia Hồ Chí Minh phối hợp với tỉnh tổ chức hội thảo.",
         ["Học viện Chính trị quốc gia Hồ Chí Minh"], ["Học viện Chính trị quốc gia Hồ Chí Minh phối"]),
        ("Chiều 1/10/2025, Tổ đại biểu Quốc hội TP HCM tiếp xúc cử tri; ông Lê Văn Tâm, Trưởng đoàn Đại biểu Quốc hội tỉnh Thái "
            + "Nguyên, dự.", ["Tổ đại biểu Quốc hội TP HCM", "Đoàn Đại biểu Quốc hội tỉnh Thái Nguyên"],
         ["Quốc hội TP HCM", "Quốc hội tỉnh Thái Nguyên"]),
        // A company's trade in lower case runs on to the place or the number that ends its name, and to nothing else.
        ("Sáng 9/4/2025, UBND tỉnh Lạng Sơn họp với Công ty Môi trường đô thị Hà Nội và Công ty Truyền tải điện 1 (PTC1). Công ty TNHH "
            + "Minh Long 2, chủ đầu tư, và Công ty Cổ phần Sách giáo dục Hà Nội báo cáo.",
         ["Công ty Môi trường đô thị Hà Nội", "Công ty Truyền tải điện 1", "Công ty TNHH Minh Long 2", "Công ty Cổ phần Sách giáo dục Hà Nội"],
         ["Công ty Môi", "Công ty Truyền", "Công ty TNHH Minh Long", "Công ty Cổ phần Sách"]),
        ("Chiều 5/6/2025, UBND tỉnh Hà Tĩnh họp. Công ty Hoa Sen đóng tại Hà Nội; Công ty Việt Min Đô phải khẩn trương sửa chữa cầu; "
            + "Công ty Đại Dương hỗ trợ Hà Tĩnh 2 tỷ đồng; Công ty Bình An đầu tư 5 tỷ đồng.",
         ["Công ty Hoa Sen", "Công ty Việt Min Đô", "Công ty Đại Dương", "Công ty Bình An"],
         ["Công ty Hoa Sen đóng tại Hà Nội", "Công ty Đại Dương hỗ trợ Hà Tĩnh", "Công ty Đại Dương hỗ trợ Hà Tĩnh 2", "Công ty Bình An đầu tư 5"]),
        // A group's name as a company's: the verb after it is no word of its name.
        ("Chiều 2/7/2025, UBND tỉnh Quảng Ngãi làm việc với Tập đoàn Hòa Phát đầu tư khu liên hợp gang thép; Tập đoàn Điện lực Việt Nam, "
            + "Tập đoàn Xăng dầu Việt Nam và Tập đoàn Than - Khoáng sản Việt Nam báo cáo. Tập đoàn Viettel tặng quà; Tập đoàn Dầu khí có "
            + "trách nhiệm; Công ty Dệt may đã ký; Tập đoàn Vingroup đã có mặt.",
         ["Tập đoàn Hòa Phát", "Tập đoàn Điện lực Việt Nam", "Tập đoàn Xăng dầu Việt Nam", "Tập đoàn Than - Khoáng sản Việt Nam", "Tập đoàn Viettel",
          "Tập đoàn Dầu khí", "Công ty Dệt may", "Tập đoàn Vingroup"],
         ["Tập đoàn Hòa Phát đầu", "Tập đoàn Viettel tặng", "Tập đoàn Dầu", "Công ty Dệt", "Tập đoàn Vingroup đã"]),
        // A road, a range, a person, a region: not a school (`Trường`) nor a ministry (`Bộ`); a school named after a person is one.
        ("Sáng 5/6/2025, Bộ Xây dựng khảo sát tuyến đường Trường Sơn Đông và dãy Trường Sơn ở Bắc Trung Bộ Việt Nam; Trường Chính trị "
            + "Trường Chinh, quê Tổng Bí thư Trường Chinh.", ["Bộ Xây dựng", "Trường Chính trị Trường Chinh"],
         ["Trường Sơn Đông", "Trường Sơn", "Bộ Việt Nam", "Trường Chinh"]),
        // `tự trị`, `dân tộc` and `thực phẩm` go on a body's name.
        ("Sáng 11/6/2024, Đoàn công tác hội đàm với Ủy ban Thường vụ Nhân đại Khu tự trị dân tộc Choang Quảng Tây, Trung Quốc. Dự có "
            + "lãnh đạo Ban Quản lý An toàn thực phẩm.", ["Ủy ban Thường vụ Nhân đại Khu tự trị dân tộc Choang Quảng Tây", "Ban Quản lý An toàn thực phẩm"],
         ["Ủy ban Thường vụ Nhân đại Khu tự", "Ban Quản lý An toàn"]),
    ] as [(String, [String], [String])])
    func organizationEnds(text: String, names: [String], notNames: [String]) {
        let found = extractor.extract(text: text).organizations
        for name in names { #expect(found.contains(name), "\(found)") }
        for name in notNames { #expect(!found.contains(name), "\(found)") }
    }

    @Test("a link, a border or a study visit mentions a province; a province that speaks discusses", arguments: [
        ("Sáng 5/6/2023, tại trụ sở UBND tỉnh Bắc Giang, tỉnh họp bàn tuyến đường kết nối với tỉnh Lạng Sơn.", "Lạng Sơn", "mentioned"),
        ("Sáng 5/6/2023, tại trụ sở UBND tỉnh Bắc Giang, hội nghị cho ý kiến về hành lang liên vùng với Thái Nguyên và Bắc Ninh.",
         "Bắc Ninh", "mentioned"),
        ("Sáng 5/6/2023, tại trụ sở UBND tỉnh Bắc Giang, tỉnh giới thiệu mô hình mà các tỉnh Hà Giang và Cao Bằng đến học tập.",
         "Cao Bằng", "mentioned"),
        ("Sáng 5/6/2023, tại Cần Thơ, Bộ tổ chức hội nghị. Các tỉnh Bạc Liêu, Sóc Trăng nêu khó khăn về nguồn vốn.", "Bạc Liêu", "discussant"),
        ("Sáng 5/6/2023, tại Cần Thơ, Bộ tổ chức hội nghị. Các tỉnh Bạc Liêu, Sóc Trăng cho biết thiếu nước ngọt.", "Sóc Trăng", "discussant"),
        ("Sáng 5/6/2023, tại Cần Thơ, Bộ tổ chức hội nghị. An Giang đề nghị sớm triển khai tuyến cao tốc.", "An Giang", "discussant"),
    ])
    func roles(text: String, province: String, role: String) {
        let mention = extractor.extract(text: text).provinces.first { $0.name == province }
        #expect(mention?.roles.map(\.rawValue) == [role])
    }

    @Test("the venue a sentence names first hosts; those who work with it, visit it or organise with it take part; a place after a named building does not host", arguments: [
        ("Chiều 8/5/2019, tại Hà Nội, Ban Thường vụ Thành ủy Hà Nội làm việc với Ban Thường vụ Tỉnh ủy Hà Giang do đồng chí Trần Văn Dũng dẫn đầu.",
         ["Hà Nội": ["host"], "Hà Giang": ["discussant"]]),
        ("Chiều 12/7/2018, đoàn công tác của Ban Thường vụ Tỉnh ủy Bến Tre do đồng chí Lê Văn Hòa làm trưởng đoàn làm việc với Ban Thường vụ Tỉnh ủy Nam Định.",
         ["Bến Tre": ["discussant"], "Nam Định": ["host"]]),
        ("Ngày 20/4/2025, tại thành phố Pleiku, tỉnh Gia Lai, Ban Thường vụ Tỉnh ủy Bình Định và Ban Thường vụ Tỉnh ủy Gia Lai tổ chức hội nghị bàn việc hợp nhất.",
         ["Bình Định": ["discussant"], "Gia Lai": ["host"]]),
        ("Sáng 4/8/2022, tại Trụ sở Chính phủ, Phó Thủ tướng Lê Văn Thành chủ trì cuộc họp về dự thảo đề án phát triển đô thị tại TP Cần Thơ và thí điểm tổ chức mô hình mới.",
         ["Cần Thơ": ["mentioned"]]),
        ("Năm 2023, Bộ chỉ đạo tỉnh Hà Tĩnh và tỉnh Quảng Trị tổ chức diễn tập.", ["Hà Tĩnh": ["mentioned"], "Quảng Trị": ["host"]]),
        // At a central body's seat no province hosts: those worked with came to it.
        ("Chiều 9/4/2016, tại Văn phòng Chính phủ, Thủ tướng Nguyễn Xuân Phúc đã có buổi làm việc với lãnh đạo chủ chốt của tỉnh Bến Tre.",
         ["Bến Tre": ["discussant"]]),
        ("Ngày 5/9/2025, tại Trụ sở Trung ương Đảng, Bộ Chính trị làm việc với Ban Thường vụ Tỉnh ủy Nghệ An về dự thảo văn kiện "
            + "trình Đại hội đại biểu Đảng bộ tỉnh Nghệ An.", ["Nghệ An": ["discussant"]]),
        // A province's congress cited by its resolution (`chỉ tiêu Nghị quyết Đại hội Đảng bộ tỉnh X`) is not held here.
        ("Chiều 3/1/2020, Ban Thường vụ Tỉnh ủy Hải Dương và Ban Thường vụ Tỉnh ủy Phú Yên ký kết biên bản ghi nhớ. Nhằm hoàn thành các chỉ "
            + "tiêu Nghị quyết Đại hội Đảng bộ tỉnh Hải Dương, Nghị quyết Đại hội Đảng bộ tỉnh Phú Yên lần thứ XVI, hai bên thống nhất hợp tác.",
         ["Hải Dương": ["mentioned"], "Phú Yên": ["mentioned"]]),
        ("Sáng 10/11/2020, Ban Thường vụ Tỉnh ủy tổ chức hội nghị học tập, quán triệt Nghị quyết Đại hội Đảng bộ tỉnh Hải Dương lần thứ XVII.",
         ["Hải Dương": ["host"]]),
        // A province that convenes with others listed (`phối hợp với UBND các tỉnh: A, B và C tổ chức`) hosts, they take part; a
        // ministry convening with a province leaves the province host.
        ("Chiều 20/6/2024, UBND tỉnh Gia Lai phối hợp với UBND các tỉnh: Bình Định, Phú Yên và Đắk Lắk tổ chức Hội nghị bảo vệ rừng vùng giáp ranh.",
         ["Gia Lai": ["host"], "Bình Định": ["discussant"], "Phú Yên": ["discussant"], "Đắk Lắk": ["discussant"]]),
        ("Sáng 25/9/2025, Bộ Tài chính phối hợp với UBND tỉnh Đồng Tháp tổ chức hội nghị kết nối ngân hàng - doanh nghiệp.", ["Đồng Tháp": ["host"]]),
        ("Sáng 25/9/2025, Bộ Công Thương phối hợp với UBND các tỉnh: Sơn La, Điện Biên và Lai Châu tổ chức hội nghị xúc tiến thương mại.",
         ["Sơn La": ["discussant"], "Điện Biên": ["discussant"], "Lai Châu": ["discussant"]]),
        // The place of an event to come that the meeting prepares (`để ... tham dự Lễ ... tại`, `kế hoạch ... tham dự`, `sẽ ... tại`).
        ("Sáng 27/8/2025, UBND tỉnh Lâm Đồng tổ chức buổi làm việc để hoàn thiện kế hoạch đưa Đoàn đại biểu của tỉnh tham dự Lễ kỷ niệm "
            + "Quốc khánh tại Thủ đô Hà Nội.", ["Lâm Đồng": ["host"], "Hà Nội": ["mentioned"]]),
        ("UBND tỉnh Lâm Đồng triển khai kế hoạch đưa 163 đại biểu tham dự lễ kỷ niệm tại Hà Nội. Sáng 27/8/2025, UBND tỉnh Lâm Đồng họp "
            + "về kế hoạch này.", ["Lâm Đồng": ["host"], "Hà Nội": ["mentioned"]]),
        ("Chiều 24/12/2019, UBND tỉnh Nghệ An thông báo Hội nghị các nhà đầu tư sẽ diễn ra vào tháng 2 tại thành phố Đà Nẵng.",
         ["Nghệ An": ["mentioned"], "Đà Nẵng": ["mentioned"]]),
        // Words spelled like those cues (`du lịch`, `dự án`, `đề án`, `chia sẻ`, `sự tham dự`) leave the venue the host.
        ("Sáng 5/3/2024, Sở Du lịch tổ chức hội thảo góp ý đề án phát triển du lịch cộng đồng tại tỉnh Quảng Ninh.", ["Quảng Ninh": ["host"]]),
        ("Sáng 12/5/2024, Bộ Kế hoạch và Đầu tư tổ chức hội thảo chia sẻ kinh nghiệm thu hút đầu tư tại TP Đà Nẵng.", ["Đà Nẵng": ["host"]]),
        ("Sáng 10/8/2024, Bộ Giáo dục tổ chức hội nghị triển khai kế hoạch năm học với sự tham dự của 63 sở tại TP Huế.", ["Thừa Thiên Huế": ["host"]]),
        // A place named after the meeting's topic is still the venue when no building was named first.
        ("Sáng 5/3/2024, Bộ Tài nguyên và Môi trường tổ chức Hội thảo về quản lý tài nguyên nước tại TP Cần Thơ.", ["Cần Thơ": ["host"]]),
        ("Sáng 5/3/2024, tại Lễ khởi công dự án đường cao tốc được tổ chức tại tỉnh Hậu Giang, Thủ tướng Phạm Minh Chính nhấn mạnh.",
         ["Hậu Giang": ["host"]]),
        // Only the sentence's venue hosts: a later `tại X` names the subject's place; an event or a Party plenum after `tại` is no venue.
        ("Sáng 5/3/2024, tại Hà Nội, Bộ Xây dựng tổ chức hội thảo góp ý đề án xây dựng sân bay tại tỉnh Cà Mau.",
         ["Hà Nội": ["host"], "Cà Mau": ["mentioned"]]),
        ("Sáng 5/3/2024, Ban Thường vụ Tỉnh ủy Cà Mau tổ chức hội nghị quán triệt các nội dung tại Hội nghị Trung ương 8 khóa XIII.",
         ["Cà Mau": ["host"]]),
        ("Sáng 5/3/2024, tại Bộ Chỉ huy Quân sự tỉnh, đoàn công tác Bộ Quốc phòng làm việc với Ban Thường vụ Tỉnh ủy Cà Mau.", ["Cà Mau": ["host"]]),
        // The province whose body meets (`họp`, right after its name) hosts; not one only named before a meeting elsewhere.
        ("Sáng 9/3/2024, UBND tỉnh Đồng Tháp họp phiên thường kỳ.", ["Đồng Tháp": ["host"]]),
        ("Sáng 1/6/2024, UBND tỉnh Bắc Kạn họp về giải ngân vốn đầu tư công.", ["Bắc Kạn": ["host"]]),
        ("Sáng 1/6/2024, lãnh đạo tỉnh Bắc Kạn, Sở Tài chính họp về giải ngân vốn đầu tư công.", ["Bắc Kạn": ["mentioned"]]),
        // A former official present speaks for no province now.
        ("Sáng 5/3/2024, UBND tỉnh Cà Mau tổ chức hội nghị. Dự hội nghị có ông Nguyễn Văn Thắng, nguyên Bí thư Tỉnh ủy Bạc Liêu.",
         ["Cà Mau": ["host"], "Bạc Liêu": ["mentioned"]]),
        // Bridge points named without `điểm cầu`; the chair in that sentence stays the host's.
        ("Sáng 23/11/2025, Thủ tướng chủ trì họp khẩn trực tuyến về mưa lũ. Cuộc họp được kết nối trực tuyến đến các tỉnh: Quảng Ngãi, Gia Lai.",
         ["Quảng Ngãi": ["bridgePoint"], "Gia Lai": ["bridgePoint"]]),
        ("Sáng 23/11/2025, Thủ tướng dự họp trực tuyến với các địa phương về thiên tai. Hội nghị được trực tuyến tới các tỉnh Khánh Hòa, Gia Lai và Đắk Lắk.",
         ["Khánh Hòa": ["bridgePoint"], "Gia Lai": ["bridgePoint"], "Đắk Lắk": ["bridgePoint"]]),
        // `đầu cầu` says `điểm cầu` in a report of an online meeting, and a list after another bridge point is all bridge points,
        // its first province too; in a report of a real bridge it is the bridge's end.
        ("Sáng 20/10/2025, Thủ tướng chủ trì cuộc họp trực tuyến về bão số 12. Cuộc họp kết nối từ đầu cầu Trụ sở Chính phủ "
            + "với các tỉnh Quảng Ngãi, Gia Lai, Đắk Lắk. Phó Thủ tướng Trần Văn Sơn dự tại đầu cầu Khánh Hòa.",
         ["Quảng Ngãi": ["bridgePoint"], "Gia Lai": ["bridgePoint"], "Đắk Lắk": ["bridgePoint"], "Khánh Hòa": ["bridgePoint"]]),
        ("Sáng 20/10/2025, UBND tỉnh kiểm tra công trình cầu Trà Khúc. Tại đầu cầu Quảng Ngãi, nhà thầu báo cáo tiến độ thi công.",
         ["Quảng Ngãi": ["mentioned"]]),
        ("Sáng 12/3/2024, Chính phủ họp trực tuyến với điểm cầu Trụ sở Chính phủ và các tỉnh Hà Giang, Lào Cai, Yên Bái.",
         ["Hà Giang": ["bridgePoint"], "Lào Cai": ["bridgePoint"], "Yên Bái": ["bridgePoint"]]),
        ("Sáng 20/10/2025, Thủ tướng họp trực tuyến về mưa lũ. Mưa lớn gây sạt lở đầu cầu Trà Khúc, tỉnh Quảng Ngãi.",
         ["Quảng Ngãi": ["mentioned"]]),
        // The province that convenes with a partner named between, and the delegates who meet their province's voters, host.
        ("Sáng 28/5/2023, tỉnh Quảng Trị phối hợp với Bộ Kế hoạch và Đầu tư tổ chức Hội nghị xúc tiến đầu tư. "
            + "Dự có đại diện các doanh nghiệp tại Hà Nội.", ["Quảng Trị": ["host"], "Hà Nội": ["mentioned"]]),
        // `cùng` or `cùng với` the partner, and `họp` (meets) as the verb, host both; `cũng` (also) is no partner's word.
        ("Sáng 9/3/2024, UBND tỉnh Nghệ An phối hợp với UBND tỉnh Hà Tĩnh họp báo về kết quả thu hút vốn.",
         ["Nghệ An": ["host"], "Hà Tĩnh": ["host"]]),
        ("Sáng 9/3/2024, UBND tỉnh Nghệ An cùng UBND tỉnh Hà Tĩnh họp báo về kết quả thu hút vốn.", ["Nghệ An": ["host"], "Hà Tĩnh": ["host"]]),
        ("Sáng 9/3/2024, UBND tỉnh Nghệ An cùng với Bộ Công Thương tổ chức hội nghị xúc tiến thương mại.", ["Nghệ An": ["host"]]),
        ("Sáng 9/3/2024, UBND tỉnh Nghệ An cũng Bộ Công Thương tổ chức hội nghị xúc tiến thương mại.", ["Nghệ An": ["mentioned"]]),
        ("Ngày 28/9/2022, Đoàn Đại biểu Quốc hội tỉnh Lạng Sơn tiếp tục gặp gỡ, tiếp xúc cử tri tại các huyện.", ["Lạng Sơn": ["host"]]),
        ("Chiều 7/5/2024, Đoàn ĐBQH tỉnh Hà Giang đã có buổi tiếp xúc cử tri xã Lũng Cú.", ["Hà Giang": ["host"]]),
        // The venue's province: in the building's name, in brackets after a city, after a comma; a body that hosts.
        ("Chiều 2/10/2025, tại Trung tâm Hội nghị tỉnh Cà Mau, Đại hội Thi đua yêu nước tỉnh khai mạc.", ["Cà Mau": ["host"]]),
        ("Sáng 5/10/2023, tại TP Quy Nhơn (Bình Định), Hội Nhà báo tổ chức hội nghị tổng kết giải báo chí.", ["Bình Định": ["host"]]),
        ("Ngày 14/11/2020, tại thành phố Việt Trì, tỉnh Phú Thọ, UBND tỉnh Sơn La tổ chức hội nghị liên kết du lịch.",
         ["Phú Thọ": ["host"], "Sơn La": ["discussant"]]),
        // At the end of a chain of places from the venue: a building, a city, communes and districts.
        ("Sáng 20/6/2024, tại Hội trường 2/9, TP. Pleiku, tỉnh Gia Lai, Chính phủ tổ chức hội nghị phát triển vùng Tây Nguyên.",
         ["Gia Lai": ["host"]]),
        ("Ngày 8/5/2024, Bộ Nông nghiệp tổ chức hội thảo tại Khách sạn Sông Trà, thành phố Quảng Ngãi, tỉnh Quảng Ngãi.",
         ["Quảng Ngãi": ["host"]]),
        ("Sáng 3/4/2023, tại xã Ea Tu, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk, Hội Nông dân tổ chức hội nghị.", ["Đắk Lắk": ["host"]]),
        ("Sáng 5/5/2024, tại Khách sạn Furama, quận Ngũ Hành Sơn, TP Đà Nẵng, Chính phủ tổ chức hội nghị phát triển vùng.",
         ["Đà Nẵng": ["host"]]),
        ("Tại thị trấn Chư Sê, huyện Chư Sê, tỉnh Gia Lai, sáng 3/4/2023, Hội Nông dân tổ chức hội nghị.", ["Gia Lai": ["host"]]),
        ("Sáng 3/4/2023, tại thôn 3, xã Ia Tôr, huyện Chư Prông, tỉnh Gia Lai, Hội Nông dân tổ chức hội nghị.", ["Gia Lai": ["host"]]),
        // Not when a word of the sentence breaks the chain, after a venue that is a province itself, at an event, or in a report.
        ("Sáng 3/4/2023, tại Hội trường UBND huyện, các đại biểu, tỉnh Đắk Lắk dự hội nghị về cà phê.", ["Đắk Lắk": ["mentioned"]]),
        ("Sáng 3/4/2023, tại Hà Nội, tỉnh Quảng Ninh tổ chức hội nghị xúc tiến du lịch.", ["Hà Nội": ["host"], "Quảng Ninh": ["discussant"]]),
        ("Sáng 3/4/2023, tại Hội nghị Xúc tiến Đầu tư Tây Nguyên, tỉnh Đắk Lắk ký kết 5 thỏa thuận.", ["Đắk Lắk": ["discussant"]]),
        ("Sáng 10/7/2024, Bộ Nông nghiệp họp về thiên tai. Theo báo cáo, tại xã Ea Tu, huyện Cư M'gar, tỉnh Đắk Lắk, mưa lớn làm sập 5 nhà.",
         ["Đắk Lắk": ["mentioned"]]),
        ("Sáng 29/11/2013, Hội Cựu chiến binh tỉnh Bến Tre đăng cai tổ chức hội nghị sơ kết công tác dân vận.", ["Bến Tre": ["host"]]),
        // Not a later place of the sentence, nor `đang cải` (folded like `đăng cai`), nor a province given the next meeting.
        ("Sáng 10/4/2025, tại Trụ sở Bộ Nông nghiệp và Môi trường, Thứ trưởng Lê Văn An chủ trì cuộc họp về sạt lở tại huyện "
            + "Mường Nhé, tỉnh Điện Biên.", ["Điện Biên": ["mentioned"]]),
        ("Sáng 5/3/2024, UBND tỉnh họp về môi trường đầu tư. Tỉnh Quảng Ninh đang cải thiện môi trường đầu tư.", ["Quảng Ninh": ["mentioned"]]),
        ("Sáng 5/3/2024, Khối thi đua họp tổng kết. Hội nghị thống nhất giao tỉnh Thanh Hóa đăng cai tổ chức hội nghị năm 2025.",
         ["Thanh Hóa": ["mentioned"]]),
        // Not a task given to a province, nor what a delegate says of voters.
        ("Sáng 12/3/2024, Chính phủ họp phiên thường kỳ. Phó Thủ tướng giao UBND tỉnh Lâm Đồng phối hợp với Bộ Nội vụ sắp xếp "
            + "tổ chức bộ máy.", ["Lâm Đồng": ["mentioned"]]),
        ("Sáng 12/11/2024, Quốc hội thảo luận ở hội trường. Đại biểu Quốc hội tỉnh Bình Định cho biết, qua tiếp xúc cử tri, "
            + "người dân mong sớm có luật.", ["Bình Định": ["mentioned"]]),
        // Provinces a speaker at a bridge point names are what is said, not more bridge points.
        ("Sáng 12/9/2024, Bộ Nông nghiệp và Môi trường họp trực tuyến về bão số 3. Tại điểm cầu Bộ Nông nghiệp và Môi trường, "
            + "Thứ trưởng Trần Văn An cho biết mưa lũ gây thiệt hại cho Lào Cai, Yên Bái và Tuyên Quang.",
         ["Lào Cai": ["mentioned"], "Yên Bái": ["mentioned"], "Tuyên Quang": ["mentioned"]]),
        ("Sáng 12/9/2024, Chính phủ họp trực tuyến về bão số 3. Từ điểm cầu Trụ sở Chính phủ, Thủ tướng phát biểu chỉ đạo; "
            + "dự tại các điểm cầu địa phương có lãnh đạo các tỉnh: Lào Cai, Yên Bái, Tuyên Quang.",
         ["Lào Cai": ["bridgePoint"], "Yên Bái": ["bridgePoint"], "Tuyên Quang": ["bridgePoint"]]),
        // A province only mentioned whose official is among those present takes part.
        ("Sáng 30/6/2025, tại Hội trường Thành ủy Nha Trang, tỉnh Khánh Hòa tổ chức lễ công bố việc hợp nhất với tỉnh Ninh Thuận. "
            + "Tham dự có ông Nguyễn Đức Thanh, Bí thư Tỉnh ủy Ninh Thuận.", ["Khánh Hòa": ["host"], "Ninh Thuận": ["discussant"]]),
        // A place inside what a speaker proposes is spoken of, not where the meeting is; the speaking's own place is.
        ("Sáng 12/9/2024, Thủ tướng chủ trì hội nghị trực tuyến với các địa phương. Đại diện tỉnh Tây Ninh đề xuất tăng cường kiểm soát "
            + "xuất nhập cảnh, như trường hợp người nhập cảnh trái phép tại Vĩnh Long vừa qua.",
         ["Tây Ninh": ["discussant"], "Vĩnh Long": ["mentioned"]]),
        ("Sáng 12/9/2024, Bộ trưởng Bộ Công Thương Trần Văn An phát biểu tại Vĩnh Long trong buổi làm việc với lãnh đạo tỉnh.",
         ["Vĩnh Long": ["host"]]),
        ("Sáng 12/9/2024, Bộ trưởng Bộ Công Thương Trần Văn An phát biểu chỉ đạo tại tỉnh Vĩnh Long.", ["Vĩnh Long": ["host"]]),
        ("Sáng 12/9/2024, Bộ trưởng Bộ Công Thương Trần Văn An dự và phát biểu tại hội nghị xúc tiến thương mại tổ chức tại Vĩnh Long.",
         ["Vĩnh Long": ["host"]]),
        ("Sáng 12/9/2024, theo đề xuất của các địa phương, tại thành phố Cần Thơ, Bộ Y tế tổ chức hội nghị về phòng chống dịch.",
         ["Cần Thơ": ["host"]]),
        // Where a mission or a group is based is not where the meeting is; the meeting's own `tại` still is.
        ("Sáng 22/12/2024, tỉnh Đắk Lắk và tỉnh Jeollabuk-do ký kết thỏa thuận hợp tác. Dự có bà Kim Soo Min, Phó Lãnh sự Tổng Lãnh sự "
            + "quán Hàn Quốc tại thành phố Hồ Chí Minh.", ["Đắk Lắk": ["discussant"], "Hồ Chí Minh": ["mentioned"]]),
        ("Sáng 5/3/2024, UBND tỉnh Vĩnh Phúc tổ chức buổi tiếp nhóm phụ nữ ASEAN tại Hà Nội do bà Vũ Thị Lan làm trưởng đoàn.",
         ["Vĩnh Phúc": ["host"], "Hà Nội": ["mentioned"]]),
        ("Sáng 5/3/2024, Văn phòng đại diện tại TP Hồ Chí Minh của Bộ Công Thương làm việc với Sở Công Thương tỉnh Long An.",
         ["Long An": ["host"], "Hồ Chí Minh": ["mentioned"]]),
        ("Sáng 5/3/2024, nhóm công tác của Bộ Ngoại giao làm việc tại Hà Nội với đại sứ quán các nước.", ["Hà Nội": ["host"]]),
        // Provinces that sign as the subject are parties; one that signed over a past span is not, nor one signed with.
        ("Chiều 7/12/2024, tại TP Cà Mau, tỉnh Cà Mau và tỉnh Ninh Bình ký kết chương trình hợp tác giai đoạn 2025 - 2030.",
         ["Cà Mau": ["host"], "Ninh Bình": ["discussant"]]),
        ("Chiều 7/12/2024, Đại diện tỉnh Cà Mau và Ninh Bình ký kết chương trình hợp tác.", ["Cà Mau": ["discussant"], "Ninh Bình": ["discussant"]]),
        ("Chiều 7/12/2024, tỉnh Hà Giang và tỉnh Benguet - Philippines ký biên bản ghi nhớ.", ["Hà Giang": ["discussant"]]),
        ("Sáng 4/7/2024, tại Trung tâm Hội nghị tỉnh Sơn La, lãnh đạo tỉnh đón đoàn. Trong những năm qua, tỉnh Điện Biên đã ký văn bản "
            + "hợp tác với 8 tỉnh Bắc Lào.", ["Sơn La": ["host"], "Điện Biên": ["mentioned"]]),
        ("Chiều 7/12/2024, UBND tỉnh Hà Giang tổ chức lễ ký kết với tỉnh Cao Bằng.", ["Hà Giang": ["host"], "Cao Bằng": ["mentioned"]]),
        // The parties after a signing's `giữa`; not a cooperation's that no signing names.
        ("Chiều 7/12/2024, tại tỉnh Cà Mau diễn ra lễ ký kết chương trình hợp tác giữa tỉnh Cà Mau – Ninh Bình giai đoạn 2025 – 2030.",
         ["Cà Mau": ["host"], "Ninh Bình": ["discussant"]]),
        ("Chiều 7/12/2024, tỉnh Cà Mau họp bàn về hợp tác giữa tỉnh Cà Mau và tỉnh Ninh Bình.", ["Cà Mau": ["host"], "Ninh Bình": ["mentioned"]]),
        // `đã ký kết` in a sentence that opens with its day is the signing reported.
        ("Ngày 30/3/2021, UBND tỉnh Bình Định và UBND tỉnh Gia Lai đã ký kết hợp tác giai đoạn 2021 - 2025.",
         ["Bình Định": ["discussant"], "Gia Lai": ["discussant"]]),
        ("Sáng 4/7/2024, tại Trung tâm Hội nghị tỉnh Sơn La, lãnh đạo tỉnh đón đoàn. Năm 2019, tỉnh Điện Biên và tỉnh Lai Châu đã ký kết "
            + "thỏa thuận hợp tác.", ["Sơn La": ["host"], "Điện Biên": ["mentioned"], "Lai Châu": ["mentioned"]]),
        ("Sáng 4/7/2024, tại Trung tâm Hội nghị tỉnh Sơn La, lãnh đạo tỉnh đón đoàn. Tháng 3, UBND tỉnh Hậu Giang ký ban hành kế hoạch.",
         ["Sơn La": ["host"], "Hậu Giang": ["mentioned"]]),
        // A group or mission that holds the meeting there: the venue.
        ("Sáng 5/3/2024, Nhóm công tác họp tại Hải Phòng bàn về logistics.", ["Hải Phòng": ["host"]]),
        // A building's name across a dash still names the province it is in.
        ("Sáng 5/3/2025, tại Trung tâm Văn hóa - Nghệ thuật tỉnh An Giang, UBND tỉnh tổ chức lễ công bố quyết định.", ["An Giang": ["host"]]),
        ("Sáng 5/3/2025, tại Hà Nội - Thủ đô, Bộ Y tế họp với tỉnh An Giang về dịch bệnh.", ["Hà Nội": ["host"], "An Giang": ["mentioned"]]),
        ("Sáng 5/3/2024, Đại sứ quán Nhật Bản tổ chức tại Hà Nội hội thảo về đầu tư.", ["Hà Nội": ["host"]]),
        // A city's own congress, `TP` inside its name.
        ("Sáng 14/10/2025, Đại hội Đại biểu Đảng bộ TP HCM lần thứ I, nhiệm kỳ 2025 - 2030 khai mạc.", ["Hồ Chí Minh": ["host"]]),
        // The only province named, a bridge point whose officials attend from there, does not host the online meeting.
        ("Sáng 20/6/2024, Ban Chỉ đạo tổ chức hội nghị trực tuyến toàn quốc. Dự hội nghị tại điểm cầu tỉnh Thanh Hóa có đồng chí "
            + "Lê Văn Tùng, Phó Chủ tịch UBND tỉnh.", ["Thanh Hóa": ["bridgePoint"]]),
        // ... unless the province's own body convenes it.
        ("Sáng 10/7/2024, UBND tỉnh tổ chức hội nghị trực tuyến tổng kết công tác năm 2024 với 27 điểm cầu cấp huyện. Dự hội nghị tại "
            + "điểm cầu tỉnh Thanh Hóa có đồng chí Đỗ Minh Tú, Chủ tịch UBND tỉnh Thanh Hóa.", ["Thanh Hóa": ["host", "bridgePoint"]]),
        // Signing within the meeting's frame is the meeting's.
        ("Sáng 10/7/2024, tại TP Thanh Hóa diễn ra hội nghị xúc tiến đầu tư. Trong khuôn khổ hội nghị, tỉnh Thanh Hóa và tỉnh Nghệ An "
            + "ký kết thỏa thuận hợp tác.", ["Thanh Hóa": ["host", "discussant"], "Nghệ An": ["discussant"]]),
        // Provinces whose leaders are said to attend take part; leaders only spoken of do not make them.
        ("Sáng 30/6/2025, tại tỉnh Tuyên Quang, Tỉnh ủy tổ chức lễ công bố nghị quyết sáp nhập. Tham dự buổi lễ có lãnh đạo chủ chốt hai tỉnh "
            + "Tuyên Quang và Hà Giang.", ["Tuyên Quang": ["host"], "Hà Giang": ["discussant"]]),
        ("Sáng 5/3/2024, tại tỉnh Sơn La diễn ra hội nghị xúc tiến đầu tư, với sự có mặt của lãnh đạo các tỉnh Điện Biên, Lai Châu.",
         ["Sơn La": ["host"], "Điện Biên": ["discussant"], "Lai Châu": ["discussant"]]),
        ("Sáng 5/3/2024, tại tỉnh Sơn La diễn ra hội nghị xúc tiến đầu tư. Hội nghị ghi nhận lãnh đạo tỉnh Điện Biên đã chỉ đạo quyết liệt.",
         ["Sơn La": ["host"], "Điện Biên": ["mentioned"]]),
        // A list joined by `cùng với` to a province that takes part takes part with it, each of its members; joined to one only
        // spoken of, it is only spoken of.
        ("Sáng 12/6/2024, tại Côn Minh, Đoàn công tác tỉnh Cao Bằng cùng với các tỉnh Lạng Sơn, Quảng Ninh và Hà Giang đã tham dự "
            + "hội nghị hợp tác biên giới.", ["Cao Bằng": ["discussant"], "Lạng Sơn": ["discussant"], "Quảng Ninh": ["discussant"],
                                             "Hà Giang": ["discussant"]]),
        ("Sáng 12/6/2024, tại tỉnh Sơn La diễn ra hội nghị xúc tiến đầu tư. Báo cáo nêu tỉnh Cao Bằng cùng với các tỉnh Lạng Sơn, "
            + "Quảng Ninh là địa bàn trọng điểm.", ["Sơn La": ["host"], "Cao Bằng": ["mentioned"], "Lạng Sơn": ["mentioned"],
                                                    "Quảng Ninh": ["mentioned"]]),
        // A province that works with another's delegation receives it; the delegation's province is the visitor. A delegation
        // that works with a province is received by it.
        ("Chiều 16/5/2024, UBND tỉnh Phú Yên tiếp và làm việc với đoàn công tác tỉnh Đắk Nông về hợp tác phát triển du lịch.",
         ["Phú Yên": ["host"], "Đắk Nông": ["discussant"]]),
        ("Chiều 16/5/2024, đoàn công tác của Bộ Văn hóa, Thể thao và Du lịch làm việc với UBND tỉnh Đắk Nông về phát triển du lịch.",
         ["Đắk Nông": ["host"]]),
        // A sentence that opens on the reception and names the side that receives (`về phía tỉnh Y có`).
        ("Tiếp và làm việc với Đoàn công tác tỉnh Hưng Yên, về phía tỉnh Phú Yên có đồng chí Trần Văn Tâm, Chủ tịch UBND tỉnh.",
         ["Phú Yên": ["host"], "Hưng Yên": ["discussant"]]),
        ("Tiếp Đoàn công tác tỉnh Hưng Yên, về phía Phú Yên có đồng chí Trần Văn Tâm, Chủ tịch UBND tỉnh.",
         ["Phú Yên": ["host"], "Hưng Yên": ["discussant"]]),
    ] as [(String, [String: [String]])])
    func venueAndParties(text: String, expected: [String: [String]]) {
        let roles = Dictionary(uniqueKeysWithValues: extractor.extract(text: text).provinces.map { ($0.name, $0.roles.map(\.rawValue)) })
        #expect(roles == expected)
    }

    @Test("joint chairs in the chair's sentence or a later 'Cùng chủ trì/chủ tọa'", arguments: [
        ("Sáng 5/6/2023, HĐND tỉnh khai mạc kỳ họp. Ông Nguyễn Văn An, Chủ tịch HĐND tỉnh chủ tọa kỳ họp. "
            + "Cùng chủ tọa có các đồng chí Phó Chủ tịch HĐND tỉnh: Trần Văn Bình, Lê Văn Cường.", ["Trần Văn Bình", "Lê Văn Cường"]),
        ("Sáng 5/6/2023, Tỉnh ủy họp. Ông Nguyễn Văn An, Bí thư Tỉnh ủy chủ trì. Cùng chủ trì có đồng chí Trần Văn Bình, "
            + "Phó Bí thư Thường trực Tỉnh ủy và đồng chí Lê Văn Cường, Phó Bí thư Tỉnh ủy.", ["Trần Văn Bình", "Lê Văn Cường"]),
        ("Sáng 5/6/2023, HĐND tỉnh khai mạc kỳ họp. Ông Nguyễn Văn An, Chủ tịch HĐND tỉnh và các Phó Chủ tịch HĐND tỉnh "
            + "Trần Văn Bình, Lê Thị Hoa đồng chủ trì kỳ họp.", ["Trần Văn Bình", "Lê Thị Hoa"]),
        // Two people joined by `và đồng chí` and `đã` before the cue: the first chairs, the second with him.
        ("Sáng 14/5/2024, tại trụ sở Tỉnh ủy, Đoàn đại biểu cấp cao tỉnh Nghệ An do đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy Nghệ An "
            + "và đồng chí Bun-mi Phôm-ma-chắc, Bí thư Tỉnh ủy, Tỉnh trưởng tỉnh Bô-ly-khăm-xay đã chủ trì buổi hội đàm.", ["Bun-mi Phôm-ma-chắc"]),
        ("Sáng 5/6/2023, Thủ tướng Nguyễn Văn An và Bí thư Thành ủy Trần Văn Bình đã chủ trì hội nghị.", ["Trần Văn Bình"]),
    ])
    func jointChairs(text: String, coChairs: [String]) {
        let record = extractor.extract(text: text)
        #expect(record.chair?.name == "Nguyễn Văn An")
        #expect(record.coChairs.map(\.name) == coChairs)
    }

    @Test("a plural title goes to every name listed after it, a dash between names included; a delegate who questions takes part")
    func pluralLists() {
        let record = extractor.extract(text: "Sáng 5/6/2023, HĐND tỉnh tổ chức phiên chất vấn. Ông Nguyễn Văn Dũng, Chủ tịch HĐND tỉnh chủ trì. "
            + "Dự có các phó Chủ tịch UBND tỉnh Võ Văn An- Dương Văn Bình, Trần Văn Cường. Đại biểu Phạm Thị Hà chất vấn về giá đất.")
        for name in ["Võ Văn An", "Dương Văn Bình", "Trần Văn Cường"] {
            #expect(record.participants.first { $0.name == name }?.titles == ["Phó Chủ tịch UBND tỉnh"], "\(name)")
        }
        #expect(record.participants.contains { $0.name == "Phạm Thị Hà" })
    }

    @Test("a board's lower-case name after `Trưởng ban` stays in the title; someone whose words at the meeting are quoted took part")
    func boardsAndStatements() {
        let board = extractor.extract(text: "Sáng 23/2/2024, tại Trụ sở Chính phủ, Phó Thủ tướng Lê Văn Thành, Trưởng ban chỉ đạo Quốc gia "
            + "phòng, chống thiên tai chủ trì cuộc họp về hạn mặn.")
        #expect(board.chair?.titles == ["Phó Thủ tướng", "Trưởng ban chỉ đạo Quốc gia phòng, chống thiên tai"])
        let statement = extractor.extract(text: "Sáng 25/2/2024, Sở Y tế tổ chức hội nghị tổng kết công tác y tế. Đó là nhận định của "
            + "đồng chí Phó Chủ tịch UBND tỉnh Nguyễn Văn Hòa tại hội nghị.")
        #expect(statement.participants.map(\.name) == ["Nguyễn Văn Hòa"])
        let directed = extractor.extract(text: "Sáng 25/2/2024, Sở Y tế tổ chức hội nghị tổng kết công tác y tế theo chỉ đạo của "
            + "đồng chí Phó Chủ tịch UBND tỉnh Nguyễn Văn Hòa.")
        #expect(directed.participants.isEmpty, "\(directed.participants.map(\.name))")
        let cited = extractor.extract(text: "Sáng 25/2/2024, Sở Y tế tổ chức hội nghị tổng kết công tác y tế. Như khẳng định của "
            + "Phó Thủ tướng Nguyễn Văn Hòa, y tế cơ sở là nền tảng.")
        #expect(cited.participants.isEmpty, "\(cited.participants.map(\.name))")
    }

    @Test("names with the surnames of the northern mountains' peoples (Hmong, Dao, Thái) are found in a list")
    func minoritySurnames() {
        let record = extractor.extract(text: "Chiều 4/5/2023, Bí thư Tỉnh ủy Nguyễn Văn An tiếp xúc cử tri xã Bản Mế. Cùng dự có các "
            + "Đại biểu Quốc hội: Trần Thị Hoa, Khang Thị Mào, Vừ A Pó, Hạng Thị Dua, Sình Văn Tả.")
        #expect(Set(record.participants.map(\.name)).isSuperset(of: ["Khang Thị Mào", "Vừ A Pó", "Hạng Thị Dua", "Sình Văn Tả"]),
                "\(record.participants.map(\.name))")
    }

    @Test("a headline led by a province and a colon names the host when no sentence does")
    func datelineHost() {
        let record = extractor.extract(text: "Bến Tre: Phát huy vai trò của đội ngũ trí thức\n\nSáng 2/12/2023, Liên hiệp các Hội Khoa học "
            + "và Kỹ thuật tỉnh tổ chức buổi tọa đàm về chính sách trọng dụng trí thức.")
        #expect(record.provinces.map(\.name) == ["Bến Tre"] && record.provinces.first?.roles == [.host], "\(record.provinces)")
        // Not when the meeting is at a central body's seat: the province came to it.
        let visit = extractor.extract(text: "Đà Nẵng: Thủ tướng làm việc với lãnh đạo thành phố\n\nSáng 5/3/2024, tại Trụ sở Chính phủ, "
            + "Thủ tướng Phạm Minh Chính làm việc với lãnh đạo TP Đà Nẵng.")
        #expect(visit.provinces.first?.roles == [.discussant], "\(visit.provinces)")
    }

    @Test("a title that introduces names inside a body's name (`Hội Nhà báo`) does not start a name")
    func introducerInsideBody() {
        let record = extractor.extract(text: "Sáng 5/10/2023, Hội Nhà báo tổ chức hội nghị. Chủ trì hội nghị có Phó Chủ tịch Thường trực "
            + "Hội Nhà báo Việt Nam Trần Văn Lợi; Trưởng ban Nghiệp vụ Hội Nhà báo Việt Nam Lê Thị Thu Hằng.")
        #expect(record.chair?.name == "Trần Văn Lợi")
        #expect(record.participants.first { $0.name == "Lê Thị Thu Hằng" }?.titles == ["Trưởng ban Nghiệp vụ Hội Nhà báo Việt Nam"])
        // A line that ends in a capitalised word does not make the next line's rank part of a body's name.
        let ranked = extractor.extract(text: "Sáng 5/10/2023, Bộ CHQS tỉnh Kon Tum tổ chức hội nghị tổng kết công tác quân sự Kon Tum\n"
            + "Thượng tá A Sang, Tham mưu trưởng Bộ CHQS tỉnh phát biểu tại hội nghị.")
        #expect(ranked.participants.map(\.name) == ["A Sang"])
    }

    @Test("a count before a title shares it as `các` does (`Hai Phó Thủ tướng A và B`)")
    func countedTitle() {
        let record = extractor.extract(text: "Chiều 29/9/2013, Ban chỉ đạo phòng chống lụt bão Trung ương họp giao ban với các tỉnh phía Bắc. "
            + "Hai Phó Thủ tướng Hoàng Văn Hải và Nguyễn Thiện Nhân dự và chỉ đạo cuộc họp.")
        #expect(record.participants.map(\.name) == ["Hoàng Văn Hải", "Nguyễn Thiện Nhân"], "\(record.participants)")
        #expect(record.participants.allSatisfy { $0.titles == ["Phó Thủ tướng"] }, "\(record.participants)")
        let lower = extractor.extract(text: "Sáng 5/3/2014, hai Phó Chủ tịch UBND tỉnh Nguyễn Văn An và Trần Văn Bình dự họp.")
        #expect(lower.participants.map(\.titles) == [["Phó Chủ tịch UBND tỉnh"], ["Phó Chủ tịch UBND tỉnh"]], "\(lower.participants)")
        // Without a count the title is one person's: the name after `và` has none of its own and is not taken.
        let single = extractor.extract(text: "Sáng 5/3/2014, Phó Chủ tịch UBND tỉnh Trần Văn Hòa và Nguyễn Văn Cường dự họp.")
        #expect(single.participants.map(\.name) == ["Trần Văn Hòa"], "\(single.participants)")
        // A count says how many: the title goes no further; an ordinal (`lần thứ hai`) is no count.
        let counted = extractor.extract(text: "Sáng 12/5/2025, Hai Phó Thủ tướng Trần Hồng Hà và Lê Thành Long cùng dự, Nguyễn Văn Hùng báo cáo.")
        #expect(counted.participants.first { $0.name == "Nguyễn Văn Hùng" }?.titles ?? [] == [], "\(counted.participants)")
        let ordinal = extractor.extract(text: "Sáng 5/3/2025, Tỉnh ủy họp. Đây là lần thứ hai Phó Bí thư Tỉnh ủy Lại Thế Nguyên và ông Đầu Thanh Tùng cùng dự.")
        #expect(ordinal.participants.first { $0.name == "Đầu Thanh Tùng" }?.titles ?? [] == [], "\(ordinal.participants)")
        // An honorific between the count and the title (`hai đồng chí Phó Bí thư`) still counts.
        let honoured = extractor.extract(text: "Sáng 12/3/2024, Tỉnh ủy họp. Dự có hai đồng chí Phó Bí thư Tỉnh ủy Lê Văn Hùng và Nguyễn Thị Lan.")
        #expect(honoured.participants.map(\.name) == ["Lê Văn Hùng", "Nguyễn Thị Lan"], "\(honoured.participants)")
        #expect(honoured.participants.allSatisfy { $0.titles == ["Phó Bí thư Tỉnh ủy"] }, "\(honoured.participants)")
    }

    @Test("someone relieved of a post (`miễn nhiệm ... đối với ông X`, `cho thôi ... đối với bà Y`) or replaced (`thay ông Z`) is named for that, not present")
    func relievedAndReplaced() {
        let record = extractor.extract(text: "Sáng 7/8/2025, HĐND tỉnh Khánh Hòa khai mạc kỳ họp chuyên đề. Ông Trần Văn Minh, Chủ tịch HĐND tỉnh chủ trì kỳ họp. "
            + "HĐND tỉnh miễn nhiệm chức danh Phó Chủ tịch UBND tỉnh đối với ông Lê Văn Bình do chuyển công tác; cho thôi làm nhiệm vụ "
            + "đại biểu HĐND tỉnh đối với bà Phạm Thị Hoa. Ông Nguyễn Văn Nam được bầu làm Chủ tịch UBND tỉnh, thay ông Hoàng Văn Dũng đã nhận công tác mới.")
        #expect(record.participants.map(\.name) == ["Trần Văn Minh", "Nguyễn Văn Nam"], "\(record.participants)")
        // `đối với` outside a relief, and `thay mặt` (on behalf of), name people who are there.
        let present = extractor.extract(text: "Sáng 7/8/2025, UBND tỉnh họp. Phó Chủ tịch UBND tỉnh đánh giá cao đối với ông Lê Văn Bình. "
            + "Thay mặt lãnh đạo tỉnh, ông Trần Văn Minh phát biểu.")
        #expect(present.participants.map(\.name).sorted() == ["Lê Văn Bình", "Trần Văn Minh"], "\(present.participants)")
    }

    @Test("in a list under its side (`Đoàn công tác tỉnh X có các đồng chí: A, Bí thư Thành ủy X; B, Phó Chủ tịch UBND tỉnh`), a bare `tỉnh` is the side's, not the host's")
    func sideBeforeList() {
        let visit = extractor.extract(text: "Ngày 9/7/2024, tại thành phố Huế, Đoàn công tác của tỉnh Yên Bái đã có buổi làm việc với UBND "
            + "thành phố Huế. Tham gia Đoàn công tác tỉnh Yên Bái có các đồng chí: Trần Văn Minh, Bí thư Thành ủy Yên Bái; Lê Thị Hoa, "
            + "Phó Chủ tịch UBND tỉnh; Hoàng Văn Nam, Giám đốc Sở Tài chính tỉnh.")
        let provinces = Dictionary(uniqueKeysWithValues: visit.participants.map { ($0.name, $0.province ?? "-") })
        #expect(provinces == ["Trần Văn Minh": "Yên Bái", "Lê Thị Hoa": "Yên Bái", "Hoàng Văn Nam": "Yên Bái"], "\(provinces)")
        // With no side named before the list, a bare `tỉnh` is still the host's.
        let hosted = extractor.extract(text: "Sáng 9/7/2024, tại trụ sở UBND tỉnh Quảng Trị, UBND tỉnh tổ chức hội nghị xúc tiến đầu tư. "
            + "Dự có các đồng chí: Trần Văn Minh, Bí thư Tỉnh ủy Quảng Bình; Lê Thị Hoa, Phó Chủ tịch UBND tỉnh.")
        #expect(hosted.participants.first { $0.name == "Lê Thị Hoa" }?.province == "Quảng Trị", "\(hosted.participants)")
    }

    @Test("a Lao or Korean name joined by hyphens after an honorific is one name (`đồng chí Lếch-lay Sỉ-vi-lay`, `ông Kim Jung-taek`); a dash before a title is not part of a name")
    func transliteratedNames() {
        let lao = extractor.extract(text: "Sáng 14/9/2024, đoàn đại biểu tỉnh Sê Kông do đồng chí Phon-xay Xỉ-phăn-đon, Bí thư Tỉnh ủy, "
            + "làm trưởng đoàn thăm và làm việc với lãnh đạo tỉnh Quảng Nam. Ông Kim Jung-taek, Phó Chủ tịch Hội đồng TP. Ansan nhân chuyến thăm cũng dự.")
        #expect(lao.participants.map(\.name) == ["Phon-xay Xỉ-phăn-đon", "Kim Jung-taek"], "\(lao.participants)")
        // `Tỉnh trưởng` (a Lao province's governor) is a title, and no post in the host province.
        let governor = extractor.extract(text: "Sáng 14/9/2024, đồng chí Phon-xay Xỉ-phăn-đon, Bí thư Tỉnh ủy, Tỉnh trưởng tỉnh Sê Kông thăm tỉnh Quảng Nam.")
        #expect(governor.participants.first?.titles.contains("Tỉnh trưởng tỉnh Sê Kông") == true, "\(governor.participants)")
        #expect(governor.participants.first?.province == nil, "\(governor.participants)")
        #expect(lao.participants.last?.titles == ["Phó Chủ tịch Hội đồng TP. Ansan"], "\(lao.participants)")
        // A post in a foreign capital or province is no post in the host's; a Vietnamese province's, or a board of provincial
        // level, still is.
        let capital = extractor.extract(text: "Ngày 26/5/2022, Đoàn thành phố Đà Nẵng do đồng chí Lê Văn Hải, Bí thư Thành ủy Đà Nẵng làm Trưởng đoàn "
            + "hội đàm với Đoàn thủ đô Viêng Chăn do ông Anouphab Tounalom, Bí thư Thành ủy, Chủ tịch Hội đồng nhân dân thủ đô Vientiane dẫn đầu. "
            + "Dự có ông Ngô Văn Bình, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo cấp tỉnh Kỳ thi năm 2022.")
        let provinces = Dictionary(uniqueKeysWithValues: capital.participants.map { ($0.name, $0.province ?? "-") })
        #expect(provinces == ["Lê Văn Hải": "Đà Nẵng", "Anouphab Tounalom": "-", "Ngô Văn Bình": "Đà Nẵng"], "\(provinces)")
        // A province's Party committee named by a foreign province (`Bí thư Tỉnh ủy Vân Nam`), with its country or without.
        for guest in ["Bí thư Tỉnh ủy Vân Nam", "Bí thư Tỉnh ủy Quảng Tây (Trung Quốc)"] {
            let border = extractor.extract(text: "Chiều 12/4/2024, ông Lê Văn Tâm, Chủ tịch UBND tỉnh Lào Cai tiếp đồng chí Trương Minh, \(guest).")
            let held = Dictionary(uniqueKeysWithValues: border.participants.map { ($0.name, $0.province ?? "-") })
            #expect(held == ["Lê Văn Tâm": "Lào Cai", "Trương Minh": "-"], "\(guest): \(held)")
        }
        let dashed = extractor.extract(text: "Sáng 5/3/2024, đồng chí Nguyễn Thành Tâm-Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy chủ trì hội nghị.")
        #expect(dashed.participants.map(\.name) == ["Nguyễn Thành Tâm"], "\(dashed.participants)")
    }

    @Test("relief and replacement read by their exact words, in their own clause: `đồng thời`, `thời gian` and `nhận thấy` are not `thôi` or `thay`; a person elected after another's relief is present")
    func reliefNarrowed() {
        let texts = [
            "Sáng 7/8/2025, Sở Nội vụ tổ chức hội nghị. Đồng thời, hội nghị công bố quyết định bổ nhiệm đối với đồng chí Hoàng Văn Tuấn, Phó Giám đốc Sở Nội vụ.",
            "Sáng 7/8/2025, Tỉnh ủy họp. Trong thời gian qua, Ban Thường vụ đánh giá cao những đóng góp đối với đồng chí Hoàng Văn Tuấn.",
            "Sáng 7/8/2025, đoàn giám sát làm việc tại Sở Y tế. Đoàn nhận thấy ông Hoàng Văn Tuấn, Giám đốc Sở Y tế đã chủ động.",
            "Sáng 7/8/2025, HĐND tỉnh họp. Kỳ họp miễn nhiệm chức vụ đối với ông Lê Văn Bình và bầu bổ sung chức danh Chủ tịch UBND tỉnh đối với ông Hoàng Văn Tuấn.",
        ]
        for text in texts {
            #expect(extractor.extract(text: text).participants.map(\.name).contains("Hoàng Văn Tuấn"), "\(text)")
        }
        // Written close against a title or a word, a Vietnamese name stays a Vietnamese name.
        let close = extractor.extract(text: "Sáng 7/8/2025, UBND tỉnh họp. Dự có ông Nguyễn Văn Đước-nguyên Giám đốc Sở Tài chính, ông Lê Hùng-nhà báo và bà Trần Thị Hoa-PCT UBND huyện.")
        #expect(close.participants.map(\.name).allSatisfy { !$0.contains("-") }, "\(close.participants)")
        #expect(close.participants.first?.name == "Nguyễn Văn Đước", "\(close.participants)")
        // `Trưởng đoàn` and a verb after it: the verb is not the delegation's name.
        let verb = extractor.extract(text: "Sáng 7/8/2025, đoàn công tác làm việc với tỉnh. Ông Trần Văn Nam, Trưởng đoàn phát biểu, chỉ đạo các nội dung.")
        #expect(verb.participants.first?.titles == ["Trưởng đoàn"], "\(verb.participants)")
        // A company's name after `&` is not a field of a ministry.
        let company = extractor.extract(text: "Sáng 7/8/2025, Sở Xây dựng họp. Ông Trần Văn Nam, Giám đốc Công ty Cổ phần Xây dựng, Thương mại & Dịch vụ Hoàng Long phát biểu.")
        #expect(company.participants.first?.titles == ["Giám đốc Công ty Cổ phần Xây dựng"], "\(company.participants)")
    }

    @Test("a delegation's name after `Trưởng đoàn` is its title (`Trưởng đoàn kiểm tra số 11 của Bộ Chính trị`), not the verb; `&` joins a ministry's fields")
    func delegationNameAndAmpersand() {
        let record = extractor.extract(text: "Chiều 5/9/2025, tại Đông Hà, Đoàn kiểm tra của Bộ Chính trị làm việc với Ban Thường vụ Tỉnh ủy Quảng Trị. "
            + "Đồng chí Lê Minh Khải - Trưởng đoàn kiểm tra số 11 của Bộ Chính trị chủ trì buổi làm việc. "
            + "Cùng dự có ông Nguyễn Văn Tuấn, Thứ trưởng Bộ Văn hóa, Thể thao & Du lịch.")
        #expect(record.chair?.titles == ["Trưởng đoàn kiểm tra số 11 của Bộ Chính trị"], "\(String(describing: record.chair))")
        // `số 11` is a number, not a department (`Sở`): the title is not a local post, so it takes no province from the venue.
        #expect(record.participants.first?.province == nil, "\(record.participants)")
        #expect(record.participants.last?.titles == ["Thứ trưởng Bộ Văn hóa, Thể thao & Du lịch"], "\(record.participants)")
        #expect(record.organizations.contains("Bộ Văn hóa, Thể thao & Du lịch"), "\(record.organizations)")
        // Where the head inspects something, `kiểm tra` is the verb and ends the title.
        let verb = extractor.extract(text: "Sáng 5/9/2025, ông Trần Văn Nam, Trưởng đoàn kiểm tra việc chuẩn bị đại hội tại xã Gio Linh.")
        #expect(verb.participants.first?.titles == ["Trưởng đoàn"], "\(verb.participants)")
    }

    @Test("`đó là phát biểu chỉ đạo của X tại hội nghị`, a sentence opening `Đó là yêu cầu của X`, make X a participant, not after `Như`; `đồng chủ tọa` after a title is not in it")
    func directingSpeechAndJointChair() {
        let directing = extractor.extract(text: "“Quyết tâm thực hiện thắng lợi Nghị quyết năm 2022”– đó là phát biểu chỉ đạo của đồng chí Nguyễn Thành Tâm-Uỷ viên "
            + "Trung ương Đảng, Bí thư Tỉnh uỷ, Chủ tịch HĐND tỉnh tại Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 22.")
        #expect(directing.participants.map(\.name) == ["Nguyễn Thành Tâm"], "\(directing.participants)")
        // A sentence that opens `Đó là yêu cầu của X`: the lead's words were X's, at the meeting.
        let request = extractor.extract(text: "Sáng 22/6/2022, UBND tỉnh họp phiên thường kỳ tháng 6. Cần nỗ lực hoàn thành các chỉ tiêu năm 2022. "
            + "Đó là yêu cầu của đồng chí Nguyễn Văn Sơn, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Tuyên Quang, tại phiên họp.")
        #expect(request.participants.map(\.name) == ["Nguyễn Văn Sơn"], "\(request.participants)")
        let cited = extractor.extract(text: "Sáng 5/3/2024, Sở Y tế tổ chức hội nghị. Như phát biểu chỉ đạo của Tổng Bí thư Nguyễn Văn An, y tế là nền tảng.")
        #expect(cited.participants.isEmpty, "\(cited.participants)")
        let joint = extractor.extract(text: "Sáng 5/7/2025, HĐND phường khai mạc kỳ họp thứ nhất. Bà Trần Thụy Cẩm Lệ, Bí thư Đảng ủy, Chủ tịch HĐND "
            + "phường và ông Nguyễn Khắc Hùng, Phó Chủ tịch HĐND phường đồng chủ tọa kỳ họp.")
        #expect(joint.participants.first { $0.name == "Nguyễn Khắc Hùng" }?.titles == ["Phó Chủ tịch HĐND phường"], "\(joint.participants)")
        #expect(joint.chair?.name == "Trần Thụy Cẩm Lệ" && joint.coChairs.map(\.name) == ["Nguyễn Khắc Hùng"])
        // `động` and `cộng đồng` end titles as before.
        let bodies = extractor.extract(text: "Sáng 5/3/2025, Chủ tịch Liên đoàn Lao động tỉnh Trần Văn Quang chủ trì hội nghị. Dự có Giám đốc "
            + "Trung tâm Phát triển cộng đồng Nguyễn Văn Cường.")
        #expect(bodies.participants.map(\.titles) == [["Chủ tịch Liên đoàn Lao động tỉnh"], ["Giám đốc Trung tâm Phát triển cộng đồng"]],
                "\(bodies.participants)")
        // A speech given at another meeting (`Trọng tâm là phát biểu chỉ đạo của X tại Hội nghị Trung ương 11`) is not X's part here.
        let elsewhere = extractor.extract(text: "Sáng 5/3/2025, Tỉnh ủy tổ chức hội nghị quán triệt. Trọng tâm là phát biểu chỉ đạo của Tổng Bí thư "
            + "Tô Lâm tại phiên bế mạc Hội nghị Trung ương 11.")
        #expect(elsewhere.participants.isEmpty, "\(elsewhere.participants)")
    }

    @Test("the province whose party committee's seat is the venue hosts; the one convening with it there takes part")
    func committeeSeatHosts() {
        let record = extractor.extract(text: "Chiều 26/4/2025, tại trụ sở Tỉnh ủy Bình Định, Ban Thường vụ Tỉnh ủy Bình Định và Ban Thường vụ "
            + "Tỉnh ủy Gia Lai tổ chức Hội nghị triển khai chủ trương sáp nhập đơn vị hành chính.")
        #expect(record.provinces.map(\.name) == ["Bình Định", "Gia Lai"], "\(record.provinces)")
        #expect(record.provinces.map(\.roles) == [[.host], [.discussant]], "\(record.provinces)")
    }

    @Test("titles end before `và` and a count (not between a body's numbers), and before `đắc cử`; `Đoàn Khối` is a body, not a name; `làm Chủ tọa` chairs")
    func titleEndsAndChairRole() {
        let record = extractor.extract(text: "Sáng 21/4/2025, Đoàn xã tổ chức Đại hội. Dự có đồng chí Vũ Chí Công, Phó Bí thư Thường trực "
            + "Đảng ủy xã Xuân Cẩm và 123 đại biểu ưu tú. Ông Trần Hữu Hậu, Phó Bí thư Thị ủy đắc cử chức vụ Chủ tịch UBND Thị xã. "
            + "Ông Lê Văn Nam, Trưởng Ban Chỉ đạo 138 và 389 tỉnh phát biểu.")
        #expect(record.participants.map(\.titles) == [["Phó Bí thư Thường trực Đảng ủy xã Xuân Cẩm"], ["Phó Bí thư Thị ủy"],
                                                      ["Trưởng Ban Chỉ đạo 138 và 389 tỉnh"]], "\(record.participants)")
        let youth = extractor.extract(text: "Sáng 5/3/2025, Đồng chí Lã Đức Tuân – Bí thư Đoàn Khối các cơ quan tỉnh, chủ trì Hội nghị.")
        #expect(youth.chair?.name == "Lã Đức Tuân" && youth.participants.map(\.name) == ["Lã Đức Tuân"], "\(youth.participants)")
        let council = extractor.extract(text: "Ngày 21/4/2025, Hội đồng nhân dân thị trấn Bến Cầu tổ chức kỳ họp thứ 14. Bà Trịnh Thị Coi - "
            + "Phó Chủ tịch HĐND thị trấn làm Chủ tọa kỳ họp.")
        #expect(council.chair?.name == "Trịnh Thị Coi", "\(String(describing: council.chair))")
    }

    @Test("a province's sector that has convened a meeting hosts (`Ngành Giáo dục tỉnh Bắc Giang đã tổ chức Hội nghị`); one praised for what it has organised does not")
    func sectorConvenes() {
        let record = extractor.extract(text: "Sáng ngày 22 tháng 8 năm 2022, Ngành Giáo dục tỉnh Bắc Giang đã tổ chức Hội nghị tổng kết năm học.")
        #expect(record.provinces.map(\.roles) == [[.host]], "\(record.provinces)")
        let praised = extractor.extract(text: "Sáng 5/3/2024, Bộ Y tế họp trực tuyến về tiêm chủng. Thứ trưởng biểu dương tỉnh Thái Bình đã tổ "
            + "chức tiêm phòng đúng tiến độ.")
        #expect(praised.provinces.first { $0.name == "Thái Bình" }?.roles.contains(.host) == false, "\(praised.provinces)")
    }

    @Test("`TVTU` (Thường vụ Tỉnh ủy) after a name is a title, so the name is found")
    func standingCommitteeAbbreviation() {
        let record = extractor.extract(text: "Sáng 5/10/2023, UBND tỉnh Ninh Bình tiếp đoàn công tác. Tiếp đoàn có các đồng chí: Tống Văn Thìn, "
            + "TVTU, Phó Chủ tịch UBND tỉnh; Bùi Thị Mai, TVTU, Phó Chủ tịch HĐND tỉnh.")
        #expect(record.participants.first { $0.name == "Tống Văn Thìn" }?.titles == ["TVTU", "Phó Chủ tịch UBND tỉnh"], "\(record.participants)")
        #expect(record.participants.first { $0.name == "Bùi Thị Mai" }?.titles == ["TVTU", "Phó Chủ tịch HĐND tỉnh"], "\(record.participants)")
    }

    @Test("central titles and their abbreviations belong to the person, prose before them does not")
    func centralTitles() {
        let record = extractor.extract(text: "Chiều ngày 6/8/2024, đồng chí Nguyễn Thị Thanh, UVT.Ư Đảng, Bí thư Tỉnh ủy chủ trì hội nghị. "
            + "Tổ công tác số 1 do Ủy viên Bộ Chính trị, Chủ tịch nước Lê Văn Cường làm tổ trưởng.")
        #expect(record.participants.first { $0.name == "Nguyễn Thị Thanh" }?.titles == ["UVT.Ư Đảng", "Bí thư Tỉnh ủy"])
        #expect(record.participants.first { $0.name == "Lê Văn Cường" }?.titles == ["Ủy viên Bộ Chính trị", "Chủ tịch nước"])
    }
}

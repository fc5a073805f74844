/// The folded words the extractor's rules name (`diem`, `cau`, `tinh`), numbered first in every ``Vocabulary`` so a
/// token is compared with one by a single integer test: `token.is(.tinh)`. The case name is the folded word.
enum Word: Int32, CaseIterable {
    case am, anh, ap, ba, ban, bang, bao, bay, be, bi, biet, bieu, bo, bs, c, cac, cao, cap, cau, chi, chia, chiem, chieu, chinh, chuan
    case cho, chua, chuc, co, con, cong, cty, cua, cuc, cung, cuoi, d, da, dac, dai, dan, dang, dat, dau, de, dem, den, diem
    case dien, dieu, dinh, doan, dong, du, duoi, duong, gan, gia, giai, giam, gmt, gom, gop, gs, h, han, hanh, hdnd, hien, hinh, ho
    case hoach, hoc, hoi, hom, hon, hop, huyen, ke, ket, khoa, khoang, khong, khu, kien, ky, la, lai, lam, lang, luan, luc, mac, mttq
    case nam, nay, neu, ngay, nghi, nguyen, nhan, nhiem, nhu, nhung, o, ong, p, pgs, phat, phien, pho, phu, phuong, pm, posted, published, q
    case qua, quan, quoc, quy, quyet, ra, sang, sau, se, so, song, st, su, t, tai, tang, tap, th, tham, thang, thanh, thao
    case thi, thon, ths, thu, tich, tiep, tinh, to, toi, tong, tp, tran, tren, trinh, trong, trua, trung, truoc
    case truong, ts, tt, tu, tuc, tuong, tx, ty, ubnd, uong, updated, uvtw, uy, va, van, vao, ve, viec, vien, voi, xa, xom
    case xuat, xuc, y
    case chong, giap, lien, noi, phong, tam, thong, vung
    case dao, khuyet, tac, `do`, tru, nha, khach, san, tien, truc, tuyen, khang, phoi, cu, tri, cai, giao, ung, sung, sat, hai, dam, bau
    case thay, doi, mien, thoi, kiem, tra, vang, mat, buoi, cuoc, yeu, xin, ngai, nhom, giua, lan, trien, khai, triet, bien, truyen, bai, thuong, thieu, nien, vuc, thoa, chuong, chu, toan, canh, quang, khoi, km, nghe
    case hoa, mung, khen, niem, nho, tiec, thua, lanh, chuyen, gio, phut, hem, ngo, kiet, chung, dung
    case duoc, giu, vu, doc, hiep, long, the, thuc, mong, khi
    case xay, lap, moi, le, luon, si, thac, tro, giup, don, chien, nong
    case nhat, chin, muoi, phan, trach, huu, mot
    case bac, tay, pv, phia, chot, kinh, te, nghiep, ly, sinh
    case khuon, kho, tan, gui, phuc, dia, huong, tieu, muc, pham, toc, theo
    case tet, chao
}

/// Exact lower-case spellings the rules name, for documents written with diacritics, where `tới` is not `tối`.
/// The case name is the spelling; `folded` is the ``Word`` it folds to.
enum Spelled: Int32, CaseIterable {
    case các, hộ, thăm, tỉnh, tại, tối, sáng, chiều, đêm, phố, thành, huyện, xã, phường, quận, đường, ấp, thôn, làng, bản, xóm, sông, chợ
    case thị, trấn, đặc, khu, năm, tháng, ngày, nguyên, đầu, cầu, đăng, cai, giao, hai, ba, nơi, đồng, đã, làm, thay, thôi, từ
    case quán, nhóm, ký, giữa, lần, thứ, cuối, bà, ông, khóa, họp, lẵng, thưa, chuyến, qua, tới, đọc, sang, kể, trường, cùng
    case ở, của, trên, với, cho, là, có, được, đang, sẽ, về, trong, đến, vào, và, những, trợ, tặng, dự, tân, để, nhân, tục
    case chúc

    /// The folded word, for matching in a document written without diacritics.
    var folded: Word { Self.foldedWords[Int(rawValue)] }

    private static let foldedWords: [Word] = {
        // Each case's name made once: looked for among every Word's for each spelling, the names (made by reflection)
        // were a tenth of a command's start.
        let words = Dictionary(uniqueKeysWithValues: Word.allCases.map { (String(describing: $0), $0) })
        return allCases.map { spelled in words[Folding.fold(String(describing: spelled))]! }
    }()

    /// `huyện Hòa Bình`, `xã Tân Phú`: words that name a unit smaller than a province, or a street or river.
    static let smallUnits: [Spelled] = [.huyện, .xã, .phường, .quận, .đường, .phố, .ấp, .thôn, .làng, .bản, .xóm, .sông, .chợ]
    static let smallUnitPairs: [(Spelled, Spelled)] = [(.thị, .xã), (.thị, .trấn), (.đặc, .khu)]
    /// Administrative units whose officials' titles name them (`Chủ tịch UBND huyện`).
    static let administrativeUnits: [Spelled] = [.huyện, .xã, .phường, .quận, .thị, .thành]
    /// Words of the prose that a company's trade, written in lower case, never holds (`Công ty A đóng tại Hà Nội`, `... hỗ trợ
    /// Hà Tĩnh`): what a place or a number after them does not make part of the name.
    static let proseInTrades: [Spelled] = [.ở, .của, .trên, .với, .cho, .là, .có, .được, .đang, .sẽ, .về, .trong, .đến, .vào, .và, .những,
                                           .trợ, .tặng, .tại, .đã, .làm, .từ, .tới, .qua, .sang, .cùng, .thăm, .tỉnh, .thành, .các, .ký]
}

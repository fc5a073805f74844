#!/usr/bin/env python3
"""Writes N synthetic Vietnamese meeting reports, deterministic for a seed, for load and chaos runs.

Usage: Scripts/make-corpus.py N OUTPUT_DIR [--seed S] [--full | --bytes B]

Each article is distinct text (so a distinct document id) naming a host province, bridge points,
discussants and officials with titles, in the shape of a real report. Province names come from
Config/gazetteer.json. By default an article is short (about 600 bytes), which keeps chaos runs
quick; --full adds the body a real report has (speeches, figures, tasks, captions: 3 to 6 KB, as
the real articles this project was tried on average 5.9 KB), which is what the benchmark reads.
--bytes B adds body paragraphs until an article has at least B bytes (the coordinator ceiling's 1 KB).
"""
import argparse
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thanh", "Đức", "Hữu", "Ngọc", "Xuân", "Hồng"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Khoa", "Lan", "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Vinh"]
KINDS = ["Hội nghị giao ban", "Hội nghị trực tuyến", "buổi làm việc", "Hội nghị sơ kết", "Hội nghị triển khai nhiệm vụ"]
TOPICS = ["chuyển đổi số", "giảm nghèo bền vững", "kinh tế xanh", "cải cách hành chính", "đầu tư công", "nông thôn mới", "an sinh xã hội"]
FORMATS = ["theo hình thức trực tiếp kết hợp trực tuyến", "theo hình thức trực tuyến", "tại hội trường UBND tỉnh"]
PARTS = ["Sáng", "Chiều"]


def person(rng):
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def article(index, rng, provinces, full=False, at_least=0):
    host, bridge, *discussants = rng.sample(provinces, 6)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice([2022, 2023, 2024])
    topic = rng.choice(TOPICS)
    chair, bridge_official, speaker = person(rng), person(rng), person(rng)
    lines = [
        f"{rng.choice(KINDS).upper()} VỀ {topic.upper()} TẠI {host.upper()} (SỐ {index})",
        f"Ngày đăng: {day:02d}/{month:02d}/{year}",
        f"{rng.choice(PARTS)} ngày {day}/{month}, UBND tỉnh {host} tổ chức {rng.choice(KINDS).lower()} về {topic} {rng.choice(FORMATS)}. "
        f"Đồng chí {chair}, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh {host} chủ trì hội nghị.",
        f"Tại điểm cầu {bridge}, có đồng chí {bridge_official} - Phó Chủ tịch UBND tỉnh {bridge}.",
        f"Thảo luận tại hội nghị, đại biểu các tỉnh: {', '.join(discussants[:-1])} và {discussants[-1]} đã nêu kinh nghiệm triển khai {topic}.",
        f"Ông {speaker}, Giám đốc Sở Kế hoạch và Đầu tư tỉnh {host} cho biết năm {year - 1} tỉnh đạt tăng trưởng {rng.randint(5, 12)},{rng.randint(0, 9)}%, "
        f"giải ngân {rng.randint(60, 99)}% kế hoạch vốn và hỗ trợ {rng.randint(100, 9000)} hộ nghèo (bản tin số {index}).",
    ]
    if full:
        lines += body(rng, host, topic, year)
    while at_least and len("\n".join(lines).encode("utf-8")) < at_least:
        lines.append(body(rng, host, topic, year)[0])
    lines.append("Quang cảnh hội nghị. Ảnh: Phóng viên")
    return "\n".join(lines) + "\n"


SECTORS = ["nông nghiệp", "công nghiệp", "thương mại", "du lịch", "giáo dục", "y tế", "xây dựng", "giao thông", "tài nguyên và môi trường"]
DEPARTMENTS = ["Sở Tài chính", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Xây dựng",
               "Sở Giao thông vận tải", "Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ", "Công an tỉnh"]
TASKS = ["đẩy nhanh tiến độ giải ngân vốn đầu tư công", "tháo gỡ khó khăn cho doanh nghiệp", "hoàn thiện hồ sơ quy hoạch",
         "bảo đảm an sinh xã hội cho người dân vùng sâu, vùng xa", "tăng cường kiểm tra, giám sát", "phòng, chống thiên tai",
         "nâng cao chất lượng nguồn nhân lực", "cải thiện chỉ số năng lực cạnh tranh cấp tỉnh"]


def body(rng, host, topic, year):
    """Paragraphs of a full report: figures by sector, department reports, a closing speech and captions."""
    paragraphs = []
    for _ in range(rng.randint(5, 11)):
        kind = rng.randrange(4)
        sector, department, task = rng.choice(SECTORS), rng.choice(DEPARTMENTS), rng.choice(TASKS)
        if kind == 0:
            paragraphs.append(
                f"Theo báo cáo, trong {rng.randint(3, 11)} tháng năm {year}, lĩnh vực {sector} của tỉnh {host} tăng {rng.randint(2, 15)},{rng.randint(0, 9)}% "
                f"so với cùng kỳ; tổng vốn huy động đạt {rng.randint(1, 9)}.{rng.randint(100, 999)} tỷ đồng, bằng {rng.randint(60, 99)}% kế hoạch. "
                f"Toàn tỉnh có {rng.randint(2, 40)} dự án được khởi công mới, {rng.randint(1, 20)} công trình hoàn thành đưa vào sử dụng, "
                f"tạo việc làm cho khoảng {rng.randint(1, 9)}.{rng.randint(100, 999)} lao động.")
        elif kind == 1:
            paragraphs.append(
                f"Đại diện lãnh đạo {department} cho biết đơn vị đã phối hợp với các địa phương triển khai {topic}, "
                f"trong đó chú trọng {task}. Tuy nhiên, việc thực hiện còn gặp khó khăn do nguồn lực hạn chế, "
                f"một số thủ tục còn vướng mắc; đơn vị kiến nghị tỉnh sớm ban hành cơ chế hỗ trợ và bố trí kinh phí kịp thời.")
        elif kind == 2:
            paragraphs.append(
                f"Phát biểu tại hội nghị, ông {person(rng)}, Giám đốc {department.replace('Sở ', 'Sở ', 1)}, đề nghị các cấp, các ngành "
                f"{task}, coi đây là nhiệm vụ trọng tâm trong thời gian tới. Ông nhấn mạnh tỷ lệ hoàn thành phải đạt trên "
                f"{rng.randint(80, 99)}% trước ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}.")
        else:
            paragraphs.append(
                f"Kết luận hội nghị, đồng chí chủ trì yêu cầu các sở, ban, ngành và UBND các huyện, thị xã, thành phố tập trung {task}; "
                f"rà soát từng chỉ tiêu, làm rõ trách nhiệm người đứng đầu, không để tình trạng đùn đẩy, né tránh. "
                f"Đối với lĩnh vực {sector}, cần có giải pháp căn cơ, bảo đảm hoàn thành mục tiêu năm {year + 1}.")
        if rng.random() < 0.2:
            paragraphs.append(f"Đại biểu dự hội nghị tại điểm cầu tỉnh {host}. Ảnh: {person(rng)}")
    return paragraphs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--full", action="store_true", help="articles of real length (3-6 KB) instead of short ones")
    parser.add_argument("--bytes", type=int, default=0, help="add body paragraphs until each article has at least this many bytes")
    args = parser.parse_args()
    gazetteer = json.load(open(os.path.join(HERE, "..", "Config", "gazetteer.json"), encoding="utf-8"))
    provinces = [unit["name"] for unit in gazetteer["before2025"] if unit["name"] not in ("Hồ Chí Minh", "Huế", "Bà Rịa - Vũng Tàu")]
    rng = random.Random(args.seed)
    os.makedirs(args.output, exist_ok=True)
    for index in range(args.count):
        with open(os.path.join(args.output, f"article-{index:06d}.txt"), "w", encoding="utf-8") as handle:
            handle.write(article(index, rng, provinces, full=args.full, at_least=args.bytes))


main()

#!/usr/bin/env python3
"""Writes N synthetic Vietnamese meeting reports, deterministic for a seed, for load and chaos runs.

Usage: Scripts/make-corpus.py N OUTPUT_DIR [--seed S]

Each article is distinct text (so a distinct document id) naming a host province, bridge points,
discussants and officials with titles, in the shape of a real report. Province names come from
Config/gazetteer.json.
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


def article(index, rng, provinces):
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
        "Quang cảnh hội nghị. Ảnh: Phóng viên",
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    gazetteer = json.load(open(os.path.join(HERE, "..", "Config", "gazetteer.json"), encoding="utf-8"))
    provinces = [unit["name"] for unit in gazetteer["before2025"] if unit["name"] not in ("Hồ Chí Minh", "Huế", "Bà Rịa - Vũng Tàu")]
    rng = random.Random(args.seed)
    os.makedirs(args.output, exist_ok=True)
    for index in range(args.count):
        with open(os.path.join(args.output, f"article-{index:06d}.txt"), "w", encoding="utf-8") as handle:
            handle.write(article(index, rng, provinces))


main()

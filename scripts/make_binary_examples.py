#!/usr/bin/env python3
"""Write the example files that are not plain UTF-8 text: legacy encodings and web archives.

    python examples/make_binary_examples.py            # rewrite them in examples/
    python examples/make_binary_examples.py --out DIR  # write them elsewhere (tests compare)

The output is deterministic (fixed WARC record ids and dates), so the committed files can be
regenerated and compared byte for byte (.warc.gz: after decompression).
"""

from __future__ import annotations

import argparse
import io
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "examples"

# --------------------------------------------------------------------------- 02: Shift_JIS .txt

JA_SJIS = """\
安保ニュース速報 | トップ > 政治 > 防衛
■ 日米比防衛相がマニラで初の会談 沿岸防衛で作業部会
2024年6月4日 08:00 配信

防衛省は令和6年6月4日、木原稔防衛大臣が前日にマニラで、オースティン米国防長官、テオドロ比国防相と日米比防衛相会談を行ったと発表した。日米比の防衛相会談がフィリピンで開かれるのは初めて。

3閣僚は、沿岸防衛に関する作業部会を新たに設けることで一致し、南シナ海での共同航行を増やしていく方針を確認した。

会談に先立ち、木原氏はテオドロ氏と個別に会談し、海上自衛隊が退役させる予定のあぶくま型護衛艦のフィリピン海軍への移転に向けた協議を始めることで一致した。テオドロ氏は、沿岸警備隊向けの巡視船の追加供与を日本側に要請した。

共同記者発表でオースティン氏は、フィリピン防衛への米国の関与は「揺るぎない」と述べた。木原氏は記者団に「日米比の協力は新たな段階に入った」と語った。

さらに読む ⇒ 日米比の連携、これまでの歩み
さらに読む ⇒ 南シナ海をめぐる最近の動き

★アクセスランキング
1位 今年の夏は猛暑? 気象庁の3か月予報
2位 新しいスマホ料金プランを比較
3位 週末に行きたい花の名所
4位 プロ野球 交流戦の順位

Copyright (C) 安保ニュース速報 All Rights Reserved.
"""

# --------------------------------------------------------------------------- 04/05: GB18030 / Big5

ZH_HANS = """\
分享好友 最新资讯首页 最新资讯分类 切换频道
日美菲防长首次在马尼拉举行三方会谈
2024-06-04 10:12 来源：环亚防务网

据日本防卫省4日消息，日本防卫相木原稔、美国国防部长奥斯汀和菲律宾国防部长特奥多罗3日在马尼拉举行三方防长会谈。这是三国防长首次在菲律宾会面。

三方同意成立海岸防御工作组，并增加在南海的联合航行。奥斯汀声称，美国对菲律宾的防卫承诺“坚如磐石”。

会谈前，木原稔与特奥多罗举行双边会谈，双方同意启动将日本海上自卫队即将退役的“阿武隈”级护卫舰转让给菲律宾海军的磋商。特奥多罗还请求日方向菲律宾海警追加提供巡逻船。

分析人士认为，日美菲三方合作近期明显提速。

最新文章
· 多地发布高温预警 专家提醒注意防暑
· 新能源汽车下乡活动启动
· 端午假期国内旅游市场火热
· 2024年高考今日开考
"""

ZH_HANT = """\
環亞防務網 首頁 > 國際 > 亞太
日美菲防長首次在馬尼拉舉行三方會談
2024-06-04 10:30

據日本防衛省4日消息，日本防衛大臣木原稔、美國國防部長奧斯汀和菲律賓國防部長鐵奧多洛3日在馬尼拉舉行三方防長會談。這是三國防長首次在菲律賓會面。

三方同意成立海岸防禦工作小組，並增加在南海的聯合航行。奧斯汀表示，美國對菲律賓的防衛承諾「堅如磐石」。

會談前，木原稔與鐵奧多洛舉行雙邊會談，雙方同意啟動將日本海上自衛隊即將退役的「阿武隈」級護衛艦轉讓給菲律賓海軍的磋商。鐵奧多洛還請求日方向菲律賓海巡署追加提供巡邏船。

分析人士認為，日美菲三方合作近期明顯加速。

熱門新聞
1. 颱風季將至 氣象局提醒民眾提早準備
2. 夜市美食排行榜出爐
延伸閱讀
· 股市收盤 電子股領漲
· 暑假出國旅遊注意事項
"""

# --------------------------------------------------------------------------- 08: EUC-KR .html

KO_EUCKR = """\
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">
<title>신원식 국방장관, 판반장 베트남 국방장관과 회담…방산 협력 MOU 서명 - 안보경제신문</title>
</head>
<body>
<div id="gnb"><a href="/">홈</a> | <a href="/politics">정치</a> | <a href="/defense">국방</a> | <a href="/economy">경제</a> | 로그인 | 회원가입</div>
<div id="article">
<h1>신원식 국방장관, 판반장 베트남 국방장관과 회담…방산 협력 MOU 서명</h1>
<p class="date">입력 2024.07.09 16:40</p>
<p>신원식 국방부 장관은 9일 서울 용산 국방부 청사에서 판반장 베트남 국방부 장관과 회담하고 방산 협력 양해각서(MOU)에 서명했다.</p>
<p>판 장관은 전날인 8일 사흘 일정으로 한국을 공식 방문했다. 베트남 국방부 장관의 방한은 약 5년 만이다.</p>
<p>두 장관은 함정 정비와 교육훈련 분야의 교류를 확대하기로 합의했다. 신 장관은 내년 중 퇴역하는 해군 초계함 1척을 베트남에 양도할 계획이라고 밝혔다.</p>
<p>판 장관은 10일 울산의 조선소를 둘러본 뒤 귀국할 예정이다.</p>
<p>안보경제신문 국방팀</p>
</div>
<div id="related">
<h3>관련기사</h3>
<ul>
<li><a href="/n/1">장마철 국지성 호우 주의보</a></li>
<li><a href="/n/2">코스피, 외국인 매수에 상승 마감</a></li>
<li><a href="/n/3">여름 휴가철 고속도로 혼잡 예상</a></li>
</ul>
<h3>많이 본 뉴스</h3>
<ol><li>아파트 청약 경쟁률 치솟아</li><li>프로야구 후반기 일정 발표</li></ol>
</div>
<div id="footer">Copyright 안보경제신문. 무단 전재 및 재배포 금지.</div>
</body>
</html>
"""

# --------------------------------------------------------------------------- 09: Windows-1258 .txt

VI_CP1258 = """\
Báo Quốc phòng Điện tử | Trang chủ > Quốc phòng > Đối ngoại quốc phòng
Đại tướng Phan Văn Giang hội đàm với Bộ trưởng Quốc phòng Hàn Quốc
Thứ Tư, 10/07/2024 07:30

Chiều 9/7, tại Seoul, Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng Việt Nam, đã hội đàm với Bộ trưởng Quốc phòng Hàn Quốc Shin Won-sik trong khuôn khổ chuyến thăm chính thức Hàn Quốc từ ngày 8 đến 10/7.

Sau hội đàm, hai Bộ trưởng đã ký Bản ghi nhớ về hợp tác công nghiệp quốc phòng. Hai bên nhất trí mở rộng hợp tác trong lĩnh vực sửa chữa tàu và đào tạo.

Phía Hàn Quốc cho biết sẽ chuyển giao một tàu hộ vệ cho Hải quân Việt Nam trong năm tới.

Tin liên quan
- Giá xăng dầu hôm nay giảm nhẹ
- Hà Nội: Nắng nóng kéo dài đến cuối tuần
- Kết quả xổ số ngày 9/7
"""

# --------------------------------------------------------------------------- WARC pages

PAGE = """\
<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}"><title>{title}</title>
<meta property="article:published_time" content="{date}"></head>
<body><nav>{nav}</nav>
<article><h1>{title}</h1>
{body}
</article>
<aside><h3>{side_title}</h3><ul>{side}</ul></aside>
<footer>{footer}</footer></body></html>
"""


def page(lang, charset, title, date, nav, paras, side_title, side, footer):
    return PAGE.format(
        lang=lang, charset=charset, title=title, date=date, nav=nav,
        body="\n".join(f"<p>{p}</p>" for p in paras), side_title=side_title,
        side="".join(f"<li>{s}</li>" for s in side), footer=footer)


WARC_2024_06 = [  # (uri, date, charset, html)
    ("https://pacific-defense-monitor.example/2024/06/03/austin-manila",
     "2024-06-03T04:10:00Z", "utf-8",
     page("en", "utf-8", "Austin arrives in Manila for three-way talks with Japan, Philippines",
          "2024-06-03T11:30:00+08:00", "Home | News | Releases",
          ["MANILA - U.S. Defense Secretary Lloyd Austin arrived in Manila on Monday morning "
           "from Singapore, where he attended the Shangri-La Dialogue.",
           "Later in the day he is scheduled to meet Japanese Defense Minister Minoru Kihara and "
           "Philippine Defense Secretary Gilberto Teodoro for the first trilateral defence "
           "ministers' meeting held in the Philippines.",
           "Austin flies on to Phnom Penh on Tuesday."],
          "Related", ["Navy band summer concert schedule", "Commissary prices: what changed"],
          "(c) 2024 Pacific Defense Monitor")),
    ("https://huanya-fangwu.example/hant/2024/06/04/manila",
     "2024-06-04T03:00:00Z", "utf-8",
     page("zh-Hant", "utf-8", "日美菲防長馬尼拉會談 同意成立海岸防禦小組",
          "2024-06-04T10:50:00+08:00", "首頁 | 國際 | 亞太 | 兩岸",
          ["日本防衛大臣木原稔、美國國防部長奧斯汀和菲律賓國防部長鐵奧多洛3日在馬尼拉舉行三方會談，"
           "同意成立海岸防禦工作小組。",
           "木原稔在三方會談前與鐵奧多洛舉行雙邊會談，雙方同意啟動護衛艦轉讓磋商。"],
          "最新文章", ["夏季用電創新高", "棒球經典賽門票開賣"], "版權所有 環亞防務網")),
    ("https://baoquocte-example.example/2024/06/04/hop-ba-ben",
     "2024-06-04T05:20:00Z", "utf-8",
     page("vi", "utf-8", "Bộ trưởng Quốc phòng Mỹ, Nhật, Philippines lần đầu họp tại Manila",
          "2024-06-04T11:00:00+07:00", "Trang chủ | Thế giới | Quân sự",
          ["Ngày 3/6, Bộ trưởng Quốc phòng Mỹ Lloyd Austin, Bộ trưởng Quốc phòng Nhật Bản "
           "Kihara Minoru và Bộ trưởng Quốc phòng Philippines Gilberto Teodoro đã họp ba bên "
           "tại Manila.",
           "Ba bên nhất trí thành lập nhóm công tác về phòng thủ bờ biển. Ông Austin khẳng định "
           "cam kết của Mỹ đối với Philippines là \"vững chắc\"."],
          "Tin liên quan", ["Giá vàng hôm nay", "Thời tiết cuối tuần"], "Bản quyền thuộc về tòa soạn")),
]

WARC_2024_07 = [
    ("https://anbo-gyeongje.example/news/20240708-01",
     "2024-07-08T07:00:00Z", "euc-kr",
     page("ko", "euc-kr", "판반장 베트남 국방장관 방한…9일 신원식 장관과 회담",
          "2024-07-08T15:20:00+09:00", "홈 | 정치 | 국방",
          ["판반장 베트남 국방부 장관이 8일 사흘 일정으로 한국을 공식 방문했다.",
           "판 장관은 9일 신원식 국방부 장관과 회담하고 방산 협력 방안을 논의할 예정이다."],
          "관련기사", ["장마 전선 북상", "환율 하락 마감"], "무단 전재 및 재배포 금지")),
    ("https://tinquocphong.example/2024/07/09/hoi-dam-seoul",
     "2024-07-09T12:00:00Z", "utf-8",
     page("vi", "utf-8", "Việt Nam - Hàn Quốc ký bản ghi nhớ hợp tác công nghiệp quốc phòng",
          "2024-07-09T18:30:00+07:00", "Trang chủ | Quốc phòng",
          ["Chiều 9/7, Bộ trưởng Phan Văn Giang và Bộ trưởng Quốc phòng Hàn Quốc Shin Won-sik "
           "đã hội đàm tại Seoul và ký bản ghi nhớ về hợp tác công nghiệp quốc phòng.",
           "Bộ trưởng Phan Văn Giang đang có chuyến thăm chính thức Hàn Quốc từ ngày 8 đến 10/7."],
          "Tin liên quan", ["Lịch cắt điện Hà Nội", "Kết quả bóng đá đêm qua"], "Tin Quốc phòng Châu Á")),
    ("https://seoul-defense-daily.example/2024/07/10/corvette",
     "2024-07-10T02:00:00Z", "utf-8",
     page("en", "utf-8", "Seoul plans to hand retired corvette to Vietnam next year",
          "2024-07-10T10:00:00+09:00", "Home | Defense | Industry",
          ["SEOUL - South Korea plans to transfer a navy corvette due to be retired next year to "
           "Vietnam, Defense Minister Shin Won-sik said after talks with Vietnamese Defence "
           "Minister Phan Van Giang on Tuesday.",
           "The timing and terms of the transfer have not been decided."],
          "Related", ["Baseball: standings at the break", "Heat advisory for Seoul"],
          "(c) 2024 Seoul Defense Daily")),
]

# --------------------------------------------------------------------------- writers


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 stores tone marks as combining characters after a (possibly modified) vowel."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in decomposed if c not in tones)
        marks = "".join(c for c in decomposed if c in tones)
        out.append(unicodedata.normalize("NFC", base) + marks)
    return "".join(out).encode("cp1258")


def write_warc(path: Path, records, gzip: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    info = writer.create_warcinfo_record(path.name, {"software": "eventline examples",
                                                     "format": "WARC File Format 1.0"})
    info.rec_headers.replace_header("WARC-Record-ID", f"<urn:uuid:00000000-0000-4000-8000-{0:012d}>")
    info.rec_headers.replace_header("WARC-Date", records[0][1])
    writer.write_record(info)
    for i, (uri, date, charset, html) in enumerate(records, 1):
        body = html.encode(charset)
        http = StatusAndHeaders("200 OK", [
            ("Content-Type", f"text/html; charset={charset}"),
            ("Content-Length", str(len(body))),
        ], protocol="HTTP/1.1")
        rec = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=http,
            warc_headers_dict={
                "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{i:012d}>",
                "WARC-Date": date,
            })
        writer.write_record(rec)
    path.write_bytes(buf.getvalue())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: examples/)")
    out = ap.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "02_ja_kihara_manila_sjis.txt": JA_SJIS.encode("shift_jis"),
        "04_zh-hans_manila_trilateral_gb18030.txt": ZH_HANS.encode("gb18030"),
        "05_zh-hant_manila_trilateral_big5.txt": ZH_HANT.encode("big5"),
        "08_ko_giang_shin_talks_euckr.html": KO_EUCKR.encode("euc-kr"),
        "09_vi_giang_seoul_cp1258.txt": cp1258_bytes(VI_CP1258),
    }
    for name, data in files.items():
        (out / name).write_bytes(data)
        print(f"wrote {out / name} ({len(data)} bytes)")
    for name, records, gz in (("14_crawl_2024-06.warc.gz", WARC_2024_06, True),
                              ("15_crawl_2024-07.warc", WARC_2024_07, False)):
        write_warc(out / name, records, gz)
        print(f"wrote {out / name} ({len(records)} response records)")


if __name__ == "__main__":
    main()

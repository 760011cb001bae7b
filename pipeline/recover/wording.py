"""Text as the metadata and kind readers compare it: flat, Arabic years, Simplified for matching.

Real reports print years in Chinese numerals (`二〇一九年度`, `二○二一年`), put spaces
inside titles (`淮安市洪泽区人民政府2024 年…`) and come as Traditional mirrors
(`政府資訊公開工作年度報告`). `flat` removes the spacing and converts the years keeping
the characters; `simple` maps Traditional characters one for one (same length, so a
position found in `simple(x)` slices `x`) for matching only: what is returned keeps the
document's own spelling.
"""

from __future__ import annotations

import re
import unicodedata

_CN_DIGITS = {"〇": "0", "○": "0", "零": "0", "Ｏ": "0", "O": "0", "一": "1", "二": "2", "三": "3",
              "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
# four digit characters then 年: `二〇一九年度`, `二○二一年`, `二零二三 年`
_CN_YEAR = re.compile(r"([〇○零OＯ一二三四五六七八九]{4})(\s*年)")
_SPACE = re.compile(r"\s+")

# Traditional -> Simplified, one character each, for the words the readers look for
# (report words, section headings, statistics labels, agency suffixes, common place names).
_PAIRS = ("報报 資资 訊讯 開开 關关 於于 發发 辦办 處处 會会 區区 園园 業业 總总 體体 況况 員员 廳厅 縣县 "
          "鎮镇 鄉乡 廣广 東东 門门 財财 務务 衛卫 規规 劃划 農农 實实 驗验 統统 計计 號号 國国 條条 據据 "
          "編编 製制 現现 將将 請请 機机 構构 來来 時时 間间 頁页 導导 應应 復复 議议 訴诉 訟讼 問问 題题 "
          "進进 單单 網网 醫医 療疗 險险 護护 環环 態态 預预 決决 覽览 義义 經经 濟济 產产 權权 稅税 範范 "
          "類类 點点 錄录 紀纪 執执 罰罚 許许 頒颁 與与 舉举 結结 轉转 維维 糾纠 訂订 減减 數数 費费 節节 "
          "約约 興兴 設设 聯联 繫系 寫写 並并 為为 樣样 屬属 書书 說说 華华 傳传 級级 團团 勞劳 動动 際际 "
          "齊齐 這这 個个 對对 爲为 項项 組组 織织 專专 職职 責责 爭争 幹干 協协 調调 審审 檢检 測测 氣气 "
          "裡里 場场 價价 稱称 獎奖 勵励 補补 貼贴 災灾 陽阳 寧宁 蘇苏 盧卢 陝陕 遼辽 龍龙 貴贵 雲云 灣湾 "
          "嶺岭 漢汉 錫锡 鄭郑 濱滨 壽寿 鳳凤 樂乐 鐵铁 電电 車车 運运 輸输 線线 圖图 館馆 廠厂 礦矿 藥药 "
          "監监 屆届 辭辞 負负 帶带 無无 廢废 徵征 頭头 歷历 豐丰 儀仪 標标 準准 嚴严 質质 優优 習习 視视 "
          "覺觉 認认 識识 證证 詢询 覆复 歸归 檔档 銷销 聞闻 內内 後后 繼继 續续 穩稳 絡络 當当 過过 徑径 "
          "學学 銀银 黨党 訓训 讀读 記记 佈布 達达 鐘钟")
_T2S = str.maketrans({p[0]: p[1] for p in _PAIRS.split()})


def cn_years(text: str) -> str:
    """`二〇二一年` -> `2021年` (same length: four digit characters for four digits)."""
    if not any(c in text for c in "〇○零OＯ"):  # every such year holds a zero digit (2000-2099)
        return text
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(1)) + m.group(2), text)


def flat(text: str) -> str:
    """NFKC, Arabic years, no whitespace: `二〇二四 年　报告` -> `2024年报告`."""
    return _SPACE.sub("", cn_years(unicodedata.normalize("NFKC", text)))


def simple(text: str) -> str:
    """The text with Traditional characters mapped to Simplified one for one, `資訊` read as `信息`."""
    return text.translate(_T2S).replace("资讯", "信息")


def key(text: str) -> str:
    """`simple(flat(text))`: what patterns are matched against."""
    return simple(flat(text))


REPORT_TOPIC = re.compile(r"信息公开|政务公开")
REPORT_NOUN = re.compile(r"报告|年报")


def names_report(k: str) -> bool:
    """True when a matching key names an OGI report (`…政府信息公开工作年度报告`, `…年报`)."""
    return bool(REPORT_TOPIC.search(k)) and bool(REPORT_NOUN.search(k))

"""Persons' names in free text, found with jieba's part-of-speech tags (rjieba).

The tagger marks person names `nr` (and a given name alone `nrfg`, a foreign
name `nrt`). It is a statistical tool, so its answers are checked against the
text around them before anything is masked:

- a name starts with a Chinese surname (single or compound); the surname
  table is the census's closed list, not a list of names;
- a word that ends like a place (张家港, 王府井大街) or sits before one
  (向阳小区, 欧阳修路) is a place, not a person;
- a word the tagger glued to a verb (叫林夕, 队长马云飞) loses the verb;
- a bare surname the tagger split from its given name (郝|建设, 令狐|测己)
  is joined back after an introduction (我叫, 来电人, 姓名：) or when the
  next word looks like a given name;
- a surname with a title (张先生, 司马先生, 欧阳女士) keeps the title and loses
  the surname, but only where the surname begins a word (班主任老师 stays).

Everything works on spans of the text, so ordinary words around a name are
never cut in half.
"""
from __future__ import annotations

import importlib
import re

NAME_MASK = "某某"
SURNAME_MASK = "某"

# Single-character surnames (the census's common ones), without the ones that are far more
# often the start of an ordinary word or a function word (和, 都, 能, 那, 从, 养, 权, 红, 井, 冷, 卫...).
SURNAMES = frozenset(
    "赵钱孙李周吴郑王冯陈褚蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马"
    "苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄穆萧尹姚邵湛汪祁"
    "毛禹狄米贝明臧伏成戴宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌"
    "霍虞万支柯昝管卢莫房裘缪解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊惠甄曲封芮羿储靳汲邴糜"
    "松段富巫乌焦巴弓隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾甘钭厉戎祖武符刘景詹龙叶幸司韶郜黎蓟薄白邰鄂赖卓蔺"
    "屠蒙池乔胥双闻莘党翟谭姬申堵冉宰郦雍郤璩桑桂濮牛扈燕冀郏浦尚温庄晏柴瞿阎慕连宦艾容向古易廖庾暨衡耿弘匡文"
    "寇广禄阙东欧殳沃利蔚越夔隆师巩聂敖辛简饶曾沙丰关查荆游竺闫付覃肖佘佟冼琚楚")
COMPOUND_SURNAMES = frozenset((
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公羊", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于",
    "太叔", "申屠", "公孙", "仲孙", "轩辕", "令狐", "钟离", "宇文", "长孙", "慕容", "鲜于", "闾丘", "司徒", "司空",
    "亓官", "司寇", "子车", "颛孙", "端木", "巫马", "公西", "漆雕", "乐正", "壤驷", "公良", "拓跋", "夹谷", "宰父",
    "谷梁", "段干", "百里", "东郭", "南门", "呼延", "羊舌", "微生", "梁丘", "左丘", "东门", "西门", "南宫", "第五",
    "独孤", "万俟", "赫连", "完颜", "纳兰", "东野", "夏侯"))
TITLES = ("先生", "女士", "小姐", "师傅", "老师", "阿姨", "大爷", "大妈", "大姐", "大哥", "同志", "经理", "主任",
          "书记", "老板", "医生", "律师", "警官", "科长", "局长", "所长", "队长", "院长", "校长", "站长", "村长",
          "组长", "部长", "处长", "奶奶", "爷爷", "叔叔", "婆婆", "姐", "哥", "叔", "姨")
# where a word ends like this, or the next word starts like this, it names a place or a firm
_PLACE_ENDS = frozenset("港村镇乡街路巷桥湾庄寨屯坝区县市省州站厂店馆院园苑城楼寺庙府家溪坪沟坡湖洲岛塘祠堂")
_PLACE_NEXT = ("小区", "社区", "花园", "广场", "大厦", "公司", "集团", "银行", "医院", "学校", "中学", "小学", "大学",
               "幼儿园", "超市", "商场", "市场", "公园", "酒店", "宾馆", "饭店", "餐厅", "大街", "街道", "路", "街",
               "村", "镇", "桥", "站", "号", "苑", "府", "里", "巷", "店", "专卖", "大道", "中心", "新村", "家园",
               "企业", "古镇", "基地", "乐园", "游乐园", "草堂", "故居", "遗址", "纪念馆", "博物馆", "景区", "祠", "墓",
               "大桥", "隧道")
_PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
# the word after a bare surname is taken as a given name only when the tagger calls it one of these
_GIVEN_TAGS = frozenset({"nr", "nrfg", "nz", "vn", "n", "a", "ng", "ag", "nrt", "ns"})
_INTRO = re.compile(r"(?:叫|名叫|叫做|我是|姓名|名字叫|名字是|联系人|来电人|反映人|投诉人|"
                    r"举报人|求助人|诉求人|申请人|当事人|户主|本人)[:：\s]*$")
# characters a given name does not contain (不动产|权第 is not a person)
_NOT_IN_NAMES = frozenset("第的了在是和与及或被把")
# one character the tagger glues onto a following surname: 来电人|人高|先生, 找|找王|经理
_GLUE = frozenset("人民的叫是找和与跟给被让请问")
# a word ending like this is a thing or an office, not a person (许可证, 养老金, 派出所)
_THING_ENDS = frozenset("证费卡局所处科部室税款")
# a function word the tagger sometimes takes into the name before it
_TRAILING = frozenset("于在和与对向被把给将从")
# the one-character verbs that follow a name in a report (来电人陈志刚称，)
_SAID = frozenset("称说讲问答道等")
# jieba's dictionary tags some common words nr (许可, 高峰, 张贴, 范畴); a word it has seen this
# often is taken as the word, not a name (names in the dictionary are rarer: 王建国, 李宁)
_COMMON_WORD = 200
_NUMERAL = re.compile(r"^[一二三四五六七八九十百千零两]+$")
_GRADE = re.compile(r"^[高初][一二三]$")
_CJK = re.compile(r"^[\u4e00-\u9fff·]+$")
# 向 before a title is far more often "to" (向老师反映) than a surname
_TITLED = re.compile("(?:" + "|".join(sorted(COMPOUND_SURNAMES, key=len, reverse=True)) + "|["
                     + "".join(sorted(SURNAMES - {"向"})) + "])(?="
                     + "|".join(sorted(TITLES, key=len, reverse=True)) + ")")
_SURNAME_SAID = re.compile("(?<!百)姓(?:" + "|".join(sorted(COMPOUND_SURNAMES, key=len, reverse=True)) + "|["
                           + "".join(sorted(SURNAMES)) + "])")


def _jieba():
    # imported on first use: loading the dictionary takes a noticeable part of a second, and
    # every command imports this module through the log scrubbing, which needs no tagger
    return importlib.import_module("rjieba")


def mask_surname_said(text: str) -> str:
    """The surname someone is said to have masked: 姓钟 -> 姓某, 姓司马的 -> 姓某的 (老百姓 stays)."""
    return _SURNAME_SAID.sub("姓" + SURNAME_MASK, text)


def mask_titled(text: str) -> str:
    """A surname before a title replaced by 某 (张先生 -> 某先生, 司马先生 -> 某先生), only where
    the surname begins a word, so 班主任老师 and 维修师傅 stay as they are."""
    if not _TITLED.search(text):
        return text
    words: dict[int, tuple[str, str]] = {}
    ends: dict[int, tuple[str, str]] = {}
    pos = 0
    jieba = _jieba()
    for word, tag in jieba.tag(text):
        words[pos] = (word, tag)
        pos += len(word)
        ends[pos] = (word, tag)

    def _split_word_before(s0: int, e0: int) -> bool:
        # 业|主张|先生: the tagger read 主张, but 业主 is the word and 张 the surname; only when a
        # one-character word before makes the real word (班主任 is one word and stays)
        token = ends.get(e0, ("", ""))[0]
        t0 = e0 - len(token)
        prev = ends.get(t0, ("", ""))[0]
        return len(prev) == 1 and t0 < s0 and jieba.has_word(prev + text[t0:s0])

    def one(m: re.Match) -> str:
        word, tag = words.get(m.start(), ("", ""))
        # the surname is a word of its own (张|先生), or the tagger read surname and title as one
        # name (王女士), or glued the surname to the word before it (来电人孙|女士, 来电人高|先生
        # read 人高); 班主任 begins with a surname and a title too, but is not a name
        glued = m.start() not in words and m.end() in ends and (
            ends[m.end()][1] in _PERSON_TAGS
            or (len(ends[m.end()][0]) == len(m.group(0)) + 1 and ends[m.end()][0][0] in _GLUE)
            or _split_word_before(m.start(), m.end()))
        if word == m.group(0) or (tag in _PERSON_TAGS and word.startswith(m.group(0)) and word.endswith(TITLES)) \
                or glued:
            return SURNAME_MASK
        return m.group(0)
    return _TITLED.sub(one, text)


def name_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every person's name the tagger finds and the checks above confirm."""
    toks = []
    pos = 0
    for word, tag in _jieba().tag(text):
        toks.append((word, tag, pos, pos + len(word)))
        pos += len(word)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        span = _span_at(text, toks, i)
        if span:
            spans.append(span)
            while i < len(toks) and toks[i][2] < span[1]:
                i += 1
        else:
            i += 1
    return spans


def mask_persons(text: str) -> str:
    """Every person's name found by name_spans replaced by 某某 (a lone surname by 某)."""
    if not text:
        return text
    out, last = [], 0
    for start, end in name_spans(text):
        out.append(text[last:start])
        out.append(SURNAME_MASK if end - start == 1 else NAME_MASK)
        last = end
    out.append(text[last:])
    return "".join(out)


def _is_surname_word(word: str) -> bool:
    return word in SURNAMES or word in COMPOUND_SURNAMES


def _surname_len(word: str) -> int:
    """How many leading characters of `word` are a surname (0 when none)."""
    if word[:2] in COMPOUND_SURNAMES:
        return 2
    return 1 if word[:1] in SURNAMES else 0


def _place_after(toks: list, j: int) -> bool:
    return j < len(toks) and toks[j][0].startswith(_PLACE_NEXT)


def _span_at(text: str, toks: list, i: int) -> tuple[int, int] | None:
    word, tag, start, end = toks[i]
    if not _CJK.match(word):
        return None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    introduced = bool(_INTRO.search(text[max(0, start - 8):start]))
    # a bare surname split from its given name: 郝|建设, 令狐|测己, 钱|多多
    if _is_surname_word(word) and nxt and _CJK.match(nxt[0]) and len(nxt[0]) <= 2 and not _NUMERAL.match(nxt[0]):
        if introduced and nxt[1] not in ("v", "p", "c", "d", "u", "uj", "f"):
            return start, nxt[3]
        if (tag in _PERSON_TAGS or word in COMPOUND_SURNAMES) and nxt[1] in _GIVEN_TAGS \
                and not _place_after(toks, i + 2) and not nxt[0].startswith(TITLES):
            return start, nxt[3]
    if tag not in _PERSON_TAGS or len(word) < 2:
        return None
    if len(word) >= 3 and word[-1] in _TRAILING:  # 邓伟于|11月: the tagger took the next word's 于
        word, end = word[:-1], end - 1
    if word[1:] == "家" and word[0] in SURNAMES and i and toks[i - 1][0] == "老":
        return start, start + 1  # 老赵家: the family's surname goes, 家 stays
    if word[0] == word[1] or set(word[1:]) == {"某"} or _NOT_IN_NAMES & set(word) or word[-1] in _THING_ENDS \
            or (len(word) == 3 and word[-1] == "人") or word.endswith(TITLES) or _GRADE.match(word):
        return None  # 冉冉升起 (reduplication), 张某 (already anonymous), 王女士 (the title rule's), 高三
    if word[-1] in _PLACE_ENDS or _place_after(toks, i + 1) or (nxt and nxt[1] == "ns" and len(nxt[0]) == 1):
        return None  # 张家港, 向阳|小区, 刘家|坪|村
    if not introduced and _jieba().suggest_freq(word) > _COMMON_WORD:
        return None  # 高峰, 张贴, 齐全, 黄牛: the dictionary tags them nr, but they are common words
    if introduced and len(word) <= 4:
        # 我叫小明: after an introduction the tagger's name is the whole name, with a last
        # character the tagger split off before the punctuation (我叫诸葛亮|亮，)
        after = toks[i + 2] if i + 2 < len(toks) else None
        if nxt and len(nxt[0]) == 1 and _CJK.match(nxt[0]) and nxt[0] not in _SAID \
                and (after is None or after[1] == "x"):
            return start, nxt[3]
        return start, end
    if len(word) == 2 and word[0] == "小" and tag == "nr" and word[1] not in SURNAMES:
        return start, end  # 小刚: a child's or a friend's name, not a surname
    if tag == "nrfg":  # a given name; take the surname the tagger left before it (何|志强)
        prev = toks[i - 1] if i else None
        if prev and prev[0] in SURNAMES:
            return prev[2], end
        return start, end
    n = _surname_len(word)
    if n and len(word) - n <= 2:  # a given name has one or two characters (严肃处理 is no name)
        return start, end
    if len(word) == 2 and word[0] in "老小" and word[1] in SURNAMES:
        return start + 1, end  # 老王, 小李: the surname goes, the form of address stays
    # the tagger glued a leading character to the name (叫林夕, 长马云飞)
    rest = word[1:]
    m = _surname_len(rest)
    if m and 1 <= len(rest) - m <= 2 and word[0] not in SURNAMES:  # 安全检查 is no 安 + 全检查
        return start + 1, end
    return None

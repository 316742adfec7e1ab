"""Code tables on the cards: GB/T 2261.1 gender and GB 3304 ethnicity."""
from __future__ import annotations

from drivers.identity import Gender

GENDER_BY_CODE = {"0": Gender.UNKNOWN, "1": Gender.MALE, "2": Gender.FEMALE, "9": Gender.UNSPECIFIED}
CODE_BY_GENDER = {v: k for k, v in GENDER_BY_CODE.items()}

_ETHNIC = ("汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 "
           "佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 "
           "阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 "
           "门巴 珞巴 基诺").split()
ETHNICITY_BY_CODE: dict[str, str] = {f"{i:02d}": n for i, n in enumerate(_ETHNIC, start=1)}
ETHNICITY_BY_CODE["97"] = "其他"
ETHNICITY_BY_CODE["98"] = "外国血统中国籍人士"
CODE_BY_ETHNICITY = {v: k for k, v in ETHNICITY_BY_CODE.items()}
assert len(ETHNICITY_BY_CODE) == 58


def gender_from_code(code: str) -> Gender | None:
    """None for a code outside the table (never guess: "not 1" is not "female")."""
    return GENDER_BY_CODE.get(code)


def gender_code(g: Gender | str) -> str:
    return CODE_BY_GENDER[Gender(g)]


def ethnicity_code(name_or_code: str) -> str:
    if name_or_code in ETHNICITY_BY_CODE:
        return name_or_code
    return CODE_BY_ETHNICITY[name_or_code]

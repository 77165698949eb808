"""Pools of names and short fixed sentences that `sample_spec` draws from.

Every string here is written for this project. Characters are chosen so that the Traditional
form of every name exists in Big5, which keeps the "big5-traditional" encoding variant exact.
"""

from __future__ import annotations

PLACES = (
    "清河县", "长宁区", "安平县", "临泉县", "东阳市", "南溪区", "白水县", "永和县", "丰城市",
    "宁远县", "石门县", "龙泉市", "桃源县", "新安县", "平阳县", "金山区", "云溪区", "兴隆县",
    "定远县", "瑞安市", "青山区", "北林区", "西湖乡", "柳河镇", "双桥镇", "梅江区", "海城市",
    "松原市", "仁和区", "华阳镇",
)
#: Departments of a county-level government (带"局/委员会/办公室"的工作部门).
DEPARTMENTS = (
    "教育局", "财政局", "人力资源和社会保障局", "自然资源局", "住房和城乡建设局",
    "交通运输局", "卫生健康委员会", "市场监督管理局", "应急管理局", "农业农村局", "民政局",
    "水利局", "文化和旅游局", "司法局", "统计局", "审计局", "医疗保障局", "退役军人事务局",
)
AREA_CODES = ("0517", "0512", "0472", "0371", "0931", "0755", "0571", "0851", "0315", "0898",
              "010", "021", "023", "027")
ROADS = ("人民路", "建设路", "解放大道", "文化路", "新华街", "府前路", "中山北路", "滨河路",
         "朝阳路", "青年路")
OFFICE_SUFFIXES = ("办公室", "政务公开办公室", "政务服务和数据管理局")
EMAIL_USERS = ("zwgk", "xxgk", "gkb", "bgs", "zfxxgk", "gov_open")

FEE_NONE = (
    "本年度未收取信息处理费。",
    "{year}年度，本机关未向申请人收取信息处理费。",
    "本年度未发出信息处理费收费通知，也未收取信息处理费。",
    "依照《政府信息公开信息处理费管理办法》，本年度本机关没有产生信息处理费。",
    "全年办理政府信息公开申请过程中，未收取任何信息处理费。",
)
FEE_CHARGED = (
    "本年度共发出信息处理费收费通知{notices}件，实际收取信息处理费{amount}元。",
    "{year}年度，本机关依法发出收费通知书{notices}份，收取信息处理费共计{amount}元。",
)
#: Statements for cn-2008 reports, whose fees were search, copying and postage costs.
FEE_2008 = (
    "本年度未收取政府信息公开检索、复制、邮寄等费用，也未发生费用减免情况。",
    "{year}年，本机关提供政府信息时未收取任何费用，无减免情况。",
)
#: Wordings of the 五 section used when a defect wants it empty.
EMPTY_SECTION = ("无。", "暂无。", "无")

"""The prose of a generated report: several wordings per passage, all written for this project.

Figures that a linter compares with the tables (新收, 上年结转, 办结, 结转, 行政复议, 行政诉讼,
现行有效规范性文件) always come from the spec, so a clean document never contradicts itself.
Fixed phrases the defects look for: `新收政府信息公开申请{N}件` and `结转{year+1}年度`.
"""

from __future__ import annotations

import random
from datetime import date

from .spec import ReportSpec


def cn_date(d: date, with_year: bool = True) -> str:
    """2025年1月1日, or 1月1日 when the year is understood."""
    return f"{d.year}年{d.month}月{d.day}日" if with_year else f"{d.month}月{d.day}日"


def period_sentence(spec: ReportSpec, style: int) -> str:
    start, end = spec.period_start, spec.period_end
    assert start and end
    if style == 1:
        end_text = cn_date(end, with_year=end.year != start.year)
        return f"本报告中数据的统计时限自{cn_date(start)}起至{end_text}止。"
    if style == 2:
        return f"报告中所列数据统计期限为{cn_date(start)}至{cn_date(end)}。"
    return f"本报告所列数据的统计期限为{cn_date(start)}至{cn_date(end)}。"


def intro(spec: ReportSpec, rng: random.Random) -> str:
    basis = rng.choice((
        "本报告依据《中华人民共和国政府信息公开条例》和国家规定的年度报告格式编制。",
        f"按照《中华人民共和国政府信息公开条例》要求，{spec.agency}编制本年度报告，内容涵盖总体情况、"
        "主动公开、依申请公开、复议诉讼、存在问题和其他事项。",
        f"{spec.agency}根据《中华人民共和国政府信息公开条例》第四十九条、第五十条的规定，形成本报告并向社会公布。",
    ))
    text = basis + period_sentence(spec, rng.randrange(3))
    if spec.contact.website:
        text += f"本报告电子版可在门户网站（{spec.contact.website}）政府信息公开专栏查阅下载。"
    return text


def contact(spec: ReportSpec, rng: random.Random) -> str:
    c = spec.contact
    if rng.random() < 0.5:
        parts = [f"地址：{c.address}" if c.address else "", f"邮编：{c.postcode}" if c.postcode else "",
                 f"电话：{c.telephone}", f"电子邮箱：{c.email}" if c.email else ""]
        inner = "；".join(p for p in parts if p)
        return f"如对本报告有疑问，请与{c.office}联系（{inner}）。"
    parts = [f"联系电话：{c.telephone}", f"通讯地址：{c.address}" if c.address else "",
             f"邮政编码：{c.postcode}" if c.postcode else "", f"电子邮箱：{c.email}" if c.email else ""]
    return f"对本报告如有疑问，可联系{c.office}，" + "，".join(p for p in parts if p) + "。"


def overview(spec: ReportSpec, rng: random.Random) -> str:
    return rng.choice((
        f"{spec.year}年，{spec.agency}认真贯彻落实《中华人民共和国政府信息公开条例》，围绕年度政务公开工作要点，持续提升公开质量和实效。",
        f"本年度，{spec.agency}把政府信息公开作为建设法治政府的基础性工作，健全制度、规范流程，各项任务按计划推进。",
        "年内，本机关对照上级部署，逐项落实公开任务，公开内容更加全面，办理程序更加规范。",
    ))


def active(rng: random.Random) -> str:
    a, b, c, d = (rng.randint(50, 9000), rng.randint(5, 300), rng.randint(1, 60), rng.randint(20, 3000))
    return rng.choice((
        f"全年通过门户网站主动公开政府信息{a}条，其中政策文件{b}条、政策解读材料{c}篇；通过政务新媒体推送信息{d}条。",
        f"围绕群众关注的教育、医疗、社保等领域，年内集中发布各类信息{a}条，配套制作图文解读{c}期。",
        f"本年度共更新公开目录信息{a}条，公开会议议定事项{b}项，在政务新媒体平台同步推送{d}条。",
    ))


def on_request(spec: ReportSpec, rng: random.Random) -> str:
    new, over = spec.total("new"), spec.total("carried_over")
    done, fwd, nxt = spec.total("results_total"), spec.total("carried_forward"), spec.next_year
    figures = rng.choice((
        f"{spec.year}年，本机关新收政府信息公开申请{new}件，上年结转{over}件；全年办结{done}件，结转{nxt}年度继续办理{fwd}件。",
        f"全年共新收政府信息公开申请{new}件，另有上年结转申请{over}件，已办结{done}件，{fwd}件结转{nxt}年度继续办理。",
        f"本年度新收政府信息公开申请{new}件，上年结转{over}件，办结{done}件，结转{nxt}年度{fwd}件。",
    ))
    return figures + rng.choice(("所有申请均在法定期限内作出答复。", "办理中坚持依法依规、一案一审。", ""))


def review(spec: ReportSpec, rng: random.Random) -> str:
    """The 行政复议/行政诉讼 figures of table 4, stated as totals."""
    reviews = spec.review_total(0)
    direct, after = spec.review_total(1), spec.review_total(2)
    if reviews == 0 and rng.random() < 0.5:
        first = "本年度未发生因政府信息公开引发的行政复议案件"
    else:
        first = f"本年度因政府信息公开引发行政复议{reviews}件"
    if direct + after == 0 and rng.random() < 0.5:
        return first + "，未发生相关行政诉讼案件。"
    return first + f"，行政诉讼{direct + after}件（其中未经复议直接起诉{direct}件，复议后起诉{after}件）。"


def management(spec: ReportSpec, rng: random.Random) -> str:
    valid = spec.table2.normative_valid
    return rng.choice((
        f"持续开展政策文件清理，截至{spec.year}年底，现行有效的行政规范性文件{valid}件，已全部在政策文件库集中公开。",
        "严格执行“先审查、后公开”和“一事一审”制度，信息发布前逐条进行保密审查，全年未发生泄密事件。",
        f"动态调整主动公开基本目录，对现行有效的{valid}件行政规范性文件标注有效性，方便公众查询。",
    ))


def platforms(rng: random.Random) -> str:
    n, m = rng.randint(1, 20), rng.randint(1, 40)
    return rng.choice((
        f"优化门户网站政府信息公开专栏，调整栏目{n}个，所属政务新媒体账号{m}个保持正常运营。",
        "推进政府网站集约化，统一信息发布标准，完善站内检索和无障碍浏览功能。",
        f"升级政务公开专区，新增智能问答和政策查询服务，整合关停低效政务新媒体账号{n}个。",
    ))


def oversight(spec: ReportSpec, rng: random.Random) -> str:
    text = rng.choice((
        f"将政务公开纳入年度目标考核，组织业务培训{rng.randint(1, 12)}次，开展季度自查和专项检查。",
        "建立政务公开工作台账，实行问题清单、整改清单双向管理，并接受社会监督。",
        "设立政务公开意见箱，定期收集群众评议意见，对发现的问题限期整改。",
    ))
    if spec.kind == "government" or rng.random() < 0.2:
        text += rng.choice((
            "工作考核、社会评议和责任追究结果方面，政务公开工作在年度考核中结果良好，社会评议总体满意，"
            "本年度未发生因政府信息公开工作被责任追究的情况。",
            "在工作考核、社会评议和责任追究方面，本年度按规定完成考核评议，未发现需追究责任的情形。",
        ))
    return text


_PROBLEMS = (
    "部分栏目信息更新不够及时，个别信息发布后缺少维护",
    "政策解读形式较为单一，图解、视频等方式运用不多",
    "基层工作人员业务水平参差不齐，依申请办理的规范性有待提升",
    "公众参与渠道利用不充分，互动回应的深度不够",
    "历史文件清理进度偏慢，部分目录信息不够完整",
    "重点领域信息的集成展示不足，查找使用不够便捷",
)
_MEASURES = (
    "建立栏目更新台账，实行定期巡查和提醒",
    "丰富解读方式，推动文件与解读材料同步起草、同步发布",
    "每季度组织一次业务培训，并开展依申请公开案例研讨",
    "完善意见征集和结果反馈机制，增强政民互动实效",
    "分批完成历史文件清理，动态更新政策文件库",
    "梳理重点领域公开清单，按主题集中展示相关信息",
)
_ORDINALS = "一二三四"


def _listed(items: list[str]) -> str:
    return "；".join(f"{_ORDINALS[i]}是{item}" for i, item in enumerate(items)) + "。"


def problems_and_measures(spec: ReportSpec, rng: random.Random) -> list[str]:
    """Section 五: real problems, then what is being done about them."""
    k = rng.randint(2, 3)
    picks = rng.sample(range(len(_PROBLEMS)), k)
    lead_in = rng.choice(("对照上级要求，本机关政府信息公开工作仍存在一些不足：",
                          "工作中也存在以下问题：", "经自查，主要存在以下问题："))
    next_step = rng.choice(("下一步，我们将重点做好以下工作：",
                            f"{spec.next_year}年，本机关将采取以下措施加以改进：",
                            "针对上述问题，拟采取如下改进措施："))
    return [lead_in + _listed([_PROBLEMS[i] for i in picks]),
            next_step + _listed([_MEASURES[i] for i in picks])]


def other_matters(spec: ReportSpec, rng: random.Random) -> str:
    """The part of section 六 that is not about fees, so 六 stays non-empty without them."""
    return rng.choice((
        f"本年度共办理人大代表建议{rng.randint(0, 40)}件、政协委员提案{rng.randint(0, 40)}件，办理结果已按规定公开。",
        f"本机关按要求公布了{spec.year}年政务公开工作要点落实情况。",
        f"年内举办政府开放日活动{rng.randint(1, 6)}次，邀请群众代表参与并听取意见建议。",
    ))


def summary_2008(spec: ReportSpec, rng: random.Random) -> list[str]:
    """Prose figures of a free-form cn-2008 report (no national tables then)."""
    t2 = spec.table2
    return [
        f"本年度主动公开政府信息{rng.randint(100, 9000)}条，其中规范性文件{t2.normative_issued}件。",
        f"全年受理政府信息公开申请{spec.total('new')}件，已答复{spec.total('results_total')}件，"
        f"其中同意公开{spec.total('result.1')}件、同意部分公开{spec.total('result.2')}件。",
        f"因政府信息公开申请引发行政复议{spec.review_total(0)}件，"
        f"行政诉讼{spec.review_total(1) + spec.review_total(2)}件。",
    ]

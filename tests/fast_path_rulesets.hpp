// Small rulesets, each with a few departments' data, for the constructs a fast path (a lowered
// program, values cached per department, data bound to slots) is most likely to get wrong: named
// values in context, short-circuiting, functions over lists, steps, parts, an assessor's
// numbers, points moved, goal tables, deduction tiers. plain_vs_explained_test.cpp scores them,
// and their data changed input by input, every way. Each compiles without an error or warning.
#pragma once

#include <string>
#include <vector>

namespace pingfen::test {

// Named values: one of the whole ruleset used by two leaves (computed once), one that fails
// (the mean of an empty list) used by two leaves, one that reads 分值 in two parts of different
// points, one of a parent indicator its two children read; a conditional expression; 若 three
// deep; 且/或 short-circuiting past a missing datum; 非; equality of texts, numbers and yes/no;
// functions over lists and numbers.
inline const char* kNamedValuesAndLogic = R"(规则集 "快路径边界一" 年度 2024 总分 42
舍入 叶指标 四舍五入 保留 2 位
等级 { 优 [36, 42]  良 [30, 36)  中 [24, 30)  差 < 24 }
输入 {
  执行数     金额(万元) ≥ 0
  预算数     金额(万元) ≥ 0
  甲完成     是否
  乙完成     是否
  大         是否
  类别       文本
  次数       数值
  月度执行率 列表(百分比) [0, 150%]
}
# 两个指标共用的命名值：预算数为 0 时除以 0
执行率 = 若 预算数 > 0 则 执行数 / 预算数 否则 0
月均 = 平均(月度执行率)
一级指标 甲组 42 {
  二级指标 执行一 2 { 按 执行率 比例计分，封顶 100% }
  二级指标 执行二 2 { 若 执行率 ≥ 90% 则 得满分 否则 不得分 }
  二级指标 除零 2 { 若 月均 ≥ 90% 则 得满分 否则 不得分 }
  二级指标 除零二 2 { 按 月均 比例计分，封顶 100% }
  二级指标 半分 10 {
    半 = 分值 × 50%
    分项 {
      甲 4 分 { 若 甲完成 则 得 半 分 否则 不得分 }
      乙 6 分 { 若 乙完成 则 得 半 分 否则 不得分 }
    }
  }
  二级指标 条件式 2 { 得 (若 甲完成 则 分值 否则 分值 × 50%) 分 }
  二级指标 短路且 2 { 若 甲完成 且 大 则 得满分 否则 不得分 }
  二级指标 短路或 2 { 若 甲完成 或 大 则 得满分 否则 不得分 }
  二级指标 三层若 2 { 若 甲完成 则 （若 乙完成 则 （若 大 则 得满分 否则 得 1.5 分） 否则 得 1 分） 否则 不得分 }
  二级指标 父值 4 {
    父率 = 执行率 × 50%
    三级指标 子一 2 { 按 父率 比例计分，封顶 100% }
    三级指标 子二 2 { 若 父率 ≥ 45% 则 得满分 否则 不得分 }
  }
  二级指标 取非 2 { 若 非 乙完成 则 得满分 否则 不得分 }
  二级指标 相等 3 {
    分项 {
      文字 1 分 { 若 类别 = "甲类" 则 得满分 否则 不得分 }
      数目 1 分 { 若 次数 = 3 则 得满分 否则 不得分 }
      真假 1 分 { 若 甲完成 = 乙完成 则 得满分 否则 不得分 }
    }
  }
  二级指标 列表函数 7 {
    分项 {
      封顶均 2 分 { 按 封顶平均(月度执行率, 100%) 比例计分，封顶 100% }
      平均数 1 分 { 按 平均(月度执行率) 比例计分，封顶 100% }
      项目数 1 分 { 若 项数(月度执行率) ≥ 12 则 得满分 否则 不得分 }
      合计数 1 分 { 得 较小(合计(月度执行率), 1) 分 }
      取整 2 分 { 得 较大(0, 较小(2, 四舍五入(向上取整(次数) - 向下取整(次数) + 绝对值(次数) / 100, 2))) 分 }
    }
  }
}
)";

inline const std::vector<std::string> kNamedValuesAndLogicData = {
    R"(数据 "甲局" 年度 2024 { 执行数 = 95 预算数 = 100 甲完成 = 是 乙完成 = 是 大 = 否 类别 = "甲类" 次数 = 3
       月度执行率 = [100%, 120%, 80%, 95%, 99.995%, 100.005%, 0%, 150%, 100%, 100%, 90%, 91%] })",
    // 预算数 0, an empty list (the mean fails in a named value two leaves use), 大 missing where
    // 且 does not need it and 或 does
    R"(数据 "乙局" 年度 2024 { 执行数 = 95 预算数 = 0 甲完成 = 否 乙完成 = 否 类别 = "乙类" 次数 = -2.5 月度执行率 = [] })",
    // 大 missing where 且 needs it and 或 does not
    R"(数据 "丙局" 年度 2024 { 执行数 = 0 预算数 = 100 甲完成 = 是 乙完成 = 否 类别 = "甲类" 次数 = 2.995 月度执行率 = [100%] })",
    // 类别 of another type, 次数 missing
    R"(数据 "丁局" 年度 2023 { 执行数 = 1000000000000000000000000000000 预算数 = 0.01 甲完成 = 否 乙完成 = 是 大 = 是 类别 = 5
       月度执行率 = [150%, 150%] })",
};

// Steps up and down with and without a base, 分项 two deep, 酌情扣 past its points (W0502) and
// out of bounds, 酌情得 without a reason, points moved by 不适用, a goal table whose bands read a
// named value of 分值, tiers inside 扣分, tier rows as standards write them, bonus and penalty.
inline const char* kRulesAndParts = R"(规则集 "快路径边界二" 年度 2024 总分 40
舍入 叶指标 四舍五入 保留 2 位
等级 { 优 [36, 40]  良 [32, 36)  中 [24, 32)  差 < 24 }
输入 {
  控制率       百分比
  完成率       百分比
  结转率       百分比
  有制度       是否
  已执行       是否
  缺漏扣分     数值 ≥ 0
  可扣上限     数值 ≥ 0
  缺漏说明     文本 默认 ""
  分工扣分     数值 ≥ 0
  按时备案     是否
  备案得分     数值
  备案说明     文本 默认 ""
  无转移支付   是否
  按时下达率   百分比 [0, 100%]
  产出         目标表
  调整事项数   计数
  表彰次数     计数
  问责次数     计数
}
一级指标 乙组 40 {
  二级指标 增加无基 2 { 按 控制率 每增加 5%（含） 扣 0.5 分，不足一档按一档计，扣完为止 }
  二级指标 增加有基 2 { 按 结转率 超过 10% 每超过 一个百分点 扣 0.5 分，不足一档不计，扣完为止 }
  二级指标 低于有基 2 { 按 完成率 低于 100% 每低于 5% 扣 2 分，不足一档不计，扣完为止 }
  二级指标 低于九五 2 { 按 完成率 低于 95% 每低于 10% 扣 0.5 分，不足一档按一档计，扣完为止 }
  二级指标 深分项 6 {
    分项 {
      外甲 4 分 {
        分项 {
          内甲 50% { 若 有制度 则 得满分 否则 不得分 }
          内乙 50% { 若 有制度 则 （若 已执行 则 得满分 否则 得 0.5 分） 否则 不得分 }
        }
      }
      外乙 2 分 { 按 完成率 比例计分，封顶 100% }
    }
  }
  二级指标 酌情扣分 2 {
    分项 {
      制度明确 1 分 { 酌情扣 缺漏扣分 分 [0, 可扣上限]，理由 缺漏说明 }
      分工明确 1 分 { 若 有制度 则 酌情扣 分工扣分 分 [0, 1]，理由 缺漏说明 否则 不得分 }
    }
  }
  二级指标 酌情得分 2 { 若 按时备案 则 得满分 否则 酌情得 备案得分 分 [0, 1)，理由 备案说明 }
  二级指标 转移支付 3 {
    不适用 若 无转移支付，分值移至 乙组.预算批复
    按 按时下达率 比例计分，封顶 100%
  }
  二级指标 预算批复 2 { 若 已执行 则 得满分 否则 不得分 }
  二级指标 产出完成 10 {
    半 = 分值 × 50%
    按 产出 完成率计分 {
      分值分配 平均分配
      < 60%          不得分
      [60%, 100%]    按 完成率 比例计分，封顶 100%
      (100%, 150%]   得满分
      > 150%         得 半 分
    }
  }
  二级指标 调整 2 {
    扣分 {
      按 调整事项数 分档 { 3（含）至5 扣 0.5 分  5 及以上 扣 1 分 }
      若 非 有制度 扣 0.5 分
    } 扣完为止
  }
  二级指标 档位 5 {
    按 完成率 分档 {
      不低于 95%           得 5 分
      90% ≤ 完成率 < 95%   得 4 分
      80%（含）至90%       得 分值 × 50% 分
      低于 80%             不得分
    }
  }
}
加分项 表彰 最多 3 分 { 得 表彰次数 × 1 分 }
减分项 问责 最多 6 分 { 得 问责次数 × 2 分 }
)";

inline const std::vector<std::string> kRulesAndPartsData = {
    // 缺漏扣分 1.5 within [0, 可扣上限 2] but past the part's 1 point: W0502
    R"(数据 "丙局" 年度 2024 {
  控制率 = 7%  完成率 = 93%  结转率 = 12.5%  有制度 = 是  已执行 = 否
  缺漏扣分 = 1.5  可扣上限 = 2  缺漏说明 = "制度内容有缺漏"  分工扣分 = 0.5
  按时备案 = 否  备案得分 = 0.5  备案说明 = "备案迟了"
  无转移支付 = 是  按时下达率 = 90%
  产出 = [ { 名称: "甲", 目标: 100, 实际: 80 }, { 名称: "乙", 目标: "≥800", 实际: 1300 }, { 名称: "丙", 目标: "≤5%", 实际: "4%" } ]
  调整事项数 = 4  表彰次数 = 1  问责次数 = 0
})",
    // 酌情得 without a reason, 分工扣分 out of its bounds, the transfer applying, steps on their bounds
    R"(数据 "丁局" 年度 2024 {
  控制率 = 5%  完成率 = 95%  结转率 = 11%  有制度 = 是  已执行 = 是
  缺漏扣分 = 0  可扣上限 = 0.5  分工扣分 = 1.5
  按时备案 = 否  备案得分 = 0.5
  无转移支付 = 否  按时下达率 = 99.995%
  产出 = [ { 名称: "甲", 目标: 100, 实际: 150 }, { 名称: "乙", 目标: "≥800", 实际: 1200.01 } ]
  调整事项数 = 5  表彰次数 = 5  问责次数 = 4
})",
    // nothing done: every step and tier at its far end
    R"(数据 "戊局" 年度 2024 {
  控制率 = 0%  完成率 = 0%  结转率 = 1000%  有制度 = 否  已执行 = 否
  缺漏扣分 = 2  可扣上限 = 2  缺漏说明 = "无"  分工扣分 = 0
  按时备案 = 是
  无转移支付 = 否  按时下达率 = 0%
  产出 = [ { 名称: "甲", 目标: 100, 实际: 59.99 } ]
  调整事项数 = 0  表彰次数 = 0  问责次数 = 3
})",
};

}  // namespace pingfen::test

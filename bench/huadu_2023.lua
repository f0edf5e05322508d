-- Contender (c): the huadu 2023 indicator system (rulesets/huadu/2023.pf, with
-- ../guangzhou/2022.pf and ../common/management.pf) by hand in Lua 5.4, with Lua's own numbers
-- (counts are integers, amounts and rates are floats). The benchmark loads this file once and
-- calls score(record) for each department; records are tables built by lua_contender.cpp.
--
-- Returns the total (nil when some indicator cannot be scored) and a table of the 26 leaf
-- scores in the order of the score sheet (false for a leaf that cannot be scored).

local floor, ceil, min, max, abs = math.floor, math.ceil, math.min, math.max, math.abs

-- 四舍五入保留 2 位, as it is usually written.
local function round2(x) return floor(x * 100 + 0.5) / 100 end

-- 按 比率 比例计分，封顶 100%
local function proportion(rate, points) return max(0, min(rate, 1)) * points end

-- 定性档次: 达成 [80%, 100%], 部分达成 [60%, 80%), 未达成 [0, 60%)
local band_low = { [0] = 0.8, 0.6, 0.0 }
local band_high = { [0] = 1.0, 0.8, 0.6 }

-- One goal row (kind 0 ≥ target, 1 ≤ target, 2 words, 3 qualitative band); nil when invalid.
local function goal_row(r, bands)
  local points, kind, rate = r.weight, r.kind, nil
  if kind == 3 then
    if not bands then return nil end
    local v, b = r.rate, r.band
    local inside = band_low[b] <= v and (b == 0 and v <= band_high[b] or b ~= 0 and v < band_high[b])
    if not inside or not r.reason then return nil end
    return points * v
  elseif kind == 2 then
    return r.actual_words == r.target_words and points or 0
  elseif kind == 1 then
    if r.actual <= r.target then rate = 1
    elseif r.target == 0 then rate = 0
    else rate = r.target / r.actual end
  else
    if r.target == 0 then return nil end
    rate = r.actual / r.target
  end
  -- < 60% 不得分; [60%, 100%] 比例计分; (100%, 150%] 得满分; > 150% 得一半
  if rate < 0.6 then return 0
  elseif rate <= 1 then return proportion(rate, points)
  elseif rate <= 1.5 then return points
  else return points * 0.5 end
end

-- 完成率计分，分值分配 按权重 (the row weights must add up to the indicator's points)
local function goal_table(rows, whole, bands)
  local n = #rows
  if n == 0 then return 0 end
  local sum = 0
  for i = 1, n do sum = sum + rows[i].weight end
  if abs(sum - whole) > 1e-9 then return nil end
  local total = 0
  for i = 1, n do
    local v = goal_row(rows[i], bands)
    if v == nil then return nil end
    total = total + v
  end
  return total
end

local function floor_zero(w, deducted) return max(0, w - deducted) end
local function yes(b, w) if b then return w else return 0 end end

-- 酌情得 v 分 [0, w)，理由 …
local function discretion(v, reason, w)
  if v < 0 or v >= w or reason == nil or reason == "" then return nil end
  return v
end

function score(d)
  local raw = {}

  -- 履职效能.整体效能
  raw[1] = goal_table(d.output, 20, false)  -- 产出 first, as huadu's 排序 says
  raw[2] = goal_table(d.benefit, 20, true)
  local months = d.monthly
  local n = #months
  if n > 0 then  -- 封顶平均(月度执行率, 100%)
    local sum = 0
    for i = 1, n do sum = sum + min(months[i], 1) end
    raw[3] = proportion(sum / n, 10)
  end

  -- 预算编制
  raw[4] = floor_zero(3, d.not_assessed * (d.to_assess > 3 and 0.5 or 1))
  -- 预算执行
  local den = d.carry_begin + d.general_budget + d.fund_budget
  if den ~= 0 then
    local rate = d.carry_end / den
    raw[5] = rate <= 0.1 and 2 or rate <= 0.2 and 1 or rate <= 0.3 and 0.5 or 0
  end
  raw[6] = floor_zero(2, d.rectify * 0.5 + d.misuse * 0.5 + d.repeated * 1)
  -- 信息公开
  if not d.classified and not d.disclosed then raw[7] = 0
  else raw[7] = yes(d.within_20_days, 1) + yes(d.check_clean, 1) end
  raw[8] = yes(d.goals_published, 1) + yes(d.self_eval_published, 1)
  -- 绩效管理
  if d.rules_require then
    local v = d.rules_gap
    if v >= 0 and v <= 2.5 and (v == 0 or (d.rules_gap_reason or "") ~= "") then
      raw[9] = max(0, 2.5 - v) + yes(d.duties_defined, 2.5)
    end
  else
    raw[9] = yes(d.duties_defined, 2.5)
  end
  raw[10] = floor_zero(3, d.warnings_late * 1 + (d.feedback and 0 or 0.9) + (d.linked and 0 or 1.2))
  raw[11] = yes(d.goals_kept, 2) + yes(d.monitored, 1) + yes(d.monitor_sent, 1)
            + yes(d.self_evaluated, 1) + yes(d.units_evaluated, 1) + yes(d.self_eval_sent, 1)
  -- 采购管理
  raw[12] = yes(d.intent_complete, 0.5)
  if d.intent_on_time then raw[13] = 1.5 else raw[13] = discretion(d.intent_score, d.intent_reason, 1.5) end
  raw[14] = yes(d.procurement_rules, 1)
  raw[15] = floor_zero(2, d.complaints * 1)
  local contract_rate = d.contracts_on_time / d.contracts
  raw[16] = contract_rate >= 1 and 3 or contract_rate >= 0.9 and 2 or contract_rate >= 0.8 and 1 or 0
  if d.filed_on_time then raw[17] = 1 else raw[17] = discretion(d.filing_score, d.filing_reason, 1) end
  raw[18] = proportion(d.sme_amount / d.sme_reserved, 1)
  -- 资产管理
  raw[19] = floor_zero(2, d.nonconforming * 1)
  raw[20] = floor_zero(1, d.overdue * 0.5)
  raw[21] = yes(d.inventory, 1)
  if d.asset_data_ok then raw[22] = 2 else raw[22] = discretion(d.data_score, d.data_reason, 2) end
  raw[23] = floor_zero(2, (d.asset_rules and 0 or 0.5) + d.asset_findings * 0.5)
  local use_rate = d.assets_in_use / d.assets_total
  raw[24] = use_rate >= 0.9 and 2 or use_rate >= 0.75 and 1.5 or use_rate >= 0.6 and 1 or 0
  -- 运行成本
  local control = (d.public_actual - d.public_budget) / d.public_budget
  if control <= 0 then raw[25] = 2 else raw[25] = floor_zero(2, ceil(control / 0.05) * 0.5) end
  raw[26] = yes(d.three_actual <= d.three_budget, 2)

  local leaves, total, complete = {}, 0, true
  for i = 1, 26 do
    local v = raw[i]
    if v == nil then
      leaves[i] = false
      complete = false
    else
      v = round2(v)
      leaves[i] = v
      total = total + v
    end
  end
  if complete then return total, leaves end
  return nil, leaves
end

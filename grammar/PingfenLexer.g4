// Lexer of the pingfen rule language.
// Chinese keywords and English aliases lex to the same token; full-width and half-width forms
// of the same punctuation lex to the same token. Keywords are listed before IDENT so that a
// keyword wins a tie of equal length, while a longer identifier (得分率) still wins over 得.
lexer grammar PingfenLexer;

// ---- structure ----
RULESET     : '规则集' | 'ruleset' ;
YEAR        : '年度' | 'year' ;
TOTAL       : '总分' | 'total' ;
INPUTS      : '输入' | 'inputs' ;
GRADES      : '等级' | 'grades' ;
ROUNDING    : '舍入' | 'rounding' ;
LEAVES      : '叶指标' | '每项得分' | 'leaves' ;
HALF_UP     : '四舍五入' | 'half_up' ;
PLACES      : '位' | '位小数' | 'places' ;
KEEP        : '保留' | 'keep' ;
INDICATOR   : '指标' | 'indicator' ;
LEVEL1      : '一级指标' | 'level1' ;
LEVEL2      : '二级指标' | 'level2' ;
LEVEL3      : '三级指标' | 'level3' ;
LEVEL4      : '四级指标' | 'level4' ;
LEVEL5      : '五级指标' | 'level5' ;
LEVEL6      : '六级指标' | 'level6' ;
EXPLAIN     : '解释' | '指标解释' | 'explain' ;
STANDARD    : '标准' | '评分标准' | 'standard' ;
DATA        : '数据' | 'data' ;
DEPARTMENT  : '部门' | 'department' ;
TEST        : '测试' | 'test' ;
GIVEN       : '给定' | 'given' ;
EXPECT      : '期望' | 'expect' ;
ERROR_KW    : '错误' | 'error' ;
IMPORT      : '引用' | 'import' ;
MODIFY      : '修改' | 'modify' ;
REPLACE     : '替换' | 'replace' ;
REMOVE      : '删除' | 'remove' ;
ADD         : '增加' | 'add' ;
ORDER       : '排序' | 'order' ;
// In 替换 and 修改: the replaced or re-weighted indicator keeps its old 标准 / 解释 on purpose.
KEEP_STANDARD : '沿用标准' | '沿用原标准' | '沿用评分标准' | 'keep_standard' ;
KEEP_EXPLAIN  : '沿用解释' | '沿用原解释' | '沿用指标解释' | 'keep_explanation' ;
INTO        : '到' | 'into' ;

// ---- types ----
T_NUMBER    : '数值' | 'number' ;
T_PERCENT   : '百分比' | 'percent' ;
T_AMOUNT    : '金额' | 'amount' ;
T_COUNT     : '计数' | 'count' ;
T_BOOL      : '是否' | 'yesno' ;
T_TEXT      : '文本' | 'text' ;
T_LIST      : '列表' | 'list' ;
T_GOALS     : '目标表' | 'goals' ;
// 自评材料应于2023年4月28日前报送: a calendar date, compared and counted in whole days.
T_DATE      : '日期' | 'date' ;
// 财务核查 核查 扣分 0 至 1 分: the assessor's finding — points taken off and the reason, one datum.
T_FINDING   : '核查' | 'finding' ;

// ---- rules ----
IF          : '若' | '如果' | 'if' ;
THEN        : '则' | 'then' ;
ELSE        : '否则' | 'else' ;
FULL        : '得满分' | 'full' ;
ZERO        : '不得分' | 'zero' ;
SCORE       : '得' | 'score' ;
POINTS      : '分' | 'points' ;
BY          : '按' | 'by' ;
TIERS       : '分档' | 'tiers' ;
OTHERWISE   : '其余' | 'otherwise' ;
DEDUCT_BLOCK: '扣分' | 'deductions' ;
DEDUCT      : '扣' | '扣减' | 'deduct' ;
NO_DEDUCT   : '不扣分' | 'no_deduction' ;
// 定性结果 A/B/C/D 得分值的 100%/80%/60%/0%: a table of grades and their share of the points.
COEFFS      : '等级系数' | 'grade_coefficients' ;
EACH        : '每项' | '每次' | '每笔' | '每例' | '每个' | '每天' | '每日' | 'each' ;
FLOOR_ZERO  : '扣完为止' | '减至0分为止' | 'floor_zero' ;
PER_INCREASE: '每增加' | '每超过' | '每高于' | 'per_increase' ;
// The mirror of 每增加: 每低于5%扣2分 counts steps below a base (按 完成率 低于 100% 每低于 5% …).
PER_DECREASE: '每低于' | '每减少' | '每下降' | 'per_decrease' ;
// Tier rows as standards write them: 低于 80%，不低于 90%，80%（含）至90%，5项及以上.
BELOW       : '低于' | '小于' | 'below' ;
ABOVE       : '高于' | '大于' | 'above' ;
NOT_BELOW   : '不低于' | '不少于' | '不小于' | 'not_below' ;
NOT_ABOVE   : '不高于' | '不超过' | '不大于' | 'not_above' ;
TO          : '至' | 'to' ;
// Dates compared as standards say it: 不晚于 2023年4月28日 (on the day is in time), 晚于 (late).
LATER       : '晚于' | 'later_than' ;
EARLIER     : '早于' | 'earlier_than' ;
NOT_LATER   : '不晚于' | 'not_later_than' ;
NOT_EARLIER : '不早于' | 'not_earlier_than' ;
OR_MORE     : '及以上' | '以上' | 'or_more' ;
OR_LESS     : '及以下' | '以下' | 'or_less' ;
BEYOND      : '超过' | 'beyond' ;
INCLUSIVE   : '（含）' | '(含)' | 'inclusive' ;
STEP_UP     : '不足一档按一档计' | 'partial_step_counts' ;
STEP_DOWN   : '不足一档不计' | 'partial_step_ignored' ;
PROPORTION  : '比例计分' | 'proportional' ;
CAP         : '封顶' | 'cap' ;
PARTS       : '分项' | 'parts' ;
DISC_DEDUCT : '酌情扣' | 'discretionary_deduct' ;
DISC_SCORE  : '酌情得' | '酌情给分' | 'discretionary_score' ;
REASON      : '理由' | 'reason' ;
COMPLETION  : '完成率计分' | 'completion_rate' ;
SPLIT       : '分值分配' | 'split' ;
EQUAL_SHARE : '平均分配' | 'equally' ;
BY_WEIGHT   : '按权重' | 'by_row_weight' ;
QUALITATIVE : '定性' | 'qualitative' ;
NOT_APPLIC  : '不适用' | 'not_applicable' ;
MOVE_TO     : '分值移至' | 'move_points_to' ;
BONUS       : '加分项' | 'bonus' ;
PENALTY     : '减分项' | 'penalty' ;
AT_MOST     : '最多' | 'at_most' ;
DEFAULT     : '默认' | 'default' ;
WEIGHT      : '分值' | 'weight' ;
AND         : '且' | 'and' ;
OR          : '或' | 'or' ;
NOT         : '非' | 'not' ;
TRUE        : '是' | 'true' ;
FALSE       : '否' | 'false' ;

// ---- punctuation (full-width forms are the same token) ----
LE          : '≤' | '<=' | '≦' | '＜＝' ;
GE          : '≥' | '>=' | '≧' | '＞＝' ;
NE          : '≠' | '!=' ;
EQEQ        : '==' ;
LT          : '<' | '＜' ;
GT          : '>' | '＞' | '﹥' ;
EQ          : '=' | '＝' ;
PLUS        : '+' | '＋' ;
MINUS       : '-' | '－' | '−' ;
STAR        : '*' | '×' | '＊' ;
SLASH       : '/' | '÷' | '／' ;
LPAREN      : '(' | '（' ;
RPAREN      : ')' | '）' ;
LBRACK      : '[' | '［' | '【' ;
RBRACK      : ']' | '］' | '】' ;
LBRACE      : '{' | '｛' ;
RBRACE      : '}' | '｝' ;
COMMA       : ',' | '，' | '、' ;
COLON       : ':' | '：' ;
SEMI        : ';' | '；' ;
DOT         : '.' | '．' ;

// ---- literals ----
// Full-width digits and point (９８．５％) as a Chinese input method types them.
// 5个百分点 and 一个百分点 are percentage points: 5% and 1%.
// A date as written in standards and data: 2023年4月28日 or 2023-04-28 (checked for a real
// day by the front end: 2023年2月30日 is an error there, not here).
DATE_LIT    : YEAR4 '年' DAY2 '月' DAY2 '日'
            | YEAR4 [-－] DAY2 [-－] DAY2
            ;
PERCENT_LIT : DIGITS ([.．] DIGITS)? ([%％] | '个百分点') ;
ONE_POINT   : '一个百分点' ;
NUMBER      : DIGITS ([.．] DIGITS)? ;
STRING      : '"' ~["\r\n]* '"'
            | '“' ~[”\r\n]* '”'
            ;

// Identifiers are letters and underscores, so that 得2分 reads as 得 2 分 without spaces;
// plain ASCII identifiers may also hold digits (rate2).
IDENT       : [\p{L}_] [\p{L}_]*
            | [a-zA-Z_] [a-zA-Z_0-9]*
            ;

fragment DIGITS : [0-9０-９]+ ;
fragment DIGIT  : [0-9０-９] ;
fragment YEAR4  : DIGIT DIGIT DIGIT DIGIT ;
fragment DAY2   : DIGIT DIGIT? ;

COMMENT     : ('#' | '//') ~[\r\n]* -> channel(HIDDEN) ;
WS          : [ \t\r\n\u3000\uFEFF]+ -> channel(HIDDEN) ;

// Anything else is one bad character, reported by the front end with its location.
ERROR_CHAR  : . ;

// Parser of the pingfen rule language. No actions and no predicates, so that two-stage
// parsing (SLL first, LL only on failure) is exact. The front end turns this tree into our own
// AST at once; nothing past the front end sees these contexts.
parser grammar PingfenParser;

options { tokenVocab = PingfenLexer; }

file        : header? item* EOF ;

header      : RULESET title=STRING (YEAR year=NUMBER)? (TOTAL total=NUMBER POINTS?)? ;

item        : importDecl
            | modification
            | adjustment
            | inputsBlock
            | gradesBlock
            | roundingDecl
            | indicator
            | dataBlock
            | testBlock
            | sharedValue
            | coefficientTable
            ;

// 等级系数 定性评价 { A 100%  B 80%  C 60%  D 0% }: written once, used by several indicators.
coefficientTable : COEFFS IDENT LBRACE coefficientRow+ RBRACE ;
coefficientRow   : (IDENT | STRING | TRUE | FALSE) COLON? share=(PERCENT_LIT | NUMBER) (COMMA | SEMI)? ;

// A named value of the whole ruleset, shared by every indicator (年度预算执行率 used by two leaves).
sharedValue : IDENT EQ expr ;

// ---- modules: reuse another ruleset and change what differs ----
importDecl  : IMPORT STRING ;
modification: MODIFY path WEIGHT NUMBER sheetText*            # modifyWeight
            | REPLACE path LBRACE (keepText | member)* RBRACE  # replaceIndicator
            | REMOVE path                                      # removeIndicator
            | ADD INTO path LBRACE indicator+ RBRACE           # addIndicators
            | ORDER path? LBRACE indicatorName+ RBRACE         # orderIndicators
            ;
// The published 标准/解释 of a changed indicator: stated anew, or kept on purpose (沿用标准).
keepText    : KEEP_STANDARD | KEEP_EXPLAIN ;
sheetText   : keepText
            | STANDARD COLON? STRING
            | EXPLAIN COLON? STRING
            ;

// ---- bonus and penalty items outside the total ----
adjustment  : kind=(BONUS | PENALTY) indicatorName AT_MOST NUMBER POINTS LBRACE member* RBRACE ;

// ---- inputs: every datum a rule reads, with its type, unit and range ----
inputsBlock : INPUTS LBRACE inputDecl* RBRACE ;
inputDecl   : IDENT typeSpec (bound | lo=NUMBER TO hi=NUMBER POINTS)? (DEFAULT dataValue)? STRING? ;
typeSpec    : T_NUMBER                          # numberType
            | T_PERCENT                         # percentType
            | T_AMOUNT (LPAREN IDENT RPAREN)?   # amountType
            | T_COUNT                           # countType
            | T_BOOL                            # boolType
            | T_TEXT                            # textType
            | T_LIST LPAREN typeSpec RPAREN     # listType
            | T_GOALS                           # goalsType
            | T_DATE                            # dateType
            | T_FINDING DEDUCT_BLOCK            # findingType
            ;

// An interval or a one-sided bound: [0, 100%]  (10%, 20%]  > 0  ≤ 10%
bound       : open=(LPAREN | LBRACK) lo=expr COMMA hi=expr close=(RPAREN | RBRACK)   # intervalBound
            // [90%-95%) as tables print ranges: the two ends are joined by a dash
            | open=(LPAREN | LBRACK) range=expr close=(RPAREN | RBRACK)               # dashBound
            | op=(LT | LE | GT | GE | EQ | EQEQ) expr                          # compareBound
            ;

// ---- grade bands and rounding ----
gradesBlock : GRADES LBRACE gradeBand* RBRACE ;
gradeBand   : (IDENT | STRING) bound ;

roundingDecl: ROUNDING where=(LEAVES | TOTAL) HALF_UP KEEP? places=NUMBER PLACES? ;

// ---- the indicator tree ----
indicator   : level=(LEVEL1 | LEVEL2 | LEVEL3 | LEVEL4 | LEVEL5 | LEVEL6 | INDICATOR) indicatorName weight=NUMBER POINTS?
              LBRACE member* RBRACE ;
indicatorName : IDENT | STRING ;

member      : EXPLAIN COLON? STRING        # explainMember
            | STANDARD COLON? STRING       # standardMember
            | IDENT EQ expr                # localMember
            | indicator                    # childMember
            | NOT_APPLIC IF expr COMMA? MOVE_TO path                        # moveMember
            | NOT_APPLIC IF expr COMMA? FULL COMMA? REASON expr              # grantMember
            | scoring                         # ruleMember
            ;

// ---- scoring rules: each reads like the standard it encodes ----
scoring        : FULL                                                          # fullRule
            | ZERO                                                          # zeroRule
            | SCORE expr POINTS                                             # scoreRule
            | IF expr THEN COMMA? t=scoring COMMA? ELSE COMMA? e=scoring     # ifRule
            | LPAREN scoring RPAREN                                         # parenRule
            | BY v=expr COEFFS (table=IDENT | LBRACE coefficientRow+ RBRACE)   # gradeRule
            | BY expr TIERS LBRACE tier+ RBRACE                             # tiersRule
            | BY v=expr (BEYOND b=expr)? PER_INCREASE s=expr INCLUSIVE? COMMA?
              DEDUCT a=expr POINTS COMMA? stepRounding COMMA? FLOOR_ZERO     # stepRule
            | BY v=expr (BELOW b=expr)? COMMA? PER_DECREASE s=expr INCLUSIVE? COMMA?
              DEDUCT a=expr POINTS COMMA? stepRounding COMMA? FLOOR_ZERO     # stepDownRule
            | BY v=expr PROPORTION COMMA? CAP c=expr                        # proportionRule
            | BY v=expr DEDUCT_BLOCK                                        # findingRule
            | DEDUCT_BLOCK LBRACE deduction+ RBRACE COMMA? FLOOR_ZERO        # deductionRule
            | PARTS LBRACE part+ RBRACE                                     # partsRule
            | kind=(DISC_DEDUCT | DISC_SCORE) v=expr POINTS COMMA? bound COMMA? REASON r=expr   # discretionRule
            | BY v=expr COMPLETION LBRACE SPLIT split=(EQUAL_SHARE | BY_WEIGHT)
              (LPAREN meaning=(WEIGHT | IDENT) RPAREN)? COMMA?
              tier+ qualitativeBands? RBRACE                                # completionRule
            ;

part        : indicatorName share=(PERCENT_LIT | NUMBER) POINTS? LBRACE member* RBRACE ;

qualitativeBands : QUALITATIVE LBRACE band+ RBRACE ;
band        : (IDENT | STRING) bound ;

tier        : tierBound COMMA? scoring ;

// A tier row's condition: an interval, or as the standard writes it — 低于 80%，
// 80%（含）至90%，0-10%（含），5（含）以上，90% ≤ 执行率 < 95%. Each becomes an interval, so the
// gap and overlap check is the same on every spelling.
tierBound   : bound                                                   # plainTier
            | OTHERWISE                                               # otherwiseTier
            | word=(BELOW | ABOVE | NOT_BELOW | NOT_ABOVE | BEYOND | EARLIER | LATER | NOT_EARLIER | NOT_LATER) expr   # wordTier
            | lo=expr loin=INCLUSIVE? ((TO | MINUS) hi=expr hiin=INCLUSIVE?)? side=(OR_MORE | OR_LESS)?   # writtenTier
            ;

stepRounding: STEP_UP | STEP_DOWN ;

deduction   : IF c=expr COMMA? DEDUCT a=expr POINTS     # conditionalDeduction
            | n=expr EACH DEDUCT a=expr POINTS          # perItemDeduction
            | BY v=expr TIERS LBRACE deductionTier+ RBRACE   # tieredDeduction
            ;
// A tier of a deduction: 3（含）至5 扣 0.5 分; a value in no tier deducts nothing.
deductionTier : tierBound COMMA? (DEDUCT a=expr POINTS | ZERO | NO_DEDUCT) SEMI? ;

// ---- expressions, tightest first ----
expr        : primary                                           # primaryExpr
            | MINUS expr                                        # negateExpr
            | expr op=(STAR | SLASH) expr                       # mulExpr
            | expr op=(PLUS | MINUS) expr                       # addExpr
            | expr op=(LT | LE | GT | GE | EQ | EQEQ | NE | EARLIER | LATER | NOT_EARLIER | NOT_LATER) expr  # compareExpr
            | NOT expr                                          # notExpr
            | expr AND expr                                     # andExpr
            | expr OR expr                                      # orExpr
            | IF c=expr THEN t=expr ELSE e=expr                 # condExpr
            ;

primary     : NUMBER                                            # numberLit
            | DATE_LIT                                          # dateLit
            | PERCENT_LIT                                       # percentLit
            | ONE_POINT                                         # onePointLit
            | TRUE                                              # trueLit
            | FALSE                                             # falseLit
            | STRING                                            # stringLit
            | WEIGHT                                            # weightRef
            | callee=(IDENT | HALF_UP) LPAREN (expr (COMMA expr)*)? RPAREN   # callExpr
            | IDENT                                             # nameRef
            | LPAREN expr RPAREN                                # parenExpr
            ;

// ---- department data, written by hand ----
dataBlock   : DATA dept=STRING? (YEAR year=NUMBER)? LBRACE dataEntry* RBRACE ;
dataEntry   : IDENT EQ dataValue ;
dataValue   : MINUS? (NUMBER | PERCENT_LIT)                      # numberValue
            | TRUE                                              # trueValue
            | FALSE                                             # falseValue
            | STRING                                            # stringValue
            | DATE_LIT                                          # dateValue
            | LBRACK (dataValue (COMMA dataValue)*)? RBRACK     # listValue
            | LBRACE (dataField (COMMA? dataField)*)? RBRACE    # objectValue
            ;
// 财务核查 = { 扣分: 0.5, 理由: "…" }: a finding's two keys are keywords elsewhere.
dataField   : (IDENT | STRING | key=(DEDUCT_BLOCK | REASON)) COLON dataValue ;

// ---- tests inside the language ----
testBlock   : TEST STRING LBRACE testMember* RBRACE ;
testMember  : GIVEN LBRACE dataEntry* RBRACE                    # givenMember
            | GIVEN STRING                                      # givenFile
            | EXPECT ERROR_KW STRING                            # expectError
            | EXPECT path EQ MINUS? NUMBER POINTS?              # expectScore
            | EXPECT TOTAL EQ NUMBER POINTS?                    # expectTotal
            | EXPECT GRADES EQ (IDENT | STRING)                 # expectGrade
            ;
path        : indicatorName (DOT indicatorName)* ;

// ---- a lone expression: pingfen eval, the REPL ----
exprOnly    : expr EOF ;

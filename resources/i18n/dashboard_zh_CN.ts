<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardWidget</name>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="122"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="125"/>
        <location filename="../../ui/dashboard/widget.py" line="127"/>
        <source>Monthly report…</source>
        <translation>月度报告…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="135"/>
        <location filename="../../ui/dashboard/widget.py" line="140"/>
        <source>Leaders&apos; instructions and picks, still open</source>
        <translation>未办结的领导批示和点球件</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="136"/>
        <location filename="../../ui/dashboard/widget.py" line="211"/>
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="136"/>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="136"/>
        <location filename="../../ui/dashboard/widget.py" line="211"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="136"/>
        <location filename="../../ui/dashboard/widget.py" line="200"/>
        <location filename="../../ui/dashboard/widget.py" line="202"/>
        <location filename="../../ui/dashboard/widget.py" line="211"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="137"/>
        <location filename="../../ui/dashboard/widget.py" line="211"/>
        <location filename="../../ui/dashboard/widget.py" line="219"/>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="137"/>
        <location filename="../../ui/dashboard/widget.py" line="212"/>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="154"/>
        <location filename="../../ui/dashboard/widget.py" line="299"/>
        <source>Due in 2 hours</source>
        <translation>2小时内到期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="156"/>
        <location filename="../../ui/dashboard/widget.py" line="300"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="159"/>
        <location filename="../../ui/dashboard/widget.py" line="305"/>
        <source>1-hour contacts overdue</source>
        <translation>1小时联系已超时</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="166"/>
        <source>Returns to review</source>
        <translation>退单待审核</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="166"/>
        <source>Disputes</source>
        <translation>职责争议</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="177"/>
        <source>Intake per hour: today and the same day last week</source>
        <translation>每小时受理量：今天与上周同日</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="177"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="178"/>
        <source>Last week</source>
        <translation>上周同日</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="179"/>
        <source>Hot categories, last 7 days (grey: the 7 days before)</source>
        <translation>近7天热点类别（灰色：前7天）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="181"/>
        <source>Districts, last 7 days (grey: the 7 days before)</source>
        <translation>近7天各区县受理量（灰色：前7天）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="191"/>
        <source>District by category heat map, last 7 days</source>
        <translation>近7天区县×类别热力图</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="198"/>
        <source>District by category, last 7 days</source>
        <translation>近7天区县×类别分布</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="199"/>
        <location filename="../../ui/dashboard/widget.py" line="205"/>
        <source>Top categories today</source>
        <translation>今日热点类别</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="200"/>
        <location filename="../../ui/dashboard/widget.py" line="204"/>
        <source>Cases</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="201"/>
        <location filename="../../ui/dashboard/widget.py" line="207"/>
        <source>Rising fastest</source>
        <translation>上升最快</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="202"/>
        <source>7 days</source>
        <translation>近7天</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="202"/>
        <source>7 days before</source>
        <translation>前7天</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="203"/>
        <location filename="../../ui/dashboard/widget.py" line="206"/>
        <source>Top districts today</source>
        <translation>今日热点区县</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="204"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="213"/>
        <location filename="../../ui/dashboard/widget.py" line="215"/>
        <source>Overdue, worst first</source>
        <translation>超期工单（最严重在前）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="213"/>
        <source>Late</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="214"/>
        <location filename="../../ui/dashboard/widget.py" line="216"/>
        <source>Due in the next 2 hours</source>
        <translation>未来2小时内到期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="214"/>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="218"/>
        <location filename="../../ui/dashboard/widget.py" line="230"/>
        <source>Departments</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="219"/>
        <source>Open</source>
        <translation>在办</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="219"/>
        <source>On-time replies (month)</source>
        <translation>按时办结率（本月）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="220"/>
        <source>Returns (month)</source>
        <translation>退单（本月）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="224"/>
        <location filename="../../ui/dashboard/widget.py" line="229"/>
        <source>Operators today</source>
        <translation>今日坐席</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="225"/>
        <source>Operator</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="225"/>
        <source>Calls logged</source>
        <translation>受理量</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="225"/>
        <source>Direct answers</source>
        <translation>直接答复</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="226"/>
        <source>Avg. handling (min)</source>
        <translation>平均处理时长（分钟）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="226"/>
        <source>Callbacks due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="286"/>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="306"/>
        <source>missed today: {0}</source>
        <translation>今日未按时联系：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="334"/>
        <source>City instruction</source>
        <translation>市级批示</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="334"/>
        <source>District instruction</source>
        <translation>区级批示</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="335"/>
        <source>Township instruction</source>
        <translation>街道级批示</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="335"/>
        <source>Leader&apos;s pick</source>
        <translation>领导点球</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="454"/>
        <source>Report written: %1</source>
        <translation>报告已生成：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="456"/>
        <source>Report failed: %1</source>
        <translation>报告生成失败：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="457"/>
        <source>Writing the %1 report…</source>
        <translation>正在生成 %1 报告…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="474"/>
        <source>Could not refresh: %1</source>
        <translation>刷新失败：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="493"/>
        <source>{0} days</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="495"/>
        <source>{0} hours</source>
        <translation>{0} 小时</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="496"/>
        <source>{0} min</source>
        <translation>{0} 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="24"/>
        <source>Dashboard</source>
        <translation>班长看板</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="25"/>
        <source>My figures</source>
        <translation>我的数据</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="41"/>
        <source>Efficiency</source>
        <translation>办理效能</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="42"/>
        <source>Instructions</source>
        <translation>领导批示</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="43"/>
        <source>Early warning</source>
        <translation>风险预警</translation>
    </message>
</context>
<context>
    <name>EfficiencyPage</name>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="44"/>
        <source>Assess</source>
        <translation>考核对象</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="47"/>
        <source>City departments</source>
        <translation>市级部门</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="48"/>
        <source>District units</source>
        <translation>区级单位</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="49"/>
        <source>Street offices and townships</source>
        <translation>街道（乡镇）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="50"/>
        <source>Communities</source>
        <translation>社区</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="51"/>
        <source>All units</source>
        <translation>全部承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="52"/>
        <source>Districts</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="55"/>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="57"/>
        <source>&amp;Assess</source>
        <translation>考核对象(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="62"/>
        <source>On-time
sign-for</source>
        <translation>按时
签收率</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="62"/>
        <source>On-time
reply</source>
        <translation>按时
办结率</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="63"/>
        <source>Resolution</source>
        <translation>解决率</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="63"/>
        <source>Satisfaction</source>
        <translation>满意率</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="64"/>
        <source>Returns</source>
        <translation>退单率</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="64"/>
        <source>Extensions</source>
        <translation>延期率</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="65"/>
        <source>Repeat
requests</source>
        <translation>重复
诉求率</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="65"/>
        <source>Instructions
on time</source>
        <translation>批示件
按时办结率</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="66"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="67"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="67"/>
        <location filename="../../ui/dashboard/efficiency_page.py" line="100"/>
        <source>Unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="67"/>
        <source>Score</source>
        <translation>综合得分</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="67"/>
        <source>Change</source>
        <translation>环比</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="67"/>
        <source>Dispatched</source>
        <translation>派单数</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="69"/>
        <source>Efficiency ranking</source>
        <translation>办理效能排名</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="72"/>
        <source>Sign-fors within the sign-for deadline / sign-fors</source>
        <translation>按时限签收的件次 / 签收件次</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="73"/>
        <source>Replies within the reply deadline / replies</source>
        <translation>按时限办结的件次 / 办结件次</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="74"/>
        <source>Callbacks saying resolved / replied cases that ended (called back, unreachable, closed without a callback)</source>
        <translation>回访表示已解决的件次 / 办结后结束的工单（已回访、联系不上、未回访归档）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="76"/>
        <source>Callbacks saying satisfied or basically satisfied / the same</source>
        <translation>回访满意和基本满意的件次 / 同上</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="77"/>
        <source>Returns / dispatches</source>
        <translation>退单件次 / 派单件次</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="78"/>
        <source>Extensions approved / dispatches</source>
        <translation>批准延期件次 / 派单件次</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="79"/>
        <source>Dispatches of a repeated request / dispatches</source>
        <translation>重复诉求的派单件次 / 派单件次</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="80"/>
        <source>Replies on time to cases with a leader&apos;s instruction / such replies</source>
        <translation>领导批示件按时办结件次 / 批示件办结件次</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="81"/>
        <source>Cases not replied by a reply deadline in the month · those cases</source>
        <translation>当月到期未按时办结的工单数 · 占当月到期工单的比例</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="82"/>
        <source>Weighted mean of the indicators (resources/efficiency.toml), 0-100</source>
        <translation>各项指标的加权平均（resources/efficiency.toml），0–100 分</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="100"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="114"/>
        <source>Last month: score %1, rank %2</source>
        <translation>上月：得分 %1，排名 %2</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="125"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="126"/>
        <source>Opens the cases counted</source>
        <translation>点击查看计入的工单</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/efficiency_page.py" line="127"/>
        <source>Opens the cases that missed it</source>
        <translation>点击查看未达标的工单</translation>
    </message>
</context>
<context>
    <name>FigurePage</name>
    <message>
        <location filename="../../ui/dashboard/figure_page.py" line="170"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/figure_page.py" line="177"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/figure_page.py" line="196"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/figure_page.py" line="201"/>
        <source>Finding the cases…</source>
        <translation>正在查找工单…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/figure_page.py" line="222"/>
        <source>Activate a figure in blue (click or Enter) to open its cases in the queue.</source>
        <translation>点击蓝色数字（或按回车）即在工单列表中打开其对应的工单。</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/figure_page.py" line="228"/>
        <source>No cases behind this figure.</source>
        <translation>该数字没有对应的工单。</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/figure_page.py" line="230"/>
        <source>{0} case(s) opened in the queue.</source>
        <translation>已在工单列表中打开 {0} 件工单。</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/figure_page.py" line="235"/>
        <source>Could not read the figures: %1</source>
        <translation>无法读取数据：%1</translation>
    </message>
</context>
<context>
    <name>InstructionsPage</name>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="25"/>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="29"/>
        <source>City leaders</source>
        <translation>市级领导</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="29"/>
        <source>District leaders</source>
        <translation>区级领导</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="30"/>
        <source>Township (street) leaders</source>
        <translation>街道（乡镇）领导</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="31"/>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="31"/>
        <source>District</source>
        <translation>区级</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="31"/>
        <source>Township</source>
        <translation>街道级</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="32"/>
        <source>Received</source>
        <translation>批示件数</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="32"/>
        <source>On time</source>
        <translation>按时办结</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="32"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="32"/>
        <source>Open</source>
        <translation>在办</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="33"/>
        <source>Instructions per level</source>
        <translation>各级领导批示</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="34"/>
        <location filename="../../ui/dashboard/instructions_page.py" line="38"/>
        <source>Level</source>
        <translation>批示层级</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="35"/>
        <source>Instructions per unit</source>
        <translation>各承办单位批示件</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="36"/>
        <location filename="../../ui/dashboard/instructions_page.py" line="39"/>
        <source>Unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="37"/>
        <location filename="../../ui/dashboard/instructions_page.py" line="46"/>
        <source>Overdue instructions</source>
        <translation>超期批示件</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="38"/>
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="38"/>
        <source>Leader</source>
        <translation>批示领导</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="38"/>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="39"/>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="39"/>
        <source>Replied</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="42"/>
        <source>Per level</source>
        <translation>按层级</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="43"/>
        <source>Per unit</source>
        <translation>按承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="53"/>
        <source>(not dispatched yet)</source>
        <translation>（尚未派单）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/instructions_page.py" line="60"/>
        <source>not yet</source>
        <translation>未办结</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../ui/report/export.py" line="76"/>
        <source>Monthly hotspot report</source>
        <translation>月度热点报告</translation>
    </message>
    <message>
        <location filename="../../ui/report/export.py" line="82"/>
        <location filename="../../ui/report/export.py" line="89"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../ui/report/export.py" line="85"/>
        <location filename="../../ui/report/export.py" line="90"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/report/export.py" line="103"/>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
</context>
<context>
    <name>WarningsPage</name>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="47"/>
        <source>&amp;Up to</source>
        <translation>截至(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="49"/>
        <source>&amp;Days</source>
        <translation>天数(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="56"/>
        <source>Clusters</source>
        <translation>聚集预警</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="57"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="57"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="57"/>
        <location filename="../../ui/dashboard/warnings_page.py" line="60"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="57"/>
        <source>Calls</source>
        <translation>来电数</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="58"/>
        <source>Usually</source>
        <translation>常态值</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="58"/>
        <source>Limit</source>
        <translation>预警线</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="59"/>
        <source>Hotspots</source>
        <translation>热点</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="60"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="60"/>
        <source>Place or company</source>
        <translation>地点或企业</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="61"/>
        <source>Callers</source>
        <translation>来电人数</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="61"/>
        <source>Cases</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="63"/>
        <source>Clusters: one category in one district, one day</source>
        <translation>聚集预警：同一区县同一类别单日来电激增</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="65"/>
        <source>Hotspots: one place or company, several callers in 7 days</source>
        <translation>热点：同一地点或企业 7 日内多人反映</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="82"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="82"/>
        <source>Company</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/warnings_page.py" line="91"/>
        <source>P(at least this many | usual) = %1</source>
        <translation>常态下出现不少于此数的概率 = %1</translation>
    </message>
</context>
</TS>

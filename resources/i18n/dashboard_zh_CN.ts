<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardWidget</name>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="121" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="124" />
        <location filename="../../ui/dashboard/widget.py" line="126" />
        <source>Monthly report…</source>
        <translation>月度报告…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="134" />
        <location filename="../../ui/dashboard/widget.py" line="139" />
        <source>Leaders' instructions and picks, still open</source>
        <translation>未办结的领导批示和点球件</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="135" />
        <location filename="../../ui/dashboard/widget.py" line="198" />
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="135" />
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="135" />
        <location filename="../../ui/dashboard/widget.py" line="198" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="135" />
        <location filename="../../ui/dashboard/widget.py" line="187" />
        <location filename="../../ui/dashboard/widget.py" line="189" />
        <location filename="../../ui/dashboard/widget.py" line="198" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="136" />
        <location filename="../../ui/dashboard/widget.py" line="198" />
        <location filename="../../ui/dashboard/widget.py" line="206" />
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="136" />
        <location filename="../../ui/dashboard/widget.py" line="199" />
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="150" />
        <location filename="../../ui/dashboard/widget.py" line="291" />
        <source>Due in 2 hours</source>
        <translation>2小时内到期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="152" />
        <location filename="../../ui/dashboard/widget.py" line="292" />
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="155" />
        <location filename="../../ui/dashboard/widget.py" line="295" />
        <source>1-hour contacts overdue</source>
        <translation>1小时联系已超时</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="164" />
        <source>Intake per hour: today and the same day last week</source>
        <translation>每小时受理量：今天与上周同日</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="164" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="165" />
        <source>Last week</source>
        <translation>上周同日</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="166" />
        <source>Hot categories, last 7 days (grey: the 7 days before)</source>
        <translation>近7天热点类别（灰色：前7天）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="168" />
        <source>Districts, last 7 days (grey: the 7 days before)</source>
        <translation>近7天各区县受理量（灰色：前7天）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="178" />
        <source>District by category heat map, last 7 days</source>
        <translation>近7天区县×类别热力图</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="185" />
        <source>District by category, last 7 days</source>
        <translation>近7天区县×类别分布</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="186" />
        <location filename="../../ui/dashboard/widget.py" line="192" />
        <source>Top categories today</source>
        <translation>今日热点类别</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="187" />
        <location filename="../../ui/dashboard/widget.py" line="191" />
        <source>Cases</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="188" />
        <location filename="../../ui/dashboard/widget.py" line="194" />
        <source>Rising fastest</source>
        <translation>上升最快</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="189" />
        <source>7 days</source>
        <translation>近7天</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="189" />
        <source>7 days before</source>
        <translation>前7天</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="190" />
        <location filename="../../ui/dashboard/widget.py" line="193" />
        <source>Top districts today</source>
        <translation>今日热点区县</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="191" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="200" />
        <location filename="../../ui/dashboard/widget.py" line="202" />
        <source>Overdue, worst first</source>
        <translation>超期工单（最严重在前）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="200" />
        <source>Late</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="201" />
        <location filename="../../ui/dashboard/widget.py" line="203" />
        <source>Due in the next 2 hours</source>
        <translation>未来2小时内到期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="201" />
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="205" />
        <location filename="../../ui/dashboard/widget.py" line="217" />
        <source>Departments</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="206" />
        <source>Open</source>
        <translation>在办</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="206" />
        <source>On-time replies (month)</source>
        <translation>按时办结率（本月）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="207" />
        <source>Returns (month)</source>
        <translation>退单（本月）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="211" />
        <location filename="../../ui/dashboard/widget.py" line="216" />
        <source>Operators today</source>
        <translation>今日坐席</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="212" />
        <source>Operator</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="212" />
        <source>Calls logged</source>
        <translation>受理量</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="212" />
        <source>Direct answers</source>
        <translation>直接答复</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="213" />
        <source>Avg. handling (min)</source>
        <translation>平均处理时长（分钟）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="213" />
        <source>Callbacks due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="278" />
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="296" />
        <source>missed today: {0}</source>
        <translation>今日未按时联系：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="324" />
        <source>City instruction</source>
        <translation>市级批示</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="324" />
        <source>District instruction</source>
        <translation>区级批示</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="325" />
        <source>Township instruction</source>
        <translation>街道级批示</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="325" />
        <source>Leader's pick</source>
        <translation>领导点球</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="438" />
        <source>Report written: %1</source>
        <translation>报告已生成：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="440" />
        <source>Report failed: %1</source>
        <translation>报告生成失败：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="441" />
        <source>Writing the %1 report…</source>
        <translation>正在生成 %1 报告…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="458" />
        <source>Could not refresh: %1</source>
        <translation>刷新失败：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="477" />
        <source>{0} days</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="479" />
        <source>{0} hours</source>
        <translation>{0} 小时</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="480" />
        <source>{0} min</source>
        <translation>{0} 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="24" />
        <source>Dashboard</source>
        <translation>班长看板</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="25" />
        <source>My figures</source>
        <translation>我的数据</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../ui/report/export.py" line="76" />
        <source>Monthly hotspot report</source>
        <translation>月度热点报告</translation>
    </message>
    <message>
        <location filename="../../ui/report/export.py" line="82" />
        <location filename="../../ui/report/export.py" line="89" />
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../ui/report/export.py" line="85" />
        <location filename="../../ui/report/export.py" line="90" />
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/report/export.py" line="103" />
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
</context>
</TS>
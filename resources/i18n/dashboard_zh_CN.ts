<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardWidget</name>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="110"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="113"/>
        <location filename="../../ui/dashboard/widget.py" line="115"/>
        <source>Monthly report…</source>
        <translation>月度报告…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="123"/>
        <location filename="../../ui/dashboard/widget.py" line="128"/>
        <source>Leaders&apos; instructions and picks, still open</source>
        <translation>未办结的领导批示和点球件</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="124"/>
        <location filename="../../ui/dashboard/widget.py" line="181"/>
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="124"/>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="124"/>
        <location filename="../../ui/dashboard/widget.py" line="181"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="124"/>
        <location filename="../../ui/dashboard/widget.py" line="170"/>
        <location filename="../../ui/dashboard/widget.py" line="172"/>
        <location filename="../../ui/dashboard/widget.py" line="181"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="125"/>
        <location filename="../../ui/dashboard/widget.py" line="181"/>
        <location filename="../../ui/dashboard/widget.py" line="189"/>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="125"/>
        <location filename="../../ui/dashboard/widget.py" line="182"/>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="139"/>
        <location filename="../../ui/dashboard/widget.py" line="272"/>
        <source>Due in 2 hours</source>
        <translation>2小时内到期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="141"/>
        <location filename="../../ui/dashboard/widget.py" line="273"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="148"/>
        <source>Intake per hour: today and the same day last week</source>
        <translation>每小时受理量：今天与上周同日</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="148"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="149"/>
        <source>Last week</source>
        <translation>上周同日</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="150"/>
        <source>Hot categories, last 7 days (grey: the 7 days before)</source>
        <translation>近7天热点类别（灰色：前7天）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="152"/>
        <source>Districts, last 7 days (grey: the 7 days before)</source>
        <translation>近7天各区县受理量（灰色：前7天）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="162"/>
        <source>District by category heat map, last 7 days</source>
        <translation>近7天区县×类别热力图</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="168"/>
        <source>District by category, last 7 days</source>
        <translation>近7天区县×类别分布</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="169"/>
        <location filename="../../ui/dashboard/widget.py" line="175"/>
        <source>Top categories today</source>
        <translation>今日热点类别</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="170"/>
        <location filename="../../ui/dashboard/widget.py" line="174"/>
        <source>Cases</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="171"/>
        <location filename="../../ui/dashboard/widget.py" line="177"/>
        <source>Rising fastest</source>
        <translation>上升最快</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="172"/>
        <source>7 days</source>
        <translation>近7天</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="172"/>
        <source>7 days before</source>
        <translation>前7天</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="173"/>
        <location filename="../../ui/dashboard/widget.py" line="176"/>
        <source>Top districts today</source>
        <translation>今日热点区县</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="174"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="183"/>
        <location filename="../../ui/dashboard/widget.py" line="185"/>
        <source>Overdue, worst first</source>
        <translation>超期工单（最严重在前）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="183"/>
        <source>Late</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="184"/>
        <location filename="../../ui/dashboard/widget.py" line="186"/>
        <source>Due in the next 2 hours</source>
        <translation>未来2小时内到期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="184"/>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="188"/>
        <location filename="../../ui/dashboard/widget.py" line="199"/>
        <source>Departments</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="189"/>
        <source>Open</source>
        <translation>在办</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="189"/>
        <source>On-time replies (month)</source>
        <translation>按时办结率（本月）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="190"/>
        <source>Returns (month)</source>
        <translation>退单（本月）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="194"/>
        <location filename="../../ui/dashboard/widget.py" line="198"/>
        <source>Operators today</source>
        <translation>今日坐席</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="195"/>
        <source>Operator</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="195"/>
        <source>Calls logged</source>
        <translation>受理量</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="195"/>
        <source>Direct answers</source>
        <translation>直接答复</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="196"/>
        <source>Avg. handling (min)</source>
        <translation>平均处理时长（分钟）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="196"/>
        <source>Callbacks due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="259"/>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="301"/>
        <source>City instruction</source>
        <translation>市级批示</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="301"/>
        <source>District instruction</source>
        <translation>区级批示</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="302"/>
        <source>Township instruction</source>
        <translation>街道级批示</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="302"/>
        <source>Leader&apos;s pick</source>
        <translation>领导点球</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="406"/>
        <source>Report written: %1</source>
        <translation>报告已生成：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="408"/>
        <source>Report failed: %1</source>
        <translation>报告生成失败：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="409"/>
        <source>Writing the %1 report…</source>
        <translation>正在生成 %1 报告…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="426"/>
        <source>Could not refresh: %1</source>
        <translation>刷新失败：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="25"/>
        <source>Dashboard</source>
        <translation>班长看板</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/page.py" line="26"/>
        <source>My figures</source>
        <translation>我的数据</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../ui/report/export.py" line="66"/>
        <source>Monthly hotspot report</source>
        <translation>月度热点报告</translation>
    </message>
    <message>
        <location filename="../../ui/report/export.py" line="72"/>
        <location filename="../../ui/report/export.py" line="79"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../ui/report/export.py" line="75"/>
        <location filename="../../ui/report/export.py" line="80"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/report/export.py" line="93"/>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
</context>
</TS>

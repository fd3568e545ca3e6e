<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardWidget</name>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="108"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="115"/>
        <location filename="../../ui/dashboard/widget.py" line="120"/>
        <source>Leaders&apos; instructions and picks, still open</source>
        <translation>未办结的领导批示和点球件</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="116"/>
        <location filename="../../ui/dashboard/widget.py" line="173"/>
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="116"/>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="116"/>
        <location filename="../../ui/dashboard/widget.py" line="173"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="116"/>
        <location filename="../../ui/dashboard/widget.py" line="162"/>
        <location filename="../../ui/dashboard/widget.py" line="164"/>
        <location filename="../../ui/dashboard/widget.py" line="173"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="117"/>
        <location filename="../../ui/dashboard/widget.py" line="173"/>
        <location filename="../../ui/dashboard/widget.py" line="181"/>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="117"/>
        <location filename="../../ui/dashboard/widget.py" line="174"/>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="131"/>
        <location filename="../../ui/dashboard/widget.py" line="264"/>
        <source>Due in 2 hours</source>
        <translation>2小时内到期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="133"/>
        <location filename="../../ui/dashboard/widget.py" line="265"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="140"/>
        <source>Intake per hour: today and the same day last week</source>
        <translation>每小时受理量：今天与上周同日</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="140"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="141"/>
        <source>Last week</source>
        <translation>上周同日</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="142"/>
        <source>Hot categories, last 7 days (grey: the 7 days before)</source>
        <translation>近7天热点类别（灰色：前7天）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="144"/>
        <source>Districts, last 7 days (grey: the 7 days before)</source>
        <translation>近7天各区县受理量（灰色：前7天）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="154"/>
        <source>District by category heat map, last 7 days</source>
        <translation>近7天区县×类别热力图</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="160"/>
        <source>District by category, last 7 days</source>
        <translation>近7天区县×类别分布</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="161"/>
        <location filename="../../ui/dashboard/widget.py" line="167"/>
        <source>Top categories today</source>
        <translation>今日热点类别</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="162"/>
        <location filename="../../ui/dashboard/widget.py" line="166"/>
        <source>Cases</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="163"/>
        <location filename="../../ui/dashboard/widget.py" line="169"/>
        <source>Rising fastest</source>
        <translation>上升最快</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="164"/>
        <source>7 days</source>
        <translation>近7天</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="164"/>
        <source>7 days before</source>
        <translation>前7天</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="165"/>
        <location filename="../../ui/dashboard/widget.py" line="168"/>
        <source>Top districts today</source>
        <translation>今日热点区县</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="166"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="175"/>
        <location filename="../../ui/dashboard/widget.py" line="177"/>
        <source>Overdue, worst first</source>
        <translation>超期工单（最严重在前）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="175"/>
        <source>Late</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="176"/>
        <location filename="../../ui/dashboard/widget.py" line="178"/>
        <source>Due in the next 2 hours</source>
        <translation>未来2小时内到期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="176"/>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="180"/>
        <location filename="../../ui/dashboard/widget.py" line="191"/>
        <source>Departments</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="181"/>
        <source>Open</source>
        <translation>在办</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="181"/>
        <source>On-time replies (month)</source>
        <translation>按时办结率（本月）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="182"/>
        <source>Returns (month)</source>
        <translation>退单（本月）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="186"/>
        <location filename="../../ui/dashboard/widget.py" line="190"/>
        <source>Operators today</source>
        <translation>今日坐席</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="187"/>
        <source>Operator</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="187"/>
        <source>Calls logged</source>
        <translation>受理量</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="187"/>
        <source>Direct answers</source>
        <translation>直接答复</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="188"/>
        <source>Avg. handling (min)</source>
        <translation>平均处理时长（分钟）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="188"/>
        <source>Callbacks due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="251"/>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="293"/>
        <source>City instruction</source>
        <translation>市级批示</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="293"/>
        <source>District instruction</source>
        <translation>区级批示</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="294"/>
        <source>Township instruction</source>
        <translation>街道级批示</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="294"/>
        <source>Leader&apos;s pick</source>
        <translation>领导点球</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/widget.py" line="396"/>
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
</TS>

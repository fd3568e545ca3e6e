<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DepartmentCaseDetail</name>
    <message>
        <location filename="../../ui/department/actions.py" line="61"/>
        <source>Not offered on this case now: {0}</source>
        <translation>当前不能对此工单执行：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="74"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="81"/>
        <source>Result for the citizen</source>
        <translation>办理结果（答复市民）</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="82"/>
        <source>What was done, and the result (read to the citizen at the callback)</source>
        <translation>办理经过和结果（回访时读给市民）</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="87"/>
        <location filename="../../ui/department/actions.py" line="88"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="89"/>
        <source>Not resolved (explained to the citizen)</source>
        <translation>未解决（已向市民解释说明）</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="90"/>
        <source>Outcome</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="96"/>
        <source>Unit believed responsible</source>
        <translation>建议承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="97"/>
        <source>(not named)</source>
        <translation>（不指定）</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="106"/>
        <source>More working days</source>
        <translation>延期工作日数</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="109"/>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="114"/>
        <source>Unit below to pass the case to</source>
        <translation>下派的下级单位</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="128"/>
        <source>Text (required)</source>
        <translation>内容（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="129"/>
        <source>The opinion or note, as the lead unit will read it</source>
        <translation>协办意见或备注，主办单位可见</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="130"/>
        <source>Required for this action</source>
        <translation>此操作必须填写</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="135"/>
        <source>Not done: write the result for the citizen.</source>
        <translation>未执行：请填写办理结果。</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="139"/>
        <source>Not done: write the opinion.</source>
        <translation>未执行：请填写协办意见。</translation>
    </message>
    <message>
        <location filename="../../ui/department/actions.py" line="143"/>
        <source>Not done: this unit has no unit below it to pass the case to.</source>
        <translation>未执行：本单位没有可下派的下级单位。</translation>
    </message>
</context>
<context>
    <name>DepartmentInbox</name>
    <message>
        <location filename="../../ui/department/inbox.py" line="21"/>
        <source>To sign for</source>
        <translation>待签收</translation>
    </message>
    <message>
        <location filename="../../ui/department/inbox.py" line="22"/>
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../../ui/department/inbox.py" line="23"/>
        <source>Extension requests</source>
        <translation>延期申请</translation>
    </message>
    <message>
        <location filename="../../ui/department/inbox.py" line="24"/>
        <source>Returned / under review</source>
        <translation>退单/审核中</translation>
    </message>
    <message>
        <location filename="../../ui/department/inbox.py" line="25"/>
        <source>Assisting</source>
        <translation>协办</translation>
    </message>
    <message>
        <location filename="../../ui/department/inbox.py" line="26"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../ui/department/inbox.py" line="27"/>
        <source>Passed down</source>
        <translation>已下派</translation>
    </message>
    <message>
        <location filename="../../ui/department/inbox.py" line="41"/>
        <source>Inbox tabs</source>
        <translation>待办分类</translation>
    </message>
    <message>
        <location filename="../../ui/department/inbox.py" line="42"/>
        <source>Department inbox</source>
        <translation>单位待办工单</translation>
    </message>
</context>
<context>
    <name>DepartmentWindow</name>
    <message>
        <location filename="../../ui/department/window.py" line="70"/>
        <source>Choose a case in the inbox first.</source>
        <translation>请先在待办列表中选择工单。</translation>
    </message>
    <message>
        <location filename="../../ui/department/window.py" line="88"/>
        <location filename="../../ui/department/window.py" line="191"/>
        <source>Local only</source>
        <translation>仅本地</translation>
    </message>
    <message>
        <location filename="../../ui/department/window.py" line="90"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/department/window.py" line="90"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/department/window.py" line="92"/>
        <source>syncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <location filename="../../ui/department/window.py" line="94"/>
        <source>last sync {0}</source>
        <translation>上次同步 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/department/window.py" line="95"/>
        <source>{0} unsynced changes</source>
        <translation>{0} 条待同步</translation>
    </message>
    <message>
        <location filename="../../ui/department/window.py" line="97"/>
        <source>{0} need attention</source>
        <translation>{0} 条需处理</translation>
    </message>
    <message>
        <location filename="../../ui/department/window.py" line="139"/>
        <source>12345 Hotline · {0}</source>
        <translation>12345 热线 · {0}</translation>
    </message>
    <message>
        <location filename="../../ui/department/window.py" line="139"/>
        <location filename="../../ui/department/window.py" line="186"/>
        <source>no department</source>
        <translation>未指定单位</translation>
    </message>
    <message>
        <location filename="../../ui/department/window.py" line="187"/>
        <source>{0} ({1}) · Department liaison · {2}</source>
        <translation>{0}（{1}）· 承办单位联络员 · {2}</translation>
    </message>
    <message>
        <location filename="../../ui/department/window.py" line="190"/>
        <source>Account and unit</source>
        <translation>账号和单位</translation>
    </message>
    <message>
        <location filename="../../ui/department/window.py" line="192"/>
        <source>Sync state</source>
        <translation>同步状态</translation>
    </message>
</context>
</TS>

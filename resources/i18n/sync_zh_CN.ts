<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="279"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="74"/>
        <source>Description</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="74"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="75"/>
        <source>Caller name</source>
        <translation>来电人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="75"/>
        <source>Answer</source>
        <translation>答复内容</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="82"/>
        <source>Refused by the central server ({0})</source>
        <translation>被中心平台退回的操作（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="83"/>
        <source>Conflicts to resolve ({0})</source>
        <translation>待处理的冲突（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="97"/>
        <source>No central server configured: this console works on its own.</source>
        <translation>未配置中心平台：本机独立工作。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="99"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="99"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="100"/>
        <source>{0} unsynced changes</source>
        <translation>{0} 项未同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="102"/>
        <source>last sync {0}</source>
        <translation>上次同步 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="110"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="115"/>
        <source>Sync summary</source>
        <translation>同步概况</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="116"/>
        <location filename="../../ui/sync_panel.py" line="117"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="125"/>
        <source>Refused operations</source>
        <translation>被退回的操作</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="126"/>
        <location filename="../../ui/sync_panel.py" line="132"/>
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="126"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="126"/>
        <source>Made at</source>
        <translation>操作时间</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="126"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="131"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="132"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="132"/>
        <source>Mine</source>
        <translation>本机的值</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="132"/>
        <source>Server&apos;s</source>
        <translation>平台的值</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="133"/>
        <source>Before both changes</source>
        <translation>修改前的值</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="140"/>
        <source>The chosen row in full</source>
        <translation>所选行的全文</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="145"/>
        <source>Keep mine</source>
        <translation>保留本机的值</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="146"/>
        <source>Keep my value</source>
        <translation>保留本机的值</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="147"/>
        <source>Keep the server&apos;s</source>
        <translation>采用平台的值</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="148"/>
        <source>Keep the server&apos;s value</source>
        <translation>采用平台的值</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="199"/>
        <source>Could not resolve: {0}</source>
        <translation>无法处理：{0}</translation>
    </message>
</context>
</TS>

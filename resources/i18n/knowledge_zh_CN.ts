<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>KnowledgePanel</name>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="176"/>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="179"/>
        <source>Search the knowledge base</source>
        <translation>搜索知识库</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="180"/>
        <source>Search articles, or type the description in the form</source>
        <translation>搜索知识，或在工单表单中填写诉求内容</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="184"/>
        <source>Search status</source>
        <translation>搜索状态</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="187"/>
        <source>Matching articles</source>
        <translation>匹配的知识条目</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="201"/>
        <source>Answer of the selected article</source>
        <translation>所选知识的答复内容</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="204"/>
        <source>Departments responsible</source>
        <translation>职责部门</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="207"/>
        <source>Insert answer</source>
        <translation>插入答复</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="213"/>
        <source>Insert answer (%1)</source>
        <translation>插入答复（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="215"/>
        <source>Insert the article&apos;s answer into the reply</source>
        <translation>将该知识的答复内容插入直接答复</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="260"/>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/knowledge_panel.py" line="269"/>
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 条知识</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="273"/>
        <source>No article answers this well: check the responsible departments below, or dispatch</source>
        <translation>知识库中没有能回答此问题的文章：请查看下方的职责单位，或派单</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="282"/>
        <source>Expired</source>
        <translation>已失效</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="301"/>
        <source>Expired on %1: check before quoting it</source>
        <translation>已于%1失效：引用前请核实</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="309"/>
        <source>Responsible departments</source>
        <translation>职责清单匹配的部门</translation>
    </message>
</context>
<context>
    <name>panel</name>
    <message>
        <location filename="../../ui/knowledge_panel.py" line="350"/>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
</context>
</TS>

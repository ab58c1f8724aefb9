<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>GuideInfoController</name>
    <message numerus="yes">
        <source>About %n min to read</source>
        <translation>
            <numerusform>About %n min to read</numerusform>
            <numerusform>About %n min to read</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryController</name>
    <message numerus="yes">
        <source>%n of your bookmarks or notes are for parts of the guide that changed; they are kept and marked “changed guide”.</source>
        <translation>
            <numerusform>%n of your bookmarks or notes is for a part of the guide that changed; it is kept and marked “changed guide”.</numerusform>
            <numerusform>%n of your bookmarks or notes are for parts of the guide that changed; they are kept and marked “changed guide”.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message numerus="yes">
        <source>Wrong PIN. %n try(s) left before a pause.</source>
        <translation>
            <numerusform>Wrong PIN. %n try left before a pause.</numerusform>
            <numerusform>Wrong PIN. %n tries left before a pause.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintController</name>
    <message numerus="yes">
        <source>Saved %n page(s) to {path}</source>
        <translation>
            <numerusform>Saved %n page to {path}</numerusform>
            <numerusform>Saved %n pages to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer</source>
        <translation>
            <numerusform>Sent %n page to the printer</numerusform>
            <numerusform>Sent %n pages to the printer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchRows</name>
    <message numerus="yes">
        <source>more than %n sections</source>
        <translation>
            <numerusform>more than %n section</numerusform>
            <numerusform>more than %n sections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n section(s)</source>
        <translation>
            <numerusform>%n section</numerusform>
            <numerusform>%n sections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your notes</source>
        <translation>
            <numerusform>%n of your notes</numerusform>
            <numerusform>%n of your notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your questions</source>
        <translation>
            <numerusform>%n of your questions</numerusform>
            <numerusform>%n of your questions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(best %n shown)</source>
        <translation>
            <numerusform>(best %n shown)</numerusform>
            <numerusform>(best %n shown)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TakeHomeDialog</name>
    <message numerus="yes">
        <source>Point your phone&apos;s camera at each of the %n code(s), in order.</source>
        <translation>
            <numerusform>Point your phone&apos;s camera at the code.</numerusform>
            <numerusform>Point your phone&apos;s camera at each of the %n codes, in order.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransferWords</name>
    <message numerus="yes">
        <source>%n bookmark(s)</source>
        <translation>
            <numerusform>%n bookmark</numerusform>
            <numerusform>%n bookmarks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n question</numerusform>
            <numerusform>%n questions</numerusform>
        </translation>
    </message>
</context>
</TS>

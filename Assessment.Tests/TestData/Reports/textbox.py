# Writes a .docx with a text box (a LibreOffice text frame) anchored in its second paragraph, as LibreOffice Writer saves
# it: the box once as a drawing (mc:Choice) and once as VML (mc:Fallback). Usage: python3 textbox.py <target.docx>.
# Needs LibreOffice and its Python bridge (Debian: libreoffice-writer-nogui, python3-uno); used by make-docx.sh.
import subprocess, time, uno, sys
from com.sun.star.beans import PropertyValue
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK
def prop(n, v):
    p = PropertyValue(); p.Name, p.Value = n, v; return p
office = subprocess.Popen(['soffice', '--headless', '--norestore', '--accept=socket,host=localhost,port=2003;urp;'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    for _ in range(120):
        try:
            ctx = resolver.resolve('uno:socket,host=localhost,port=2003;urp;StarOffice.ComponentContext'); break
        except Exception:
            time.sleep(0.5)
    desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
    doc = desktop.loadComponentFromURL('private:factory/swriter', '_blank', 0, (prop('Hidden', True),))
    text = doc.Text
    cur = text.createTextCursor()
    text.insertString(cur, '自查报告', False); text.insertControlCharacter(cur, PARAGRAPH_BREAK, False)
    text.insertString(cur, '一、基本情况', False)
    frame = doc.createInstance('com.sun.star.text.TextFrame')
    text.insertTextContent(cur, frame, False)
    frame.Text.setString('全年开展集体学习研讨8次。')
    text.insertControlCharacter(cur, PARAGRAPH_BREAK, False)
    text.insertString(cur, '全年撰写调研报告3篇。', False)
    doc.storeToURL(uno.systemPathToFileUrl(sys.argv[1]), (prop('FilterName', 'MS Word 2007 XML'),))
    doc.close(True)
finally:
    office.terminate()

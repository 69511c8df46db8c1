# Types values into a workbook through LibreOffice Calc's input line, as a user would (the cell's format decides what
# the typed text becomes: "007" in a text cell stays 007, "2024-03-05" in a general cell becomes a date), then saves it
# as XLSX. Usage: python3 type-into.py <workbook> <saved as> <folder of CSVs named by sheet, rows typed under the header>
# Needs LibreOffice and its Python bridge (Debian: libreoffice-calc-nogui, python3-uno); used by make.sh.
import csv, glob, os, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

source, target, data = sys.argv[1:4]


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


office = subprocess.Popen(['soffice', '--headless', '--norestore', '--accept=socket,host=localhost,port=2002;urp;'],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    for _ in range(120):
        try:
            ctx = resolver.resolve('uno:socket,host=localhost,port=2002;urp;StarOffice.ComponentContext')
            break
        except Exception:
            time.sleep(0.5)
    desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
    dispatcher = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.DispatchHelper', ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), '_blank', 0, (prop('Hidden', True),))
    view = doc.CurrentController
    for f in sorted(glob.glob(os.path.join(data, '*.csv'))):
        sheet = doc.Sheets.getByName(os.path.splitext(os.path.basename(f))[0])
        view.setActiveSheet(sheet)
        rows = list(csv.reader(open(f, encoding='utf-8-sig')))
        for r, row in enumerate(rows[1:], start=1):
            for c, value in enumerate(row):
                if value != '':
                    view.select(sheet.getCellByPosition(c, r))
                    dispatcher.executeDispatch(view.Frame, '.uno:EnterString', '', 0, (prop('StringName', value),))
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop('FilterName', 'Calc MS Excel 2007 XML'),))
finally:
    office.terminate()

using System.CommandLine;
using System.Text;
using Assessment.Core.Import;
using Assessment.Core.Writing;

namespace Assessment.Cli.Commands;

/// <summary><c>assess template &lt;folder&gt;</c>: empty CSV files with the headers of every table, and a README that
/// explains each column, so a user can start filling in an export. The result validates with no errors.</summary>
internal static class TemplateCommand
{
    public static Command Build(Terminal terminal)
    {
        var folder = new Argument<string>("folder") { Description = "写入模板的文件夹 / the folder to write the template into" };
        var lang = Options.Lang();
        var force = new Option<bool>("--force") { Description = "覆盖已有文件 / overwrite files that exist" };
        var command = new Command("template", "生成空白导出模板 / write an empty export to fill in") { folder, lang, force };
        command.SetAction(r =>
        {
            var dir = r.GetValue(folder)!;
            var zh = r.GetValue(lang) != "en";
            if (dir.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException($"{dir}: 模板是 CSV 文件夹或 .xlsx 工作簿；JSON 格式见 docs/export-format.md / a template is a CSV folder or an .xlsx workbook; the JSON form is described in docs/export-format.md");
            }

            if (dir.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                return Workbook(terminal, dir, zh, r.GetValue(force));
            }

            var names = Tables.All.Select(t => t.FileName).Append("README.md").ToArray();
            var existing = names.Where(n => File.Exists(Path.Combine(dir, n))).ToArray();
            if (existing.Length > 0 && !r.GetValue(force))
            {
                throw new UsageException($"{dir}: 已有文件 / files exist: {string.Join(", ", existing)} (--force 覆盖 / overwrites)");
            }

            OutputFile.WriteFolder(dir, temp =>
            {
                var bom = new UTF8Encoding(true);
                foreach (var table in Tables.All)
                {
                    OutputStream.WriteText(Path.Combine(temp, table.FileName), bom,
                        w => w.Write(string.Join(",", table.Columns.Select(c => zh ? c.Zh : c.Name)) + "\r\n"));
                }

                OutputStream.WriteText(Path.Combine(temp, "README.md"), new UTF8Encoding(false), w => w.Write(ColumnDocs.Readme(zh)));
            });
            terminal.Out.WriteLine(zh ? $"已写入 {names.Length} 个文件到 {dir}" : $"wrote {names.Length} files to {dir}");
            return 0;
        });
        return command;
    }

    /// <summary>The template as one workbook: a sheet per table with its headers, the text columns formatted as text,
    /// and a last sheet "说明" (README) explaining every column, which the reader skips.</summary>
    private static int Workbook(Terminal terminal, string path, bool zh, bool force)
    {
        OutputFile.CheckFolder(path, null);
        if (File.Exists(path) && !force)
        {
            throw new UsageException($"{path}: 已存在 / exists (--force 覆盖 / overwrites)");
        }

        OutputFile.WriteFile(path, temp => ExportWriters.WriteXlsxTemplate(temp, !zh, ColumnDocs.IsText, zh ? "说明" : "README", ColumnDocs.Notes(zh)));
        terminal.Out.WriteLine(zh ? $"已写入模板工作簿 {path}（{Tables.All.Count} 张表和“说明”工作表）" : $"wrote the template workbook {path} ({Tables.All.Count} tables and a README sheet)");
        return 0;
    }
}

/// <summary>What each column holds, in Chinese and English, for the template's README.</summary>
internal static class ColumnDocs
{
    private static readonly Dictionary<string, (string Zh, string En)> Kinds = new()
    {
        ["id"] = ("编码，任意文字", "an id, any text"),
        ["text"] = ("文字", "text"),
        ["date"] = ("日期：2024-03-05、2024/3/5、2024.3.5、2024年3月5日 或 20240305", "a date: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 or 20240305"),
        ["bool"] = ("是/否、有/无、Y/N、√/×、1/0；空白表示未记录", "yes/no: 是/否, 有/无, Y/N, √/×, 1/0; blank is not recorded"),
        ["rate"] = ("比率：0.55、55% 或 55", "a rate: 0.55, 55% or 55"),
        ["list"] = ("多个值用 ; ； 、 或 \\| 分隔", "several values separated by ; ； 、 or \\|"),
        ["whole"] = ("整数", "a whole number"),
        ["word"] = ("取值见说明（中文或英文代码）", "one of the words in the meaning (Chinese or the English code)"),
    };

    private static readonly Dictionary<string, (string Kind, string Zh, string En)> Columns = new()
    {
        ["unit_id"] = ("id", "单位编码（所有表中一致；上级部署、豁免中空白或 * 表示所有单位）", "the unit (the same in every table; blank or * in directives and waivers means every unit)"),
        ["unit_name"] = ("text", "单位名称", "the unit's name"),
        ["year"] = ("whole", "测评年度，2000–2100 的整数", "the assessment year, a whole number 2000–2100"),
        ["profile"] = ("word", "测评方案：standard（县级及以上党委、党组）或 grassroots（乡镇、街道、院系），默认 standard", "the rubric: standard (county level and up) or grassroots (townships, streets, departments); default standard"),
        ["has_subordinate_groups"] = ("bool", "是否有下级理论学习中心组", "whether the unit has subordinate study groups"),
        ["agenda_meetings"] = ("whole", "党委（党组）会议研究中心组学习的次数，0–1000 的整数", "times the committee put the group's study on its agenda, 0–1000"),
        ["in_party_building_resp"] = ("bool", "是否纳入党建工作责任制", "in the Party-building responsibility system"),
        ["in_ideology_resp"] = ("bool", "是否纳入意识形态工作责任制", "in the ideology responsibility system"),
        ["platform_active_rate"] = ("rate", "学习平台（如学习强国）活跃率", "the online study platform's activity rate"),
        ["member_id"] = ("id", "成员编码", "the person"),
        ["name"] = ("text", "姓名", "the person's name"),
        ["role"] = ("list", "角色：书记、分管宣传、学习秘书、成员（可多个）", "roles: 书记 secretary, 分管宣传 propaganda_lead, 学习秘书 study_secretary, 成员 member (several allowed)"),
        ["self_study_plan"] = ("bool", "有个人自学计划", "has a self-study plan"),
        ["study_notes"] = ("bool", "有学习笔记", "keeps study notes"),
        ["session_id"] = ("id", "学习编号", "the session"),
        ["date"] = ("date", "日期", "the date"),
        ["duration_minutes"] = ("whole", "学习时长（分钟），0–1440 的整数", "length in minutes, 0–1440"),
        ["form"] = ("word", "形式：集体学习研讨（默认）、专题辅导、走出去、网络学习", "form: 集体学习研讨 collective (default), 专题辅导 lecture, 走出去 field, 网络学习 online"),
        ["topic"] = ("text", "学习专题", "the session's topic"),
        ["content_tags"] = ("list", "内容标签：创新理论、党章党规党纪、党史、法律法规，或其他文字", "content: 创新理论, 党章党规党纪, 党史, 法律法规, or any other text"),
        ["host_id"] = ("id", "主持人的成员编码", "the member who chaired"),
        ["acting_reason"] = ("text", "书记未主持时的代为主持原因", "why someone else chaired, when the secretary did not"),
        ["notice_date"] = ("date", "会议通知日期", "when the session was announced"),
        ["materials_issued"] = ("bool", "会前印发学习材料", "materials issued beforehand"),
        ["secretary_remarks"] = ("bool", "书记作总结讲评", "the secretary gave closing remarks"),
        ["sign_in"] = ("bool", "签到", "attendance signed in"),
        ["has_record"] = ("bool", "有学习记录", "minutes kept"),
        ["briefing"] = ("bool", "编发简报", "a briefing issued"),
        ["linked_issue"] = ("text", "联系的实际问题", "the real problem the session was tied to"),
        ["directive_ids"] = ("list", "学习的上级部署编号", "ids of the directives studied"),
        ["status"] = ("word", "状态：出席、请假、缺席", "status: 出席 present, 请假 leave, 缺席 absent"),
        ["leave_approved"] = ("bool", "请假已批准", "leave approved"),
        ["makeup_date"] = ("date", "补学日期", "when the missed study was made up"),
        ["kind"] = ("text", "类型（见下文各表的取值）", "kind (values per table below)"),
        ["written"] = ("bool", "有书面发言材料", "a written speech"),
        ["output_id"] = ("id", "成果编号", "the output"),
        ["title"] = ("text", "标题", "the title"),
        ["published_level"] = ("word", "发表级别：无、县级、市级、省级、国家级", "published at: 无 none, 县级 county, 市级 city, 省级 province, 国家级 national"),
        ["adopted"] = ("bool", "获批示或采纳", "adopted or endorsed"),
        ["doc_id"] = ("id", "文件编号", "the document"),
        ["approved_by"] = ("id", "审定人的成员编码（豁免表中为批准机关或人）", "the member who approved it (in waivers: who granted it)"),
        ["filed_date"] = ("date", "向上级报送日期", "when it was filed upward"),
        ["has_topics"] = ("bool", "列明学习专题", "lists the topics"),
        ["has_schedule"] = ("bool", "列明时间安排", "gives a schedule"),
        ["event_id"] = ("id", "活动编号", "the event"),
        ["note"] = ("text", "说明", "a note"),
        ["directive_id"] = ("id", "上级部署编号", "the directive"),
        ["issued_date"] = ("date", "印发日期", "when it was issued"),
        ["finding"] = ("word", "问题类型：弄虚作假、严重政治问题", "finding: 弄虚作假 falsification, 严重政治问题 political_incident"),
        ["item_id"] = ("id", "豁免的评分项目编号，如 XS-06", "the item waived, such as XS-06"),
        ["justification"] = ("text", "豁免理由", "why it is waived"),
        ["expires"] = ("date", "截止日期，空白为长期有效", "when it expires; blank never"),
    };

    private static readonly Dictionary<string, (string Zh, string En)> KindValues = new()
    {
        ["speeches"] = ("中心发言、交流发言（默认）、领学", "中心发言 keynote, 交流发言 discussion (default), 领学 lead_reading"),
        ["outputs"] = ("调研报告、理论文章、心得体会、党课、宣讲、成果转化", "调研报告 research_report, 理论文章 article, 心得体会 reflection, 党课 party_lecture, 宣讲 talk, 成果转化 conversion"),
        ["documents"] = ("学习计划、学习制度、专题安排、年度总结、学习档案、通报、述学考核", "学习计划 plan, 学习制度 rules, 专题安排 topic_schedule, 年度总结 summary, 学习档案 archive, 通报 bulletin, 述学考核 member_review"),
        ["events"] = ("列席旁听、督查指导、获评先进、经验推广", "列席旁听 sit_in, 督查指导 inspection, 获评先进 award, 经验推广 promoted"),
    };

    /// <summary>Every column of every table, as the template explains it: the table, the column's name (with * when
    /// required), its name in the other language, what it means, and the values it takes.</summary>
    public static IEnumerable<(TableSchema Table, string Column, string Other, string Meaning, string Values)> Rows(bool zh)
    {
        foreach (var table in Tables.All)
        {
            foreach (var c in table.Columns)
            {
                var (kind, czh, cen) = Columns[c.Name];
                var (meaning, values) = c.Name == "kind" && KindValues.TryGetValue(table.Name, out var kv)
                    ? (zh ? "类型" : "kind", zh ? kv.Zh : kv.En)
                    : (zh ? czh : cen, zh ? Kinds[kind].Zh : Kinds[kind].En);
                yield return (table, zh ? $"{c.Zh}{Star(c)}" : $"{c.Name}{Star(c)}", zh ? c.Name : c.Zh, meaning, values);
            }
        }
    }

    public static string Readme(bool zh)
    {
        var sb = new StringBuilder();
        sb.AppendLine(zh ? "# 导出数据模板" : "# Export template");
        sb.AppendLine();
        sb.AppendLine(zh
            ? "每张表一个 CSV 文件，第一行为表头（中文或英文列名均可）。只有 units.csv 必填，其余表没有数据时可以留空或删除。标 * 的列为必填。填好后运行 `assess validate <文件夹>` 检查。用 Excel、WPS 等表格软件填写时，请改用 `assess template <文件>.xlsx` 生成的工作簿：表格软件打开 CSV 时会把 007 之类的编码改成 7。"
            : "One CSV file per table; the first line holds the headers (Chinese or English names). Only units.csv is required; leave the other tables empty or delete them when there are no rows. Columns marked * are required. Run `assess validate <folder>` when done. To fill it in with Excel, WPS or another spreadsheet, use the workbook `assess template <file>.xlsx` writes instead: a spreadsheet opening a CSV file turns ids such as 007 into 7.");
        TableSchema? table = null;
        foreach (var row in Rows(zh))
        {
            if (row.Table != table)
            {
                table = row.Table;
                sb.AppendLine();
                sb.AppendLine($"## {table.FileName} — {table.Zh}");
                sb.AppendLine();
                sb.AppendLine(zh ? "| 列 | 英文名 | 说明 | 填写格式 |" : "| column | Chinese | meaning | values |");
                sb.AppendLine("|---|---|---|---|");
            }

            sb.AppendLine($"| {row.Column} | {row.Other} | {row.Meaning} | {row.Values} |");
        }

        return sb.ToString();
    }

    /// <summary>The notes sheet of a workbook template: a header, a row per column of every table, then how to fill it in.</summary>
    public static IReadOnlyList<string[]> Notes(bool zh) =>
    [
        zh ? ["工作表", "列", "英文名", "说明", "填写格式"] : ["sheet", "column", "Chinese", "meaning", "values"],
        .. Rows(zh).Select(r => new[] { zh ? r.Table.Zh : r.Table.Name, r.Column, r.Other, r.Meaning, r.Values.Replace("\\|", "|", StringComparison.Ordinal) }),
        [],
        [zh
            ? "每张表一个工作表，第一行为表头（中文或英文列名均可）。只有“单位”表必填，其余表没有数据时留空。标 * 的列为必填。编码、姓名等文字列已设为文本格式，输入 007 不会变成 7。填好后运行 assess validate <文件>.xlsx 检查。本工作表不参与评分。"
            : "One sheet per table; the first row holds the headers (Chinese or English names). Only the units sheet is required; leave the others empty when there are no rows. Columns marked * are required. Ids, names and other text columns are formatted as text, so 007 stays 007. Run assess validate <file>.xlsx when done. This sheet is not read for scoring."],
    ];

    /// <summary>Whether a spreadsheet should keep what is typed in the column as text: ids, names, free text, lists and
    /// vocabulary words. Dates, numbers, rates and yes/no stay general, so that a typed date is a real date.</summary>
    public static bool IsText(ColumnSchema c) => Columns[c.Name].Kind is "id" or "text" or "list" or "word";

    private static string Star(ColumnSchema c) => c.Required ? " *" : "";

    /// <summary>Every column of every table has a description (checked by a test).</summary>
    public static bool Describes(string column) => Columns.ContainsKey(column);
}
